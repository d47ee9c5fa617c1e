import { defineControl, fail, pass } from '../../control';
import { foreignPodSpecSlot, podSpecSlot, POD_KINDS } from '../../manifest-index';
import { CheckResult, IndexedObject } from '../../types';

const LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** What is wrong with a pod spec's shape, with the path below it, or `undefined` when every container can be read. */
function shapeProblem(spec: unknown): { message: string; path?: string } | undefined {
  if (spec === undefined) return { message: 'the pod spec is missing' };
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return { message: `the pod spec is ${Array.isArray(spec) ? 'a sequence' : spec === null ? 'null' : `a ${typeof spec}`}, not a mapping` };
  }
  for (const list of LISTS) {
    const items = (spec as Record<string, unknown>)[list];
    if (items === undefined || items === null) {
      if (list === 'containers') return { message: 'containers is missing', path: list };
      continue;
    }
    if (!Array.isArray(items)) return { message: `${list} is ${typeof items === 'object' ? 'a mapping' : `a ${typeof items}`}, not a list of containers`, path: list };
    if (list === 'containers' && items.length === 0) return { message: 'containers is empty', path: list };
    for (let i = 0; i < items.length; i++) {
      const c = items[i] as { name?: unknown } | null;
      if (c === null || typeof c !== 'object' || Array.isArray(c)) return { message: `${list}[${i}] is not a container (a mapping)`, path: `${list}[${i}]` };
      if (typeof c.name !== 'string' || c.name === '') return { message: `${list}[${i}] has no name`, path: `${list}[${i}].name` };
    }
  }
  return undefined;
}

/** What keeps a list of containers of another API's pod template from being read, or `undefined`. */
function containerListProblem(containers: unknown): string | undefined {
  if (!Array.isArray(containers)) return `containers is ${containers !== null && typeof containers === 'object' ? 'a mapping' : `a ${containers === null ? 'null' : typeof containers}`}, not a list of containers`;
  const i = containers.findIndex(c => c === null || typeof c !== 'object' || Array.isArray(c));
  return i < 0 ? undefined : `containers[${i}] is not a container (a mapping)`;
}

/**
 * Every Pod and workload has a pod spec the container controls can read. The API server refuses
 * the others, but a scanner that skipped them would report a workload it never checked as
 * compliant: a privileged container written as a mapping instead of a list passes every container
 * control. Not suppressible: there is nothing to accept.
 */
export const workloadPodSpecReadable = defineControl({
  id: 'workload-pod-spec-readable',
  title: 'Workloads have a pod spec that can be checked',
  condition: 'Every Pod and workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob) has a pod spec that is a mapping, '
    + 'with containers a non-empty list of named containers, and initContainers and ephemeralContainers, when present, lists of named containers; '
    + 'an object of another API that keeps a pod template where the workload APIs do has its containers as a list of mappings.',
  severity: 'high',
  criteria: ['CC8.1', 'CC6.8'],
  references: {},
  remediation: 'Write the pod template as the API defines it: spec.template.spec.containers is a list, each item a mapping with a name.',
  example: 'spec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/app@sha256:…',
  suppressible: false,
  check: ctx => {
    const out: CheckResult[] = [];
    const objects = ctx.index.objects;
    // The objects whose pods the engine checks, once another API's pod template is met.
    let owners: Set<IndexedObject> | undefined;
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i];
      const slot = POD_KINDS.has(o.kind) ? podSpecSlot(o) : undefined;
      if (slot) {
        const problem = shapeProblem(slot.spec);
        out.push(problem === undefined ? pass(o) : fail(o, problem.message, problem.path === undefined ? slot.specPath : `${slot.specPath}.${problem.path}`));
        continue;
      }
      // An object of another API with a pod template: its containers must at least be a list of mappings.
      const foreign = foreignPodSpecSlot(o);
      if (!foreign) continue;
      const problem = containerListProblem(foreign.spec.containers);
      if (problem !== undefined) out.push(fail(o, problem, `${foreign.specPath}.containers`));
      else if ((owners ??= new Set(ctx.index.podTemplates.map(t => t.owner))).has(o)) out.push(pass(o));
    }
    return out;
  },
});
