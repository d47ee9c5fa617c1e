import { ApiObject, App, Chart, DependencyGraph, Testing } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import fc from 'fast-check';
import { CompliantApp } from '../../../constructs';
import { dependencyOrder } from '../../../constructs/private/dependency-order';

/** A tree to build: each node names its parent by index (an earlier node), its id, and whether it is a chart. */
interface Shape {
  readonly nodes: readonly { readonly parent: number; readonly id: string; readonly chart: boolean }[];
  /** Dependencies as (source, target) indices of nodes. */
  readonly edges: readonly (readonly [number, number])[];
}

const ID = fc.oneof(fc.constantFrom('0', '1', '2', '10', '007', '4294967294', '4294967295'), fc.stringMatching(/^[a-z][a-z0-9]{0,3}$/));

const SHAPE: fc.Arbitrary<Shape> = fc.integer({ min: 1, max: 24 }).chain(n => fc.record({
  nodes: fc.tuple(...Array.from({ length: n }, (_, i) => fc.record({
    // -1: a child of the app.
    parent: fc.integer({ min: -1, max: i - 1 }),
    id: ID,
    chart: fc.boolean(),
  }))),
  edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 2 * n }),
}));

/** Builds a shape in an app (ids made unique among siblings; a node under no chart made a chart), with its edges. */
function build(shape: Shape, acyclic: boolean): { app: App; nodes: IConstruct[] } {
  const app = Testing.app();
  const nodes: IConstruct[] = [];
  shape.nodes.forEach((s, i) => {
    const parent: Construct = s.parent < 0 ? app : nodes[s.parent] as Construct;
    let id = s.id;
    while (parent.node.tryFindChild(id)) id = `${id}x`;
    const underChart = parent !== app && (Chart.isChart(parent) || hasChartAbove(parent));
    if (s.chart || !underChart) nodes.push(new Chart(parent, id));
    else nodes.push(new ApiObject(parent, id, { apiVersion: 'v1', kind: 'ConfigMap' }));
    void i;
  });
  for (const [from, to] of shape.edges) {
    // Acyclic: only from a later node to an earlier one.
    if (acyclic && from <= to) continue;
    nodes[from].node.addDependency(nodes[to]);
  }
  return { app, nodes };
}

function hasChartAbove(c: IConstruct): boolean {
  return c.node.scopes.some(s => Chart.isChart(s));
}

/** cdk8s's order for a subtree, or its error. */
function cdk8sOutcome(root: IConstruct): { order?: string[]; error?: string } {
  try {
    return { order: new DependencyGraph(root.node).topology().map(c => c.node.path) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function ourOutcome(root: IConstruct): { order?: string[]; error?: string } {
  try {
    return { order: dependencyOrder(root).map(c => c.node.path) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('dependencyOrder', () => {
  test('gives cdk8s\'s order for the app and every chart of acyclic trees, array-index ids and cross-chart dependencies included', () => {
    fc.assert(fc.property(SHAPE, shape => {
      const { app, nodes } = build(shape, true);
      expect(ourOutcome(app)).toStrictEqual(cdk8sOutcome(app));
      for (const n of nodes) if (Chart.isChart(n)) expect(ourOutcome(n)).toStrictEqual(cdk8sOutcome(n));
    }), { numRuns: 300 });
  });

  test('gives cdk8s\'s answer when dependencies may form cycles: its error, or its order where it finds none', () => {
    fc.assert(fc.property(SHAPE, shape => {
      const { app, nodes } = build(shape, false);
      // A cycle cdk8s's own cycle check misses makes its walk recurse without end: such trees are not compared.
      const theirs = cdk8sOutcome(app);
      fc.pre(theirs.error === undefined || !theirs.error.includes('call stack'));
      expect(ourOutcome(app)).toStrictEqual(theirs);
      for (const n of nodes) {
        if (!Chart.isChart(n)) continue;
        const chart = cdk8sOutcome(n);
        if (chart.error?.includes('call stack')) continue;
        expect(ourOutcome(n)).toStrictEqual(chart);
      }
    }), { numRuns: 300 });
  });

  test('lists a dependency before its dependant and array-index ids first, as cdk8s does', () => {
    const app = Testing.app();
    const b = new Chart(app, 'b');
    const a = new Chart(app, 'a');
    const one = new Chart(app, '10');
    const zero = new Chart(app, '2');
    b.node.addDependency(a);
    const order = dependencyOrder(app).map(c => c.node.path);
    expect(order).toStrictEqual(['2', '10', '', 'a', 'b']);
    expect(order).toStrictEqual(new DependencyGraph(app.node).topology().map(c => c.node.path));
    void one;
    void zero;
  });

  test('a dependency on a construct of another app is decided by cdk8s, which matches it by path', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const first = new ApiObject(chart, 'first', { apiVersion: 'v1', kind: 'ConfigMap' });
    const second = new ApiObject(chart, 'second', { apiVersion: 'v1', kind: 'ConfigMap' });
    const other = Testing.app();
    const twin = new ApiObject(new Chart(other, 'c'), 'second', { apiVersion: 'v1', kind: 'ConfigMap' });
    first.node.addDependency(twin);
    const order = dependencyOrder(chart).map(c => c.node.path);
    expect(order).toStrictEqual(new DependencyGraph(chart.node).topology().map(c => c.node.path));
    // cdk8s took the twin for `second`: `first` comes after it.
    expect(order.indexOf('c/second')).toBeLessThan(order.indexOf('c/first'));
    void second;
  });

  test('CompliantApp.charts is App.charts', () => {
    const app = new CompliantApp({ outdir: 'unused' });
    const later = new Chart(app, 'later');
    const earlier = new Chart(app, 'earlier');
    new Chart(app, '3');
    later.node.addDependency(earlier);
    const theirs = new DependencyGraph(app.node).topology().filter((c): c is Chart => c instanceof Chart);
    expect(app.charts).toStrictEqual(theirs);
    expect(app.charts.map(c => c.node.id)).toStrictEqual(['3', 'earlier', 'later']);
  });
});
