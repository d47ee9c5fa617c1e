import { Chart, Testing } from 'cdk8s';
import { CompliantApp } from '../../../constructs';
import { appConfig } from '../../../constructs/private/enforce';

describe('appConfig', () => {
  test('resolves an app\'s settings once, for every construct of the app', () => {
    const app = new CompliantApp({ outdir: 'unused', compliance: { minReplicas: 3, monitoringNamespaces: ['observability'] } });
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    const resolved = appConfig(a);
    expect(appConfig(b)).toBe(resolved);
    expect(resolved).toMatchObject({ minReplicas: 3, monitoringNamespaces: ['observability'], meshRootNamespace: 'istio-system' });
  });

  test('gives each app its own settings, and the defaults to an app without any', () => {
    const strict = new Chart(new CompliantApp({ outdir: 'unused', compliance: { minReplicas: 4 } }), 'c');
    const plain = new Chart(Testing.app(), 'c');
    expect(appConfig(strict).minReplicas).toBe(4);
    expect(appConfig(plain).minReplicas).toBe(2);
    expect(appConfig(plain)).not.toBe(appConfig(strict));
  });

  test('resolves again when the app holds another settings object', () => {
    const app = new CompliantApp({ outdir: 'unused', compliance: { minReplicas: 3 } });
    const chart = new Chart(app, 'c');
    expect(appConfig(chart).minReplicas).toBe(3);
    Object.defineProperty(app, 'complianceConfig', { value: { minReplicas: 5 } });
    expect(appConfig(chart).minReplicas).toBe(5);
  });
});
