import { runtimeCaInjector } from '../../../../../src/compliance/controls/encryption/private/runtime-ca-injection';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { deployment } from '../../../helpers';

const operator = (container: Record<string, unknown>) => deployment('keda-operator', { containers: [{ name: 'keda-operator', image: 'ghcr.io/kedacore/keda:2.14.0', ...container }] }, { namespace: 'keda' });
const injector = (...objects: unknown[]) => runtimeCaInjector(ManifestIndex.fromObjects(objects), 'keda', 'keda-operator-metrics-apiserver');

describe('runtimeCaInjector', () => {
  test.each([
    [{ command: ['/keda'], args: ['--enable-cert-rotation=true', '--metrics-server-service-name=keda-operator-metrics-apiserver'] }],
    [{ args: ['--enable-cert-rotation', '--metrics-server-service-name=keda-operator-metrics-apiserver'] }],
    [{ command: ['/keda', '--enable-cert-rotation=True', '--metrics-server-service-name=keda-operator-metrics-apiserver'] }],
    [{ args: ['--enable-cert-rotation', '--metrics-server-service-name', 'keda-operator-metrics-apiserver', '--leader-elect'] }],
  ])('names the KEDA operator that rotates its certificates for the Service: %j', container => {
    expect(injector(operator(container))).toBe('Deployment keda/keda-operator (--enable-cert-rotation)');
  });

  test.each([
    [{ args: ['--enable-cert-rotation=false', '--metrics-server-service-name=keda-operator-metrics-apiserver'] }],
    [{ args: ['--enable-cert-rotation=yes', '--metrics-server-service-name=keda-operator-metrics-apiserver'] }],
    [{ args: ['--enable-cert-rotation=true'] }],
    [{ args: ['--enable-cert-rotation=true', '--metrics-server-service-name', 'other'] }],
    [{ args: 'not a list' }],
  ])('names none when the operator does not rotate (Go\'s ParseBool), or names another Service or none: %j', container => {
    expect(injector(operator(container))).toBeUndefined();
  });

  test('names none for an operator in another namespace, or without manifests', () => {
    const elsewhere = deployment('keda-operator', { containers: [{ name: 'k', image: 'x', args: ['--enable-cert-rotation=true', '--metrics-server-service-name=keda-operator-metrics-apiserver'] }] }, { namespace: 'other' });
    expect(injector(elsewhere)).toBeUndefined();
    expect(injector()).toBeUndefined();
  });
});
