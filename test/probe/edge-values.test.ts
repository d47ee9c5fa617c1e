/**
 * Probe (d): valid values at the edges — names at their length limits, names with digits, many
 * ports, no optional prop at all, every optional prop at once. Each synth succeeds and stays
 * compliant; one step past a limit fails with an error naming the construct path, prop, value and fix.
 */
import { Chart, Duration } from 'cdk8s';
import {
  CertManagedIngress, CompliantWorkload, DataClassification, HealthCheck, Issuer, Peer, PodField, Rule, SensitiveNamespace,
} from '../../index';
import { expectSoc2Error } from '../support/errors';
import { checkWithCli, one, probeApp, ProbeOutput, synthProbe, verdict } from './helpers';

const IMAGE = 'registry.example.com/team/app:1.0.0';

/** Every label value and every name of an object whose name is a DNS label, over its limit of 63. */
function overLongNames(objects: readonly Record<string, any>[]): string[] {
  const labelKinds = new Set(['Namespace', 'Service']);
  return objects.flatMap(o => [
    ...Object.entries({ ...o.metadata.labels, ...o.spec?.template?.metadata?.labels }).filter(([, v]) => String(v).length > 63).map(([k]) => `${o.kind}/${o.metadata.name} label ${k}`),
    ...labelKinds.has(o.kind) && o.metadata.name.length > 63 ? [`${o.kind}/${o.metadata.name}`] : [],
    ...o.metadata.name.length > 253 ? [`${o.kind}/${o.metadata.name}`] : [],
  ]);
}

function synth(build: (chart: Chart) => void): ProbeOutput {
  const app = probeApp();
  build(new Chart(app, 'edge'));
  return synthProbe(app);
}

