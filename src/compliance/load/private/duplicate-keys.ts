import { isMap, isPair, isScalar, isSeq, Node } from 'yaml';

/**
 * A mapping key JSON cannot hold: one that appears twice (its text, and where the second one
 * starts), or one that is itself a mapping or sequence (`? [a, b]`; where it starts).
 */
export interface DuplicateKey {
  readonly key: string;
  readonly offset: number;
  /** @default - the key is repeated */
  readonly collection?: boolean;
  /** For a repeated key, where its first occurrence starts. @default - a key that is a collection */
  readonly first?: number;
}

/**
 * The first repeated key (or key that is a collection) of any mapping in a composed document, in linear time (the YAML
 * library's own `uniqueKeys` check compares every key with every other: a mapping with 300 000
 * keys would take hours). Keys are compared as the strings they become in JSON, so `1` and
 * `"1"` collide, as they do for the API server. Merge keys (`<<`, resolved to a symbol) may repeat. Iterative; aliases
 * are not followed (their anchors are checked where they are defined).
 */
export function firstDuplicateKey(root: Node | null | undefined): DuplicateKey | undefined {
  const stack: unknown[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (isScalar(pair.key) && typeof pair.key.value !== 'symbol') {
          const key = String(pair.key.value);
          const first = seen.get(key);
          if (first !== undefined) return { key, offset: pair.key.range?.[0] ?? 0, first };
          seen.set(key, pair.key.range?.[0] ?? 0);
        } else if (isMap(pair.key) || isSeq(pair.key)) {
          return { key: String(pair.key), offset: pair.key.range?.[0] ?? 0, collection: true };
        } else if (pair.key) {
          stack.push(pair.key);
        }
        if (pair.value) stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}
