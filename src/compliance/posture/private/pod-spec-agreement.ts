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
import { isApiServerAudience } from '../../controls/workload/private/api-audience';
import { APPARMOR_ANNOTATION_PREFIX } from '../../controls/workload/private/pss';
import { serviceAccountOf } from '../../network/private/copy-agreement';
import { injectedContainerNames, isPod } from '../../private/platform-injected';
import { SUPPRESSION_PREFIX } from '../../suppressions';
import { PodTemplate } from '../../types';
import { isApiDefault } from './api-defaults';

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
 * The taints of node conditions that the DefaultTolerationSeconds admission plugin (`not-ready`,
 * `unreachable`) and the DaemonSet controller (all of them) tolerate on the Pods they admit or make.
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/daemon/util/daemonset_util.go
 */
const NODE_CONDITION_TAINTS: ReadonlySet<string> = new Set(['not-ready', 'unreachable', 'disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable', 'network-unavailable']
  .map(t => `node.kubernetes.io/${t}`));

/** The volume the ServiceAccount admission plugin adds for the API token, and where it mounts it in every container. */
const TOKEN_VOLUME = /^kube-api-access-[a-z0-9]{5}$/;
const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The annotation with which Istio's injector records the containers and volumes it added. */
const ISTIO_STATUS = 'sidecar.istio.io/status';
/** The port of Istio's agent, to which the injector points the HTTP probes of the other containers. */
const ISTIO_AGENT_PORT = 15020;
/** How a probe names what it calls. */
const PROBE_ACTIONS: readonly string[] = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/** The probes Istio rewrites, by the name of its path: `/app-health/<container>/livez`. */
const ISTIO_PROBES: Readonly<Record<string, string>> = { livenessProbe: 'livez', readinessProbe: 'readyz', startupProbe: 'startupz' };

/**
 * Whether a copy holds its covering object's template. A workload's copy: the same spec and
 * annotations, and when the template is a custom resource's (an Argo Rollout's, a KEDA
 * ScaledJob's, stored as written), the values the API server writes into the copy's
 * ({@link isApiDefault}) besides. A Pod: the template's annotations (and others of its own, but
 * none the engine reads), every field of the template with its value, and no other but those the
 * API server writes into a custom resource's copy and those that come with a Pod:
 * - from the API server (`enableServiceLinks`, resource requests set to the limits), its
 *   admission plugins (the ServiceAccount's name and `kube-api-access-*` token volume and mounts,
 *   `priority`, `priorityClassName`, `preemptionPolicy`, `overhead`, the `not-ready` and
 *   `unreachable` tolerations, resources from a LimitRange) and the scheduler (`nodeName`);
 * - from its controller: a StatefulSet's `hostname`, `subdomain` and claim volumes, a DaemonSet's
 *   node-condition tolerations and the node affinity it sets;
 * - from Istio's injector, on a Pod it injected: the containers and volumes its
 *   `sidecar.istio.io/status` annotation names, its HTTP probes pointed at Istio's agent.
 */
export function holdsTemplate(copy: CopyTemplate, cover: PodTemplate): boolean {
  const { template } = copy;
  const defaults = !STORED_DEFAULTED.has(cover.owner.group);
  if (!isPod(template.owner)) {
    if (canonicalJson(template.annotations) !== canonicalJson(cover.annotations)) return false;
    return defaults ? holds(cover.spec, template.spec, '', workloadContext(copy, cover)) : canonicalJson(template.spec) === canonicalJson(cover.spec);
  }
  if (!podAnnotationsAgree(template.annotations, cover.annotations)) return false;
  const daemon = cover.owner.kind === 'DaemonSet' && (cover.owner.group === 'apps' || cover.owner.group === 'extensions');
  return holds(specOf(cover, daemon), specOf(template, daemon), '', { ...podContext(copy, cover), defaults });
}

/** The API groups whose pod templates the API server stores with its defaults written (`''` = core). */
const STORED_DEFAULTED: ReadonlySet<string> = new Set(['', 'apps', 'batch', 'extensions']);

