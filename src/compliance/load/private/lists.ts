/** An object found in a document, with its path inside the document (`''` for the document itself). */
export interface Flattened {
  readonly value: unknown;
  readonly path: string;
}

/**
 * The objects of a document: the document itself, or the items of a Kubernetes list (`kind: List`
 * or `<Kind>List` with an `items` array), lists inside lists included. Items of a typed list
 * (`DeploymentList`) get the apiVersion and kind they omit, as the API server returns them.
 * Iterative, in document order.
 */
export function flattenLists(document: unknown): Flattened[] {
  const out: Flattened[] = [];
  const stack: Flattened[] = [{ value: document, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    const items = listItems(value);
    if (!items) {
      out.push({ value, path });
      continue;
    }
    for (let i = items.length - 1; i >= 0; i--) {
      stack.push({ value: items[i], path: `${path === '' ? '' : `${path}.`}items[${i}]` });
    }
  }
  return out;
}

function listItems(value: unknown): unknown[] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const list = value as { apiVersion?: unknown; kind?: unknown; items?: unknown };
  if (typeof list.kind !== 'string' || !list.kind.endsWith('List') || !Array.isArray(list.items)) return undefined;
  const itemKind = list.kind.slice(0, -'List'.length);
  if (itemKind === '') return list.items;
  return list.items.map(item => withTypeOf(item, list.apiVersion, itemKind));
}

function withTypeOf(item: unknown, apiVersion: unknown, kind: string): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const o = item as Record<string, unknown>;
  if (o.apiVersion !== undefined && o.kind !== undefined) return item;
  return { ...o, apiVersion: o.apiVersion ?? apiVersion, kind: o.kind ?? kind };
}
