import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { spreadVerdict } from './private/spread';
import { replicatedWorkloads } from './private/workloads';

/** The replicas of every Deployment and StatefulSet (Argo Rollouts and OpenKruise CloneSets and StatefulSets included) and Knative Service are spread across nodes or zones. */
export const workloadTopologySpread = defineControl({
  id: 'workload-topology-spread',
  title: 'Replicas are spread across nodes or zones',
  condition: 'Every Deployment and StatefulSet (Argo Rollouts and OpenKruise CloneSets and StatefulSets included) and every Knative Service (its Revisions\' Deployments '
    + 'in a cluster export are left to it when their templates agree with its own and their spread selects their own pods too) has topologySpreadConstraints, all over kubernetes.io/hostname or '
    + 'topology.kubernetes.io/zone and at least one selecting its own pods, or a podAntiAffinity term on kubernetes.io/hostname or '
    + 'topology.kubernetes.io/zone selecting its own pods.',
  severity: 'low',
  criteria: ['A1.2'],
  references: {
    polaris: ['topologySpreadConstraint'],
    kubeScore: ['deployment-has-host-podantiaffinity', 'statefulset-has-host-podantiaffinity'],
  },
  remediation: 'Add a topologySpreadConstraint over topology.kubernetes.io/zone or kubernetes.io/hostname whose labelSelector '
    + 'matches the pod template labels. A Knative Service accepts the field only once Knative\'s config-features ConfigMap enables '
    + 'kubernetes.podspec-topologyspreadconstraints (or kubernetes.podspec-affinity for a podAntiAffinity).',
  example: 'topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: kubernetes.io/hostname\n  whenUnsatisfiable: ScheduleAnyway\n'
    + '  labelSelector:\n    matchLabels:\n      app.kubernetes.io/name: api',
  check: ctx => replicatedWorkloads(ctx.index).map((pod): CheckResult => {
    const verdict = spreadVerdict(pod);
    if (verdict.problems.length === 0) return pass(pod.owner, `spread by ${verdict.spreadBy}`);
    return fail(pod.owner, verdict.problems.map(p => p.message).join('; '), verdict.problems[0].path);
  }),
});
