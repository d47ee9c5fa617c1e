/**
 * How each ingress controller is told to redirect HTTP to HTTPS (or to refuse HTTP): its
 * annotation, the value that does it as the controller reads it (Go's ParseBool for the
 * controllers that use it), and the `spec.controller` of its IngressClass.
 */
import { goParseBool } from '../../../common/go-bool';
import { INGRESS_NGINX_CONTROLLER } from './ingress';

/** Traefik's controller, whose default ingress class is named `traefik`. */
export const TRAEFIK_CONTROLLER = 'traefik.io/ingress-controller';

/** The HAProxy Kubernetes Ingress Controller (haproxytech). */
export const HAPROXY_CONTROLLER = 'haproxy.org/ingress-controller';

/** NGINX Inc's controller, whose default ingress class is also named `nginx`. */
export const NGINX_INC_CONTROLLER = 'nginx.org/ingress-controller';

/** A controller's redirect annotation. */
export interface Redirect {
  readonly annotation: string;
  /** Whether a value turns the redirect on (or HTTP off). */
  readonly accepts: (value: string) => boolean;
  /** The controller, for messages. */
  readonly controller: string;
  /** The `spec.controller` values of its IngressClasses. */
  readonly ids: readonly string[];
}

/** ingress-nginx's annotation that redirects whatever spec.tls says. */
export const NGINX_FORCE_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/force-ssl-redirect';

/** The redirect annotations of the controllers the check knows, by controller. */
const REDIRECTS: readonly Redirect[] = [
  { annotation: NGINX_FORCE_SSL_REDIRECT, accepts: v => goParseBool(v) === true, controller: 'ingress-nginx', ids: [INGRESS_NGINX_CONTROLLER] },
  {
    annotation: 'ingress.kubernetes.io/force-ssl-redirect', accepts: v => v === 'true', controller: 'Contour',
    ids: ['projectcontour.io/ingress-controller', 'projectcontour.io/contour'],
  },
  { annotation: 'nginx.org/redirect-to-https', accepts: v => goParseBool(v) === true, controller: 'NGINX Ingress Controller (nginx.org)', ids: [NGINX_INC_CONTROLLER] },
  { annotation: 'haproxy.org/ssl-redirect', accepts: v => goParseBool(v) === true, controller: 'HAProxy Kubernetes Ingress Controller', ids: [HAPROXY_CONTROLLER] },
  {
    annotation: 'konghq.com/protocols',
    accepts: v => v.split(',').map(p => p.trim()).every(p => p === 'https' || p === 'grpcs'),
    controller: 'Kong (HTTPS only)',
    ids: ['ingress-controllers.konghq.com/kong'],
  },
  { annotation: 'alb.ingress.kubernetes.io/ssl-redirect', accepts: v => /^\d+$/.test(v), controller: 'AWS Load Balancer Controller', ids: ['ingress.k8s.aws/alb'] },
  { annotation: 'kubernetes.io/ingress.allow-http', accepts: v => goParseBool(v) === false, controller: 'GKE Ingress (HTTP disabled)', ids: ['k8s.io/ingress-gce'] },
  {
    annotation: 'traefik.ingress.kubernetes.io/router.entrypoints',
    accepts: v => v.split(',').map(e => e.trim()).every(e => e === 'websecure'),
    controller: 'Traefik (HTTPS entry point only)',
    ids: [TRAEFIK_CONTROLLER],
  },
];

/** The redirect annotations a controller reads: its own, or every known one when the controller is not known (no declared class). */
export function redirectsOf(controller: string | undefined): readonly Redirect[] {
  return controller === undefined ? REDIRECTS : REDIRECTS.filter(r => r.ids.includes(controller));
}

/** Whether the check knows how a controller redirects. */
export function knownController(controller: string): boolean {
  return REDIRECTS.some(r => r.ids.includes(controller));
}

/** NGINX Inc's redirect switches, on by default and in effect only for an Ingress with TLS. */
export const NGINX_INC_SSL_REDIRECT = ['ingress.kubernetes.io/ssl-redirect', 'nginx.org/ssl-redirect'];
