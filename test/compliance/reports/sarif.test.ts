import * as fs from 'fs';
import * as path from 'path';
import { runCompliance } from '../../../src/compliance/engine';
import { STDIN_NAME } from '../../../src/compliance/load/types';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { fileUri, SARIF_SCHEMA, STDIN_URI, toSarif } from '../../../src/compliance/reports/sarif';
import { demoBroken, demoNonRoot, demoReplicas, sampleDocuments, sampleReport } from './fixtures';
import { sarifViolations } from './sarif-structure';

describe('toSarif', () => {
  const log = toSarif(sampleReport(), { toolVersion: '1.2.3' }) as any;
  const run = log.runs[0];
  const results: any[] = run.results;

  test('conforms to the SARIF 2.1.0 structure', () => {
    expect(sarifViolations(log)).toEqual([]);
    expect(sarifViolations(toSarif(sampleReport(), { uriBase: 'file:///repo' }))).toEqual([]);
  });

  test('records the given tool version, else this package\'s (the synth and the CLI write the same)', () => {
    expect(run.tool.driver.version).toBe('1.2.3');
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')).version;
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect((toSarif(sampleReport()) as any).runs[0].tool.driver.version).toBe(version);
  });

  test('the structure check catches what the schema forbids', () => {
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = 'critical';
    delete broken.runs[0].results[1].message;
    broken.runs[0].results[2].locations[0].physicalLocation = { region: { startLine: 0 } };
    broken.runs[0].tool.driver.colour = 'red';
    expect(sarifViolations(broken)).toEqual([
      '$.runs[0].tool.driver.colour: not a property of toolComponent',
      '$.runs[0].results[0].level: "critical" is not one of none, note, warning, error',
      '$.runs[0].results[1]: result requires message',
      '$.runs[0].results[2].locations[0].physicalLocation: physicalLocation requires one of address, artifactLocation',
      '$.runs[0].results[2].locations[0].physicalLocation.region.startLine: must be at least 1',
    ]);
  });

  test('names the schema, the version and the tool', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'cdk8s-soc2', informationUri: expect.stringMatching(/^https:\/\//), version: '1.2.3' });
  });

  test('describes every control as a rule with help, criteria, references and a security severity', () => {
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(['demo-non-root', 'demo-replicas', 'demo-broken']);
    const rule = run.tool.driver.rules[0];
    expect(rule).toMatchObject({
      id: 'demo-non-root', name: 'DemoNonRoot',
      shortDescription: { text: 'Containers run as a non-root user' },
      fullDescription: { text: 'Every container has runAsNonRoot: true.' },
      defaultConfiguration: { level: 'error' },
    });
    expect(rule.help.text).toContain('Set securityContext.runAsNonRoot: true on the pod.');
    expect(rule.help.markdown).toContain('```yaml\nsecurityContext:\n  runAsNonRoot: true\n```');
    expect(rule.properties.tags).toEqual(['security', 'soc2', 'CC6.1', 'CC6.8', 'pss:restricted: Running as Non-root', 'cis:5.2.6', 'kubescape:C-0013']);
    expect(run.tool.driver.rules.map((r: any) => r.properties['security-severity'])).toEqual(['8.0', '5.5', '9.5']);
  });

  test('reports each failed and suppressed evaluation against its rule', () => {
    expect(results.map(r => [r.ruleId, r.ruleIndex, r.level, r.suppressions ? 'suppressed' : 'open'])).toEqual([
      ['demo-non-root', 0, 'error', 'open'],
      ['demo-non-root', 0, 'error', 'suppressed'],
      ['demo-replicas', 1, 'warning', 'open'],
      ['demo-broken', 2, 'error', 'open'],
    ]);
    for (const r of results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  test('locates a result at the file and line, the object and the construct', () => {
    expect(results[0].message.text).toBe('Deployment/team/api: container "app": runAsNonRoot is not true (at spec.template.spec.containers[0].securityContext.runAsNonRoot)');
    expect(results[0].locations).toEqual([{
      physicalLocation: { artifactLocation: { uri: 'manifests/app.yaml' }, region: { startLine: 1 } },
      logicalLocations: [
        { name: 'api', fullyQualifiedName: 'Deployment/team/api', kind: 'resource' },
        { fullyQualifiedName: 'app/api/Resource', kind: 'module' },
      ],
    }]);
    expect(results[2].locations[0].physicalLocation.region).toEqual({ startLine: 30 });
  });

  describe('a control that could not be evaluated (code scanning refuses a whole log when one result has no file location)', () => {
    const CONTROL = [{ name: 'demo-broken', fullyQualifiedName: 'Control/demo-broken', kind: 'resource' }];
    const brokenAt = (docs: ReturnType<typeof sampleDocuments>) => {
      const log = toSarif(runCompliance(ManifestIndex.fromDocuments(docs), { controls: [demoBroken], config: { today: '2026-11-27' } }), { uriBase: 'file:///repo/' }) as any;
      expect(sarifViolations(log)).toEqual([]);
      expect(log.runs[0].results.map((r: any) => r.properties.object)).toEqual(['Control/demo-broken']);
      return log.runs[0].results[0].locations;
    };
    const from = (file: string) => sampleDocuments().map(d => ({ ...d, source: { ...d.source, file } }));

    test('is located at line 1 of the run\'s first input file, beside its logical location', () => {
      expect(results[3].locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'manifests/app.yaml' }, region: { startLine: 1 } }, logicalLocations: CONTROL }]);
      const later = sampleDocuments().map(d => ({ ...d, source: { ...d.source, line: (d.source.line ?? 1) + 4 } }));
      expect(brokenAt(later)).toEqual([{ physicalLocation: { artifactLocation: { uri: 'manifests/app.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 1 } }, logicalLocations: CONTROL }]);
    });

    test('with only documents that are no objects, at the first file they were read from', () => {
      expect(brokenAt(sampleDocuments().slice(4))[0].physicalLocation).toEqual({ artifactLocation: { uri: 'manifests/notes.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 1 } });
    });

    test('with standard input and a file, at the file', () => {
      const docs = sampleDocuments().map((d, i) => ({ ...d, source: { ...d.source, file: i < 2 ? STDIN_NAME : 'k8s/more.yaml' } }));
      expect(brokenAt(docs)[0].physicalLocation).toEqual({ artifactLocation: { uri: 'k8s/more.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 1 } });
    });

    test('with standard input alone, at the <stdin> artifact outside the source root, or at the file it is named after', () => {
      expect(brokenAt(from(STDIN_NAME))).toEqual([{ physicalLocation: { artifactLocation: { uri: STDIN_URI }, region: { startLine: 1 } }, logicalLocations: CONTROL }]);
      expect(brokenAt(from('chart/rendered.yaml'))[0].physicalLocation).toEqual({ artifactLocation: { uri: 'chart/rendered.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 1 } });
    });

    test('with no input read from a file, at the <stdin> artifact', () => {
      expect(brokenAt([])[0].physicalLocation).toEqual({ artifactLocation: { uri: STDIN_URI }, region: { startLine: 1 } });
      const report = runCompliance(ManifestIndex.fromObjects([sampleDocuments()[0].doc]), { controls: [demoBroken], config: { today: '2026-11-27' } });
      expect((toSarif(report) as any).runs[0].results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: STDIN_URI }, region: { startLine: 1 } });
    });
  });

  test('locates a namespace the input only uses at the first object of it read from a file (code scanning refuses results without one)', () => {
    const pod = (name: string, line: number) => ({
      doc: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      source: { file: 'k8s/pods.yaml', document: line, line: line * 10 },
    });
    const report = runCompliance(ManifestIndex.fromDocuments([pod('a', 1), pod('b', 2)]), { only: ['namespace-classification'], config: { today: '2026-11-27' } });
    const log = toSarif(report) as any;
    expect(log.runs[0].results.map((r: any) => [r.properties.object, r.locations[0].physicalLocation?.artifactLocation.uri, r.locations[0].physicalLocation?.region.startLine]))
      .toEqual([['Namespace/shop', 'k8s/pods.yaml', 10]]);
    expect(sarifViolations(log)).toEqual([]);
  });

  describe('objects read from standard input', () => {
    const fromStdin = (file: string) => {
      const docs = sampleDocuments().map(d => ({ ...d, source: { ...d.source, file } }));
      return toSarif(runCompliance(ManifestIndex.fromDocuments(docs), { controls: [demoNonRoot, demoReplicas], config: { today: '2026-11-27' } }), { uriBase: 'file:///repo/' }) as any;
    };

    test('are located at the <stdin> artifact, outside the source root, since code scanning refuses a result without a file location', () => {
      const log = fromStdin(STDIN_NAME);
      const results = log.runs[0].results;
      expect(results.map((r: any) => [r.properties.object, r.locations[0].physicalLocation])).toEqual([
        ['Deployment/team/api', { artifactLocation: { uri: STDIN_URI }, region: { startLine: 1 } }],
        ['Deployment/team/web', { artifactLocation: { uri: STDIN_URI }, region: { startLine: 30 } }],
        ['Deployment/team/web', { artifactLocation: { uri: STDIN_URI }, region: { startLine: 30 } }],
      ]);
      expect(STDIN_URI).toBe('%3Cstdin%3E');
      expect(results[0].locations[0].logicalLocations[0]).toEqual({ name: 'api', fullyQualifiedName: 'Deployment/team/api', kind: 'resource' });
      expect(sarifViolations(log)).toEqual([]);
    });

    test('a note says what <stdin> stands for, and a rejected document of stdin is located there too', () => {
      expect(fromStdin(STDIN_NAME).runs[0].invocations[0].toolExecutionNotifications).toEqual([
        {
          level: 'warning',
          message: { text: 'not a Kubernetes object, not checked: expected a mapping with apiVersion, kind and metadata, got string' },
          locations: [{ physicalLocation: { artifactLocation: { uri: STDIN_URI }, region: { startLine: 1 } } }],
        },
        { level: 'note', message: { text: 'objects read from standard input are located at <stdin>, which names no file: name the file it stands for to locate them there' } },
      ]);
    });

    test('named after the file stdin stands for, are located in that file like any other, without the note', () => {
      const log = fromStdin('chart/rendered.yaml');
      expect(log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation))
        .toEqual([1, 2, 3].map(() => ({ uri: 'chart/rendered.yaml', uriBaseId: 'SRCROOT' })));
      expect(log.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.level)).toEqual(['warning']);
    });

    test('a namespace the input only uses is located at its first object read from a file, else from stdin', () => {
      const pod = (name: string, file: string, line: number) => ({
        doc: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' }, spec: { containers: [{ name: 'c', image: 'x' }] } },
        source: { file, document: 1, line },
      });
      const located = (docs: ReturnType<typeof pod>[]) => {
        const report = runCompliance(ManifestIndex.fromDocuments(docs), { only: ['namespace-classification'], config: { today: '2026-11-27' } });
        return (toSarif(report) as any).runs[0].results.map((r: any) => [r.properties.object, r.locations[0].physicalLocation]);
      };
      expect(located([pod('a', STDIN_NAME, 4), pod('b', 'k8s/b.yaml', 9)])).toEqual([['Namespace/shop', { artifactLocation: { uri: 'k8s/b.yaml' }, region: { startLine: 9 } }]]);
      expect(located([pod('a', STDIN_NAME, 4)])).toEqual([['Namespace/shop', { artifactLocation: { uri: STDIN_URI }, region: { startLine: 4 } }]]);
    });
  });

  test('carries the reason and expiry of a suppression as an in-source justification', () => {
    expect(results[1].suppressions).toEqual([{ kind: 'inSource', justification: 'vendor image needs root until SEC-142 lands (until 2027-03-31)' }]);
  });

  test('gives each result a stable fingerprint', () => {
    const again = (toSarif(sampleReport('2027-01-01')) as any).runs[0].results;
    expect(results.map(r => r.partialFingerprints)).toEqual(again.map((r: any) => r.partialFingerprints));
    expect(new Set(results.map(r => r.partialFingerprints['cdk8sSoc2Finding/v1'])).size).toBe(4);
  });

  test('records the URI base and rejected documents', () => {
    const based = (toSarif(sampleReport(), { uriBase: 'file:///repo' }) as any).runs[0];
    expect(based.originalUriBaseIds).toEqual({ SRCROOT: { uri: 'file:///repo/' } });
    expect(based.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'manifests/app.yaml', uriBaseId: 'SRCROOT' });
    expect(run.invocations).toEqual([{
      executionSuccessful: true,
      toolExecutionNotifications: [{
        level: 'warning',
        message: { text: 'not a Kubernetes object, not checked: expected a mapping with apiVersion, kind and metadata, got string' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'manifests/notes.yaml' }, region: { startLine: 1 } } }],
      }],
    }]);
  });

  test('encodes file paths as URI references', () => {
    expect(fileUri('dist/my app.k8s.yaml')).toBe('dist/my%20app.k8s.yaml');
    expect(fileUri('<stdin>')).toBe('%3Cstdin%3E');
    expect(fileUri('C:\\work\\app.yaml')).toBe('file:///C:/work/app.yaml');
  });
});
