import { CompliantWorkload, CompliantWorkloadProps, HealthCheck, SensitiveNamespace } from '../../constructs';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
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
    expect(sts.spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect('persistentVolumeClaimRetentionPolicy' in sts.spec).toBe(false); // the default keeps the claims: data outlives the pods
  });

  test('a headless Service names the pods; the ClusterIP Service still fronts them', () => {
    expect(sts.spec.serviceName).toBe('ledger-headless');
    const headless = find(objects, 'Service', 'ledger-headless');
    expect(headless.spec).toEqual({
      type: 'ClusterIP', clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'ledger', 'app.kubernetes.io/instance': 'ledger' },
      ports: [{ name: 'tcp', port: 5432, targetPort: 'tcp', protocol: 'TCP', appProtocol: 'tcp' }],
    });
    expect(find(objects, 'Service', 'ledger').spec.clusterIP).toBeUndefined();
  });

  test('the pod keeps the restricted profile, and the set is schema-valid with zero findings from the engine and every scanner', () => {
    expect(sts.spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
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

  test('a writable path inside, around or named like the persistent volume', () => {
    expectSoc2Error(attempt({ writablePaths: ['/tmp', '/var/lib/postgresql'] }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'writablePaths[1]', value: '"/var/lib/postgresql"', problem: /overlaps storage.mountPath \/var\/lib\/postgresql\/data/, fix: /scratch directories/,
    });
    expectSoc2Error(attempt({ writablePaths: ['/data'] }), {
      code: 'INVALID_PROP', path: 'test/ledger', prop: 'writablePaths[0]', value: '"/data"', problem: /volume name "data", which the persistent storage uses/, fix: /another directory/,
    });
  });

  test('a size that is not a positive quantity, a StorageClass that is not a name, an unknown setting', () => {
    for (const size of ['0', '-1Gi', 'ten', ' 1Gi', 10 as any]) {
      expectSoc2Error(attempt({ storage: { mountPath: '/srv', size } }), {
        code: 'INVALID_PROP', path: 'test/ledger', prop: 'storage.size', value: JSON.stringify(size), problem: /positive Kubernetes quantity/, fix: /10Gi/,
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
