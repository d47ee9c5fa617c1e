import { CATALOGUE } from '../../src/compliance/catalogue';
import { defineControl, fail } from '../../src/compliance/control';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';

const TODAY = '2026-11-27';
const IMAGE = 'registry.example.com/app@sha256:0000000000000000000000000000000000000000000000000000000000000000';

type Owner = [apiVersion: string, kind: string, name: string];
const meta = (name: string, owner?: Owner, labels: Record<string, string> = {}, annotations?: Record<string, string>) => ({
  name, namespace: 'app', labels, ...(annotations ? { annotations } : {}),
  ...(owner ? { ownerReferences: [{ apiVersion: owner[0], kind: owner[1], name: owner[2], uid: 'u', controller: true }] } : {}),
});
const container = (securityContext: object = {}) => ({ name: 'c', image: IMAGE, securityContext });
const pod = (name: string, owner: Owner | undefined, spec: object, labels?: Record<string, string>) =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: meta(name, owner, labels), spec });
const replicaSet = (name: string, owner: Owner, spec: object) =>
  ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta(name, owner), spec: { replicas: 1, template: { metadata: { labels: { app: 'web' } }, spec } } });
const deployment = (name: string, spec: object, annotations?: Record<string, string>) =>
  ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(name, undefined, {}, annotations), spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec } } });

/** The findings of a run, as `control object: message`. */
function findings(objects: unknown[], only: string[]): string[] {
  return runCompliance(ManifestIndex.fromObjects(objects), { only, config: { today: TODAY } }).findings
    .map(f => `${f.controlId} ${f.object.ref}: ${f.message}`);
}

