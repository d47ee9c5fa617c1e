import { Control } from '../../types';
import { apiserviceTlsVerified } from './apiservice-tls-verified';
import { monitoringOutboundTlsVerified } from './monitoring-outbound-tls-verified';
import { monitoringTlsVerified } from './monitoring-tls-verified';
import { storageEncrypted } from './storage-encrypted';

/** The encryption controls (verified TLS beyond the mesh and ingress, encryption at rest), in catalogue order. */
export const ENCRYPTION_CONTROLS: readonly Control[] = [
  apiserviceTlsVerified,
  monitoringTlsVerified,
  monitoringOutboundTlsVerified,
  storageEncrypted,
];
