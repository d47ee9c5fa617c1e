import { fail } from '../../../control';
import { CheckResult, IndexedObject } from '../../../types';

/** API group of the Prometheus operator's kinds. */
export const MONITORING_GROUP = 'monitoring.coreos.com';

/** Whether a value is a YAML mapping. */
export function isMapping(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether a TLS config (the operator's TLSConfig or SafeTLSConfig) turns verification of the server's certificate off. */
export function skipsVerification(tls: unknown): boolean {
  return isMapping(tls) && tls.insecureSkipVerify === true;
}

/** Whether a `scheme` written out is plain http (any case, as the CRDs' enums differ: `http` or `HTTP`). */
export function isHttpScheme(scheme: unknown): boolean {
  return typeof scheme === 'string' && scheme.trim().toLowerCase() === 'http';
}

/**
 * Whether a connection whose scheme field is `scheme` is plain http: `http` written out, or no
 * scheme at all, which Prometheus (and the operator, for Alertmanager endpoints) takes as http,
 * unless `rewritesScheme`: a relabeling that sets `__scheme__` may turn it into https, whatever
 * the scheme field says (Prometheus relabels after it sets the scheme).
 */
export function isPlainScheme(scheme: unknown, rewritesScheme: boolean): boolean {
  if (rewritesScheme) return false;
  return scheme === undefined || scheme === null || scheme === '' || isHttpScheme(scheme);
}

/**
 * Whether a value (an endpoint, a spec, a class's relabelings) mentions `__scheme__`: a relabeling
 * that sets it may turn a scrape into https, so its TLS settings are judged.
 */
export function relabelsScheme(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('"__scheme__"');
}

/** Whether a URL written out starts with `http://`, so the client opens no TLS connection to it. */
export function isHttpUrl(url: unknown): boolean {
  return typeof url === 'string' && /^http:\/\//i.test(url.trim());
}

/** How a kind's client is named in messages. */
const CLIENT: Readonly<Record<string, string>> = {
  PrometheusAgent: 'Prometheus Agent',
  ThanosRuler: 'Thanos Ruler',
};

/** The process that opens the connections an object of the operator configures: `Prometheus`, `Alertmanager`, … */
export function clientOf(o: IndexedObject): string {
  return CLIENT[o.kind] ?? o.kind;
}

/** One place of a spec that configures a client's connection: a mapping with `tlsConfig` and maybe `oauth2`. */
export interface TlsClientSite {
  /** The mapping holding `tlsConfig` and `oauth2`. */
  readonly holder: Record<string, any>;
  /** Its JSON path with a trailing dot (`spec.remoteWrite[0].`), or `spec.` for the spec itself. */
  readonly where: string;
  /** What the connection does once its TLS is unverified, after "so": `Prometheus scrapes port "https"`. */
  readonly does: string;
  /** The certificate that goes unverified: `the target's certificate`, `its certificate`. */
  readonly certificate: string;
  /** What the connection serves, for its OAuth2 token requests: `port "https"`, `remote write endpoint …`. */
  readonly what: string;
  /** The client, for its OAuth2 token requests: `Prometheus`. */
  readonly client: string;
  /** Whether the connection is plain http written out, so its tlsConfig is not used. */
  readonly plain: boolean;
}

/**
 * The failures of one site: its own TLS settings, unless the connection is plain http (Prometheus
 * opens no TLS connection then and the tlsConfig is not used); and those of its OAuth2 token
 * requests, which go to their own URL with the client's credentials (not when `tokenUrl` is a
 * http:// URL, for the same reason).
 */
export function siteFailures(o: IndexedObject, site: TlsClientSite): CheckResult[] {
  const out: CheckResult[] = [];
  const { holder, where } = site;
  if (!site.plain && skipsVerification(holder.tlsConfig)) {
    out.push(fail(o, `${where}tlsConfig.insecureSkipVerify is true, so ${site.does} without verifying ${site.certificate}`, `${where}tlsConfig.insecureSkipVerify`));
  }
  const oauth2 = holder.oauth2;
  if (isMapping(oauth2) && !isHttpUrl(oauth2.tokenUrl) && skipsVerification(oauth2.tlsConfig)) {
    out.push(fail(o, `${where}oauth2.tlsConfig.insecureSkipVerify is true, so ${site.client} sends its OAuth2 client credentials for ${site.what} to a token server whose certificate it does not verify`, `${where}oauth2.tlsConfig.insecureSkipVerify`));
  }
  return out;
}

/** The mappings of a list field, with their index (other entries are skipped). */
export function mappingsOf(list: unknown): Array<[Record<string, any>, number]> {
  const out: Array<[Record<string, any>, number]> = [];
  if (Array.isArray(list)) list.forEach((e, i) => { if (isMapping(e)) out.push([e, i]); });
  return out;
}

/** A value quoted for a message, or `fallback` when it is not a non-empty string. */
export function shown(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}
