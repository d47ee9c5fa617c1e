import { resolveConfig } from '../../../../src/compliance/config';
import { objectsUnique } from '../../../../src/compliance/controls/manifest/objects-unique';
import { ManifestIndex } from '../../../../src/compliance/manifest-index';
import { check, outcome } from '../../helpers';

const np = (name: string, spec: unknown, namespace = 'shop', apiVersion = 'networking.k8s.io/v1') => ({ apiVersion, kind: 'NetworkPolicy', metadata: { name, namespace }, spec });

describe('objects-unique', () => {
  test('does not evaluate objects declared once: the same name in another namespace, kind or API group', () => {
    const objects = [
      np('web', { podSelector: {} }), np('web', { podSelector: {} }, 'other'),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } },
      np('web', { podSelector: {} }, 'shop', 'crd.projectcalico.org/v1'),
    ];
    expect(check(objectsUnique, objects)).toEqual([]);
  });

  test('passes an object repeated unchanged, whatever its key order, and says what it repeats', () => {
    const a = np('web', { podSelector: {}, policyTypes: ['Ingress'] });
    const b = Object.fromEntries(Object.entries(np('web', { policyTypes: ['Ingress'], podSelector: {} })).reverse());
    const results = check(objectsUnique, [a, b]);
    expect(results.map(r => [r.passed, r.message])).toEqual([[true, 'declared again later in the set'], [true, 'repeats document 1 unchanged']]);
  });

  test('fails every later declaration with other contents, naming where the first one is', () => {
    const objects = [np('web', { podSelector: {} }), np('web', { podSelector: { matchLabels: { a: 'b' } } }), np('web', { podSelector: {}, policyTypes: ['Egress'] })];
    const results = check(objectsUnique, objects);
    expect(results.map(r => [r.passed, r.message, r.path])).toEqual([
      [true, 'declared again later in the set', undefined],
      [false, 'is also declared, with other contents, by document 1: applied after it, this one replaces it', 'metadata.name'],
      [false, 'is also declared, with other contents, by document 1: applied after it, this one replaces it', 'metadata.name'],
    ]);
  });

  test('counts an object without a namespace as one in the default namespace, and groups API versions of one group', () => {
    const bare = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas: 1 } };
    const inDefault = { apiVersion: 'apps/v1beta2', kind: 'Deployment', metadata: { name: 'api', namespace: 'default' }, spec: { replicas: 2 } };
    expect(outcome(objectsUnique, [bare, inDefault])).toEqual({ 'Deployment/default/api': 'fail' });
  });

  test('does not evaluate objects named by generateName, which get a fresh name each', () => {
    const gen = (data: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'report-', namespace: 'shop' }, data: { x: data } });
    const named = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'report-', namespace: 'shop' }, data: { x: 'c' } };
    expect(check(objectsUnique, [gen('a'), gen('b'), named])).toEqual([]);
    expect(check(objectsUnique, [gen('a'), named, named]).map(r => [r.object.ref, r.passed])).toEqual([['ConfigMap/shop/report-', true], ['ConfigMap/shop/report-', true]]);
  });

  test('names the construct or the file and document of the first declaration', () => {
    const index = ManifestIndex.fromDocuments([
      { doc: np('web', { podSelector: {} }), source: { document: 1, constructPath: 'app/shop/web/NetworkPolicy' } },
      { doc: np('web', { podSelector: { matchLabels: { x: 'y' } } }), source: { document: 2, constructPath: 'app/shop/other' } },
      { doc: np('db', { podSelector: {} }), source: { file: 'a.yaml', document: 3 } },
      { doc: np('db', {}), source: { file: 'b.yaml', document: 1 } },
    ]);
    const results = objectsUnique.check({ index, config: resolveConfig({}), catalogue: new Map() });
    expect(results.filter(r => !r.passed).map(r => r.message)).toEqual([
      'is also declared, with other contents, by construct app/shop/web/NetworkPolicy: applied after it, this one replaces it',
      'is also declared, with other contents, by a.yaml document 3: applied after it, this one replaces it',
    ]);
  });
});