function podAnnotationsAgree(pod: Readonly<Record<string, string>>, template: Readonly<Record<string, string>>): boolean {
  for (const key of Object.keys(template)) if (!Object.hasOwn(pod, key) || pod[key] !== template[key]) return false;
  for (const key of Object.keys(pod)) if (!Object.hasOwn(template, key) && READ_ANNOTATIONS.some(p => key.startsWith(p))) return false;
  return true;
}

/** What the rules of a comparison read. */
interface PodContext {
  /** The copy's template. */
  readonly pod: PodTemplate;
  readonly cover: PodTemplate;
  /** Whether the copy is a Pod, which may hold what comes with a Pod. */
  readonly isPod: boolean;
  /** Whether the copy may hold the API server's defaults beside the template ({@link isApiDefault}). */
  readonly defaults: boolean;
  readonly injected: ReadonlySet<unknown>;
  /** Whether the API token volume comes with the Pod ({@link CopyTemplate.apiToken}). */
  readonly apiToken: boolean;
  /** Whether Istio injected the Pod: the containers its status annotation names are among `injected`. */
  readonly istio: boolean;
  /** The volumes Istio's status annotation names. */
  readonly istioVolumes: ReadonlySet<string>;
  /** The claim each of a StatefulSet's `volumeClaimTemplates` gives the Pod, by volume name. */
  readonly claims: ReadonlyMap<string, string>;
  /** The `spec.serviceName` of the StatefulSet the Pod was made from. */
  readonly serviceName?: string;
}

function podContext(copy: CopyTemplate, cover: PodTemplate): PodContext {
  const pod = copy.template;
  const owner = cover.owner;
  const istioNames = injectedContainerNames(pod.owner);
  const istio = istioNames !== undefined && [...copy.injected].some(c => istioNames.has((c as any)?.name));
  const statefulSet = owner.kind === 'StatefulSet' && owner.group === 'apps' ? (owner.raw as any).spec : undefined;
  const claims = new Map<string, string>();
  for (const t of Array.isArray(statefulSet?.volumeClaimTemplates) ? statefulSet.volumeClaimTemplates : []) {
    const name = t?.metadata?.name;
    if (typeof name === 'string') claims.set(name, `${name}-${pod.owner.name}`);
  }
  return {
    pod, cover, isPod: true, defaults: false, injected: copy.injected, apiToken: copy.apiToken, istio, istioVolumes: istio ? istioVolumes(pod.annotations[ISTIO_STATUS]) : new Set(), claims,
    ...(typeof statefulSet?.serviceName === 'string' ? { serviceName: statefulSet.serviceName } : {}),
  };
}

/** The comparison of a workload's copy of a custom resource's template: the API server's defaults only. */
function workloadContext(copy: CopyTemplate, cover: PodTemplate): PodContext {
  return { pod: copy.template, cover, isPod: false, defaults: true, injected: new Set(), apiToken: false, istio: false, istioVolumes: new Set(), claims: new Map() };
}

