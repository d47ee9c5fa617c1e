/**
 * Whether the certificates a Gateway API Gateway (gateway.networking.k8s.io) serves are issued by
 * cert-manager: each listener that ends TLS names Secrets that Certificates of the set write, or
 * cert-manager's gateway-shim creates them, and those Certificates cover the hosts it serves.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewaytlsconfig
 * @see https://cert-manager.io/docs/usage/gateway/
 */
import { fail, pass } from '../../../control';
import { ManifestIndex } from '../../../manifest-index';
import { CheckResult, IndexedObject } from '../../../types';
import { certificatesBySecret, dnsNamesOf } from './cert-manager';
import { GATEWAY_API_GROUP, listenersOf, routeHostnames, routesOf } from './gateway-routes';
import { hostCovered } from './hosts';
import { gatewayShimListeners, gatewayShimRefusal, SHIM_ISSUER_ANNOTATIONS } from './shim';

/** A listener that ends TLS at the gateway, with its place in `spec.listeners`. */
interface TerminatingListener {
  readonly index: number;
  readonly listener: any;
}

/**
 * The listeners of a Gateway that end TLS at the gateway: protocol HTTPS, or TLS with `tls.mode`
 * Terminate (the API server's default). A TLS listener in Passthrough mode leaves the certificate
 * to the workload.
 */
export function terminatingListeners(gateway: IndexedObject): readonly TerminatingListener[] {
  const out: TerminatingListener[] = [];
  listenersOf(gateway).forEach((listener: any, index) => {
    const protocol = listener?.protocol;
    if (protocol === 'HTTPS' || (protocol === 'TLS' && (listener.tls?.mode ?? 'Terminate') === 'Terminate')) out.push({ index, listener });
  });
  return out;
}

/**
 * The results of one Gateway: a failure per listener that ends TLS with a certificate cert-manager
 * does not issue or that does not cover its hosts, or a pass; none for a Gateway without such a
 * listener (gateway-https-only judges what it serves).
 */
export function checkGatewayCertificates(index: ManifestIndex, gateway: IndexedObject): CheckResult[] {
  const listeners = terminatingListeners(gateway);
  if (listeners.length === 0) return [];
  const shimmed = new Set(gatewayShimListeners(index, gateway) ?? []);
  const shim = SHIM_ISSUER_ANNOTATIONS.find(a => Object.hasOwn(gateway.annotations, a));
  const refused = shim === undefined ? undefined : gatewayShimRefusal(gateway);
  const failures: CheckResult[] = [];
  for (const { index: i, listener } of listeners) {
    if (shimmed.has(i)) continue;
    const skipped = shim === undefined ? '' : shimSkips(listener, shim, refused);
    failures.push(...listenerFailures(index, gateway, i, listener, skipped));
  }
  if (failures.length > 0) return failures;
  return [shimmed.size === listeners.length && shim !== undefined
    ? pass(gateway, `cert-manager gateway-shim issues the certificates (${shim}: "${gateway.annotations[shim]}")`)
    : pass(gateway)];
}

/**
 * What is wrong with the certificates of one listener that the gateway-shim does not issue;
 * `skipped` says why the shim, when the Gateway asks for it, issues none for the listener.
 */
