import { CheckContext, CheckResult, ContainerRef, Control, IndexedObject, PodTemplate } from './types';

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Declares a control; checks the id is kebab-case and short enough for an annotation key. */
export function defineControl(control: Control): Control {
  if (!ID.test(control.id) || control.id.length > 54) {
    throw new Error(`control id "${control.id}" must be kebab-case and at most 54 characters`);
  }
  if (control.criteria.length === 0) throw new Error(`control ${control.id} maps to no SOC 2 criterion`);
  return control;
}

/** A passing result. Passes and failures share one shape, which keeps the engine's loop monomorphic. */
export function pass(object: IndexedObject, message?: string): CheckResult {
  return { object, passed: true, message, path: undefined };
}

/** The failures of one object, or its pass when there are none. */
export function failuresOrPass(failures: CheckResult[], object: IndexedObject): CheckResult[] {
  return failures.length > 0 ? failures : [pass(object)];
}

/** A failing result, with the JSON path of the offending field. */
export function fail(object: IndexedObject, message: string, path?: string): CheckResult {
  return { object, passed: false, message, path };
}

const CONTAINER_LABEL: Readonly<Record<ContainerRef['list'], string>> = {
  containers: 'container', initContainers: 'initContainer', ephemeralContainers: 'ephemeralContainer',
};

/** The longest container name a message quotes whole (the API server accepts 63 characters); a longer one is cut. */
const MAX_QUOTED_NAME = 100;

/**
 * How a container is named in messages: `container "app"`, `initContainer "migrate"`, or
 * `containers[0]` for one without a name (a Knative Service's). An over-long name is cut, so
 * that each of its findings does not repeat it whole.
 */
export function containerLabel(c: ContainerRef): string {
  const name = c.container.name;
  if (typeof name !== 'string' || name === '') return `${c.list}[${c.index}]`;
  const shown = name.length > MAX_QUOTED_NAME ? `${name.slice(0, MAX_QUOTED_NAME)}…` : name;
  return `${CONTAINER_LABEL[c.list]} "${shown}"`;
}

/**
 * Evaluates a per-container condition on every pod template: the owner passes when every
 * container passes, and fails once per offending container. `check` returns `undefined` for a
 * compliant container, or the failure message (and optionally a path below the container).
 */
export function checkContainers(
  ctx: CheckContext,
  check: (c: ContainerRef) => string | { message: string; path?: string } | undefined,
): CheckResult[] {
  const out: CheckResult[] = [];
  const templates = ctx.index.podTemplates;
  const containers = ctx.index.containersFor(ctx.config);
  for (let t = 0; t < templates.length; t++) {
    const pod = templates[t];
    let failed = false;
    for (const c of containers[t]) {
      const r = check(c);
      if (r === undefined) continue;
      failed = true;
      const { message, path } = typeof r === 'string' ? { message: r, path: undefined } : r;
      out.push(fail(pod.owner, `${containerLabel(c)}: ${message}`,
        path ? `${c.path}.${path}` : c.path));
    }
    if (!failed) out.push(pass(pod.owner));
  }
  return out;
}

/**
 * Evaluates a per-pod condition on every pod template. `check` returns `undefined` when the pod
 * complies, or the failure message and optional path below the pod spec.
 */
export function checkPods(
  ctx: CheckContext,
  check: (pod: PodTemplate) => string | { message: string; path?: string } | undefined,
): CheckResult[] {
  return ctx.index.podTemplates.map(pod => {
    const r = check(pod);
    if (r === undefined) return pass(pod.owner);
    const { message, path } = typeof r === 'string' ? { message: r, path: undefined } : r;
    return fail(pod.owner, message, path ? `${pod.specPath}.${path}` : pod.specPath);
  });
}

/**
 * The effective value of a securityContext field for a container: the container's own value,
 * else the pod's (for the fields that exist at both levels).
 */
export function effectiveSecurityContext(c: ContainerRef, field: string): unknown {
  const own = c.container.securityContext?.[field];
  if (own !== undefined && own !== null) return own;
  return c.pod.spec.securityContext?.[field];
}
