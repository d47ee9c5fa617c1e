import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { CompliantApp, CompliantWorkload, CompliantWorkloadProps, Peer, Rule } from '../../constructs';
import { ComplianceConfig } from '../../src/compliance/config';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { expectSoc2Error } from '../support/errors';
import { allSchemaErrors } from '../support/schema';
import { find, IMAGE, namespace, newChart, synthApp } from '../support/synth';
import { SCANNERS } from '../third-party/scanners';

const VERSION = 'app.kubernetes.io/version';
const tagged = (tag: string) => `registry.example.com/shop/api:${tag}`;

/**
 * Every object of an app whose workload `api` emits every kind of object it can: a Service with a
 * metrics port, an autoscaler, a Role and RoleBinding, an AuthorizationPolicy (a caller), an
 * external destination; with `storage`, a StatefulSet, its headless Service and claim template.
 */
function synthAll(image: string, props: Partial<CompliantWorkloadProps> = {}): any[] {
  const { app, chart } = newChart();
  const shop = namespace(chart, 'shop', { apiServer: { cidr: '10.0.0.1/32' } });
  const api = new CompliantWorkload(chart, 'api', {
    namespace: shop, image, port: 8080, metricsPort: 9090, autoscaling: { minReplicas: 2, maxReplicas: 6 },
    labels: { 'example.com/team': 'checkout' }, ...props,
  });
  const web = new CompliantWorkload(chart, 'web', { namespace: shop, image: IMAGE, port: 8080 });
  api.allowFrom(web);
  api.grant(Rule.read('configmaps', ['api-config']));
  api.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: 'api.processor.example.com' }), { reason: 'card authorisations for checkout' });
  return synthApp(app);
}

const keyOf = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The objects, by kind, namespace and name, whose content differs between two synths of the same app. */
function changedObjects(before: any[], after: any[]): string[] {
  expect(after.map(keyOf).sort()).toEqual(before.map(keyOf).sort());
  const old = new Map(before.map(o => [keyOf(o), JSON.stringify(o)]));
  return after.filter(o => old.get(keyOf(o)) !== JSON.stringify(o)).map(keyOf).sort();
}

