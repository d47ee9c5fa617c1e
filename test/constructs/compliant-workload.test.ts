import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Duration, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { Compliance, CompliantApp, CompliantWorkload, HealthCheck, Peer, Rule, Soc2Error } from '../../constructs';
import { YamlWriter } from '../../constructs/private/yaml-writer';
import { resolveConfig } from '../../src/compliance/config';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { computeFlows } from '../../src/compliance/network/flows';
import { expectSoc2Error } from '../support/errors';
import { allSchemaErrors } from '../support/schema';
import { find, IMAGE, namespace, newChart, synthApp } from '../support/synth';

function defaults() {
  const { app, chart } = newChart();
  const ns = namespace(chart, 'shop');
  new CompliantWorkload(chart, 'api', { namespace: ns, image: IMAGE, port: 8080 });
  return synthApp(app);
}

describe('CompliantWorkload defaults', () => {
  const objects = defaults();
  const deployment = find(objects, 'Deployment', 'api');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  test('the emitted set matches the reviewed snapshot', () => {
    expect(objects.filter(o => o.metadata.namespace === 'shop' && o.metadata.name === 'api' || o.kind === 'PriorityClass')).toMatchSnapshot();
  });

  test('schema-valid, zero findings, and exactly the expected objects', () => {
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(objects.filter(o => o.metadata.name === 'api').map(o => o.kind).sort())
      .toEqual(['Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
    expect(find(objects, 'PriorityClass', 'cdk8s-soc2-workload').value).toBe(100000);
  });

  test('the pod runs the restricted profile: non-root user and group of 10000 or more, seccomp RuntimeDefault', () => {
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.hostNetwork ?? false).toBe(false);
    expect(pod.hostPID ?? false).toBe(false);
    expect(pod.hostIPC ?? false).toBe(false);
    expect(pod.priorityClassName).toBe('cdk8s-soc2-workload');
  });

  test('emits the library\'s PriorityClass once when a workload names it or leaves it unset, and not for a class of the cluster', () => {
    const classes = (names: (string | undefined)[]) => {
      const { app, chart } = newChart('shop');
      const ns = namespace(chart, 'shop');
      names.forEach((priorityClassName, i) => new CompliantWorkload(chart, `w${i}`, { namespace: ns, image: IMAGE, port: 8080, priorityClassName }));
      return synthApp(app).filter(o => o.kind === 'PriorityClass').map(o => o.metadata.name);
    };
    expect(classes(['cdk8s-soc2-workload'])).toEqual(['cdk8s-soc2-workload']);
    expect(classes([undefined, 'cdk8s-soc2-workload'])).toEqual(['cdk8s-soc2-workload']);
    expect(classes(['platform-high'])).toEqual([]);
  });

  test('the container drops every capability, cannot escalate, and has a read-only root filesystem', () => {
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
      runAsUser: 10001, runAsGroup: 10001, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
  });

  test('each writable path may fill the container\'s ephemeral-storage limit, whatever it is', () => {
    const { chart } = newChart();
    const w = new CompliantWorkload(chart, 'w', { namespace: namespace(chart), image: IMAGE, port: 8080, writablePaths: ['/tmp', '/var/cache/app'], resources: { limits: { ephemeralStorage: '8Gi' } } });
    const spec = Testing.synth(Chart.of(w)).find(o => o.kind === 'Deployment').spec.template.spec;
    expect(spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '8Gi' } }, { name: 'var-cache-app', emptyDir: { sizeLimit: '8Gi' } }]);
    expect(spec.containers[0].resources.limits['ephemeral-storage']).toBe('8Gi');
  });

  test('distinct writable directories whose volume names would be alike each get a volume of their own', () => {
    const { chart } = newChart();
    const long = `/var/cache/${'x'.repeat(60)}`;
    const w = new CompliantWorkload(chart, 'w', {
      namespace: namespace(chart, 'team', { apiServer: { cidr: '172.18.0.2/32', port: 6443 } }), image: IMAGE, port: 8080, secretFiles: { token: { secret: 's', key: 'token' } },
      configFiles: { 'app.yaml': { configMap: 'c', key: 'app.yaml' } },
      writablePaths: ['/var/cache', '/var-cache', '/secrets', '/kube-api-access', '/config-files', '/Data', '/data', `${long}-a`, `${long}-b`],
    });
    w.grant(Rule.read('configmaps', ['c']));
    const spec = Testing.synth(Chart.of(w)).find(o => o.kind === 'Deployment').spec.template.spec;
    const names: string[] = spec.volumes.map((v: any) => v.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    // The first of alike names keeps the readable one; the pod's own volumes keep theirs.
    expect(names.slice(0, 3)).toEqual(['var-cache', expect.stringMatching(/^var-cache-[0-9a-f]{8}$/), expect.stringMatching(/^secrets-[0-9a-f]{8}$/)]);
    expect(names).toEqual(expect.arrayContaining(['secrets', 'kube-api-access', 'config-files', 'data']));
    expect(spec.containers[0].volumeMounts.filter((m: any) => !m.readOnly).map((m: any) => [m.mountPath, spec.volumes.find((v: any) => v.name === m.name).emptyDir]))
      .toEqual(['/var/cache', '/var-cache', '/secrets', '/kube-api-access', '/config-files', '/Data', '/data', `${long}-a`, `${long}-b`].map(p => [p, { sizeLimit: '256Mi' }]));
  });

  test('a writable directory named like a volume Istio\'s injector adds gets a volume of its own, never merged with the sidecar\'s', () => {
    const { chart } = newChart();
    const paths = ['/istio-envoy', '/istio-data', '/istio-podinfo', '/istio-token', '/istiod-ca-cert', '/istio-certs', '/workload-socket', '/credential-socket', '/workload-certs'];
    const w = new CompliantWorkload(chart, 'w', { namespace: namespace(chart), image: IMAGE, port: 8080, writablePaths: paths });
    const spec = Testing.synth(Chart.of(w)).find(o => o.kind === 'Deployment').spec.template.spec;
    expect(spec.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(paths);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(paths.map(p => expect.stringMatching(new RegExp(`^${p.slice(1)}-[0-9a-f]{8}$`))));
  });

  test('requests and limits for cpu, memory and ephemeral storage; pinned image always pulled', () => {
    expect(container.resources).toEqual({
      requests: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '64Mi' },
      limits: { 'cpu': '500m', 'memory': '256Mi', 'ephemeral-storage': '256Mi' },
    });
    expect(container.image).toBe(IMAGE);
    expect(container.imagePullPolicy).toBe('Always');
  });

  test('distinct liveness and readiness probes', () => {
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
  });

  test('own ServiceAccount, token not mounted without API rights', () => {
    expect(pod.serviceAccountName).toBe('api');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(find(objects, 'ServiceAccount', 'api').automountServiceAccountToken).toBe(false);
  });

  test('availability: two replicas, a disruption budget that allows eviction, spread over nodes and zones', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(find(objects, 'PodDisruptionBudget', 'api').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: deployment.spec.selector.matchLabels } });
    expect(pod.topologySpreadConstraints.map((c: any) => c.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
  });

  test('ClusterIP Service only', () => {
    const svc = find(objects, 'Service', 'api');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' }]);
  });

  test('app.kubernetes.io labels, instance equal to the name', () => {
    expect(deployment.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api', 'app.kubernetes.io/part-of': 'shop',
      'app.kubernetes.io/managed-by': 'cdk8s-soc2',
    });
  });

  test('the NetworkPolicy admits nobody (a source no namespace matches) and reaches only DNS until peers are named; no AuthorizationPolicy yet', () => {
    const np = find(objects, 'NetworkPolicy', 'api').spec;
    expect(np.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'api' } });
    expect(np.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np.ingress).toEqual([{
      from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'DoesNotExist' }] } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
    expect(np.egress).toHaveLength(1);
    expect(np.egress[0].ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
    expect(objects.filter(o => o.kind === 'AuthorizationPolicy' && o.metadata.name === 'api')).toEqual([]);
  });

  test('the network model agrees: nothing flows into a workload without named callers', () => {
    const model = computeFlows(ManifestIndex.fromObjects(objects), resolveConfig());
    expect(model.flows.filter(f => f.to.type === 'workload')).toEqual([]);
  });
});

