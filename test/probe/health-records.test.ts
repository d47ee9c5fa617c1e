/**
 * Probe 5 (a): a healthcare-records system across four namespaces of four data classifications.
 * In the restricted `phi` namespace, a Patroni-style PostgreSQL StatefulSet (three replicas started
 * in parallel, a 500Gi claim each, TLS key and password as files, its configuration from a
 * ConfigMap, API rights on its leader ConfigMap, metrics scraped from a second monitoring
 * namespace) and an autoscaled HTTP/2 records API that reaches a partner hospital's FHIR endpoint
 * by address and TLS name; a public terminology service; a confidential patient portal behind one
 * ingress of two hosts from the hospital's CA; an internal de-identification worker. Callers cross
 * namespaces in both directions of sensitivity.
 */
import { Chart, Duration } from 'cdk8s';
import {
  CertManagedIngress, ClusterIssuer, CompliantWorkload, DataClassification, HealthCheck, Issuer, MeshMtls, Peer, PodField, Rule, SensitiveNamespace,
} from '../../index';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';
import { expectRefused, Mistake } from './mistake-helpers';

const IMAGE = (name: string) => `registry.health.example/records/${name}:2.3.1`;
const FHIR = { cidr: '203.0.113.64/27', host: 'fhir.partner-hospital.example', reason: 'HL7 FHIR exchange with the partner hospital (DPA-7)' };