/** Where a label key appears anywhere in the objects, as `<object> <path>`. */
function whereKey(objects: any[], key: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown, at: string, object: string) => {
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${at}[${i}]`, object));
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === key) out.push(`${object} ${at}`);
        walk(v, at === '' ? k : `${at}.${k}`, object);
      }
    }
  };
  for (const o of objects) walk(o, '', keyOf(o));
  return out.sort();
}

describe('the app.kubernetes.io/version label is on the workload and its pods only', () => {
  test.each([
    ['a Deployment', {}, 'Deployment/shop/api'],
    ['a StatefulSet', { storage: { mountPath: '/var/lib/api', size: '1Gi' } }, 'StatefulSet/shop/api'],
  ])('an image tag bump changes exactly the workload object of %s, every object compared', (_title, props, workload) => {
    const before = synthAll(tagged('1.4.2'), props);
    const after = synthAll(tagged('1.4.3'), props);
    expect(changedObjects(before, after)).toEqual([workload]);
    const [kind, , name] = workload.split('/');
    const changed = find(after, kind, name, 'shop');
    expect(changed.metadata.labels[VERSION]).toBe('1.4.3');
    expect(changed.spec.template.metadata.labels[VERSION]).toBe('1.4.3');
    expect(changed.spec.template.spec.containers[0].image).toBe(tagged('1.4.3'));
  });

  test.each([
    ['read from the image tag', tagged('1.4.2'), {}],
    ['given in labels, over a digest', IMAGE, { labels: { 'example.com/team': 'checkout', [VERSION]: '1.4.2' } }],
    ['given in labels, over another tag', tagged('9.9.9'), { labels: { 'example.com/team': 'checkout', [VERSION]: '1.4.2' } }],
  ])('the version %s is on the Deployment and its pod template and nowhere else', (_title, image, props) => {
    const objects = synthAll(image, props);
    expect(whereKey(objects, VERSION)).toEqual(['Deployment/shop/api metadata.labels', 'Deployment/shop/api spec.template.metadata.labels']);
    const deployment = find(objects, 'Deployment', 'api', 'shop');
    expect(deployment.metadata.labels[VERSION]).toBe('1.4.2');
    expect(deployment.spec.template.metadata.labels[VERSION]).toBe('1.4.2');
  });

  test('every other label stays where it was: the selector labels and the workload\'s labels on every object it emits, part-of beside them', () => {
    const objects = synthAll(tagged('1.4.2')).filter(o => o.metadata.namespace === 'shop' && o.metadata.name === 'api');
    expect(objects.map(o => o.kind).sort()).toEqual([
      'AuthorizationPolicy', 'Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PodDisruptionBudget', 'Role', 'RoleBinding', 'Service', 'ServiceAccount',
    ]);
    const own = { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api', 'example.com/team': 'checkout' };
    const withPartOf = { ...own, 'app.kubernetes.io/part-of': 'shop' };
    const managed = { 'app.kubernetes.io/managed-by': 'cdk8s-soc2' };
    for (const o of objects) {
      const expected = ['AuthorizationPolicy', 'Role', 'RoleBinding'].includes(o.kind) ? own : withPartOf;
      expect([o.kind, o.metadata.labels]).toEqual([o.kind, { ...expected, ...managed, ...(o.kind === 'Deployment' ? { [VERSION]: '1.4.2' } : {}) }]);
    }
    expect(find(objects, 'Deployment', 'api').spec.template.metadata.labels).toEqual({ ...withPartOf, [VERSION]: '1.4.2' });
  });

  test('the output stays schema-valid and draws no finding from the engine or any scanner mirror', () => {
    const objects = synthAll(tagged('1.4.2'), { storage: { mountPath: '/var/lib/api', size: '1Gi' } });
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-27' } }).findings).toEqual([]);
    expect(Object.values(SCANNERS).flatMap(check => check(objects))).toEqual([]);
  });
});

describe('requiredWorkloadLabels with app.kubernetes.io/version, read from pod templates', () => {
  function appWith(compliance: ComplianceConfig): { app: CompliantApp; chart: Chart; ns: ReturnType<typeof namespace> } {
    const app = new CompliantApp({ compliance, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-labels-')) });
    const chart = new Chart(app, 'shop');
    return { app, chart, ns: namespace(chart, 'shop') };
  }

  test('a tag or a version in labels meets it, in the pod template, where the check reads it', () => {
    const { app, chart, ns } = appWith({ requiredWorkloadLabels: [VERSION] });
    new CompliantWorkload(chart, 'api', { namespace: ns, image: tagged('1.4.2'), port: 8080 });
    new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080, labels: { [VERSION]: '2.0.0' } });
    expect(() => app.synth()).not.toThrow();
    const objects = synthApp(app);
    const report = runCompliance(ManifestIndex.fromObjects(objects), { config: { requiredWorkloadLabels: [VERSION], today: '2026-11-27' } });
    expect(report.evaluations.filter(e => e.control.id === 'workload-required-labels').map(e => `${e.object.ref} ${e.status}`).sort())
      .toEqual(['Deployment/shop/api passed', 'Deployment/shop/web passed']);
    expect(find(objects, 'Service', 'api').metadata.labels).not.toHaveProperty([VERSION]);
  });

  test('a workload pinned by digest alone is refused, with the label to add', () => {
    const { chart, ns } = appWith({ requiredWorkloadLabels: [VERSION] });
    expectSoc2Error(() => new CompliantWorkload(chart, 'api', { namespace: ns, image: IMAGE, port: 8080 }), {
      code: 'INVALID_PROP', path: 'shop/api', prop: 'labels', value: 'undefined',
      problem: /lacks "app.kubernetes.io\/version", which the app's requiredWorkloadLabels setting requires on every workload/,
      fix: /add "app.kubernetes.io\/version": "<value>" to labels/,
    });
  });
});
