import { CompliantWorkload, CompliantWorkloadProps, HealthCheck, SensitiveNamespace } from '../../constructs';
import { YamlWriter } from '../../constructs/private/yaml-writer';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { expectSoc2Error } from '../support/errors';
import { allSchemaErrors } from '../support/schema';
import { find, IMAGE, namespace, newChart, synthApp } from '../support/synth';
import { SCANNERS } from '../third-party/scanners';

const SYSCTL = 'net.ipv4.ip_unprivileged_port_start';
const RESTRICTED_POD = { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } };
const PROBES = { liveness: HealthCheck.command(['/bin/alive']), readiness: HealthCheck.command(['/bin/ready']) };

/** The objects of an app with one workload `web` of the given props, and `configure` run on it after construction. */
function synthWeb(props: Partial<CompliantWorkloadProps>, configure: (web: CompliantWorkload) => void = () => undefined) {
  const { app, chart } = newChart();
  const ns: SensitiveNamespace = namespace(chart, 'shop');
  configure(new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, ...props }));
  return synthApp(app);
}

/** The pod securityContext of the workload `web`, a Deployment or (with storage) a StatefulSet. */
function podSecurity(objects: readonly any[]): Record<string, unknown> {
  const workload = objects.find(o => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.metadata.name === 'web');
  return workload.spec.template.spec.securityContext;
}

describe('CompliantWorkload on ports below 1024', () => {
  test('port 80: the pod lowers the first unprivileged port to 80, exactly, and keeps the container without capabilities', () => {
    const objects = synthWeb({ port: 80 });
    expect(podSecurity(objects)).toEqual({ ...RESTRICTED_POD, sysctls: [{ name: SYSCTL, value: '80' }] });
    const container = find(objects, 'Deployment', 'web').spec.template.spec.containers[0];
    expect(container.ports).toEqual([{ name: 'http', containerPort: 80, protocol: 'TCP' }]);
    expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('the sysctl is written after the hardened settings (keys in cdk8s\'s sorted order), its value a quoted string', () => {
    const deployment = find(synthWeb({ port: 80 }), 'Deployment', 'web');
    expect(Object.keys(deployment.spec.template.spec.securityContext)).toEqual(['fsGroup', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seccompProfile', 'sysctls']);
    expect(new YamlWriter().document(deployment)).toContain([
      '        seccompProfile:',
      '          type: RuntimeDefault',
      '        sysctls:',
      `          - name: ${SYSCTL}`,
      '            value: "80"',
    ].join('\n'));
  });

  test('the lowest port the container listens on sets it: metricsPort 443 beside port 8080', () => {
    expect(podSecurity(synthWeb({ port: 8080, metricsPort: 443 })).sysctls).toEqual([{ name: SYSCTL, value: '443' }]);
    expect(podSecurity(synthWeb({ port: 443, metricsPort: 80 })).sysctls).toEqual([{ name: SYSCTL, value: '80' }]);
    expect(podSecurity(synthWeb({ port: 80, metricsPort: 443 })).sysctls).toEqual([{ name: SYSCTL, value: '80' }]);
  });

  test('ports of 1024 and above: no sysctls key at all', () => {
    for (const props of [{ port: 8080 }, { port: 1024, metricsPort: 9090 }, { ...PROBES }, { ...PROBES, metricsPort: 9090 }]) {
      expect(podSecurity(synthWeb(props))).toEqual(RESTRICTED_POD);
      expect(podSecurity(synthWeb(props))).not.toHaveProperty('sysctls');
    }
  });

  test('a port a health check names is one the application listens on; a check on the workload\'s port or a command adds none', () => {
    expect(podSecurity(synthWeb({ ...PROBES, liveness: HealthCheck.http('/healthz', 81) })).sysctls).toEqual([{ name: SYSCTL, value: '81' }]);
    expect(podSecurity(synthWeb({ port: 8443, protocol: 'grpc', readiness: HealthCheck.grpc(444) })).sysctls).toEqual([{ name: SYSCTL, value: '444' }]);
    expect(podSecurity(synthWeb({ port: 8080, readiness: HealthCheck.tcp(1023), liveness: HealthCheck.http('/healthz') })).sysctls).toEqual([{ name: SYSCTL, value: '1023' }]);
    expect(podSecurity(synthWeb({ port: 8080, liveness: HealthCheck.http('/healthz', 8081), readiness: HealthCheck.command(['/bin/ready']) }))).not.toHaveProperty('sysctls');
  });

  test('a port the replicas of a stateful workload reach each other on counts, even when allowed after construction', () => {
    const storage = { mountPath: '/var/lib/data', size: '10Gi' };
    const db = { port: 5432, protocol: 'tcp' as const, readiness: HealthCheck.command(['/bin/ready']), storage };
    expect(podSecurity(synthWeb(db, web => web.allowFrom(web, { port: 700 })))).toEqual({ ...RESTRICTED_POD, fsGroupChangePolicy: 'OnRootMismatch', sysctls: [{ name: SYSCTL, value: '700' }] });
    expect(podSecurity(synthWeb(db, web => web.allowFrom(web, { port: 7000 })))).not.toHaveProperty('sysctls');
  });

  test('the engine reports zero findings, pod-no-unsafe-sysctls passes the pod, the objects are schema-valid and every scanner mirror is clean', () => {
    const objects = synthWeb({ port: 80, metricsPort: 443 });
    expect(podSecurity(objects).sysctls).toEqual([{ name: SYSCTL, value: '80' }]);
    const report = runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-28' } });
    expect(report.findings.map(f => `${f.controlId} ${f.object.ref}: ${f.message}`)).toEqual([]);
    expect(report.evaluations.filter(e => e.control.id === 'pod-no-unsafe-sysctls' && e.object.kind === 'Deployment').map(e => [e.object.name, e.status]))
      .toEqual([['web', 'passed']]);
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(Object.values(SCANNERS).flatMap(scan => scan(objects))).toEqual([]);
  });

  test('no prop sets sysctls or the pod securityContext, so none can conflict with the workload\'s own', () => {
    const { chart } = newChart();
    const ns = namespace(chart, 'shop');
    for (const prop of ['sysctls', 'securityContext']) {
      expectSoc2Error(() => new CompliantWorkload(chart, `w-${prop.toLowerCase()}`, { namespace: ns, image: IMAGE, port: 80, [prop]: [{ name: SYSCTL, value: '0' }] } as CompliantWorkloadProps), {
        code: 'INVALID_PROP', path: `test/w-${prop.toLowerCase()}`, prop, value: `[{"name":"${SYSCTL}","value":"0"}]`, problem: /is not a prop of this construct/, fix: /remove it/,
      });
    }
  });
});
