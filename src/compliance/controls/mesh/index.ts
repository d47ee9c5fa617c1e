import { Control } from '../../types';
import { meshAccessLogging } from './mesh-access-logging';
import { meshDefaultDenyAuthz } from './mesh-default-deny-authz';
import { meshDestinationRuleMtls } from './mesh-destination-rule-mtls';
import { meshNoAllowAllAuthz } from './mesh-no-allow-all-authz';
import { meshNoMtlsDisable } from './mesh-no-mtls-disable';
import { meshNoPermissiveMtls } from './mesh-no-permissive-mtls';
import { meshRegistryOnlyEgress } from './mesh-registry-only-egress';
import { meshSidecarInjection } from './mesh-sidecar-injection';
import { meshStrictMtls } from './mesh-strict-mtls';

/** The mesh controls, in catalogue order. */
export const MESH_CONTROLS: readonly Control[] = [
  meshStrictMtls,
  meshNoMtlsDisable,
  meshNoPermissiveMtls,
  meshDestinationRuleMtls,
  meshDefaultDenyAuthz,
  meshNoAllowAllAuthz,
  meshSidecarInjection,
  meshRegistryOnlyEgress,
  meshAccessLogging,
];
