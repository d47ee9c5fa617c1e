import { containerLabel, fail, pass } from '../../../control';
import { ManifestIndex } from '../../../manifest-index';
import { CheckContext, CheckResult, ContainerRef, PodTemplate } from '../../../types';

/**
 * What is wrong: a message, optionally with a path below the pod spec or container, or a
 * `fullPath` from the root of the owning object (for fields outside the pod spec).
 */
export type Problem = string | { readonly message: string; readonly path?: string; readonly fullPath?: string };

/** The container lists of a pod spec. */
export type ContainerList = ContainerRef['list'];

export { containerLabel };

/** Containers that run the workload and its init steps: what resource and image rules cover. */
export const RUNNING_LISTS: readonly ContainerList[] = ['initContainers', 'containers'];

/** How one control evaluates a pod template. */
export interface PodEvaluation {
  /** Pod-level problems. @default - none */
  readonly pod?: (pod: PodTemplate) => Problem | readonly Problem[] | undefined;
  /** A container's problem. @default - none */
  readonly container?: (c: ContainerRef) => Problem | undefined;
  /** The container lists visited. @default - init, regular and ephemeral containers */
  readonly lists?: readonly ContainerList[];
  /** Whether the control applies to the template at all. @default - every template */
  readonly appliesTo?: (pod: PodTemplate) => boolean;
  /**
   * Whether the containers a platform injected into a Pod (Istio's proxy, Knative's queue) are
   * judged too: for the conditions no container may escape, whoever configures it.
   * @default false
   */
  readonly platformContainers?: boolean;
}

const ALL_LISTS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** The JSON path of the pod template's metadata inside its owner (`metadata`, `spec.template.metadata`, …). */
export function podMetadataPath(pod: PodTemplate): string {
  return pod.specPath === 'spec' ? 'metadata' : `${pod.specPath.slice(0, -'.spec'.length)}.metadata`;
}

/** Whether the pod runs Linux containers: it does not declare `os.name: windows`, where the Linux-only restricted rules do not apply. */
export function isLinuxPod(pod: PodTemplate): boolean {
  return pod.spec.os?.name !== 'windows';
}

/**
 * Evaluates pod-level and container-level conditions on every pod template the control applies
 * to: the owner passes when nothing is wrong, and fails once per problem.
 */
export function evaluatePods(ctx: CheckContext, evaluation: PodEvaluation): CheckResult[] {
  return evaluateTemplates(
    ctx.index,
    evaluation.appliesTo ?? everyTemplate,
    evaluation.pod ?? noProblem,
    evaluation.container,
    evaluation.lists ?? ALL_LISTS,
    visitedContainers(ctx, evaluation),
    evaluation.container === undefined ? undefined : ctx.index.allContainers,
  );
}

/**
 * The containers of each template that a control's container check visits: every one with
 * `platformContainers`, else those the platforms did not inject (under the run's settings, which
 * may name mirrors of their images); none without a container check.
 */
function visitedContainers(ctx: CheckContext, evaluation: PodEvaluation): readonly (readonly ContainerRef[])[] | undefined {
  if (evaluation.container === undefined) return undefined;
  return evaluation.platformContainers === true ? ctx.index.allContainers : ctx.index.containersFor(ctx.config);
}

function everyTemplate(): boolean {
  return true;
}

function noProblem(): undefined {
  return undefined;
}

/**
 * The loop of {@link evaluatePods}, shared by every workload control. It takes the evaluation's
 * members as parameters, with defaults filled in, so that it runs the same operations whatever
 * members a control sets and does not depend on the shape of its evaluation object. A template
 * that passes with fewer `containers` than `all` (every container, aligned with them) passes with
 * a message naming those left to the platforms that injected them ({@link leftToPlatform}).
 */
function evaluateTemplates(
  index: ManifestIndex,
  appliesTo: (pod: PodTemplate) => boolean,
  podCheck: (pod: PodTemplate) => Problem | readonly Problem[] | undefined,
  containerCheck: ((c: ContainerRef) => Problem | undefined) | undefined,
  lists: readonly ContainerList[],
  containers: readonly (readonly ContainerRef[])[] | undefined,
  all: readonly (readonly ContainerRef[])[] | undefined,
): CheckResult[] {
  const out: CheckResult[] = [];
  const templates = index.podTemplates;
  const everyList = lists === ALL_LISTS || ALL_LISTS.every(l => lists.includes(l));
  for (let t = 0; t < templates.length; t++) {
    const pod = templates[t];
    if (!appliesTo(pod)) continue;
    const before = out.length;
    const problems = podCheck(pod);
    if (problems !== undefined) podFailures(pod, problems, out);
    if (containers !== undefined) {
      const own = containers[t];
      for (let i = 0; i < own.length; i++) {
        const c = own[i];
        if (!everyList && !lists.includes(c.list)) continue;
        const p = containerCheck!(c);
        if (p !== undefined) out.push(failure(pod, p, `${containerLabel(c)}: `, c.path));
      }
    }
    if (out.length !== before) continue;
    const left = containers !== undefined && all !== undefined && containers[t].length < all[t].length
      ? leftToPlatform(containers[t], all[t], lists) : undefined;
    out.push(pass(pod.owner, left));
  }
  return out;
}

/**
 * The message of a pass on a template whose visited `containers` leave out some of `all` (those a
 * platform injected), naming those of the `lists` the control visits:
 * `container "istio-proxy" left to the platform that injected it`; `undefined` when none is of them.
 */
function leftToPlatform(containers: readonly ContainerRef[], all: readonly ContainerRef[], lists: readonly ContainerList[]): string | undefined {
  const visited = new Set(containers.map(c => c.path));
  const left = all.filter(c => !visited.has(c.path) && lists.includes(c.list)).map(containerLabel);
  if (left.length === 0) return undefined;
  return left.length === 1 ? `${left[0]} left to the platform that injected it` : `${left.join(', ')} left to the platforms that injected them`;
}

function podFailures(pod: PodTemplate, problems: Problem | readonly Problem[], out: CheckResult[]): void {
  if (Array.isArray(problems)) for (let i = 0; i < problems.length; i++) out.push(failure(pod, problems[i], '', pod.specPath));
  else out.push(failure(pod, problems as Problem, '', pod.specPath));
}

function failure(pod: PodTemplate, p: Problem, prefix: string, base: string): CheckResult {
  if (typeof p === 'string') return fail(pod.owner, prefix + p, base);
  return fail(pod.owner, prefix + p.message, p.fullPath ?? (p.path ? `${base}.${p.path}` : base));
}
