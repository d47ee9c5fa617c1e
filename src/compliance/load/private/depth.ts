import type { CST } from 'yaml';

/**
 * Whether a CST token nests collections deeper than `max`. Walks with an explicit stack, so a
 * hostile document (e.g. 100 000 `[`) is measured without recursion and before the YAML composer,
 * which is recursive, ever sees it.
 */
export function cstDeeperThan(root: CST.Token | undefined, max: number): boolean {
  if (!root) return false;
  const stack: Array<[CST.Token, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [token, parentDepth] = stack.pop()!;
    const children = childrenOf(token);
    if (children === undefined) continue;
    const depth = parentDepth + 1;
    if (depth > max) return true;
    for (const child of children) stack.push([child, depth]);
  }
  return false;
}

/** The child tokens of a collection token, or `undefined` for scalars and other leaves. */
function childrenOf(token: CST.Token): CST.Token[] | undefined {
  switch (token.type) {
    case 'block-map':
    case 'block-seq':
    case 'flow-collection': {
      const out: CST.Token[] = [];
      for (const item of token.items as CST.CollectionItem[]) {
        if (item.key) out.push(item.key);
        if (item.value) out.push(item.value);
      }
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * Whether a parsed value nests arrays and objects deeper than `max`. Iterative; shared references
 * (from YAML aliases) are visited again only when reached at a greater depth, so the walk stays
 * linear in the size of the document even when aliases make it a graph.
 */
export function valueDeeperThan(root: unknown, max: number): boolean {
  const seenAt = new Map<object, number>();
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, parentDepth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    const depth = parentDepth + 1;
    if (depth > max) return true;
    const previous = seenAt.get(value);
    if (previous !== undefined && previous >= depth) continue;
    seenAt.set(value, depth);
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) stack.push([child, depth]);
  }
  return false;
}
