/** The annotation prefix of ingress-nginx (the Kubernetes project's controller). */
const NGINX = 'nginx.ingress.kubernetes.io';

/**
 * The ingress-nginx annotations of an Ingress routing to one backend Service:
 * - `force-ssl-redirect` and `ssl-redirect`: plain HTTP is answered with a redirect to HTTPS
 *   (control ingress-https-redirect). ingress-nginx itself exempts the ACME HTTP-01 path
 *   (`no-tls-redirect-locations`), so challenges still work;
 * - `service-upstream` and `upstream-vhost`: the controller sends requests to the Service's
 *   cluster IP with the Service's host name, so a meshed controller's sidecar routes them by
 *   service and speaks mutual TLS to the backend (the backend accepts nothing else);
 * - `backend-protocol: GRPC` for gRPC backends.
 *
 * HSTS is not an Ingress annotation in ingress-nginx: the controller sends
 * `Strict-Transport-Security` (one year, includeSubDomains) on every HTTPS response unless its
 * ConfigMap sets `hsts: "false"`.
 * @see https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
 */
export function ingressNginxAnnotations(backendHost: string, protocol: string | undefined): Record<string, string> {
  return {
    [`${NGINX}/force-ssl-redirect`]: 'true',
    [`${NGINX}/ssl-redirect`]: 'true',
    [`${NGINX}/service-upstream`]: 'true',
    [`${NGINX}/upstream-vhost`]: backendHost,
    ...(protocol === 'grpc' ? { [`${NGINX}/backend-protocol`]: 'GRPC' } : {}),
  };
}

/** The port cert-manager's ACME HTTP-01 solver pods listen on. */
export const ACME_SOLVER_PORT = 8089;
export { ACME_SOLVER_LABEL } from '../../src/compliance/controls/network/private/acme-solver';
