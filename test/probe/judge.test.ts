/** The probes' judge can fail: over a manifest set with faults, each of its parts reports them. */
import { join } from 'node:path';
import { ManifestIndex, runCompliance } from '../../index';
import { quotaRefusals } from '../support/quota';
import { loadManifestFile } from '../third-party/load';
import { verdict } from './helpers';

test('the judge reports the engine\'s findings, schema errors, quota refusals and scanner findings', () => {
  const objects = [
    ...loadManifestFile(join(__dirname, 'vendor', 'cronjob.yaml')),
    { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', namespace: 'reports' }, spec: { hard: { 'services.nodeports': '0' } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'debug', namespace: 'reports' }, spec: { type: 'NodePort', ports: [{ port: 'eighty' }], selector: { a: 'b' } } },
  ];
  const found = verdict({ outdir: '', files: [], objects, report: runCompliance(ManifestIndex.fromObjects(objects)), config: {} });
  expect(found).toContain('engine pod-no-host-path CronJob/reports/nightly-report: volume "host-logs" mounts host path "/var/log", writable by container "report" (no readOnly: true)');
  expect(found.filter(f => f.startsWith('schema Service/debug'))).toHaveLength(1);
  expect(found).toContain('quota ResourceQuota/reports/quota: services.nodeports needs 1, holds 0');
  expect(found).toContain('scanner kube-score/service-type Service/reports/debug');
  expect(verdict({ outdir: '', files: [], objects, report: runCompliance(ManifestIndex.fromObjects(objects)), config: {} }, ['kube-score/service-type Service/reports/debug']))
    .not.toContain('scanner kube-score/service-type Service/reports/debug');
  expect(quotaRefusals(objects.filter(o => o.kind !== 'Service'))).toEqual([]);
});
