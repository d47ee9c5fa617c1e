import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing, YamlOutputType } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { ComplianceFailedError, CompliantApp, CompliantWorkload } from '../../constructs';
import { expectSoc2Error, messageOf } from '../support/errors';
import { IMAGE, namespace } from '../support/synth';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-app-'));
}

/** The ComplianceFailedError that `synth` throws; fails the test when it throws nothing or something else. */
function complianceFailure(synth: () => void): ComplianceFailedError {
  try {
    synth();
  } catch (e) {
    expect(e).toBeInstanceOf(ComplianceFailedError);
    return e as ComplianceFailedError;
  }
  throw new Error('expected the synth to fail the compliance check');
}

function platform(app: App): Chart {
  const chart = new Chart(app, 'shop');
  const ns = namespace(chart, 'shop');
  const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
  new CompliantWorkload(chart, 'api', { namespace: ns, image: IMAGE, port: 8080 }).allowFrom(web);
  return chart;
}

describe('CompliantApp', () => {
  test('writes the manifests cdk8s would write, plus the evidence', () => {
    const outdir = tmp();
    const app = new CompliantApp({ outdir });
    platform(app);
    app.synth();
    expect(fs.readdirSync(outdir).sort()).toEqual(['compliance', 'shop.k8s.yaml']);
    expect(fs.readdirSync(path.join(outdir, 'compliance')).sort()).toEqual(['evidence.md', 'network.md', 'report.json', 'report.sarif']);
    const yaml = fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8');
    const docs = parseAllDocuments(yaml).map(d => d.toJSON());
    expect(docs.length).toBe(app.lastReport!.index.objects.length);
    expect(app.lastReport!.findings).toEqual([]);
    // byte-identical to what a plain cdk8s synth of the same charts writes
    const plainDir = tmp();
    const plain = new App({ outdir: plainDir });
    platform(plain);
    plain.synth();
    expect(yaml).toBe(fs.readFileSync(path.join(plainDir, 'shop.k8s.yaml'), 'utf8'));
  });

  test('every object knows its file, document, start line and construct path', () => {
    const outdir = tmp();
    const app = new CompliantApp({ outdir, reportDir: false });
    platform(app);
    app.synth();
    const lines = fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8').split('\n');
    for (const o of app.lastReport!.index.objects) {
      expect(o.source.file).toBe(path.join(outdir, 'shop.k8s.yaml'));
      expect(lines[o.source.line! - 1]).toBe(`apiVersion: ${o.apiVersion}`);
      expect(lines[o.source.line!]).toBe(`kind: ${o.kind}`);
      expect(o.source.constructPath).toMatch(/^shop\//);
    }
    expect(fs.existsSync(path.join(outdir, 'compliance'))).toBe(false);
  });

  test('takes null props from JavaScript as no props', () => {
    expect(new CompliantApp(null as any).reportDir).toBe(path.join(new CompliantApp().outdir, 'compliance'));
  });

  test('refuses compliance settings that do not exist or have the wrong type, and an empty reportDir', () => {
    expectSoc2Error(() => new CompliantApp({ outdir: tmp(), compliance: { allowedRegistry: ['registry.example.com/'] } as never }),
      { code: 'INVALID_PROP', path: '<app>', prop: 'compliance.allowedRegistry', value: '["registry.example.com/"]', problem: /is not a setting/, fix: /did you mean "allowedRegistries"\?/ });
    expectSoc2Error(() => new CompliantApp({ outdir: tmp(), compliance: { allowedRegistries: 'docker.io/' } as never }),
      { code: 'INVALID_PROP', path: '<app>', prop: 'compliance.allowedRegistries', value: '"docker.io/"', problem: /must be a list of non-empty strings/, fix: /correct the value/ });
    expectSoc2Error(() => new CompliantApp({ outdir: tmp(), compliance: { minReplicas: 0 } }),
      { code: 'INVALID_PROP', path: '<app>', prop: 'compliance.minReplicas', value: '0', problem: /must be a positive integer/, fix: /correct the value/ });
    expectSoc2Error(() => new CompliantApp({ outdir: tmp(), compliance: 'strict' as never }),
      { code: 'INVALID_PROP', path: '<app>', prop: 'compliance', value: '"strict"', problem: /expected a mapping of settings/, fix: /pass a ComplianceConfig object/ });
    expectSoc2Error(() => new CompliantApp({ outdir: tmp(), reportDir: '' }),
      { code: 'INVALID_PROP', path: '<app>', prop: 'reportDir', value: '""', problem: /is empty/, fix: /pass false to write no evidence/ });
  });

  test('refuses props of a type it cannot use, naming each, before anything is built from them', () => {
    for (const reportDir of [true, 0, ['evidence']]) {
      expectSoc2Error(() => new CompliantApp({ outdir: tmp(), reportDir } as never),
        { code: 'INVALID_PROP', path: '<app>', prop: 'reportDir', value: JSON.stringify(reportDir), problem: /must be a directory name, or false to write no evidence/, fix: /omit it for <outdir>\/compliance, or pass false/ });
    }
    expectSoc2Error(() => new CompliantApp({ outdir: 7 } as never),
      { code: 'INVALID_PROP', path: '<app>', prop: 'outdir', value: '7', problem: /must be a string/, fix: /name a directory, e\.g\. "dist"/ });
    expectSoc2Error(() => new CompliantApp({ outdir: '' }),
      { code: 'INVALID_PROP', path: '<app>', prop: 'outdir', value: '""', problem: /is empty/, fix: /name a directory/ });
    expectSoc2Error(() => new CompliantApp({ outdir: tmp(), outputFileExtension: 1 } as never),
      { code: 'INVALID_PROP', path: '<app>', prop: 'outputFileExtension', value: '1', problem: /must be a string/, fix: /"\.k8s\.yaml"/ });
    expectSoc2Error(() => new CompliantApp({ outdir: tmp(), recordConstructMetadata: 'yes' } as never),
      { code: 'INVALID_PROP', path: '<app>', prop: 'recordConstructMetadata', value: '"yes"', problem: /must be true or false/, fix: /write true or false/ });
    // Every problem at once.
    expect(() => new CompliantApp({ outdir: 7, reportDir: 1 } as never)).toThrow(/2 invalid props/);
  });

  test('refuses a prop it does not know, naming the closest, rather than leaving it to its default', () => {
    expectSoc2Error(() => new CompliantApp({ outdir: tmp(), complience: { allowedRegistries: ['registry.example.com/'] } } as never),
      { code: 'INVALID_PROP', path: '<app>', prop: 'complience', value: '{"allowedRegistries":["registry.example.com/"]}', problem: /is not a prop of this construct/, fix: /remove it, or did you mean "compliance"\?/ });
    const dir = tmp();
    expectSoc2Error(() => new CompliantApp({ outDir: dir } as never),
      { code: 'INVALID_PROP', path: '<app>', prop: 'outDir', value: JSON.stringify(dir), problem: /is not a prop of this construct/, fix: /remove it, or did you mean "outdir"\?/ });
    expectSoc2Error(() => new CompliantApp({ outdir: tmp(), reportsDir: false } as never),
      { code: 'INVALID_PROP', path: '<app>', prop: 'reportsDir', value: 'false', problem: /is not a prop of this construct/, fix: /remove it, or did you mean "reportDir"\?/ });
    expectSoc2Error(() => new CompliantApp('dist' as never),
      { code: 'INVALID_PROP', path: '<app>', prop: 'props', value: '"dist"', problem: /must be an object of props/, fix: /omit them for the defaults, or pass e\.g\. \{ outdir: "dist" \}/ });
  });

  test('names an unknown prop and every problem of the compliance settings in one error', () => {
    let message = '';
    try {
      new CompliantApp({ outdir: tmp(), reportdir: false, compliance: { minReplica: 3 } } as never);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^\[INVALID_PROP\] <app>: 2 invalid props$/m);
    expect(message).toMatch(/- reportdir = false: is not a prop of this construct\. Fix: remove it, or did you mean "reportDir"\?$/m);
    expect(message).toMatch(/- compliance\.minReplica = 3: is not a setting\. Fix: remove it, or did you mean "minReplicas"\?$/m);
  });

  test('takes the props cdk8s defines, and optional ones given as null, as their defaults', () => {
    const app = new CompliantApp({ outdir: tmp(), outputFileExtension: '.yaml', yamlOutputType: null, recordConstructMetadata: null, resolvers: null, reportDir: null } as never);
    expect(app.outputFileExtension).toBe('.yaml');
    expect(app.yamlOutputType).toBe(YamlOutputType.FILE_PER_CHART);
    expect(app.reportDir).toBe(path.join(app.outdir, 'compliance'));
  });

  test('refuses a platform image setting that is not a whole repository, naming the entry and the repository to write', () => {
    expectSoc2Error(() => new CompliantApp({ outdir: tmp(), compliance: { istioProxyImages: ['registry.example.com/istio/proxyv2:1.24.2'] } }), {
      code: 'INVALID_PROP', path: '<app>', prop: 'compliance.istioProxyImages', value: '"registry.example.com/istio/proxyv2:1.24.2"',
      problem: /names a tag: write the repository alone, "registry\.example\.com\/istio\/proxyv2"/, fix: /correct the value/,
    });
  });

  test('refuses an empty apiServerAudiences entry, naming the setting and the fix', () => {
    expectSoc2Error(() => new CompliantApp({ outdir: tmp(), compliance: { apiServerAudiences: ['https://oidc.example.com', ' '] } }), {
      code: 'INVALID_PROP', path: '<app>', prop: 'compliance.apiServerAudiences', value: '" "',
      problem: /has an empty entry: name an audience the API server accepts \(https:\/\/oidc\.example\.com\), or remove the entry/, fix: /correct the value/,
    });
  });

  test('the synth takes a projected token for an audience of apiServerAudiences for an API credential', () => {
    const tokenFindings = (compliance: { apiServerAudiences?: string[] }) => {
      const app = new CompliantApp({ compliance, outdir: tmp() });
      const chart = new Chart(app, 'export');
      new ApiObject(chart, 'deployment', {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              automountServiceAccountToken: false, containers: [{ name: 'app', image: IMAGE }],
              volumes: [{ name: 'oidc-token', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'https://oidc.example.com' } }] } }],
            },
          },
        },
      });
      return complianceFailure(() => app.synth()).findings.filter(f => f.controlId === 'pod-service-account-token').map(f => [f.message, f.path]);
    };
    expect(tokenFindings({})).toEqual([]);
    expect(tokenFindings({ apiServerAudiences: ['https://oidc.example.com'] })).toEqual([[
      'mounts an API token it has no binding for: volume "oidc-token" projects a token of ServiceAccount "default" for audience "https://oidc.example.com"',
      'spec.template.spec.volumes[0]']]);
  });

  test('the synth judges the proxy Istio injected from a mirror only when istioProxyImages does not name the mirror', () => {
    const proxyFindings = (compliance: { istioProxyImages?: string[] }) => {
      const app = new CompliantApp({ compliance, outdir: tmp() });
      const chart = new Chart(app, 'export');
      const container = { name: 'app', image: IMAGE };
      new ApiObject(chart, 'deployment', {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
        spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container] } } },
      });
      new ApiObject(chart, 'pod', {
        apiVersion: 'v1', kind: 'Pod',
        metadata: {
          name: 'web-5d9c8f7b6-x1', namespace: 'shop', labels: { 'app': 'web', 'pod-template-hash': '5d9c8f7b6' },
          annotations: { 'sidecar.istio.io/status': JSON.stringify({ containers: ['istio-proxy'] }) },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9c8f7b6', uid: 'u', controller: true }],
        },
        spec: { containers: [container, { name: 'istio-proxy', image: 'registry.example.com/istio/proxyv2:1.24.2' }] },
      });
      return complianceFailure(() => app.synth()).findings.filter(f => f.message.includes('"istio-proxy"')).map(f => f.controlId);
    };
    expect(proxyFindings({})).toContain('container-resource-limits');
    expect(proxyFindings({ istioProxyImages: ['registry.example.com/istio/proxyv2'] })).toEqual(['pod-no-privilege-escalation']);
  });

  test('Testing.synth of a chart checks under the settings of the CompliantApp that holds it, a plain App under the defaults', () => {
    const compliance = { allowedRegistries: ['registry.internal.example/'] };
    expect(() => Testing.synth(platform(new CompliantApp({ compliance, outdir: tmp() })))).toThrow(/image-registry-allowed on Deployment\/shop\/web/);
    expect(() => Testing.synth(platform(Testing.app()))).not.toThrow();
  });

  test('a metrics port for a namespace outside monitoringNamespaces is refused when the workload is built, and fails the check of a hand-written policy', () => {
    const build = (compliance: { monitoringNamespaces?: string[] }) => {
      const app = new CompliantApp({ compliance, outdir: tmp() });
      const chart = new Chart(app, 'shop');
      new CompliantWorkload(chart, 'api', { namespace: namespace(chart, 'shop'), image: IMAGE, port: 8080, metricsPort: 9090, monitoringNamespace: 'observability' });
      return app;
    };
    expectSoc2Error(() => build({}), {
      code: 'INVALID_PEER', path: 'shop/api', prop: 'monitoringNamespace', value: '"observability"',
      problem: /is not one of the app's monitoringNamespaces \(monitoring\)/, fix: /add the namespace to the compliance setting monitoringNamespaces/,
    });
    expect(() => build({ monitoringNamespaces: ['observability'] }).synth()).not.toThrow();
    // Without monitoringNamespace, a workload's metrics are scraped from the app's first monitoring namespace.
    const app = new CompliantApp({ compliance: { monitoringNamespaces: ['obs', 'monitoring'] }, outdir: tmp() });
    const chart = new Chart(app, 'shop');
    new CompliantWorkload(chart, 'api', { namespace: namespace(chart, 'shop'), image: IMAGE, port: 8080, metricsPort: 9090 });
    const policy = Testing.synth(chart).find(o => o.kind === 'NetworkPolicy' && o.metadata.name === 'api');
    expect(policy.spec.ingress).toContainEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'obs' } } }], ports: [{ port: 9090, protocol: 'TCP' }] });
  });

  test('a finding fails the synth and nothing is written', () => {
    const outdir = tmp();
    const app = new CompliantApp({ outdir });
    const chart = platform(app);
    new ApiObject(chart, 'exposed', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'exposed', namespace: 'shop' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    expect(() => app.synth()).toThrow(/service-no-external-exposure on Service\/shop\/exposed \(shop\/exposed\)/);
    const thrown = complianceFailure(() => app.synth());
    expect(thrown.code).toBe('COMPLIANCE_FAILED');
    expect(thrown.message).toMatch(/^compliance check failed with 2 findings \(suppress one only with Compliance\.suppress\(construct, id, reason\)\):/);
    // The namespace's quota holds no node port either: the API server would refuse the Service.
    expect(thrown.findings.map(f => `${f.controlId} ${f.object.ref}`)).toEqual(['service-no-external-exposure Service/shop/exposed', 'quota-admits-workloads ResourceQuota/shop/quota']);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('a namespace-wide policy in a namespace the app never declares fails the synth (a misspelt namespace)', () => {
    const app = new CompliantApp({ outdir: tmp() });
    const chart = platform(app);
    new ApiObject(chart, 'typo', {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'sohp' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    expect(complianceFailure(() => app.synth()).findings.map(f => `${f.controlId} ${f.object.ref} ${f.message}`)).toEqual([
      'network-policy-targets-pods NetworkPolicy/sohp/deny applies to every pod of namespace "sohp", which the input neither declares nor runs pods in (a misspelt namespace?)',
    ]);
  });

  test('an object that replaces one the constructs emit fails the synth, naming both constructs', () => {
    const app = new CompliantApp({ outdir: tmp() });
    const chart = platform(app);
    new ApiObject(new Chart(app, 'extra'), 'open', {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: 'shop' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    expect(chart.node.findAll().some(c => c instanceof ApiObject && c.kind === 'NetworkPolicy' && c.name === 'default-deny')).toBe(true);
    const failure = complianceFailure(() => app.synth());
    expect(failure.findings.map(f => `${f.controlId} ${f.object.ref} (${f.object.source.constructPath}) ${f.message}`)).toEqual([
      'objects-unique NetworkPolicy/shop/default-deny (extra/open) is also declared, with other contents, by construct shop/shop/DefaultDenyAll: applied after it, this one replaces it',
    ]);
    // the control cannot be suppressed, so the message does not point at Compliance.suppress
    expect(failure.message).toMatch(/^compliance check failed with 1 finding:\n/);
  });

  test('the evidence names files as the output directory was given, whatever the working directory', () => {
    const evidenceFrom = (cwd: string) => {
      const before = process.cwd();
      process.chdir(cwd);
      try {
        const app = new CompliantApp({ outdir: 'out' });
        platform(app);
        app.synth();
        return fs.readFileSync(path.join(cwd, 'out', 'compliance', 'evidence.md'), 'utf8');
      } finally {
        process.chdir(before);
      }
    };
    const one = evidenceFrom(tmp());
    expect(one).toContain('| out/shop.k8s.yaml:');
    expect(evidenceFrom(tmp())).toBe(one);
  });

  test('refuses the file-per-resource layouts, whose files are named by kind and name only (objects of two namespaces would overwrite each other)', () => {
    for (const layout of [YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE]) {
      expectSoc2Error(() => new CompliantApp({ outdir: tmp(), yamlOutputType: layout, reportDir: false }), {
        code: 'INVALID_PROP', path: '<app>', prop: 'yamlOutputType', value: JSON.stringify(YamlOutputType[layout] ?? layout),
        problem: /names each file by kind and object name only, so objects of one kind and name in two namespaces/, fix: /use YamlOutputType.FILE_PER_CHART \(the default\) or YamlOutputType.FILE_PER_APP/,
      });
    }
    const outdir = tmp();
    const app = new CompliantApp({ outdir, yamlOutputType: YamlOutputType.FILE_PER_APP, reportDir: false });
    platform(app);
    app.synth();
    expect(fs.readdirSync(outdir)).toEqual(['app.k8s.yaml']);
  });
});

describe('the compliance validation of a plain App', () => {
  const nodePort = (chart: Chart, id: string) => new ApiObject(chart, id, {
    apiVersion: 'v1', kind: 'Service', metadata: { name: id, namespace: 'shop' }, spec: { type: 'NodePort', ports: [{ port: 80 }] },
  });

  test('reports the findings of each chart under the chart\'s path, as cdk8s labels a validation error with its construct\'s path', () => {
    const app = new App({ outdir: tmp() });
    const shop = platform(app);
    nodePort(shop, 'exposed');
    nodePort(new Chart(app, 'extra'), 'also-exposed');
    new Chart(app, 'clean');
    const message = messageOf(() => app.synth());
    // The shop chart's quota holds no node port: it fails for both Services, which use namespace shop.
    expect(message).toMatch(/^Validation failed with the following errors:\n {2}\[shop\] compliance check failed with 2 findings .*:\n {2}\[high\] service-no-external-exposure on Service\/shop\/exposed \(shop\/exposed\)[^\n]*\n {2}\[medium\] quota-admits-workloads on ResourceQuota\/shop\/quota .*\(Service\/shop\/exposed 1 port, Service\/shop\/also-exposed 1 port\)/);
    expect(message).toMatch(/\n {2}\[extra\] compliance check failed with 1 finding .*:\n {2}\[high\] service-no-external-exposure on Service\/shop\/also-exposed \(extra\/also-exposed\)/);
    expect(message).not.toMatch(/\[\]|\[clean\]/);
    // A second synth reports the same, once.
    expect(messageOf(() => app.synth())).toBe(message);
    // Testing.synth of one chart validates the whole app, so it reports every chart's findings.
    expect(messageOf(() => Testing.synth(shop))).toBe(message);
  });

  test('a CompliantApp reports its findings in its own error, and its charts\' validations stay silent', () => {
    const app = new CompliantApp({ outdir: tmp(), reportDir: false });
    nodePort(platform(app), 'exposed');
    expect(complianceFailure(() => app.synth()).message).toMatch(/^compliance check failed with 2 findings/);
    expect(app.charts.flatMap(c => c.node.validate())).toEqual([]);
  });
});
