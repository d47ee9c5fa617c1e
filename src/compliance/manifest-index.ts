import { argoWorkloadRefs } from './common/argo-workload-ref';
import { isKnativeService, KNATIVE_CONFIGURATION_LABEL, KNATIVE_SERVICE_LABEL, KNATIVE_SERVING_GROUP } from './common/knative';
import { ResolvedComplianceConfig } from './config';
import { indexObject, stringMap, whyNotKubeObject } from './manifest';
import { controllerOf, TemplateCopies } from './private/derived-templates';
import {
  addInjected, injectedContainerNames, InjectedContainers, InjectedKind, isPlatformInjected, isPod, KNATIVE_QUEUE_CONTAINER,
  platformImages, PlatformImages,
} from './private/platform-injected';
import { LabelSelector, SelectorIndex } from './selectors';
import { ContainerRef, IndexedObject, KubeObject, PodTemplate, SourceLocation } from './types';

const WORKLOAD_GROUPS = new Set(['', 'apps', 'batch', 'extensions']);
const NONE: readonly IndexedObject[] = Object.freeze([]);
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);
/** Kinds that hold a pod template (in the workload API groups). */
export const POD_KINDS: ReadonlySet<string> = new Set([...TEMPLATE_KINDS, 'Pod', 'CronJob']);

/**
 * Where the pod spec of a Pod or workload (of the workload API groups) is, whether or not it is
 * there: its JSON path and what the object holds at it. `undefined` for any other object.
 */
export function podSpecSlot(o: IndexedObject): { readonly specPath: string; readonly spec: unknown } | undefined {
  if (!POD_KINDS.has(o.kind) || !WORKLOAD_GROUPS.has(o.group)) return undefined;
  const raw = o.raw as any;
  if (o.kind === 'Pod') return { specPath: 'spec', spec: raw.spec };
  if (o.kind === 'CronJob') return { specPath: 'spec.jobTemplate.spec.template.spec', spec: raw.spec?.jobTemplate?.spec?.template?.spec };
  return { specPath: 'spec.template.spec', spec: raw.spec?.template?.spec };
}

function templateOf(o: IndexedObject): PodTemplate | undefined {
  if (!POD_KINDS.has(o.kind) || !WORKLOAD_GROUPS.has(o.group)) return foreignTemplateOf(o);
  const raw = o.raw as any;
  if (o.kind === 'Pod') {
    if (!raw.spec || typeof raw.spec !== 'object') return undefined;
    return { owner: o, spec: raw.spec, specPath: 'spec', labels: o.labels, annotations: o.annotations, namespace: o.namespace ?? 'default' };
  }
  let template: any;
  let specPath: string;
  if (TEMPLATE_KINDS.has(o.kind)) {
    template = raw.spec?.template;
    specPath = 'spec.template.spec';
  } else if (o.kind === 'CronJob') {
    template = raw.spec?.jobTemplate?.spec?.template;
    specPath = 'spec.jobTemplate.spec.template.spec';
  } else {
    return undefined;
  }
  if (!template || typeof template !== 'object' || !template.spec || typeof template.spec !== 'object') return undefined;
  return podTemplate(o, template, specPath);
}

/** The pod template an object holds at `specPath` (`template` is the PodTemplateSpec around it). */
function podTemplate(o: IndexedObject, template: any, specPath: string): PodTemplate {
  return {
    owner: o,
    spec: template.spec,
    specPath,
    labels: stringMap(template.metadata?.labels),
    annotations: stringMap(template.metadata?.annotations),
    namespace: o.namespace ?? 'default',
  };
}

/** Where objects of other APIs keep a pod template, as the workload APIs do, and the spec path of its pod spec. */
const FOREIGN_TEMPLATES: readonly { readonly path: readonly string[]; readonly specPath: string }[] = [
  { path: ['template'], specPath: 'spec.template.spec' },
  { path: ['jobTemplate', 'spec', 'template'], specPath: 'spec.jobTemplate.spec.template.spec' },
  // KEDA ScaledJob
  { path: ['jobTargetRef', 'template'], specPath: 'spec.jobTargetRef.template.spec' },
];