describe('CompliantWorkload wiring', () => {
  function platform() {
    const { app, chart } = newChart();
    const shop = namespace(chart, 'shop');
    const pay = namespace(chart, 'pay', { apiServer: { cidr: '10.0.0.1/32' } });
    const web = new CompliantWorkload(chart, 'web', { namespace: shop, image: IMAGE, port: 8080, metricsPort: 9090 });
    const api = new CompliantWorkload(chart, 'api', { namespace: pay, image: IMAGE, port: 8443 });
    return { app, chart, shop, pay, web, api };
  }

  test('allowFrom across namespaces: ingress on the callee, egress on the caller, principal in Istio, sidecar host', () => {
    const { app, web, api } = platform();
    api.allowFrom(web);
    api.allowFrom(web); // idempotent
    const objects = synthApp(app);
    expect(allSchemaErrors(objects)).toEqual([]);
    const apiNp = find(objects, 'NetworkPolicy', 'api', 'pay').spec;
    expect(apiNp.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' } } }],
      ports: [{ port: 8443, protocol: 'TCP' }],
    }]);
    const webNp = find(objects, 'NetworkPolicy', 'web', 'shop').spec;
    expect(webNp.egress[1]).toEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'pay' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api' } } }],
      ports: [{ port: 8443, protocol: 'TCP' }],
    });
    expect(find(objects, 'AuthorizationPolicy', 'api', 'pay').spec).toEqual({
      action: 'ALLOW',
      selector: { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api' } },
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/web'] } }], to: [{ operation: { ports: ['8443'] } }] }],
    });
    expect(find(objects, 'Sidecar', 'default', 'shop').spec.egress[0].hosts).toEqual(['./*', 'istio-system/*', 'pay/api.pay.svc.cluster.local']);
  });

  test('a metrics port is reachable only from the monitoring namespace', () => {
    const { app } = platform();
    const objects = synthApp(app);
    expect(find(objects, 'NetworkPolicy', 'web', 'shop').spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
      ports: [{ port: 9090, protocol: 'TCP' }],
    }]);
    expect(find(objects, 'AuthorizationPolicy', 'web', 'shop').spec.rules).toEqual([
      { from: [{ source: { namespaces: ['monitoring'] } }], to: [{ operation: { ports: ['9090'] } }] },
    ]);
  });

  test('external egress names the range, the port, the host and the reason, and registers the host in the mesh', () => {
    const { app, api } = platform();
    api.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: 'api.processor.example.com' }), { reason: 'card authorisations for checkout' });
    const objects = synthApp(app);
    const np = find(objects, 'NetworkPolicy', 'api', 'pay');
    expect(np.metadata.annotations['soc2.cdk8s.io/egress-reasons']).toBe('203.0.113.0/24 TCP/443 (api.processor.example.com): card authorisations for checkout');
    expect(np.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443, protocol: 'TCP' }] });
    const se = objects.find(o => o.kind === 'ServiceEntry');
    expect(se.spec).toEqual({
      hosts: ['api.processor.example.com'], addresses: ['203.0.113.0/24'], exportTo: ['.'], location: 'MESH_EXTERNAL',
      resolution: 'NONE', ports: [{ number: 443, name: 'tls-443', protocol: 'TLS' }],
    });
    expect(allSchemaErrors(objects)).toEqual([]);
  });

  test('workloads of a namespace that reach the same host share one ServiceEntry with every range and port, as Istio keeps one service per host and namespace', () => {
    const { app, chart, pay, api, web } = platform();
    const refunds = new CompliantWorkload(chart, 'refunds', { namespace: pay, image: IMAGE, port: 8080 });
    api.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: 'api.processor.example.com' }), { reason: 'card authorisations for checkout' });
    api.allowEgressTo(Peer.cidr('198.51.100.0/24', 443, { host: 'api.processor.example.com' }), { reason: 'card authorisations, second site' });
    refunds.allowEgressTo(Peer.cidr('203.0.113.0/24', 8443, { host: 'api.processor.example.com' }), { reason: 'refund status for the shop pages' });
    refunds.allowEgressTo(Peer.cidr('192.0.2.0/24', 53, { protocol: 'UDP' }), { reason: 'resolves through the partner resolver' });
    web.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: 'api.processor.example.com' }), { reason: 'card tokens from the browser flow' });
    const objects = synthApp(app);
    const entries = objects.filter(o => o.kind === 'ServiceEntry').map(e => [e.metadata.namespace, e.spec.hosts[0], e]);
    expect(entries.map(([ns, host]) => `${ns} ${host}`).sort()).toEqual([
      'pay 192-0-2-0-24-udp-53.pay.external', 'pay api.processor.example.com', 'shop api.processor.example.com',
    ]);
    const shared = entries.find(([ns, host]) => ns === 'pay' && host === 'api.processor.example.com')![2];
    expect(shared.spec).toEqual({
      hosts: ['api.processor.example.com'], addresses: ['198.51.100.0/24', '203.0.113.0/24'], exportTo: ['.'], location: 'MESH_EXTERNAL', resolution: 'NONE',
      ports: [{ number: 443, name: 'tls-443', protocol: 'TLS' }, { number: 8443, name: 'tls-8443', protocol: 'TLS' }],
    });
    expect(shared.metadata.annotations['soc2.cdk8s.io/reason']).toBe(
      'api: card authorisations for checkout\napi: card authorisations, second site\nrefunds: refund status for the shop pages');
    const udp = entries.find(([, host]) => host.endsWith('.external'))![2];
    expect(udp.metadata.annotations['soc2.cdk8s.io/reason']).toBe('resolves through the partner resolver');
    expect(allSchemaErrors(objects)).toEqual([]);
  });

  test('a range written two ways is one address of the shared ServiceEntry, and a prefix length with a leading zero is refused', () => {
    const { app, chart, pay, api } = platform();
    const refunds = new CompliantWorkload(chart, 'refunds', { namespace: pay, image: IMAGE, port: 8080 });
    api.allowEgressTo(Peer.cidr('2001:db8::/32', 443, { host: 'api.processor.example.com' }), { reason: 'card authorisations over IPv6' });
    refunds.allowEgressTo(Peer.cidr('2001:0db8::/32', 443, { host: 'api.processor.example.com' }), { reason: 'refunds over IPv6' });
    const entry = synthApp(app).find(o => o.kind === 'ServiceEntry');
    expect(entry.spec.addresses).toEqual(['2001:db8::/32']);
    expect(() => api.allowEgressTo(Peer.cidr('203.0.113.0/024', 443), { reason: 'the partner API over TLS' })).toThrow(/allowEgressTo\(peer.cidr\) = "203.0.113.0\/024": is not an IPv4 or IPv6 CIDR/);
  });

  test('every spelling of a range, in either call order, gives the same YAML: the range as RFC 5952 writes it', () => {
    const yamlOf = (aCidr: string, bCidr: string, bFirst: boolean): string => {
      const { app, chart, pay } = platform();
      const a = new CompliantWorkload(chart, 'a', { namespace: pay, image: IMAGE, port: 8080 });
      const b = new CompliantWorkload(chart, 'b', { namespace: pay, image: IMAGE, port: 8080 });
      const calls = [
        () => a.allowEgressTo(Peer.cidr(aCidr, 443, { host: 'v6.example.com' }), { reason: 'IPv6 partner (P-6)' }),
        () => b.allowEgressTo(Peer.cidr(bCidr, 443, { host: 'v6.example.com' }), { reason: 'IPv6 partner (P-6)' }),
      ];
      for (const call of bFirst ? calls.reverse() : calls) call();
      const writer = new YamlWriter();
      return synthApp(app).map(o => writer.document(o)).join('---\n');
    };
    const expected = yamlOf('2001:db8::/64', '2001:db8::/64', false);
    for (const [aCidr, bCidr] of [['2001:db8::/64', '2001:DB8:0:0::/64'], ['2001:0DB8:0000:0000:0000:0000:0000:0000/64', '2001:db8:0::/64']]) {
      for (const bFirst of [false, true]) expect(yamlOf(aCidr, bCidr, bFirst)).toBe(expected);
    }
    const objects = parseAllDocuments(expected).map(d => d.toJS());
    expect(find(objects, 'ServiceEntry', 'egress-v6-example-com', 'pay').spec.addresses).toEqual(['2001:db8::/64']);
    for (const name of ['a', 'b']) {
      const policy = find(objects, 'NetworkPolicy', name, 'pay');
      expect(policy.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '2001:db8::/64' } }], ports: [{ port: 443, protocol: 'TCP' }] });
      expect(policy.metadata.annotations['soc2.cdk8s.io/egress-reasons']).toBe('2001:db8::/64 TCP/443 (v6.example.com): IPv6 partner (P-6)');
    }
  });

  test('the API server range is written as RFC 5952 writes it, however apiServer.cidr spells it', () => {
    const { app, chart } = newChart();
    const ns = namespace(chart, 'v6', { apiServer: { cidr: '2001:DB8:0:0:0:0:0:10/128', port: 6443 } });
    new CompliantWorkload(chart, 'reader', { namespace: ns, image: IMAGE, port: 8080 }).grant(Rule.read('configmaps', ['reader-config']));
    const policy = find(synthApp(app), 'NetworkPolicy', 'reader', 'v6');
    expect(policy.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '2001:db8::10/128' } }], ports: [{ port: 6443, protocol: 'TCP' }] });
    expect(policy.metadata.annotations['soc2.cdk8s.io/egress-reasons']).toMatch(/^2001:db8::10\/128 TCP\/6443: the Kubernetes API server/);
  });

  test('hosts that differ only in "." and "-" get ServiceEntries of their own', () => {
    const { app, api } = platform();
    api.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: 'api.stripe.com' }), { reason: 'card payments through the processor' });
    api.allowEgressTo(Peer.cidr('198.51.100.0/24', 443, { host: 'api-stripe.com' }), { reason: 'the processor\'s second brand' });
    const names = synthApp(app).filter(o => o.kind === 'ServiceEntry').map(o => o.metadata.name).sort();
    expect(names).toEqual(['egress-api--stripe-com', 'egress-api-stripe-com']);
  });

  test('grant: a Role on named objects, a binding to the ServiceAccount, a short-lived token projected, egress to the API server', () => {
    const { app, api } = platform();
    api.grant(Rule.read('configmaps', ['api-config']));
    const objects = synthApp(app);
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(find(objects, 'Role', 'api', 'pay').rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'], resourceNames: ['api-config'] }]);
    expect(find(objects, 'RoleBinding', 'api', 'pay').subjects).toEqual([{ kind: 'ServiceAccount', name: 'api', namespace: 'pay' }]);
    const pod = find(objects, 'Deployment', 'api', 'pay').spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true });
    expect(pod.volumes.find((v: any) => v.name === 'kube-api-access').projected.sources[0]).toEqual({ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } });
    expect(find(objects, 'NetworkPolicy', 'api', 'pay').spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '10.0.0.1/32' } }], ports: [{ port: 443, protocol: 'TCP' }] });
    // The namespace's REGISTRY_ONLY Sidecar lets the proxy route to the kubernetes Service.
    expect(find(objects, 'Sidecar', 'default', 'pay').spec.egress[0].hosts).toContain('default/kubernetes.default.svc.cluster.local');
  });

  test('the AuthorizationPolicy, Role and RoleBinding are written in one order, whether grant or allowFrom comes first', () => {
    const written = (grantFirst: boolean) => {
      const { app, web, api } = platform();
      const grant = () => api.grant(Rule.read('configmaps', ['api-config']));
      if (grantFirst) grant();
      api.allowFrom(web);
      if (!grantFirst) grant();
      return synthApp(app);
    };
    const allowFirst = written(false);
    const apiKinds = allowFirst.filter(o => o.metadata.namespace === 'pay' && o.metadata.name === 'api').map(o => o.kind);
    expect(apiKinds.slice(-3)).toStrictEqual(['AuthorizationPolicy', 'Role', 'RoleBinding']);
    expect(JSON.stringify(written(true))).toBe(JSON.stringify(allowFirst));
    expect(find(written(true), 'Role', 'api', 'pay').rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'], resourceNames: ['api-config'] }]);
  });

  test('secrets are mounted read-only as files, never as environment values', () => {
    const { app, chart, shop } = platform();
    new CompliantWorkload(chart, 'db-client', {
      namespace: shop, image: IMAGE, port: 8080, env: { MODE: 'live' },
      secretFiles: { 'db-password': { secret: 'db', key: 'password' }, 'tls.key': { secret: 'tls', key: 'key' } },
    });
    const pod = find(synthApp(app), 'Deployment', 'db-client').spec.template.spec;
    expect(pod.containers[0].env).toEqual([{ name: 'MODE', value: 'live' }]);
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'secrets', mountPath: '/var/run/secrets/app', readOnly: true });
    expect(pod.volumes).toContainEqual({
      name: 'secrets',
      projected: {
        defaultMode: 0o440,
        sources: [
          { secret: { name: 'db', items: [{ key: 'password', path: 'db-password' }] } },
          { secret: { name: 'tls', items: [{ key: 'key', path: 'tls.key' }] } },
        ],
      },
    });
  });

  test('env is written in declaration order when every value refers to variables declared before it', () => {
    const { app, chart, shop } = platform();
    new CompliantWorkload(chart, 'db-client', {
      namespace: shop, image: IMAGE, port: 8080,
      env: { PGHOST: 'db', PGPORT: '5432', DATABASE_URL: 'postgres://$(PGHOST):$(PGPORT)/app', ANNOUNCE: 'costs $$(PRICE) and $(KUBERNETES_SERVICE_HOST)', A_LAST: 'x' },
    });
    const env = find(synthApp(app), 'Deployment', 'db-client').spec.template.spec.containers[0].env;
    expect(env).toEqual([
      { name: 'PGHOST', value: 'db' }, { name: 'PGPORT', value: '5432' }, { name: 'DATABASE_URL', value: 'postgres://$(PGHOST):$(PGPORT)/app' },
      { name: 'ANNOUNCE', value: 'costs $$(PRICE) and $(KUBERNETES_SERVICE_HOST)' }, { name: 'A_LAST', value: 'x' },
    ]);
  });

  test('a variable is written after the variables it refers to, whatever the order of the keys (a spread keeps an overridden key in its first place)', () => {
    const { app, chart, shop } = platform();
    const defaults = { DATABASE_URL: 'postgres://localhost:5432/app', DB_HOST: 'localhost', LOG_LEVEL: 'info' };
    new CompliantWorkload(chart, 'db-client', {
      namespace: shop, image: IMAGE, port: 8080,
      env: { ...defaults, DB_HOST: 'ledger.payments.svc.cluster.local', DATABASE_URL: 'postgres://$(DB_HOST):$(DB_PORT)/app', DB_PORT: '5432' },
    });
    const env = find(synthApp(app), 'Deployment', 'db-client').spec.template.spec.containers[0].env;
    expect(env.map((e: { name: string }) => e.name)).toEqual(['DB_HOST', 'LOG_LEVEL', 'DB_PORT', 'DATABASE_URL']);
    // A variable that only waits for a cycle is not reported; the cycle is.
    expect(() => new CompliantWorkload(chart, 'cycle', { namespace: shop, image: IMAGE, port: 8080, env: { A: '$(B)', B: '$(C)', C: '$(B)' } }))
      .toThrow(/env.B = "\$\(C\)": refers to C, which refers back to B.*env.C = "\$\(B\)": refers to B, which refers back to C/s);
  });

  test('startupTimeout gives a slow starter a startup probe (its liveness check) that holds liveness back until the time is up', () => {
    const { app, chart, shop } = platform();
    new CompliantWorkload(chart, 'jvm', { namespace: shop, image: IMAGE, port: 8080, startupTimeout: Duration.minutes(5) });
    new CompliantWorkload(chart, 'plain', { namespace: shop, image: IMAGE, port: 8080 });
    new CompliantWorkload(chart, 'db', {
      namespace: shop, image: IMAGE, port: 5432, protocol: 'tcp', readiness: HealthCheck.command(['pg_isready']), startupTimeout: Duration.seconds(95),
    });
    const objects = synthApp(app);
    const jvm = find(objects, 'Deployment', 'jvm').spec.template.spec.containers[0];
    expect(jvm.startupProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 31 });
    expect(jvm.livenessProbe.httpGet).toEqual(jvm.startupProbe.httpGet);
    const db = find(objects, 'Deployment', 'db').spec.template.spec.containers[0];
    expect(db.startupProbe).toEqual({ tcpSocket: { port: 'tcp' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 11 });
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-28' } }).findings).toEqual([]);
    // Without it, no startup probe.
    expect(find(objects, 'Deployment', 'plain').spec.template.spec.containers[0]).not.toHaveProperty('startupProbe');
  });

  test('hundreds of variables are ordered, and a dense cycle among them reported, variable by variable', () => {
    const { app, chart, shop } = platform();
    const chain: Record<string, string> = {};
    for (let i = 300; i >= 1; i--) chain[`V${i}`] = i === 1 ? 'x' : `$(V${i - 1})`;
    new CompliantWorkload(chart, 'chain', { namespace: shop, image: IMAGE, port: 8080, env: chain });
    const env = find(synthApp(app), 'Deployment', 'chain').spec.template.spec.containers[0].env;
    expect(env.map((e: { name: string }) => e.name)).toEqual(Array.from({ length: 300 }, (_, i) => `V${i + 1}`));
    const dense: Record<string, string> = {};
    const names = Array.from({ length: 150 }, (_, i) => `D${i}`);
    for (const n of names) dense[n] = names.filter(m => m !== n).map(m => `$(${m})`).join(',');
    let thrown: unknown;
    try {
      new CompliantWorkload(chart, 'dense', { namespace: shop, image: IMAGE, port: 8080, env: dense });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Soc2Error);
    expect((thrown as Error).message.match(/refers back to/g)).toHaveLength(150);
  });

  test('a writable root filesystem is an exception with a reason written as a suppression', () => {
    const { app, chart, shop } = platform();
    new CompliantWorkload(chart, 'legacy', { namespace: shop, image: IMAGE, port: 8080, writableRootFilesystem: { reason: 'vendor image writes /var/cache; tracked in SEC-142', expires: '2099-03-31' } });
    const d = find(synthApp(app), 'Deployment', 'legacy');
    expect(d.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(d.metadata.annotations).toEqual({ 'soc2.cdk8s.io/suppress.pod-read-only-root-fs': 'until 2099-03-31: vendor image writes /var/cache; tracked in SEC-142' });
  });

  test('Compliance.suppress writes the reasoned annotation on the Deployment, and one that silences nothing fails the synth', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-suppress-'));
    const app = new CompliantApp({ outdir, reportDir: false, compliance: { allowedRegistries: ['registry.internal/'] } });
    const chart = new Chart(app, 'shop');
    const web = new CompliantWorkload(chart, 'web', { namespace: namespace(chart, 'shop'), image: IMAGE, port: 8080 });
    Compliance.suppress(web, 'image-registry-allowed', 'vendor image until the mirror lands (SEC-142)', { expires: '2099-01-01' });
    app.synth();
    const objects = parseAllDocuments(fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8')).map(d => d.toJS());
    expect(find(objects, 'Deployment', 'web').metadata.annotations)
      .toEqual({ 'soc2.cdk8s.io/suppress.image-registry-allowed': 'until 2099-01-01: vendor image until the mirror lands (SEC-142)' });
    Compliance.suppress(web, 'image-pull-policy-always', 'images are pinned by digest and mirrored locally');
    expect(() => app.synth()).toThrow(/suppression-needed on Deployment\/shop\/web .*suppresses image-pull-policy-always, which has nothing to report on this object/s);
  });

  test('a hand-written privileged pod in the same app fails the synth with control, object, path and fix', () => {
    const { chart } = platform();
    new ApiObject(chart, 'rogue', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'rogue', namespace: 'shop' },
      spec: { containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }] },
    });
    expect(() => Testing.synth(chart)).toThrow(/pod-no-privileged on Pod\/shop\/rogue \(test\/rogue\).*Fix:/s);
  });
});

