import { defineControl, fail, pass } from '../../control';
import { ManifestIndex } from '../../manifest-index';
import { CheckResult, IndexedObject } from '../../types';
import { runtimeCaInjector } from './private/runtime-ca-injection';

/** API group of APIService. */
const APIREGISTRATION_GROUP = 'apiregistration.k8s.io';

/**
 * Annotations that have a controller write `spec.caBundle` once the object is applied, so the
 * manifest rightly leaves it empty: cert-manager's cainjector (from a Certificate, a Secret or the
 * API server's own CA; before v0.11 under the certmanager.k8s.io prefix) and OpenShift's service
 * CA operator.
 */
const CA_INJECTION = [
  'cert-manager.io/inject-ca-from', 'cert-manager.io/inject-ca-from-secret', 'cert-manager.io/inject-apiserver-ca',
  'certmanager.k8s.io/inject-ca-from', 'certmanager.k8s.io/inject-ca-from-secret', 'certmanager.k8s.io/inject-apiserver-ca',
  'service.beta.openshift.io/inject-cabundle',
];

/** The annotation that injects a CA bundle into the APIService, if it has one. */
function injection(o: IndexedObject): string | undefined {
  return CA_INJECTION.find(key => {
    const value = o.annotations[key]?.trim();
    return value !== undefined && value !== '' && value.toLowerCase() !== 'false';
  });
}

/** `Service namespace/name`, as an APIService names the Service that serves it. */
function serviceLabel(service: any): string {
  const name = typeof service.name === 'string' ? service.name : '?';
  return typeof service.namespace === 'string' ? `Service ${service.namespace}/${name}` : `Service ${name}`;
}

function checkApiService(o: IndexedObject, index: ManifestIndex): CheckResult | undefined {
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
  if (injected) return pass(o, `spec.caBundle is injected (${injected})`);
  const injector = typeof service.namespace === 'string' && typeof service.name === 'string' ? runtimeCaInjector(index, service.namespace, service.name) : undefined;
  if (injector) return pass(o, `spec.caBundle is injected at run time by ${injector}`);
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
    + 'or an annotation that has one injected when it is applied (cert-manager.io/inject-ca-from, inject-ca-from-secret or inject-apiserver-ca; '
    + 'service.beta.openshift.io/inject-cabundle; the certmanager.k8s.io/ forms of cert-manager before v0.11), or a controller among the manifests '
    + 'that writes it at run time (the KEDA operator with --enable-cert-rotation=true, for the Service its --metrics-server-service-name names '
    + 'in its namespace). An APIService without spec.service is served by the API server itself and is not evaluated.',
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
      const r = checkApiService(o, ctx.index);
      if (r) out.push(r);
    }
    return out;
  },
});