/**
 * Where an object of another API keeps a pod spec, whether or not it can be read: the first place
 * of {@link FOREIGN_TEMPLATES} whose template `spec` is a mapping that has `containers`.
 */
export function foreignPodSpecSlot(o: IndexedObject): { readonly specPath: string; readonly spec: Record<string, unknown>; readonly template: any } | undefined {
  if (POD_KINDS.has(o.kind) && WORKLOAD_GROUPS.has(o.group)) return undefined;
  const spec = (o.raw as any).spec;
  // Most objects keep no template at all: looked at once, before any path is read.
  if (!spec || typeof spec !== 'object' || (spec.template === undefined && spec.jobTemplate === undefined && spec.jobTargetRef === undefined)) return undefined;
  for (const { path, specPath } of FOREIGN_TEMPLATES) {
    const template = readPath(spec, path) as any;
    const podSpec = template?.spec;
    if (podSpec && typeof podSpec === 'object' && !Array.isArray(podSpec) && podSpec.containers !== undefined) return { specPath, spec: podSpec, template };
  }
  return undefined;
}

/**
 * The pod template of an object of another API that keeps a whole one where the workload APIs do
 * (an Argo Rollout, an OpenKruise CloneSet, a Knative Service, a KEDA ScaledJob): a list of
 * containers that each name their image. Its pods are checked like any other. A template whose
 * containers do not all name an image only patches the pods an operator builds (Camel K, runner
 * controllers), and is not taken for one.
 */
function foreignTemplateOf(o: IndexedObject): PodTemplate | undefined {
  const slot = foreignPodSpecSlot(o);
  if (!slot || !isWholePodSpec(slot.spec)) return undefined;
  const t = podTemplate(o, slot.template, slot.specPath);
  if (!isKnativeService(o)) return t;
  // Knative's controller labels the pods with the Service's name; NetworkPolicies select them by it.
  return { ...t, labels: { ...t.labels, [KNATIVE_SERVICE_LABEL]: o.name, [KNATIVE_CONFIGURATION_LABEL]: o.name } };
}

/** Whether a pod spec lists containers that each name an image. */
function isWholePodSpec(spec: Record<string, unknown>): boolean {
  const containers = spec.containers;
  return Array.isArray(containers) && containers.length > 0
    && containers.every(c => c !== null && typeof c === 'object' && typeof c.image === 'string' && c.image.trim() !== '');
}

/** A document that is not a Kubernetes object, kept so reports can name it. */
export interface RejectedDocument {
  readonly source: SourceLocation;
  readonly reason: string;
}

/**
 * The manifest set indexed by kind, namespace and labels, so that cross-resource controls stay
 * linear in the number of objects. Built once per run; controls only read it.
 */
export class ManifestIndex {
  /**
   * Builds an index from parsed documents; non-objects are kept in {@link rejected}, after
   * `alreadyRejected` (what a loader could not read, so that reports record it too).
   */
  public static fromDocuments(docs: readonly { doc: unknown; source: SourceLocation }[], alreadyRejected: readonly RejectedDocument[] = []): ManifestIndex {
    const objects: IndexedObject[] = [];
    const rejected: RejectedDocument[] = [...alreadyRejected];
    for (let i = 0; i < docs.length; i++) {
      const { doc, source } = docs[i];
      if (doc === undefined) refuseBareObject(docs[i], i);
      const why = whyNotKubeObject(doc);
      if (why) rejected.push({ source, reason: why });
      else objects.push(indexObject(doc as KubeObject, source));
    }
    return new ManifestIndex(objects, rejected);
  }

  /** Builds an index from plain objects (e.g. `chart.toJson()`), numbering them from 1. */
  public static fromObjects(objects: readonly unknown[]): ManifestIndex {
    return ManifestIndex.fromDocuments(objects.map((doc, i) => ({ doc, source: { document: i + 1 } })));
  }

