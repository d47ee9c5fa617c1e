import { indexObject, whyNotKubeObject } from '../../src/compliance/manifest';

describe('whyNotKubeObject', () => {
  const base = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } };

  test('accepts an object with apiVersion, kind and a name or generateName', () => {
    expect(whyNotKubeObject(base)).toBeUndefined();
    expect(whyNotKubeObject({ ...base, metadata: { generateName: 'job-' } })).toBeUndefined();
    expect(whyNotKubeObject({ ...base, metadata: { name: 'a', namespace: 'team' } })).toBeUndefined();
  });

  test('says which field is missing, and which has the wrong type (a YAML 1.1 boolean or a number read from an unquoted value)', () => {
    const cases: [unknown, string][] = [
      [{ kind: 'ConfigMap', metadata: { name: 'a' } }, 'missing apiVersion'],
      [{ ...base, apiVersion: 5 }, 'apiVersion is a number, not a string (quote it: YAML reads it as one)'],
      [{ ...base, kind: '' }, 'missing kind'],
      [{ ...base, metadata: undefined }, 'missing metadata'],
      [{ ...base, metadata: ['name', 'a'] }, 'metadata is a sequence, not a mapping'],
      [{ ...base, metadata: 'hello' }, 'metadata is a string, not a mapping'],
      [{ ...base, metadata: { name: 123 } }, 'metadata.name is a number, not a string (quote it: YAML reads it as one)'],
      [{ ...base, metadata: { name: true } }, 'metadata.name is a boolean, not a string (quote it: YAML reads it as one)'],
      [{ ...base, metadata: { name: '' } }, 'metadata.name is empty'],
      [{ ...base, metadata: { name: 'x'.repeat(254) } }, 'metadata.name is 254 characters long, more than the 253 the API server accepts'],
      [{ ...base, metadata: { name: 'a', namespace: 123 } }, 'metadata.namespace is a number, not a string (quote it: YAML reads it as one)'],
      [{ ...base, metadata: { name: 'a', namespace: ['x'] } }, 'metadata.namespace is a sequence, not a string'],
      [{ apiVersion: 'v1', kind: 'List' }, 'a List needs an items sequence, and has nothing'],
      [{ apiVersion: 'v1', kind: 'PodList', items: { a: 1 } }, 'a PodList needs an items sequence, and has a mapping'],
    ];
    for (const [doc, why] of cases) expect([doc, whyNotKubeObject(doc)]).toEqual([doc, why]);
  });
});

describe('indexObject', () => {
  const at = { file: 'a.yaml', document: 1 };

  test('puts a namespaced object without a namespace in default, and keeps no namespace for a cluster-scoped kind, whatever its metadata says', () => {
    expect(indexObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, at).ref).toBe('ConfigMap/default/a');
    for (const [apiVersion, kind] of [['gateway.networking.k8s.io/v1', 'GatewayClass'], ['storage.k8s.io/v1', 'VolumeAttributesClass'],
      ['policy.networking.k8s.io/v1alpha1', 'AdminNetworkPolicy'], ['external-secrets.io/v1beta1', 'ClusterSecretStore'], ['cert-manager.io/v1', 'ClusterIssuer']]) {
      const o = indexObject({ apiVersion, kind, metadata: { name: 'a', namespace: 'team' } }, at);
      expect([kind, o.namespace, o.ref]).toEqual([kind, undefined, `${kind}/a`]);
    }
  });
});
