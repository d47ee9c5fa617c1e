/**
 * What comes with a Pod beside the template it was made from:
 * - from the API server (`enableServiceLinks`, resource requests set to the limits), its
 *   admission plugins (the ServiceAccount's name and, where it mounts one, the `kube-api-access-*`
 *   token volume and mounts, `priority`, `priorityClassName`, `preemptionPolicy`, `overhead`, the
 *   `not-ready` and `unreachable` tolerations, resources from a LimitRange) and the scheduler (`nodeName`);
 * - from its controller: a StatefulSet's `hostname`, `subdomain` and claim volumes, a DaemonSet's
 *   node-condition tolerations;
 * - from Istio's injector, on a Pod it injected: the containers and volumes (of the kinds it adds)
 *   its `sidecar.istio.io/status` annotation names, its HTTP probes pointed at Istio's agent.
 */

import { isApiServerAudience } from '../../controls/workload/private/api-audience';
import { serviceAccountOf } from '../../controls/workload/private/service-accounts';
import { injectedContainerNames, injectedVolumeNames } from '../../private/platform-injected';
import { PodTemplate } from '../../types';

/** What decides what came with one Pod. */
export interface PodAdditions {
  /** The Pod's template: its labels, annotations and spec. */
  readonly pod: PodTemplate;
  /** The template it was made from. */
  readonly cover: PodTemplate;
  /** The container objects of its spec that a platform injected (`ManifestIndex.containersFor`). */
  readonly injected: ReadonlySet<unknown>;
  /** Whether the ServiceAccount admission plugin mounts the API token into it. */
  readonly apiToken: boolean;
  /** Whether Istio injected it: the containers its status annotation names are among `injected`. */
  readonly istio: boolean;
  /** The volumes Istio's status annotation names, when Istio injected it. */
  readonly istioVolumes: ReadonlySet<string>;
  /** The claim each of a StatefulSet's `volumeClaimTemplates` gives the Pod, by volume name. */
  readonly claims: ReadonlyMap<string, string>;
  /** The `spec.serviceName` of the StatefulSet the Pod was made from. */
  readonly serviceName?: string;
}

/** What may come with a Pod made from `cover`. */
export function podAdditions(pod: PodTemplate, cover: PodTemplate, injected: ReadonlySet<unknown>, apiToken: boolean): PodAdditions {
  const istioNames = injectedContainerNames(pod.owner);
  const istio = istioNames !== undefined && [...injected].some(c => istioNames.has((c as any)?.name));
  const owner = cover.owner;
  const statefulSet = owner.kind === 'StatefulSet' && owner.group === 'apps' ? (owner.raw as any).spec : undefined;
  const claims = new Map<string, string>();
  for (const t of Array.isArray(statefulSet?.volumeClaimTemplates) ? statefulSet.volumeClaimTemplates : []) {
    const name = t?.metadata?.name;
    if (typeof name === 'string') claims.set(name, `${name}-${pod.owner.name}`);
  }
  return {
    pod, cover, injected, apiToken, istio, istioVolumes: istio ? injectedVolumeNames(pod.owner) : new Set(), claims,
    ...(typeof statefulSet?.serviceName === 'string' ? { serviceName: statefulSet.serviceName } : {}),
  };
}

/**
 * Whether a field or list item at `path` of a Pod's spec, which its template lacks, came with the
 * Pod: at the top of the spec ({@link podField}), in a list ({@link itemAllowed}), or the resources
 * the API server or a LimitRange sets.
 */
export function addedToPod(path: string, value: unknown, ctx: PodAdditions): boolean {
  const item = /^(.*)\[[^\]]*\]$/.exec(path);
  if (item !== null) return itemAllowed(item[1], value, ctx);
  if (/^((containers|initContainers)\[[^\]]*\]\.)?resources(\.(requests|limits)(\..+)?)?$/.test(path)) return true;
  if (Array.isArray(value)) return value.every(v => itemAllowed(path, v, ctx));
  return !path.includes('.') && podField(path, value, ctx);
}

/** The port of Istio's agent, to which the injector points the HTTP probes of the other containers. */
const ISTIO_AGENT_PORT = 15020;
/** How a probe names what it calls. */
const PROBE_ACTIONS: readonly string[] = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
/** The probes Istio rewrites, by the name of its path: `/app-health/<container>/livez`. */
const ISTIO_PROBES: Readonly<Record<string, string>> = { livenessProbe: 'livez', readinessProbe: 'readyz', startupProbe: 'startupz' };

