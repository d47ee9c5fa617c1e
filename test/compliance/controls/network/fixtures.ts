/** Builders for network test manifests. */

import { deployment } from '../../helpers';

/** A NetworkPolicy in `team` (or `namespace`) with the given spec. */
export function netpol(name: string, spec: any, namespace = 'team'): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** A Deployment named `name` whose pods carry `app.kubernetes.io/name: <name>`. */
export function app(name: string, namespace = 'team'): any {
  return deployment(name, { containers: [{ name: 'c', image: 'x' }] }, { namespace });
}

/** A selector for the pods of {@link app}. */
export function appSelector(name: string): any {
  return { matchLabels: { 'app.kubernetes.io/name': name } };
}

/** A Service in `team` (or `namespace`). */
export function service(name: string, spec: any, namespace = 'team'): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}
