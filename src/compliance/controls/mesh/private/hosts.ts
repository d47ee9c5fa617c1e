/**
 * Whether a DestinationRule host names a service inside the cluster: a short name (`reviews`,
 * which Istio completes with the rule's namespace, and the wildcard `*`), or a name under
 * `.local` (`reviews.team.svc.cluster.local`, `*.svc.cluster.local`, `*.local`). Hosts are
 * compared case-insensitively.
 */
export function isInClusterHost(host: unknown): boolean {
  if (typeof host !== 'string' || host === '') return false;
  const h = host.toLowerCase().replace(/\.$/, '');
  return !h.includes('.') || h.endsWith('.local');
}
