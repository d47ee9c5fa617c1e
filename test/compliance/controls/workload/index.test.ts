import { readdirSync } from 'fs';
import { join } from 'path';
import { WORKLOAD_CONTROLS } from '../../../../src/compliance/controls/workload';
import { check } from '../../helpers';
import { hardenedContainer, hardenedDeployment } from './fixtures';

describe('workload controls', () => {
  test('are catalogued in this order, with these severities and criteria', () => {
    expect(WORKLOAD_CONTROLS.map(c => `${c.id} ${c.severity} ${c.criteria.join(',')}${c.suppressible === false ? ' unsuppressible' : ''}`)).toEqual([
      'pod-run-as-non-root high CC6.1,CC6.8',
      'pod-no-privileged critical CC6.1,CC6.8 unsuppressible',
      'pod-no-privilege-escalation high CC6.1,CC6.8',
      'pod-drop-all-capabilities medium CC6.1,CC6.8',
      'pod-no-dangerous-capabilities critical CC6.1,CC6.8 unsuppressible',
      'pod-seccomp-runtime-default medium CC6.1,CC6.8',
      'pod-no-host-namespaces critical CC6.1,CC6.6,CC6.8 unsuppressible',
      'pod-no-host-path critical CC6.1,CC6.8 unsuppressible',
      'pod-no-host-ports medium CC6.1,CC6.6',
      'pod-restricted-volume-types medium CC6.1,CC6.8',
      'pod-no-unsafe-sysctls high CC6.1,CC6.8',
      'pod-apparmor-not-unconfined high CC6.1,CC6.8',
      'pod-selinux-restricted high CC6.1,CC6.8',
      'pod-proc-mount-default high CC6.1,CC6.8',
      'pod-no-windows-host-process critical CC6.1,CC6.8 unsuppressible',
      'pod-no-probe-host medium CC6.1,CC6.6',
      'pod-read-only-root-fs medium CC6.8',
      'pod-non-root-group medium CC6.1,CC6.8',
      'pod-high-uid-gid low CC6.1',
      'container-resource-limits medium A1.2',
      'container-resource-requests medium A1.2',
      'container-ephemeral-storage low A1.2',
      'container-probes medium A1.2,CC7.2',
      'image-pinned high CC8.1,CC6.8',
      'image-pull-policy-always low CC6.8',
      'image-registry-allowed high CC6.8,CC8.1',
      'pod-dedicated-service-account medium CC6.1,CC6.3',
      'pod-service-account-token medium CC6.1,CC6.3',
      'env-no-secret-literals high CC6.1,C1.1',
      'env-no-secret-refs low CC6.1,C1.1',
      'command-no-credentials high CC6.1,C1.1',
      'configmap-no-credentials high CC6.1,C1.1',
      'workload-required-labels low CC6.1,CC8.1',
      'workload-not-in-default-namespace low CC6.1,CC6.3',
    ]);
  });

  test('have one source file and one test file per control, named by id', () => {
    const ids = WORKLOAD_CONTROLS.map(c => c.id).sort();
    const names = (dir: string, suffix: string) => readdirSync(dir).filter(f => f.endsWith(suffix) && f !== `index${suffix}`).map(f => f.slice(0, -suffix.length)).sort();
    expect(names(join(__dirname, '../../../../src/compliance/controls/workload'), '.ts')).toEqual(ids);
    expect(names(__dirname, '.test.ts')).toEqual(ids);
  });

  test('every control documents its condition, remediation, an example and at least one public reference', () => {
    for (const c of WORKLOAD_CONTROLS) {
      expect([c.id, c.condition.length > 20, c.remediation.length > 20, Boolean(c.example), Object.keys(c.references).length > 0])
        .toEqual([c.id, true, true, true, true]);
    }
  });

  test('a hardened workload passes every workload control', () => {
    const objects = [
      hardenedDeployment({ initContainers: [hardenedContainer('migrate', { readinessProbe: undefined, livenessProbe: undefined })] }),
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'team' }, automountServiceAccountToken: false },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team' }, data: { LOG_LEVEL: 'info' } },
    ];
    const failures = WORKLOAD_CONTROLS.flatMap(c => check(c, objects, { allowedRegistries: ['registry.example.com'] })
      .filter(r => !r.passed).map(r => `${c.id}: ${r.message}`));
    expect(failures).toEqual([]);
  });

  test('malformed pod specs produce findings, never exceptions', () => {
    const odd = (spec: unknown) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'odd' }, spec });
    const objects = [
      odd({ securityContext: 'x', volumes: 'x', os: 7, containers: [{ name: 1, securityContext: 'y', env: 'z', ports: 'p', resources: 'r', image: 5 }] }),
      odd({ securityContext: { sysctls: [null, 3], seLinuxOptions: 'x', supplementalGroups: 'x' }, volumes: [null, 'v', { name: 'n', hostPath: null }], containers: [{ env: [null, 1, { name: {}, value: {} }], resources: { limits: 'x', requests: [] }, readinessProbe: 'r', livenessProbe: 'r' }] }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odd' }, data: [1, 'x'], binaryData: 'x' },
    ];
    for (const c of WORKLOAD_CONTROLS) expect(() => check(c, objects, { allowedRegistries: ['r.example.com'] })).not.toThrow();
  });

  test('a default, unhardened Deployment fails most of them', () => {
    const bare = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } } };
    const failed = new Set(WORKLOAD_CONTROLS.filter(c => check(c, [bare], { allowedRegistries: ['registry.example.com'] }).some(r => !r.passed)).map(c => c.id));
    expect(WORKLOAD_CONTROLS.map(c => c.id).filter(id => !failed.has(id))).toEqual([
      'pod-no-privileged', 'pod-no-dangerous-capabilities', 'pod-no-host-namespaces', 'pod-no-host-path', 'pod-no-host-ports',
      'pod-restricted-volume-types', 'pod-no-unsafe-sysctls', 'pod-apparmor-not-unconfined', 'pod-selinux-restricted',
      'pod-proc-mount-default', 'pod-no-windows-host-process', 'pod-no-probe-host', 'image-pull-policy-always', 'env-no-secret-literals',
      'env-no-secret-refs', 'command-no-credentials', 'configmap-no-credentials',
    ]);
  });
});
