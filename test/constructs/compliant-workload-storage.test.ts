import { Compliance, CompliantWorkload, CompliantWorkloadProps, HealthCheck, SensitiveNamespace } from '../../constructs';
import { resolveConfig } from '../../src/compliance/config';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { computeFlows } from '../../src/compliance/network/flows';
import { endpointKey } from '../../src/compliance/network/model';
import { expectSoc2Error } from '../support/errors';
import { allSchemaErrors } from '../support/schema';
import { find, IMAGE, namespace, newChart, synthApp } from '../support/synth';
import { SCANNERS } from '../third-party/scanners';

const db = (ns: SensitiveNamespace): CompliantWorkloadProps => ({
  namespace: ns, image: IMAGE, port: 5432, protocol: 'tcp', readiness: HealthCheck.command(['pg_isready']),
  storage: { mountPath: '/var/lib/postgresql/data', size: '20Gi' },
});

function synthDb(props: Partial<CompliantWorkloadProps> = {}) {
  const { app, chart } = newChart();
  const ns = namespace(chart, 'shop');
  const ledger = new CompliantWorkload(chart, 'ledger', { ...db(ns), ...props });
  const api = new CompliantWorkload(chart, 'api', { namespace: ns, image: IMAGE, port: 8080 });
  ledger.allowFrom(api);
  return synthApp(app);
}

describe('CompliantWorkload storage', () => {
  const objects = synthDb();
  const sts = find(objects, 'StatefulSet', 'ledger');

  test('a workload that keeps data is a StatefulSet with one ReadWriteOnce claim per replica, mounted writable', () => {
    expect(objects.filter(o => o.metadata.name === 'ledger' && o.kind === 'Deployment')).toEqual([]);
    expect(sts.spec.replicas).toBe(2);
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data', labels: { 'app.kubernetes.io/name': 'ledger', 'app.kubernetes.io/instance': 'ledger' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
    }]);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'data', mountPath: '/var/lib/postgresql/data' },
    ]);
    expect(sts.spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect('persistentVolumeClaimRetentionPolicy' in sts.spec).toBe(false); // the default keeps the claims: data outlives the pods
  });

  test('a headless Service names the pods; the ClusterIP Service still fronts them', () => {
    expect(sts.spec.serviceName).toBe('ledger-headless');
    const headless = find(objects, 'Service', 'ledger-headless');
    expect(headless.spec).toEqual({
      type: 'ClusterIP', clusterIP: 'None', publishNotReadyAddresses: true, selector: { 'app.kubernetes.io/name': 'ledger', 'app.kubernetes.io/instance': 'ledger' },
      ports: [{ name: 'tcp', port: 5432, targetPort: 'tcp', protocol: 'TCP', appProtocol: 'tcp' }],
    });
    expect(find(objects, 'Service', 'ledger').spec.clusterIP).toBeUndefined();
  });

  test('the pod keeps the restricted profile, and the set is schema-valid with zero findings from the engine and every scanner', () => {
    expect(sts.spec.template.spec.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(sts.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(allSchemaErrors(objects)).toEqual([]);
    const report = runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-27' } });
    expect(report.findings).toEqual([]);
    expect(report.evaluations.filter(e => e.object.ref === 'StatefulSet/shop/ledger' && e.control.id === 'network-ingress-default-deny').map(e => e.status)).toEqual(['passed']);
    expect(Object.values(SCANNERS).flatMap(scan => scan(objects))).toEqual([]);
  });

  test('a StorageClass is passed to the claims; autoscaling scales the StatefulSet, without Polaris\' Deployment exemption', () => {
    const scaled = synthDb({ storage: { mountPath: '/var/lib/postgresql/data', size: '5Gi', storageClassName: 'fast.ssd' }, autoscaling: { maxReplicas: 4 } });
    const set = find(scaled, 'StatefulSet', 'ledger');
    expect(set.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('fast.ssd');
    expect('replicas' in set.spec).toBe(false);
    expect(set.metadata.annotations).toBeUndefined();
    expect(find(scaled, 'HorizontalPodAutoscaler', 'ledger').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'ledger' });
    expect(runCompliance(ManifestIndex.fromObjects(scaled), { config: { today: '2026-11-27' } }).findings).toEqual([]);
    expect(Object.values(SCANNERS).flatMap(scan => scan(scaled))).toEqual([]);
  });
});