/**
 * For a probe at `path` of an Istio-injected Pod's own container that the injector pointed at its
 * agent (`httpGet` to port 15020, `/app-health/<container>/livez`): the template's probe and the
 * Pod's without what they call, to be compared. `undefined` for any other field.
 */
export function istioRewrittenProbe(path: string, template: unknown, copy: unknown, ctx: PodAdditions): readonly [Record<string, unknown>, Record<string, unknown>] | undefined {
  if (!ctx.istio) return undefined;
  const m = /^(containers|initContainers)\[([^\]]*)\]\.(livenessProbe|readinessProbe|startupProbe)$/.exec(path);
  if (m === null || !isMapping(template) || !isMapping(copy)) return undefined;
  const get = copy.httpGet;
  if (!isMapping(get) || get.port !== ISTIO_AGENT_PORT || get.path !== `/app-health/${m[2]}/${ISTIO_PROBES[m[3]]}`) return undefined;
  const rest = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([k]) => !PROBE_ACTIONS.includes(k)));
  return [rest(template), rest(copy)];
}

/** The fields of a Pod's spec that its admission, scheduling and controller set, with the values they take. */
function podField(key: string, value: unknown, ctx: PodAdditions): boolean {
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

/**
 * The taints of node conditions that the DefaultTolerationSeconds admission plugin (`not-ready`,
 * `unreachable`) and the DaemonSet controller (all of them) tolerate on the Pods they admit or make.
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/daemon/util/daemonset_util.go
 */
const NODE_CONDITION_TAINTS: ReadonlySet<string> = new Set(['not-ready', 'unreachable', 'disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable', 'network-unavailable']
  .map(t => `node.kubernetes.io/${t}`));

/** The list items that come with a Pod: injected containers, the token, claim and Istio volumes and mounts, node-condition tolerations. */
function itemAllowed(list: string, item: unknown, ctx: PodAdditions): boolean {
  if (!isMapping(item)) return false;
  switch (list) {
    case 'containers':
    case 'initContainers': return ctx.injected.has(item);
    case 'tolerations': return typeof item.key === 'string' && NODE_CONDITION_TAINTS.has(item.key) && item.operator === 'Exists';
    case 'volumes': return addedVolume(item, ctx);
    default: return /^(containers|initContainers)\[[^\]]*\]\.volumeMounts$/.test(list) && tokenMount(item, ctx);
  }
}

/** The volume the ServiceAccount admission plugin adds for the API token, and where it mounts it in every container. */
const TOKEN_VOLUME = /^kube-api-access-[a-z0-9]{5}$/;
const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The ConfigMap of the cluster's CA that the API token volume projects. */
const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';

function addedVolume(v: Record<string, unknown>, ctx: PodAdditions): boolean {
  if (typeof v.name !== 'string') return false;
  if (TOKEN_VOLUME.test(v.name) && ctx.apiToken && isTokenVolume(v.projected)) return true;
  if (ctx.istioVolumes.has(v.name) && isIstioVolume(v)) return true;
  const claim = (v.persistentVolumeClaim as any)?.claimName;
  return claim !== undefined && ctx.claims.get(v.name) === claim;
}

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

/** The mount of the API token volume that the ServiceAccount admission plugin adds to every container. */
function tokenMount(m: Record<string, unknown>, ctx: PodAdditions): boolean {
  if (typeof m.name !== 'string' || !TOKEN_VOLUME.test(m.name) || m.mountPath !== TOKEN_MOUNT_PATH) return false;
  const volumes = ctx.pod.spec.volumes;
  return Array.isArray(volumes) && volumes.some(v => v?.name === m.name && isMapping(v.projected));
}

const ISTIO_VOLUME_SOURCES: ReadonlySet<string> = new Set(['emptyDir', 'downwardAPI', 'configMap', 'projected']);
const ISTIO_PROJECTED_SOURCES: ReadonlySet<string> = new Set(['serviceAccountToken', 'downwardAPI', 'configMap', 'clusterTrustBundle']);

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
  const projected = isMapping(v.projected) ? v.projected.sources : undefined;
  return Array.isArray(projected) && projected.every(s => isMapping(s) && Object.keys(s).every(k => ISTIO_PROJECTED_SOURCES.has(k))
    && (s.serviceAccountToken === undefined || (isMapping(s.serviceAccountToken) && !isApiServerAudience(s.serviceAccountToken.audience))));
}

/** Whether a value is a mapping (an object, not an array). */
export function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
