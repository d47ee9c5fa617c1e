import { resolveConfig } from '../../../../src/compliance/config';
import { defineControl } from '../../../../src/compliance/control';
import { workloadMinReplicas } from '../../../../src/compliance/controls/availability/workload-min-replicas';
import { meshNoMtlsDisable } from '../../../../src/compliance/controls/mesh/mesh-no-mtls-disable';
import { suppressionNeeded } from '../../../../src/compliance/controls/suppression/suppression-needed';
import { podRunAsNonRoot } from '../../../../src/compliance/controls/workload/pod-run-as-non-root';
import { runCompliance } from '../../../../src/compliance/engine';
import { ManifestIndex } from '../../../../src/compliance/manifest-index';
import { CheckResult, Control } from '../../../../src/compliance/types';
import { deployment } from '../../helpers';

const ROOT = { containers: [{ name: 'c', image: 'x' }] };
const NON_ROOT = { securityContext: { runAsNonRoot: true }, containers: [{ name: 'c', image: 'x' }] };
const REASON = 'vendor image runs as root; tracked in SEC-142';

const broken: Control = defineControl({
  id: 'demo-broken', title: 't', condition: 'c', severity: 'low', criteria: ['CC7.1'], references: {}, remediation: 'r',
  check: () => { throw new Error('cannot run'); },
});

function results(objects: unknown[], constructPaths?: string[]): CheckResult[] {
  const catalogue = new Map([podRunAsNonRoot, meshNoMtlsDisable, workloadMinReplicas, broken, suppressionNeeded].map(c => [c.id, c]));
  const index = constructPaths === undefined ? ManifestIndex.fromObjects(objects)
    : ManifestIndex.fromDocuments(objects.map((doc, i) => ({ doc, source: { document: i + 1, constructPath: constructPaths[i] } })));
  return [...suppressionNeeded.check({ index, config: resolveConfig({ today: '2026-11-27' }), catalogue })];
}
const suppressing = (podSpec: unknown, ...ids: string[]) =>
  deployment('api', podSpec, { annotations: Object.fromEntries(ids.map(id => [`soc2.cdk8s.io/suppress.${id}`, REASON])) });