describe('CompliantWorkload storage errors', () => {
  const attempt = (props: Partial<CompliantWorkloadProps>) => () => {
    const { chart } = newChart();
    new CompliantWorkload(chart, 'ledger', { ...db(namespace(chart, 'shop')), ...props });
  };

  test('a mount path that is not a normalised directory, or that overlaps the secrets', () => {
    expectSoc2Error(attempt({ storage: { mountPath: 'data', size: '1Gi' } }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.mountPath', value: '"data"', problem: /normalised absolute directory/, fix: /e\.g\./,
    });
    expectSoc2Error(attempt({ storage: { mountPath: '/var/run/secrets/app/db', size: '1Gi' } }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.mountPath', value: '"/var/run/secrets/app/db"', problem: /overlaps \/var\/run\/secrets\/app/, fix: /outside \/var\/run\/secrets/,
    });
  });

  test('a writable path inside or around the persistent volume', () => {
    expectSoc2Error(attempt({ writablePaths: ['/tmp', '/var/lib/postgresql'] }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'writablePaths[1]', value: '"/var/lib/postgresql"', problem: /overlaps storage.mountPath \/var\/lib\/postgresql\/data/, fix: /scratch directories/,
    });
  });

  test('a writable /data beside the persistent volume is scratch space with a volume of its own, not the claim\'s', () => {
    const { app, chart } = newChart();
    new CompliantWorkload(chart, 'ledger', { ...db(namespace(chart, 'shop')), writablePaths: ['/data'] });
    const sts = find(synthApp(app), 'StatefulSet', 'ledger').spec;
    const byPath = Object.fromEntries(sts.template.spec.containers[0].volumeMounts.map((m: any) => [m.mountPath, m.name]));
    expect(byPath['/data']).toMatch(/^data-[0-9a-f]{8}$/);
    expect(byPath['/var/lib/postgresql/data']).toBe('data');
    expect(sts.template.spec.volumes).toEqual([{ name: byPath['/data'], emptyDir: { sizeLimit: '256Mi' } }]);
    expect(sts.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual(['data']);
  });

  test('a size that is not a positive quantity, a StorageClass that is not a name, an unknown setting', () => {
    for (const size of ['0', '-1Gi', 'ten', 10 as any]) {
      expectSoc2Error(attempt({ storage: { mountPath: '/srv', size } }), {
        code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.size', value: JSON.stringify(size), problem: /whole bytes/, fix: /10Gi/,
      });
    }
    // A unit of other tools gets the quantity it meant, as resources.memory does.
    for (const [size, meant] of [['100GB', '100Gi'], ['512mb', '512Mi'], ['1.5 TB', '1.5Ti'], [' 1Gi', '1Gi']]) {
      expectSoc2Error(attempt({ storage: { mountPath: '/srv', size } }), {
        code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.size', value: JSON.stringify(size), problem: /whole bytes/, fix: new RegExp(`did you mean "${meant}"\\?`),
      });
    }
    expectSoc2Error(attempt({ storage: { mountPath: '/srv', size: '1Gi', storageClassName: 'Fast SSD' } }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.storageClassName', value: '"Fast SSD"', problem: /DNS-1123 subdomain/, fix: /fast-ssd/,
    });
    expectSoc2Error(attempt({ storage: { mountPath: '/srv', size: '1Gi', accessMode: 'ReadWriteMany' } as any }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.accessMode', value: '"ReadWriteMany"', problem: /not a setting/, fix: /remove it/,
    });
    expectSoc2Error(attempt({ storage: '/srv' as any }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage', value: '"/srv"', problem: /must be an object/, fix: /mountPath/,
    });
  });

  test('the headless Service name is taken in the namespace, whichever comes first', () => {
    const { chart } = newChart();
    const ns = namespace(chart, 'shop');
    new CompliantWorkload(chart, 'ledger', db(ns));
    expectSoc2Error(() => new CompliantWorkload(chart, 'other', { namespace: ns, image: IMAGE, port: 8080, name: 'ledger-headless' }), {
      code: 'DUPLICATE_NAME', path: 'test/other', prop: 'name', value: '"ledger-headless"', problem: /already taken in namespace "shop" by the headless Service of workload "ledger"/, fix: /unique id or name/,
    });
    new CompliantWorkload(chart, 'cache-headless', { namespace: ns, image: IMAGE, port: 8080 });
    expectSoc2Error(() => new CompliantWorkload(chart, 'cache', db(ns)), {
      code: 'DUPLICATE_NAME', path: 'test/cache', prop: 'storage', value: '"cache-headless"', problem: /already taken in namespace "shop" by workload "cache-headless"/, fix: /unique id or name/,
    });
  });
});

describe('CompliantWorkload storage wiring and capacity', () => {
  test('replicas reach each other only once the workload names itself: both policies, its own principal, a flow to itself', () => {
    const { app, chart } = newChart();
    const ns = namespace(chart, 'shop');
    const ledger = new CompliantWorkload(chart, 'ledger', db(ns));
    ledger.allowFrom(ledger);
    const objects = synthApp(app);
    const policy = find(objects, 'NetworkPolicy', 'ledger');
    const self = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ledger', 'app.kubernetes.io/instance': 'ledger' } } };
    expect(policy.spec.ingress).toContainEqual({ from: [self], ports: [{ port: 5432, protocol: 'TCP' }] });
    expect(policy.spec.egress).toContainEqual({ to: [self], ports: [{ port: 5432, protocol: 'TCP' }] });
    expect(find(objects, 'AuthorizationPolicy', 'ledger').spec.rules).toEqual([
      { from: [{ source: { principals: ['cluster.local/ns/shop/sa/ledger'] } }], to: [{ operation: { ports: ['5432'] } }] },
    ]);
    const report = runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-27' } });
    expect(report.findings).toEqual([]);
    expect(computeFlows(ManifestIndex.fromObjects(objects), resolveConfig({})).flows.map(f => `${endpointKey(f.from)} -> ${endpointKey(f.to)} ${f.ports.join(',')}`))
      .toContain('workload:shop/ledger -> workload:shop/ledger TCP/5432');
    expect(Object.values(SCANNERS).flatMap(scan => scan(objects))).toEqual([]);
  });

  test('a caller in another namespace may also reach the pods by name: the headless Service joins its Sidecar', () => {
    const { app, chart } = newChart();
    const ledger = new CompliantWorkload(chart, 'ledger', db(namespace(chart, 'data')));
    const api = new CompliantWorkload(chart, 'api', { namespace: namespace(chart, 'shop'), image: IMAGE, port: 8080 });
    ledger.allowFrom(api);
    const sidecar = synthApp(app).find(o => o.kind === 'Sidecar' && o.metadata.namespace === 'shop');
    expect(sidecar.spec.egress[0].hosts).toEqual(expect.arrayContaining(['data/ledger.data.svc.cluster.local', 'data/ledger-headless.data.svc.cluster.local']));
  });

  test('only a workload with storage sets a volume ownership policy and names its pods', () => {
    const { app, chart } = newChart();
    const ns = namespace(chart, 'shop');
    const api = new CompliantWorkload(chart, 'api', { namespace: ns, image: IMAGE, port: 8080 });
    const ledger = new CompliantWorkload(chart, 'ledger', db(ns));
    expect(find(synthApp(app), 'Deployment', 'api').spec.template.spec.securityContext.fsGroupChangePolicy).toBeUndefined();
    expect(ledger.podsHost).toBe('ledger-headless.shop.svc.cluster.local');
    expectSoc2Error(() => api.podsHost, {
      code: 'INVALID_PROP', path: 'test/api', prop: 'podsHost', value: '"api"', problem: /without storage, whose replicas have no stable names/, fix: /through its Service \(host\)/,
    });
  });

  test('the headless Service carries the serving port only, not the metrics port', () => {
    const objects = synthDb({ metricsPort: 9090 });
    expect(find(objects, 'Service', 'ledger-headless').spec.ports.map((p: any) => p.name)).toEqual(['tcp']);
    expect(find(objects, 'Service', 'ledger').spec.ports.map((p: any) => p.name)).toEqual(['tcp', 'metrics']);
  });

  test('a StatefulSet books no surge pod: a quota of exactly its replicas holds it', () => {
    const { chart } = newChart();
    const ns = namespace(chart, 'tight', { quota: { pods: 2 } });
    expect(() => new CompliantWorkload(chart, 'ledger', db(ns))).not.toThrow();
    expectSoc2Error(() => new CompliantWorkload(chart, 'cache', { ...db(ns), storage: { mountPath: '/srv', size: '1Gi' } }), {
      code: 'INVALID_PROP', path: 'test/cache', prop: 'replicas', value: '2', problem: /with each pod's sidecar and one surge pod per Deployment of several replicas, the workloads of namespace "tight" would need 4 pods/, fix: /at least 4/,
    });
  });

  test('the namespace quota caps claimed storage: sized to the claims, or a ceiling set in the props', () => {
    const quotaOf = (objects: any[]) => find(objects, 'ResourceQuota', 'quota').spec.hard;
    expect(quotaOf(synthDb())['requests.storage']).toBe('40Gi');
    expect(quotaOf(synthDb({ autoscaling: { maxReplicas: 5 } }))['requests.storage']).toBe('100Gi');
    const { app, chart } = newChart();
    new CompliantWorkload(chart, 'api', { namespace: namespace(chart, 'shop'), image: IMAGE, port: 8080 });
    expect('requests.storage' in quotaOf(synthApp(app))).toBe(false);
    const capped = newChart();
    const ns = namespace(capped.chart, 'shop', { quota: { storage: '50Gi' } });
    new CompliantWorkload(capped.chart, 'ledger', db(ns));
    expect(quotaOf(synthApp(capped.app))['requests.storage']).toBe('50Gi');
    expectSoc2Error(() => new CompliantWorkload(capped.chart, 'audit', { ...db(ns), storage: { mountPath: '/srv', size: '6Gi' } }), {
      code: 'INVALID_PROP', path: 'test/audit', prop: 'storage.size', value: '"6Gi"',
      problem: /one claim per replica \(2\), the stateful workloads of namespace "shop" would claim 52Gi, above its quota.storage of 50Gi/, fix: /at least 52Gi.*lower storage.size or replicas/,
    });
    expectSoc2Error(() => namespace(newChart().chart, 'bad', { quota: { storage: 'lots' } }), {
      code: 'INVALID_PROP', path: 'test/bad', prop: 'quota.storage', value: '"lots"', problem: /positive Kubernetes quantity/, fix: /16Gi/,
    });
  });

  test('an empty StorageClass (bind to volumes provisioned without a class) is passed through', () => {
    const set = find(synthDb({ storage: { mountPath: '/srv', size: '1Gi', storageClassName: '' } }), 'StatefulSet', 'ledger');
    expect(set.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('');
  });
});

describe('CompliantWorkload mount paths and sizes', () => {
  const attempt = (props: Partial<CompliantWorkloadProps>) => () => {
    const { chart } = newChart();
    new CompliantWorkload(chart, 'ledger', { ...db(namespace(chart, 'shop')), ...props });
  };

  test('storage over the default scratch directory is reported on storage.mountPath; null storage is no storage; /dev/shm is no place for data', () => {
    expectSoc2Error(attempt({ writablePaths: undefined, storage: { mountPath: '/tmp/db', size: '1Gi' } }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.mountPath', value: '"/tmp/db"', problem: /overlaps \/tmp, the scratch directory every workload gets/, fix: /outside it/,
    });
    expectSoc2Error(attempt({ storage: { mountPath: '/dev/shm/db', size: '1Gi' } }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.mountPath', value: '"/dev/shm/db"', problem: /shared memory/, fix: /application directory/,
    });
    const { app, chart } = newChart();
    new CompliantWorkload(chart, 'ledger', { ...db(namespace(chart, 'shop')), storage: null as any, writablePaths: null as any, writableRootFilesystem: null as any });
    const objects = synthApp(app);
    expect(find(objects, 'Deployment', 'ledger').spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
    expect(find(objects, 'Deployment', 'ledger').spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('a writable /dev/shm is shared memory: an emptyDir in memory, as large as the memory limit; the others stay on disk', () => {
    const volumes = (writablePaths: string[]) => {
      const { app, chart } = newChart();
      new CompliantWorkload(chart, 'w', { namespace: namespace(chart), image: IMAGE, port: 8080, writablePaths, resources: { limits: { memory: '1Gi', ephemeralStorage: '512Mi' } } });
      return find(synthApp(app), 'Deployment', 'w').spec.template.spec.volumes.filter((v: any) => v.emptyDir);
    };
    expect(volumes(['/tmp', '/dev/shm'])).toEqual([
      { name: 'tmp', emptyDir: { sizeLimit: '512Mi' } },
      { name: 'dev-shm', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
    ]);
  });

  test('kernel filesystems and whole system directories are refused, /dev/shm is not', () => {
    for (const mountPath of ['/proc', '/proc/x', '/sys', '/dev', '/dev/disk']) {
      expectSoc2Error(attempt({ storage: { mountPath, size: '1Gi' } }), {
        code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.mountPath', value: JSON.stringify(mountPath), problem: /which the container runtime provides/, fix: /application directory/,
      });
    }
    for (const dir of ['/etc', '/usr', '/var']) {
      expectSoc2Error(attempt({ writablePaths: [dir] }), {
        code: 'INVALID_PROP', path: 'test/ledger', prop: 'writablePaths[0]', value: JSON.stringify(dir), problem: new RegExp(`hide the image's whole ${dir} directory`), fix: new RegExp(`${dir}/app`),
      });
    }
    expect(attempt({ writablePaths: ['/tmp', '/dev/shm', '/etc/app', '/var/cache/app'] })).not.toThrow();
    expectSoc2Error(attempt({ storage: { mountPath: `/${'a'.repeat(4095)}`, size: '1Gi' } }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.mountPath', value: `"/${'a'.repeat(39)}…"`, problem: /longer than 4095 characters/, fix: /shorter/,
    });
  });

  test('sizes beyond what the API stores, or below a whole byte, are refused', () => {
    for (const size of ['99999999999999999999999999Ei', '1e100', '8Ei', '0.5', '1m']) {
      expectSoc2Error(attempt({ storage: { mountPath: '/srv', size } }), {
        code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.size', value: JSON.stringify(size), problem: /whole bytes, from 1 byte to just below 8Ei/, fix: /10Gi/,
      });
    }
    expect(attempt({ storage: { mountPath: '/srv', size: '7Ei' } })).not.toThrow();
  });
});

describe('CompliantWorkload singleReplica', () => {
  const reason = 'PostgreSQL without replication until the HA cluster lands (DB-12)';

  test('one replica, with the exception written as a suppression of workload-min-replicas that the engine honours', () => {
    const objects = synthDb({ singleReplica: { reason, expires: '2099-06-30' } });
    const set = find(objects, 'StatefulSet', 'ledger');
    expect(set.spec.replicas).toBe(1);
    expect(set.metadata.annotations).toEqual({ 'soc2.cdk8s.io/suppress.workload-min-replicas': `until 2099-06-30: ${reason}` });
    const report = runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-27' } });
    expect(report.findings).toEqual([]);
    expect(report.evaluations.filter(e => e.control.id === 'workload-min-replicas' && e.object.ref === 'StatefulSet/shop/ledger').map(e => [e.status, e.suppression?.reason]))
      .toEqual([['suppressed', reason]]);
    expect(Object.values(SCANNERS).flatMap(scan => scan(objects))).toEqual([]);
  });

  test('a single-replica Deployment is recreated (no second pod during a rollout), books no surge pod, and stays visible to the scanners that count replicas', () => {
    const { app, chart } = newChart();
    new CompliantWorkload(chart, 'api', { namespace: namespace(chart, 'shop', { quota: { pods: 1 } }), image: IMAGE, port: 8080, singleReplica: { reason: 'licence allows one instance (LIC-4)' } });
    const objects = synthApp(app);
    expect(find(objects, 'Deployment', 'api').spec.replicas).toBe(1);
    expect(find(objects, 'Deployment', 'api').spec.strategy).toEqual({ type: 'Recreate' });
    expect(Object.values(SCANNERS).flatMap(scan => scan(objects)).map(f => f.check).sort())
      .toEqual(['kube-score/deployment-replicas', 'kube-score/deployment-strategy', 'polaris/deploymentMissingReplicas']);
  });

  test('a single-replica worker, which no Service selects, draws only Polaris\' replica check', () => {
    const { app, chart } = newChart();
    new CompliantWorkload(chart, 'exporter', {
      namespace: namespace(chart, 'shop'), image: IMAGE, singleReplica: { reason: 'exports to the ERP must not run twice (ERP-88)' },
      liveness: HealthCheck.command(['/exporter', '--health']), readiness: HealthCheck.command(['/exporter', '--ready']),
    });
    const objects = synthApp(app);
    expect(objects.filter(o => o.kind === 'Service')).toEqual([]);
    expect(Object.values(SCANNERS).flatMap(scan => scan(objects)).map(f => f.check)).toEqual(['polaris/deploymentMissingReplicas']);
  });

  test('a second suppression of workload-min-replicas names the prop that wrote the first', () => {
    const { chart } = newChart();
    const ledger = new CompliantWorkload(chart, 'ledger', { ...db(namespace(chart, 'shop')), singleReplica: { reason } });
    expectSoc2Error(() => Compliance.suppress(ledger, 'workload-min-replicas', 'one replica is enough for the ledger'), {
      code: 'INVALID_SUPPRESSION', path: 'test/ledger', prop: 'controlId', value: '"workload-min-replicas"', problem: /already suppressed on test\/ledger\/Resource/, fix: /singleReplica/,
    });
  });

  test('refused without a reason, above one replica, with autoscaling, or past its expiry', () => {
    const attempt = (props: Partial<CompliantWorkloadProps>) => () => {
      const { chart } = newChart();
      new CompliantWorkload(chart, 'ledger', { ...db(namespace(chart, 'shop')), ...props });
    };
    expectSoc2Error(attempt({ singleReplica: { reason: '' } }), { code: 'INVALID_PROP', path: 'test/ledger', prop: 'singleReplica.reason', value: '""', fix: /./ });
    expectSoc2Error(attempt({ singleReplica: { reason }, replicas: 2 }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'replicas', value: '2', problem: /must be 1 \(or omitted\) with singleReplica/, fix: /omit replicas/,
    });
    expectSoc2Error(attempt({ singleReplica: { reason }, autoscaling: { maxReplicas: 4 } }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'singleReplica', value: JSON.stringify({ reason }), problem: /together with autoscaling/, fix: /drop one/,
    });
    expectSoc2Error(attempt({ singleReplica: { reason, expires: '2020-01-01' } }), { code: 'INVALID_PROP', path: 'test/ledger', prop: 'singleReplica.expires', value: '"2020-01-01"', fix: /./ });
    expectSoc2Error(attempt({ singleReplica: true as any }), { code: 'INVALID_PROP', path: 'test/ledger', prop: 'singleReplica', value: 'true', problem: /with a reason/, fix: /reason/ });
    expectSoc2Error(attempt({ replicas: 1 }), { code: 'INVALID_PROP', path: 'test/ledger', prop: 'replicas', value: '1', problem: /from 2/, fix: /singleReplica/ });
  });
});

describe('CompliantWorkload clusters of replicas', () => {
  test('replicas of a stateful workload reach each other on a peer port of their own, declared on the headless Service', () => {
    const { app, chart } = newChart();
    const ns = namespace(chart, 'shop');
    const kafka = new CompliantWorkload(chart, 'kafka', { ...db(ns), port: 9092, metricsPort: 9090, storage: { mountPath: '/var/lib/kafka', size: '10Gi', podManagementPolicy: 'Parallel' } });
    kafka.allowFrom(kafka);
    kafka.allowFrom(kafka, { port: 9093 });
    kafka.allowFrom(kafka, { port: 9090 });
    const objects = synthApp(app);
    expect(find(objects, 'StatefulSet', 'kafka').spec.podManagementPolicy).toBe('Parallel');
    expect(find(objects, 'Service', 'kafka-headless').spec.ports).toEqual([
      { name: 'tcp', port: 9092, targetPort: 'tcp', protocol: 'TCP', appProtocol: 'tcp' },
      { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP', appProtocol: 'http' },
      { name: 'peer-9093', port: 9093, targetPort: 9093, protocol: 'TCP', appProtocol: 'tcp' },
    ]);
    expect(find(objects, 'Service', 'kafka').spec.ports.map((p: any) => p.port)).toEqual([9092, 9090]);
    expect(find(objects, 'NetworkPolicy', 'kafka').spec.ingress.flatMap((r: any) => r.ports.map((p: any) => p.port))).toEqual(expect.arrayContaining([9092, 9093]));
    expect(runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-27' } }).findings).toEqual([]);
    expect(Object.values(SCANNERS).flatMap(scan => scan(objects))).toEqual([]);
    expect('podManagementPolicy' in find(synthDb(), 'StatefulSet', 'ledger').spec).toBe(false);
  });

  test('a peer port is for the workload itself, with storage; ports are checked before anything else', () => {
    const { chart } = newChart();
    const ns = namespace(chart, 'shop');
    const api = new CompliantWorkload(chart, 'api', { namespace: ns, image: IMAGE, port: 8080 });
    const ledger = new CompliantWorkload(chart, 'ledger', db(ns));
    expectSoc2Error(() => api.allowFrom(api, { port: 7000 }), {
      code: 'INVALID_PORT', path: 'test/api', prop: 'allowFrom(options.port)', value: '7000', problem: /not a port of workload "api"/, fix: /give the workload storage/,
    });
    expectSoc2Error(() => ledger.allowFrom(api, { port: 7000 }), {
      code: 'INVALID_PORT', path: 'test/ledger', prop: 'allowFrom(options.port)', value: '7000', problem: /not a port of workload "ledger"/, fix: /metricsPort/,
    });
    expectSoc2Error(() => ledger.allowFrom(api, { port: '5432' as any }), {
      code: 'INVALID_PORT', path: 'test/ledger', prop: 'allowFrom(options.port)', value: '"5432"', problem: /integer port/, fix: /8080/,
    });
    expectSoc2Error(() => ledger.allowFrom(ledger, { port: 15001 }), {
      code: 'INVALID_PORT', path: 'test/ledger', prop: 'allowFrom(options.port)', value: '15001', problem: /reserved by the Istio sidecar/, fix: /another port/,
    });
    expectSoc2Error(() => new CompliantWorkload(chart, 'x', { ...db(ns), storage: { mountPath: '/srv', size: '1Gi', podManagementPolicy: 'parallel' as any } }), {
      code: 'INVALID_PROP', path: 'test/x', prop: 'storage.podManagementPolicy', value: '"parallel"', problem: /not a pod management policy/, fix: /OrderedReady, Parallel/,
    });
  });
});
