import { defineControl, fail, pass } from '../../control';
import { podSpecSlot, POD_KINDS } from '../../manifest-index';
import { CheckResult } from '../../types';

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
    + 'with containers a non-empty list of named containers, and initContainers and ephemeralContainers, when present, lists of named containers.',
  severity: 'high',
  criteria: ['CC8.1', 'CC6.8'],
  references: {},
  remediation: 'Write the pod template as the API defines it: spec.template.spec.containers is a list, each item a mapping with a name.',
  example: 'spec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/app@sha256:…',
  suppressible: false,
  check: ctx => {
    const out: CheckResult[] = [];
    const objects = ctx.index.objects;
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i];
      if (!POD_KINDS.has(o.kind)) continue;
      const slot = podSpecSlot(o);
      if (!slot) continue;
      const problem = shapeProblem(slot.spec);
      out.push(problem === undefined ? pass(o) : fail(o, problem.message, problem.path === undefined ? slot.specPath : `${slot.specPath}.${problem.path}`));
    }
    return out;
  },
});