describe('CompliantWorkload refuses bad input', () => {
  const base = (ns: any) => ({ namespace: ns, image: IMAGE, port: 8080 });
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an untagged image', { image: 'registry.example.com/team/app' }, /INVALID_PROP.*test\/w.*image = "registry.example.com\/team\/app": has no tag.*Fix: pin the image by digest/s],
    ['a :latest image', { image: 'nginx:latest' }, /image = "nginx:latest": uses the mutable :latest tag/],
    ['a malformed digest', { image: 'nginx@sha256:abc' }, /image = "nginx@sha256:abc": has a malformed digest/],
    ['an invalid image reference', { image: 'Registry/App:1.0' }, /image = "Registry\/App:1.0": is not a valid image reference/],
    ['port 0', { port: 0 }, /port = 0: must be an integer port from 1 to 65535/],
    ['port 70000', { port: 70000 }, /port = 70000: must be an integer port/],
    ['a fractional port', { port: 80.5 }, /port = 80.5: must be an integer port/],
    ['a metrics port equal to the port', { metricsPort: 8080 }, /metricsPort = 8080: is the same as port/],
    ['zero replicas', { replicas: 0 }, /replicas = 0: must be an integer from 2.*Fix: omit replicas/s],
    ['one replica', { replicas: 1 }, /replicas = 1: must be an integer from 2/],
    ['a replica count that is not a number', { replicas: Number.NaN }, /replicas = NaN: must be an integer from 2/],
    ['limits below requests', { resources: { requests: { cpu: '2' }, limits: { cpu: '500m' } } }, /resources.limits.cpu = "500m": is below the request 2.*Fix: raise the limit to at least 2/s],
    ['a malformed quantity', { resources: { requests: { memory: '1 GB' } } }, /resources.requests.memory = "1 GB": must be a positive Kubernetes quantity. Fix: did you mean "1Gi"\?/],
    ['memory in megabytes as other tools write them', { resources: { limits: { memory: '512mb' } } },
      /- resources.limits.memory = "512mb": must be a positive Kubernetes quantity. Fix: did you mean "512Mi"\? \(Kubernetes writes binary units Ki, Mi, Gi\)$/m],
    ['memory in gigabytes that are no whole number of bytes in gibibytes, with a whole amount of the next unit', { resources: { limits: { memory: '1.1GB' } } },
      /- resources.limits.memory = "1.1GB": must be a positive Kubernetes quantity. Fix: did you mean "1127Mi"\? \(Kubernetes writes binary units Ki, Mi, Gi; "1.1Gi" is no whole number of bytes\)$/m],
    ['a fraction of a kilobyte, in whole bytes', { resources: { requests: { memory: '0.3kb' } } },
      /- resources.requests.memory = "0.3kb": .*Fix: did you mean "308"\? \(Kubernetes writes binary units Ki, Mi, Gi; "0.3Ki" is no whole number of bytes\)$/m],
    ['zero in gigabytes, with an example rather than another zero', { resources: { limits: { memory: '0GB' } } }, /- resources.limits.memory = "0GB": must be a positive Kubernetes quantity. Fix: e.g. "512Mi"$/m],
    ['a number in gigabytes with more digits than a quantity takes, with an example', { resources: { limits: { memory: `${'9'.repeat(41)}GB` } } },
      /- resources.limits.memory = "9+GB": must be a positive Kubernetes quantity. Fix: e.g. "512Mi"$/m],
    ['a memory limit that is no quantity at all, with a byte example', { resources: { limits: { memory: 'lots' } } }, /- resources.limits.memory = "lots": must be a positive Kubernetes quantity. Fix: e.g. "512Mi"$/m],
    ['an ephemeral-storage request that is no quantity, with a byte example', { resources: { requests: { ephemeralStorage: 'some' } } },
      /- resources.requests.ephemeralStorage = "some": must be a positive Kubernetes quantity. Fix: e.g. "256Mi"$/m],
    ['a CPU limit in words, with a CPU example', { resources: { limits: { cpu: 'two' } } }, /- resources.limits.cpu = "two": must be a positive Kubernetes quantity. Fix: e.g. "500m" \(half a CPU\) or "1"$/m],
    ['a CPU request in words, with a CPU example', { resources: { requests: { cpu: 'some' } } }, /- resources.requests.cpu = "some": must be a positive Kubernetes quantity. Fix: e.g. "250m" \(a quarter of a CPU\) or "1"$/m],
    ['a sidecar CPU limit in words, with a CPU example', { resources: { sidecar: { limits: { cpu: 'half' } } } }, /- resources.sidecar.limits.cpu = "half": must be a positive Kubernetes quantity. Fix: e.g. "500m"/],
    ['a credential as a plain env value', { env: { DB_PASSWORD: 'hunter2' } }, /env.DB_PASSWORD = "<redacted>": looks like a credential.*secretFiles/s],
    ['an API token as a plain env value', { env: { STRIPE_API_KEY: 'sk_live' } }, /env.STRIPE_API_KEY = "<redacted>": looks like a credential/],
    ['a bearer token under an innocent name', { env: { HEADER: 'Bearer abcdefghijklmnopqrstuvwxyz' } }, /env.HEADER = "<redacted>": looks like a credential/],
    ['a name the scanners take for a credential\'s', { env: { KEYCLOAK_URL: 'https://sso.example.com' } },
      /env.KEYCLOAK_URL = "<redacted>": has "KEY" in its name, which scanners \(Kubescape C-0012\) read as a credential with any value\. Fix: rename the variable without/],
    ['an auth scheme that scanners read as a credential', { env: { AUTH_SCHEME: 'Bearer' } },
      /env.AUTH_SCHEME = "<redacted>": holds "Bearer", which scanners \(Kubescape C-0012\) read as a credential in any environment variable.*Fix: let the program default it/s],
    ['an invalid env name', { env: { '1BAD': 'x' } }, /env.1BAD = "1BAD": is not a valid environment variable name/],
    ['a number as an env value', { env: { PORT: 8080 } }, /env.PORT = 8080: must be a string. Fix: quote the value: "8080"/],
    ['a Secret reference as an env value', { env: { DB_URL: { secret: 'db', key: 'url' } } },
      /env.DB_URL = \{"secret":"db","key":"url"\}: must be a string: env holds literal values only. Fix: mount the Secret as a file with secretFiles: \{ 'db-url': \{ secret: '<name>', key: '<key>' \} \}/],
    ['a Kubernetes secretKeyRef as an env value', { env: { TOKEN_FILE: { valueFrom: { secretKeyRef: { name: 'db', key: 'k' } } } } }, /env.TOKEN_FILE = .*Fix: mount the Secret as a file with secretFiles/],
    ['a ConfigMap reference as an env value', { env: { MODE: { valueFrom: { configMapKeyRef: { name: 'app', key: 'mode' } } } } },
      /env.MODE = .*must be a string: env holds literal values only. Fix: mount the ConfigMap key as a file with configFiles: \{ 'mode'/],
    ['a pod field as an env value', { env: { MY_POD: { valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } } } }, /env.MY_POD = .*Fix: read pod fields with podInfoEnv: \{ MY_POD: PodField.POD_NAME \}/],
    ['a container resource as an env value, which no PodField reads', { env: { GOMEMLIMIT: { valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } } } },
      /- env.GOMEMLIMIT = .*Fix: write the amount as a string: the workload sets it in resources \(e\.g\. resources\.limits\.memory\), and podInfoEnv reads pod fields only$/m],
    ['a list as an env value', { env: { HOSTS: ['a', 'b'] } }, /env.HOSTS = \["a","b"\]: must be a string: env holds literal values only. Fix: give the value as a string/],
    ['an object whose value, not key, reads "secret", with no Secret to mount', { env: { MODE: { value: 'secret' } } },
      /- env.MODE = \{"value":"secret"\}: must be a string: env holds literal values only. Fix: give the value as a string, or read it from a file with configFiles or secretFiles$/m],
    ['a list of words that name references, with no reference to mount', { env: { SOURCES: ['configMap', 'fieldRef'] } },
      /- env.SOURCES = \["configMap","fieldRef"\]: .*Fix: give the value as a string, or read it from a file with configFiles or secretFiles$/m],
    ['an env value null (from JSON)', { env: { LOG_LEVEL: null } }, /env.LOG_LEVEL = null: has no value: a variable needs a string. Fix: give it a value \("" for an empty one\), or leave the variable out/],
    ['a secret reference without a key', { secretFiles: { db: { secret: 'db', key: '' } } }, /secretFiles.db.key = "": must be a Secret key/],
    ['a secret key that no Secret can hold', { secretFiles: { db: { secret: 'db', key: '..' } } }, /secretFiles.db.key = "..": must be a Secret key/],
    ['a secret reference with an invalid name', { secretFiles: { db: { secret: 'DB_SECRET', key: 'k' } } }, /secretFiles.db.secret = "DB_SECRET": must be a DNS-1123 subdomain/],
    ['a secret file name with a slash', { secretFiles: { 'a/b': { secret: 'db', key: 'k' } } }, /secretFiles.a\/b = "a\/b": is not a valid file name/],
    ['a port reserved by the mesh', { port: 15020 }, /port = 15020: is reserved by the Istio sidecar/],
    ['a relative writable path', { writablePaths: ['tmp'] }, /writablePaths\[0\] = "tmp": must be a normalised absolute directory path.*Fix: e\.g\. "\/var\/cache\/app"$/m],
    ['a writable path with a trailing slash, with its normalised form', { writablePaths: ['/tmp/'] },
      /- writablePaths\[0\] = "\/tmp\/": must be a normalised absolute directory path other than "\/". Fix: use "\/tmp"$/m],
    ['a writable path with doubled slashes and dot segments, with its normalised form', { writablePaths: ['/var//cache/./app/../app'] },
      /- writablePaths\[0\] = "\/var\/\/cache\/.\/app\/..\/app": must be a normalised .*Fix: use "\/var\/cache\/app"$/m],
    ['a writable path whose normalised form is refused too, with an example instead', { writablePaths: ['/etc/../proc/'] }, /writablePaths\[0\] = "\/etc\/..\/proc\/": must be a normalised .*Fix: e\.g\. "\/var\/cache\/app"$/m],
    ['the root as a writable path', { writablePaths: ['/'] }, /writablePaths\[0\] = "\/": must be a normalised absolute directory path other than "\/"/],
    ['a writable path with a dot segment', { writablePaths: ['/.'] }, /writablePaths\[0\] = "\/.": must be a normalised absolute directory path/],
    ['a writable path listed twice', { writablePaths: ['/tmp', '/var/cache', '/tmp'] }, /writablePaths\[2\] = "\/tmp": repeats writablePaths\[0\]. Fix: list each directory once$/m],
    ['a writable path over the secrets', { writablePaths: ['/var/run/secrets/app'] }, /writablePaths\[0\] = "\/var\/run\/secrets\/app": overlaps \/var\/run\/secrets\/app.*Fix: choose a path outside \/var\/run\/secrets/],
    ['a writable path above the secrets', { writablePaths: ['/var/run'] },
      /writablePaths\[0\] = "\/var\/run": overlaps \/var\/run\/secrets\/app.*Fix: name the subdirectory the application writes, e.g. "\/var\/run\/app", which holds no \/var\/run\/secrets/],
    ['the secrets directory as a writable path', { writablePaths: ['/var/run/secrets'] }, /writablePaths\[0\] = "\/var\/run\/secrets": overlaps .*Fix: choose a path outside \/var\/run\/secrets/],
    ['root user', { user: 0 }, /user = 0: must be an integer ID of at least 10000/],
    ['a host-range group', { group: 1000 }, /group = 1000: must be an integer ID of at least 10000/],
    ['a label the workload sets itself', { labels: { 'app.kubernetes.io/name': 'other' } }, /labels.app.kubernetes.io\/name = "other": is set by the workload itself: it selects its pods.*Fix: set name instead/s],
    ['a label the ACME solver\'s policy selects', { labels: { 'acme.cert-manager.io/http01-solver': 'true' } }, /labels.acme.cert-manager.io\/http01-solver = "true": has the prefix "acme.cert-manager.io"/],
    ['a label that steers the mesh', { labels: { 'sidecar.istio.io/inject': 'false' } }, /labels.sidecar.istio.io\/inject = "false": has the prefix "sidecar.istio.io", whose labels steer Kubernetes or the mesh/],
    ['a label under Kubernetes\' prefix', { labels: { 'node-role.kubernetes.io/x': 'y' } }, /labels.node-role.kubernetes.io\/x = "y": has the prefix "node-role.kubernetes.io"/],
    ['a label key with a space', { labels: { 'cost centre': 'x' } }, /labels.cost centre = "cost centre": is not a label key/],
    ['a label value that is not one', { labels: { team: 'Payments Team' } }, /labels.team = "Payments Team": must be a label value/],
    ['labels that are not a mapping', { labels: ['team'] }, /labels = \["team"\]: must be a mapping of label keys to values/],
    ['a password on the command line', { args: ['--db-password=hunter2'] }, /args\[0\] = "<redacted>": passes a credential on the command line/],
    ['a password as the argument after its flag', { args: ['--verbose', '--db-password', 'hunter2'] }, /args\[2\] = "<redacted>": passes a credential on the command line/],
    ['an API key flag in the command', { command: ['/app/run', '-api-key=abc123'] }, /command\[1\] = "<redacted>": passes a credential/],
    ['an Authorization header', { args: ['-H', 'Authorization: Bearer 9f86d081884c7d659a2feaa0c55ad015'] }, /args\[1\] = "<redacted>": passes a credential/],
    ['a key flag', { args: ['--key=9f86d081884c7d659a2feaa0'] }, /args\[0\] = "<redacted>": passes a credential/],
    ['a password in args after its flag in command', { command: ['/app/run', '--db-password'], args: ['s3cr3t-value'] }, /args\[0\] = "<redacted>": passes a credential/],
    ['a password in a shell command', { command: ['sh', '-c', 'exec app --password=hunter2'] }, /command\[2\] = "<redacted>": passes a credential/],
    ['basic credentials of an auth flag', { args: ['--basic-auth=admin:hunter2'] }, /args\[0\] = "<redacted>": passes a credential/],
    ['a credential assigned in an argument', { args: ['-e', 'DB_PASSWORD=hunter2'] }, /args\[1\] = "<redacted>": passes a credential/],
    ['a credential in a JSON argument', { args: ['--config', '{"password":"hunter2"}'] }, /args\[1\] = "<redacted>": passes a credential/],
    ['a path under a name scanners flag with any value', { env: { DB_PASSWORD: '/var/run/secrets/app/db' } },
      /env.DB_PASSWORD = "\/var\/run\/secrets\/app\/db": names a credential, which scanners \(Polaris sensitiveContainerEnvVar\) and the check read as one with any literal value, a file path included/],
    ['a private key after a path', { env: { LOG_LEVEL: '/x -BEGIN foo PRIVATE KEY- y' } }, /env.LOG_LEVEL = "<redacted>": holds/],
    ['a password after its flag in a shell command', { command: ['sh', '-c', 'app --password hunter2'] }, /command\[2\] = "<redacted>": passes a credential/],
    ['a credential assigned before a shell command', { command: ['sh', '-c', 'DB_PASSWORD=hunter2 exec app'] }, /command\[2\] = "<redacted>": passes a credential/],
    ['curl\'s user and password', { command: ['curl', '-u', 'admin:hunter2', 'https://api.example.com'] }, /command\[2\] = "<redacted>": passes a credential/],
    ['a URL with a password and no user', { args: ['--redis-url=redis://:hunter2@redis:6379'] }, /args\[0\] = "<redacted>": passes a credential/],
    ['a token in a positional argument', { args: ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl'] }, /args\[0\] = "<redacted>": passes a credential/],
    ['a password in a liveness command', { port: undefined, liveness: HealthCheck.command(['redis-cli', '-a', 'x9Kq2mZwq', 'ping']), readiness: HealthCheck.command(['/app/ready']) },
      /liveness = "<redacted>": passes a credential on the command line \(command\[2\]\), where it shows in the YAML, in Git and in the process list.*Fix: mount it with secretFiles/s],
    ['openssl pass: in a readiness command', { readiness: HealthCheck.command(['sh', '-c', 'openssl pkcs12 -in /tmp/k.p12 -passin pass:x9Kq2mZwq -noout']) },
      /readiness = "<redacted>": passes a credential on the command line \(command\[2\]\)/],
    ['a password starting with / on the command line', { args: ['--password', '/xY9$k'] }, /args\[1\] = "<redacted>": passes a credential on the command line/],
    ['a command that is a string', { command: '/app/run' }, /command = "\/app\/run": must be an array of strings/],
    ['a probe on an invalid port', { liveness: HealthCheck.tcp(70000) }, /liveness = .*: has port 70000, not an integer from 1 to 65535/],
    ['a probe without a command', { readiness: HealthCheck.command([]) }, /readiness = .*: has an empty command/],
    ['a probe command given as one string', { readiness: HealthCheck.command('pg_isready' as any) }, /readiness = .*: has a command that is not an array of arguments/],
    ['no namespace', { namespace: undefined }, /- namespace = undefined: is not a SensitiveNamespace/],
    ['a workload named like a namespace policy', { name: 'default-deny' }, /DUPLICATE_NAME.*name = "default-deny": names an object that namespace "team" emits itself/s],
    ['a placeholder reason for a writable root filesystem', { writableRootFilesystem: { reason: 'TODO' } }, /writableRootFilesystem.reason = "TODO": "TODO" is a placeholder, not a reason/],
    ['an expired exception', { writableRootFilesystem: { reason: 'vendor image writes to /var/cache', expires: '2020-01-01' } }, /writableRootFilesystem.expires = "2020-01-01": is in the past/],
    ['secrets passed as environment variables', { secretEnv: { DB_PASSWORD: { secret: 'db', key: 'password' } } }, /secretEnv = .*: is not a prop of this construct. Fix: secrets are mounted as files.*use secretFiles/s],
    ['a misspelt prop', { replica: 3 }, /replica = 3: is not a prop of this construct. Fix: remove it, or did you mean "replicas"\?/],
    ['a name YAML 1.1 reads as a boolean', { name: 'on' }, /name = "on": reads as a boolean or null in YAML 1.1/],
    ['an invalid name', { name: '9lives' }, /name = "9lives": must be a DNS-1035 label \(it names a Service\)/],
    ['the name of the container Istio injects as the proxy', { name: 'istio-proxy' },
      /name = "istio-proxy": names the workload's container, and "istio-proxy" is a container Istio's sidecar injector adds .*would merge the application container with its proxy.*Fix: choose another name, e\.g\. "proxy-app"$/m],
    ['the name of the init container Istio injects', { name: 'istio-init' }, /name = "istio-init": names the workload's container.*two containers of one name\. Fix: choose another name, e\.g\. "init-app"$/m],
    ['the name of the init container Istio\'s CNI plugin injects', { name: 'istio-validation' }, /name = "istio-validation": names the workload's container/],
    ['an unknown protocol', { protocol: 'smtp' }, /protocol = "smtp": is not a supported protocol/],
    ['a tcp workload without readiness', { protocol: 'tcp' }, /readiness = undefined: is required for tcp workloads/],
    ['identical probes', { liveness: HealthCheck.http('/health'), readiness: HealthCheck.http('/health') }, /readiness = .*: is identical to liveness/],
    ['identical probes of a worker, whose fix names no serving port', { port: undefined, liveness: HealthCheck.command(['/bin/true']), readiness: HealthCheck.command(['/bin/true']) },
      /readiness = .*: is identical to liveness, .* Fix: check readiness with its own command or endpoint, e.g. HealthCheck.command\(\["\/app\/ready"\]\)/],
    ['a probe on a port of the Istio sidecar', { liveness: HealthCheck.http('/live', 15020) }, /liveness = 15020: checks port 15020, which the Istio sidecar reserves in every pod.*Fix: probe a port the application listens on/s],
    ['a TCP probe on the sidecar\'s health port', { protocol: 'tcp', readiness: HealthCheck.tcp(15021) }, /readiness = 15021: checks port 15021, which the Istio sidecar reserves/],
    ['probes identical once the workload\'s port is filled in (HTTP)', { liveness: HealthCheck.http('/health'), readiness: HealthCheck.http('/health', 8080) }, /readiness = .*: is identical to liveness/],
    ['probes identical once the workload\'s port is filled in (TCP)', { protocol: 'tcp', readiness: HealthCheck.tcp(8080) }, /readiness = .*: is identical to liveness/],
    ['a tcp readiness check equal to the default liveness, whose fix is no HTTP check on a plain TCP port', { protocol: 'tcp', readiness: HealthCheck.tcp() },
      /readiness = \{"tcpSocket":\{\}\}: is identical to liveness \(the default liveness of a tcp workload, HealthCheck\.tcp\(\)\), .* Fix: check readiness with a command that asks the application, e\.g\. HealthCheck\.command\(\["\/app\/ready"\]\)/],
    ['a name too long, whose suggested fix must itself be valid', { name: `w${'-9'.repeat(30)}zz` },
      /name = "w-9-9.*": is 63 characters long, and must be a DNS-1035 label .* at most 50 characters. Fix: use a name like "w(-9){24}"$/m],
    ['a Secret name with a dot, which is valid, next to an invalid one', { secretFiles: { a: { secret: 'db.credentials', key: 'password' }, b: { secret: '-db', key: 'password' } } },
      /secretFiles.b.secret = "-db": must be a DNS-1123 subdomain/],
    ['a system priority class, which only kube-system may use', { priorityClassName: 'system-node-critical' },
      /priorityClassName = "system-node-critical": is reserved for cluster components/],
    ['an invalid monitoring namespace', { metricsPort: 9090, monitoringNamespace: 'Mon' }, /monitoringNamespace = "Mon": must be a DNS-1123 label/],
    ['its own namespace as the monitoring namespace', { metricsPort: 9090, monitoringNamespace: 'team' },
      /INVALID_PEER.*monitoringNamespace = "team": is the workload's own namespace: every pod in it could reach the metrics port without allowFrom/s],
    ['a monitoring namespace without a metrics port, which would admit nothing', { monitoringNamespace: 'monitoring' },
      /INVALID_PROP.*- monitoringNamespace = "monitoring": is the namespace admitted to metricsPort, and the workload has no metricsPort: nothing would be admitted. Fix: set metricsPort to the port serving metrics, or omit monitoringNamespace$/ms],
    ['variables that refer to each other, which no order of the list can expand', { env: { URL: 'http://$(HOST):8080/', HOST: '$(URL)', LOG: 'info' } },
      /env.URL = "\$\(HOST\)": refers to HOST, which refers back to URL \(directly or through other variables\): Kubernetes expands a reference only to the variables before it in the list, so one of them would keep the literal text. Fix: write one of the values in full, or \$\$\(HOST\) for the literal text$/m],
    ['a variable that refers to itself', { env: { PATH: '/app/bin:$(PATH)' } },
      /env.PATH = "\$\(PATH\)": refers to PATH itself, which Kubernetes leaves as the literal text "\$\(PATH\)": a variable is defined only after its own value. Fix: write the value in full/],
    ['a cycle through a reference after an escaped dollar', { env: { A: '$$$(B)', B: '$(A)' } }, /env.A = "\$\(B\)": refers to B, which refers back to A/],
    ['a startupTimeout that is not a Duration', { startupTimeout: 300 }, /startupTimeout = 300: must be a Duration. Fix: use Duration.minutes\(...\) from cdk8s/],
    ['a startupTimeout shorter than the probe\'s period', { startupTimeout: Duration.seconds(5) }, /startupTimeout = "5 seconds": must be from 10 seconds to a day/],
    ['a startupTimeout under a second, named as given (not rounded up to the probe\'s whole seconds)', { startupTimeout: Duration.millis(500) }, /startupTimeout = "500 millis": must be from 10 seconds to a day/],
    ['a startupTimeout longer than a day', { startupTimeout: Duration.hours(25) }, /startupTimeout = "1 day 1 hour": must be from 10 seconds to a day/],
    ['a startupTimeout just over a day, every unit named', { startupTimeout: Duration.seconds(86_461.25) }, /startupTimeout = "1 day 1 minute 1 second 250 millis": must be from 10 seconds to a day/],
    ['a startupTimeout that is not a number', { startupTimeout: Duration.seconds(Number.NaN) }, /startupTimeout = "NaN": must be from 10 seconds to a day/],
    ['env given as a string', { env: 'LOG_LEVEL=info' }, /- env = "LOG_LEVEL=info": must be a mapping of variable names to values. Fix: e.g. env: \{ LOG_LEVEL: "info" \}$/m],
    ['env given as a list', { env: ['LOG_LEVEL=info'] }, /- env = \["LOG_LEVEL=info"\]: must be a mapping of variable names to values/],
    ['secret files given as a list, which would mount a file named "0"', { secretFiles: [{ secret: 'db', key: 'password' }] },
      /- secretFiles = \[\{"secret":"db","key":"password"\}\]: must be a mapping of file names to Secret keys. Fix: e.g. secretFiles: \{ "db-password": \{ secret: "db", key: "password" \} \}$/m],
    ['a secret file that is not a reference', { secretFiles: { db: 'db/password' } },
      /- secretFiles.db = "db\/password": must be a reference to a key of a Secret. Fix: e.g. secretFiles: \{ "db": \{ secret: "db", key: "password" \} \}$/m],
    ['a secret reference with a setting it does not have', { secretFiles: { db: { secret: 'db', key: 'password', optional: true } } },
      /secretFiles.db.optional = true: is not a setting of this prop/],
    ['writable paths given as one string', { writablePaths: '/tmp' }, /- writablePaths = "\/tmp": must be an array of strings. Fix: e.g. writablePaths: \["\/tmp", "\/var\/cache\/app"\]$/m],
    ['args given as one string', { args: '--port=8080' }, /- args = "--port=8080": must be an array of strings. Fix: e.g. args: \["--port=8080"\]$/m],
    ['a command given as one string, with a command as the example', { command: '/app/run' }, /- command = "\/app\/run": must be an array of strings. Fix: e.g. command: \["\/app\/server"\]$/m],
    ['a namespace given by its name', { namespace: 'shop' }, /- namespace = "shop": is not a SensitiveNamespace/],
    ['partOf given as a number, which would be a numeric label value', { partOf: 5 }, /- partOf = 5: must be a label value: a string of letters, digits.*Fix: name the application, e.g. "payments"$/m],
    ['partOf given as a list', { partOf: ['payments'] }, /- partOf = \["payments"\]: must be a label value/],
    ['resources given as a string', { resources: 'small' }, /- resources = "small": must be an object. Fix: e.g. resources: \{ limits: \{ memory: "512Mi" \} \}$/m],
    ['requests given as a string', { resources: { requests: '1Gi' } }, /- resources.requests = "1Gi": must be an object. Fix: e.g. resources.requests: \{ cpu: "250m", memory: "256Mi" \}$/m],
    ['limits given as a list', { resources: { limits: ['1Gi'] } }, /- resources.limits = \["1Gi"\]: must be an object/],
    ['sidecar resources given as a string', { resources: { sidecar: 'small' } }, /- resources.sidecar = "small": must be an object. Fix: e.g. resources.sidecar: \{ limits: \{ cpu: "200m" \} \}$/m],
    ['sidecar limits given as a string', { resources: { sidecar: { limits: '1' } } }, /- resources.sidecar.limits = "1": must be an object/],
    ['a fractional number of bytes of memory', { resources: { limits: { memory: '1.1Gi' } } },
      /- resources.limits.memory = "1.1Gi": is 1181116006.4 bytes, not a whole number: the API server warns that a fractional byte value is invalid \("must be an integer"\). Fix: give whole bytes, e.g. "1127Mi"$/m],
    ['half a byte of ephemeral storage requested', { resources: { requests: { ephemeralStorage: '0.5' } } },
      /- resources.requests.ephemeralStorage = "0.5": is 0.5 bytes, not a whole number.*Fix: give whole bytes, e.g. "1"$/m],
    ['memory in millibytes', { resources: { requests: { memory: '134217728500m' } } }, /- resources.requests.memory = "134217728500m": is 134217728.5 bytes, not a whole number.*e.g. "129Mi"$/m],
    ['memory in thousandths of a byte where mebibytes were meant', { resources: { limits: { memory: '512m' } } },
      /- resources.limits.memory = "512m": is 0.512 bytes, not a whole number.*Fix: did you mean "512Mi"\? \("m" is a thousandth, "Mi" a mebibyte\)$/m],
    ['a fraction of a mebibyte in thousandths of a byte, with a whole amount of kibibytes', { resources: { limits: { memory: '0.3m' } } },
      /- resources.limits.memory = "0.3m": is 0.0003 bytes, not a whole number.*Fix: did you mean "308Ki"\? \("m" is a thousandth, "Mi" a mebibyte; "0.3Mi" is no whole number of bytes\)$/m],
    ['a fractional ephemeral-storage limit, which also sizes the writable paths', { resources: { limits: { ephemeralStorage: '0.1Mi' } } },
      /- resources.limits.ephemeralStorage = "0.1Mi": is 104857.6 bytes, not a whole number: .*, and it is the sizeLimit of every writable path's emptyDir too. Fix: give whole bytes, e.g. "104858"$/m],
    ['a fractional number of bytes for the sidecar', { resources: { sidecar: { limits: { memory: '1.3Mi' } } } }, /- resources.sidecar.limits.memory = "1.3Mi": is 1363148.8 bytes, not a whole number/],
    ['an exception whose expiry is misspelt, which would never expire', { writableRootFilesystem: { reason: 'vendor image writes /var/cache; tracked in SEC-142', expiry: '2099-01-01' } },
      /- writableRootFilesystem.expiry = "2099-01-01": is not a setting of this prop. Fix: remove it, or did you mean "expires"\?$/m],
    ['an exception given as a list', { singleReplica: ['no replication yet'] }, /- singleReplica = \["no replication yet"\]: must be an object with a reason/],
  ];
  test.each(cases)('%s', (_title, props, message) => {
    const { chart } = newChart();
    const ns = namespace(chart);
    expect(() => new CompliantWorkload(chart, 'w', { ...base(ns), ...props } as any)).toThrow(message);
  });

  test('whole numbers of bytes however written, and amounts left undefined, are accepted', () => {
    const { app, chart } = newChart();
    new CompliantWorkload(chart, 'w', { ...base(namespace(chart)),
      resources: { requests: { memory: '0.5Gi', ephemeralStorage: '1e8', cpu: undefined }, limits: { memory: '1.5Gi', ephemeralStorage: '134217728000m' }, sidecar: { limits: { memory: null as never } } } });
    const pod = find(synthApp(app), 'Deployment', 'w').spec.template;
    expect(pod.spec.containers[0].resources).toEqual({
      requests: { 'cpu': '100m', 'memory': '0.5Gi', 'ephemeral-storage': '1e8' },
      limits: { 'cpu': '500m', 'memory': '1.5Gi', 'ephemeral-storage': '134217728000m' },
    });
    expect(pod.metadata.annotations['sidecar.istio.io/proxyMemoryLimit']).toBe('256Mi');
  });

  test('flags that name a credential file, a size or an issuer are no credentials, nor are variable references', () => {
    const { chart } = newChart();
    const w = new CompliantWorkload(chart, 'w', { ...base(namespace(chart)),
      secretFiles: { 'db-password': { secret: 'db', key: 'password' } },
      args: ['--db-password-file=/var/run/secrets/app/db-password', '--key-size=2048', '--jwt-issuer=https://issuer.example.com', '--token-file', '/var/run/secrets/app/db-password',
        '--password=$(DB_PASSWORD)', '--cache-key=users', '--enable-token-auth', 'serve', 'login', '--username', 'bot', '--password-stdin', 'registry.example.com',
        '--ssl-key=/var/run/secrets/app/client-key.pem', '--tls-key', '/var/run/secrets/app/tls.key', '--password', '/var/run/secrets/app/db-password',
        '--auth-server=authsvc:9000', '--auth=keycloak:8080', '--oauth-provider=github:org', '--set', 'auth.existingSecret=db-creds', '-c', 'credential.helper=store',
        '--password-secret-key=db-password', '--admin-key', '/cache', '--token-env', 'API_TOKEN'],
      writablePaths: ['/tmp', '/cache'],
      liveness: HealthCheck.command(['/app/check', '--password-file', '/var/run/secrets/app/db-password']),
      command: ['sh', '-c', 'exec /app --token="$(cat /var/run/secrets/app/token)" --password="$DB_PASSWORD" && node -e \'const secret = process.env.SECRET;\''],
      env: { DOC_DIR: '/opt/jwt/docs', TLS_KEY_FILE: '/var/run/secrets/app/tls.key', SSL_KEY: '/var/run/secrets/app/ssl.key' } });
    expect(Testing.synth(chart).find(o => o.kind === 'Deployment').spec.template.spec.containers[0].args).toContain('--key-size=2048');
    expect(w.node.path).toBe('test/w');
  });

  test('no props at all (from JavaScript)', () => {
    const { chart } = newChart();
    expect(() => new (CompliantWorkload as any)(chart, 'w')).toThrow(/INVALID_PROP.*test\/w.*props = undefined: are missing/s);
  });

  test('null and mistyped options from JavaScript: the defaults for null, a Soc2Error otherwise, never a TypeError', () => {
    const { chart } = newChart();
    const ns = namespace(chart);
    const w = new CompliantWorkload(chart, 'w', base(ns));
    const v = new CompliantWorkload(chart, 'v', base(ns));
    expect(() => w.allowFrom(v, null as any)).not.toThrow();
    expect(() => w.allowFrom(v, 'port 80' as any)).toThrow(/INVALID_PROP.*test\/w.*allowFrom\(options\) = "port 80": must be an object of options.*Fix: omit it, or pass e\.g\. \{ port: 9090 \}/s);
    expect(() => w.allowFrom(v, { prot: 9090 } as any)).toThrow(/INVALID_PROP.*test\/w.*allowFrom\(options.prot\) = 9090: is not an option of allowFrom. Fix: remove it, or did you mean "port"\?/s);
    expect(() => w.allowFrom(null as any)).toThrow(/INVALID_PEER.*test\/w.*allowFrom\(peer\) = null: is missing: it names the workload allowed to call this one. Fix: pass the CompliantWorkload that calls this one/s);
    expect(() => w.allowFrom('v' as any)).toThrow(/allowFrom\(peer\) = "v": is not a CompliantWorkload/);
    expect(() => w.allowEgressTo(Peer.cidr('203.0.113.0/24', 443), { reason: 'reaches the partner API over TLS', reasn: 'x' } as any))
      .toThrow(/INVALID_PEER.*allowEgressTo\(options.reasn\) = "x": is not an option of allowEgressTo. Fix: remove it, or did you mean "reason"\?/s);
    expect(() => w.grant({ apiGroup: '', resource: 'configmaps', verbs: 'get' as any, resourceNames: ['a'] })).toThrow(/INVALID_RULE.*grant\(rules\[0\]\)\.verbs = "get": must be a list of verbs\. Fix: list them, e\.g\. \["get"\]/s);
    expect(() => Compliance.suppress(w, 'container-probes', 'the vendor image has no health endpoint yet', 'soon' as any))
      .toThrow(/INVALID_SUPPRESSION.*options = "soon": must be an object. Fix: e.g. options: \{ expires: "2027-03-31" \}/s);
    expect(() => w.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, null as any), { reason: 'reaches the partner API over TLS' })).not.toThrow();
    expect(Rule.read('configmaps', ['settings'], null as any)).toEqual({ apiGroup: '', resource: 'configmaps', verbs: ['get', 'list', 'watch'], resourceNames: ['settings'] });
    expect(() => Compliance.suppress(null as any, 'container-probes', 'the vendor image has no health endpoint yet'))
      .toThrow(/INVALID_SUPPRESSION.*\(not a construct\).*scope = null: is not a construct/s);
    expect(() => new CompliantWorkload(chart, 'g', { ...base(ns), protocol: 'grpc', liveness: HealthCheck.grpc(8080, 42 as any) }))
      .toThrow(/liveness.*has a gRPC service name 42 that is not a string/s);
  });

  test.each([
    ['Rule.read', () => Rule.read('deployments', ['api'], { apiGrup: 'apps' } as never), 'apiGrup', '"apps"', /remove it, or did you mean "apiGroup"\?/],
    ['Rule.write', () => Rule.write('deployments/scale', ['api'], { group: 'apps' } as never), 'group', '"apps"', /remove it$/m],
    ['Rule.create', () => Rule.create('leases', { apigroup: 'coordination.k8s.io' } as never), 'apigroup', '"coordination.k8s.io"', /remove it, or did you mean "apiGroup"\?/],
    ['Peer.cidr', () => Peer.cidr('203.0.113.0/24', 443, { hots: 'api.example.com' } as never), 'hots', '"api.example.com"', /remove it, or did you mean "host"\?/],
  ])('%s refuses an option it does not know by the call itself, naming the function', (factory, call, key, value, fix) => {
    const code = factory === 'Peer.cidr' ? 'INVALID_PEER' : 'INVALID_RULE';
    expectSoc2Error(call, { code, path: factory, prop: `${factory}(options.${key})`, value, problem: new RegExp(`is not an option of ${factory.replace('.', '\\.')}`), fix });
  });

  test('Rule and Peer.cidr refuse options that are not an object', () => {
    expectSoc2Error(() => Rule.read('deployments', ['api'], 'apps' as never),
      { code: 'INVALID_RULE', path: 'Rule.read', prop: 'Rule.read(options)', value: '"apps"', problem: /must be an object of options/, fix: /omit it, or pass e\.g\. \{ apiGroup: 'example\.com' \}/ });
    expectSoc2Error(() => Peer.cidr('203.0.113.0/24', 443, 'UDP' as never),
      { code: 'INVALID_PEER', path: 'Peer.cidr', prop: 'Peer.cidr(options)', value: '"UDP"', problem: /must be an object of options/, fix: /omit it, or pass e\.g\. \{ host: 'api\.example\.com' \}/ });
  });

  test('a peer or a rule written by hand refuses a field its type does not have, naming the closest', () => {
    const { chart } = newChart();
    const w = new CompliantWorkload(chart, 'w', base(namespace(chart, 'team', { apiServer: { cidr: '172.18.0.2/32', port: 6443 } })));
    expectSoc2Error(() => w.allowEgressTo({ ...Peer.cidr('203.0.113.0/24', 443), hots: 'api.example.com' } as never, { reason: 'reaches the partner API over TLS' }),
      { code: 'INVALID_PEER', path: 'test/w', prop: 'allowEgressTo(peer.hots)', value: '"api.example.com"', problem: /is not a field of an ExternalPeer/, fix: /remove it, or did you mean "host"\?/ });
    expectSoc2Error(() => w.grant({ apiGroup: '', resource: 'leases', verbs: ['create'], resourceName: ['leader'] } as never),
      { code: 'INVALID_RULE', path: 'test/w', prop: 'grant(rules[0]).resourceName', value: '["leader"]', problem: /is not a field of a PolicyRule/, fix: /remove it, or did you mean "resourceNames"\?/ });
  });

  test('a protocol in lower case is refused with the spelling to write', () => {
    const { chart } = newChart();
    const w = new CompliantWorkload(chart, 'w', base(namespace(chart, 'team')));
    const reason = { reason: 'syslog collector of the partner (OPS-4)' };
    expectSoc2Error(() => w.allowEgressTo(Peer.cidr('203.0.113.0/24', 514, { protocol: 'udp' as never }), reason),
      { code: 'INVALID_PEER', path: 'test/w', prop: 'allowEgressTo(peer.protocol)', value: '"udp"', problem: /must be TCP or UDP/, fix: /write it in upper case, "UDP"$/m });
    expectSoc2Error(() => w.allowEgressTo(Peer.cidr('203.0.113.0/24', 514, { protocol: 'tcp' as never }), reason),
      { code: 'INVALID_PEER', path: 'test/w', prop: 'allowEgressTo(peer.protocol)', value: '"tcp"', problem: /must be TCP or UDP/, fix: /write it in upper case, "TCP", or omit it$/m });
    expectSoc2Error(() => w.allowEgressTo(Peer.cidr('203.0.113.0/24', 514, { protocol: 'SCTP' as never }), reason),
      { code: 'INVALID_PEER', path: 'test/w', prop: 'allowEgressTo(peer.protocol)', value: '"SCTP"', problem: /must be TCP or UDP/, fix: /omit it for TCP, or write "UDP"$/m });
  });

  test('a peer written by hand without its protocol is told to write one, not to omit it', () => {
    const { chart } = newChart();
    const w = new CompliantWorkload(chart, 'w', base(namespace(chart, 'team')));
    const peer = { cidr: '203.0.113.0/24', port: 443 } as never;
    expectSoc2Error(() => w.allowEgressTo(peer, { reason: 'the partner API (OPS-4)' }),
      { code: 'INVALID_PEER', path: 'test/w', prop: 'allowEgressTo(peer.protocol)', value: 'undefined', problem: /must be TCP or UDP/,
        fix: /write "TCP" or "UDP", or build the peer with Peer\.cidr\(cidr, port\), which writes "TCP" unless its protocol option says "UDP"$/m });
  });

  test('an address without its prefix length is refused with the /32 or /128 to write, for egress and for the API server', () => {
    const { chart } = newChart();
    const w = new CompliantWorkload(chart, 'w', base(namespace(chart, 'team')));
    expectSoc2Error(() => w.allowEgressTo(Peer.cidr('203.0.113.7', 443), { reason: 'the Git server of the platform (PLAT-3)' }),
      { code: 'INVALID_PEER', path: 'test/w', prop: 'allowEgressTo(peer.cidr)', value: '"203.0.113.7"', problem: /is not an IPv4 or IPv6 CIDR/, fix: /write the single address with its prefix length, "203\.0\.113\.7\/32"$/m });
    expect(() => namespace(chart, 'other', { apiServer: { cidr: '172.18.0.2', port: 6443 } }))
      .toThrow(/apiServer.cidr = "172.18.0.2": must be an IPv4 or IPv6 CIDR. Fix: write the single address with its prefix length, "172.18.0.2\/32"; name the addresses of the API server's endpoints/);
  });

  test('a namespace that is not a SensitiveNamespace', () => {
    const { chart } = newChart();
    expect(() => new CompliantWorkload(chart, 'w', { namespace: { name: 'default' } as any, image: IMAGE, port: 80 }))
      .toThrow(/namespace = "object": is not a SensitiveNamespace.*Fix: create the namespace with new SensitiveNamespace/s);
  });

  test('a namespace or a peer of another app', () => {
    const prod = newChart('prod');
    const staging = newChart('staging');
    const prodNs = namespace(prod.chart, 'shop-prod');
    const db = new CompliantWorkload(prod.chart, 'db', { namespace: prodNs, image: IMAGE, port: 8080 });
    const api = new CompliantWorkload(staging.chart, 'api', { namespace: namespace(staging.chart, 'shop-staging'), image: IMAGE, port: 8080 });
    expect(() => db.allowFrom(api))
      .toThrow(/INVALID_PEER.*prod\/db.*allowFrom\(peer\) = "staging\/api": belongs to another app.*Fix: wire workloads of the same app/s);
    expect(() => new CompliantWorkload(staging.chart, 'worker', { namespace: prodNs, image: IMAGE, port: 8080 }))
      .toThrow(/INVALID_PROP.*staging\/worker.*namespace = "prod\/shop-prod": belongs to another app.*Fix: create the workload in the app that holds the namespace/s);
  });

  test('workloads a quota set on their namespace cannot hold during a rollout', () => {
    const { chart } = newChart();
    const ns = namespace(chart, 'small', { quota: { pods: 7 } });
    new CompliantWorkload(chart, 'a', { ...base(ns), replicas: 3 });
    expect(() => new CompliantWorkload(chart, 'b', { ...base(ns), replicas: 3 }))
      .toThrow(/INVALID_PROP.*test\/b.*replicas = 3: with each pod's sidecar and one surge pod per Deployment of several replicas, the workloads of namespace "small" would need 8 pods during a rollout, above its quota.pods of 7.*Fix: raise quota.pods of namespace "small" to at least 8, or omit it/s);
    const tight = namespace(chart, 'tight', { quota: { cpu: '3500m' } });
    new CompliantWorkload(chart, 'c', { ...base(tight), replicas: 2 });
    expect(() => new CompliantWorkload(chart, 'd', { ...base(tight), replicas: 2 }))
      .toThrow(/resources.limits.cpu = "500m": .* namespace "tight" would need 6 CPU of limits during a rollout, above its quota.cpu of 3500m.*at least 6, .*or lower replicas, resources.limits.cpu or resources.sidecar.limits.cpu/s);
  });

  test('a namespace without a quota in its props sizes it to its workloads, sidecars and surge pods included', () => {
    const { app, chart } = newChart();
    const ns = namespace(chart, 'busy');
    for (const id of ['a', 'b', 'c', 'd']) new CompliantWorkload(chart, id, base(ns));
    const objects = synthApp(app);
    // Each pod: 500m + the sidecar's 500m CPU, 256Mi + 256Mi memory; 4 workloads × (2 replicas + 1 surge).
    expect(find(objects, 'ResourceQuota', 'quota', 'busy').spec.hard).toMatchObject({ 'limits.cpu': '12', 'requests.cpu': '12', 'limits.memory': '16Gi', 'pods': '100' });
    expect(find(objects, 'Deployment', 'a', 'busy').spec.template.metadata.annotations).toEqual({
      'sidecar.istio.io/proxyCPU': '100m', 'sidecar.istio.io/proxyCPULimit': '500m', 'sidecar.istio.io/proxyMemory': '128Mi', 'sidecar.istio.io/proxyMemoryLimit': '256Mi',
    });
  });

  test('sidecar resources of its own, written as annotations and counted against the quota', () => {
    const { app, chart } = newChart();
    const ns = namespace(chart, 'lean', { quota: { cpu: '2' } });
    new CompliantWorkload(chart, 'a', { ...base(ns), replicas: 2, resources: { limits: { cpu: '400m' }, sidecar: { requests: { cpu: '50m' }, limits: { cpu: '200m', memory: '128Mi' } } } });
    const pod = find(synthApp(app), 'Deployment', 'a', 'lean').spec.template.metadata.annotations;
    expect(pod).toEqual({
      'sidecar.istio.io/proxyCPU': '50m', 'sidecar.istio.io/proxyCPULimit': '200m', 'sidecar.istio.io/proxyMemory': '128Mi', 'sidecar.istio.io/proxyMemoryLimit': '128Mi',
    });
    // 3 pods × (400m + 200m) = 1800m fits 2 CPUs; a second such workload does not.
    expect(() => new CompliantWorkload(chart, 'b', { ...base(ns), replicas: 2, resources: { limits: { cpu: '400m' }, sidecar: { limits: { cpu: '200m' } } } }))
      .toThrow(/would need 3600m CPU of limits during a rollout, above its quota.cpu of 2/);
  });

  test('a sidecar amount given as a number is written as a string, as annotations must be', () => {
    const { app, chart } = newChart();
    new CompliantWorkload(chart, 'w', { ...base(namespace(chart)), resources: { sidecar: { limits: { cpu: 1 as never } } } });
    expect(find(synthApp(app), 'Deployment', 'w', 'team').spec.template.metadata.annotations['sidecar.istio.io/proxyCPULimit']).toBe('1');
  });

  test('resource amounts with spaces, and settings the resource props do not know', () => {
    const { chart } = newChart();
    const ns = namespace(chart);
    expect(() => new CompliantWorkload(chart, 'a', { ...base(ns), resources: { limits: { cpu: ' 500m' } } }))
      .toThrow(/resources.limits.cpu = " 500m": has spaces around it, which the API server refuses. Fix: use "500m"/);
    expect(() => new CompliantWorkload(chart, 'b', { ...base(ns), resources: { limit: { cpu: '1' }, sidecar: { limits: { ephemeralStorage: '1Gi' } } } as never }))
      .toThrow(/resources.limit = .*: is not a setting of this prop. Fix: remove it, or did you mean "limits"\?.*resources.sidecar.limits.ephemeralStorage = "1Gi": is not a setting of this prop/s);
  });

  test('sidecar resources that are not quantities, or limits below requests', () => {
    const { chart } = newChart();
    const ns = namespace(chart);
    expect(() => new CompliantWorkload(chart, 'w', { ...base(ns), resources: { sidecar: { requests: { cpu: 'lots' }, limits: { memory: '64Mi' } } } }))
      .toThrow(/resources.sidecar.requests.cpu = "lots": must be a positive Kubernetes quantity.*resources.sidecar.limits.memory = "64Mi": is below the request 128Mi/s);
  });

  test('two workloads with one name in a namespace', () => {
    const { chart } = newChart();
    const ns = namespace(chart);
    new CompliantWorkload(chart, 'a', { ...base(ns), name: 'api' });
    expect(() => new CompliantWorkload(chart, 'b', { ...base(ns), name: 'api' })).toThrow(/DUPLICATE_NAME.*test\/b.*name = "api": "api" is already taken in namespace "team" by workload "api"/s);
  });

  describe('wiring', () => {
    function two() {
      const { chart } = newChart();
      const ns = namespace(chart, 'team', { apiServer: { cidr: '10.0.0.1/32' } });
      const bare = namespace(chart, 'bare');
      return {
        a: new CompliantWorkload(chart, 'a', base(ns)),
        b: new CompliantWorkload(chart, 'b', base(ns)),
        c: new CompliantWorkload(chart, 'c', base(bare)),
      };
    }
    test('allowFrom something that is not a CompliantWorkload', () => {
      expect(() => two().a.allowFrom({ node: { path: 'x/pod' } } as any)).toThrow(/INVALID_PEER.*allowFrom\(peer\) = "x\/pod": is not a CompliantWorkload/s);
    });
    test('allowFrom on a port the workload does not serve', () => {
      const { a, b } = two();
      expect(() => a.allowFrom(b, { port: 9999 })).toThrow(/allowFrom\(options.port\) = 9999: is not a port of workload "a"/);
    });
    test('egress to the whole internet', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('0.0.0.0/0', 443), { reason: 'talks to many partners' })).toThrow(/allowEgressTo\(peer.cidr\) = "0.0.0.0\/0": opens egress to the whole internet/);
    });
    test('egress to an IPv4-mapped IPv6 range, which network plugins match as the IPv4 range it maps', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('::ffff:0.0.0.0/96', 443), { reason: 'talks to many partners' }))
        .toThrow(/allowEgressTo\(peer.cidr\) = "::ffff:0.0.0.0\/96": is an IPv4-mapped IPv6 range, which network plugins match as an IPv4 \/0 \(every IPv4 address\)[\s\S]*write the IPv4 range of the destination itself/);
      expect(() => two().a.allowEgressTo(Peer.cidr('::ffff:203.0.113.0/120', 443), { reason: 'payment processor' }))
        .toThrow(/"::ffff:203.0.113.0\/120": is an IPv4-mapped IPv6 range, which network plugins match as an IPv4 \/24. Fix: write the range as the IPv4 CIDR it maps, "203.0.113.0\/24"/);
    });
    test('egress to the NAT64 prefix, or a range of it wider than an IPv4 /8', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('64:ff9b::/96', 443), { reason: 'talks to many partners' }))
        .toThrow(/"64:ff9b::\/96": is the NAT64 prefix, through which an IPv6 pod reaches every IPv4 address/);
      expect(() => two().a.allowEgressTo(Peer.cidr('64:ff9b::/100', 443), { reason: 'talks to many partners' }))
        .toThrow(/"64:ff9b::\/100": is an IPv4 \/4 through NAT64, wider than \/8/);
      expect(() => two().a.allowEgressTo(Peer.cidr('64:ff9b::cb00:7100/120', 443), { reason: 'reaches the partner API over TLS' })).not.toThrow();
    });
    test('egress to a range wider than /8', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('0.0.0.0/1', 443), { reason: 'talks to many partners' })).toThrow(/allowEgressTo\(peer.cidr\) = "0.0.0.0\/1": is wider than \/8/);
    });
    test('egress to an IPv4 and an IPv6 range that are written with the same digits', () => {
      const { a } = two();
      a.allowEgressTo(Peer.cidr('10.1.0.0/32', 443), { reason: 'reaches the partner gateway over IPv4' });
      a.allowEgressTo(Peer.cidr('10:1:0:0::/32', 443), { reason: 'reaches the partner gateway over IPv6' });
      a.allowEgressTo(Peer.cidr('10::1/128', 443), { reason: 'reaches the second partner gateway' });
      const objects = Testing.synth(Chart.of(a));
      const entries = objects.filter(o => o.kind === 'ServiceEntry');
      // In name order: the IPv6 ranges are spelt out in full (0010-0000-…, 0010-0001-…), which sorts them before 10-1-0-0.
      expect(entries.map(e => e.spec.addresses[0])).toEqual(['10::1/128', '10:1::/32', '10.1.0.0/32']);
      expect(entries.map(e => e.metadata.name)).toEqual(entries.map(e => e.metadata.name).sort());
      expect(new Set(entries.map(e => e.metadata.name)).size).toBe(3);
      expect(new Set(entries.map(e => e.spec.hosts[0])).size).toBe(3);
      const policy = objects.find(o => o.kind === 'NetworkPolicy' && o.metadata.name === 'a');
      expect(policy.spec.egress.filter((r: any) => r.to[0].ipBlock).map((r: any) => r.to[0].ipBlock.cidr).sort()).toEqual(['10.1.0.0/32', '10::1/128', '10:1::/32'].sort());
    });
    test('a UDP destination without a host: its ServiceEntry port is named for UDP', () => {
      const { a } = two();
      a.allowEgressTo(Peer.cidr('203.0.113.7/32', 123, { protocol: 'UDP' }), { reason: 'keeps time with the partner NTP server' });
      const entry = Testing.synth(Chart.of(a)).find(o => o.kind === 'ServiceEntry');
      expect(entry.spec.ports).toEqual([{ number: 123, name: 'udp-123', protocol: 'UDP' }]);
    });
    test('a destination without a host gets a ServiceEntry host Istio accepts, also in a namespace named with digits only', () => {
      const { chart } = newChart();
      const w = new CompliantWorkload(chart, 'w', base(namespace(chart, '2024')));
      w.allowEgressTo(Peer.cidr('203.0.113.0/24', 8443), { reason: 'reaches the partner gateway' });
      w.allowEgressTo(Peer.cidr('2001:db8::/32', 8443), { reason: 'reaches the partner gateway over IPv6' });
      const hosts = Testing.synth(Chart.of(w)).filter(o => o.kind === 'ServiceEntry').map(o => o.spec.hosts[0]);
      expect(hosts).toEqual(['2001-0db8-0000-0000-0000-0000-0000-0000-32-tcp-8443.2024.external', '203-0-113-0-24-tcp-8443.2024.external']);
      // Istio's FQDN rule: DNS-1123 labels, at most 255 characters, a last label that is not all digits.
      for (const host of hosts) {
        expect(host.length).toBeLessThanOrEqual(255);
        expect(host.split('.').every((l: string) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(l))).toBe(true);
        expect(host.split('.').pop()).not.toMatch(/^\d+$/);
      }
    });
    test('egress to one range written twice is allowed once', () => {
      const { a } = two();
      a.allowEgressTo(Peer.cidr('2001:db8::/32', 443), { reason: 'reaches the partner API over IPv6' });
      a.allowEgressTo(Peer.cidr('2001:DB8:0::/32', 443), { reason: 'reaches the partner API over IPv6' });
      expect(Testing.synth(Chart.of(a)).filter(o => o.kind === 'ServiceEntry')).toHaveLength(1);
    });
    test('egress to an allowed range again with another host or reason', () => {
      const { a } = two();
      a.allowEgressTo(Peer.cidr('198.51.100.0/24', 443, { host: 'a.example.net' }), { reason: 'calls the payment processor A' });
      expect(() => a.allowEgressTo(Peer.cidr('198.51.100.0/24', 443, { host: 'b.example.net' }), { reason: 'calls the payment processor B' }))
        .toThrow(/INVALID_PEER.*allowEgressTo\(peer\) = "198.51.100.0\/24 TCP\/443": is already allowed for host "a.example.net" with the reason "calls the payment processor A"/s);
      expect(() => a.allowEgressTo(Peer.cidr('198.51.100.0/24', 443, { host: 'a.example.net' }), { reason: 'another reason for the same range' }))
        .toThrow(/is already allowed for host "a.example.net"/);
      a.allowEgressTo(Peer.cidr('198.51.100.0/24', 443, { host: 'a.example.net' }), { reason: 'calls the payment processor A' });
    });
    test('a reason on two lines, or one that reads as a dated suppression', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.0/24', 443), { reason: 'partner api\n0.0.0.0/0 TCP/443: everything' }))
        .toThrow(/allowEgressTo\(options.reason\) = .*: contains a line break or another control character/s);
      const { a } = two();
      expect(() => Compliance.suppress(a, 'image-pull-policy-always', 'until 2020-01-01: images are mirrored in-cluster'))
        .toThrow(/reason = "until 2020-01-01: images are mirrored in-cluster": begins like a dated suppression.*expires option/s);
    });
    test('a plain HTTP destination matched by host name', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.5/32', 80, { host: 'legacy.example.com' }), { reason: 'legacy partner feed over http' }))
        .toThrow(/allowEgressTo\(peer.host\) = "legacy.example.com": names a host on port 80 \(HTTP\), which runs in plaintext: the connection carries no TLS server name \(SNI\).*Fix: use HTTP over TLS on port 443, or omit host/s);
    });
    test('a host on the plaintext port of a protocol with a TLS port (MQTT 1883, AMQP 5672): no server name to match it by', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.80/28', 1883, { host: 'mqtt.partner.example.com' }), { reason: 'partner fleet bridge (IOT-40)' }))
        .toThrow(/allowEgressTo\(peer.host\) = "mqtt.partner.example.com": names a host on port 1883 \(MQTT\), which runs in plaintext: the connection carries no TLS server name \(SNI\).*Fix: use MQTT over TLS on port 8883, or omit host/s);
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.80/28', 5672, { host: 'amqp.partner.example.com' }), { reason: 'partner order queue (OPS-41)' }))
        .toThrow(/port 5672 \(AMQP\).*Fix: use AMQP over TLS on port 5671/s);
      const { a } = two();
      a.allowEgressTo(Peer.cidr('203.0.113.80/28', 8883, { host: 'mqtt.partner.example.com' }), { reason: 'partner fleet bridge (IOT-40)' });
      a.allowEgressTo(Peer.cidr('203.0.113.96/28', 1883), { reason: 'the legacy broker, by address (IOT-41)' });
    });
    test('a host on a port whose protocol upgrades to TLS after a plaintext start (STARTTLS): no server name to match it by', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.5/32', 587, { host: 'smtp.example.com' }), { reason: 'order e-mails through the relay' }))
        .toThrow(/allowEgressTo\(peer.host\) = "smtp.example.com": names a host on port 587 \(SMTP submission\), whose protocol starts in plaintext.*Fix: use the implicit-TLS port 465, or omit host/s);
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.5/32', 5432, { host: 'db.example.com' }), { reason: 'the managed database' }))
        .toThrow(/port 5432 \(PostgreSQL\).*Fix: omit host: the ServiceEntry then admits the address range on that port/s);
      const { a } = two();
      a.allowEgressTo(Peer.cidr('203.0.113.5/32', 5432), { reason: 'the managed database' });
      a.allowEgressTo(Peer.cidr('203.0.113.6/32', 465, { host: 'smtp.example.com' }), { reason: 'order e-mails through the relay' });
    });
    test('a host with a label longer than 63 characters, or longer than 253 in all, which Istio refuses in a ServiceEntry', () => {
      const long = `${'a'.repeat(64)}.example.com`;
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: long }), { reason: 'reaches the partner API over TLS' }))
        .toThrow(new RegExp(`INVALID_PEER.*allowEgressTo\\(peer.host\\) = "${long}": has a label of 64 characters \\("a{20}…"\\), more than the 63 a DNS label holds\\. Fix: shorten that label`, 's'));
      const total = `${['b', 'c', 'd', 'e'].map(c => c.repeat(63)).join('.')}.com`;
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: total }), { reason: 'reaches the partner API over TLS' }))
        .toThrow(/allowEgressTo\(peer.host\) = "b{63}.*": is 259 characters long, more than the 253 a DNS name holds\. Fix: use a shorter name/);
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: 'API.example.com' }), { reason: 'reaches the partner API over TLS' }))
        .toThrow(/allowEgressTo\(peer.host\) = "API.example.com": must be lower case/);
      const { a } = two();
      a.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: `${'a'.repeat(63)}.example.com` }), { reason: 'reaches the partner API over TLS' });
      a.allowEgressTo(Peer.cidr('198.51.100.0/24', 443, { host: 'api.example.xn--p1ai' }), { reason: 'reaches the partner API under its IDN domain' });
      expect(allSchemaErrors(Testing.synth(Chart.of(a)))).toEqual([]);
    });
    test('a UDP destination matched by host name', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.0/24', 53, { protocol: 'UDP', host: 'dns.example.com' }), { reason: 'resolves partner names directly' })).toThrow(/allowEgressTo\(peer.host\) = "dns.example.com": is matched by TLS SNI/);
    });
    test('grant of pod creation', () => {
      expect(() => two().a.grant(Rule.create('pods'))).toThrow(/grant\(rules\[0\]\) = "pods": cannot be granted: creating or changing pods runs containers of the caller's choosing/);
    });
    test.each(['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'replicationcontrollers', 'jobs', 'cronjobs', 'podtemplates'])(
      'grant of creating or changing %s, which make pods', resource => {
        const create = new RegExp(`grant\\(rules\\[0\\]\\) = "${resource}": cannot be granted: creating or changing ${resource} runs containers`);
        expect(() => two().a.grant(Rule.create(resource))).toThrow(create);
        expect(() => two().a.grant(Rule.write(resource, ['a']))).toThrow(create);
      });
    test('reading, watching and deleting pod makers stays allowed, and so does scaling', () => {
      const { a } = two();
      a.grant(Rule.read('deployments', ['a']), { apiGroup: 'apps', resource: 'jobs', verbs: ['delete'], resourceNames: ['nightly'] },
        Rule.write('deployments/scale', ['a'], { apiGroup: 'apps' }));
      const role = Testing.synth(Chart.of(a)).find(o => o.kind === 'Role');
      expect(role.rules.map((r: any) => `${r.resources[0]}: ${r.verbs.join(',')}`).sort())
        .toEqual(['deployments/scale: get,patch,update', 'deployments: get,list,watch', 'jobs: delete']);
    });
    test('grant of a malformed resource, API group or object name', () => {
      expect(() => two().a.grant(Rule.read('Config Maps', ['a']))).toThrow(/grant\(rules\[0\]\).resource = "Config Maps": is not a resource name/);
      expect(() => two().a.grant(Rule.read('widgets', ['a'], { apiGroup: 'Example.COM' }))).toThrow(/grant\(rules\[0\]\).apiGroup = "Example.COM": is not an API group/);
      expect(() => two().a.grant(Rule.write('configmaps', ['ok', 'Bad Name']))).toThrow(/grant\(rules\[0\]\).resourceNames = \["Bad Name"\]: are not object names/);
      expect(() => two().a.grant(Rule.create('widgets'))).toThrow(/grant\(rules\[0\]\).apiGroup = "": is the core API group, which has no resource "widgets"/);
      two().a.grant(Rule.create('widgets', { apiGroup: 'example.com' }), Rule.read('pods/log', ['a']));
      expect(() => two().a.grant(Rule.read('configmap', ['a']))).toThrow(/grant\(rules\[0\]\).apiGroup = "": is the core API group, which has no resource "configmap". Fix: resources are named in the plural: did you mean "configmaps"\?/);
      expect(() => two().a.grant(Rule.read('configmaps', 'flags' as never))).toThrow(/grant\(rules\[0\]\)\.resourceNames = "flags": must be a list of object names, not a string. Fix: e.g. Rule.read\("configmaps", \["flags"\]\)/);
    });
    test('a well-known resource put in the core group by hand: the fix names its group, not a placeholder', () => {
      expect(() => two().a.grant(Rule.read('deployments', ['a'], { apiGroup: '' })))
        .toThrow(/grant\(rules\[0\]\).apiGroup = "": is the core API group, which has no resource "deployments". Fix: "deployments" belongs to API group "apps": omit apiGroup, which the Rule factories look up, or pass \{ apiGroup: "apps" \}$/m);
    });
    test('a rule in the extensions group, which Kubernetes no longer serves, is refused with the group that serves the resource', () => {
      expect(() => two().a.grant(Rule.read('deployments', ['a'], { apiGroup: 'extensions' })))
        .toThrow(/grant\(rules\[0\]\).apiGroup = "extensions": is the extensions\/v1beta1 API group, which Kubernetes no longer serves .*: the rule would grant nothing. Fix: omit apiGroup, which the Rule factories look up \("apps"\), or pass \{ apiGroup: "apps" \}$/m);
      expect(() => two().a.grant(Rule.read('ingresses', ['a'], { apiGroup: 'extensions' }))).toThrow(/apiGroup = "extensions": .* Fix: omit apiGroup, which the Rule factories look up \("networking.k8s.io"\)/);
      expect(() => two().a.grant(Rule.read('widgets', ['a'], { apiGroup: 'extensions' }))).toThrow(/apiGroup = "extensions": .* Fix: pass the group that serves the resource today$/m);
    });
    test('roles and role bindings are looked up in rbac.authorization.k8s.io: reading one works, changing one is refused for that alone', () => {
      expect(Rule.read('roles', ['a']).apiGroup).toBe('rbac.authorization.k8s.io');
      expect(Rule.write('rolebindings', ['a']).apiGroup).toBe('rbac.authorization.k8s.io');
      const { a } = two();
      a.grant(Rule.read('roles', ['a']));
      expect(Testing.synth(Chart.of(a)).find(o => o.kind === 'Role').rules)
        .toEqual([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], resourceNames: ['a'], verbs: ['get', 'list', 'watch'] }]);
      expect(() => two().a.grant(Rule.write('roles', ['a']))).toThrow(/\[INVALID_RULE\] \S+: invalid prop\n {2}- grant\(rules\[0\]\) = "roles": cannot be granted: changing RBAC lets the workload grant itself more rights/);
    });
    test.each([
      ['tokenreviews', 'authentication.k8s.io'], ['subjectaccessreviews', 'authorization.k8s.io'], ['storageclasses', 'storage.k8s.io'],
      ['customresourcedefinitions', 'apiextensions.k8s.io'], ['clusterroles', 'rbac.authorization.k8s.io'], ['priorityclasses', 'scheduling.k8s.io'],
      ['ingressclasses', 'networking.k8s.io'], ['clusterissuers', 'cert-manager.io'],
    ])('grant on cluster-scoped %s (%s), on which a Role gives no right, even to read', (resource, apiGroup) => {
      const cluster = new RegExp(`INVALID_RULE.*grant\\(rules\\[0\\]\\) = "${resource}": cannot be granted: ${resource} \\(${apiGroup.replace(/\./g, '\\.')}\\) are cluster-scoped: the Role that grant writes gives no right on them`, 's');
      expect(() => two().a.grant(Rule.read(resource, ['a'], { apiGroup }))).toThrow(cluster);
      expect(() => two().a.grant(Rule.create(resource, { apiGroup }))).toThrow(cluster);
    });
    test('grant on its own Namespace object, which a Role does reach, and on namespaced resources of the same groups', () => {
      two().a.grant(Rule.read('namespaces', ['team']), Rule.create('localsubjectaccessreviews', { apiGroup: 'authorization.k8s.io' }),
        Rule.read('csistoragecapacities', ['a'], { apiGroup: 'storage.k8s.io' }), Rule.read('issuers', ['a'], { apiGroup: 'cert-manager.io' }));
    });
    test('grant of changes to the namespace\'s trust anchors, which reading leaves alone', () => {
      expect(() => two().a.grant(Rule.write('configmaps', ['app-config', 'kube-root-ca.crt'])))
        .toThrow(/INVALID_RULE.*grant\(rules\[0\]\) = "configmaps": cannot be granted: "kube-root-ca.crt" holds the cluster CA that every pod's API client trusts: changing or deleting it lets the workload have the pods of its namespace trust a CA of its choosing. Fix: name only the application's own configmaps \(reading "kube-root-ca.crt" stays possible: Rule.read\)$/ms);
      expect(() => two().a.grant({ apiGroup: '', resource: 'configmaps', verbs: ['delete'], resourceNames: ['istio-ca-root-cert', 'kube-root-ca.crt'] }))
        .toThrow(/"configmaps": cannot be granted: "istio-ca-root-cert" holds the mesh root certificate that every sidecar trusts; "kube-root-ca.crt" holds the cluster CA .*: changing or deleting them/);
      two().a.grant(Rule.read('configmaps', ['kube-root-ca.crt', 'istio-ca-root-cert']), Rule.write('configmaps', ['app-config']), Rule.write('widgets', ['kube-root-ca.crt'], { apiGroup: 'example.com' }));
    });
    test('grant of evictions, of binding pods to nodes, and of changes to disruption budgets', () => {
      expect(() => two().a.grant(Rule.create('pods/eviction')))
        .toThrow(/grant\(rules\[0\]\) = "pods\/eviction": cannot be granted: evicting pods lets the workload stop the pods of every workload of its namespace/);
      expect(() => two().a.grant(Rule.create('pods/binding'))).toThrow(/"pods\/binding": cannot be granted: binding pods to nodes bypasses the scheduler/);
      expect(() => two().a.grant(Rule.create('bindings'))).toThrow(/"bindings": cannot be granted: binding pods to nodes bypasses the scheduler/);
      expect(() => two().a.grant(Rule.write('poddisruptionbudgets', ['a'], { apiGroup: 'policy' })))
        .toThrow(/"poddisruptionbudgets": cannot be granted: changing disruption budgets lets the workload have a drain stop every replica of a service, or block node maintenance/);
      expect(() => two().a.grant(Rule.create('poddisruptionbudgets', { apiGroup: 'policy' }))).toThrow(/"poddisruptionbudgets": cannot be granted/);
      two().a.grant(Rule.read('poddisruptionbudgets', ['a'], { apiGroup: 'policy' }));
    });
    test('a subresource of a well-known resource takes the resource\'s API group', () => {
      const { a } = two();
      a.grant(Rule.write('deployments/scale', ['a']), Rule.read('jobs/status', ['nightly']));
      const role = Testing.synth(Chart.of(a)).find(o => o.kind === 'Role');
      expect(role.rules.map((r: any) => `${r.apiGroups[0]}/${r.resources[0]}`).sort()).toEqual(['apps/deployments/scale', 'batch/jobs/status']);
    });
    test('grant of changes to the status the kubelet and the cloud write; an operator may still write its own resources\' status', () => {
      expect(() => two().a.grant(Rule.write('pods/status', ['a'])))
        .toThrow(/"pods\/status": cannot be granted: a pod's status is the kubelet's record of its readiness and addresses/);
      expect(() => two().a.grant(Rule.write('services/status', ['a']))).toThrow(/"services\/status": cannot be granted: a Service's status records the load balancer/);
      two().a.grant(Rule.read('pods/status', ['a']), Rule.write('widgets/status', ['a'], { apiGroup: 'example.com' }));
    });
    test.each([
      ['networkpolicies', 'networking.k8s.io'], ['resourcequotas', ''], ['limitranges', ''], ['roles', 'rbac.authorization.k8s.io'],
      ['rolebindings', 'rbac.authorization.k8s.io'], ['serviceaccounts', ''], ['serviceaccounts/token', ''],
      ['mutatingwebhookconfigurations', 'admissionregistration.k8s.io'], ['validatingadmissionpolicybindings', 'admissionregistration.k8s.io'],
    ])('grant of creating %s (%s), which shape the namespace or its identities', (resource, apiGroup) => {
      expect(() => two().a.grant(Rule.create(resource, { apiGroup }))).toThrow(new RegExp(`"${resource}": cannot be granted`));
    });
    test('grant on its own network policies', () => {
      expect(() => two().a.grant(Rule.write('networkpolicies', ['a'], { apiGroup: 'networking.k8s.io' }))).toThrow(/"networkpolicies": cannot be granted: changing network policies lets the workload undo its own isolation/);
    });
    test('grant of changes to what shapes its namespace: the namespace, quotas, Services, endpoints, certificates', () => {
      const cases: [ReturnType<typeof Rule.write>, RegExp][] = [
        [Rule.write('namespaces', ['team']), /"namespaces": cannot be granted: changing its namespace lets the workload remove the Pod Security/],
        [Rule.write('resourcequotas', ['quota']), /"resourcequotas": cannot be granted: changing the quota lifts/],
        [Rule.write('limitranges', ['limits']), /"limitranges": cannot be granted/],
        [Rule.write('services', ['a']), /"services": cannot be granted: changing Services lets the workload expose pods/],
        [Rule.create('services'), /"services": cannot be granted/],
        [Rule.write('endpoints', ['a']), /"endpoints": cannot be granted: .*CVE-2021-25740/],
        [Rule.write('endpointslices', ['a'], { apiGroup: 'discovery.k8s.io' }), /"endpointslices": cannot be granted/],
        [Rule.create('certificates', { apiGroup: 'cert-manager.io' }), /"certificates": cannot be granted: requesting certificates lets the workload obtain one for any host/],
        [Rule.write('challenges', ['a'], { apiGroup: 'acme.cert-manager.io' }), /"challenges": cannot be granted/],
      ];
      for (const [rule, error] of cases) expect(() => two().a.grant(rule)).toThrow(error);
      // Reading them stays possible, and resources of the same name in other APIs are not theirs.
      two().a.grant(Rule.read('namespaces', ['team']), Rule.read('services', ['a']), Rule.read('certificates', ['a'], { apiGroup: 'cert-manager.io' }));
      expect(() => two().a.grant(Rule.write('services', ['hello'], { apiGroup: 'serving.knative.dev' }))).toThrow(/"services": cannot be granted: creating or changing services runs containers/);
      two().a.grant(Rule.write('services', ['hello'], { apiGroup: 'example.com' }));
      expect(() => two().a.grant(Rule.create('persistentvolumes'))).toThrow(/"persistentvolumes": cannot be granted: persistent volumes are cluster-scoped/);
    });
    test('grant of changes to the mesh, network policy, admission and platform APIs, which reads leave alone', () => {
      expect(() => two().a.grant(Rule.write('authorizationpolicies', ['a'], { apiGroup: 'security.istio.io' }))).toThrow(/"authorizationpolicies": cannot be granted: changing mesh objects lets the workload undo its own isolation/);
      const refused: [string, string][] = [
        ['wasmplugins', 'extensions.istio.io'], ['telemetries', 'telemetry.istio.io'], ['httproutes', 'gateway.networking.k8s.io'],
        ['ciliumnetworkpolicies', 'cilium.io'], ['networkpolicies', 'crd.projectcalico.org'], ['analysistemplates', 'argoproj.io'],
        ['workflows', 'argoproj.io'], ['containersources', 'sources.knative.dev'], ['uniteddeployments', 'apps.kruise.io'],
        ['triggerauthentications', 'keda.sh'], ['helmreleases', 'helm.toolkit.fluxcd.io'], ['jobsets', 'jobset.x-k8s.io'],
        ['externalsecrets', 'external-secrets.io'], ['clusterpolicies', 'kyverno.io'],
      ];
      for (const [resource, apiGroup] of refused) expect(() => two().a.grant(Rule.create(resource, { apiGroup }))).toThrow(new RegExp(`"${resource}": cannot be granted`));
      // Reading them is harmless, and so is reading the objects whose change would undo the isolation.
      two().a.grant(Rule.read('networkpolicies', ['a'], { apiGroup: 'networking.k8s.io' }), Rule.read('authorizationpolicies', ['a'], { apiGroup: 'security.istio.io' }),
        Rule.read('serviceaccounts', ['a']), Rule.read('rollouts', ['a'], { apiGroup: 'argoproj.io' }));
      expect(() => two().a.grant(Rule.read('secrets', ['a']))).toThrow(/"secrets": cannot be granted/);
    });
    test('suppressing with a misspelt expiry, which would never expire', () => {
      expect(() => Compliance.suppress(two().a, 'image-pull-policy-always', 'images mirrored in-cluster; tracked in SEC-142', { expiry: '2099-01-01' } as any))
        .toThrow(/INVALID_SUPPRESSION.*test\/a.*- options.expiry = "2099-01-01": is not an option of Compliance.suppress. Fix: remove it, or did you mean "expires"\?$/ms);
    });
    test('the API server\'s endpoint port is the one the egress rule names', () => {
      const { chart } = newChart();
      const ns = namespace(chart, 'kind', { apiServer: { cidr: '172.18.0.2/32', port: 6443 } });
      const w = new CompliantWorkload(chart, 'w', base(ns));
      w.grant(Rule.read('configmaps', ['w-config']));
      const policy = Testing.synth(chart).find(o => o.kind === 'NetworkPolicy' && o.metadata.name === 'w');
      expect(policy.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '172.18.0.2/32' } }], ports: [{ port: 6443, protocol: 'TCP' }] });
      expect(policy.metadata.annotations['soc2.cdk8s.io/egress-reasons']).toBe('172.18.0.2/32 TCP/6443: the Kubernetes API server, for the rights granted to the workload');
    });
    test('suppressing twice', () => {
      const { a } = two();
      Compliance.suppress(a, 'image-pull-policy-always', 'images mirrored in-cluster; tracked in SEC-142');
      expect(() => Compliance.suppress(a, 'image-pull-policy-always', 'a second reason for the same thing')).toThrow(/controlId = "image-pull-policy-always": is already suppressed on test\/a\/Resource/);
    });
    test('egress to something that is not a CIDR', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('example.com', 443), { reason: 'talks to the partner API' })).toThrow(/allowEgressTo\(peer.cidr\) = "example.com": is not an IPv4 or IPv6 CIDR/);
    });
    test('egress to a CIDR with address bits set below its prefix, which opens the whole range', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.5/24', 443), { reason: 'talks to the partner API' }))
        .toThrow(/allowEgressTo\(peer.cidr\) = "203.0.113.5\/24": has address bits set below its prefix, so it stands for the whole range 203.0.113.0\/24.*Fix: write the range it opens, "203.0.113.0\/24", or the single address as a \/32/s);
      expect(() => two().a.allowEgressTo(Peer.cidr('2001:DB8::5/64', 443), { reason: 'talks to the partner API' }))
        .toThrow(/allowEgressTo\(peer.cidr\) = "2001:DB8::5\/64": has address bits set below its prefix, so it stands for the whole range 2001:db8::\/64.*Fix: write the range it opens, "2001:db8::\/64"/s);
      two().a.allowEgressTo(Peer.cidr('203.0.113.5/32', 443), { reason: 'talks to the partner API' });
    });
    test('egress to a range that holds the cloud instance metadata address', () => {
      for (const cidr of ['169.254.169.254/32', '169.254.0.0/16', 'fd00:ec2::/64', '100.100.100.200/32', '100.100.96.0/20']) {
        expect(() => two().a.allowEgressTo(Peer.cidr(cidr, 80), { reason: 'reads the instance metadata' }))
          .toThrow(/holds the cloud instance metadata address .*, which hands out the node's cloud credentials.*Fix: give the workload a cloud identity of its own/s);
      }
      two().a.allowEgressTo(Peer.cidr('169.254.170.0/24', 80), { reason: 'reaches the link-local task endpoint' });
      // The metadata services answer on TCP port 80 only: DNS on a link-local range is not refused.
      two().a.allowEgressTo(Peer.cidr('169.254.0.0/16', 53, { protocol: 'UDP' }), { reason: 'resolves names through NodeLocal DNS' });
    });
    test('egress to a loopback or "this host" range, whose traffic never leaves the pod, in any spelling', () => {
      for (const cidr of ['127.0.0.1/32', '127.0.0.0/8', '::1/128', '0.0.0.0/32', '0.0.0.0/8', '::/128', '::/127', '::ffff:127.0.0.1/128', '::ffff:0.0.0.0/104']) {
        expect(() => two().a.allowEgressTo(Peer.cidr(cidr, 8126), { reason: 'traces to the local agent' }))
          .toThrow(new RegExp(`allowEgressTo\\(peer.cidr\\) = "${cidr.replace(/[./]/g, '\\$&')}": is a range of the pod's own addresses.*Fix: remove the call`, 's'));
      }
      // Other IPv4-mapped ranges are still told to be written as IPv4.
      expect(() => two().a.allowEgressTo(Peer.cidr('::ffff:203.0.113.0/120', 443), { reason: 'talks to the partner API' })).toThrow(/is an IPv4-mapped IPv6 range/);
      two().a.allowEgressTo(Peer.cidr('126.0.0.0/8', 443), { reason: 'talks to the partner API' });
      two().a.allowEgressTo(Peer.cidr('::2/128', 443), { reason: 'talks to the partner API' });
    });
    test('egress without a real reason', () => {
      expect(() => two().a.allowEgressTo(Peer.cidr('203.0.113.0/24', 443), { reason: 'n/a' })).toThrow(/allowEgressTo\(options.reason\) = "n\/a": "n\/a" is a placeholder/);
    });
    test('grant with a wildcard resource', () => {
      expect(() => two().a.grant({ apiGroup: '', resource: '*', verbs: ['get'] })).toThrow(/INVALID_RULE.*grant\(rules\[0\]\) = .*must name one resource and API group, without wildcards/s);
    });
    test('grant on secrets', () => {
      expect(() => two().a.grant(Rule.read('secrets', ['db']))).toThrow(/grant\(rules\[0\]\) = "secrets": cannot be granted: secrets are passed to the workload by reference/);
    });
    test('grant of pods/exec', () => {
      expect(() => two().a.grant(Rule.create('pods/exec'))).toThrow(/grant\(rules\[0\]\) = "pods\/exec": cannot be granted: exec into pods/);
    });
    test('grant without named objects names the missing field and how to fill it', () => {
      expectSoc2Error(() => two().a.grant(Rule.read('configmaps', [])), {
        code: 'INVALID_RULE', path: 'test/a', prop: 'grant(rules[0]).resourceNames', value: '[]',
        problem: /is empty: a rule with verbs get, list, watch must name each object it reaches/, fix: /e\.g\. Rule\.read\("configmaps", \["app-config"\]\)/,
      });
      expectSoc2Error(() => two().a.grant({ apiGroup: '', resource: 'pods', verbs: ['get', 'list', 'delete'] }), {
        code: 'INVALID_RULE', path: 'test/a', prop: 'grant(rules[0]).resourceNames', value: 'undefined',
        problem: /is missing: a rule with verbs get, list, delete must name each object it reaches \(only create goes without, as names cannot restrict it\)/,
        fix: /add resourceNames: the names of the objects, e\.g\. \{ apiGroup: "", resource: "pods", verbs: \["get", "list", "delete"\], resourceNames: \["my-object"\] \}/,
      });
      expectSoc2Error(() => two().a.grant({ apiGroup: 'apps', resource: 'deployments', verbs: ['update', 'get', 'patch'], resourceNames: ['*'] }), {
        code: 'INVALID_RULE', path: 'test/a', prop: 'grant(rules[0]).resourceNames', value: '["*"]', problem: /holds a wildcard/, fix: /Rule\.write\("deployments", \["my-object"\]\)$/m,
      });
    });
    test('grant without named objects is never offered a factory that grants more verbs than the rule, nor one that would look up another API group', () => {
      expect(() => two().a.grant({ apiGroup: 'apps', resource: 'deployments', verbs: ['patch'], resourceNames: ['*'] }))
        .toThrow(/\.resourceNames = \["\*"\]: .*Fix: add resourceNames: the names of the objects, e\.g\. \{ apiGroup: "apps", resource: "deployments", verbs: \["patch"\], resourceNames: \["my-object"\] \}$/m);
      expect(() => two().a.grant({ apiGroup: '', resource: 'configmaps', verbs: ['get'] }))
        .toThrow(/\.resourceNames = undefined: .*Fix: add resourceNames: the names of the objects, e\.g\. \{ apiGroup: "", resource: "configmaps", verbs: \["get"\], resourceNames: \["app-config"\] \}$/m);
      expect(() => two().a.grant({ apiGroup: 'example.com', resource: 'widgets', verbs: ['watch', 'list', 'get'] }))
        .toThrow(/\.resourceNames = undefined: .*Fix: add resourceNames: the names of the objects, e\.g\. Rule\.read\("widgets", \["my-object"\], \{ apiGroup: "example\.com" \}\)$/m);
    });
    test('grant of a misspelt verb names the verbs field, the verb and the closest one', () => {
      expectSoc2Error(() => two().a.grant({ apiGroup: '', resource: 'configmaps', verbs: ['gett'], resourceNames: ['app-config'] }), {
        code: 'INVALID_RULE', path: 'test/a', prop: 'grant(rules[0]).verbs', value: '["gett"]',
        problem: /holds "gett", which is not a verb a workload may be granted \(get, list, watch, create, update, patch, delete\)/,
        fix: /did you mean "get"\? Or build the rule with Rule\.read, Rule\.write or Rule\.create/,
      });
      expect(() => two().a.grant({ apiGroup: '', resource: 'configmaps', verbs: ['lsit', 'escalate'], resourceNames: ['app-config'] }))
        .toThrow(/verbs = \["lsit","escalate"\]: holds "lsit", "escalate", which are not verbs .*Fix: for "lsit", did you mean "list"\? Remove "escalate"\. Or build/);
      expect(() => two().a.grant({ apiGroup: '', resource: 'configmaps', verbs: [], resourceNames: ['app-config'] }))
        .toThrow(/grant\(rules\[0\]\)\.verbs = \[\]: is empty: the rule grants nothing/);
    });
    test('grant in a namespace without an API server endpoint', () => {
      expect(() => two().c.grant(Rule.read('configmaps', ['c']))).toThrow(/namespace\.apiServer = undefined: is not set on namespace "bare", so the workload could not reach the API it is granted/);
    });
    test('suppressing an unknown control', () => {
      expect(() => Compliance.suppress(two().a, 'pod-no-such-thing', 'a long enough reason here')).toThrow(/INVALID_SUPPRESSION.*controlId = "pod-no-such-thing": is not a control/s);
      expect(() => Compliance.suppress(two().a, 'pod-topology-spread', 'a long enough reason here')).toThrow(/is not a control of the catalogue. Fix: did you mean "workload-topology-spread"\?/);
      expect(() => Compliance.suppress(two().a, 'network-no-node-port-load-balancer', 'a long enough reason here'))
        .toThrow(/is not a control of the catalogue. Fix: did you mean "service-no-external-exposure"\? \(`cdk8s-soc2 controls` lists the ids\)/);
      expect(() => Compliance.suppress(two().a, 'C-0017', 'a long enough reason here'))
        .toThrow(/Fix: did you mean "pod-read-only-root-fs"\? \(the control that covers Kubescape C-0017\) \(`cdk8s-soc2 controls`/);
    });
    test('suppressing without a reason', () => {
      expect(() => Compliance.suppress(two().a, 'pod-read-only-root-fs', ' ')).toThrow(/reason = " ": the reason is empty/);
      expect(() => Compliance.suppress(two().a, 'pod-read-only-root-fs', 12345 as never)).toThrow(/reason = 12345: the reason must be text/);
    });
    test('suppressing with null options, or beyond the longest window a control allows', () => {
      const { a } = two();
      Compliance.suppress(a, 'image-pull-policy-always', 'images mirrored in-cluster; tracked in SEC-142', null as never);
      const ns = Chart.of(a).node.findAll().find(c => c.node.id === 'Resource' && c.node.scope?.node.id === 'team')!;
      expect(() => Compliance.suppress(ns, 'mesh-no-permissive-mtls', 'legacy clients migrating; tracked in SEC-9', { expires: '2999-01-01' }))
        .toThrow(/expires = "2999-01-01": is more than 180 days ahead, the longest mesh-no-permissive-mtls may be suppressed for.*Fix: choose a date no later than \d{4}-\d{2}-\d{2}/s);
    });
  });
});

test('Soc2Error is the error type', () => {
  const { chart } = newChart();
  expect(() => new CompliantWorkload(chart, 'w', { namespace: namespace(chart), image: 'x', port: 1 })).toThrow(Soc2Error);
});
