import { isAlias, isMap, isPair, isSeq, Node } from 'yaml';

/**
 * How many nodes the aliases of a document add once expanded (merge keys `<<: *a` included), up
 * to `limit + 1`. The YAML library limits how many aliases are expanded, not how large what they
 * copy is: 99 merges of a 200 000-key mapping stay under its count and build 20 million keys. Each
 * alias is resolved to the last anchor before it (YAML's rule), in one pass in document order, and
 * the size of each anchored node is computed once. The document was checked for depth before it
 * was composed, so the recursion is shallow; an alias inside its own anchor counts once.
 */
export function aliasExpansion(root: unknown, limit: number): number {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node>();
  const visit = (node: unknown): void => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) targets.set(node, target);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const anchor = (node as { anchor?: string }).anchor;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          visit(item.key);
          visit(item.value);
        } else {
          visit(item);
        }
      }
    }
    // An anchor is defined once its node is complete: an alias inside it does not see it.
    if (anchor) anchors.set(anchor, node as Node);
  };
  visit(root);
  if (targets.size === 0) return 0;

  const sizes = new Map<Node, number>();
  const inProgress = new Set<Node>();
  /** Nodes `node` stands for once its aliases are expanded (capped just above the limit). */
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = targets.get(node);
      return target === undefined || inProgress.has(target) ? 1 : size(target);
    }
    if (!isMap(node) && !isSeq(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    inProgress.add(node);
    let total = 1;
    for (const item of node.items) {
      total += isPair(item) ? size(item.key) + size(item.value) : size(item);
      if (total > limit) break;
    }
    inProgress.delete(node);
    sizes.set(node, Math.min(total, limit + 1));
    return Math.min(total, limit + 1);
  };

  let added = 0;
  for (const target of targets.values()) {
    added += size(target) - 1;
    if (added > limit) return limit + 1;
  }
  return added;
}
