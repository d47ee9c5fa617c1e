import { parseAllDocuments } from 'yaml';
import { apiserviceTlsVerified } from '../../../../src/compliance/controls/encryption/apiservice-tls-verified';
import { check, messages, outcome } from '../../helpers';

const apiService = (name: string, spec: unknown, annotations?: Record<string, string>) => ({
  apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name, ...(annotations ? { annotations } : {}) }, spec,
});
const METRICS = { group: 'metrics.k8s.io', version: 'v1beta1', service: { name: 'metrics-server', namespace: 'kube-system' }, groupPriorityMinimum: 100, versionPriority: 100 };

/** The pass message of each APIService, by name. */
const remarks = (objects: unknown[]) => Object.fromEntries(check(apiserviceTlsVerified, objects).map(r => [r.object.name, r.passed ? r.message : 'fail']));

describe('apiservice-tls-verified', () => {
  test('passes an APIService whose caBundle verifies the Service, saying so', () => {
    expect(remarks([apiService('v1beta1.metrics.k8s.io', { ...METRICS, caBundle: 'LS0tLS1CRUdJTi...' })]))
      .toEqual({ 'v1beta1.metrics.k8s.io': 'spec.caBundle verifies the Service\'s certificate' });
  });

  test('fails the stock metrics-server APIService, which skips verification, naming the field, the group and the Service', () => {
    const stock = apiService('v1beta1.metrics.k8s.io', { ...METRICS, insecureSkipTLSVerify: true });
    expect(messages(apiserviceTlsVerified, [stock])).toEqual([
      'spec.insecureSkipTLSVerify is true, so the API server proxies requests for metrics.k8s.io/v1beta1 to Service kube-system/metrics-server without verifying its certificate',
    ]);
    expect(check(apiserviceTlsVerified, [stock]).map(r => r.path)).toEqual(['spec.insecureSkipTLSVerify']);
  });

  test('passes an APIService without a caBundle, which the API server verifies against its own trusted roots, and records it', () => {
    for (const spec of [METRICS, { ...METRICS, insecureSkipTLSVerify: false, caBundle: '' }]) {
      expect(remarks([apiService('v1beta1.metrics.k8s.io', spec)]))
        .toEqual({ 'v1beta1.metrics.k8s.io': 'no spec.caBundle: the API server verifies the Service\'s certificate against its own trusted roots' });
    }
  });

  test('records a caBundle injected at apply time only for an annotation value its controller acts on', () => {
    const objects = [
      apiService('a', METRICS, { 'cert-manager.io/inject-ca-from': 'kube-system/metrics-server-tls' }),
      apiService('b', METRICS, { 'cert-manager.io/inject-ca-from-secret': 'kube-system/metrics-server-ca' }),
      apiService('c', METRICS, { 'service.beta.openshift.io/inject-cabundle': 'TRUE' }),
      apiService('d', METRICS, { 'cert-manager.io/inject-apiserver-ca': 'true' }),
      apiService('e', METRICS, { 'certmanager.k8s.io/inject-ca-from-secret': 'cert-manager/cert-manager-webhook-webhook-tls' }),
      apiService('f', METRICS, { 'service.beta.openshift.io/inject-cabundle': 'false' }),
      apiService('g', METRICS, { 'cert-manager.io/inject-apiserver-ca': 'yes' }),
      apiService('h', METRICS, { 'cert-manager.io/inject-ca-from': 'metrics-server-tls' }),
    ];
    const roots = 'no spec.caBundle: the API server verifies the Service\'s certificate against its own trusted roots';
    expect(remarks(objects)).toEqual({
      a: 'spec.caBundle is injected (cert-manager.io/inject-ca-from)',
      b: 'spec.caBundle is injected (cert-manager.io/inject-ca-from-secret)',
      c: 'spec.caBundle is injected (service.beta.openshift.io/inject-cabundle)',
      d: 'spec.caBundle is injected (cert-manager.io/inject-apiserver-ca)',
      e: 'spec.caBundle is injected (certmanager.k8s.io/inject-ca-from-secret)',
      f: roots, g: roots, h: roots,
    });
  });

  test('an injection annotation does not excuse insecureSkipTLSVerify', () => {
    const skip = apiService('a', { ...METRICS, insecureSkipTLSVerify: true }, { 'cert-manager.io/inject-ca-from': 'kube-system/metrics-server-tls' });
    expect(outcome(apiserviceTlsVerified, [skip])).toEqual({ 'APIService/a': 'fail' });
  });

  test('its example passes', () => {
    const objects = parseAllDocuments(apiserviceTlsVerified.example ?? '').map(d => d.toJS());
    expect(outcome(apiserviceTlsVerified, objects)).toEqual({ 'APIService/v1beta1.metrics.k8s.io': 'pass' });
  });

  test('does not apply to a local APIService (no Service: the API server serves the group itself), nor to another group\'s APIService kind', () => {
    const local = apiService('v1.apps', { group: 'apps', version: 'v1', service: null, groupPriorityMinimum: 17800, versionPriority: 15 });
    const other = { ...apiService('x', { ...METRICS, insecureSkipTLSVerify: true }), apiVersion: 'example.com/v1' };
    expect(outcome(apiserviceTlsVerified, [local, apiService('v1.batch', { group: 'batch', version: 'v1' }), other])).toEqual({});
  });

  test('reads malformed APIServices without throwing', () => {
    const odd = [null, 'x', 42, [], { service: 'x' }, { service: {}, group: 7, insecureSkipTLSVerify: true }].map((spec, i) => apiService(`odd-${i}`, spec));
    expect(outcome(apiserviceTlsVerified, odd)).toEqual({ 'APIService/odd-5': 'fail' });
    expect(messages(apiserviceTlsVerified, odd)[0]).toMatch(/proxies requests for \?\/\? to Service \? without verifying/);
  });
});
