import { resolveConfig } from '../../../src/compliance/config';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { computeFlows, describeEndpoint, NetworkModel } from '../../../src/compliance/network/flows';
import { ALLOW_DNS, DEFAULT_DENY, networkPolicy, workload } from './fixtures';

function lines(objects: unknown[]): string[] {
  const m: NetworkModel = computeFlows(ManifestIndex.fromObjects(objects), resolveConfig({ today: '2026-11-27' }));
  return m.flows.map(f => `${describeEndpoint(f.from)} -> ${describeEndpoint(f.to)} [${f.ports.join(', ')}]${f.via.length ? ` via ${f.via.join(', ')}` : ''}`);
}

const SOLVER = { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } };
const FROM_CONTROLLER = networkPolicy('shop', 'acme-solver', {
  podSelector: SOLVER, policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8089, protocol: 'TCP' }] }],
});

describe('flows of pods no manifest holds', () => {
  test('a policy for pods created at run time (the ACME HTTP-01 solver) draws what it admits into them', () => {
    expect(lines([DEFAULT_DENY('shop'), FROM_CONTROLLER])).toEqual([
      'namespace ingress-nginx -> namespace shop (acme.cert-manager.io/http01-solver=true) [TCP/8089] via NetworkPolicy/shop/acme-solver',
    ]);
  });

  test('without the namespace\'s default deny, the egress of those pods is not restricted: an edge to any', () => {
    expect(lines([FROM_CONTROLLER])).toEqual([
      'namespace ingress-nginx -> namespace shop (acme.cert-manager.io/http01-solver=true) [TCP/8089] via NetworkPolicy/shop/acme-solver',
      'namespace shop (acme.cert-manager.io/http01-solver=true) -> any [any]',
    ]);
  });

  test('a source workload of the set gets only what its own egress allows', () => {
    const fromWeb = networkPolicy('shop', 'solver-from-web', {
      podSelector: SOLVER, policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8089 }, { port: 9000 }] }],
    });
    const webEgress = networkPolicy('shop', 'web-egress', {
      podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: SOLVER }], ports: [{ port: 8089 }] }],
    });
    expect(lines([DEFAULT_DENY('shop'), workload('shop', 'web'), fromWeb, webEgress]).filter(l => l.startsWith('shop/web'))).toEqual([
      'shop/web -> namespace shop (acme.cert-manager.io/http01-solver=true) [TCP/8089] via NetworkPolicy/shop/solver-from-web, NetworkPolicy/shop/web-egress',
    ]);
    // Without the egress rule, the default deny keeps the web pods from reaching the solver.
    expect(lines([DEFAULT_DENY('shop'), workload('shop', 'web'), fromWeb]).filter(l => l.includes('http01'))).toEqual([]);
  });

  test('egress the policy grants those pods reaches a workload only as far as the workload admits it', () => {
    const out = networkPolicy('shop', 'operator-egress', {
      podSelector: { matchLabels: { app: 'operator' } }, policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }, { port: 9187 }] }],
    });
    const dbIn = networkPolicy('shop', 'db-ingress', {
      podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'operator' } } }], ports: [{ port: 5432 }] }],
    });
    expect(lines([DEFAULT_DENY('shop'), workload('shop', 'db'), out, dbIn]).filter(l => l.includes('operator'))).toEqual([
      'namespace shop (app=operator) -> shop/db [TCP/5432] via NetworkPolicy/shop/db-ingress, NetworkPolicy/shop/operator-egress',
    ]);
  });

  test('the namespace\'s policies for every pod count too: a DNS rule for all pods is drawn from the namespace, not again from those pods', () => {
    expect(lines([DEFAULT_DENY('shop'), ALLOW_DNS('shop'), FROM_CONTROLLER])).toEqual([
      'namespace ingress-nginx -> namespace shop (acme.cert-manager.io/http01-solver=true) [TCP/8089] via NetworkPolicy/shop/acme-solver',
      'namespace shop -> namespace kube-system (k8s-app=kube-dns) [TCP/53, UDP/53] via NetworkPolicy/shop/allow-dns',
    ]);
  });

  test('what a namespace-wide policy admits into every pod reaches those pods too', () => {
    const fromScanner = networkPolicy('shop', 'from-scanner', {
      podSelector: {}, policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'scanner' } } }] }],
    });
    expect(lines([DEFAULT_DENY('shop'), fromScanner, FROM_CONTROLLER, workload('shop', 'web')]).filter(l => l.includes('http01'))).toEqual([
      'namespace ingress-nginx -> namespace shop (acme.cert-manager.io/http01-solver=true) [TCP/8089] via NetworkPolicy/shop/acme-solver',
      'namespace scanner -> namespace shop (acme.cert-manager.io/http01-solver=true) [any] via NetworkPolicy/shop/from-scanner',
    ]);
  });

  test('what a namespace-wide policy lets every pod reach, those pods reach too, unless an edge of the whole namespace draws it already', () => {
    const toScanner = networkPolicy('shop', 'to-scanner', {
      podSelector: {}, policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'scanner' } } }], ports: [{ port: 443 }] }],
    });
    expect(lines([DEFAULT_DENY('shop'), toScanner, FROM_CONTROLLER, workload('shop', 'web')]).filter(l => l.includes('scanner'))).toEqual([
      'namespace shop (acme.cert-manager.io/http01-solver=true) -> namespace scanner [TCP/443] via NetworkPolicy/shop/to-scanner',
      'shop/web -> namespace scanner [TCP/443] via NetworkPolicy/shop/to-scanner',
    ]);
    // DNS, which every workload has, is drawn once from the namespace, and not again from the solver pods.
    expect(lines([DEFAULT_DENY('shop'), ALLOW_DNS('shop'), FROM_CONTROLLER, workload('shop', 'web')]).filter(l => l.includes('kube-dns'))).toEqual([
      'namespace shop -> namespace kube-system (k8s-app=kube-dns) [TCP/53, UDP/53] via NetworkPolicy/shop/allow-dns',
    ]);
  });

  test('a policy for every pod of a namespace without workloads draws the namespace', () => {
    const fromMonitoring = networkPolicy('jobs', 'metrics', {
      podSelector: {}, policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 9090 }] }],
    });
    expect(lines([DEFAULT_DENY('jobs'), fromMonitoring])).toEqual([
      'namespace monitoring -> namespace jobs [TCP/9090] via NetworkPolicy/jobs/metrics',
    ]);
  });

  test('policies that select a workload of the set are drawn for that workload only', () => {
    const fromController = networkPolicy('shop', 'web-from-controller', {
      podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8080 }] }],
    });
    expect(lines([DEFAULT_DENY('shop'), workload('shop', 'web'), fromController])).toEqual([
      'namespace ingress-nginx -> shop/web [TCP/8080] via NetworkPolicy/shop/web-from-controller',
    ]);
  });

  test('a policy with a pod selector that is not a selector draws nothing', () => {
    expect(lines([DEFAULT_DENY('shop'), networkPolicy('shop', 'broken', { podSelector: 'app=web', ingress: [{}] })])).toEqual([]);
  });
});
