import { goParseBool } from '../../common/go-bool';
import { defineControl, fail, pass } from '../../control';
import { CheckContext, CheckResult, IndexedObject } from '../../types';
import { INGRESS_NGINX_CONTROLLER, ingressClassOf, ingresses, servedByIngressNginx, tlsEntries } from './private/ingress';
import { HAPROXY_CONTROLLER, knownController, NGINX_FORCE_SSL_REDIRECT, NGINX_INC_CONTROLLER, NGINX_INC_SSL_REDIRECT, redirectsOf, TRAEFIK_CONTROLLER } from './private/redirects';

const NGINX_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';
const HAPROXY_SSL_REDIRECT = 'haproxy.org/ssl-redirect';

/**
 * The controller that serves an Ingress, as far as the set tells: ingress-nginx ({@link
 * servedByIngressNginx}); NGINX Inc's, when its IngressClass says so or, for a class named `nginx`
 * that the set does not declare (the default of both), when the Ingress carries NGINX Inc's
 * annotations and none of ingress-nginx's; the controller of its declared IngressClass; or
 * `undefined` when the set does not say.
 */
function controllerOf(ctx: CheckContext, ing: IndexedObject): string | undefined {
  const cls = ingressClassOf(ctx.index, ing);
  const declared = cls === undefined ? undefined : (ctx.index.get('IngressClass', undefined, cls)?.raw as any)?.spec?.controller;
  if (typeof declared === 'string') return declared;
  const keys = Object.keys(ing.annotations);
  const nginxInc = !keys.some(k => k.startsWith('nginx.ingress.kubernetes.io/')) && keys.some(k => k.startsWith('nginx.org/') || k.startsWith('ingress.kubernetes.io/'));
  if (cls === 'nginx' && nginxInc) return NGINX_INC_CONTROLLER;
  if (cls === 'traefik') return TRAEFIK_CONTROLLER;
  return servedByIngressNginx(ctx.index, ing) ? INGRESS_NGINX_CONTROLLER : undefined;
}

function checkRedirect(ctx: CheckContext, ing: IndexedObject): CheckResult {
  const controller = controllerOf(ctx, ing);
  if (controller === INGRESS_NGINX_CONTROLLER) return nginxRedirect(ing);
  const redirects = redirectsOf(controller);
  for (const r of redirects) {
    const v = ing.annotations[r.annotation];
    if (v !== undefined && r.accepts(v)) return pass(ing, `${r.controller}: ${r.annotation}: "${v}"`);
  }
  if (controller === NGINX_INC_CONTROLLER) return defaultRedirect(ing, NGINX_INC);
  if (controller === HAPROXY_CONTROLLER) return defaultRedirect(ing, HAPROXY);
  const middleware = controller === TRAEFIK_CONTROLLER || controller === undefined ? traefikRedirectMiddleware(ctx, ing) : undefined;
  if (middleware) return pass(ing, `Traefik: router.middlewares includes Middleware ${middleware.ref}, which redirects to https`);
  const frontend = controller === GKE_CONTROLLER || controller === undefined ? gkeRedirectFrontendConfig(ctx, ing) : undefined;
  if (frontend) return pass(ing, `GKE Ingress: ${GKE_FRONTEND_CONFIG} names FrontendConfig ${frontend.ref}, which redirects to https (spec.redirectToHttps.enabled)`);
  const cls = ingressClassOf(ctx.index, ing);
  if (controller !== undefined && !knownController(controller)) {
    return fail(ing, `ingress class "${cls}" is served by controller ${controller}, whose HTTP-to-HTTPS redirect the check does not know: `
      + 'configure it, and record it with a reasoned suppression of this control', 'metadata.annotations');
  }
  return fail(ing, `no HTTP-to-HTTPS redirect is configured${cls ? ` for ingress class "${cls}"` : ''}: set ${redirects.length === 1 ? '' : 'one of '}${redirects.map(r => r.annotation).join(', ')}`, 'metadata.annotations');
}

/**
 * A Traefik Middleware of the set that the Ingress's routers use (`<namespace>-<name>@kubernetescrd`)
 * and that redirects to https (`spec.redirectScheme.scheme: https`).
 */