  /** Every Kubernetes object, in input order. */
  public readonly objects: readonly IndexedObject[];
  /** Documents that were not Kubernetes objects. */
  public readonly rejected: readonly RejectedDocument[];
  /**
   * Every pod template (Pods and workloads) the controls check, in input order, the copies of a
   * cluster export (a Deployment's ReplicaSets and Pods) included: see {@link coveringObject}.
   */
  public readonly podTemplates: readonly PodTemplate[];
  /**
   * Whether an object of the set holds a pod template and names a controller: only then can a
   * template be a copy ({@link coveringObject}). A synth's output never does.
   */
  public readonly mayHoldCopies: boolean;
  /** The copy relation of the templates, built on first use. */
  private copies?: TemplateCopies;

  private readonly byKind = new Map<string, IndexedObject[]>();
  /** Objects by kind, then by API group; built per kind on first use. */
  private readonly byKindGroup = new Map<string, Map<string, IndexedObject[]>>();
  private readonly namespaceObjects = new Map<string, IndexedObject>();
  /** Objects of a kind by ref, built per kind on first use by {@link get}. */
  private readonly byRefOfKind = new Map<string, Map<string, IndexedObject>>();
  private readonly memo = new Map<string, unknown>();
  /** What {@link containersFor} returned for each settings object it was given. */
  private readonly containersBySettings = new WeakMap<object, readonly (readonly ContainerRef[])[]>();

