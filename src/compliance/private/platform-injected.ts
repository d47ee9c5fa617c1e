/**
 * The containers a platform added to a running Pod, configured by the platform rather than by the
 * workload, which cannot change them. Two rules, each naming the containers and the image they run:
 * - Istio's injector adds its proxy (`istio-proxy`) and init containers (`istio-init`,
 *   `istio-validation`), set by the mesh's injection template, and lists them in the annotation
 *   it writes on the Pod, `sidecar.istio.io/status`; they run Istio's `proxyv2` image.
 * - Knative Serving adds `queue-proxy` to every Pod of a Service's revisions, set by its
 *   `config-deployment` ConfigMap (`queue-sidecar-image`, `queue-sidecar-*` resources); it runs
 *   the image Knative builds from `knative.dev/serving/cmd/queue`.
 * The images count from the registries the platforms publish to, and from the mirrors the settings
 * name (`istioProxyImages`, `knativeQueueImages`), each repository compared whole.
 * @see https://github.com/istio/istio/blob/master/pkg/kube/inject/inject.go
 * @see https://github.com/knative/serving/blob/main/pkg/reconciler/revision/resources/queue.go
 * @see https://github.com/knative/serving/blob/main/config/core/configmaps/deployment.yaml
 */

import { parseImageRef } from '../common/image-ref';
import { IndexedObject } from '../types';

/**
 * The repositories (`registry/repository`, as `parseImageRef` normalises an image) that hold the
 * image of each container a platform injects.
 */
export interface PlatformImages {
  /** Istio's proxy (`proxyv2`), which its `istio-proxy`, `istio-init` and `istio-validation` run. */
  readonly istioProxy: ReadonlySet<string>;
  /** Knative's queue, which its `queue-proxy` runs. */
  readonly knativeQueue: ReadonlySet<string>;
}

/** A platform's injected container, named by the member of {@link PlatformImages} that holds its image. */
export type InjectedKind = keyof PlatformImages;

/**
 * The containers of a Pod that a platform injected, by name, each with what it would be (an
 * injected name alone never hides a container: its image must be that platform's, see
 * {@link isPlatformInjected}).
 */
export type InjectedContainers = ReadonlyMap<string, readonly InjectedKind[]>;

/** The annotation with which Istio's injector records what it added to a pod. */
const ISTIO_STATUS_ANNOTATION = 'sidecar.istio.io/status';

/** The name Knative Serving gives the container it adds to a revision's pods (`QueueContainerName`). */
export const KNATIVE_QUEUE_CONTAINER = 'queue-proxy';

/**
 * Where Istio publishes its proxy image (`proxyv2`, with any tag or variant such as `-distroless`):
 * its official hubs. A mirror counts only when the settings name it (`istioProxyImages`): a
 * repository that only ends in `proxyv2` could hold anything.
 */
export const ISTIO_PROXY_IMAGES: readonly string[] = ['docker.io/istio/proxyv2', 'gcr.io/istio-release/proxyv2'];

/** Where Knative publishes its queue image, built from `knative.dev/serving/cmd/queue`; a mirror counts only when the settings name it (`knativeQueueImages`). */
export const KNATIVE_QUEUE_IMAGES: readonly string[] = ['gcr.io/knative-releases/knative.dev/serving/cmd/queue'];

/** The platforms' official images, which always count. */
const OFFICIAL_PLATFORM_IMAGES: PlatformImages = { istioProxy: new Set(ISTIO_PROXY_IMAGES), knativeQueue: new Set(KNATIVE_QUEUE_IMAGES) };

/**
 * The platforms' images: the official ones and the repositories the settings add, or
 * `undefined` when the settings add none (the official images alone).
 */
export function platformImages(istioProxy: readonly string[], knativeQueue: readonly string[]): PlatformImages | undefined {
  const official = OFFICIAL_PLATFORM_IMAGES;
  if (istioProxy.every(i => official.istioProxy.has(i)) && knativeQueue.every(i => official.knativeQueue.has(i))) return undefined;
  return { istioProxy: new Set([...ISTIO_PROXY_IMAGES, ...istioProxy]), knativeQueue: new Set([...KNATIVE_QUEUE_IMAGES, ...knativeQueue]) };
}

/**
 * The names of the containers Istio's injector added to a Pod, or `undefined` when it is no Pod or
 * records none. Only the Pod itself counts: a template does not run the injector.
 */
export function injectedContainerNames(o: IndexedObject): ReadonlySet<string> | undefined {
  const status = istioStatusOf(o);
  const names = new Set([...stringsOf(status?.containers), ...stringsOf(status?.initContainers)]);
  return names.size > 0 ? names : undefined;
}

/** The names of the volumes Istio's injector records it added to a Pod (none when it is no Pod or records none). */
export function injectedVolumeNames(o: IndexedObject): ReadonlySet<string> {
  return new Set(stringsOf(istioStatusOf(o)?.volumes));
}

/** What Istio's status annotation of a Pod records, or `undefined` when it is no Pod or the annotation is missing or no JSON object. */
function istioStatusOf(o: IndexedObject): Record<string, unknown> | undefined {
  if (!isPod(o)) return undefined;
  const status = o.annotations[ISTIO_STATUS_ANNOTATION];
  if (status === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(status);
  } catch {
    return undefined;
  }
  return parsed !== null && typeof parsed === 'object' ? parsed as Record<string, unknown> : undefined;
}

function stringsOf(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
}

/** Records that a platform may have injected the container `name`, as a container of `kind`; a name two platforms claim is either. */
export function addInjected(injected: Map<string, InjectedKind[]>, name: string, kind: InjectedKind): void {
  const kinds = injected.get(name);
  if (kinds === undefined) injected.set(name, [kind]);
  else if (!kinds.includes(kind)) kinds.push(kind);
}

/**
 * Whether a container of a Pod is one a platform injected: `injected` (as
 * `ManifestIndex.containers` reads it: what the Pod's platforms add and its template lacks) names
 * it and its image's repository is one of `images` for what it would be (Istio's proxy, Knative's
 * queue), compared whole. A name alone does not do: an annotation copied by hand, or a container
 * named `queue-proxy`, never hides a container of another image, nor of a mirror the settings do
 * not name, nor Istio's proxy image under Knative's name.
 * @param images the repositories of each platform's image @default - the official ones
 */
export function isPlatformInjected(injected: InjectedContainers | undefined, container: Record<string, unknown>,
  images: PlatformImages = OFFICIAL_PLATFORM_IMAGES): boolean {
  if (injected === undefined || typeof container.name !== 'string' || typeof container.image !== 'string') return false;
  const kinds = injected.get(container.name);
  if (kinds === undefined) return false;
  const ref = parseImageRef(container.image);
  const repository = `${ref.registry}/${ref.repository}`;
  return kinds.some(kind => images[kind].has(repository));
}

/** Whether an object is a core Pod. */
export function isPod(o: IndexedObject): boolean {
  return o.kind === 'Pod' && o.group === '';
}
