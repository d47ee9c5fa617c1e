import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext, Testing } from 'cdk8s';
import fc from 'fast-check';
import { PlainApiObject } from '../../../constructs/private/api';
import { buildReferencePlatform } from '../../../src/reference/platform';

/** What cdk8s's own ApiObject.toJson gives for an object. */
function cdk8sJson(o: ApiObject): unknown {
  return ApiObject.prototype.toJson.call(o);
}

function plainObjects(app: App): PlainApiObject[] {
  return app.node.findAll().filter((c): c is PlainApiObject => c instanceof PlainApiObject);
}

describe('PlainApiObject renders exactly what cdk8s renders', () => {
  test('for every object of the reference app', () => {
    const app = Testing.app();
    buildReferencePlatform(app);
    const objects = plainObjects(app);
    expect(objects.length).toBeGreaterThan(70);
    for (const o of objects) {
      expect(o.toJson()).toStrictEqual(cdk8sJson(o));
      // In the same order too: the YAML is written in key order.
      expect(Object.keys(o.toJson().metadata)).toStrictEqual(Object.keys((cdk8sJson(o) as { metadata: object }).metadata));
    }
    // The top-level keys come first, as cdk8s orders them.
    expect(Object.keys(objects[0].toJson()).slice(0, 3)).toEqual(['apiVersion', 'kind', 'metadata']);
  });

  test('with labels and annotations added through escape hatches, lazily too', () => {
    const chart = new Chart(Testing.app(), 'c', { labels: { team: 'payments' } });
    const o = new PlainApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { b: '2', a: '1', gone: undefined, none: null } });
    o.metadata.addLabel('tier', 'backend');
    o.metadata.addAnnotation('note', 'escape hatch');
    o.metadata.add('generation', Lazy.any({ produce: () => 7 }));
    expect(o.toJson()).toStrictEqual(cdk8sJson(o));
    expect(o.toJson()).toMatchObject({ metadata: { labels: { team: 'payments', tier: 'backend' }, annotations: { note: 'escape hatch' }, generation: 7 } });
    expect(Object.keys(o.toJson().data)).toEqual(['a', 'b']);
  });

  test('metadata given with the fields toJson writes over it (name, namespace, labels, annotations, finalizers, owner references) renders as cdk8s renders it, in its order', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'chart-ns', labels: { chart: 'yes' } });
    const cases = [
      new PlainApiObject(chart, 'plain', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { z: '1', b: '2' }, annotations: { y: 'x' } } }),
      new PlainApiObject(chart, 'empty', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', annotations: {}, labels: {}, finalizers: [] } }),
      new PlainApiObject(chart, 'owned', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'own', finalizers: ['keep'], ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'o', uid: 'u' }] } }),
      new PlainApiObject(chart, 'lazy', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd', annotations: { later: Lazy.any({ produce: () => 'yes' }) as never } } }),
      new PlainApiObject(chart, 'extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'e', generateName: 'e-', labels: { a: '1' } } }),
    ];
    cases[0].metadata.addLabel('added', 'later');
    cases[2].metadata.addFinalizers('second');
    for (const o of cases) {
      expect(o.toJson()).toStrictEqual(cdk8sJson(o));
      expect(Object.keys(o.toJson().metadata)).toStrictEqual(Object.keys((cdk8sJson(o) as { metadata: object }).metadata));
    }
    expect(cases[0].toJson().metadata).toStrictEqual({ annotations: { y: 'x' }, labels: { added: 'later', b: '2', chart: 'yes', z: '1' }, name: 'a', namespace: 'chart-ns' });
    expect(Object.keys(cases[0].toJson().metadata.labels)).toStrictEqual(['added', 'b', 'chart', 'z']);
    expect(cases[1].toJson().metadata).toStrictEqual({ labels: { chart: 'yes' }, name: 'b', namespace: 'chart-ns' });
    expect(cases[3].toJson().metadata.annotations).toStrictEqual({ later: 'yes' });
    expect(Object.keys(cases[4].toJson().metadata)).toStrictEqual(['generateName', 'labels', 'name', 'namespace']);
  });

  test('orders the keys of any mapping as cdk8s does, few or many, in any script, digits and surrogate pairs included', () => {
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('0', '9', '10', 'a', 'B', 'é', '\u{1F600}', '\uFFFF', 'Z9', '-', '_'));
    const value = fc.letrec(tie => ({
      node: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null), fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 24, noNullPrototype: true })),
    })).node;
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 24, noNullPrototype: true }), data => {
      const chart = new Chart(Testing.app(), 'c');
      const o = new PlainApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { z: '1', a: '2' } }, data });
      const ours = o.toJson();
      const theirs = cdk8sJson(o) as Record<string, unknown>;
      expect(ours).toStrictEqual(theirs);
      expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
    }), { numRuns: 300 });
  });

  test('drops empty lists and mappings from the metadata as cdk8s does, at every depth', () => {
    const chart = new Chart(Testing.app(), 'c');
    const o = new PlainApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: {} }, data: { empty: {}, list: [] } });
    o.metadata.add('nothing', {});
    o.metadata.add('nested', { inner: { deeper: [] }, kept: 'yes' });
    o.metadata.add('items', [{}, { a: null }, 'x']);
    o.metadata.add('later', Lazy.any({ produce: () => ({}) }));
    o.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u-1' });
    expect(o.toJson()).toStrictEqual(cdk8sJson(o));
    expect(o.toJson().metadata).toStrictEqual({
      items: [undefined, undefined, 'x'], name: 'x', nested: { kept: 'yes' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u-1' }],
    });
    // Outside the metadata, empty values stay, as in cdk8s.
    expect(o.toJson().data).toStrictEqual({ empty: {}, list: [] });
    // Metadata kept elsewhere than this cdk8s version keeps it is left to cdk8s.
    const moved = new PlainApiObject(chart, 'moved', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y', labels: { a: '1' } } });
    (moved.metadata as unknown as { _additionalAttributes?: unknown })._additionalAttributes = undefined;
    expect(moved.toJson()).toStrictEqual(cdk8sJson(moved));
    expect(moved.toJson().metadata).toStrictEqual({ name: 'y', labels: { a: '1' } });
  });

  test('produces Lazy values, nested ones too', () => {
    const chart = new Chart(Testing.app(), 'c');
    const inner = Lazy.any({ produce: () => ({ z: 1, a: [null, 'x'] }) });
    const o = new PlainApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { lazy: Lazy.any({ produce: () => ({ inner }) }) } });
    expect(o.toJson()).toMatchObject({ data: { lazy: { inner: { a: [undefined, 'x'], z: 1 } } } });
    expect(o.toJson()).toStrictEqual(cdk8sJson(o));
  });

  test('hands over to cdk8s for a value that is neither plain data nor a Lazy', () => {
    class Token {
      public resolve(): string {
        return 'resolved';
      }
    }
    const chart = new Chart(Testing.app(), 'c');
    const o = new PlainApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { token: new Token() } });
    expect(o.toJson()).toMatchObject({ data: { token: 'resolved' } });
    expect(o.toJson()).toStrictEqual(cdk8sJson(o));
  });

  test('applies JSON patches', () => {
    const chart = new Chart(Testing.app(), 'c');
    const o = new PlainApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1' } });
    o.addJsonPatch(JsonPatch.add('/data/b', '2'));
    expect(o.toJson()).toMatchObject({ data: { a: '1', b: '2' } });
  });

  test('lets the app\'s own resolvers see every value', () => {
    class Upper implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (context.value === 'shout' && context.key.join('.') === 'data.a') context.replaceValue(context.value.toUpperCase());
      }
    }
    const chart = new Chart(new App({ resolvers: [new Upper()] }), 'c');
    const o = new PlainApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'shout' } });
    expect(o.toJson()).toMatchObject({ data: { a: 'SHOUT' } });
  });

  test('keeps the key order when CDK8S_DISABLE_SORT is set, as cdk8s does', () => {
    const chart = new Chart(Testing.app(), 'c');
    const o = new PlainApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { b: '2', a: '1' } });
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      expect(Object.keys(o.toJson().data)).toEqual(['b', 'a']);
      expect(o.toJson()).toStrictEqual(cdk8sJson(o));
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });
});
