import { Control } from '../../types';
import { networkEgressDefaultDeny } from './network-egress-default-deny';
import { networkIngressDefaultDeny } from './network-ingress-default-deny';
import { networkMetricsFromMonitoring } from './network-metrics-from-monitoring';
import { networkNoAllowAllIngress } from './network-no-allow-all-ingress';
import { networkNoMetadataEgress } from './network-no-metadata-egress';
import { networkNoOpenEgress } from './network-no-open-egress';
import { networkPolicyTargetsPods } from './network-policy-targets-pods';
import { serviceNoExternalExposure } from './service-no-external-exposure';
import { serviceTargetsPods } from './service-targets-pods';

/** The network controls, in catalogue order. */
export const NETWORK_CONTROLS: readonly Control[] = [
  networkIngressDefaultDeny,
  networkEgressDefaultDeny,
  networkNoAllowAllIngress,
  networkNoOpenEgress,
  networkNoMetadataEgress,
  networkMetricsFromMonitoring,
  networkPolicyTargetsPods,
  serviceNoExternalExposure,
  serviceTargetsPods,
];