function traefikRedirectMiddleware(ctx: CheckContext, ing: IndexedObject): IndexedObject | undefined {
  const listed = ing.annotations['traefik.ingress.kubernetes.io/router.middlewares'];
  if (listed === undefined) return undefined;
  const byRef = ctx.index.cached('ingress:traefikMiddlewares', () => {
    const m = new Map<string, IndexedObject>();
    for (const o of [...ctx.index.ofKind('Middleware', 'traefik.io'), ...ctx.index.ofKind('Middleware', 'traefik.containo.us')]) {
      const ref = `${o.namespace}-${o.name}@kubernetescrd`;
      if (!m.has(ref)) m.set(ref, o);
    }
    return m;
  });
  for (const ref of listed.split(',')) {
    const found = byRef.get(ref.trim());
    if ((found?.raw as any)?.spec?.redirectScheme?.scheme === 'https') return found;
  }
  return undefined;
}

/** GKE's Ingress controller, and the annotation naming the FrontendConfig of an Ingress. */
const GKE_CONTROLLER = 'k8s.io/ingress-gce';
const GKE_FRONTEND_CONFIG = 'networking.gke.io/v1beta1.FrontendConfig';

/**
 * The GKE FrontendConfig of the Ingress's namespace that its `networking.gke.io/v1beta1.FrontendConfig`
 * annotation names, when it redirects HTTP to HTTPS (`spec.redirectToHttps.enabled: true`).
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/ingress-configuration#https_redirect
 */
function gkeRedirectFrontendConfig(ctx: CheckContext, ing: IndexedObject): IndexedObject | undefined {
  const name = ing.annotations[GKE_FRONTEND_CONFIG];
  if (!name) return undefined;
  const found = ctx.index.get('FrontendConfig', ing.namespace, name);
  return found?.group === 'networking.gke.io' && (found.raw as any).spec?.redirectToHttps?.enabled === true ? found : undefined;
}

/** A controller that redirects an Ingress with TLS by default, unless an annotation turns it off. */
interface DefaultRedirect {
  /** The controller, as messages name it. */
  readonly name: string;
  /** The annotations that turn the redirect off when false. */
  readonly off: readonly string[];
  /** The TLS the redirect needs, as messages name it, and whether the Ingress has it. */
  readonly tls: string;
  readonly hasTls: (ing: IndexedObject) => boolean;
  /** The annotation that redirects without it. */
  readonly otherwise: string;
}

/**
 * NGINX Inc's controller redirects an Ingress with TLS by default, unless its ssl-redirect is
 * false; without TLS its ssl-redirect does nothing (nginx.org/redirect-to-https, for TLS ended at a
 * load balancer, is taken before).
 */
const NGINX_INC: DefaultRedirect = {
  name: 'the NGINX Ingress Controller (nginx.org)', off: NGINX_INC_SSL_REDIRECT, tls: 'spec.tls',
  hasTls: ing => tlsEntries(ing.raw).length > 0, otherwise: 'nginx.org/redirect-to-https: "true"',
};

/**
 * The HAProxy Kubernetes Ingress Controller redirects an Ingress with a spec.tls entry that names a
 * secretName by default, unless its haproxy.org/ssl-redirect is false.
 * @see https://github.com/haproxytech/kubernetes-ingress/blob/master/documentation/annotations.md#ssl-redirect
 */
const HAPROXY: DefaultRedirect = {
  name: 'the HAProxy Kubernetes Ingress Controller', off: [HAPROXY_SSL_REDIRECT], tls: 'a spec.tls secretName',
  hasTls: ing => tlsEntries(ing.raw).some(e => e.secretName !== undefined), otherwise: `${HAPROXY_SSL_REDIRECT}: "true"`,
};

function defaultRedirect(ing: IndexedObject, c: DefaultRedirect): CheckResult {
  const off = c.off.find(a => goParseBool(ing.annotations[a]) === false);
  if (off) return fail(ing, `${off} is "${ing.annotations[off]}" (false), so ${c.name} serves plain HTTP`, `metadata.annotations["${off}"]`);
  if (c.hasTls(ing)) return pass(ing, `${c.name} redirects to HTTPS by default for an Ingress with ${c.tls}`);
  return fail(ing, `${c.name} redirects to HTTPS only for an Ingress with ${c.tls} or ${c.otherwise}`, 'spec');
}

