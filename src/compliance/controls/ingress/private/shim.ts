/**
 * What cert-manager's ingress-shim does with an Ingress that names an issuer in its annotations:
 * whether it refuses the Ingress, and for each TLS entry whether it creates a Certificate, leaves
 * the entry to a Certificate of that name, or skips it.
 * @see https://cert-manager.io/docs/usage/ingress/#supported-annotations
 */
import { goAtoi } from '../../../common/go-atoi';
import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';
import { CERT_MANAGER_GROUP, certificatesBySecret } from './cert-manager';
import { listenersOf } from './gateway-routes';
import { parseGoDuration } from './go-duration';
import { ingresses, TlsEntry, tlsEntries } from './ingress';

/** The annotations that make cert-manager's ingress-shim create the Certificates of an Ingress's spec.tls. */
export const SHIM_ISSUER_ANNOTATIONS: readonly string[] = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'];

/** The ECDSA curves cert-manager generates keys on. */
const ECDSA_SIZES: readonly number[] = [256, 384, 521];

/**
 * Why cert-manager's gateway-shim refuses a Gateway whose annotations name an issuer (both issuer
 * kinds, an empty issuer, an annotation value it cannot take), creating no Certificate for it;
 * `undefined` when it names none or the shim takes it.
 */
export function gatewayShimRefusal(gateway: IndexedObject): string | undefined {
  const named = SHIM_ISSUER_ANNOTATIONS.filter(a => Object.hasOwn(gateway.annotations, a));
  if (named.length === 0) return undefined;
  return (structureRefusal(gateway, named, []) ?? annotationRefusal(gateway.annotations))?.message;
}

/** What the ingress-shim does with an Ingress that names an issuer. */
export interface ShimRequest {
  /** The annotation that names the issuer. */
  readonly annotation: string;
  /** Why the shim refuses the whole Ingress, creating no Certificate, and where. @default - it does not */
  readonly refused?: { readonly message: string; readonly path: string };
  /** The entries it creates a Certificate for. */
  readonly issued: readonly TlsEntry[];
  /** The entries it leaves to a Certificate of the set named as their secret (which it does not own). */
  readonly existing: readonly { readonly entry: TlsEntry; readonly certificate: IndexedObject }[];
  /** The entries it skips: without hosts or without a secretName. */
  readonly skipped: readonly TlsEntry[];
}

/**
 * The listeners of a Gateway (gateway.networking.k8s.io) for which cert-manager's gateway-shim
 * creates a Certificate, or `undefined` when the Gateway names no issuer or the shim refuses its
 * annotations: listeners of protocol HTTPS or TLS with a hostname, `tls.mode` Terminate (the API
 * server's default), and certificateRefs that are Secrets of the Gateway's namespace, none of
 * which is the name of a Certificate of the set (which the shim leaves alone).
 * @see https://cert-manager.io/docs/usage/gateway/
 */
export function gatewayShimListeners(index: ManifestIndex, gateway: IndexedObject): readonly number[] | undefined {
  if (!SHIM_ISSUER_ANNOTATIONS.some(a => Object.hasOwn(gateway.annotations, a)) || gatewayShimRefusal(gateway) !== undefined) return undefined;
  const out: number[] = [];
  listenersOf(gateway).forEach((l: any, i) => {
    if ((l?.protocol !== 'HTTPS' && l?.protocol !== 'TLS') || typeof l.hostname !== 'string' || l.hostname === '') return;
    const refs: unknown[] = Array.isArray(l.tls?.certificateRefs) ? l.tls.certificateRefs : [];
    if ((l.tls?.mode ?? 'Terminate') !== 'Terminate' || refs.length === 0) return;
    const secrets = refs.every((r: any) => typeof r?.name === 'string' && r.name !== '' && ['', 'core', undefined].includes(r.group)
      && ['', 'Secret', undefined].includes(r.kind) && (r.namespace === undefined || r.namespace === gateway.namespace));
    if (!secrets) return;
    const owned = refs.some((r: any) => index.get('Certificate', gateway.namespace, r.name)?.group === CERT_MANAGER_GROUP);
    if (!owned) out.push(i);
  });
  return out;
}

