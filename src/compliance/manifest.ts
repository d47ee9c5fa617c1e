import { IndexedObject, KubeObject, SourceLocation } from './types';

/** Kinds that are not namespaced (core Kubernetes, cert-manager and common add-ons). */
const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterIssuer', 'ClusterRole', 'ClusterRoleBinding',
  'ComponentStatus', 'CSIDriver', 'CSINode', 'CustomResourceDefinition', 'FlowSchema', 'IngressClass',
  'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume', 'PodSecurityPolicy',
  'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass', 'StorageClass',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration',
  'VolumeAttachment',
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
 * read as "[object Object]": a suppression written as a mapping silences nothing).
 */
export function stringMap(value: unknown): Readonly<Record<string, string>> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return NO_STRINGS;
  if (isPlainStringMap(value)) return value as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') out[k] = String(v);
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
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') return 'missing apiVersion';
  if (typeof o.kind !== 'string' || o.kind === '') return 'missing kind';
  const md = o.metadata;
  if (!md || typeof md !== 'object' || Array.isArray(md)) return 'missing metadata';
  if (typeof md.name !== 'string' && typeof md.generateName !== 'string') return 'missing metadata.name';
  return undefined;
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
