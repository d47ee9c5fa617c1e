import { resolveConfig } from '../../../../../src/compliance/config';
import { applicationNamespaces, isApplicationNamespace, namespaceSubject } from '../../../../../src/compliance/controls/namespace/private/application-namespaces';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { CheckContext } from '../../../../../src/compliance/types';
import { deployment } from '../../../helpers';
import { namespace } from '../fixtures';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const context = (objects: unknown[], systemNamespaces?: string[]): CheckContext => ({
  index: ManifestIndex.fromObjects(objects), config: resolveConfig({ systemNamespaces }), catalogue: new Map(),
});

describe('applicationNamespaces', () => {
  const objects = [namespace('empty'), deployment('a', POD, { namespace: 'zeta' }), deployment('b', POD, { namespace: 'alpha' }), deployment('dns', POD, { namespace: 'kube-system' })];

  test('lists namespaces with pod templates, sorted, without system namespaces', () => {
    expect(applicationNamespaces(context(objects))).toEqual(['alpha', 'zeta']);
  });

  test('follows the configured system namespaces', () => {
    const ctx = context(objects, ['zeta']);
    expect(applicationNamespaces(ctx)).toEqual(['alpha', 'kube-system']);
    expect(isApplicationNamespace(ctx, 'kube-system')).toBe(true);
    expect(isApplicationNamespace(ctx, 'zeta')).toBe(false);
  });

  test('without systemNamespaces, follows the mesh root, ingress controller and monitoring namespaces the settings name', () => {
    const moved = resolveConfig({ meshRootNamespace: 'mesh-root', ingressControllerNamespaces: ['edge', 'edge-internal'], monitoringNamespaces: ['observability'] });
    expect(moved.systemNamespaces).toEqual(['kube-system', 'kube-public', 'kube-node-lease', 'mesh-root', 'cert-manager', 'edge', 'edge-internal', 'observability']);
    const ctx: CheckContext = { index: ManifestIndex.fromObjects([
      deployment('istiod', POD, { namespace: 'mesh-root' }), deployment('gw', POD, { namespace: 'edge' }), deployment('prom', POD, { namespace: 'observability' }),
      deployment('app', POD, { namespace: 'istio-system' }), deployment('web', POD, { namespace: 'shop' }),
    ]), config: moved, catalogue: new Map() };
    // The names the defaults would have exempted are application namespaces once the settings move the platform elsewhere.
    expect(applicationNamespaces(ctx)).toEqual(['istio-system', 'shop']);
    // The defaults are as before; a list given is taken as it is.
    expect(resolveConfig({}).systemNamespaces).toEqual(['kube-system', 'kube-public', 'kube-node-lease', 'istio-system', 'cert-manager', 'ingress-nginx', 'monitoring']);
    expect(resolveConfig({ meshRootNamespace: 'mesh-root', systemNamespaces: ['kube-system'] }).systemNamespaces).toEqual(['kube-system']);
    expect(resolveConfig({ monitoringNamespaces: ['kube-system'] }).systemNamespaces).toEqual(['kube-system', 'kube-public', 'kube-node-lease', 'istio-system', 'cert-manager', 'ingress-nginx']);
  });

  test('keeps a namespace that carries a data classification, even when it is named like a platform namespace', () => {
    const classified = namespace('monitoring', { 'soc2.cdk8s.io/data-classification': 'restricted' });
    const ctx = context([classified, deployment('api', POD, { namespace: 'monitoring' }), deployment('prom', POD, { namespace: 'cert-manager' })]);
    expect(applicationNamespaces(ctx)).toEqual(['monitoring']);
  });
});

describe('namespaceSubject', () => {
  test('is the declared Namespace object when there is one', () => {
    const ctx = context([namespace('team', { a: 'b' })]);
    expect(namespaceSubject(ctx.index, 'team').labels).toEqual({ a: 'b' });
  });

  test('is one stable stand-in, not from any file, when the namespace is not declared', () => {
    const ctx = context([]);
    const subject = namespaceSubject(ctx.index, 'team');
    expect(subject).toMatchObject({ kind: 'Namespace', name: 'team', ref: 'Namespace/team', source: { document: 0 } });
    expect(namespaceSubject(ctx.index, 'team')).toBe(subject);
  });
});