/** What the ingress-shim does with an Ingress, or `undefined` when the Ingress names no issuer (by annotation key, as the shim reads them); read once per run. */
export function shimRequest(index: ManifestIndex, ing: IndexedObject): ShimRequest | undefined {
  const read = index.cached('ingress:shimRequests', () => new Map<IndexedObject, ShimRequest | undefined>());
  if (!read.has(ing)) read.set(ing, readShimRequest(index, ing));
  return read.get(ing);
}

/** {@link shimRequest}, read from the Ingress and the set. */
function readShimRequest(index: ManifestIndex, ing: IndexedObject): ShimRequest | undefined {
  const named = SHIM_ISSUER_ANNOTATIONS.filter(a => Object.hasOwn(ing.annotations, a));
  if (named.length === 0) return undefined;
  const annotation = named[0];
  const tls = tlsEntries(ing.raw);
  const refused = structureRefusal(ing, named, tls) ?? annotationRefusal(ing.annotations);
  const skipped = tls.filter(e => e.hosts.length === 0 || e.secretName === undefined);
  const existing: { entry: TlsEntry; certificate: IndexedObject }[] = [];
  const issued: TlsEntry[] = [];
  for (const entry of tls) {
    if (skipped.includes(entry)) continue;
    // The shim looks the Certificate up by the secret's name, and leaves one it does not own alone.
    const certificate = index.get('Certificate', ing.namespace, entry.secretName!);
    if (certificate && certificate.group === CERT_MANAGER_GROUP) existing.push({ entry, certificate });
    else issued.push(entry);
  }
  return { annotation, refused, issued, existing, skipped };
}

/**
 * The Ingress whose shim request creates each Certificate (`<namespace>/<secret>`): the first in
 * input order. The shim refuses to update a Certificate another Ingress owns, so a later Ingress
 * naming the same Secret gets the first one's certificate.
 */
export function shimOwners(index: ManifestIndex): ReadonlyMap<string, IndexedObject> {
  return index.cached('ingress:shimOwners', () => {
    const out = new Map<string, IndexedObject>();
    for (const ing of ingresses(index)) {
      const shim = shimRequest(index, ing);
      if (!shim || shim.refused) continue;
      for (const e of shim.issued) {
        const key = `${ing.namespace}/${e.secretName}`;
        if (!out.has(key)) out.set(key, ing);
      }
    }
    return out;
  });
}

/** The Certificates of the set other than `except` that write Secret `secret` of the Ingress's namespace. */
export function otherWriters(index: ManifestIndex, ing: IndexedObject, secret: string, except?: IndexedObject): readonly IndexedObject[] {
  return (certificatesBySecret(index).get(`${ing.namespace}/${secret}`) ?? []).filter(c => c !== except);
}

/** Why the shim refuses an Ingress for the issuer annotations and TLS entries it holds. */
function structureRefusal(ing: IndexedObject, named: readonly string[], tls: readonly TlsEntry[]): ShimRequest['refused'] {
  const a = ing.annotations;
  if (named.length > 1) {
    return { message: 'names both an Issuer (cert-manager.io/issuer) and a ClusterIssuer (cert-manager.io/cluster-issuer)', path: 'metadata.annotations' };
  }
  if (named[0] === 'cert-manager.io/cluster-issuer') {
    const other = ['cert-manager.io/issuer-kind', 'cert-manager.io/issuer-group'].find(k => Object.hasOwn(a, k));
    if (other) return { message: `combines cert-manager.io/cluster-issuer with ${other}, which belongs to cert-manager.io/issuer`, path: `metadata.annotations["${other}"]` };
  }
  if (a[named[0]] === '') return { message: `names no issuer (${named[0]} is empty)`, path: `metadata.annotations["${named[0]}"]` };
  const seen = new Set<string>();
  for (const e of tls) {
    if (e.secretName === undefined) continue;
    if (seen.has(e.secretName)) return { message: `names Secret "${e.secretName}" in two spec.tls entries`, path: `spec.tls[${e.index}].secretName` };
    seen.add(e.secretName);
  }
  return undefined;
}