/**
 * ingress-nginx reads its own annotations only, each with Go's ParseBool (a value it cannot parse
 * leaves the default): force-ssl-redirect true redirects; otherwise an Ingress with spec.tls is
 * redirected unless ssl-redirect is false.
 */
function nginxRedirect(ing: IndexedObject): CheckResult {
  const force = ing.annotations[NGINX_FORCE_SSL_REDIRECT];
  if (goParseBool(force) === true) return pass(ing, `ingress-nginx: ${NGINX_FORCE_SSL_REDIRECT}: "${force}"`);
  const redirect = ing.annotations[NGINX_SSL_REDIRECT];
  if (goParseBool(redirect) === false) {
    return fail(ing, `${NGINX_SSL_REDIRECT} is "${redirect}" (false), so ingress-nginx serves plain HTTP`, `metadata.annotations["${NGINX_SSL_REDIRECT}"]`);
  }
  if (tlsEntries(ing.raw).length > 0) return pass(ing, 'ingress-nginx redirects to HTTPS by default for an Ingress with spec.tls');
  return fail(ing, 'ingress-nginx redirects to HTTPS only for an Ingress with spec.tls or nginx.ingress.kubernetes.io/force-ssl-redirect: "true"', 'spec');
}

/**
 * HTTP requests to an Ingress are redirected to HTTPS (or refused). For ingress-nginx the
 * redirect is on by default for an Ingress with spec.tls and fails when
 * `nginx.ingress.kubernetes.io/ssl-redirect` is "false", unless `force-ssl-redirect` is "true".
 * NGINX Inc's controller redirects an Ingress with spec.tls by default unless its ssl-redirect
 * (`ingress.kubernetes.io/ssl-redirect`, `nginx.org/ssl-redirect`) is false, and any Ingress with
 * `nginx.org/redirect-to-https: "true"`. For other controllers a documented equivalent must be
 * set: Contour `ingress.kubernetes.io/force-ssl-redirect: "true"`, AWS
 * `alb.ingress.kubernetes.io/ssl-redirect: "<port>"`, GKE `kubernetes.io/ingress.allow-http:
 * "false"` (or a FrontendConfig of the set with `redirectToHttps.enabled: true` named by
 * `networking.gke.io/v1beta1.FrontendConfig`), Traefik `traefik.ingress.kubernetes.io/router.entrypoints: websecure` (or a
 * `redirectScheme: https` Middleware of the set in `router.middlewares`), HAProxy
 * `haproxy.org/ssl-redirect: "true"` (on by default, unless "false", for an Ingress whose declared
 * class is HAProxy's and that has a spec.tls secretName), Kong `konghq.com/protocols: https`. An Ingress whose class
 * the set declares is judged by its controller's annotations alone (a controller ignores the
 * others'); a declared controller the check does not know fails, for a reasoned suppression. Boolean annotations
 * are read with Go's ParseBool where the controller does (`"False"`, `"0"` are false). A controller-wide setting (e.g.
 * the ingress-nginx ConfigMap) is not visible in the manifests and is not taken into account.
 */
export const ingressHttpsRedirect = defineControl({
  id: 'ingress-https-redirect',
  title: 'Ingresses redirect HTTP to HTTPS',
  condition: 'Every Ingress redirects HTTP to HTTPS: ingress-nginx with spec.tls and ssl-redirect not "false" (or force-ssl-redirect "true"), NGINX Inc\'s and a declared HAProxy class likewise with their ssl-redirect, or the documented annotation of its controller (of the controller its declared IngressClass names, when the set declares it).',
  severity: 'medium',
  criteria: ['CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'For ingress-nginx, set nginx.ingress.kubernetes.io/force-ssl-redirect: "true" (and remove ssl-redirect: "false"); for other controllers, set their redirect annotation.',
  example: 'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/force-ssl-redirect: "true"',
  check: ctx => ingresses(ctx.index).map(ing => checkRedirect(ctx, ing)),
});