describe('suppression-needed', () => {
  test('passes a suppression that silences a failure of its control on the object', () => {
    expect(results([suppressing(ROOT, 'pod-run-as-non-root')]).map(r => r.passed)).toEqual([true]);
  });

  test('fails a suppression whose control passes on the object, naming it and the annotation', () => {
    expect(results([suppressing(NON_ROOT, 'pod-run-as-non-root')]).map(r => [r.passed, r.message, r.path])).toEqual([[
      false, 'suppresses pod-run-as-non-root, which has nothing to report on this object',
      'metadata.annotations["soc2.cdk8s.io/suppress.pod-run-as-non-root"]',
    ]]);
  });

  test('fails a suppression of a control that does not apply to the object', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team', annotations: { 'soc2.cdk8s.io/suppress.pod-run-as-non-root': REASON } } };
    expect(results([cm]).map(r => r.message)).toEqual(['suppresses pod-run-as-non-root, which has nothing to report on this object']);
  });

  test('names the object the control fails on under the same construct, and how to suppress it there', () => {
    const worker = deployment('api-worker', ROOT);
    const hint = 'suppresses pod-run-as-non-root, which has nothing to report on this object; the finding is on Deployment/team/api-worker: '
      + 'suppress it there, e.g. Compliance.suppress(api, \'pod-run-as-non-root\', reason, { kind: \'Deployment\' })';
    // The only StatefulSet under pay/api: its kind names it.
    const stateful = { ...worker, kind: 'StatefulSet' };
    expect(results([stateful, suppressing(NON_ROOT, 'pod-run-as-non-root')], ['pay/api/Worker/Resource', 'pay/api/Resource']).map(r => r.message))
      .toEqual([hint.replace('Deployment/team/api-worker', 'StatefulSet/team/api-worker').replace('kind: \'Deployment\'', 'kind: \'StatefulSet\'')]);
    // Two Deployments under pay/api (the suppressed one and the worker): `{ kind: 'Deployment' }` would be refused as ambiguous,
    // so the example passes the object.
    const ambiguous = 'suppresses pod-run-as-non-root, which has nothing to report on this object; the finding is on Deployment/team/api-worker: '
      + 'suppress it there, e.g. Compliance.suppress(<the ApiObject at pay/api/Worker>, \'pod-run-as-non-root\', reason)';
    expect(results([suppressing(NON_ROOT, 'pod-run-as-non-root'), worker], ['pay/api/Resource', 'pay/api/Worker']).map(r => r.message)).toEqual([ambiguous]);
    // An object placed in the chart itself: the chart's other objects are no siblings of it.
    expect(results([suppressing(NON_ROOT, 'pod-run-as-non-root'), worker], ['pay/api', 'pay/worker']).map(r => r.message))
      .toEqual(['suppresses pod-run-as-non-root, which has nothing to report on this object']);
    // Under another construct, or already suppressed there, the failure is not this suppression's.
    const plain = 'suppresses pod-run-as-non-root, which has nothing to report on this object';
    expect(results([suppressing(NON_ROOT, 'pod-run-as-non-root'), worker], ['pay/api/Resource', 'pay/apiworker/Resource']).map(r => r.message)).toEqual([plain]);
    const suppressedWorker = deployment('api-worker', ROOT, { annotations: { 'soc2.cdk8s.io/suppress.pod-run-as-non-root': REASON } });
    expect(results([suppressing(NON_ROOT, 'pod-run-as-non-root'), suppressedWorker], ['pay/api/Resource', 'pay/api/Worker']).map(r => r.message)).toEqual([plain, undefined]);
  });

  test('leaves unknown, unsuppressible and failing-to-run controls to the other checks', () => {
    expect(results([suppressing(NON_ROOT, 'no-such-control', 'mesh-no-mtls-disable', 'demo-broken')]).map(r => r.passed)).toEqual([true]);
  });

  test('follows the configuration of each run on the same index', () => {
    const catalogue = new Map([workloadMinReplicas, suppressionNeeded].map(c => [c.id, c]));
    const index = ManifestIndex.fromObjects([deployment('api', NON_ROOT, { replicas: 2, annotations: { 'soc2.cdk8s.io/suppress.workload-min-replicas': REASON } })]);
    const run = (minReplicas: number) => suppressionNeeded.check({ index, config: resolveConfig({ today: '2026-11-27', minReplicas }), catalogue }).map(r => r.passed);
    expect([run(3), run(2), run(3)]).toEqual([[true], [false], [true]]);
  });

  test('in a run, reads the failures the engine recorded instead of running the suppressed control again', () => {
    let calls = 0;
    const counted: Control = { ...podRunAsNonRoot, check: ctx => { calls++; return podRunAsNonRoot.check(ctx); } };
    const objects = [suppressing(ROOT, 'pod-run-as-non-root')];
    const run = (controls: Control[]) => {
      calls = 0;
      const report = runCompliance(ManifestIndex.fromObjects(objects), { controls, config: { today: '2026-11-27' } });
      return [report.findings.length, calls];
    };
    expect(run([counted, suppressionNeeded])).toEqual([0, 1]);
    // Run first, it knows nothing yet and runs the control itself: the verdict is the same.
    expect(run([suppressionNeeded, counted])).toEqual([0, 2]);
  });

  test('does not apply to objects without suppressions', () => {
    expect(results([deployment('api', ROOT)])).toEqual([]);
  });

  test('in a whole run: the suppressed failure stays suppressed and the needless one is a finding', () => {
    const report = runCompliance(ManifestIndex.fromObjects([suppressing(ROOT, 'pod-run-as-non-root'), { ...suppressing(NON_ROOT, 'pod-run-as-non-root'), metadata: { name: 'web', namespace: 'team', annotations: { 'soc2.cdk8s.io/suppress.pod-run-as-non-root': REASON } } }]),
      { controls: [podRunAsNonRoot, suppressionNeeded], config: { today: '2026-11-27' } });
    expect(report.findings.map(f => `${f.controlId} ${f.object.ref}`)).toEqual(['suppression-needed Deployment/team/web']);
  });
});