describe('probe (d): values at the edges', () => {
  describe('names at their length limits: a 63-character namespace and ingress, a 50-character stateful workload', () => {
    const ns = 'n'.repeat(63);
    const wl = 'w'.repeat(50);
    const out = synth(chart => {
      const namespace = new SensitiveNamespace(chart, 'ns', { name: ns, dataClassification: DataClassification.INTERNAL, owner: 'o'.repeat(63), apiServer: { cidr: '172.18.0.2/32', port: 6443 } });
      const w = new CompliantWorkload(chart, 'w', { name: wl, namespace, image: IMAGE, port: 8080, metricsPort: 9090, storage: { mountPath: '/data', size: '1Gi' } });
      new CertManagedIngress(chart, 'i', { name: 'i'.repeat(63), host: `${'h'.repeat(63)}.example.com`, backend: w, issuer: Issuer.acmeHttp01({ email: 'pki@example.com' }) });
      w.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: `${'x'.repeat(63)}.example.com` }), { reason: 'partner feed (ORD-1)' });
      w.grant(Rule.read('configmaps', ['c'.repeat(253)]));
    });

    test('the synth is clean and no name or label value passes its limit', () => {
      expect(verdict(out)).toEqual([]);
      expect(overLongNames(out.objects)).toEqual([]);
      expect(one(out.objects, 'Service', `${wl}-headless`, ns).spec.clusterIP).toBe('None');
      expect(one(out.objects, 'Ingress', 'i'.repeat(63), ns).metadata.labels['app.kubernetes.io/name']).toBe('i'.repeat(63));
      expect(out.objects.filter(o => o.kind === 'ServiceEntry').map(o => o.metadata.name.length <= 63)).toEqual([true]);
    });

    test('one character more is refused, naming the path, the prop, the value and a fix', () => {
      const chart = new Chart(probeApp(), 'edge');
      expectSoc2Error(() => new SensitiveNamespace(chart, 'ns', { name: 'n'.repeat(64), dataClassification: DataClassification.INTERNAL, owner: 'o' }),
        { code: 'INVALID_PROP', path: 'edge/ns', prop: 'name', value: `"${'n'.repeat(64)}"`, fix: /use a name like "n{63}"/, problem: /at most 63 characters/ });
      const namespace = new SensitiveNamespace(chart, 'team', { dataClassification: DataClassification.INTERNAL, owner: 'o' });
      expectSoc2Error(() => new CompliantWorkload(chart, 'w', { name: 'w'.repeat(51), namespace, image: IMAGE, port: 8080 }),
        { code: 'INVALID_PROP', path: 'edge/w', prop: 'name', value: `"${'w'.repeat(51)}"`, fix: /use a name like "w{50}"/, problem: /is 51 characters long, and must be a DNS-1035 label .* at most 50 characters/ });
      const w = new CompliantWorkload(chart, 'ok', { namespace, image: IMAGE, port: 8080 });
      expectSoc2Error(() => new CertManagedIngress(chart, 'i', { name: 'i'.repeat(64), host: 'a.example.com', backend: w, issuer: Issuer.clusterIssuer('le') }),
        { code: 'INVALID_NAME', path: 'edge/i', prop: 'name', value: `"${'i'.repeat(64)}"`, fix: /use a name like "i{63}"/, problem: /at most 63 characters/ });
    });
  });

  test('names with digits: namespaces "123" and "1team", workloads "w2" and "v3", an egress without a host', () => {
    const out = synth(chart => {
      const digits = new SensitiveNamespace(chart, 'digits', { name: '123', dataClassification: DataClassification.INTERNAL, owner: 'team-1' });
      const team = new SensitiveNamespace(chart, 'team', { name: '1team', dataClassification: DataClassification.INTERNAL, owner: '2nd-team' });
      const w2 = new CompliantWorkload(chart, 'w2', { namespace: digits, image: IMAGE, port: 8080 });
      const v3 = new CompliantWorkload(chart, 'v3', { namespace: team, image: IMAGE, port: 8080 });
      v3.allowFrom(w2);
      w2.allowEgressTo(Peer.cidr('203.0.113.0/24', 443), { reason: 'partner feed (ORD-1)' });
    });
    expect(verdict(out)).toEqual([]);
    // Istio refuses a host whose last label is all digits, as the namespace "123" is: the host ends in ".external".
    expect(out.objects.filter(o => o.kind === 'ServiceEntry').map(o => o.spec.hosts)).toEqual([['203-0-113-0-24-tcp-443.123.external']]);
    expect(one(out.objects, 'Sidecar', 'default', '123').spec.egress[0].hosts).toContain('1team/v3.1team.svc.cluster.local');
  });

  describe('many ports: a clustered broker on 9092 with nine peer ports and metrics on port 80', () => {
    const peers = [9093, 9094, 7000, 7001, 2181, 2888, 3888, 65535, 1024];
    let broker!: CompliantWorkload;
    const out = synth(chart => {
      const namespace = new SensitiveNamespace(chart, 'team', { dataClassification: DataClassification.INTERNAL, owner: 'o' });
      broker = new CompliantWorkload(chart, 'broker', {
        namespace, image: IMAGE, port: 9092, protocol: 'tcp', metricsPort: 80, readiness: HealthCheck.command(['/bin/ready']),
        storage: { mountPath: '/data', size: '10Gi', podManagementPolicy: 'Parallel' },
      });
      for (const port of peers) broker.allowFrom(broker, { port });
    });

    test('the synth is clean, the headless Service declares every peer port and port 80 is bound without root', () => {
      expect(verdict(out)).toEqual([]);
      expect(one(out.objects, 'Service', 'broker-headless', 'team').spec.ports.map((p: any) => p.port)).toEqual([9092, ...[...peers].sort((a, b) => a - b)]);
      const pod = one(out.objects, 'StatefulSet', 'broker', 'team').spec.template.spec;
      expect(pod.securityContext.sysctls).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }]);
      expect(pod.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
      const ingress = one(out.objects, 'NetworkPolicy', 'broker', 'team').spec.ingress;
      expect(ingress.flatMap((r: any) => r.ports.map((p: any) => p.port)).sort((a: number, b: number) => a - b)).toEqual([80, ...peers].sort((a, b) => a - b));
    });

    test('a mesh port or one past 65535 among them is refused, naming allowFrom(options.port)', () => {
      expectSoc2Error(() => broker.allowFrom(broker, { port: 15001 }), { code: 'INVALID_PORT', path: 'edge/broker', prop: 'allowFrom(options.port)', value: '15001', fix: /serve on another port/, problem: /reserved by the Istio sidecar/ });
      expectSoc2Error(() => broker.allowFrom(broker, { port: 65536 }), { code: 'INVALID_PORT', path: 'edge/broker', prop: 'allowFrom(options.port)', value: '65536', fix: /e\.g\. 8080/, problem: /integer port from 1 to 65535/ });
    });
  });

  test('no optional prop at all: the documented defaults, secure and compliant', async () => {
    const out = synth(chart => {
      const namespace = new SensitiveNamespace(chart, 'team', { dataClassification: DataClassification.INTERNAL, owner: 'o' });
      const web = new CompliantWorkload(chart, 'web', { namespace, image: IMAGE, port: 8080 });
      new CertManagedIngress(chart, 'site', { host: 'www.example.com', backend: web, issuer: Issuer.clusterIssuer('le') });
    });
    expect(verdict(out)).toEqual([]);
    const d = one(out.objects, 'Deployment', 'web', 'team');
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    const c = d.spec.template.spec.containers[0];
    expect([c.livenessProbe.httpGet.path, c.readinessProbe.httpGet.path]).toEqual(['/healthz', '/readyz']);
    expect(c.resources).toEqual({ requests: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '64Mi' }, limits: { 'cpu': '500m', 'memory': '256Mi', 'ephemeral-storage': '256Mi' } });
    expect(d.spec.template.spec.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(d.spec.template.spec.securityContext.sysctls).toBeUndefined();
    expect(c.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp']);
    const cert = one(out.objects, 'Certificate', 'site', 'team').spec;
    expect([cert.duration, cert.renewBefore, cert.privateKey]).toEqual(['2160h0m0s', '720h0m0s', { algorithm: 'ECDSA', rotationPolicy: 'Always', size: 256 }]);
    expect(one(out.objects, 'ResourceQuota', 'quota', 'team').spec.hard).toMatchObject({ 'limits.cpu': '8', 'limits.memory': '16Gi', 'pods': '100' });
    const run = await checkWithCli(out);
    expect([run.code, run.stderr]).toEqual([0, '']);
  });

  test('every optional prop at once: an autoscaled StatefulSet on port 443 with files, downward API, grants and a startup probe', () => {
    const out = synth(chart => {
      const namespace = new SensitiveNamespace(chart, 'ns', {
        name: 'all-props', dataClassification: DataClassification.RESTRICTED, owner: 'team.all_props-1', access: { editors: ['oidc:editors'], viewers: ['oidc:viewers'] },
        quota: { cpu: '40', memory: '64Gi', pods: 50, storage: '500Gi' }, podSecurityVersion: 'v1.30', meshRootNamespace: 'istio-system', apiServer: { cidr: '172.18.0.2/32', port: 6443 },
      });
      const w = new CompliantWorkload(chart, 'w', {
        namespace, name: 'everything', image: `registry.example.com/team/app@sha256:${'b'.repeat(64)}`, port: 443, protocol: 'http2',
        autoscaling: { minReplicas: 3, maxReplicas: 9, cpuUtilization: 60, memoryUtilization: 75 },
        storage: { mountPath: '/var/lib/data', size: '10Gi', storageClassName: 'gp3', podManagementPolicy: 'Parallel' },
        resources: {
          requests: { cpu: '250m', memory: '256Mi', ephemeralStorage: '128Mi' }, limits: { cpu: '1', memory: '512Mi', ephemeralStorage: '1Gi' },
          sidecar: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
        },
        env: { A: '1', B: '$(A)-x', 'my.var-x': 'y' },
        podInfoEnv: { POD_NAME: PodField.POD_NAME, NS: PodField.POD_NAMESPACE, IDX: PodField.label('apps.kubernetes.io/pod-index'), ANN: PodField.annotation('example.com/x') },
        secretFiles: { 'tls-ca': { secret: 'ca', key: 'ca.crt' } }, configFiles: { 'app.yaml': { configMap: 'app-config', key: 'app.yaml' } },
        priorityClassName: 'cdk8s-soc2-workload', command: ['/bin/app'], args: ['--config', '/etc/app/app.yaml'], writablePaths: ['/tmp', '/var/cache/app'],
        liveness: HealthCheck.http('/live', 443), readiness: HealthCheck.grpc(443, 'app.v1'), startupTimeout: Duration.minutes(5),
        metricsPort: 9100, monitoringNamespace: 'monitoring', user: 20000, group: 20000, labels: { 'example.com/cost-centre': 'cc-1' }, partOf: 'suite',
      });
      w.allowFrom(w, { port: 7946 });
      w.grant(Rule.read('configmaps', ['app-config']));
    });
    expect(verdict(out)).toEqual([]);
    const sts = one(out.objects, 'StatefulSet', 'everything', 'all-props');
    const pod = sts.spec.template.spec;
    const c = pod.containers[0];
    expect(sts.spec.replicas).toBeUndefined();
    expect(one(out.objects, 'HorizontalPodAutoscaler', 'everything', 'all-props').spec).toMatchObject({ minReplicas: 3, maxReplicas: 9 });
    expect(pod.securityContext).toMatchObject({ runAsUser: 20000, runAsGroup: 20000, fsGroup: 20000, sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '443' }] });
    expect(c.env.map((e: any) => e.name)).toEqual(['POD_NAME', 'NS', 'IDX', 'ANN', 'A', 'B', 'my.var-x']);
    expect(c.startupProbe).toMatchObject({ httpGet: { path: '/live', port: 443 }, periodSeconds: 10 });
    expect(c.startupProbe.failureThreshold * c.startupProbe.periodSeconds).toBeGreaterThanOrEqual(300);
    expect(c.volumeMounts.map((m: any) => `${m.mountPath}${m.readOnly ? ' ro' : ''}`)).toEqual([
      '/tmp', '/var/cache/app', '/var/lib/data', '/var/run/secrets/app ro', '/etc/app ro', '/var/run/secrets/kubernetes.io/serviceaccount ro',
    ]);
    expect(sts.spec.template.metadata.annotations).toEqual({
      'sidecar.istio.io/proxyCPU': '50m', 'sidecar.istio.io/proxyCPULimit': '200m', 'sidecar.istio.io/proxyMemory': '64Mi', 'sidecar.istio.io/proxyMemoryLimit': '128Mi',
    });
    expect(one(out.objects, 'Namespace', 'all-props').metadata.labels['pod-security.kubernetes.io/enforce-version']).toBe('v1.30');
    expect(one(out.objects, 'ResourceQuota', 'quota', 'all-props').spec.hard).toMatchObject({ 'limits.cpu': '40', 'pods': '50', 'requests.storage': '500Gi' });
  });
});