/** The records system, not yet synthesized. */
function records() {
  const app = probeApp({
    allowedRegistries: ['registry.health.example/'], monitoringNamespaces: ['monitoring', 'observability'],
    requiredWorkloadLabels: ['app.kubernetes.io/name', 'team'],
  });
  const platform = new Chart(app, 'platform');
  new MeshMtls(platform, 'mesh', { externalHosts: [{ host: FHIR.host, port: 443, reason: FHIR.reason }] });
  const ca = new ClusterIssuer(platform, 'hospital-ca', { issuer: Issuer.ca({ secretName: 'hospital-ca-key-pair' }) });
  const chart = new Chart(app, 'records');
  const phi = new SensitiveNamespace(chart, 'phi', {
    dataClassification: DataClassification.RESTRICTED, owner: 'team-records',
    access: { editors: ['oidc:records-oncall'], viewers: ['oidc:records-auditors'] },
    quota: { cpu: '32', memory: '64Gi', pods: 60, storage: '2Ti' }, apiServer: { cidr: '10.0.0.0/24', port: 6443 },
  });
  const portal = new SensitiveNamespace(chart, 'patient-portal', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-portal' });
  const reference = new SensitiveNamespace(chart, 'reference-data', { dataClassification: DataClassification.PUBLIC, owner: 'team-records' });
  const analytics = new SensitiveNamespace(chart, 'analytics', { dataClassification: DataClassification.INTERNAL, owner: 'team-insights' });
  const db = new CompliantWorkload(chart, 'records-db', {
    namespace: phi, image: IMAGE('postgres'), port: 5432, protocol: 'tcp', replicas: 3, labels: { team: 'records' },
    storage: { mountPath: '/var/lib/postgresql/data', size: '500Gi', storageClassName: 'encrypted-ssd', podManagementPolicy: 'Parallel' },
    readiness: HealthCheck.command(['pg_isready', '-h', '127.0.0.1']), liveness: HealthCheck.tcp(), startupTimeout: Duration.minutes(30),
    metricsPort: 9187, monitoringNamespace: 'observability',
    secretFiles: {
      'superuser-password': { secret: 'records-db-superuser', key: 'password' },
      'tls.crt': { secret: 'records-db-tls', key: 'tls.crt' }, 'tls.key': { secret: 'records-db-tls', key: 'tls.key' },
    },
    configFiles: { 'postgresql.conf': { configMap: 'records-db-config', key: 'postgresql.conf' }, 'pg_hba.conf': { configMap: 'records-db-config', key: 'pg_hba.conf' } },
    podInfoEnv: { POD_NAME: PodField.POD_NAME, POD_NAMESPACE: PodField.POD_NAMESPACE },
    env: { PATRONI_NAME: '$(POD_NAME)', PATRONI_KUBERNETES_NAMESPACE: '$(POD_NAMESPACE)', PGDATA: '/var/lib/postgresql/data/pgdata' },
    // `/data` is the operator's scratch space for base-backup staging, beside the claim named `data`.
    writablePaths: ['/tmp', '/var/run/postgresql', '/data'],
    resources: { requests: { cpu: '2', memory: '8Gi', ephemeralStorage: '1Gi' }, limits: { cpu: '4', memory: '8Gi', ephemeralStorage: '2Gi' } },
  });
  db.allowFrom(db, { port: 8008 });
  db.allowFrom(db);
  db.grant(Rule.read('endpoints', ['records-db']), Rule.write('configmaps', ['records-db-leader']));
  const api = new CompliantWorkload(chart, 'records-api', {
    namespace: phi, image: IMAGE('api'), port: 8443, protocol: 'http2', labels: { team: 'records' },
    autoscaling: { minReplicas: 3, maxReplicas: 12, cpuUtilization: 60, memoryUtilization: 80 },
    readiness: HealthCheck.http('/ready', 8081), liveness: HealthCheck.http('/live', 8081), metricsPort: 9090,
    secretFiles: { 'db-password': { secret: 'records-api-db', key: 'password' } },
    configFiles: { 'fhir.yaml': { configMap: 'records-api', key: 'fhir.yaml' } },
    env: { DB_HOST: 'records-db.phi.svc.cluster.local', DB_PORT: '5432' },
  });
  db.allowFrom(api);
  api.allowEgressTo(Peer.cidr(FHIR.cidr, 443, { host: FHIR.host }), { reason: FHIR.reason });
  const terminology = new CompliantWorkload(chart, 'terminology', { namespace: reference, image: IMAGE('terminology'), port: 8080, labels: { team: 'records' } });
  terminology.allowFrom(api);
  const web = new CompliantWorkload(chart, 'portal-web', { namespace: portal, image: IMAGE('portal'), port: 3000, labels: { team: 'portal' } });
  const bff = new CompliantWorkload(chart, 'portal-bff', { namespace: portal, image: IMAGE('bff'), port: 8080, labels: { team: 'portal' } });
  bff.allowFrom(web);
  api.allowFrom(bff);
  terminology.allowFrom(web);
  const deidentify = new CompliantWorkload(chart, 'deidentify', {
    namespace: analytics, image: IMAGE('etl'), labels: { team: 'insights' }, metricsPort: 9102,
    liveness: HealthCheck.command(['/bin/alive']), readiness: HealthCheck.command(['/bin/ready']),
  });
  api.allowFrom(deidentify);
  new CertManagedIngress(chart, 'portal-ingress', {
    name: 'portal', issuer: ca,
    rules: [{ host: 'portal.health.example', paths: [{ backend: web }, { path: '/api', backend: bff }] }, { host: 'my.health.example', paths: [{ backend: web }] }],
  });
  return { app, chart, phi, portal, reference, analytics, db, api, terminology, web, bff, deidentify, ca };
}
type Records = ReturnType<typeof records>;

const templateOf = (o: Record<string, any>) => o.spec.template.spec;
const fromNamespace = (rule: any) => rule.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'];

describe('probe 5 (a): health records in four namespaces of four classifications, a stateful database and a partner API', () => {
  const out = synthProbe(records().app);
  const objects = out.objects;

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(verdict(out)).toEqual([]);
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings', async () => {
    await expectCliClean(out);
  });

  test('each namespace carries its classification and owner; only phi grants human access', () => {
    const labels = (name: string) => one(objects, 'Namespace', name).metadata.labels;
    expect(['phi', 'patient-portal', 'reference-data', 'analytics'].map(n => [n, labels(n)['soc2.cdk8s.io/data-classification'], labels(n)['soc2.cdk8s.io/owner']])).toEqual([
      ['phi', 'restricted', 'team-records'], ['patient-portal', 'confidential', 'team-portal'],
      ['reference-data', 'public', 'team-records'], ['analytics', 'internal', 'team-insights'],
    ]);
    expect(objects.filter(o => o.kind === 'RoleBinding' && ['edit', 'view'].includes(o.metadata.name)).map(o => `${o.metadata.namespace}/${o.metadata.name}: ${o.subjects.map((s: any) => `${s.kind}:${s.name}`)}`))
      .toEqual(['phi/view: Group:oidc:records-auditors', 'phi/edit: Group:oidc:records-oncall']);
  });

  test('the database: a StatefulSet of 3 started in parallel, a 500Gi encrypted claim each, counted against the 2Ti ceiling', () => {
    const sts = one(objects, 'StatefulSet', 'records-db', 'phi');
    expect([sts.spec.replicas, sts.spec.podManagementPolicy, sts.spec.serviceName]).toEqual([3, 'Parallel', 'records-db-headless']);
    expect(sts.spec.volumeClaimTemplates.map((t: any) => [t.metadata.name, t.spec.accessModes, t.spec.resources.requests.storage, t.spec.storageClassName]))
      .toEqual([['data', ['ReadWriteOnce'], '500Gi', 'encrypted-ssd']]);
    expect(one(objects, 'ResourceQuota', 'quota', 'phi').spec.hard).toMatchObject({ 'requests.storage': '2Ti', 'limits.cpu': '32', 'pods': '60' });
    expect(one(objects, 'PodDisruptionBudget', 'records-db', 'phi').spec.maxUnavailable).toBe(1);
    // A 30-minute start is 181 checks 10 seconds apart before liveness counts.
    expect(templateOf(sts).containers[0].startupProbe).toMatchObject({ tcpSocket: { port: 'tcp' }, periodSeconds: 10, failureThreshold: 181 });
  });

  test('the scratch directory /data and the claim named data are two volumes: the claim is mounted where storage says, /data is an emptyDir', () => {
    const pod = templateOf(one(objects, 'StatefulSet', 'records-db', 'phi'));
    const byPath = Object.fromEntries(pod.containers[0].volumeMounts.map((m: any) => [m.mountPath, m]));
    expect(byPath['/var/lib/postgresql/data']).toEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    expect(byPath['/data'].name).not.toBe('data');
    expect(pod.volumes.find((v: any) => v.name === byPath['/data'].name)).toEqual({ name: byPath['/data'].name, emptyDir: { sizeLimit: '2Gi' } });
    expect(pod.volumes.map((v: any) => v.name)).not.toContain('data');
  });

  test('credentials and configuration are read-only files; the pod facts come first so that Patroni\'s variables can use them', () => {
    const container = templateOf(one(objects, 'StatefulSet', 'records-db', 'phi')).containers[0];
    expect(JSON.stringify(container.env)).not.toMatch(/secretKeyRef/);
    expect(container.env.map((e: any) => e.name)).toEqual(['POD_NAME', 'POD_NAMESPACE', 'PATRONI_NAME', 'PATRONI_KUBERNETES_NAMESPACE', 'PGDATA']);
    expect(container.volumeMounts.filter((m: any) => m.readOnly).map((m: any) => m.mountPath))
      .toEqual(['/var/run/secrets/app', '/etc/app', '/var/run/secrets/kubernetes.io/serviceaccount']);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true, allowPrivilegeEscalation: false });
  });

  test('the database reaches the API server for its leader ConfigMap only, with a short-lived token', () => {
    const role = one(objects, 'Role', 'records-db', 'phi');
    expect(role.rules.map((r: any) => `${r.resources}:${r.resourceNames}:${r.verbs}`)).toEqual(['configmaps:records-db-leader:get,patch,update', 'endpoints:records-db:get,list,watch']);
    const token = templateOf(one(objects, 'StatefulSet', 'records-db', 'phi')).volumes.find((v: any) => v.name === 'kube-api-access').projected.sources[0];
    expect(token.serviceAccountToken.expirationSeconds).toBe(3600);
    const egress = one(objects, 'NetworkPolicy', 'records-db', 'phi').spec.egress.find((r: any) => r.to[0].ipBlock);
    expect(egress).toEqual({ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ port: 6443, protocol: 'TCP' }] });
    expect(templateOf(one(objects, 'Deployment', 'records-api', 'phi')).automountServiceAccountToken).toBe(false);
    expect(objects.filter(o => o.kind === 'Role' && o.metadata.name === 'records-api')).toEqual([]);
  });

  test('metrics: the database is scraped from observability, the others from monitoring, on their metrics ports only', () => {
    const scrape = (name: string, ns: string) => one(objects, 'NetworkPolicy', name, ns).spec.ingress
      .filter((r: any) => ['monitoring', 'observability'].includes(fromNamespace(r))).map((r: any) => `${fromNamespace(r)}:${r.ports[0].port}`);
    expect([scrape('records-db', 'phi'), scrape('records-api', 'phi'), scrape('deidentify', 'analytics')]).toEqual([['observability:9187'], ['monitoring:9090'], ['monitoring:9102']]);
    const rule = one(objects, 'AuthorizationPolicy', 'records-db', 'phi').spec.rules.find((r: any) => r.to[0].operation.ports[0] === '9187');
    expect(rule.from).toEqual([{ source: { namespaces: ['observability'] } }]);
  });

  test('the records API scales 3 to 12 on CPU and memory and reaches the partner by address and TLS name, with its reason', () => {
    const hpa = one(objects, 'HorizontalPodAutoscaler', 'records-api', 'phi').spec;
    expect([hpa.minReplicas, hpa.maxReplicas, hpa.metrics.map((m: any) => `${m.containerResource.name}:${m.containerResource.target.averageUtilization}`)]).toEqual([3, 12, ['cpu:60', 'memory:80']]);
    expect(one(objects, 'Deployment', 'records-api', 'phi').spec.replicas).toBeUndefined();
    const np = one(objects, 'NetworkPolicy', 'records-api', 'phi');
    expect(np.metadata.annotations['soc2.cdk8s.io/egress-reasons']).toBe(`${FHIR.cidr} TCP/443 (${FHIR.host}): ${FHIR.reason}`);
    expect(np.spec.egress.find((r: any) => r.to[0].ipBlock)).toEqual({ to: [{ ipBlock: { cidr: FHIR.cidr } }], ports: [{ port: 443, protocol: 'TCP' }] });
    // The mesh serves the partner host on 443 to every namespace; a ServiceEntry of phi for it would shadow that one there.
    expect(objects.filter(o => o.kind === 'ServiceEntry').map(o => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['istio-system/external-fhir-partner--hospital-example']);
    expect(one(objects, 'ServiceEntry', 'external-fhir-partner--hospital-example', 'istio-system').spec)
      .toMatchObject({ hosts: [FHIR.host], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, protocol: 'TLS' }] });
    expect(one(objects, 'Sidecar', 'default', 'phi').spec.outboundTrafficPolicy).toEqual({ mode: 'REGISTRY_ONLY' });
  });

  test('callers cross namespaces both ways of sensitivity, each admitted by namespace, pods and principal on the serving port only', () => {
    const authz = one(objects, 'AuthorizationPolicy', 'records-api', 'phi').spec.rules.find((r: any) => r.to[0].operation.ports[0] === '8443');
    expect(authz.from[0].source.principals).toEqual(['cluster.local/ns/analytics/sa/deidentify', 'cluster.local/ns/patient-portal/sa/portal-bff']);
    const api = one(objects, 'NetworkPolicy', 'records-api', 'phi').spec.ingress.filter((r: any) => r.ports[0].port === 8443);
    expect(api.map((r: any) => `${fromNamespace(r)}/${r.from[0].podSelector.matchLabels['app.kubernetes.io/name']}`).sort()).toEqual(['analytics/deidentify', 'patient-portal/portal-bff']);
    const terminology = one(objects, 'AuthorizationPolicy', 'terminology', 'reference-data').spec.rules;
    expect(terminology.flatMap((r: any) => r.from[0].source.principals)).toEqual(['cluster.local/ns/patient-portal/sa/portal-web', 'cluster.local/ns/phi/sa/records-api']);
    expect(one(objects, 'Sidecar', 'default', 'analytics').spec.egress[0].hosts).toEqual(['./*', 'istio-system/*', 'phi/records-api.phi.svc.cluster.local']);
    // Nothing admits the database from outside phi.
    expect(one(objects, 'NetworkPolicy', 'records-db', 'phi').spec.ingress.map(fromNamespace).filter((n: string) => n !== 'phi')).toEqual(['observability']);
  });

  test('the portal ingress: two hosts in one certificate from the hospital CA, /api to the BFF, each backend admitting the controller only', () => {
    const routes = objects.filter(o => o.kind === 'Ingress').map(o => `${o.metadata.name} ${o.spec.rules.map((r: any) => `${r.host}${r.http.paths.map((p: any) => ` ${p.path}->${p.backend.service.name}`).join('')}`).join(' | ')}`);
    expect(routes).toEqual(['portal portal.health.example /->portal-web | my.health.example /->portal-web', 'portal.portal-bff portal.health.example /api->portal-bff']);
    const cert = one(objects, 'Certificate', 'portal', 'patient-portal').spec;
    expect([cert.dnsNames, cert.issuerRef, cert.privateKey]).toEqual([
      ['portal.health.example', 'my.health.example'], { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'hospital-ca' }, { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    ]);
    for (const name of ['portal-web', 'portal-bff']) {
      const fromController = one(objects, 'NetworkPolicy', name, 'patient-portal').spec.ingress.filter((r: any) => fromNamespace(r) === 'ingress-nginx');
      expect(fromController).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: name === 'portal-web' ? 3000 : 8080, protocol: 'TCP' }] }]);
    }
  });

  test('every workload carries the team label the app requires, on the pods as well', () => {
    const workloads = objects.filter(o => ['Deployment', 'StatefulSet'].includes(o.kind));
    expect(workloads.map(o => `${o.metadata.name}:${o.spec.template.metadata.labels.team}`).sort())
      .toEqual(['deidentify:insights', 'portal-bff:portal', 'portal-web:portal', 'records-api:records', 'records-db:records', 'terminology:records']);
  });
});