/** The key usages a Certificate names (cert-manager.io/v1 KeyUsage), which the shim's cert-manager.io/usages annotation lists. */
const KEY_USAGES: ReadonlySet<string> = new Set([
  'signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment', 'cert sign', 'crl sign',
  'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing', 'email protection', 's/mime', 'ipsec end system',
  'ipsec tunnel', 'ipsec user', 'timestamping', 'ocsp signing', 'microsoft sgc', 'netscape sgc',
]);

/** The first name of a cert-manager.io/usages value (comma-separated, spaces around each trimmed) that is no key usage. */
function unknownUsage(value: string): string | undefined {
  return value.split(',').find(name => !KEY_USAGES.has(name.replace(/^ +| +$/g, '')));
}

/** Why the shim refuses an Ingress for the value of one of the Certificate annotations it reads, as it validates them. */
function annotationRefusal(a: Readonly<Record<string, string>>): ShimRequest['refused'] {
  const at = (key: string) => `metadata.annotations["${key}"]`;
  const usages = a['cert-manager.io/usages'];
  const unknown = usages === undefined ? undefined : unknownUsage(usages);
  if (unknown !== undefined) {
    return { message: `annotation cert-manager.io/usages "${usages}" names "${unknown}", which is no key usage cert-manager knows (such as digital signature, key encipherment, server auth)`, path: at('cert-manager.io/usages') };
  }
  for (const key of ['cert-manager.io/duration', 'cert-manager.io/renew-before']) {
    if (Object.hasOwn(a, key) && parseGoDuration(a[key]) === undefined) return { message: `annotation ${key} "${a[key]}" is not a Go duration`, path: at(key) };
  }
  const percentage = a['cert-manager.io/renew-before-percentage'];
  if (percentage !== undefined && goAtoi(percentage) === undefined) {
    return { message: `annotation cert-manager.io/renew-before-percentage "${percentage}" is not an integer`, path: at('cert-manager.io/renew-before-percentage') };
  }
  const algorithm = a['cert-manager.io/private-key-algorithm'];
  if (algorithm !== undefined && !['RSA', 'ECDSA', 'Ed25519'].includes(algorithm)) {
    return { message: `annotation cert-manager.io/private-key-algorithm "${algorithm}" is not RSA, ECDSA or Ed25519`, path: at('cert-manager.io/private-key-algorithm') };
  }
  const size = a['cert-manager.io/private-key-size'];
  const sizeProblem = size === undefined ? undefined : keySizeRefusal(algorithm ?? 'RSA', size);
  if (sizeProblem) return { message: `annotation cert-manager.io/private-key-size "${size}" ${sizeProblem}`, path: at('cert-manager.io/private-key-size') };
  const encoding = a['cert-manager.io/private-key-encoding'];
  if (encoding !== undefined && encoding !== 'PKCS1' && encoding !== 'PKCS8') {
    return { message: `annotation cert-manager.io/private-key-encoding "${encoding}" is not PKCS1 or PKCS8`, path: at('cert-manager.io/private-key-encoding') };
  }
  const limit = a['cert-manager.io/revision-history-limit'];
  const limitN = limit === undefined ? undefined : goAtoi(limit);
  if (limit !== undefined && (limitN === undefined || limitN < 1 || limitN > 2147483647)) {
    return { message: `annotation cert-manager.io/revision-history-limit "${limit}" is not a positive 32-bit integer`, path: at('cert-manager.io/revision-history-limit') };
  }
  const rotation = a['cert-manager.io/private-key-rotation-policy'];
  if (rotation !== undefined && rotation !== 'Always' && rotation !== 'Never') {
    return { message: `annotation cert-manager.io/private-key-rotation-policy "${rotation}" is not Always or Never`, path: at('cert-manager.io/private-key-rotation-policy') };
  }
  return undefined;
}

/** Why the shim refuses a key size for an algorithm: it must be an integer; for RSA from 2048 to 8192, for ECDSA 256, 384 or 521. */
function keySizeRefusal(algorithm: string, size: string): string | undefined {
  const n = goAtoi(size);
  if (n === undefined) return 'is not an integer';
  if (algorithm === 'ECDSA' && !ECDSA_SIZES.includes(n)) return `is not an ECDSA curve size (${ECDSA_SIZES.join(', ')})`;
  if (algorithm === 'RSA' && (n < 2048 || n > 8192)) return 'is not an RSA size from 2048 to 8192';
  return undefined;
}

