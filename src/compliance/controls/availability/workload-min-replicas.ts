import { defineControl, fail, pass } from '../../control';
import { pauseRemedy } from './private/keda';
import { expectedReplicas } from './private/replicas';
import { replicatedWorkloads } from './private/workloads';

/** Every Deployment, StatefulSet and Knative Service keeps enough replicas to survive the loss of one pod. */
export const workloadMinReplicas = defineControl({
  id: 'workload-min-replicas',
  title: 'Workloads run redundant replicas',
  condition: 'Every Deployment and StatefulSet (Argo Rollouts and OpenKruise CloneSets and StatefulSets included) and every Knative Service keeps at least config.minReplicas (2 by default) replicas: '
    + 'its spec.replicas (absent means 1), or the minReplicas (default 1) of the HorizontalPodAutoscaler that scales it, or the idleReplicaCount, '
    + 'else the minReplicaCount (default 0, scale to zero), of the KEDA ScaledObject that scales it; with several autoscalers, the lowest count any of them leaves it at, '
    + 'the autoscaling.keda.sh/paused-replicas count of a paused ScaledObject included whatever autoscaler is beside it; under autoscaling.keda.sh/paused alone, '
    + 'which keeps whatever count the workload has, the lower of its spec.replicas and the ScaledObject\'s idleReplicaCount, else minReplicaCount (default 0); '
    + 'a workload applied with spec.replicas 0 that no autoscaler scales up from 0 (a HorizontalPodAutoscaler stops there, and KEDA does not scale it up while '
    + 'autoscaling.keda.sh/paused-scale-out pauses its ScaledObject, nor, while the triggers are inactive, up to an idleReplicaCount) runs 0; '
    + 'a Deployment whose pods an Argo Rollout runs through spec.workloadRef is held to the Rollout\'s count; '
    + 'a Knative Service keeps the autoscaling.knative.dev/min-scale of its template (unset: 0, as Knative\'s pod autoscaler scales a revision without traffic to zero; '
    + 'at least 1 under the hpa.autoscaling.knative.dev class), and its Revisions\' Deployments in a cluster export are left to it when their templates agree with its own and nothing else of the set (another autoscaler, an Argo Rollout) decides their count.',
  severity: 'medium',
  criteria: ['A1.2'],
  references: {
    polaris: ['deploymentMissingReplicas'],
  },
  remediation: 'Set spec.replicas to at least the configured minimum (2 by default), or minReplicas on the HorizontalPodAutoscaler, '
    + 'or minReplicaCount on the KEDA ScaledObject (without an idleReplicaCount below it) and autoscaling.keda.sh/paused-replicas on a paused one; '
    + 'for a Deployment run by an Argo Rollout, on the Rollout; for a Knative Service, the autoscaling.knative.dev/min-scale annotation of spec.template.metadata.',
  example: 'spec:\n  replicas: 2',
  check: ctx => replicatedWorkloads(ctx.index).map(pod => {
    const w = pod.owner;
    const expected = expectedReplicas(ctx.index, w);
    const min = ctx.config.minReplicas;
    if ('problem' in expected) return fail(w, expected.problem, expected.path);
    if (expected.count >= min) return pass(w, `${expected.count} replicas (${expected.source})`);
    const fix = expected.pause ? `: ${pauseRemedy(expected.pause, min)}` : '';
    return fail(w, `runs ${expected.count} replica${expected.count === 1 ? '' : 's'} (${expected.source}); at least ${min} are required${fix}`, expected.path);
  }),
});
