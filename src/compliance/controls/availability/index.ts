import { Control } from '../../types';
import { workloadDisruptionBudget } from './workload-disruption-budget';
import { workloadMinReplicas } from './workload-min-replicas';
import { workloadTopologySpread } from './workload-topology-spread';

/** The availability controls, in catalogue order. */
export const AVAILABILITY_CONTROLS: readonly Control[] = [
  workloadMinReplicas,
  workloadDisruptionBudget,
  workloadTopologySpread,
];
