import { parseAllDocuments } from 'yaml';
import { apiserviceTlsVerified } from '../../../../src/compliance/controls/encryption/apiservice-tls-verified';
import { check, messages, outcome } from '../../helpers';

const apiService = (name: string, spec: unknown, annotations?: Record<string, string>) => ({
  apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name, ...(annotations ? { annotations } : {}) }, spec,
});
const METRICS = { group: 'metrics.k8s.io', version: 'v1beta1', service: { name: 'metrics-server', namespace: 'kube-system' }, groupPriorityMinimum: 100, versionPriority: 100 };

describe('apiservice-tls-verified', () => {
  test('passes an APIService whose caBundle verifies the Service', () => {
    expect(outcome(apiserviceTlsVerified, [apiService('v1beta1.metrics.k8s.io', { ...METRICS, caBundle: 'LS0tLS1CRUdJTi...' })]))
      .toEqual({ 'APIService/v1beta1.metrics.k8s.io': 'pass' });
  });

  test('fails the stock metrics-server APIService, which skips verification, naming the field, the group and the Service', () => {
    const stock = apiService('v1beta1.metrics.k8s.io', { ...METRICS, insecureSkipTLSVerify: true });
    expect(messages(apiserviceTlsVerified, [stock])).toEqual([
      'spec.insecureSkipTLSVerify is true, so the API server proxies requests for metrics.k8s.io/v1beta1 to Service kube-system/metrics-server without verifying its certificate',
    ]);
    expect(check(apiserviceTlsVerified, [stock]).map(r => r.path)).toEqual(['spec.insecureSkipTLSVerify']);
  });

  test('fails an APIService with neither a caBundle nor an annotation that injects one', () => {
    for (const spec of [METRICS, { ...METRICS, insecureSkipTLSVerify: false, caBundle: '' }]) {
      const r = check(apiserviceTlsVerified, [apiService('v1beta1.metrics.k8s.io', spec)]);
      expect(r.map(x => [x.passed, x.path])).toEqual([[false, 'spec.caBundle']]);
      expect(r[0].message).toMatch(/^spec\.caBundle is not set, and no cert-manager\.io\/inject-ca-from annotation has it injected: .*Service kube-system\/metrics-server for metrics\.k8s\.io\/v1beta1/);
    }
  });

  test('passes a caBundle that cert-manager\'s cainjector or OpenShift\'s service CA injects at apply time; an annotation set to "false" injects nothing', () => {
    const objects = [
      apiService('a', METRICS, { 'cert-manager.io/inject-ca-from': 'kube-system/metrics-server-tls' }),
      apiService('b', METRICS, { 'cert-manager.io/inject-ca-from-secret': 'kube-system/metrics-server-ca' }),
      apiService('c', METRICS, { 'service.beta.openshift.io/inject-cabundle': 'true' }),
      apiService('d', METRICS, { 'service.beta.openshift.io/inject-cabundle': 'false' }),
    ];
    expect(outcome(apiserviceTlsVerified, objects)).toEqual({ 'APIService/a': 'pass', 'APIService/b': 'pass', 'APIService/c': 'pass', 'APIService/d': 'fail' });
  });

  test('an annotation injects only with a value its controller acts on: namespace/name for inject-ca-from, "true" for the others', () => {
    const objects = [
      apiService('a', METRICS, { 'cert-manager.io/inject-apiserver-ca': 'true' }),
      apiService('b', METRICS, { 'service.beta.openshift.io/inject-cabundle': 'TRUE' }),
      apiService('c', METRICS, { 'cert-manager.io/inject-apiserver-ca': 'yes' }),
      apiService('d', METRICS, { 'cert-manager.io/inject-ca-from': 'metrics-server-tls' }),
      apiService('e', METRICS, { 'cert-manager.io/inject-ca-from-secret': 'kube-system/' }),
      apiService('f', METRICS, { 'service.beta.openshift.io/inject-cabundle': 'enabled' }),
    ];
    expect(outcome(apiserviceTlsVerified, objects)).toEqual({
      'APIService/a': 'pass', 'APIService/b': 'pass', 'APIService/c': 'fail', 'APIService/d': 'fail', 'APIService/e': 'fail', 'APIService/f': 'fail',
    });
    const d = check(apiserviceTlsVerified, [objects[3]]);
    expect(d.map(r => r.path)).toEqual(['metadata.annotations.cert-manager.io/inject-ca-from']);
    expect(d[0].message).toMatch(/^spec\.caBundle is not set, and annotation cert-manager\.io\/inject-ca-from is "metrics-server-tls", on which its controller injects nothing \(it takes <namespace>\/<certificate>\)/);
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
    const odd = [null, 'x', 42, [], { service: 'x' }, { service: {}, group: 7 }].map((spec, i) => apiService(`odd-${i}`, spec));
    expect(outcome(apiserviceTlsVerified, odd)).toEqual({ 'APIService/odd-5': 'fail' });
    expect(messages(apiserviceTlsVerified, odd)[0]).toMatch(/certificate of Service \? for \?\/\?/);
  });
});
