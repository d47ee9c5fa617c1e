/**
 * The certificates cert-manager is asked for: Certificates, and the Certificates its ingress-shim
 * creates for an Ingress that names an issuer in its annotations, configured by the Ingress's
 * other `cert-manager.io/` annotations.
 * @see https://cert-manager.io/docs/usage/ingress/#supported-annotations
 */
import { goAtoi } from '../../../common/go-atoi';
import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';
import { CERT_MANAGER_GROUP, certificates } from './cert-manager';
import { GATEWAY_API_GROUP } from './gateway-routes';
import { ingresses } from './ingress';
import { gatewayShimListeners, shimRequest } from './shim';

/** The Certificate fields the controls read, with the ingress-shim annotation that sets each. */
const SHIM_ANNOTATION = {
  'duration': 'cert-manager.io/duration',
  'renewBefore': 'cert-manager.io/renew-before',
  'renewBeforePercentage': 'cert-manager.io/renew-before-percentage',
  'privateKey.algorithm': 'cert-manager.io/private-key-algorithm',
  'privateKey.size': 'cert-manager.io/private-key-size',
  'privateKey.rotationPolicy': 'cert-manager.io/private-key-rotation-policy',
} as const;

/** A field of a Certificate's spec the controls read. */
export type CertificateField = keyof typeof SHIM_ANNOTATION;

/** A Certificate that is requested, and where each of its fields is written. */
export interface RequestedCertificate {
  /** The Certificate, or the Ingress or Gateway whose annotations request one per TLS secret. */
  readonly object: IndexedObject;
  /**
   * The fields as a Certificate's spec holds them; for an Ingress, the annotation values
   * (integers parsed as the ingress-shim parses them, other text kept as written).
   */
  readonly spec: any;
  /** Whether the request is an Ingress's or Gateway's annotations. */
  readonly shim: boolean;
}

/** The JSON path of a field: `spec.privateKey.size`, or the annotation that sets it on an Ingress. */
export function fieldPath(c: RequestedCertificate, field: CertificateField): string {
  return c.shim ? `metadata.annotations["${SHIM_ANNOTATION[field]}"]` : `spec.${field}`;
}

/** How messages name a field: `spec.privateKey.size`, or `annotation cert-manager.io/private-key-size`. */
export function fieldLabel(c: RequestedCertificate, field: CertificateField): string {
  return c.shim ? `annotation ${SHIM_ANNOTATION[field]}` : `spec.${field}`;
}

/** The JSON path of the request as a whole: `spec` (or `spec.privateKey` for key fields), or the Ingress's annotations. */
export function requestPath(c: RequestedCertificate, privateKey = false): string {
  if (c.shim) return 'metadata.annotations';
  return privateKey ? 'spec.privateKey' : 'spec';
}

/**
 * The Certificates, then the Ingresses with TLS entries that the ingress-shim issues for, then the
 * Gateways with listeners that the gateway-shim issues for, in input order; built once per run.
 */
export function requestedCertificates(index: ManifestIndex): readonly RequestedCertificate[] {
  return index.cached('ingress:requestedCertificates', () => {
    const out: RequestedCertificate[] = certificates(index).map(object => ({ object, spec: (object.raw as any).spec ?? {}, shim: false }));
    for (const ing of ingresses(index)) {
      // Only what the shim creates: nothing for an Ingress it refuses, nor for entries left to Certificates of the set.
      const shim = shimRequest(index, ing);
      if (shim && !shim.refused && shim.issued.length > 0) out.push({ object: ing, spec: shimSpec(ing), shim: true });
    }
    for (const gateway of index.ofKind('Gateway', GATEWAY_API_GROUP)) {
      if ((gatewayShimListeners(index, gateway)?.length ?? 0) > 0) out.push({ object: gateway, spec: shimSpec(gateway), shim: true });
    }
    return out;
  });
}

/** The Certificate spec the ingress-shim (or gateway-shim) builds from an Ingress's (or Gateway's) annotations (the fields the controls read). */
function shimSpec(ing: IndexedObject): any {
  const a = (field: CertificateField): string | undefined => ing.annotations[SHIM_ANNOTATION[field]];
  const privateKey: Record<string, unknown> = {};
  const algorithm = a('privateKey.algorithm');
  const size = a('privateKey.size');
  const rotationPolicy = a('privateKey.rotationPolicy');
  if (algorithm !== undefined) privateKey.algorithm = algorithm;
  if (size !== undefined) privateKey.size = goAtoi(size) ?? size;
  if (rotationPolicy !== undefined) privateKey.rotationPolicy = rotationPolicy;
  const spec: Record<string, unknown> = { privateKey };
  const duration = a('duration');
  const renewBefore = a('renewBefore');
  const percentage = a('renewBeforePercentage');
  if (duration !== undefined) spec.duration = duration;
  if (renewBefore !== undefined) spec.renewBefore = renewBefore;
  if (percentage !== undefined) spec.renewBeforePercentage = goAtoi(percentage) ?? percentage;
  return spec;
}

/**
 * The Issuer or ClusterIssuer of the set that signs a requested Certificate: `spec.issuerRef` (kind
 * Issuer, in the Certificate's namespace, unless ClusterIssuer), or an Ingress's
 * `cert-manager.io/cluster-issuer` / `cert-manager.io/issuer` annotation (with
 * `cert-manager.io/issuer-kind`); `undefined` when it is
 * not in the set or belongs to another API group (an external issuer).
 */
export function issuerOf(index: ManifestIndex, c: RequestedCertificate): IndexedObject | undefined {
  const ns = c.object.namespace;
  const find = (kind: 'Issuer' | 'ClusterIssuer', name: unknown): IndexedObject | undefined => {
    if (typeof name !== 'string' || name === '') return undefined;
    const o = index.get(kind, kind === 'Issuer' ? ns : undefined, name);
    return o?.group === CERT_MANAGER_GROUP ? o : undefined;
  };
  if (c.shim) {
    const a = c.object.annotations;
    const group = a['cert-manager.io/issuer-group'];
    if (group && group !== CERT_MANAGER_GROUP) return undefined;
    if (a['cert-manager.io/cluster-issuer']) return find('ClusterIssuer', a['cert-manager.io/cluster-issuer']);
    return find(a['cert-manager.io/issuer-kind'] === 'ClusterIssuer' ? 'ClusterIssuer' : 'Issuer', a['cert-manager.io/issuer']);
  }
  const ref = c.spec.issuerRef;
  // An empty or absent group is cert-manager's own.
  if (!ref || (ref.group !== undefined && ref.group !== null && ref.group !== '' && ref.group !== CERT_MANAGER_GROUP)) return undefined;
  return find(ref.kind === 'ClusterIssuer' ? 'ClusterIssuer' : 'Issuer', ref.name);
}
