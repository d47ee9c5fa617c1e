/**
 * Gateway API (gateway.networking.k8s.io) routes: which HTTPRoutes and GRPCRoutes of the set attach
 * to a listener of a Gateway, and whether one only redirects to https.
 */
import { ManifestIndex } from '../../../manifest-index';
import { selectorMatches } from '../../../selectors';
import { IndexedObject } from '../../../types';

/** The Gateway API group. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** The route kinds an HTTP listener admits by default. */
const HTTP_ROUTE_KINDS: readonly string[] = ['HTTPRoute', 'GRPCRoute'];

/** A listener of a Gateway, as its routes name it and as it admits them. */
export interface Listener {
  readonly name: unknown;
  readonly port: unknown;
  /** The listener's `allowedRoutes`: routes of the Gateway's namespace only when absent. */
  readonly allowedRoutes?: unknown;
  /** The listener's `hostname`: every host when absent. */
  readonly hostname?: unknown;
}

/** The listeners of a Gateway (`spec.listeners`), in order; none when it has no list. */
export function listenersOf(gateway: IndexedObject): readonly unknown[] {
  const listeners = (gateway.raw as any).spec?.listeners;
  return Array.isArray(listeners) ? listeners : [];
}

/** The hostnames a route lists (`spec.hostnames`), those that are strings. */
export function routeHostnames(route: IndexedObject): string[] {
  const hostnames: unknown[] = Array.isArray((route.raw as any).spec?.hostnames) ? (route.raw as any).spec.hostnames : [];
  return hostnames.filter((h): h is string => typeof h === 'string');
}

/** The routes of the set that can attach to an HTTP listener (HTTPRoutes, GRPCRoutes), in input order. */
export function httpRoutes(index: ManifestIndex): readonly IndexedObject[] {
  return HTTP_ROUTE_KINDS.flatMap(kind => index.ofKind(kind, GATEWAY_API_GROUP));
}

/**
 * Whether a parentRef of `route` names `listener` of `gateway`: group and kind absent or the
 * Gateway's, the gateway's name, its namespace (the route's own when absent), and a sectionName and
 * port that are absent or the listener's.
 */
function refersTo(route: IndexedObject, ref: any, gateway: IndexedObject, listener: Listener): boolean {
  if (!ref || typeof ref !== 'object') return false;
  if (ref.group !== undefined && ref.group !== GATEWAY_API_GROUP) return false;
  if (ref.kind !== undefined && ref.kind !== 'Gateway') return false;
  if (ref.name !== gateway.name || (ref.namespace ?? route.namespace) !== gateway.namespace) return false;
  if (ref.sectionName !== undefined && ref.sectionName !== listener.name) return false;
  return ref.port === undefined || ref.port === listener.port;
}

/**
 * Whether `listener` admits `route` by its `allowedRoutes`: `namespaces.from` Same (the default:
 * the Gateway's namespace only), All, or Selector (the route's namespace labels as the manifests
 * declare them), and `kinds`, when listed, naming the route's kind.
 */
function admits(index: ManifestIndex, gateway: IndexedObject, listener: Listener, route: IndexedObject): boolean {
  const allowed: any = listener.allowedRoutes && typeof listener.allowedRoutes === 'object' ? listener.allowedRoutes : {};
  const from = allowed.namespaces?.from ?? 'Same';
  if (from === 'Same' && route.namespace !== gateway.namespace) return false;
  if (from === 'Selector' && (route.namespace === undefined || !selectorMatches(allowed.namespaces.selector, index.namespaceLabels(route.namespace)))) return false;
  if (from !== 'Same' && from !== 'All' && from !== 'Selector') return false;
  const kinds: unknown[] = Array.isArray(allowed.kinds) ? allowed.kinds : [];
  return kinds.length === 0 || kinds.some((k: any) => k?.kind === route.kind && (k.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP);
}

/**
 * Whether two Gateway API hostnames can name the same host: equal, or one a wildcard (`*.example.com`,
 * a suffix match of one or more labels) that the other falls under, the other possibly a narrower wildcard.
 */
function hostnamesIntersect(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  return (x.startsWith('*.') && y.endsWith(x.slice(1))) || (y.startsWith('*.') && x.endsWith(y.slice(1)));
}

/**
 * Whether a route's hostnames let it attach to the listener: the listener names no hostname, the
 * route lists none, or one of them intersects the listener's ({@link hostnamesIntersect}). Gateway
 * API does not accept a route on a listener whose hostname none of its hostnames intersects.
 */
function hostnamesMatch(route: IndexedObject, listener: Listener): boolean {
  if (typeof listener.hostname !== 'string' || listener.hostname === '') return true;
  const names = routeHostnames(route);
  return names.length === 0 || names.some(h => hostnamesIntersect(h, listener.hostname as string));
}

/** The routes that name `listener` of `gateway` in a parentRef, split by whether the listener admits them. */
export interface ListenerRoutes {
  /** The routes attached to the listener. */
  readonly attached: IndexedObject[];
  /** The routes that name the listener but that its `allowedRoutes` do not admit. */
  readonly refused: IndexedObject[];
}

/**
 * The HTTPRoutes and GRPCRoutes of the set that name `listener` of `gateway` through one of their
 * parentRefs, attached or refused. A route none of whose hostnames intersects the listener's
 * hostname is neither: it does not attach there, whatever it serves.
 */
export function routesOf(index: ManifestIndex, gateway: IndexedObject, listener: Listener): ListenerRoutes {
  const attached: IndexedObject[] = [];
  const refused: IndexedObject[] = [];
  for (const route of httpRoutes(index)) {
    const refs: unknown[] = Array.isArray((route.raw as any).spec?.parentRefs) ? (route.raw as any).spec.parentRefs : [];
    if (!refs.some(ref => refersTo(route, ref, gateway, listener)) || !hostnamesMatch(route, listener)) continue;
    (admits(index, gateway, listener, route) ? attached : refused).push(route);
  }
  return { attached, refused };
}

/** Whether every rule of an HTTPRoute (at least one) redirects to https with a RequestRedirect filter; a GRPCRoute cannot redirect. */
export function onlyRedirectsToHttps(route: IndexedObject): boolean {
  if (route.kind !== 'HTTPRoute') return false;
  const rules: unknown[] = Array.isArray((route.raw as any).spec?.rules) ? (route.raw as any).spec.rules : [];
  return rules.length > 0 && rules.every((rule: any) => Array.isArray(rule?.filters)
    && rule.filters.some((f: any) => f?.type === 'RequestRedirect' && f.requestRedirect?.scheme === 'https'));
}
