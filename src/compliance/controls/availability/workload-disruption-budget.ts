import { defineControl, fail, pass } from '../../control';
import { selectorIsEmpty } from '../../selectors';
import { IndexedObject } from '../../types';
import { evictionBudget } from './private/disruption';
import { expectedReplicas } from './private/replicas';
import { replicatedWorkloads } from './private/workloads';

/** Every Deployment, StatefulSet and Knative Service has one disruption budget that lets node drains proceed without taking it down. */
export const workloadDisruptionBudget = defineControl({
  id: 'workload-disruption-budget',
  title: 'Workloads have a usable PodDisruptionBudget',
  condition: 'Exactly one PodDisruptionBudget in the namespace selects the pods of every Deployment and StatefulSet (Argo Rollouts and OpenKruise CloneSets and StatefulSets included) '
    + 'and every Knative Service (its Revisions\' Deployments in a cluster export are left to it when their templates agree with its own and nothing else of the set decides for them); it allows at least '
    + 'one voluntary eviction and, with two or more replicas, keeps at least one pod available.',
  severity: 'medium',
  criteria: ['A1.2'],
  references: {
    polaris: ['missingPodDisruptionBudget'],
    kubeScore: ['deployment-has-poddisruptionbudget', 'statefulset-has-poddisruptionbudget', 'poddisruptionbudget-has-policy'],
  },
  remediation: 'Add a PodDisruptionBudget whose selector matches the pod template labels, with maxUnavailable: 1 '
    + '(or a minAvailable below the replica count).',
  example: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: api',
  check: ctx => {
    const budgets = ctx.index.selectorIndex('PodDisruptionBudget', 'policy', 'spec.selector');
    return replicatedWorkloads(ctx.index).map(pod => {
      const w = pod.owner;
      // In policy/v1beta1 an empty selector selects no pod (in v1 it selects every pod of the
      // namespace); filtered only when present, so the usual template allocates no second list.
      let matching = budgets.match(pod.namespace, pod.labels);
      if (matching.some(selectsNothing)) matching = matching.filter(b => !selectsNothing(b));
      if (matching.length === 0) return fail(w, 'no PodDisruptionBudget selects its pods');
      if (matching.length > 1) {
        return fail(w, `${matching.length} PodDisruptionBudgets select its pods (${matching.map(b => b.ref).join(', ')}); `
          + 'the eviction API refuses to evict a pod covered by more than one');
      }
      const pdb = matching[0];
      const expected = expectedReplicas(ctx.index, w);
      if ('problem' in expected) return fail(w, expected.problem, expected.path);
      // A budget matters while the pods run: judged at the fewest replicas of a running workload.
      const replicas = expected.activeCount ?? expected.count;
      if (replicas === 0) return pass(w, `scaled to 0 (${expected.source}): no pod to evict`);
      const budget = evictionBudget((pdb.raw as any).spec, replicas);
      if ('problem' in budget) return fail(w, `${pdb.ref} ${budget.problem}`);
      if (budget.allowed < 1) {
        return fail(w, `${pdb.ref} (${budget.rule}) allows no voluntary eviction of its ${replicas} replica${replicas === 1 ? '' : 's'}, `
          + 'so node drains block');
      }
      if (replicas >= 2 && budget.allowed >= replicas) {
        return fail(w, `${pdb.ref} (${budget.rule}) lets all ${replicas} replicas be evicted at once, so it keeps nothing available`);
      }
      return pass(w, `${pdb.ref} allows ${budget.allowed} of ${replicas} replicas to be evicted at once`);
    });
  },
});

/** Whether a budget selects no pod at all: an empty selector of policy/v1beta1. */
function selectsNothing(pdb: IndexedObject): boolean {
  return pdb.apiVersion === 'policy/v1beta1' && selectorIsEmpty((pdb.raw as any).spec?.selector);
}
