import { goParseBool } from '../../common/go-bool';
import { defineControl, fail, pass } from '../../control';
import { CheckContext, CheckResult, IndexedObject } from '../../types';
import { ingressClassOf, ingresses, servedByIngressNginx, tlsEntries } from './private/ingress';

const NGINX_FORCE_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/force-ssl-redirect';
const NGINX_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';

/**
 * Annotations that make a controller redirect HTTP to HTTPS, or refuse HTTP, with the value that
 * does, read as the controller reads it (Go's ParseBool for the controllers that use it).
 */
const REDIRECTS: readonly { annotation: string; accepts: (v: string) => boolean; controller: string }[] = [
  { annotation: NGINX_FORCE_SSL_REDIRECT, accepts: v => goParseBool(v) === true, controller: 'ingress-nginx' },
  { annotation: 'ingress.kubernetes.io/force-ssl-redirect', accepts: v => v === 'true', controller: 'Contour' },
  { annotation: 'ingress.kubernetes.io/ssl-redirect', accepts: v => goParseBool(v) === true, controller: 'NGINX Ingress Controller (nginx.org)' },
  { annotation: 'nginx.org/redirect-to-https', accepts: v => goParseBool(v) === true, controller: 'NGINX Ingress Controller (nginx.org)' },
  { annotation: 'alb.ingress.kubernetes.io/ssl-redirect', accepts: v => /^\d+$/.test(v), controller: 'AWS Load Balancer Controller' },
  { annotation: 'kubernetes.io/ingress.allow-http', accepts: v => goParseBool(v) === false, controller: 'GKE Ingress (HTTP disabled)' },
  {
    annotation: 'traefik.ingress.kubernetes.io/router.entrypoints',
    accepts: v => v.split(',').map(e => e.trim()).every(e => e === 'websecure'),
    controller: 'Traefik (HTTPS entry point only)',
  },
];

/**
 * Whether the Ingress is judged by ingress-nginx's annotations: ingress-nginx serves it. A class
 * named `nginx` that the set does not declare is also the default of NGINX Inc's controller: an
 * Ingress of it that carries NGINX Inc's annotations and none of ingress-nginx's is taken for
 * NGINX Inc's.
 */
function judgedAsIngressNginx(ctx: CheckContext, ing: IndexedObject): boolean {
  if (!servedByIngressNginx(ctx.index, ing)) return false;
  const cls = ingressClassOf(ctx.index, ing);
  if (cls === undefined || ctx.index.get('IngressClass', undefined, cls) !== undefined) return true;
  const keys = Object.keys(ing.annotations);
  return keys.some(k => k.startsWith('nginx.ingress.kubernetes.io/')) || !keys.some(k => k.startsWith('nginx.org/') || k.startsWith('ingress.kubernetes.io/'));
}

function checkRedirect(ctx: CheckContext, ing: IndexedObject): CheckResult {
  if (judgedAsIngressNginx(ctx, ing)) return nginxRedirect(ing);
  for (const r of REDIRECTS) {
    const v = ing.annotations[r.annotation];
    if (v !== undefined && r.accepts(v)) return pass(ing, `${r.controller}: ${r.annotation}: "${v}"`);
  }
  const cls = ingressClassOf(ctx.index, ing);
  return fail(ing, `no HTTP-to-HTTPS redirect is configured${cls ? ` for ingress class "${cls}"` : ''}: set one of ${REDIRECTS.map(r => r.annotation).join(', ')}`, 'metadata.annotations');
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
 * For other controllers a documented equivalent must be set: Contour
 * `ingress.kubernetes.io/force-ssl-redirect: "true"`, NGINX Inc `ingress.kubernetes.io/ssl-redirect`
 * or `nginx.org/redirect-to-https: "true"`, AWS `alb.ingress.kubernetes.io/ssl-redirect: "<port>"`,
 * GKE `kubernetes.io/ingress.allow-http: "false"`, Traefik
 * `traefik.ingress.kubernetes.io/router.entrypoints: websecure`. An Ingress ingress-nginx serves is
 * judged by ingress-nginx's annotations alone: it ignores other controllers'. Boolean annotations
 * are read with Go's ParseBool where the controller does (`"False"`, `"0"` are false). A controller-wide setting (e.g.
 * the ingress-nginx ConfigMap) is not visible in the manifests and is not taken into account.
 */
export const ingressHttpsRedirect = defineControl({
  id: 'ingress-https-redirect',
  title: 'Ingresses redirect HTTP to HTTPS',
  condition: 'Every Ingress redirects HTTP to HTTPS: ingress-nginx with spec.tls and ssl-redirect not "false" (or force-ssl-redirect "true"), or the documented annotation of its controller.',
  severity: 'medium',
  criteria: ['CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'For ingress-nginx, set nginx.ingress.kubernetes.io/force-ssl-redirect: "true" (and remove ssl-redirect: "false"); for other controllers, set their redirect annotation.',
  example: 'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/force-ssl-redirect: "true"',
  check: ctx => ingresses(ctx.index).map(ing => checkRedirect(ctx, ing)),
});
