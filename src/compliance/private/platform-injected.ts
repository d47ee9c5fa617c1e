/**
 * The containers a platform added to a running Pod, configured by the platform rather than by the
 * workload, which cannot change them. Two rules, each naming the containers and the image they run:
 * - Istio's injector adds its proxy (`istio-proxy`) and init containers (`istio-init`,
 *   `istio-validation`), set by the mesh's injection template, and lists them in the annotation
 *   it writes on the Pod, `sidecar.istio.io/status`; they run Istio's `proxyv2` image.
 * - Knative Serving adds `queue-proxy` to every Pod of a Service's revisions, set by its
 *   `config-deployment` ConfigMap (`queue-sidecar-image`, `queue-sidecar-*` resources); it runs
 *   the image Knative builds from `knative.dev/serving/cmd/queue`.
 * @see https://github.com/istio/istio/blob/master/pkg/kube/inject/inject.go
 * @see https://github.com/knative/serving/blob/main/pkg/reconciler/revision/resources/queue.go
 * @see https://github.com/knative/serving/blob/main/config/core/configmaps/deployment.yaml
 */

import { parseImageRef } from '../common/image-ref';
import { KNATIVE_SERVING_GROUP } from '../common/knative';
import { IndexedObject } from '../types';

/**
 * The containers of a Pod that a platform injected, by name, each with the test its image must
 * pass to be taken for the platform's (an injected name alone never hides a container).
 */
export type InjectedContainers = ReadonlyMap<string, (image: string) => boolean>;

/** The annotation with which Istio's injector records what it added to a pod. */
const ISTIO_STATUS_ANNOTATION = 'sidecar.istio.io/status';

/** The name Knative Serving gives the container it adds to a revision's pods (`QueueContainerName`). */
export const KNATIVE_QUEUE_CONTAINER = 'queue-proxy';

/**
 * Where Istio publishes its proxy image (`proxyv2`, with any tag or variant such as `-distroless`):
 * its official hubs. A mirror is judged like any image: a repository that only ends in `proxyv2`
 * could hold anything.
 */
const ISTIO_PROXY_IMAGES: ReadonlySet<string> = new Set(['docker.io/istio/proxyv2', 'gcr.io/istio-release/proxyv2']);

/** Where Knative publishes its queue image, built from `knative.dev/serving/cmd/queue`. */
const KNATIVE_QUEUE_IMAGES: ReadonlySet<string> = new Set(['gcr.io/knative-releases/knative.dev/serving/cmd/queue']);

/** Whether an image (`registry/repository`, as `parseImageRef` normalises it) is Istio's proxy from its official hubs. */
export function isIstioProxyImage(image: string): boolean {
  return ISTIO_PROXY_IMAGES.has(image);
}

/** Whether an image (`registry/repository`) is Knative's queue from its release registry. */
export function isKnativeQueueImage(image: string): boolean {
  return KNATIVE_QUEUE_IMAGES.has(image);
}

/** Whether an object is a Knative Service (`serving.knative.dev`). */
export function isKnativeService(o: IndexedObject): boolean {
  return o.kind === 'Service' && o.group === KNATIVE_SERVING_GROUP;
}

/**
 * The names of the containers Istio's injector added to a Pod, or `undefined` when it is no Pod or
 * records none. Only the Pod itself counts: a template does not run the injector.
 */
export function injectedContainerNames(o: IndexedObject): ReadonlySet<string> | undefined {
  if (!isPod(o)) return undefined;
  const status = o.annotations[ISTIO_STATUS_ANNOTATION];
  if (status === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(status);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const names = new Set<string>();
  for (const list of [(parsed as any).containers, (parsed as any).initContainers]) {
    if (Array.isArray(list)) for (const n of list) if (typeof n === 'string') names.add(n);
  }
  return names.size > 0 ? names : undefined;
}

/**
 * Records that a platform may have injected the container `name` when its image passes
 * `isPlatformImage`; a name two platforms claim takes either's image.
 */
export function addInjected(injected: Map<string, (image: string) => boolean>, name: string, isPlatformImage: (image: string) => boolean): void {
  const other = injected.get(name);
  injected.set(name, other === undefined || other === isPlatformImage ? isPlatformImage : image => other(image) || isPlatformImage(image));
}

/**
 * Whether a container of a Pod is one a platform injected: `injected` (as
 * `ManifestIndex.containers` reads it: what the Pod's platforms add and its template lacks) names
 * it and its image passes that platform's test. A name alone does not do: an annotation copied by
 * hand, or a container named `queue-proxy`, never hides a container of another image, nor of a
 * mirror of the platform's.
 */
export function isPlatformInjected(injected: InjectedContainers | undefined, container: Record<string, unknown>): boolean {
  if (injected === undefined || typeof container.name !== 'string' || typeof container.image !== 'string') return false;
  const isPlatformImage = injected.get(container.name);
  if (isPlatformImage === undefined) return false;
  const ref = parseImageRef(container.image);
  return isPlatformImage(`${ref.registry}/${ref.repository}`);
}

/** Whether an object is a core Pod. */
export function isPod(o: IndexedObject): boolean {
  return o.kind === 'Pod' && o.group === '';
}
