import { ResolvedComplianceConfig } from '../../config';
import { defineControl } from '../../control';
import { evaluatePods, podMetadataPath } from './private/pod-checks';

/** Why the control checks nothing under a configuration (its `inactive`): no requiredWorkloadLabels set. */
function turnedOff(config: ResolvedComplianceConfig): string | undefined {
  return config.requiredWorkloadLabels.length === 0 ? 'no labels are required (requiredWorkloadLabels)' : undefined;
}

/** Every pod template carries the organisation's required labels with non-empty values. */
export const workloadRequiredLabels = defineControl({
  id: 'workload-required-labels',
  title: 'Workloads carry the required labels',
  condition: 'Every pod template has each label of config.requiredWorkloadLabels with a non-empty value; not applicable when that list is empty.',
  severity: 'low',
  criteria: ['CC6.1', 'CC8.1'],
  references: {
    kubescape: ['C-0076', 'C-0077'],
  },
  remediation: 'Add the required labels (by default app.kubernetes.io/name and app.kubernetes.io/instance) to the pod template metadata, so every running pod can be traced to its application and release.',
  example: 'template:\n  metadata:\n    labels:\n      app.kubernetes.io/name: api\n      app.kubernetes.io/instance: api-prod',
  inactive: turnedOff,
  check: ctx => {
    if (turnedOff(ctx.config)) return [];
    const required = ctx.config.requiredWorkloadLabels;
    return evaluatePods(ctx, {
      pod: pod => {
        const missing = required.filter(label => !pod.labels[label]);
        return missing.length === 0 ? undefined
          : { message: `lacks labels ${missing.map(l => `"${l}"`).join(', ')}`, fullPath: `${podMetadataPath(pod)}.labels` };
      },
    });
  },
});
