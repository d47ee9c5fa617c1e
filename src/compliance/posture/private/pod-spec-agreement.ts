/**
 * Whether a copy of a cluster export holds the pod template it was made from, as the controllers
 * make copies: a workload's copy (a ReplicaSet, a Job) holds the template as it is; a Pod holds it
 * with what the API server, its admission plugins, the scheduler, the Pod's controller and Istio's
 * injector add to a Pod when it is made. Anything else (an image set by hand, a debug container, a
 * toleration or an annotation the controls read added later) is a difference of the copy.
 * Labels are compared apart (`copyAgrees`), as the network diagram compares them.
 */

import { canonicalJson } from '../../common/canonical-json';
import { EXCLUDE_INBOUND_PORTS, INCLUDE_INBOUND_PORTS, INJECT_POD_KEY } from '../../controls/mesh/private/injection';
import { APPARMOR_ANNOTATION_PREFIX } from '../../controls/workload/private/pss';
import { isPod } from '../../private/platform-injected';
import { SUPPRESSION_PREFIX } from '../../suppressions';
import { PodTemplate } from '../../types';
import { isApiDefault } from './api-defaults';
import { addedToPod, isMapping, istioRewrittenProbe, PodAdditions, podAdditions } from './pod-additions';

/** A copy's template and the containers of its spec that a platform injected (`ManifestIndex.containersFor`). */
export interface CopyTemplate {
  readonly template: PodTemplate;
  /** The container objects of its spec that a platform injected, which the template it copies lacks. */
  readonly injected: ReadonlySet<unknown>;
  /**
   * Whether the ServiceAccount admission plugin mounts the API token into a Pod of it: neither its
   * spec nor its ServiceAccount sets `automountServiceAccountToken: false` (unless the spec sets it true).
   */
  readonly apiToken: boolean;
}

/**
 * The annotations the engine reads on a Pod (by prefix): one a Pod has and its template lacks is a
 * difference (a suppression, an AppArmor or seccomp profile, a sidecar opt-out, inbound ports kept
 * out of the sidecar).
 */
const READ_ANNOTATIONS: readonly string[] = [
  SUPPRESSION_PREFIX, APPARMOR_ANNOTATION_PREFIX, 'seccomp.security.alpha.kubernetes.io/', 'container.seccomp.security.alpha.kubernetes.io/',
  INJECT_POD_KEY, EXCLUDE_INBOUND_PORTS, INCLUDE_INBOUND_PORTS,
];

/**
 * Whether a copy holds its covering object's template. A workload's copy: the same spec and
 * annotations, and when the template is a custom resource's (an Argo Rollout's, a KEDA
 * ScaledJob's, stored as written), the values the API server writes into the copy's
 * ({@link isApiDefault}) besides. A Pod: the template's annotations (and others of its own, but
 * none the engine reads), every field of the template with its value (a DaemonSet's required node
 * affinity aside, which its controller sets), and no other but those the API server writes into a
 * custom resource's copy and those that come with a Pod ({@link addedToPod}).
 */
export function holdsTemplate(copy: CopyTemplate, cover: PodTemplate): boolean {
  const { template } = copy;
  const defaults = STORED_DEFAULTED.has(cover.owner.group) ? undefined : template.spec;
  if (!isPod(template.owner)) {
    if (canonicalJson(template.annotations) !== canonicalJson(cover.annotations)) return false;
    return defaults ? holds(cover.spec, template.spec, '', { defaults }) : canonicalJson(template.spec) === canonicalJson(cover.spec);
  }
  if (!podAnnotationsAgree(template.annotations, cover.annotations)) return false;
  const daemon = cover.owner.kind === 'DaemonSet' && (cover.owner.group === 'apps' || cover.owner.group === 'extensions');
  return holds(specOf(cover, daemon), specOf(template, daemon), '', { defaults, pod: podAdditions(template, cover, copy.injected, copy.apiToken) });
}

/** The API groups whose pod templates the API server stores with its defaults written (`''` = core). */
const STORED_DEFAULTED: ReadonlySet<string> = new Set(['', 'apps', 'batch', 'extensions']);

