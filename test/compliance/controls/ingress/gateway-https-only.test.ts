import { parseAllDocuments } from 'yaml';
import { gatewayHttpsOnly } from '../../../../src/compliance/controls/ingress/gateway-https-only';
import { check, messages, outcome } from '../../helpers';
import { istio } from '../mesh/fixtures';

const istioGateway = (name: string, servers: unknown[]) => istio('Gateway', name, 'shop', { selector: { istio: 'ingressgateway' }, servers });
const HTTPS = { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['shop.example.com'], tls: { mode: 'SIMPLE', credentialName: 'shop-tls' } };

const apiGateway = (name: string, listeners: unknown[]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name, namespace: 'shop' }, spec: { gatewayClassName: 'istio', listeners },
});
const route = (name: string, parentRefs: unknown[], rules: unknown[], namespace = 'shop') => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name, namespace }, spec: { parentRefs, rules },
});
const REDIRECT = { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] };
const SERVE = { backendRefs: [{ name: 'web', port: 8080 }] };
const LISTENERS = [
  { name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'shop-tls' }] } },
  { name: 'http', protocol: 'HTTP', port: 80 },
];

describe('gateway-https-only', () => {
  describe('Istio Gateways', () => {
    test('pass with HTTPS, TLS passthrough and HTTP that redirects', () => {
      const g = istioGateway('public', [HTTPS, { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'], tls: { httpsRedirect: true } },
        { port: { number: 5432, name: 'pg', protocol: 'TLS' }, hosts: ['db.example.com'], tls: { mode: 'PASSTHROUGH' } }]);
      expect(outcome(gatewayHttpsOnly, [g])).toEqual({ 'Gateway/shop/public': 'pass' });
    });

    test('fail for HTTP without a redirect and for plain TCP, once per server, at the field', () => {
      const g = istioGateway('public', [HTTPS, { port: { number: 80, name: 'http', protocol: 'http' }, hosts: ['*'] },
        { port: { number: 6379, name: 'redis', protocol: 'TCP' }, hosts: ['*'] }]);
      expect(messages(gatewayHttpsOnly, [g])).toEqual([
        'spec.servers[1] serves HTTP on port 80 without tls.httpsRedirect: true, so clients can stay on plain HTTP',
        'spec.servers[2] serves TCP on port 6379 unencrypted: use protocol TLS (mode PASSTHROUGH when the workload ends TLS itself)',
      ]);
      expect(check(gatewayHttpsOnly, [g]).map(r => r.path)).toEqual(['spec.servers[1].tls', 'spec.servers[2].port.protocol']);
    });
  });

  test('an HTTP server of an Istio egress gateway is told to take mutual TLS from the sidecars, not to redirect', () => {
    const g = istio('Gateway', 'egress', 'istio-system', { selector: { istio: 'egressgateway' }, servers: [
      { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['api.example.com'] },
      { port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['api.example.com'], tls: { mode: 'ISTIO_MUTUAL' } },
    ] });
    expect(messages(gatewayHttpsOnly, [g])).toEqual([
      'spec.servers[0] of this egress gateway serves HTTP on port 80 unencrypted: use protocol HTTPS (or TLS) with tls.mode ISTIO_MUTUAL, so sidecars reach it over mutual TLS',
    ]);
  });

  describe('Gateway API Gateways', () => {
    test('pass when every route attached to the HTTP listener only redirects to https', () => {
      const objects = [apiGateway('public', LISTENERS), route('redirect', [{ name: 'public', sectionName: 'http' }], [REDIRECT]),
        route('web', [{ name: 'public', sectionName: 'https' }], [SERVE])];
      expect(outcome(gatewayHttpsOnly, objects)).toEqual({ 'Gateway/shop/public': 'pass' });
    });

    test('fail an HTTP listener that serves a backend to a route attached without a sectionName, naming the route', () => {
      const objects = [apiGateway('public', LISTENERS), route('redirect', [{ name: 'public', sectionName: 'http' }], [REDIRECT]),
        route('web', [{ name: 'public' }], [SERVE])];
      expect(messages(gatewayHttpsOnly, objects)).toEqual(['spec.listeners[1] ("http") serves HTTP on port 80 to HTTPRoute/shop/web, which does not only redirect to https']);
    });

    test('fail an HTTP listener no route of the manifests redirects: a route of another gateway, namespace or listener does not count', () => {
      const objects = [apiGateway('public', LISTENERS),
        route('other-gateway', [{ name: 'internal', sectionName: 'http' }], [REDIRECT]),
        route('other-namespace', [{ name: 'public', sectionName: 'http' }], [REDIRECT], 'web'),
        route('other-port', [{ name: 'public', port: 8080 }], [REDIRECT])];
      expect(messages(gatewayHttpsOnly, objects)).toEqual(['spec.listeners[1] ("http") serves HTTP on port 80, and no HTTPRoute of the manifests attached to it redirects to https']);
    });

    test('a route in another namespace attaches through its parentRef namespace when the listener admits routes from there', () => {
      const fromAll = [LISTENERS[0], { ...LISTENERS[1], allowedRoutes: { namespaces: { from: 'All' } } }];
      const objects = [apiGateway('public', fromAll), route('redirect', [{ name: 'public', namespace: 'shop', sectionName: 'http' }], [REDIRECT], 'web')];
      expect(outcome(gatewayHttpsOnly, objects)).toEqual({ 'Gateway/shop/public': 'pass' });
    });

    test('fail an HTTP listener whose only redirecting route is in a namespace its allowedRoutes do not admit (from defaults to Same), naming the route', () => {
      const objects = [apiGateway('public', LISTENERS), route('redirect', [{ name: 'public', namespace: 'shop', sectionName: 'http' }], [REDIRECT], 'web')];
      expect(messages(gatewayHttpsOnly, objects)).toEqual(['spec.listeners[1] ("http") serves HTTP on port 80, and no HTTPRoute of the manifests attached to it redirects to https; '
        + 'HTTPRoute/web/redirect names it, but its allowedRoutes (namespaces.from defaults to Same) do not admit it']);
    });

    test('allowedRoutes admit routes by namespace labels (Selector) and by kind', () => {
      const selector = (kinds?: unknown[]) => [LISTENERS[0], { ...LISTENERS[1], allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { edge: 'true' } } }, ...(kinds ? { kinds } : {}) } }];
      const ns = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
      const redirect = route('redirect', [{ name: 'public', namespace: 'shop', sectionName: 'http' }], [REDIRECT], 'web');
      expect(outcome(gatewayHttpsOnly, [apiGateway('public', selector()), ns('web', { edge: 'true' }), redirect])).toEqual({ 'Gateway/shop/public': 'pass' });
      expect(outcome(gatewayHttpsOnly, [apiGateway('public', selector()), ns('web', { edge: 'false' }), redirect])).toEqual({ 'Gateway/shop/public': 'fail' });
      expect(outcome(gatewayHttpsOnly, [apiGateway('public', selector([{ kind: 'GRPCRoute' }])), ns('web', { edge: 'true' }), redirect])).toEqual({ 'Gateway/shop/public': 'fail' });
    });

    test('a serving route the listener does not admit does not count against it', () => {
      const objects = [apiGateway('public', LISTENERS), route('redirect', [{ name: 'public', sectionName: 'http' }], [REDIRECT]),
        route('elsewhere', [{ name: 'public', namespace: 'shop' }], [SERVE], 'web')];
      expect(outcome(gatewayHttpsOnly, objects)).toEqual({ 'Gateway/shop/public': 'pass' });
    });

    test('fail an HTTP listener a GRPCRoute attaches to: gRPC served in cleartext beside the redirect', () => {
      const grpc = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GRPCRoute', metadata: { name: 'api', namespace: 'shop' },
        spec: { parentRefs: [{ name: 'public', port: 80 }], rules: [{ backendRefs: [{ name: 'api', port: 9090 }] }] } };
      const objects = [apiGateway('public', LISTENERS), route('redirect', [{ name: 'public', sectionName: 'http' }], [REDIRECT]), grpc];
      expect(messages(gatewayHttpsOnly, objects)).toEqual(['spec.listeners[1] ("http") serves HTTP on port 80 to GRPCRoute/shop/api, which does not only redirect to https']);
    });

    test('a route attached by port only counts for the listener on that port', () => {
      const objects = [apiGateway('public', LISTENERS), route('redirect', [{ name: 'public', port: 80 }], [REDIRECT])];
      expect(outcome(gatewayHttpsOnly, objects)).toEqual({ 'Gateway/shop/public': 'pass' });
    });

    describe('hostnames: a route attaches only to a listener one of whose hostnames it intersects', () => {
      const hosts = (r: ReturnType<typeof route>, hostnames: string[]) => ({ ...r, spec: { ...r.spec, hostnames } });
      const byHost = (hostname: string) => [{ ...LISTENERS[0], hostname: '*.example.com' }, { ...LISTENERS[1], hostname }];
      const redirect = route('redirect', [{ name: 'public', sectionName: 'http' }], [REDIRECT]);

      test('a serving route of other hosts, attached to the whole Gateway, does not count against an HTTP listener of one host', () => {
        const objects = [apiGateway('public', byHost('old.example.com')), redirect, hosts(route('web', [{ name: 'public' }], [SERVE]), ['shop.example.com'])];
        expect(outcome(gatewayHttpsOnly, objects)).toEqual({ 'Gateway/shop/public': 'pass' });
      });

      test.each([
        ['the same host', 'old.example.com', ['old.example.com']],
        ['a wildcard route over the listener\'s host', 'old.example.com', ['*.example.com']],
        ['a host under the listener\'s wildcard', '*.example.com', ['a.b.example.com']],
        ['a narrower wildcard', '*.example.com', ['*.shop.example.com']],
        ['one of several hostnames, in another case', 'old.example.com', ['shop.example.net', 'OLD.example.com']],
        ['no hostnames on the route', 'old.example.com', []],
      ])('a serving route attaches and fails the listener: %s', (_, listenerHost, routeHosts) => {
        const objects = [apiGateway('public', byHost(listenerHost)), redirect, hosts(route('web', [{ name: 'public' }], [SERVE]), routeHosts)];
        expect(messages(gatewayHttpsOnly, objects)).toEqual(['spec.listeners[1] ("http") serves HTTP on port 80 to HTTPRoute/shop/web, which does not only redirect to https']);
      });

      test('a redirecting route of other hosts does not attach: the listener has no redirect', () => {
        const objects = [apiGateway('public', byHost('old.example.com')), hosts(redirect, ['example.com', 'old.example.net'])];
        expect(messages(gatewayHttpsOnly, objects)).toEqual(['spec.listeners[1] ("http") serves HTTP on port 80, and no HTTPRoute of the manifests attached to it redirects to https']);
      });
    });

    test('fail an HTTP listener whose route redirects only some of its rules', () => {
      const objects = [apiGateway('public', LISTENERS), route('mixed', [{ name: 'public', sectionName: 'http' }], [REDIRECT, SERVE])];
      expect(messages(gatewayHttpsOnly, objects)).toEqual(['spec.listeners[1] ("http") serves HTTP on port 80 to HTTPRoute/shop/mixed, which does not only redirect to https']);
    });

    test("pass Istio's HBONE listeners (mutual TLS): an ambient waypoint and an east-west gateway", () => {
      const waypoint = { ...apiGateway('waypoint', [{ name: 'mesh', port: 15008, protocol: 'HBONE' }]), spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] } };
      const eastWest = apiGateway('eastwest', [{ name: 'cross-network', port: 15008, protocol: 'HBONE', tls: { mode: 'Passthrough' } },
        { name: 'xds-tls', port: 15012, protocol: 'TLS', tls: { mode: 'Passthrough' } }]);
      expect(outcome(gatewayHttpsOnly, [waypoint, eastWest])).toEqual({ 'Gateway/shop/waypoint': 'pass', 'Gateway/shop/eastwest': 'pass' });
    });

    test('fail a UDP listener with advice that fits UDP', () => {
      expect(messages(gatewayHttpsOnly, [apiGateway('dns', [{ name: 'dns', protocol: 'UDP', port: 53 }])])).toEqual([
        'spec.listeners[0] ("dns") serves UDP on port 53, which the gateway cannot encrypt: expose only traffic the workload encrypts itself (QUIC, DTLS) '
          + 'and record that with a reasoned suppression, or do not expose it',
      ]);
    });

    test('fail a TCP listener', () => {
      expect(messages(gatewayHttpsOnly, [apiGateway('db', [{ name: 'pg', protocol: 'TCP', port: 5432 }])]))
        .toEqual(['spec.listeners[0] ("pg") serves TCP on port 5432 unencrypted: use protocol TLS or HTTPS']);
    });
  });

  test('its example, an Istio Gateway and a Gateway API Gateway with a redirecting HTTPRoute, passes', () => {
    const objects = parseAllDocuments(gatewayHttpsOnly.example ?? '').map(d => d.toJS());
    expect(outcome(gatewayHttpsOnly, objects)).toEqual({ 'Gateway/shop/shop': 'pass', 'Gateway/shop/public': 'pass' });
  });

  test('does not apply without gateways, and reads malformed ones without throwing', () => {
    expect(outcome(gatewayHttpsOnly, [route('web', [{ name: 'public' }], [SERVE])])).toEqual({});
    expect(outcome(gatewayHttpsOnly, [istioGateway('odd', [null, 'x']), apiGateway('odd', [null])])).toEqual({ 'Gateway/shop/odd': 'fail' });
  });
});
