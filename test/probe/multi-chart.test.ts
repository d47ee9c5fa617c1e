/**
 * Probe 3 (b): the cdk8s app features a team uses beside the constructs — charts with their own
 * `namespace` and `labels`, an explicit chart dependency, one YAML file for the app with construct
 * metadata, a local YAML file brought in with `Include`, Lazy values, and `CDK8S_DISABLE_SORT`.
 * Each either works and writes what a plain cdk8s App writes, as strong as ever, or is refused
 * naming the path, the prop, the value and the fix.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart, Include, Lazy, YamlOutputType } from 'cdk8s';
import { CompliantApp, CompliantWorkload, DataClassification, MeshMtls, SensitiveNamespace } from '../../index';
import { expectSoc2Error } from '../support/errors';
import { loadManifestFile } from '../third-party/load';
import { one, synthProbe, TODAY, verdict } from './helpers';

/** Chart labels that try to loosen what the constructs set: they must not win. */
const CHART_LABELS = { 'example.com/team': 'shop', 'cost-center': 'cc-42', 'pod-security.kubernetes.io/enforce': 'privileged', 'istio-injection': 'disabled' };

/** A local YAML file the shop chart includes: one ConfigMap of feature flags. */
function flagsFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'soc2-include-')), 'flags.yaml');
  writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-flags\n  namespace: shop\ndata:\n  flags.yaml: "beta: false"\n');
  return file;
}