describe('in a cluster export, a failure of a copy of a template', () => {
  test('is reported on each Pod whose chain the export does not show to be a copy of a checked template', () => {
    // An operator's custom resource (no pod template) between a Deployment and a Pod; a Pod of an old
    // revision's absent ReplicaSet; a Pod of a hand-made Job named like a CronJob's.
    const objects = [
      deployment('op', { containers: [container()] }),
      { apiVersion: 'example.com/v1', kind: 'Runner', metadata: meta('r1', ['apps/v1', 'Deployment', 'op']), spec: {} },
      pod('evil', ['example.com/v1', 'Runner', 'r1'], { hostPID: true, containers: [container({ privileged: true })] }),
      pod('old', ['apps/v1', 'ReplicaSet', 'op-oldhash'], { hostNetwork: true, containers: [container({ privileged: true })] }, { 'app': 'op', 'pod-template-hash': 'oldhash' }),
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('db'), spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [container()] } } } } } },
      pod('manual', ['batch/v1', 'Job', 'db-1'], { containers: [container({ privileged: true })] }),
    ];
    const index = ManifestIndex.fromObjects(objects);
    expect(index.podTemplates.map(t => [t.owner.ref, index.coveringObject(t.owner)?.ref])).toEqual([
      ['Deployment/app/op', undefined], ['Pod/app/evil', undefined], ['Pod/app/old', 'Deployment/app/op'],
      ['CronJob/app/db', undefined], ['Pod/app/manual', 'CronJob/app/db'],
    ]);
    expect(findings(objects, ['pod-no-privileged', 'pod-no-host-namespaces'])).toEqual([
      'pod-no-privileged Pod/app/evil: container "c": runs privileged',
      'pod-no-privileged Pod/app/old: container "c": runs privileged',
      'pod-no-privileged Pod/app/manual: container "c": runs privileged',
      'pod-no-host-namespaces Pod/app/evil: hostPID is true',
      'pod-no-host-namespaces Pod/app/old: hostNetwork is true',
    ]);
  });

  test('is reported once, on the template it copies, when that fails the same way; an old revision\'s own failure stays', () => {
    const writable = { containers: [container()] };
    const privileged = { containers: [container({ privileged: true })] };
    const objects = [
      deployment('web', writable),
      replicaSet('web-new', ['apps/v1', 'Deployment', 'web'], writable),
      pod('web-new-x1', ['apps/v1', 'ReplicaSet', 'web-new'], writable),
      pod('web-new-x2', ['apps/v1', 'ReplicaSet', 'web-new'], writable),
      // A rollout stuck on an old revision that runs privileged.
      replicaSet('web-old', ['apps/v1', 'Deployment', 'web'], privileged),
      pod('web-old-x1', ['apps/v1', 'ReplicaSet', 'web-old'], privileged),
    ];
    const report = runCompliance(ManifestIndex.fromObjects(objects), { only: ['pod-read-only-root-fs', 'pod-no-privileged'], config: { today: TODAY } });
    expect(report.findings.map(f => `${f.controlId} ${f.object.ref}`)).toEqual([
      // Only the old revision runs privileged: its ReplicaSet reports it, for its Pod too.
      'pod-no-privileged ReplicaSet/app/web-old',
      // Every template has a writable root filesystem: the Deployment's finding stands for all of them.
      'pod-read-only-root-fs Deployment/app/web',
    ]);
    // The failures left out are not evaluations; the passes of the copies are.
    const statuses = (id: string) => report.evaluations.filter(e => e.control.id === id).map(e => `${e.object.name} ${e.status}`);
    expect(statuses('pod-read-only-root-fs')).toEqual(['web failed']);
    expect(statuses('pod-no-privileged')).toEqual(['web passed', 'web-new passed', 'web-new-x1 passed', 'web-new-x2 passed', 'web-old failed']);
  });

  test('left out is not among the objects a later control reads as failed', () => {
    const failedObjects = defineControl({
      id: 'test-failed-objects', title: 'Failed objects', condition: 'Lists the objects pod-read-only-root-fs failed.', severity: 'low',
      criteria: ['CC6.1'], references: {}, remediation: 'none',
      check: ctx => [...ctx.failedBy?.('pod-read-only-root-fs') ?? []].map(o => fail(o, o.name)),
    });
    const spec = { containers: [container()] };
    const objects = [deployment('web', spec), pod('web-x1', ['apps/v1', 'Deployment', 'web'], spec)];
    const controls = [CATALOGUE.find(c => c.id === 'pod-read-only-root-fs')!, failedObjects];
    const report = runCompliance(ManifestIndex.fromObjects(objects), { controls, config: { today: TODAY } });
    expect(report.findings.map(f => `${f.controlId} ${f.object.ref}`)).toEqual(['pod-read-only-root-fs Deployment/app/web', 'test-failed-objects Deployment/app/web']);
  });

  test('is left out when the template it copies has the same failure suppressed', () => {
    const spec = { containers: [container()] };
    const objects = [
      deployment('web', spec, { 'soc2.cdk8s.io/suppress.pod-read-only-root-fs': 'until 2027-01-31: the vendor image writes to /var/cache' }),
      pod('web-x1', ['apps/v1', 'Deployment', 'web'], spec),
    ];
    const report = runCompliance(ManifestIndex.fromObjects(objects), { only: ['pod-read-only-root-fs'], config: { today: TODAY } });
    expect(report.findings).toEqual([]);
    expect(report.evaluations.map(e => `${e.object.ref} ${e.status}`)).toEqual(['Deployment/app/web suppressed']);
  });

  test('of an Istio-injected Pod is reported only for what the injection added', () => {
    const app = { name: 'app', image: IMAGE, securityContext: { readOnlyRootFilesystem: true } };
    const objects = [
      deployment('web', { containers: [app] }),
      pod('web-5d9c-x1', ['apps/v1', 'ReplicaSet', 'web-5d9c'], {
        initContainers: [{ name: 'istio-init', image: IMAGE, securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] }, readOnlyRootFilesystem: false } }],
        containers: [app, { name: 'istio-proxy', image: IMAGE, securityContext: { capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true } }],
      }, { 'app': 'web', 'pod-template-hash': '5d9c', 'security.istio.io/tlsMode': 'istio' }),
    ];
    expect(findings(objects, ['pod-drop-all-capabilities', 'pod-read-only-root-fs'])).toEqual([
      'pod-drop-all-capabilities Deployment/app/web: container "app": does not drop ALL capabilities',
      'pod-drop-all-capabilities Pod/app/web-5d9c-x1: initContainer "istio-init": adds capabilities NET_ADMIN, NET_RAW',
      'pod-read-only-root-fs Pod/app/web-5d9c-x1: initContainer "istio-init": has a writable root filesystem',
    ]);
  });

  test('of a Pod the API server filled in (ServiceAccount name, token volume) says what its template says', () => {
    const spec = { containers: [container()] };
    const objects = [
      deployment('web', spec),
      pod('web-5d9c-x1', ['apps/v1', 'ReplicaSet', 'web-5d9c'], {
        ...spec, serviceAccount: 'default', serviceAccountName: 'default',
        volumes: [{ name: 'kube-api-access-abcde', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }] } }],
      }, { 'app': 'web', 'pod-template-hash': '5d9c' }),
    ];
    expect(findings(objects, ['pod-dedicated-service-account', 'pod-service-account-token'])).toEqual([
      'pod-dedicated-service-account Deployment/app/web: runs as the "default" ServiceAccount',
      'pod-service-account-token Deployment/app/web: mounts an API token it has no binding for: neither the pod nor ServiceAccount "default" sets automountServiceAccountToken: false',
    ]);
  });
});