function podAnnotationsAgree(pod: Readonly<Record<string, string>>, template: Readonly<Record<string, string>>): boolean {
  for (const key of Object.keys(template)) if (!Object.hasOwn(pod, key) || pod[key] !== template[key]) return false;
  for (const key of Object.keys(pod)) if (!Object.hasOwn(template, key) && READ_ANNOTATIONS.some(p => key.startsWith(p))) return false;
  return true;
}

/**
 * A template's spec as compared: for a DaemonSet, without the required node affinity, which its
 * controller replaces in each Pod by one that names the Pod's node.
 */
function specOf(t: PodTemplate, daemon: boolean): unknown {
  const affinity = t.spec.affinity;
  if (!daemon || !isMapping(affinity) || !isMapping(affinity.nodeAffinity) || !Object.hasOwn(affinity.nodeAffinity, REQUIRED)) return t.spec;
  const nodeAffinity = without(affinity.nodeAffinity, REQUIRED);
  const kept = Object.keys(nodeAffinity).length > 0 ? { ...affinity, nodeAffinity } : without(affinity, 'nodeAffinity');
  return Object.keys(kept).length > 0 ? { ...t.spec, affinity: kept } : without(t.spec, 'affinity');
}

const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';

function without(m: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(m).filter(([k]) => k !== key));
}

/**
 * How a copy is compared with its template: what it may have beyond it, the API server's defaults
 * (read against the copy's spec) and what comes with a Pod. Neither: only the template's fields.
 */
interface Comparison {
  /** The copy's spec, when it may hold the API server's defaults ({@link isApiDefault}). */
  readonly defaults?: Readonly<Record<string, any>>;
  /** What may come with the copy, when it is a Pod. */
  readonly pod?: PodAdditions;
}

/**
 * Whether `copy` holds `template` at `path`: mappings key by key, lists of mappings by `name` when
 * every item has a distinct one (else item by item, in any order), other values equal; what the
 * copy has beyond the template must be the API server's defaults or what comes with a Pod
 * ({@link extraAllowed}); a probe Istio pointed at its agent is compared without what it calls.
 */
function holds(template: unknown, copy: unknown, path: string, c: Comparison): boolean {
  const probes = c.pod === undefined ? undefined : istioRewrittenProbe(path, template, copy, c.pod);
  if (probes !== undefined) return holds(probes[0], probes[1], path, c);
  if (isMapping(template) && isMapping(copy)) {
    for (const key of Object.keys(template)) {
      if (!Object.hasOwn(copy, key) || !holds(template[key], copy[key], join(path, key), c)) return false;
    }
    for (const key of Object.keys(copy)) if (!Object.hasOwn(template, key) && !extraAllowed(join(path, key), copy[key], c)) return false;
    return true;
  }
  if (Array.isArray(template) && Array.isArray(copy) && template.every(isMapping) && copy.every(isMapping)) return listHolds(template, copy, path, c);
  return canonicalJson(template) === canonicalJson(copy);
}

function listHolds(template: readonly Record<string, unknown>[], copy: readonly Record<string, unknown>[], path: string, c: Comparison): boolean {
  if (distinctNames(template) && distinctNames(copy)) {
    const left = new Map(copy.map(item => [item.name as string, item]));
    for (const item of template) {
      const name = item.name as string;
      const other = left.get(name);
      if (other === undefined || !holds(item, other, `${path}[${name}]`, c)) return false;
      left.delete(name);
    }
    return [...left].every(([name, item]) => extraAllowed(`${path}[${name}]`, item, c));
  }
  const left = [...copy];
  for (const item of template) {
    const at = left.findIndex(other => holds(item, other, `${path}[]`, c));
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return left.every(item => extraAllowed(`${path}[]`, item, c));
}

/** Whether a field or list item the copy has and its template lacks is one of the API server's defaults, or came with a Pod ({@link addedToPod}). */
function extraAllowed(path: string, value: unknown, c: Comparison): boolean {
  return (c.defaults !== undefined && isApiDefault(path, value, c.defaults)) || (c.pod !== undefined && addedToPod(path, value, c.pod));
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function distinctNames(list: readonly Record<string, unknown>[]): boolean {
  const names = new Set<unknown>(list.map(i => i.name));
  return names.size === list.length && list.every(i => typeof i.name === 'string');
}
