import { IConstruct } from 'constructs';

const REGISTRIES = new WeakMap<IConstruct, Map<string, unknown>>();

/**
 * A value shared by every construct of one app (keyed by the construct tree's root), created on
 * first use: lets constructs that never reference each other agree on names that must be unique
 * in the cluster, or emit an object once per namespace.
 */
export function appRegistry<T>(scope: IConstruct, key: string, create: () => T): T {
  const root = scope.node.root;
  let registry = REGISTRIES.get(root);
  if (!registry) REGISTRIES.set(root, registry = new Map());
  if (!registry.has(key)) registry.set(key, create());
  return registry.get(key) as T;
}