function listenerFailures(index: ManifestIndex, gateway: IndexedObject, i: number, listener: any, skipped: string): CheckResult[] {
  const where = `spec.listeners[${i}]`;
  const label = `${where} ("${listener?.name}")`;
  const refs: unknown[] = Array.isArray(listener?.tls?.certificateRefs) ? listener.tls.certificateRefs : [];
  if (refs.length === 0) {
    return [fail(gateway, `${label} ends TLS without tls.certificateRefs, so the gateway serves no certificate cert-manager issues`, `${where}.tls`)];
  }
  const hosts = servedHosts(index, gateway, listener);
  const out: CheckResult[] = [];
  refs.forEach((ref: any, j) => {
    const at = `${where}.tls.certificateRefs[${j}]`;
    const group = ref?.group ?? '';
    const kind = ref?.kind ?? 'Secret';
    if ((group !== '' && group !== 'core') || kind !== 'Secret') {
      out.push(fail(gateway, `${at} names a ${kind}${group === '' ? '' : ` of group ${group}`}, not a Secret: cert-manager writes the certificates it issues into Secrets`, at));
      return;
    }
    const name = ref?.name;
    const namespace = typeof ref?.namespace === 'string' && ref.namespace !== '' ? ref.namespace : gateway.namespace;
    if (namespace !== gateway.namespace && !secretGranted(index, gateway, namespace!, name)) {
      out.push(fail(gateway, `${at} names Secret "${name}" of namespace "${namespace}", and no ReferenceGrant of namespace "${namespace}" lets the Gateways of namespace `
        + `"${gateway.namespace}" refer to it, so the gateway refuses the reference (RefNotPermitted) and the listener serves no certificate; add a ReferenceGrant `
        + `in "${namespace}" from Gateways of "${gateway.namespace}" to that Secret`, `${at}.namespace`));
      return;
    }
    const certs = certificatesBySecret(index).get(`${namespace}/${name}`) ?? [];
    if (certs.length === 0) {
      out.push(fail(gateway, `${at} Secret "${name}" is not the secretName of a cert-manager Certificate in namespace "${namespace}"${skipped}`, `${at}.name`));
      return;
    }
    const names = certs.flatMap(dnsNamesOf);
    const missing = hosts.filter(h => !hostCovered(h, names));
    if (missing.length > 0) {
      out.push(fail(gateway, `Certificate ${certs.map(c => `"${c.name}"`).join(', ')} for Secret "${name}" of ${label} does not cover ${missing.join(', ')} in its dnsNames`,
        typeof listener.hostname === 'string' && listener.hostname !== '' ? `${where}.hostname` : at));
    }
  });
  return out;
}

/**
 * The hosts a listener serves a certificate for: its hostname, or without one the hostnames of the
 * routes attached to it (a listener without a hostname serves any host its routes name).
 */
function servedHosts(index: ManifestIndex, gateway: IndexedObject, listener: any): string[] {
  if (typeof listener?.hostname === 'string' && listener.hostname !== '') return [listener.hostname];
  const hosts = new Set<string>();
  const { attached } = routesOf(index, gateway, { name: listener?.name, port: listener?.port, allowedRoutes: listener?.allowedRoutes, hostname: listener?.hostname });
  for (const route of attached) for (const h of routeHostnames(route)) if (h !== '') hosts.add(h);
  return [...hosts];
}

/** Why the gateway-shim, which the Gateway's annotation `shim` asks for, creates no Certificate for a listener; `refused` when it refuses the Gateway. */
function shimSkips(listener: any, shim: string, refused: string | undefined): string {
  if (refused !== undefined) return `: cert-manager's gateway-shim refuses the Gateway (it ${refused}) and creates no Certificate for it`;
  if (typeof listener?.hostname !== 'string' || listener.hostname === '') {
    return `: cert-manager's gateway-shim (${shim}) creates no Certificate for a listener without a hostname; set hostname`;
  }
  return `: cert-manager's gateway-shim (${shim}) creates Certificates only when every certificateRef of the listener is a Secret of the Gateway's own namespace`;
}

/**
 * Whether a ReferenceGrant of `namespace` lets the Gateways of the Gateway's namespace refer to
 * Secret `name` there: one of its `from` entries names group gateway.networking.k8s.io, kind
 * Gateway and that namespace, and one of its `to` entries names the core group, kind Secret, and
 * no name or that name.
 */
function secretGranted(index: ManifestIndex, gateway: IndexedObject, namespace: string, name: unknown): boolean {
  return index.ofKind('ReferenceGrant', GATEWAY_API_GROUP).some(grant => {
    if (grant.namespace !== namespace) return false;
    const spec = (grant.raw as any).spec;
    const from: unknown[] = Array.isArray(spec?.from) ? spec.from : [];
    const to: unknown[] = Array.isArray(spec?.to) ? spec.to : [];
    return from.some((f: any) => f?.group === GATEWAY_API_GROUP && f?.kind === 'Gateway' && f?.namespace === gateway.namespace)
      && to.some((t: any) => (t?.group === '' || t?.group === 'core') && t?.kind === 'Secret' && (t?.name === undefined || t?.name === '' || t?.name === name));
  });
}
