import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { replicaAutoscalersOf } from './private/scalers';
import { replicaOwners } from './private/workloads';

/** A workload that an autoscaler scales leaves its replica count to the autoscaler. */
export const workloadAutoscalerOwnsReplicas = defineControl({
  id: 'workload-autoscaler-owns-replicas',
  title: 'Autoscaled workloads do not fix their replica count',
  condition: 'Every Deployment and StatefulSet (Argo Rollouts, those that run a Deployment\'s or ReplicaSet\'s pods through spec.workloadRef included, '
    + 'and OpenKruise CloneSets and StatefulSets) that a HorizontalPodAutoscaler or a KEDA ScaledObject of its namespace scales leaves spec.replicas unset: '
    + 'otherwise every apply of the manifest resets the replica count the autoscaler chose. '
    + 'A Knative Revision\'s Deployment in a cluster export, whose count Knative\'s autoscaler sets, is left to its Knative Service when its template agrees with the Service\'s and nothing else of the set (another autoscaler, an Argo Rollout, a budget of its own) decides for it.',
  severity: 'medium',
  criteria: ['A1.2', 'CC8.1'],
  references: {
    kubeScore: ['deployment-targeted-by-hpa-does-not-have-replicas-configured'],
  },
  remediation: 'Remove spec.replicas from the workload and set the bounds on the autoscaler (minReplicas and maxReplicas of a '
    + 'HorizontalPodAutoscaler, minReplicaCount and maxReplicaCount of a KEDA ScaledObject).',
  example: 'spec:\n  # no replicas: the HorizontalPodAutoscaler decides\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: api',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const w of replicaOwners(ctx.index)) {
      const scalers = replicaAutoscalersOf(ctx.index, w);
      if (scalers.length === 0) continue;
      const by = scalers.map(s => s.object.ref).join(' and ');
      const replicas = (w.raw as any).spec?.replicas;
      if (replicas === undefined || replicas === null) out.push(pass(w, `replicas decided by ${by}`));
      else out.push(fail(w, `sets spec.replicas (${JSON.stringify(replicas)}) although ${by} scale${scalers.length === 1 ? 's' : ''} it: each apply resets the count the autoscaler chose`, 'spec.replicas'));
    }
    return out;
  },
});