const MISTAKES: Mistake<Records>[] = [
  ['the de-identification worker, which serves nothing, as an ingress backend', r => new CertManagedIngress(r.chart, 'insights-ingress', {
    rules: [{ host: 'insights.health.example', paths: [{ path: '/insights', backend: r.deidentify }] }], issuer: r.ca,
  }), {
    code: 'INVALID_BACKEND', path: 'records/insights-ingress', prop: 'rules[0].paths[0].backend', value: '"records/deidentify"', problem: /serves on no port/, fix: /route the hosts to a workload that serves them/,
  }],
  ['the terminology team serving a path of the portal\'s host from its own namespace', r => new CertManagedIngress(r.chart, 'codes-ingress', {
    rules: [{ host: 'portal.health.example', paths: [{ path: '/codes', backend: r.terminology }] }], issuer: r.ca,
  }), {
    code: 'DUPLICATE_NAME', path: 'records/codes-ingress', prop: 'rules[0].host', value: '"portal.health.example"',
    problem: /already used by records\/portal-ingress, in namespace "patient-portal"/,
    fix: /give this ingress a host of its own, or run its backends in namespace "patient-portal" and add their paths to the rules of records\/portal-ingress/,
  }],
  ['egress to the whole internet for the partner API', r => r.api.allowEgressTo(Peer.cidr('0.0.0.0/0', 443, { host: FHIR.host }), { reason: FHIR.reason }), {
    code: 'INVALID_PEER', path: 'records/records-api', prop: 'allowEgressTo(peer.cidr)', value: '"0.0.0.0/0"', problem: /opens egress to the whole internet/, fix: /name the provider's published address ranges, one Peer\.cidr per range/,
  }],
  ['metrics scraped from a namespace the app does not list', r => new CompliantWorkload(r.chart, 'audit', {
    namespace: r.phi, image: IMAGE('audit'), port: 8080, labels: { team: 'records' }, metricsPort: 9090, monitoringNamespace: 'prometheus',
  }), {
    code: 'INVALID_PEER', path: 'records/audit', prop: 'monitoringNamespace', value: '"prometheus"', fix: /monitoringNamespaces/,
  }],
  ['a database password given as a configuration file', r => new CompliantWorkload(r.chart, 'audit', {
    namespace: r.phi, image: IMAGE('audit'), port: 8080, labels: { team: 'records' }, configFiles: { 'db-password': { configMap: 'audit', key: 'password' } },
  }), {
    code: 'INVALID_PROP', path: 'records/audit', prop: 'configFiles.db-password', value: '"db-password"', problem: /is named for a credential/, fix: /secretFiles: \{ "db-password"/,
  }],
  ['a second database whose claims would pass the 2Ti storage ceiling', r => new CompliantWorkload(r.chart, 'imaging-db', {
    namespace: r.phi, image: IMAGE('postgres'), port: 5432, protocol: 'tcp', labels: { team: 'records' }, readiness: HealthCheck.command(['pg_isready']),
    storage: { mountPath: '/var/lib/postgresql/data', size: '300Gi' },
  }), {
    code: 'INVALID_PROP', path: 'records/imaging-db', prop: 'storage.size', value: '"300Gi"', problem: /would claim 2100Gi, above its quota\.storage of 2Ti/, fix: /raise quota\.storage of namespace "phi" to at least 2100Gi/,
  }],
  ['a workload without the team label the app requires', r => new CompliantWorkload(r.chart, 'audit', { namespace: r.phi, image: IMAGE('audit'), port: 8080 }), {
    code: 'INVALID_PROP', path: 'records/audit', prop: 'labels', value: 'undefined', problem: /lacks "team", which the app's requiredWorkloadLabels setting requires/, fix: /add "team": "<value>" to labels/,
  }],
  ['a scratch directory listed twice', r => new CompliantWorkload(r.chart, 'audit', {
    namespace: r.phi, image: IMAGE('audit'), port: 8080, labels: { team: 'records' }, writablePaths: ['/tmp', '/var/cache/audit', '/tmp'],
  }), {
    code: 'INVALID_PROP', path: 'records/audit', prop: 'writablePaths[2]', value: '"/tmp"', problem: /repeats writablePaths\[0\]/, fix: /list each directory once/,
  }],
];

describe('probe 5 (a): a records team\'s mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(records, make, expected));
});
