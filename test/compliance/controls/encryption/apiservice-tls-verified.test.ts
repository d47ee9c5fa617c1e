import { parseAllDocuments } from 'yaml';
import { apiserviceTlsVerified } from '../../../../src/compliance/controls/encryption/apiservice-tls-verified';
import { check, deployment, messages, outcome } from '../../helpers';

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

  test('passes the certmanager.k8s.io/ annotations with which cert-manager before v0.11 injected the CA (its own webhook\'s APIService)', () => {
    const objects = [
      apiService('a', METRICS, { 'certmanager.k8s.io/inject-ca-from-secret': 'cert-manager/cert-manager-webhook-webhook-tls' }),
      apiService('b', METRICS, { 'certmanager.k8s.io/inject-ca-from': 'kube-system/metrics-server-tls' }),
    ];
    expect(outcome(apiserviceTlsVerified, objects)).toEqual({ 'APIService/a': 'pass', 'APIService/b': 'pass' });
  });

  describe('a caBundle a controller among the manifests writes at run time', () => {
    const EXTERNAL = { group: 'external.metrics.k8s.io', version: 'v1beta1', service: { name: 'keda-operator-metrics-apiserver', namespace: 'keda', port: 443 }, groupPriorityMinimum: 100, versionPriority: 100 };
    const keda = (args: string[], namespace = 'keda') => deployment('keda-operator', { containers: [{ name: 'keda-operator', image: 'ghcr.io/kedacore/keda:2.14.0', command: ['/keda'], args }] }, { namespace });
    const ROTATING = ['--leader-elect', '--enable-cert-rotation=true', '--metrics-server-service-name=keda-operator-metrics-apiserver'];

    test('passes the APIService of KEDA\'s metrics server when the KEDA operator rotates its certificates (the chart\'s default), naming it', () => {
      const r = check(apiserviceTlsVerified, [apiService('v1beta1.external.metrics.k8s.io', EXTERNAL), keda(ROTATING)]);
      expect(r.map(x => [x.passed, x.message])).toEqual([[true, 'spec.caBundle is injected at run time by Deployment keda/keda-operator (--enable-cert-rotation)']]);
    });

    test('still fails it when the operator does not rotate, names another Service, runs in another namespace, or is not among the manifests', () => {
      for (const objects of [
        [keda(['--enable-cert-rotation=false', '--metrics-server-service-name=keda-operator-metrics-apiserver'])],
        [keda(['--enable-cert-rotation=true', '--metrics-server-service-name=other'])],
        [keda(ROTATING, 'other')],
        [],
      ]) {
        expect(outcome(apiserviceTlsVerified, [apiService('v1beta1.external.metrics.k8s.io', EXTERNAL), ...objects])).toEqual({ 'APIService/v1beta1.external.metrics.k8s.io': 'fail' });
      }
    });

    test('does not excuse insecureSkipTLSVerify', () => {
      expect(outcome(apiserviceTlsVerified, [apiService('x', { ...EXTERNAL, insecureSkipTLSVerify: true }), keda(ROTATING)])).toEqual({ 'APIService/x': 'fail' });
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
    const odd = [null, 'x', 42, [], { service: 'x' }, { service: {}, group: 7 }].map((spec, i) => apiService(`odd-${i}`, spec));
    expect(outcome(apiserviceTlsVerified, odd)).toEqual({ 'APIService/odd-5': 'fail' });
    expect(messages(apiserviceTlsVerified, odd)[0]).toMatch(/certificate of Service \? for \?\/\?/);
  });
});