/** The volumes Istio's status annotation names. */
function istioVolumes(status: string | undefined): ReadonlySet<string> {
  try {
    const volumes = JSON.parse(status ?? '').volumes;
    return new Set(Array.isArray(volumes) ? volumes.filter((v: unknown) => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
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
 * Whether `copy` holds `template` at `path`: mappings key by key, lists of mappings by `name` when
 * every item has a distinct one (else item by item, in any order), other values equal; what the
 * copy has beyond the template must be what comes with a Pod ({@link extraAllowed}).
 */
function holds(template: unknown, copy: unknown, path: string, ctx: PodContext): boolean {
  const probe = rewrittenProbe(path, template, copy, ctx);
  if (probe !== undefined) return probe;
  if (isMapping(template) && isMapping(copy)) {
    for (const key of Object.keys(template)) {
      if (!Object.hasOwn(copy, key) || !holds(template[key], copy[key], join(path, key), ctx)) return false;
    }
    for (const key of Object.keys(copy)) if (!Object.hasOwn(template, key) && !extraAllowed(join(path, key), copy[key], ctx)) return false;
    return true;
  }
  if (Array.isArray(template) && Array.isArray(copy) && template.every(isMapping) && copy.every(isMapping)) return listHolds(template, copy, path, ctx);
  return canonicalJson(template) === canonicalJson(copy);
}

function listHolds(template: readonly Record<string, unknown>[], copy: readonly Record<string, unknown>[], path: string, ctx: PodContext): boolean {
  if (distinctNames(template) && distinctNames(copy)) {
    const left = new Map(copy.map(item => [item.name as string, item]));
    for (const item of template) {
      const name = item.name as string;
      const other = left.get(name);
      if (other === undefined || !holds(item, other, `${path}[${name}]`, ctx)) return false;
      left.delete(name);
    }
    return [...left].every(([name, item]) => extraAllowed(`${path}[${name}]`, item, ctx));
  }
  const left = [...copy];
  for (const item of template) {
    const at = left.findIndex(other => holds(item, other, `${path}[]`, ctx));
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return left.every(item => extraAllowed(`${path}[]`, item, ctx));
}

/**
 * Whether a field or list item the copy has and its template lacks is one the API server writes
 * into a custom resource's copy ({@link isApiDefault}), or one that comes with a Pod: at the top of
 * the spec ({@link podField}), in a list ({@link itemAllowed}), or the resources the API server or
 * a LimitRange sets.
 */
function extraAllowed(path: string, value: unknown, ctx: PodContext): boolean {
  if (ctx.defaults && isApiDefault(path, value, ctx.pod.spec)) return true;
  if (!ctx.isPod) return false;
  const item = /^(.*)\[[^\]]*\]$/.exec(path);
  if (item !== null) return itemAllowed(item[1], value, ctx);
  if (/^((containers|initContainers)\[[^\]]*\]\.)?resources(\.(requests|limits)(\..+)?)?$/.test(path)) return true;
  if (Array.isArray(value)) return value.every(v => itemAllowed(path, v, ctx));
  return !path.includes('.') && podField(path, value, ctx);
}

/** The fields of a Pod's spec that its admission, scheduling and controller set, with the values they take. */
function podField(key: string, value: unknown, ctx: PodContext): boolean {
  switch (key) {
    case 'nodeName':
    case 'priorityClassName':
    case 'preemptionPolicy': return typeof value === 'string';
    case 'priority': return typeof value === 'number';
    case 'enableServiceLinks': return value === true;
    case 'serviceAccountName':
    case 'serviceAccount': return value === serviceAccountOf(ctx.cover);
    case 'hostname': return ctx.serviceName !== undefined && value === ctx.pod.owner.name;
    case 'subdomain': return ctx.serviceName !== undefined && value === ctx.serviceName;
    case 'overhead': return typeof ctx.cover.spec.runtimeClassName === 'string';
    default: return false;
  }
}

/** The list items that come with a Pod: injected containers, the token, claim and Istio volumes and mounts, node-condition tolerations. */
function itemAllowed(list: string, item: unknown, ctx: PodContext): boolean {
  if (!isMapping(item)) return false;
  switch (list) {
    case 'containers':
    case 'initContainers': return ctx.injected.has(item);
    case 'tolerations': return typeof item.key === 'string' && NODE_CONDITION_TAINTS.has(item.key) && item.operator === 'Exists';
    case 'volumes': return addedVolume(item, ctx);
    default: return /^(containers|initContainers)\[[^\]]*\]\.volumeMounts$/.test(list) && tokenMount(item, ctx);
  }
}

function addedVolume(v: Record<string, unknown>, ctx: PodContext): boolean {
  if (typeof v.name !== 'string') return false;
  if (TOKEN_VOLUME.test(v.name) && ctx.apiToken && isTokenVolume(v.projected)) return true;
  if (ctx.istioVolumes.has(v.name) && isIstioVolume(v)) return true;
  const claim = (v.persistentVolumeClaim as any)?.claimName;
  return claim !== undefined && ctx.claims.get(v.name) === claim;
}

/**
 * Whether a volume is of the sources Istio's injection template adds: scratch space (`emptyDir`),
 * the Pod's own fields (`downwardAPI`), the mesh's root certificate (`configMap`, or a projected
 * `clusterTrustBundle`) and the token the proxy shows istiod (a projected `serviceAccountToken` for
 * an audience other than the Kubernetes API's, {@link isApiServerAudience}). Its status annotation
 * names the volumes it added, not what they hold: a host path, a Secret or an API token is not Istio's.
 * @see https://github.com/istio/istio/blob/master/manifests/charts/istio-control/istio-discovery/files/injection-template.yaml
 */
function isIstioVolume(v: Record<string, unknown>): boolean {
  const sources = Object.keys(v).filter(k => k !== 'name');
  if (sources.length !== 1 || !ISTIO_VOLUME_SOURCES.has(sources[0])) return false;
  if (sources[0] !== 'projected') return true;
  const projected = (v.projected as any)?.sources;
  return Array.isArray(projected) && projected.every(s => isMapping(s) && Object.keys(s).every(k => ISTIO_PROJECTED_SOURCES.has(k))
    && (s.serviceAccountToken === undefined || !isApiServerAudience((s.serviceAccountToken as any)?.audience)));
}

const ISTIO_VOLUME_SOURCES: ReadonlySet<string> = new Set(['emptyDir', 'downwardAPI', 'configMap', 'projected']);
const ISTIO_PROJECTED_SOURCES: ReadonlySet<string> = new Set(['serviceAccountToken', 'downwardAPI', 'configMap', 'clusterTrustBundle']);

/**
 * Whether a projected volume holds what the ServiceAccount admission plugin projects into its
 * token volume, and nothing else: the API token (no audience: the API server's), the cluster's CA
 * (ConfigMap `kube-root-ca.crt`) and the namespace (`downwardAPI`).
 */
function isTokenVolume(projected: unknown): boolean {
  const sources = isMapping(projected) ? projected.sources : undefined;
  return Array.isArray(sources) && sources.every(s => isMapping(s) && Object.keys(s).length === 1
    && ((isMapping(s.serviceAccountToken) && s.serviceAccountToken.audience === undefined)
      || (isMapping(s.configMap) && s.configMap.name === ROOT_CA_CONFIG_MAP) || isMapping(s.downwardAPI)));
}

/** The ConfigMap of the cluster's CA that the API token volume projects. */
const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';

/** The mount of the API token volume that the ServiceAccount admission plugin adds to every container. */
function tokenMount(m: Record<string, unknown>, ctx: PodContext): boolean {
  if (typeof m.name !== 'string' || !TOKEN_VOLUME.test(m.name) || m.mountPath !== TOKEN_MOUNT_PATH) return false;
  const volumes = ctx.pod.spec.volumes;
  return Array.isArray(volumes) && volumes.some(v => v?.name === m.name && isMapping(v.projected));
}

/**
 * The verdict on a probe of an Istio-injected Pod's own container that the injector pointed at its
 * agent (`httpGet` to port 15020, `/app-health/<container>/livez`): it holds the template's probe
 * when all but what the probe calls agrees. `undefined` for any other field.
 */
function rewrittenProbe(path: string, template: unknown, copy: unknown, ctx: PodContext): boolean | undefined {
  if (!ctx.istio) return undefined;
  const m = /^(containers|initContainers)\[([^\]]*)\]\.(livenessProbe|readinessProbe|startupProbe)$/.exec(path);
  if (m === null || !isMapping(template) || !isMapping(copy)) return undefined;
  const get = copy.httpGet as any;
  if (!isMapping(get) || get.port !== ISTIO_AGENT_PORT || get.path !== `/app-health/${m[2]}/${ISTIO_PROBES[m[3]]}`) return undefined;
  const rest = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([k]) => !PROBE_ACTIONS.includes(k)));
  return holds(rest(template), rest(copy), path, ctx);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function distinctNames(list: readonly Record<string, unknown>[]): boolean {
  const names = new Set<unknown>(list.map(i => i.name));
  return names.size === list.length && list.every(i => typeof i.name === 'string');
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
