/** Reading cert-manager.io/v1 Certificates and Issuers. */

import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';

/** The cert-manager API group. */
export const CERT_MANAGER_GROUP = 'cert-manager.io';

/** The Certificates of the set, in input order. */
export function certificates(index: ManifestIndex): readonly IndexedObject[] {
  return index.ofKind('Certificate', CERT_MANAGER_GROUP);
}

/** The dnsNames of a Certificate. */
export function dnsNamesOf(cert: IndexedObject): string[] {
  const names = (cert.raw as any).spec?.dnsNames;
  return Array.isArray(names) ? names.filter((n: unknown): n is string => typeof n === 'string') : [];
}

/** Certificates by `<namespace>/<spec.secretName>`, built once per run. */
export function certificatesBySecret(index: ManifestIndex): ReadonlyMap<string, readonly IndexedObject[]> {
  return index.cached('ingress:certificatesBySecret', () => {
    const out = new Map<string, IndexedObject[]>();
    for (const cert of certificates(index)) {
      const secret = (cert.raw as any).spec?.secretName;
      if (typeof secret !== 'string' || secret === '') continue;
      const key = `${cert.namespace}/${secret}`;
      const list = out.get(key);
      if (list) list.push(cert); else out.set(key, [cert]);
    }
    return out;
  });
}

/** The Issuers and ClusterIssuers of the set, in input order. */
export function issuers(index: ManifestIndex): IndexedObject[] {
  return [...index.ofKind('Issuer', CERT_MANAGER_GROUP), ...index.ofKind('ClusterIssuer', CERT_MANAGER_GROUP)]
    .sort((a, b) => a.source.document - b.source.document);
}
