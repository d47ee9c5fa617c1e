/**
 * The containers Istio's injector added to a running Pod: the proxy (`istio-proxy`) and its init
 * containers (`istio-init`, `istio-validation`), configured by the mesh's injection template rather
 * than by the workload, which cannot change them. A Pod of a cluster export lists them in the
 * annotation the injector writes, `sidecar.istio.io/status`.
 * @see https://github.com/istio/istio/blob/master/pkg/kube/inject/inject.go
 */

import { parseImageRef } from '../common/image-ref';
import { IndexedObject } from '../types';

/** The annotation with which Istio's injector records what it added to a pod. */
const STATUS_ANNOTATION = 'sidecar.istio.io/status';

/**
 * The names of the containers the injector added to a Pod, or `undefined` when it is no Pod or
 * records none. Only the Pod itself counts: a template does not run the injector.
 */
export function injectedContainerNames(o: IndexedObject): ReadonlySet<string> | undefined {
  if (o.kind !== 'Pod' || o.group !== '') return undefined;
  const status = o.annotations[STATUS_ANNOTATION];
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
 * Whether a container of a Pod is one Istio injected: `injected` (the names of the Pod's status
 * annotation that the template it copies lacks, as `ManifestIndex.containers` reads them) names it and it
 * runs Istio's proxy image (`…/proxyv2`, with any tag or variant such as `-distroless`). A name
 * alone does not do: an annotation copied by hand never hides a container of another image.
 */
export function isIstioInjected(injected: ReadonlySet<string> | undefined, container: Record<string, unknown>): boolean {
  if (injected === undefined || typeof container.name !== 'string' || !injected.has(container.name)) return false;
  if (typeof container.image !== 'string') return false;
  const repository = parseImageRef(container.image).repository;
  return repository === 'proxyv2' || repository.endsWith('/proxyv2');
}
