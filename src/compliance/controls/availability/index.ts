import { Control } from '../../types';
import { autoscalerTargetsWorkload } from './autoscaler-targets-workload';
import { quotaAdmitsWorkloads } from './quota-admits-workloads';
import { statefulsetHeadlessService } from './statefulset-headless-service';
import { workloadAutoscalerOwnsReplicas } from './workload-autoscaler-owns-replicas';
import { workloadDisruptionBudget } from './workload-disruption-budget';
import { workloadMinReplicas } from './workload-min-replicas';
import { workloadTopologySpread } from './workload-topology-spread';

/** The availability controls, in catalogue order. */
export const AVAILABILITY_CONTROLS: readonly Control[] = [
  workloadMinReplicas,
  workloadDisruptionBudget,
  workloadTopologySpread,
  workloadAutoscalerOwnsReplicas,
  autoscalerTargetsWorkload,
  statefulsetHeadlessService,
  quotaAdmitsWorkloads,
];
