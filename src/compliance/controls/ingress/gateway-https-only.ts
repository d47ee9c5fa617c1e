import { defineControl, fail, failuresOrPass } from '../../control';
import { CheckContext, CheckResult, IndexedObject } from '../../types';
import { NETWORKING_GROUP } from '../mesh/private/istio';
import { GATEWAY_API_GROUP, listenersOf, onlyRedirectsToHttps, routesOf } from './private/gateway-routes';

/** Protocols a gateway serves encrypted (TLS ended at the gateway, or passed through to the workload). */
const ENCRYPTED = new Set(['HTTPS', 'TLS']);
/**
 * Listener protocols of a Gateway API Gateway that are encrypted besides HTTPS and TLS: Istio's
 * HBONE, the mutual-TLS tunnel of its ambient waypoints and east-west gateways.
 */
const ENCRYPTED_LISTENER = new Set([...ENCRYPTED, 'HBONE']);
/** HTTP protocols, which a gateway can redirect to https. */
const HTTP = new Set(['HTTP', 'HTTP2', 'GRPC']);

/**
 * What is wrong with one Istio Gateway server, with the path of the field. On an egress gateway
 * (selector `istio: egressgateway`) the clients are the mesh's sidecars, which reach it over
 * mutual TLS when the server asks for it: a redirect is no remedy there.
 */
function istioServerProblem(server: any, i: number, egress: boolean): { message: string; path: string } | undefined {
  const port = server?.port ?? {};
  const protocol = typeof port.protocol === 'string' ? port.protocol.toUpperCase() : '';
  const where = `spec.servers[${i}]`;
  if (ENCRYPTED.has(protocol)) return undefined;
  if (egress && (HTTP.has(protocol) || protocol === 'TCP')) {
    return { message: `${where} of this egress gateway serves ${protocol} on port ${port.number} unencrypted: use protocol HTTPS (or TLS) with tls.mode ISTIO_MUTUAL, so sidecars reach it over mutual TLS`, path: `${where}.port.protocol` };
  }
  if (HTTP.has(protocol)) {
    return server?.tls?.httpsRedirect === true ? undefined
      : { message: `${where} serves ${protocol} on port ${port.number} without tls.httpsRedirect: true, so clients can stay on plain HTTP`, path: `${where}.tls` };
  }
  return { message: `${where} serves ${protocol || 'an unknown protocol'} on port ${port.number} unencrypted: use protocol TLS (mode PASSTHROUGH when the workload ends TLS itself)`, path: `${where}.port.protocol` };
}

function checkIstioGateway(gateway: IndexedObject): CheckResult[] {
  const spec = (gateway.raw as any).spec;
  const servers: unknown[] = Array.isArray(spec?.servers) ? spec.servers : [];
  const egress = spec?.selector?.istio === 'egressgateway';
  const out: CheckResult[] = [];
  servers.forEach((server, i) => {
    const problem = istioServerProblem(server, i, egress);
    if (problem) out.push(fail(gateway, problem.message, problem.path));
  });
  return failuresOrPass(out, gateway);
}

/** What is wrong with one listener of a Gateway API Gateway, with the path of the field. */
function listenerProblem(ctx: CheckContext, gateway: IndexedObject, listener: any, i: number): { message: string; path: string } | undefined {
  const protocol = typeof listener?.protocol === 'string' ? listener.protocol.toUpperCase() : '';
  const where = `spec.listeners[${i}]`;
  if (ENCRYPTED_LISTENER.has(protocol)) return undefined;
  if (protocol === 'HTTP') {
    const { attached, refused } = routesOf(ctx.index, gateway, { name: listener?.name, port: listener?.port, allowedRoutes: listener?.allowedRoutes, hostname: listener?.hostname });
    const serving = attached.filter(r => !onlyRedirectsToHttps(r));
    if (attached.length > 0 && serving.length === 0) return undefined;
    const notAdmitted = refused.length === 0 ? ''
      : `; ${refused.map(r => r.ref).join(', ')} name${refused.length === 1 ? 's' : ''} it, but its allowedRoutes (namespaces.from defaults to Same) do not admit ${refused.length === 1 ? 'it' : 'them'}`;
    return {
      message: attached.length === 0
        ? `${where} ("${listener?.name}") serves HTTP on port ${listener?.port}, and no HTTPRoute of the manifests attached to it redirects to https${notAdmitted}`
        : `${where} ("${listener?.name}") serves HTTP on port ${listener?.port} to ${serving.map(r => r.ref).join(', ')}, which do${serving.length === 1 ? 'es' : ''} not only redirect to https`,
      path: `${where}.protocol`,
    };
  }
  if (protocol === 'UDP') {
    return { message: `${where} ("${listener?.name}") serves UDP on port ${listener?.port}, which the gateway cannot encrypt: expose only traffic the workload encrypts itself (QUIC, DTLS) and record that with a reasoned suppression, or do not expose it`, path: `${where}.protocol` };
  }
  return { message: `${where} ("${listener?.name}") serves ${protocol || 'an unknown protocol'} on port ${listener?.port} unencrypted: use protocol TLS or HTTPS`, path: `${where}.protocol` };
}

