/** Reading Ingresses (networking.k8s.io/v1, and the older extensions/v1beta1 form). */

import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';

/** A host an Ingress serves: a rule's host, or `undefined` for a catch-all, with its JSON path. */
export interface ServedHost {
  readonly host?: string;
  readonly path: string;
}

/** A `spec.tls` entry. */
export interface TlsEntry {
  readonly hosts: readonly string[];
  readonly secretName?: string;
  readonly index: number;
}

/** The Ingresses of the set, in input order. */
export function ingresses(index: ManifestIndex): readonly IndexedObject[] {
  return index.cached('ingress:ingresses', () => index.ofKind('Ingress')
    .filter(o => o.group === 'networking.k8s.io' || o.group === 'extensions')
    .sort((a, b) => a.source.document - b.source.document));
}

/** The hosts an Ingress serves: one per rule, plus a catch-all for `spec.defaultBackend`. */
export function servedHosts(raw: any): ServedHost[] {
  const spec = raw?.spec ?? {};
  const out: ServedHost[] = [];
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  rules.forEach((r: any, i: number) => {
    const host = typeof r?.host === 'string' && r.host !== '' ? r.host : undefined;
    out.push({ host, path: host ? `spec.rules[${i}].host` : `spec.rules[${i}]` });
  });
  if (spec.defaultBackend || spec.backend) out.push({ path: spec.defaultBackend ? 'spec.defaultBackend' : 'spec.backend' });
  return out;
}

/** The `spec.tls` entries of an Ingress. */
export function tlsEntries(raw: any): TlsEntry[] {
  const tls = Array.isArray(raw?.spec?.tls) ? raw.spec.tls : [];
  const out: TlsEntry[] = [];
  tls.forEach((t: any, index: number) => {
    if (!t || typeof t !== 'object') return;
    const hosts = Array.isArray(t.hosts) ? t.hosts.filter((h: unknown): h is string => typeof h === 'string' && h !== '') : [];
    const secretName = typeof t.secretName === 'string' && t.secretName !== '' ? t.secretName : undefined;
    out.push({ hosts, secretName, index });
  });
  return out;
}

/** The controller id of ingress-nginx (the Kubernetes project's controller). */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';

/**
 * The ingress class of an Ingress: `spec.ingressClassName`, else the `kubernetes.io/ingress.class`
 * annotation, else the IngressClass of the set marked `ingressclass.kubernetes.io/is-default-class`.
 */
export function ingressClassOf(index: ManifestIndex, ing: IndexedObject): string | undefined {
  const name = (ing.raw as any).spec?.ingressClassName;
  if (typeof name === 'string' && name !== '') return name;
  const annotated = ing.annotations['kubernetes.io/ingress.class'];
  if (annotated) return annotated;
  return index.cached('ingress:defaultClass', () => index.ofKind('IngressClass', 'networking.k8s.io')
    .find(c => c.annotations['ingressclass.kubernetes.io/is-default-class'] === 'true')?.name);
}

/**
 * Whether ingress-nginx serves an Ingress: its class is an IngressClass of the set whose
 * controller is `k8s.io/ingress-nginx`; or, when the set does not define the class, the class is
 * named `nginx` (the ingress-nginx chart's default), or the Ingress carries
 * `nginx.ingress.kubernetes.io/` annotations (a second ingress-nginx class such as
 * `nginx-internal`, or no class at all).
 */
export function servedByIngressNginx(index: ManifestIndex, ing: IndexedObject): boolean {
  const cls = ingressClassOf(index, ing);
  const defined = cls === undefined ? undefined : index.get('IngressClass', undefined, cls);
  if (defined) return (defined.raw as any).spec?.controller === INGRESS_NGINX_CONTROLLER;
  return cls === 'nginx' || Object.keys(ing.annotations).some(k => k.startsWith('nginx.ingress.kubernetes.io/'));
}
