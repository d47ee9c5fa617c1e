import { resolveConfig } from '../../../../src/compliance/config';
import { meshNoMtlsDisable } from '../../../../src/compliance/controls/mesh/mesh-no-mtls-disable';
import { suppressionKnownControl } from '../../../../src/compliance/controls/suppression/suppression-known-control';
import { podRunAsNonRoot } from '../../../../src/compliance/controls/workload/pod-run-as-non-root';
import { ManifestIndex } from '../../../../src/compliance/manifest-index';
import { CheckResult } from '../../../../src/compliance/types';
import { deployment } from '../../helpers';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const REASON = 'vendor image runs as root; tracked in SEC-142';

function results(objects: unknown[]): CheckResult[] {
  const catalogue = new Map([podRunAsNonRoot, meshNoMtlsDisable, suppressionKnownControl].map(c => [c.id, c]));
  return [...suppressionKnownControl.check({ index: ManifestIndex.fromObjects(objects), config: resolveConfig({ today: '2026-11-27' }), catalogue })];
}
const suppressing = (id: string) => deployment('api', POD, { annotations: { [`soc2.cdk8s.io/suppress.${id}`]: REASON } });

describe('suppression-known-control', () => {
  test('passes a suppression of a suppressible control of the catalogue', () => {
    expect(results([suppressing('pod-run-as-non-root')]).map(r => r.passed)).toEqual([true]);
  });

  test('fails an unknown control and suggests the likely one', () => {
    expect(results([suppressing('pod-run-as-nonroot')]).map(r => [r.message, r.path])).toEqual([[
      'suppression names unknown control "pod-run-as-nonroot" (did you mean "pod-run-as-non-root"?)',
      'metadata.annotations["soc2.cdk8s.io/suppress.pod-run-as-nonroot"]',
    ]]);
  });

  test('names the control that covers another scanner\'s check id', () => {
    expect(results([suppressing('C-0013')]).map(r => r.message)).toEqual([
      'suppression names unknown control "C-0013" (did you mean "pod-run-as-non-root"? (the control that covers Kubescape C-0013))',
    ]);
  });

  test('suggests nothing for an id close to no control', () => {
    expect(results([suppressing('network-no-node-port-load-balancer')]).map(r => r.message)).toEqual([
      'suppression names unknown control "network-no-node-port-load-balancer"',
    ]);
  });

  test('fails a suppression of a control that cannot be suppressed', () => {
    expect(results([suppressing('mesh-no-mtls-disable')]).map(r => r.message)).toEqual(['control mesh-no-mtls-disable cannot be suppressed; fix the finding instead']);
  });

  test('fails a suppression written on the pod template, where it has no effect', () => {
    const d = deployment('api', POD);
    d.spec.template.metadata.annotations = { 'soc2.cdk8s.io/suppress.pod-run-as-non-root': REASON };
    expect(results([d]).map(r => [r.message, r.path])).toEqual([[
      'soc2.cdk8s.io/suppress.pod-run-as-non-root is on the pod template, where it has no effect: move it to the Deployment\'s metadata.annotations',
      'spec.template.metadata.annotations["soc2.cdk8s.io/suppress.pod-run-as-non-root"]',
    ]]);
  });

  test('fails a suppression written on a CronJob\'s job template, where it has no effect either', () => {
    const cronJob = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'shop' },
      spec: { schedule: '0 1 * * *', jobTemplate: { metadata: { annotations: { 'soc2.cdk8s.io/suppress.pod-run-as-non-root': REASON } }, spec: { template: { spec: POD } } } },
    };
    expect(results([cronJob]).map(r => [r.passed, r.message, r.path])).toEqual([[
      false,
      'soc2.cdk8s.io/suppress.pod-run-as-non-root is on the job template, where it has no effect: move it to the CronJob\'s metadata.annotations',
      'spec.jobTemplate.metadata.annotations["soc2.cdk8s.io/suppress.pod-run-as-non-root"]',
    ]]);
  });

  test('does not apply to objects without suppressions', () => {
    expect(results([deployment('api', POD)])).toEqual([]);
  });
});
