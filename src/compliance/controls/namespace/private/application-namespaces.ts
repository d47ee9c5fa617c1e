import { ManifestIndex } from '../../../manifest-index';
import { CheckContext, IndexedObject } from '../../../types';

/**
 * The application namespaces of a manifest set: the namespaces holding pod templates, minus the
 * platform's own namespaces (`config.systemNamespaces`). Sorted, computed once per index and
 * configuration.
 */
export function applicationNamespaces(ctx: CheckContext): readonly string[] {
  const system = ctx.config.systemNamespaces;
  return ctx.index.cached(`app-namespaces:${system.join(',')}`, () => {
    const skip = new Set(system);
    const found = new Set<string>();
    for (const pod of ctx.index.podTemplates) if (!skip.has(pod.namespace)) found.add(pod.namespace);
    return [...found].sort();
  });
}

/** The application namespaces of the run as a set, for controls that test many objects. */
export function applicationNamespaceSet(ctx: CheckContext): ReadonlySet<string> {
  const system = ctx.config.systemNamespaces;
  return ctx.index.cached(`app-namespace-set:${system.join(',')}`, () => new Set(applicationNamespaces(ctx)));
}

/** Whether `namespace` is an application namespace of the run. */
export function isApplicationNamespace(ctx: CheckContext, namespace: string): boolean {
  return applicationNamespaceSet(ctx).has(namespace);
}

/**
 * The object that stands for a namespace in results: its Namespace object when the manifests
 * declare one (so a suppression annotation on it applies), else a stand-in `Namespace/<name>`
 * that is not from any file (document 0). The same stand-in is returned on every call.
 */
export function namespaceSubject(index: ManifestIndex, namespace: string): IndexedObject {
  const declared = index.namespaceObject(namespace);
  if (declared) return declared;
  return index.cached(`namespace-stand-in:${namespace}`, () => standIn(namespace));
}

function standIn(name: string): IndexedObject {
  return {
    raw: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    apiVersion: 'v1',
    group: '',
    kind: 'Namespace',
    name,
    namespace: undefined,
    labels: {},
    annotations: {},
    ref: `Namespace/${name}`,
    source: { document: 0 },
  };
}
