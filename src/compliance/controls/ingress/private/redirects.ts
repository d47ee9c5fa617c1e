/**
 * How each ingress controller is told to redirect HTTP to HTTPS (or to refuse HTTP): its
 * annotation, the value that does it as the controller reads it (Go's ParseBool for the
 * controllers that use it), and the `spec.controller` of its IngressClass.
 */
import { goParseBool } from '../../../common/go-bool';
import { INGRESS_NGINX_CONTROLLER } from './ingress';

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

export const REDIRECTS: readonly Redirect[] = [
  { annotation: 'nginx.ingress.kubernetes.io/force-ssl-redirect', accepts: v => goParseBool(v) === true, controller: 'ingress-nginx', ids: [INGRESS_NGINX_CONTROLLER] },
  {
    annotation: 'ingress.kubernetes.io/force-ssl-redirect', accepts: v => v === 'true', controller: 'Contour',
    ids: ['projectcontour.io/ingress-controller', 'projectcontour.io/contour'],
  },
  { annotation: 'ingress.kubernetes.io/ssl-redirect', accepts: v => goParseBool(v) === true, controller: 'NGINX Ingress Controller (nginx.org)', ids: [NGINX_INC_CONTROLLER] },
  { annotation: 'nginx.org/ssl-redirect', accepts: v => goParseBool(v) === true, controller: 'NGINX Ingress Controller (nginx.org)', ids: [NGINX_INC_CONTROLLER] },
  { annotation: 'nginx.org/redirect-to-https', accepts: v => goParseBool(v) === true, controller: 'NGINX Ingress Controller (nginx.org)', ids: [NGINX_INC_CONTROLLER] },
  { annotation: 'alb.ingress.kubernetes.io/ssl-redirect', accepts: v => /^\d+$/.test(v), controller: 'AWS Load Balancer Controller', ids: ['ingress.k8s.aws/alb'] },
  { annotation: 'kubernetes.io/ingress.allow-http', accepts: v => goParseBool(v) === false, controller: 'GKE Ingress (HTTP disabled)', ids: ['k8s.io/ingress-gce'] },
  {
    annotation: 'traefik.ingress.kubernetes.io/router.entrypoints',
    accepts: v => v.split(',').map(e => e.trim()).every(e => e === 'websecure'),
    controller: 'Traefik (HTTPS entry point only)',
    ids: ['traefik.io/ingress-controller'],
  },
];

/** The redirect annotations a controller reads: its own when it is one of {@link REDIRECTS}', else all of them. */
export function redirectsOf(controller: string | undefined): readonly Redirect[] {
  const own = controller === undefined ? [] : REDIRECTS.filter(r => r.ids.includes(controller));
  return own.length > 0 ? own : REDIRECTS;
}

/** NGINX Inc's redirect switches, whose default is on for an Ingress with TLS. */
export const NGINX_INC_SSL_REDIRECT = ['ingress.kubernetes.io/ssl-redirect', 'nginx.org/ssl-redirect'];
