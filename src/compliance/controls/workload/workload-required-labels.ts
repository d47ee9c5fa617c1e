import { ResolvedComplianceConfig } from '../../config';
import { defineControl } from '../../control';
import { controllerOf } from '../../private/derived-templates';
import { evaluatePods, podMetadataPath, Problem } from './private/pod-checks';

/** Why the control checks nothing under a configuration (its `inactive`): no requiredWorkloadLabels set. */
function turnedOff(config: ResolvedComplianceConfig): string | undefined {
  return config.requiredWorkloadLabels.length === 0 ? 'no labels are required (requiredWorkloadLabels)' : undefined;
}

/** The labels of `required` that `labels` lacks or leaves empty, as `"a", "b"`; `undefined` when none. */
function lacking(required: readonly string[], labels: Readonly<Record<string, string>>): string | undefined {
  const missing = required.filter(label => !labels[label]);
  return missing.length === 0 ? undefined : missing.map(l => `"${l}"`).join(', ');
}

/** Every workload and its pod template carry the organisation's required labels with non-empty values. */
export const workloadRequiredLabels = defineControl({
  id: 'workload-required-labels',
  title: 'Workloads carry the required labels',
  condition: 'Every pod template, and the workload that holds it (a Deployment, CronJob, Argo Rollout…) unless a controller made that workload (a ReplicaSet of a Deployment, a Job of a CronJob), has each label of config.requiredWorkloadLabels with a non-empty value; not applicable when that list is empty.',
  severity: 'low',
  criteria: ['CC6.1', 'CC8.1'],
  references: {
    kubescape: ['C-0076', 'C-0077'],
  },
  remediation: 'Add the required labels (by default app.kubernetes.io/name and app.kubernetes.io/instance) to the workload\'s metadata and to its pod template, so the workload and every pod it runs can be traced to its application and release.',
  example: 'metadata:\n  labels:\n    app.kubernetes.io/name: api\n    app.kubernetes.io/instance: api-prod\nspec:\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: api\n        app.kubernetes.io/instance: api-prod',
  inactive: turnedOff,
  check: ctx => {
    if (turnedOff(ctx.config)) return [];
    const required = ctx.config.requiredWorkloadLabels;
    return evaluatePods(ctx, {
      pod: pod => {
        const problems: Problem[] = [];
        const inTemplate = lacking(required, pod.labels);
        if (inTemplate !== undefined) problems.push({ message: `lacks labels ${inTemplate}`, fullPath: `${podMetadataPath(pod)}.labels` });
        // A Pod's labels are its template's; any other workload has labels of its own (Kubescape C-0076, C-0077 read both),
        // but those of one a controller made (a Deployment's ReplicaSet, a CronJob's Job) are the controller's to write.
        const own = pod.specPath === 'spec' || controllerOf(pod.owner) !== undefined ? undefined : lacking(required, pod.owner.labels);
        if (own !== undefined) problems.push({ message: `the ${pod.owner.kind} itself lacks labels ${own}`, fullPath: 'metadata.labels' });
        return problems;
      },
    });
  },
});