  public constructor(objects: readonly IndexedObject[], rejected: readonly RejectedDocument[] = []) {
    this.objects = objects;
    this.rejected = rejected;
    const templates: PodTemplate[] = [];
    let owned = false;
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i];
      push(this.byKind, o.kind, o);
      if (o.kind === 'Namespace' && o.group === '') this.namespaceObjects.set(o.name, o);
      const t = templateOf(o);
      if (t) {
        templates.push(t);
        owned ||= controllerOf(o) !== undefined;
      }
    }
    this.podTemplates = templates;
    this.mayHoldCopies = owned;
  }

  /**
   * The object of the set whose pod template `o`'s was made from, in a cluster export: its
   * controller (a ReplicaSet's Deployment, a Pod's ReplicaSet, or the Deployment or CronJob of
   * the ReplicaSet or Job the export leaves out) when that controller holds a pod template.
   * `undefined` for an object that holds no pod template, or whose controller holds none (the
   * pods of an operator's custom resource), or when no object of the set names a controller.
   */
  public coveringObject(o: IndexedObject): IndexedObject | undefined {
    if (!this.mayHoldCopies) return undefined;
    this.copies ??= new TemplateCopies(this.podTemplates, this.objects, argoWorkloadRefs(this));
    return this.copies.coveringObject(o);
  }

  /**
   * The Knative Service whose template a Knative Revision's Deployment copies, in a cluster export
   * (`kubectl get ksvc,deploy`): for a Deployment (`apps`) whose controller is a Revision
   * (`serving.knative.dev`), its {@link coveringObject} when that is a Knative Service (the
   * Deployment is labelled with the Revision and the Service, which the set holds with a pod
   * template). `undefined` for any other object, and at once when the set holds no Knative Service.
   */
  public revisionServiceOf(o: IndexedObject): IndexedObject | undefined {
    if (o.kind !== 'Deployment' || !this.mayHoldCopies || !this.hasKnativeServices) return undefined;
    const controller = controllerOf(o);
    if (controller?.kind !== 'Revision' || controller.group !== KNATIVE_SERVING_GROUP) return undefined;
    const cover = this.coveringObject(o);
    return cover !== undefined && isKnativeService(cover) ? cover : undefined;
  }

  /**
   * Whether the set holds a Knative Service (`serving.knative.dev`): without one, no object of the
   * set is a Knative Revision's copy of a Service's template, nor left to Knative's autoscaler.
   * Computed once per index.
   */
  public get hasKnativeServices(): boolean {
    return this.cached('hasKnativeServices', () => this.ofKind('Service', KNATIVE_SERVING_GROUP).length > 0);
  }

  /**
   * Whether two objects share a ref (whatever their API group): only such a set can declare an
   * object twice. Most sets repeat nothing, which one pass over the refs finds, once per index.
   */
  public get repeatsARef(): boolean {
    return this.cached('repeatsARef', () => {
      const refs = new Set<string>();
      for (let i = 0; i < this.objects.length; i++) {
        const ref = this.objects[i].ref;
        if (refs.has(ref)) return true;
        refs.add(ref);
      }
      return false;
    });
  }

  /** Objects of a kind; with `group`, only that API group (`''` = core). */
  public ofKind(kind: string, group?: string): readonly IndexedObject[] {
    if (group === undefined) return this.byKind.get(kind) ?? NONE;
    let groups = this.byKindGroup.get(kind);
    if (!groups) {
      groups = new Map();
      for (const o of this.byKind.get(kind) ?? NONE) push(groups, o.group, o);
      this.byKindGroup.set(kind, groups);
    }
    return groups.get(group) ?? NONE;
  }

  /** Objects of several kinds, in input order per kind. */
  public ofKinds(kinds: readonly string[]): IndexedObject[] {
    return kinds.flatMap(k => this.ofKind(k));
  }

  /** Namespaced objects in a namespace. */
  public inNamespace(namespace: string): readonly IndexedObject[] {
    return this.byNamespace.get(namespace) ?? NONE;
  }

  /** One object by kind, namespace (for namespaced kinds) and name; the first one when the set repeats it. */
  public get(kind: string, namespace: string | undefined, name: string): IndexedObject | undefined {
    let byRef = this.byRefOfKind.get(kind);
    if (!byRef) {
      byRef = new Map();
      for (const o of this.ofKind(kind)) if (!byRef.has(o.ref)) byRef.set(o.ref, o);
      this.byRefOfKind.set(kind, byRef);
    }
    return byRef.get(namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`);
  }

  /** Every namespace that holds an object or is declared, sorted. */
  public get namespaces(): readonly string[] {
    return this.cached('namespaces', () => [...new Set([...this.byNamespace.keys(), ...this.namespaceObjects.keys()])].sort());
  }

  /** Namespaced objects by namespace, built on first use. */
  private get byNamespace(): ReadonlyMap<string, readonly IndexedObject[]> {
    return this.cached('byNamespace', () => {
      const m = new Map<string, IndexedObject[]>();
      for (const o of this.objects) if (o.namespace !== undefined) push(m, o.namespace, o);
      return m;
    });
  }

  /** The Namespace object declared for `namespace`, if any. */
  public namespaceObject(namespace: string): IndexedObject | undefined {
    return this.namespaceObjects.get(namespace);
  }

  /**
   * The labels of a namespace as the API server sees them: the declared labels plus
   * `kubernetes.io/metadata.name`, which the API server sets on every namespace.
   */
  public namespaceLabels(namespace: string): Readonly<Record<string, string>> {
    return this.cached(`nslabels:${namespace}`, () => ({
      ...(this.namespaceObjects.get(namespace)?.labels ?? {}),
      'kubernetes.io/metadata.name': namespace,
    }));
  }

  /** Pod templates in a namespace. */
  public podTemplatesIn(namespace: string): readonly PodTemplate[] {
    return this.cached('podsByNs', () => {
      const m = new Map<string, PodTemplate[]>();
      for (const t of this.podTemplates) push(m, t.namespace, t);
      return m;
    }).get(namespace) ?? [];
  }

  /**
   * The containers of every pod template ({@link containersOf}), aligned with
   * {@link podTemplates}, without those a platform injected that run its official image:
   * computed once per index and shared by every control. The controls read
   * {@link containersFor} with the settings of the run, which may name mirrors of those images.
   */
  public get containers(): readonly (readonly ContainerRef[])[] {
    return this.cached('containers', () => {
      const injected = this.injected;
      return this.podTemplates.map((t, i) => containersOf(t, injected[i]));
    });
  }

  /**
   * The containers of every pod template, aligned with {@link podTemplates}, without those a
   * platform injected that run its official image or one of the mirrors the settings name
   * (`istioProxyImages`, `knativeQueueImages`): {@link containers} when they name none, else
   * computed once per index and set of mirrors, the lists of the Pods without injected containers
   * shared with {@link containers}. The settings are read once per settings object (a resolved
   * configuration, which does not change): every control of a run that passes the run's
   * configuration gets the lists without reading them again.
   */
  public containersFor(config: Pick<ResolvedComplianceConfig, 'istioProxyImages' | 'knativeQueueImages'>): readonly (readonly ContainerRef[])[] {
    let lists = this.containersBySettings.get(config);
    if (lists === undefined) {
      const images = platformImages(config.istioProxyImages, config.knativeQueueImages);
      lists = images === undefined ? this.containers
        : this.cached(`containers:${JSON.stringify([[...images.istioProxy], [...images.knativeQueue]])}`, () => this.containersWith(images));
      this.containersBySettings.set(config, lists);
    }
    return lists;
  }

  private containersWith(images: PlatformImages): readonly (readonly ContainerRef[])[] {
    const injected = this.injected;
    const official = this.containers;
    return injected.every(i => i === undefined) ? official
      : this.podTemplates.map((t, i) => injected[i] === undefined ? official[i] : containersOf(t, injected[i], images));
  }

  /**
   * Every container of every template, aligned with {@link podTemplates}, the containers a
   * platform injected included ({@link containers} leaves those out): for the controls no
   * container escapes, whoever configures it (privileged mode, privilege escalation). The same
   * lists as {@link containers} when no template of the set has such a container.
   */
  public get allContainers(): readonly (readonly ContainerRef[])[] {
    return this.cached('allContainers', () => {
      const injected = this.injected;
      const filtered = this.containers;
      return injected.every(i => i === undefined) ? filtered : this.podTemplates.map((t, i) => injected[i] === undefined ? filtered[i] : containersOf(t));
    });
  }

  /** What the platforms injected into each template ({@link injectedInto}), aligned with {@link podTemplates}: computed once per index. */
  private get injected(): readonly (InjectedContainers | undefined)[] {
    return this.cached('injected', () => {
      const knative = this.hasKnativeServices;
      return this.podTemplates.map(t => this.injectedInto(t, knative));
    });
  }

  /**
   * The containers the platforms injected into a Pod, or into the Deployment or ReplicaSet of a
   * Knative Revision, that copies a template of the set ({@link coveringObject}), which the
   * container controls leave to them:
   * - Istio's, in a Pod: those its `sidecar.istio.io/status` annotation names and the covering
   *   template does not have;
   * - Knative's `queue-proxy`, when the chain of covering objects reaches a Knative Service whose
   *   template does not have it (`knative`: the set holds a Knative Service).
   * Each is left only when it runs that platform's image (see `isPlatformInjected`), which
   * {@link containers} and {@link containersFor} test. A template that copies none has none:
   * every container of a Pod or Deployment that stands alone is judged, whatever its annotations
   * and labels say.
   */
  private injectedInto(t: PodTemplate, knative: boolean): InjectedContainers | undefined {
    const pod = isPod(t.owner);
    if (!pod && !(knative && isRevisionWorkload(t.owner))) return undefined;
    const cover = this.coveringObject(t.owner);
    if (cover === undefined) return undefined;
    const injected = new Map<string, InjectedKind[]>();
    const named = pod ? injectedContainerNames(t.owner) : undefined;
    if (named !== undefined) {
      const own = this.containerNamesOf(cover);
      for (const name of named) if (!own.has(name)) addInjected(injected, name, 'istioProxy');
    }
    const service = knative ? this.knativeServiceAbove(cover) : undefined;
    if (service !== undefined && !this.containerNamesOf(service).has(KNATIVE_QUEUE_CONTAINER)) {
      addInjected(injected, KNATIVE_QUEUE_CONTAINER, 'knativeQueue');
    }
    return injected.size > 0 ? injected : undefined;
  }

  /** The pod template an object of the set holds, if any. */
  public podTemplateOf(o: IndexedObject): PodTemplate | undefined {
    return this.cached('templatesByOwner', () => new Map(this.podTemplates.map(x => [x.owner, x]))).get(o);
  }

  /**
   * The Knative Service that `o` is, or that the chain of its covering objects
   * ({@link coveringObject}) reaches: the Service whose template a Pod of its revisions copies.
   */
  private knativeServiceAbove(o: IndexedObject): IndexedObject | undefined {
    const seen = new Set<IndexedObject>();
    for (let cur: IndexedObject | undefined = o; cur !== undefined && !seen.has(cur); cur = this.coveringObject(cur)) {
      if (isKnativeService(cur)) return cur;
      seen.add(cur);
    }
    return undefined;
  }

  /** The names of the containers of the template an object holds (none when it holds none), once per object. */
  private containerNamesOf(o: IndexedObject): ReadonlySet<string> {
    const memo = this.cached('containerNames', () => new Map<IndexedObject, ReadonlySet<string>>());
    let names = memo.get(o);
    if (names === undefined) {
      const template = this.podTemplateOf(o);
      memo.set(o, names = new Set(template === undefined ? [] : containersOf(template).map(c => c.container.name as string)));
    }
    return names;
  }

  /**
   * An index of the objects of a kind by their label selector, read at `selectorPath`
   * (`spec.podSelector` for NetworkPolicy, `spec.selector` for Istio policies and PDBs). An
   * Istio policy without a selector applies to its whole namespace: pass `absentMeansAll`.
   * Built once per run and shared by every control that asks.
   */
  public selectorIndex(kind: string, group: string | undefined, selectorPath: string, absentMeansAll = false): SelectorIndex<IndexedObject> {
    return this.cached(`sel:${kind}:${group}:${selectorPath}:${absentMeansAll}`, () => {
      const idx = new SelectorIndex<IndexedObject>();
      const steps = selectorPath.split('.');
      const objects = this.ofKind(kind, group);
      for (let i = 0; i < objects.length; i++) {
        const o = objects[i];
        let sel: any = readPath(o.raw, steps);
        if ((sel === undefined || sel === null) && absentMeansAll) sel = {};
        idx.add(o.namespace, sel as LabelSelector, o);
      }
      return idx;
    });
  }

  /**
   * Computes a value once per index and returns it on later calls: controls use it to share
   * derived lookups (e.g. the policies per namespace) without recomputing them.
   */
  public cached<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }
}

/**
 * Throws when {@link ManifestIndex.fromDocuments} is given a Kubernetes object instead of a
 * `{ doc, source }` pair: the whole set would otherwise be rejected and the check find nothing.
 */
function refuseBareObject(entry: unknown, i: number): void {
  if (entry !== null && typeof entry === 'object' && !('doc' in entry) && ('apiVersion' in entry || 'kind' in entry)) {
    throw new TypeError(`ManifestIndex.fromDocuments takes { doc, source } pairs, but entry ${i} is a Kubernetes object itself: `
      + 'pass plain objects to ManifestIndex.fromObjects');
  }
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/**
 * Every container of a pod template: init, regular and ephemeral, without those of `injected`
 * that run their platform's image (Istio's proxy, Knative's queue), which the platform configures.
 * @param injected the containers a platform injected into the pod, by name, with what each would
 * be @default - none: every container
 * @param images the repositories of each platform's image @default - the official ones
 */
export function containersOf(pod: PodTemplate, injected?: InjectedContainers, images?: PlatformImages): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of CONTAINER_LISTS) {
    const arr = pod.spec[list];
    if (!Array.isArray(arr)) continue;
    for (let index = 0; index < arr.length; index++) {
      const container = arr[index];
      if (container && typeof container === 'object' && !isPlatformInjected(injected, container, images)) {
        out.push({ pod, container, list, index, path: `${pod.specPath}.${list}[${index}]` });
      }
    }
  }
  return out;
}

/**
 * Whether an object is of the kinds Knative Serving makes a Revision's pods through, with its
 * `queue-proxy` in their template: a Deployment or ReplicaSet (`apps`, or the old `extensions`).
 */
function isRevisionWorkload(o: IndexedObject): boolean {
  return (o.kind === 'Deployment' || o.kind === 'ReplicaSet') && (o.group === 'apps' || o.group === 'extensions');
}

/** Reads a dotted path (`spec.template.spec`) from an object; `undefined` when any step is missing. */
export function getPath(obj: unknown, path: string): unknown {
  return readPath(obj, path.split('.'));
}

function readPath(obj: unknown, steps: readonly string[]): unknown {
  let cur: any = obj;
  for (let i = 0; i < steps.length; i++) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = cur[steps[i]];
  }
  return cur;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v); else m.set(k, [v]);
}
