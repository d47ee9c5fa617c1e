import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { autoscalersOf } from './private/autoscalers';
import { replicatedWorkloads } from './private/workloads';

/** A workload that an autoscaler scales leaves its replica count to the autoscaler. */
export const workloadAutoscalerOwnsReplicas = defineControl({
  id: 'workload-autoscaler-owns-replicas',
  title: 'Autoscaled workloads do not fix their replica count',
  condition: 'Every Deployment and StatefulSet (Argo Rollouts and OpenKruise CloneSets and StatefulSets included) that a HorizontalPodAutoscaler of its namespace scales leaves spec.replicas unset: '
    + 'otherwise every apply of the manifest resets the replica count the autoscaler chose.',
  severity: 'medium',
  criteria: ['A1.2', 'CC8.1'],
  references: {
    kubeScore: ['deployment-targeted-by-hpa-does-not-have-replicas-configured'],
  },
  remediation: 'Remove spec.replicas from the workload and set the bounds on the HorizontalPodAutoscaler (minReplicas, maxReplicas).',
  example: 'spec:\n  # no replicas: the HorizontalPodAutoscaler decides\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: api',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const pod of replicatedWorkloads(ctx.index)) {
      const w = pod.owner;
      const hpas = autoscalersOf(ctx.index, w);
      if (hpas.length === 0) continue;
      const hpa = hpas.map(h => h.ref).join(' and ');
      const replicas = (w.raw as any).spec?.replicas;
      if (replicas === undefined || replicas === null) out.push(pass(w, `replicas decided by ${hpa}`));
      else out.push(fail(w, `sets spec.replicas (${JSON.stringify(replicas)}) although ${hpa} scale${hpas.length === 1 ? 's' : ''} it: each apply resets the count the autoscaler chose`, 'spec.replicas'));
    }
    return out;
  },
});
