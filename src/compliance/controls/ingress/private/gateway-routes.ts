/**
 * Gateway API (gateway.networking.k8s.io) routes: which HTTPRoutes of the set attach to a listener
 * of a Gateway, and whether one only redirects to https.
 */
import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';

/** The Gateway API group. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** A listener of a Gateway, as its routes name it. */
export interface Listener {
  readonly name: unknown;
  readonly port: unknown;
}

/** The HTTPRoutes of the set, in input order. */
export function httpRoutes(index: ManifestIndex): readonly IndexedObject[] {
  return index.ofKind('HTTPRoute', GATEWAY_API_GROUP);
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

/** The HTTPRoutes of the set that attach to `listener` of `gateway` through one of their parentRefs. */
export function routesOf(index: ManifestIndex, gateway: IndexedObject, listener: Listener): IndexedObject[] {
  return httpRoutes(index).filter(route => {
    const refs: unknown[] = Array.isArray((route.raw as any).spec?.parentRefs) ? (route.raw as any).spec.parentRefs : [];
    return refs.some(ref => refersTo(route, ref, gateway, listener));
  });
}

/** Whether every rule of an HTTPRoute (at least one) redirects to https with a RequestRedirect filter. */
export function onlyRedirectsToHttps(route: IndexedObject): boolean {
  const rules: unknown[] = Array.isArray((route.raw as any).spec?.rules) ? (route.raw as any).spec.rules : [];
  return rules.length > 0 && rules.every((rule: any) => Array.isArray(rule?.filters)
    && rule.filters.some((f: any) => f?.type === 'RequestRedirect' && f.requestRedirect?.scheme === 'https'));
}
