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

describe('the quota judge counts what the API server would admit', () => {
  const quota = (hard: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', namespace: 'shop' }, spec: { hard } });
  const LIMITS = { limits: { cpu: '100m', memory: '64Mi' } };
  const deployment = (replicas: number, strategy?: unknown, resources: unknown = LIMITS) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
    spec: { replicas, ...(strategy === undefined ? {} : { strategy }), template: { spec: { containers: [{ name: 'web', image: 'x', resources }] } } },
  });

  test.each([
    ['a single replica that rolls out with a surge pod', deployment(1, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }), 1, 2],
    ['the default strategy: 25 % surge, rounded up', deployment(8), 9, 10],
    ['a surge given as a percentage', deployment(4, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%' } }), 5, 6],
    ['no surge with Recreate', deployment(3, { type: 'Recreate' }), 2, 3],
  ])('%s', (_, workload, refusedAt, admittedAt) => {
    expect(quotaRefusals([quota({ pods: String(refusedAt) }), workload])).toEqual([`ResourceQuota/shop/quota: pods needs ${admittedAt}, holds ${refusedAt}`]);
    expect(quotaRefusals([quota({ pods: String(admittedAt) }), workload])).toEqual([]);
  });

  test('limits are read in every spelling of a Kubernetes quantity: a decimal exponent, a sign, decimal and binary suffixes', () => {
    const spelled = (cpu: string, memory: string) => deployment(2, { type: 'Recreate' }, { limits: { cpu, memory } });
    for (const [cpu, memory] of [['+100m', '2e9'], ['0.1', '2E9'], ['1e-1', '2000M'], ['100m', '1953125Ki']]) {
      expect(quotaRefusals([quota({ 'limits.cpu': '10', 'limits.memory': '16Gi' }), spelled(cpu, memory)])).toEqual([]);
      expect(quotaRefusals([quota({ 'limits.cpu': '10', 'limits.memory': '3e9' }), spelled(cpu, memory)])).toEqual(['ResourceQuota/shop/quota: limits.memory needs 6147483648, holds 3e9']);
    }
  });

  test('a pod without a limit the quota tracks is refused, as the API server refuses it', () => {
    expect(quotaRefusals([quota({ 'limits.cpu': '10' }), deployment(2, { type: 'Recreate' }, {})]))
      .toEqual(['ResourceQuota/shop/quota: limits.cpu needs a limit on every container, which Deployment/shop/web does not set']);
    const limitRange = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'shop' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] } };
    expect(quotaRefusals([quota({ 'limits.cpu': '10' }), limitRange, deployment(2, { type: 'Recreate' }, {})])).toEqual([]);
    expect(quotaRefusals([quota({ 'limits.cpu': '4' }), limitRange, deployment(2, { type: 'Recreate' }, {})])).toEqual(['ResourceQuota/shop/quota: limits.cpu needs 5, holds 4']);
  });
});
