import { AVAILABILITY_CONTROLS } from './controls/availability';
import { ENCRYPTION_CONTROLS } from './controls/encryption';
import { INGRESS_CONTROLS } from './controls/ingress';
import { MANIFEST_CONTROLS } from './controls/manifest';
import { MESH_CONTROLS } from './controls/mesh';
import { NAMESPACE_CONTROLS } from './controls/namespace';
import { NETWORK_CONTROLS } from './controls/network';
import { RBAC_CONTROLS } from './controls/rbac';
import { SUPPRESSION_CONTROLS } from './controls/suppression';
import { WORKLOAD_CONTROLS } from './controls/workload';
import { Control } from './types';

/** Every control, in a stable order: the order of reports. */
export const CATALOGUE: readonly Control[] = [
  ...WORKLOAD_CONTROLS,
  ...RBAC_CONTROLS,
  ...NETWORK_CONTROLS,
  ...INGRESS_CONTROLS,
  ...MESH_CONTROLS,
  ...ENCRYPTION_CONTROLS,
  ...NAMESPACE_CONTROLS,
  ...AVAILABILITY_CONTROLS,
  ...MANIFEST_CONTROLS,
  ...SUPPRESSION_CONTROLS,
];

/** A control by id. */
export function findControl(id: string): Control | undefined {
  return CATALOGUE.find(c => c.id === id);
}
