import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';

/** API group of APIService. */
const APIREGISTRATION_GROUP = 'apiregistration.k8s.io';

/** `<namespace>/<name>`, as cainjector reads the object it injects from (without a namespace it logs an error and injects nothing). */
const NAMESPACED_NAME = /^[^/\s]+\/[^/\s]+$/;

/**
 * Annotations that have a controller write `spec.caBundle` once the object is applied, so the
 * manifest rightly leaves it empty, each with the values its controller acts on: cert-manager's
 * cainjector (from a Certificate, a Secret or the API server's own CA; before v0.11 under the
 * certmanager.k8s.io prefix; it compares inject-apiserver-ca with "true" exactly) and OpenShift's
 * service CA operator ("true" in any case).
 */
const CA_INJECTION: ReadonlyArray<{ readonly key: string; readonly acts: (value: string) => boolean }> = [
  ...['cert-manager.io', 'certmanager.k8s.io'].flatMap(prefix => [
    { key: `${prefix}/inject-ca-from`, acts: (v: string) => NAMESPACED_NAME.test(v) },
    { key: `${prefix}/inject-ca-from-secret`, acts: (v: string) => NAMESPACED_NAME.test(v) },
    { key: `${prefix}/inject-apiserver-ca`, acts: (v: string) => v === 'true' },
  ]),
  { key: 'service.beta.openshift.io/inject-cabundle', acts: v => v.toLowerCase() === 'true' },
];

/** The annotation that has a CA bundle injected into the APIService, if one does. */
function injection(o: IndexedObject): string | undefined {
  return CA_INJECTION.find(i => typeof o.annotations[i.key] === 'string' && i.acts(o.annotations[i.key].trim()))?.key;
}

/** `Service namespace/name`, as an APIService names the Service that serves it. */
function serviceLabel(service: any): string {
  const name = typeof service.name === 'string' ? service.name : '?';
  return typeof service.namespace === 'string' ? `Service ${service.namespace}/${name}` : `Service ${name}`;
}

function checkApiService(o: IndexedObject): CheckResult | undefined {
  const spec = (o.raw as any).spec;
  const service = spec && typeof spec === 'object' ? spec.service : undefined;
  // Without a Service the API server serves the group itself (a "Local" APIService): nothing is proxied.
  if (!service || typeof service !== 'object' || Array.isArray(service)) return undefined;
  const served = `${typeof spec.group === 'string' ? spec.group : '?'}/${typeof spec.version === 'string' ? spec.version : '?'}`;
  if (spec.insecureSkipTLSVerify === true) {
    return fail(o, `spec.insecureSkipTLSVerify is true, so the API server proxies requests for ${served} to ${serviceLabel(service)} without verifying its certificate`, 'spec.insecureSkipTLSVerify');
  }
  if (typeof spec.caBundle === 'string' && spec.caBundle.trim() !== '') return pass(o, 'spec.caBundle verifies the Service\'s certificate');
  const injected = injection(o);
  if (injected) return pass(o, `spec.caBundle is injected (${injected})`);
  // Not a weakness: an unknown certificate makes the aggregated API unavailable, never trusted.
  return pass(o, 'no spec.caBundle: the API server verifies the Service\'s certificate against its own trusted roots');
}

/**
 * Every APIService that the API server proxies to a Service verifies that Service's certificate:
 * insecureSkipTLSVerify is not true. Without a caBundle the API server still verifies, against its
 * own trusted roots, which the evidence records. An APIService without a Service is served by the
 * API server itself and is not evaluated.
 */
export const apiserviceTlsVerified = defineControl({
  id: 'apiservice-tls-verified',
  title: 'Aggregated APIs are reached over verified TLS',
  condition: 'Every APIService (apiregistration.k8s.io) with spec.service does not set spec.insecureSkipTLSVerify: true, so the API server '
    + 'verifies the Service\'s certificate: against spec.caBundle, a bundle an annotation has injected when it is applied '
    + '(cert-manager.io/inject-ca-from or inject-ca-from-secret: <namespace>/<name>; cert-manager.io/inject-apiserver-ca: "true"; '
    + 'the certmanager.k8s.io/ forms of cert-manager before v0.11; service.beta.openshift.io/inject-cabundle: "true"), or its own trusted roots '
    + '(the evidence says which). An APIService without spec.service is served by the API server itself and is not evaluated.',
  severity: 'high',
  criteria: ['CC6.7', 'CC6.1'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Remove insecureSkipTLSVerify and give the APIService the CA that signed the Service\'s serving certificate: '
    + 'let cert-manager issue that certificate and inject its CA (annotation cert-manager.io/inject-ca-from: <namespace>/<certificate>), '
    + 'or write the base64 PEM bundle into spec.caBundle. The Kubernetes API reference calls insecureSkipTLSVerify strongly discouraged.',
  example: 'apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\n'
    + '  annotations:\n    cert-manager.io/inject-ca-from: kube-system/metrics-server-tls\n'
    + 'spec:\n  group: metrics.k8s.io\n  version: v1beta1\n  service: { name: metrics-server, namespace: kube-system }\n'
    + '  groupPriorityMinimum: 100\n  versionPriority: 100',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const o of ctx.index.ofKind('APIService', APIREGISTRATION_GROUP)) {
      const r = checkApiService(o);
      if (r) out.push(r);
    }
    return out;
  },
});
