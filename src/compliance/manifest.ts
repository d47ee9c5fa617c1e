import { SUPPRESSION_PREFIX } from './suppressions';
import { IndexedObject, KubeObject, SourceLocation } from './types';

/** Kinds that are not namespaced (core Kubernetes, cert-manager and common add-ons). */
const CLUSTER_SCOPED = new Set([
  // Kubernetes
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ClusterTrustBundle',
  'ComponentStatus', 'CSIDriver', 'CSINode', 'CustomResourceDefinition', 'DeviceClass', 'FlowSchema', 'IngressClass',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'MutatingWebhookConfiguration', 'Namespace', 'Node',
  'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass', 'ServiceCIDR',
  'StorageClass', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration',
  'VolumeAttachment', 'VolumeAttributesClass',
  // Kubernetes SIGs: Gateway API, network policy API
  'GatewayClass', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy',
  // Ecosystem kinds whose names no namespaced kind shares: cert-manager, External Secrets, KEDA,
  // Argo Workflows, Kyverno, Cilium, Calico
  'ClusterIssuer', 'ClusterSecretStore', 'ClusterExternalSecret', 'ClusterTriggerAuthentication', 'ClusterWorkflowTemplate',
  'ClusterPolicy', 'ClusterCleanupPolicy', 'CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy', 'GlobalNetworkSet',
]);

/** Whether objects of this kind live outside namespaces. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → `''`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The labels or annotations of an object that declares none. Frozen: it is shared by every such object. */
const NO_STRINGS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * A label or annotation mapping as strings. A plain mapping whose values are all strings (the
 * usual case) is used as it is; otherwise it is copied, stringifying numbers and booleans and
 * dropping null values and mappings or sequences (which the API server refuses, and which would
 * read as "[object Object]"), but for suppressions, kept as empty: they silence nothing, and the
 * check says their reason is missing.
 */
export function stringMap(value: unknown): Readonly<Record<string, string>> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return NO_STRINGS;
  if (isPlainStringMap(value)) return value as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') out[k] = String(v);
    // A suppression written as null, a sequence or a mapping gives no reason, and is judged so.
    else if (k.startsWith(SUPPRESSION_PREFIX)) out[k] = '';
  }
  return out;
}

function isPlainStringMap(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in value) {
    if (typeof (value as Record<string, unknown>)[k] !== 'string') return false;
  }
  return true;
}

/**
 * Why a parsed document is not a Kubernetes object, or `undefined` when it is one.
 * A Kubernetes object is a mapping with string `apiVersion`, `kind` and `metadata.name`
 * (or `metadata.generateName`).
 */
export function whyNotKubeObject(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return `expected a mapping with apiVersion, kind and metadata, got ${Array.isArray(doc) ? 'a sequence' : doc === null ? 'null' : typeof doc}`;
  }
  const o = doc as KubeObject;
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') return missingOrNotAString('apiVersion', o.apiVersion);
  if (typeof o.kind !== 'string' || o.kind === '') return missingOrNotAString('kind', o.kind);
  if (LIST_KIND.test(o.kind) && o.metadata === undefined && !Array.isArray((o as { items?: unknown }).items)) {
    return `a ${o.kind} needs an items sequence, and has ${describeType((o as { items?: unknown }).items)}`;
  }
  const md = o.metadata;
  if (md === undefined || md === null) return 'missing metadata';
  if (typeof md !== 'object' || Array.isArray(md)) return `metadata is ${describeType(md)}, not a mapping`;
  if (md.name !== undefined && md.name !== null && typeof md.name !== 'string') return notAString('metadata.name', md.name);
  if (typeof md.name !== 'string' && typeof md.generateName !== 'string') return 'missing metadata.name';
  if (md.name === '') return 'metadata.name is empty';
  if (typeof md.name === 'string' && md.name.length > MAX_NAME) return `metadata.name is ${md.name.length} characters long, more than the ${MAX_NAME} the API server accepts`;
  if (md.namespace !== undefined && md.namespace !== null && typeof md.namespace !== 'string') return notAString('metadata.namespace', md.namespace);
  return undefined;
}

/** The longest object name the API server accepts (a DNS subdomain). */
const MAX_NAME = 253;

/** Kinds of Kubernetes lists (`List`, `PodList`), whose objects are their `items`. */
const LIST_KIND = /^(?:[A-Z][A-Za-z0-9]*)?List$/;

/** Why a required string field is unusable: missing (absent or empty), or of another type. */
function missingOrNotAString(path: string, value: unknown): string {
  return value === undefined || value === '' ? `missing ${path}` : notAString(path, value);
}

/** Why a field that must be a string is not one. */
function notAString(path: string, value: unknown): string {
  return `${path} is ${describeType(value)}, not a string${typeof value === 'number' || typeof value === 'boolean' ? ' (quote it: YAML reads it as one)' : ''}`;
}

/** A value's type as a YAML reader would name it: `a number`, `a boolean`, `a sequence`, `a mapping`, `null`, `nothing`. */
function describeType(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a sequence';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

/**
 * Extracts the fields every control needs. The caller has checked the object with
 * {@link whyNotKubeObject}.
 */
export function indexObject(raw: KubeObject, source: SourceLocation): IndexedObject {
  const apiVersion = String(raw.apiVersion);
  const kind = String(raw.kind);
  const md = raw.metadata ?? {};
  const name = typeof md.name === 'string' ? md.name : String(md.generateName ?? '');
  const namespace = isClusterScoped(kind) ? undefined
    : (typeof md.namespace === 'string' && md.namespace !== '' ? md.namespace : 'default');
  return {
    raw,
    apiVersion,
    group: groupOf(apiVersion),
    kind,
    name,
    namespace,
    labels: stringMap(md.labels),
    annotations: stringMap(md.annotations),
    ref: namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`,
    source,
  };
}
