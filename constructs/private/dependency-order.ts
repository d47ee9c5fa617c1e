import { DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';

/** Whether a construct id is an array index (`0`, `17`), which a JavaScript object lists first as a key. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;
const MAX_ARRAY_INDEX = 2 ** 32 - 2;

/**
 * The constructs of `root`'s subtree, `root` included, in the order cdk8s's
 * `new DependencyGraph(root.node).topology()` gives them: each construct after the constructs of
 * the subtree it depends on (`node.addDependency`; a dependency outside the subtree is left out),
 * otherwise in the order of `node.findAll()`.
 *
 * cdk8s builds that graph by construct path, checks every edge for a cycle by a walk of the graph,
 * and walks shared dependencies again for every construct that reaches them, which costs a large
 * app tens of milliseconds per call. This walks each construct once and keys vertices by the
 * construct itself, which gives the same order: it follows the same rules (the roots in
 * `findAll()` order, with the constructs whose path is an array index first, as cdk8s's
 * path-keyed object lists them; the dependencies of a construct in the order it added them;
 * depth first, each construct after its dependencies). When the result could differ or cdk8s would
 * fail — a dependency cycle, a dependency on a construct of another tree that cdk8s would match by
 * path — it hands over to cdk8s's graph, which then gives its own answer or error.
 */
export function dependencyOrder(root: IConstruct): IConstruct[] {
  const all = root.node.findAll();
  const tree = root.node.root;
  // Most apps declare no dependency at all: every construct is then a root of the graph.
  if (all.every(c => c.node.dependencies.length === 0)) return rootsInOrder(all, tree);
  const position = new Map<IConstruct, number>();
  for (let i = 0; i < all.length; i++) position.set(all[i], i);
  const dependencies: (Set<number> | undefined)[] = new Array(all.length);
  const depended = new Uint8Array(all.length);
  for (let i = 0; i < all.length; i++) {
    for (const d of all[i].node.dependencies) {
      const j = position.get(d);
      if (j === undefined) {
        // cdk8s matches a dependency by path: one in another tree could name a construct of this one.
        if (d.node.root !== tree) return cdk8sOrder(root);
        continue;
      }
      (dependencies[i] ??= new Set()).add(j);
      depended[j] = 1;
    }
  }
  const order: IConstruct[] = [];
  // 0: not reached; 1: on the current path; 2: ordered.
  const state = new Uint8Array(all.length);
  const visit = (i: number): boolean => {
    if (state[i] === 2) return true;
    if (state[i] === 1) return false;
    state[i] = 1;
    const deps = dependencies[i];
    if (deps !== undefined) for (const j of deps) if (!visit(j)) return false;
    state[i] = 2;
    order.push(all[i]);
    return true;
  };
  for (const c of rootsInOrder(all.filter((_, i) => depended[i] === 0), tree)) if (!visit(position.get(c)!)) return cdk8sOrder(root);
  // Every construct in a cycle of its own is depended on, so not a root: cdk8s decides those too.
  return order.length === all.length ? order : cdk8sOrder(root);
}

/**
 * The roots of the graph (constructs nothing depends on) in the order cdk8s lists them: those whose
 * path is an array index first, by number, then the others in `findAll()` order.
 */
function rootsInOrder(roots: readonly IConstruct[], tree: IConstruct): IConstruct[] {
  const indexed: IConstruct[] = [];
  const others: IConstruct[] = [];
  for (const c of roots) {
    // Only a child of the tree's root has a path without a `/`, which may be an array index.
    if (c.node.scope === tree && isArrayIndex(c.node.id)) indexed.push(c); else others.push(c);
  }
  if (indexed.length === 0) return others;
  indexed.sort((a, b) => Number(a.node.id) - Number(b.node.id));
  return [...indexed, ...others];
}

function isArrayIndex(id: string): boolean {
  return ARRAY_INDEX.test(id) && Number(id) <= MAX_ARRAY_INDEX;
}

/** cdk8s's own order (or error) for a subtree. */
function cdk8sOrder(root: IConstruct): IConstruct[] {
  return new DependencyGraph(root.node).topology();
}
