/**
 * Small helpers shared by the third-party scanner mirrors. They are written independently of the
 * project's compliance engine on purpose: the mirrors are a second opinion, so they must not reuse
 * the code they are checking.
 */

/** A Kubernetes object as parsed from YAML. */
export type K8sObject = Record<string, any>;

/** One finding of a mirrored scanner check. */
export interface Finding {
  /** `<scanner>/<check id>`, e.g. `polaris/runAsRootAllowed`. */
  readonly check: string;
  /** `Kind/namespace/name`, or `Kind/name` for objects without a namespace. */
  readonly object: string;
  /** What the scanner would report. */
  readonly message: string;
}

/** A mirrored scanner: every finding its default checks report over a manifest set. */
export type ScannerCheck = (objects: K8sObject[]) => Finding[];

/** A pod template found in a workload object. */
export interface PodTemplate {
  /** The object that owns the template (Deployment, CronJob, Pod, ...). */
  readonly owner: K8sObject;
  /** The template's metadata (the Pod's own metadata for a Pod). */
  readonly meta: K8sObject;
  /** The pod spec. */
  readonly spec: K8sObject;
}

/** A container with the list it came from. */
export interface ContainerRef {
  readonly container: K8sObject;
  readonly list: 'containers' | 'initContainers' | 'ephemeralContainers';
}

/** `Kind/namespace/name` (or `Kind/name`) for an object. */
export function objectRef(obj: K8sObject): string {
  const kind = String(obj?.kind ?? '?');
  const name = String(obj?.metadata?.name ?? '?');
  const ns = obj?.metadata?.namespace;
  return ns ? `${kind}/${ns}/${name}` : `${kind}/${name}`;
}

/** Builds a finding for `scanner/checkId` about `obj`. */
export function finding(scanner: string, checkId: string, obj: K8sObject, message: string): Finding {
  return { check: `${scanner}/${checkId}`, object: objectRef(obj), message };
}

/** The namespace of an object, or `undefined`. */
export function namespaceOf(obj: K8sObject): string | undefined {
  const ns = obj?.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
}

/** The labels of an object's metadata, never undefined. */
export function labelsOf(meta: K8sObject | undefined): Record<string, string> {
  const labels = meta?.labels;
  return labels && typeof labels === 'object' ? labels : {};
}

/** Objects of one kind. */
export function ofKind(objects: K8sObject[], ...kinds: string[]): K8sObject[] {
  return objects.filter(o => o && kinds.includes(o.kind));
}

/** Kinds whose `spec.template` is a pod template. */
export const TEMPLATE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'];

/**
 * The pod template of a workload: `spec.template` for controllers, `spec.jobTemplate.spec.template`
 * for CronJobs, the object itself for a Pod. `undefined` for any other object.
 */
export function podTemplateOf(obj: K8sObject): PodTemplate | undefined {
  if (!obj || typeof obj !== 'object') return undefined;
  if (obj.kind === 'Pod') return obj.spec ? { owner: obj, meta: obj.metadata ?? {}, spec: obj.spec } : undefined;
  const template = obj.kind === 'CronJob' ? obj.spec?.jobTemplate?.spec?.template
    : TEMPLATE_KINDS.includes(obj.kind) ? obj.spec?.template : undefined;
  if (!template?.spec) return undefined;
  return { owner: obj, meta: template.metadata ?? {}, spec: template.spec };
}

/** Every pod template in the manifest set. */
export function podTemplates(objects: K8sObject[]): PodTemplate[] {
  return objects.map(podTemplateOf).filter((t): t is PodTemplate => t !== undefined);
}

/** The containers of a pod spec, from the lists asked for (all three by default). */
export function containersOf(spec: K8sObject, lists: ContainerRef['list'][] = ['initContainers', 'containers', 'ephemeralContainers']): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of lists) {
    const items = spec?.[list];
    if (Array.isArray(items)) for (const container of items) if (container) out.push({ container, list });
  }
  return out;
}

/**
 * Kubernetes `LabelSelectorAsSelector` semantics: `null`/`undefined` selects nothing, `{}` selects
 * everything, `matchLabels` and `matchExpressions` (In, NotIn, Exists, DoesNotExist) are ANDed.
 */
export function selectorMatches(selector: K8sObject | null | undefined, labels: Record<string, string>): boolean {
  if (selector === null || selector === undefined || typeof selector !== 'object') return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== String(value)) return false;
  }
  for (const expr of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expr?.key);
    const values: string[] = Array.isArray(expr?.values) ? expr.values.map(String) : [];
    switch (expr?.operator) {
      case 'In': if (!has || !values.includes(labels[expr.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[expr.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** Whether every key/value of a plain `matchLabels` map is present in `labels`. */
export function mapSelectorMatches(selector: Record<string, unknown> | undefined, labels: Record<string, string>): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels[key] === String(value));
}

/** Whether a Kubernetes quantity (string or number) is missing or zero. */
export function isZeroQuantity(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  const match = /^([+-]?[0-9.]+)/.exec(String(value));
  return match ? Number(match[1]) === 0 : false;
}