/** The shop and platform charts, the shop depending on the platform, in `app`. */
function build<T extends App>(app: T): T {
  // The shop chart is made first: only the dependency puts the platform before it.
  const shop = new Chart(app, 'shop', { namespace: 'shop', labels: CHART_LABELS });
  const platform = new Chart(app, 'platform', { labels: { 'example.com/team': 'platform' } });
  new MeshMtls(platform, 'mesh');
  shop.addDependency(platform);
  const namespace = new SensitiveNamespace(shop, 'shop', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-shop' });
  const api = new CompliantWorkload(shop, 'api', { namespace, image: 'registry.example.com/shop/api:1.0.0', port: 8080, replicas: 3 });
  const web = new CompliantWorkload(shop, 'web', { namespace, image: 'registry.example.com/shop/web:1.0.0', port: 8080 });
  api.allowFrom(web);
  new Include(shop, 'flags', { url: flagsFile() });
  return app;
}

/** Every file of a folder (the evidence folder left out), as `=== name` and its text. */
function written(dir: string): string {
  return readdirSync(dir).filter(f => f !== 'compliance').sort().map(f => `=== ${f}\n${readFileSync(join(dir, f), 'utf8')}`).join('\n');
}

const tmp = () => mkdtempSync(join(tmpdir(), 'soc2-probe-'));

describe('probe 3 (b): charts with namespace and labels, a dependency, one file for the app, Include', () => {
  const app = build(new CompliantApp({ outdir: tmp(), yamlOutputType: YamlOutputType.FILE_PER_APP, recordConstructMetadata: true, compliance: { today: TODAY } }));
  const out = synthProbe(app);

  test('an independent judge finds nothing, and the included ConfigMap was checked', () => {
    expect(out.files.map(f => f.slice(out.outdir.length + 1))).toEqual(['app.k8s.yaml']);
    expect(verdict(out)).toEqual([]);
    expect(out.report.evaluations.some(e => e.object.ref === 'ConfigMap/shop/shop-flags')).toBe(true);
  });

  test('chart labels reach every object of the chart but never override a label the constructs set', () => {
    const ns = one(out.objects, 'Namespace', 'shop');
    expect(ns.metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted', 'istio-injection': 'enabled', 'cost-center': 'cc-42' });
    // A chart namespace is not stamped on the cluster-scoped Namespace.
    expect(ns.metadata.namespace).toBeUndefined();
    expect(one(out.objects, 'PriorityClass', 'cdk8s-soc2-workload').metadata.namespace).toBeUndefined();
    const shopObjects = out.objects.filter(o => o.metadata.namespace === 'shop');
    expect(shopObjects.every(o => o.metadata.labels?.['cost-center'] === 'cc-42')).toBe(true);
    expect(one(out.objects, 'Deployment', 'api', 'shop').spec.template.metadata.labels['sidecar.istio.io/inject']).toBeUndefined();
  });

  test('the platform chart comes first in the app file, as the dependency asks', () => {
    const kinds = out.objects.map(o => `${o.kind}/${o.metadata.namespace ?? ''}`);
    expect(kinds.indexOf('PeerAuthentication/istio-system')).toBeLessThan(kinds.indexOf('Namespace/'));
  });

  test('the evidence locates every object at its line of the app file', () => {
    const lines = readFileSync(out.files[0], 'utf8').split('\n');
    const report = JSON.parse(readFileSync(join(out.outdir, 'compliance', 'report.json'), 'utf8'));
    expect(report.objects).toHaveLength(out.objects.length);
    for (const o of report.objects) {
      expect(o.source.line === 1 || lines[o.source.line - 2] === '---').toBe(true);
      expect(lines.slice(o.source.line - 1, o.source.line + 60).join('\n')).toContain(`kind: ${o.ref.split('/')[0]}\n`);
    }
  });

  test.each([
    ['one file for the app', YamlOutputType.FILE_PER_APP, undefined],
    ['a file per chart, indexed by the dependency', YamlOutputType.FILE_PER_CHART, undefined],
    ['one file for the app, CDK8S_DISABLE_SORT set', YamlOutputType.FILE_PER_APP, '1'],
    ['a file per chart, CDK8S_DISABLE_SORT set', YamlOutputType.FILE_PER_CHART, '1'],
  ])('%s: the manifests and construct metadata are byte-identical to a plain cdk8s App\'s', (_, yamlOutputType, disableSort) => {
    const before = process.env.CDK8S_DISABLE_SORT;
    if (disableSort) process.env.CDK8S_DISABLE_SORT = disableSort;
    try {
      const plain = build(new App({ outdir: tmp(), yamlOutputType, recordConstructMetadata: true }));
      plain.synth();
      const compliant = build(new CompliantApp({ outdir: tmp(), yamlOutputType, recordConstructMetadata: true, compliance: { today: TODAY } }));
      compliant.synth();
      expect(written(compliant.outdir)).toBe(written(plain.outdir));
      expect(readdirSync(compliant.outdir).sort()).toEqual(yamlOutputType === YamlOutputType.FILE_PER_APP
        ? ['app.k8s.yaml', 'compliance', 'construct-metadata.json'] : ['0000-platform.k8s.yaml', '0001-shop.k8s.yaml', 'compliance', 'construct-metadata.json']);
      expect(compliant.lastReport!.findings).toEqual([]);
      const objects = readdirSync(compliant.outdir).filter(f => f.endsWith('.k8s.yaml')).flatMap(f => loadManifestFile(join(compliant.outdir, f)));
      expect(one(objects, 'NetworkPolicy', 'default-deny', 'shop').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    } finally {
      if (before === undefined) delete process.env.CDK8S_DISABLE_SORT;
      else process.env.CDK8S_DISABLE_SORT = before;
    }
  });
});

describe('probe 3 (b): a cdk8s Lazy given as a prop is refused at construction, named as one', () => {
  const fresh = () => {
    const app = new CompliantApp({ outdir: tmp(), compliance: { today: TODAY } });
    const chart = new Chart(app, 'shop');
    const namespace = new SensitiveNamespace(chart, 'shop', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-shop' });
    return { app, chart, namespace, base: { namespace, image: 'registry.example.com/shop/api:1.0.0', port: 8080 } };
  };
  test.each([
    ['port', { port: Lazy.any({ produce: () => 8080 }) }, /must be an integer port/],
    ['image', { image: Lazy.any({ produce: () => 'registry.example.com/shop/api:1.0.0' }) }, /must be a non-empty image reference/],
    ['replicas', { replicas: Lazy.any({ produce: () => 3 }) }, /must be an integer from 2/],
    ['env.LOG_LEVEL', { env: { LOG_LEVEL: Lazy.any({ produce: () => 'debug' }) } }, /must be a string/],
  ])('%s', (prop, given, problem) => {
    const f = fresh();
    expectSoc2Error(() => new CompliantWorkload(f.chart, 'api', { ...f.base, ...given }), {
      code: 'INVALID_PROP', path: 'shop/api', prop, value: 'Lazy(…)', problem: new RegExp(`is a cdk8s Lazy value, resolved only at synth, while ${prop} is checked when the construct is made \\(${problem.source}`),
      fix: /pass the value itself, computed before the construct is made/,
    });
    expect(f.app.lastReport).toBeUndefined();
  });
});
