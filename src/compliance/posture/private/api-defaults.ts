/**
 * The values the API server writes into every pod spec it stores (a Pod's, a Deployment's or
 * ReplicaSet's template) when the manifest leaves them out. A custom resource's template (an Argo
 * Rollout's, a KEDA ScaledJob's) is stored as written: the ReplicaSets and Jobs made from it hold
 * these fields beside it.
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/v1/defaults.go
 */

import { canonicalJson } from '../../common/canonical-json';
import { parseImageRef } from '../../common/image-ref';

const SPEC_DEFAULTS: Readonly<Record<string, unknown>> = {
  dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
};
const CONTAINER_DEFAULTS: Readonly<Record<string, unknown>> = { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} };
const PROBE_DEFAULTS: Readonly<Record<string, unknown>> = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
const HTTP_GET_DEFAULTS: Readonly<Record<string, unknown>> = { path: '/', scheme: 'HTTP' };
/** The file mode of the files of a secret, config map, downward API or projected volume: 0644. */
const VOLUME_MODE = 420;

const CONTAINER = /^(containers|initContainers|ephemeralContainers)\[([^\]]*)\]$/;
const PROBE = /^(containers|initContainers|ephemeralContainers)\[[^\]]*\]\.(livenessProbe|readinessProbe|startupProbe)$/;

/**
 * Whether `value` at `path` of a pod spec (`dnsPolicy`, `containers[web].imagePullPolicy`) is what
 * the API server writes there when the manifest leaves it out; `spec` is the spec that holds it.
 */
export function isApiDefault(path: string, value: unknown, spec: any): boolean {
  const dot = path.lastIndexOf('.');
  const [parent, key] = dot < 0 ? ['', path] : [path.slice(0, dot), path.slice(dot + 1)];
  const is = (defaults: Readonly<Record<string, unknown>>) => Object.hasOwn(defaults, key) && canonicalJson(defaults[key]) === canonicalJson(value);
  if (parent === '') return is(SPEC_DEFAULTS) || (key === 'serviceAccount' && value === spec.serviceAccountName);
  const container = CONTAINER.exec(parent);
  if (container !== null) return is(CONTAINER_DEFAULTS) || (key === 'imagePullPolicy' && value === pullPolicyOf(spec, container[1], container[2]));
  if (PROBE.test(parent)) return is(PROBE_DEFAULTS);
  if (parent.endsWith('.httpGet') && PROBE.test(parent.slice(0, -'.httpGet'.length))) return is(HTTP_GET_DEFAULTS);
  if (/\.ports\[[^\]]*\]$/.test(parent)) return key === 'protocol' && value === 'TCP';
  if (/^volumes\[[^\]]*\]\.(secret|configMap|downwardAPI|projected)$/.test(parent)) return key === 'defaultMode' && value === VOLUME_MODE;
  return parent.endsWith('.fieldRef') && key === 'apiVersion' && value === 'v1';
}

/** The pull policy the API server gives a container of the spec that names none: `Always` for an image without a tag or digest or tagged `latest`. */
function pullPolicyOf(spec: any, list: string, name: string): string | undefined {
  const container = Array.isArray(spec[list]) ? spec[list].find((c: any) => c?.name === name) : undefined;
  if (typeof container?.image !== 'string') return undefined;
  const ref = parseImageRef(container.image);
  return (ref.tag === undefined && ref.digest === undefined) || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
