import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';

/** API group of APIService. */
const APIREGISTRATION_GROUP = 'apiregistration.k8s.io';

/** `<namespace>/<name>`, as cainjector reads the object it injects from (without a namespace it logs an error and injects nothing). */
const NAMESPACED_NAME = /^[^/\s]+\/[^/\s]+$/;

/**
 * Annotations that have a controller write `spec.caBundle` once the object is applied, so the
 * manifest rightly leaves it empty: cert-manager's cainjector (from a Certificate, a Secret or the
 * API server's own CA) and OpenShift's service CA operator; each with the values its controller
 * acts on (cainjector compares inject-apiserver-ca with "true" exactly, OpenShift in any case).
 */
const CA_INJECTION: ReadonlyArray<{ readonly key: string; readonly acts: (value: string) => boolean; readonly expects: string }> = [
  { key: 'cert-manager.io/inject-ca-from', acts: v => NAMESPACED_NAME.test(v), expects: '<namespace>/<certificate>' },
  { key: 'cert-manager.io/inject-ca-from-secret', acts: v => NAMESPACED_NAME.test(v), expects: '<namespace>/<secret>' },
  { key: 'cert-manager.io/inject-apiserver-ca', acts: v => v === 'true', expects: '"true"' },
  { key: 'service.beta.openshift.io/inject-cabundle', acts: v => v.toLowerCase() === 'true', expects: '"true"' },
];

/** The annotation that injects a CA bundle into the APIService, if it has one, or the first that is set to a value its controller ignores. */
function injection(o: IndexedObject): { readonly key: string; readonly acts: boolean; readonly value: string; readonly expects: string } | undefined {
  const given = CA_INJECTION.filter(i => typeof o.annotations[i.key] === 'string' && o.annotations[i.key].trim() !== '' && o.annotations[i.key].trim().toLowerCase() !== 'false')
    .map(i => ({ key: i.key, value: o.annotations[i.key], acts: i.acts(o.annotations[i.key].trim()), expects: i.expects }));
  return given.find(i => i.acts) ?? given[0];
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
  const caBundle = typeof spec.caBundle === 'string' ? spec.caBundle.trim() : '';
  if (caBundle !== '') return pass(o, 'spec.caBundle verifies the Service\'s certificate');
  const injected = injection(o);
  if (injected?.acts) return pass(o, `spec.caBundle is injected (${injected.key})`);
  if (injected) {
    return fail(o, `spec.caBundle is not set, and annotation ${injected.key} is ${JSON.stringify(injected.value)}, on which its controller injects nothing (it takes ${injected.expects}): `
      + `the API server can check the certificate of ${serviceLabel(service)} for ${served} only against its own trusted roots`, `metadata.annotations.${injected.key}`);
  }
  return fail(o, `spec.caBundle is not set, and no cert-manager.io/inject-ca-from annotation has it injected: the API server can check the certificate of ${serviceLabel(service)} for ${served} only against its own trusted roots, which an in-cluster serving certificate does not chain to`, 'spec.caBundle');
}

/**
 * Every APIService that the API server proxies to a Service verifies that Service's certificate:
 * insecureSkipTLSVerify is not true, and a caBundle is set (or injected at apply time). An
 * APIService without a Service is served by the API server itself and is not evaluated.
 */
export const apiserviceTlsVerified = defineControl({
  id: 'apiservice-tls-verified',
  title: 'Aggregated APIs are reached over verified TLS',
  condition: 'Every APIService (apiregistration.k8s.io) with spec.service does not set spec.insecureSkipTLSVerify: true, and has a spec.caBundle, '
    + 'or an annotation that has one injected when it is applied (cert-manager.io/inject-ca-from or inject-ca-from-secret: <namespace>/<name>; '
    + 'cert-manager.io/inject-apiserver-ca: "true"; service.beta.openshift.io/inject-cabundle: "true"). An APIService without spec.service is served by the API server itself and is not evaluated.',
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
