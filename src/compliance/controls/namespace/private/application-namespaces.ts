import { ManifestIndex } from '../../../manifest-index';
import { CheckContext, IndexedObject } from '../../../types';

/**
 * The application namespaces of a manifest set: the namespaces holding pod templates, minus the
 * platform's own namespaces (`config.systemNamespaces`). A namespace whose Namespace object
 * carries a data classification (`config.classificationLabel`) holds customer data and stays an
 * application namespace whatever its name. Sorted, computed once per index and configuration.
 */
export function applicationNamespaces(ctx: CheckContext): readonly string[] {
  const system = ctx.config.systemNamespaces;
  const classification = ctx.config.classificationLabel;
  return ctx.index.cached(`app-namespaces:${classification}:${system.join(',')}`, () => {
    const skip = new Set(system);
    const found = new Set<string>();
    for (const pod of ctx.index.podTemplates) {
      const ns = pod.namespace;
      if (!skip.has(ns) || ctx.index.namespaceObject(ns)?.labels[classification] !== undefined) found.add(ns);
    }
    return [...found].sort();
  });
}

/** The application namespaces of the run as a set, for controls that test many objects. */
export function applicationNamespaceSet(ctx: CheckContext): ReadonlySet<string> {
  const system = ctx.config.systemNamespaces;
  return ctx.index.cached(`app-namespace-set:${ctx.config.classificationLabel}:${system.join(',')}`, () => new Set(applicationNamespaces(ctx)));
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
