import type { CST } from 'yaml';

/**
 * Whether a CST token nests collections deeper than `max`. Walks with an explicit stack, so a
 * hostile document (e.g. 100 000 `[`) is measured without recursion and before the YAML composer,
 * which is recursive, ever sees it.
 */
export function cstDeeperThan(root: CST.Token | undefined, max: number): boolean {
  if (!root) return false;
  // Two stacks in step, the tokens and their parents' depths, rather than a pair for each token.
  const tokens: CST.Token[] = [root];
  const depths: number[] = [0];
  while (tokens.length > 0) {
    const token = tokens.pop()!;
    const depth = depths.pop()! + 1;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth > max) return true;
    for (const item of token.items as CST.CollectionItem[]) {
      if (item.key) {
        tokens.push(item.key);
        depths.push(depth);
      }
      if (item.value) {
        tokens.push(item.value);
        depths.push(depth);
      }
    }
  }
  return false;
}

/**
 * Whether a parsed value nests arrays and objects deeper than `max`. Iterative; shared references
 * (from YAML aliases) are visited again only when reached at a greater depth, so the walk stays
 * linear in the size of the document even when aliases make it a graph. A value that is known to
 * be a tree (`tree`: read from a document without aliases) is walked without remembering them.
 */
export function valueDeeperThan(root: unknown, max: number, tree = false): boolean {
  const seenAt = new Map<object, number>();
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()! + 1;
    if (value === null || typeof value !== 'object') continue;
    if (depth > max) return true;
    if (!tree) {
      const previous = seenAt.get(value);
      if (previous !== undefined && previous >= depth) continue;
      seenAt.set(value, depth);
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth);
      }
    }
  }
  return false;
}