function checkGatewayApiGateway(ctx: CheckContext, gateway: IndexedObject): CheckResult[] {
  const out: CheckResult[] = [];
  listenersOf(gateway).forEach((listener, i) => {
    const problem = listenerProblem(ctx, gateway, listener, i);
    if (problem) out.push(fail(gateway, problem.message, problem.path));
  });
  return failuresOrPass(out, gateway);
}

/**
 * Every gateway into the cluster other than an Ingress encrypts what it serves: each server of an
 * Istio Gateway is HTTPS or TLS, or HTTP that redirects to https; each listener of a Gateway API
 * Gateway is HTTPS, TLS or HBONE, or HTTP whose attached HTTPRoutes only redirect to https (a route
 * attaches as Gateway API attaches it: a parentRef names the listener, the listener's
 * allowedRoutes admit the route, and their hostnames intersect; an attached GRPCRoute serves gRPC in cleartext).
 */
export const gatewayHttpsOnly = defineControl({
  id: 'gateway-https-only',
  title: 'Gateways serve only encrypted traffic',
  condition: 'Every server of an Istio Gateway (networking.istio.io) has protocol HTTPS or TLS, or an HTTP protocol with tls.httpsRedirect: true; '
    + 'every listener of a Gateway API Gateway (gateway.networking.k8s.io) has protocol HTTPS, TLS or HBONE (Istio\'s mutual-TLS tunnel), '
    + 'or HTTP when every HTTPRoute or GRPCRoute of the manifests attached to it (at least one; a route attaches when a parentRef names the '
    + 'listener, its allowedRoutes admit the route\'s namespace and kind, and the route lists no hostname or one that intersects the listener\'s hostname) only redirects to https (a RequestRedirect filter with scheme https in each rule).',
  severity: 'high',
  criteria: ['CC6.7', 'C1.1'],
  references: {
    nsa: 'Network separation and hardening: encrypt traffic in transit',
  },
  remediation: 'Serve HTTPS or TLS on the gateway with a certificate (cert-manager), and keep port 80 only to redirect: tls.httpsRedirect: true '
    + 'on an Istio Gateway server, or an HTTPRoute with a RequestRedirect filter (scheme: https) on the Gateway API listener.',
  example: 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: { name: shop, namespace: shop }\nspec:\n  selector: { istio: ingressgateway }\n'
    + '  servers:\n  - port: { number: 443, name: https, protocol: HTTPS }\n'
    + '    hosts: [shop.example.com]\n    tls: { mode: SIMPLE, credentialName: shop-tls }\n  - port: { number: 80, name: http, protocol: HTTP }\n'
    + '    hosts: [shop.example.com]\n    tls: { httpsRedirect: true }\n'
    + '---\n# Gateway API: port 80 only redirects\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: { name: public, namespace: shop }\n'
    + 'spec:\n  gatewayClassName: istio\n  listeners:\n  - { name: https, protocol: HTTPS, port: 443, tls: { certificateRefs: [{ name: shop-tls }] } }\n'
    + '  - { name: http, protocol: HTTP, port: 80 }\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n'
    + 'metadata: { name: https-redirect, namespace: shop }\nspec:\n  parentRefs: [{ name: public, sectionName: http }]\n'
    + '  rules:\n  - filters:\n    - type: RequestRedirect\n      requestRedirect: { scheme: https, statusCode: 301 }',
  check: ctx => [
    ...ctx.index.ofKind('Gateway', NETWORKING_GROUP).flatMap(checkIstioGateway),
    ...ctx.index.ofKind('Gateway', GATEWAY_API_GROUP).flatMap(g => checkGatewayApiGateway(ctx, g)),
  ],
});
