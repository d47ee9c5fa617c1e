import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  CertManagedIngress, CompliantWorkload, DataClassification, HealthCheck, Issuer, MeshMtls, Peer, PodField, Rule, SensitiveNamespace,
} from '../../constructs';
import { credentialInValue } from '../../src/compliance/common/credentials';
import { cidrContains, METADATA_ADDRESSES } from '../../src/compliance/common/ipv4-mapped';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { allSchemaErrors } from '../support/schema';
import { SCANNERS } from '../third-party/scanners';

/** Runs per property; raise for a soak: SOC2_PROPERTY_RUNS=5000 npx jest test/property */
const RUNS = Number(process.env.SOC2_PROPERTY_RUNS ?? 200);

const YAML_11 = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);
const dnsLabel = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5})?$/).filter(n => !YAML_11.has(n));
const group = fc.stringMatching(/^oidc:[a-z][a-z0-9-]{1,12}$/);
const hex64 = fc.stringMatching(/^[a-f0-9]{64}$/);
const tag = fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,3}$/);
const image = fc.oneof(
  hex64.map(h => `registry.example.com/team/app@sha256:${h}`),
  tag.map(t => `registry.example.com/team/app:${t}`),
);
/** Serving ports, some below 1024 (bound through the pod's unprivileged-port sysctl). */
const appPort = fc.oneof(fc.integer({ min: 1024, max: 14999 }), fc.constantFrom(80, 443, 1023));
const cpu = fc.integer({ min: 10, max: 2000 });
const mem = fc.integer({ min: 16, max: 4096 });
const envName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/).filter(n => !/PASS|SECRET|TOKEN|KEY|CRED|AUTH|PWD|JWT|BEARER/.test(n));
/** Configuration file names (and ConfigMap keys), judged by their content whatever their name. */
const configFile = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}\.(?:yaml|json|conf)$/);
/** Valid destination ranges: the address bits below the prefix clear, neither the cloud metadata address nor loopback, as the constructs require. */
const cidr = fc.tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 32 }))
  .map(([a, b, prefix]) => `${a}.${prefix >= 16 ? b : b & (0xff << (16 - prefix)) & 0xff}.0.0/${prefix}`)
  .filter(c => !METADATA_ADDRESSES.some(a => cidrContains(c, a)) && !c.startsWith('127.'));

const workloadSpec = fc.record({
  name: dnsLabel,
  ns: fc.nat(),
  image,
  port: appPort,
  metrics: fc.option(fc.integer({ min: 15100, max: 20000 }), { nil: undefined }),
  replicas: fc.integer({ min: 2, max: 6 }),
  autoscale: fc.option(fc.record({ extra: fc.integer({ min: 1, max: 8 }), memory: fc.boolean() }), { nil: undefined }),
  cpu: fc.tuple(cpu, cpu).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
  mem: fc.tuple(mem, mem).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
  // values the workload refuses as credentials (scanners flag them) are not valid input
  env: fc.dictionary(envName, fc.string({ maxLength: 20 }).filter(v => !/jwt|bearer|_key_|_secret_|private key|eyjhbgcio/i.test(v) && credentialInValue(v) === undefined), { maxKeys: 3 }),
  secrets: fc.dictionary(envName, fc.record({ secret: dnsLabel, key: fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}$/) }), { maxKeys: 2 }),
  config: fc.dictionary(configFile, fc.record({ configMap: dnsLabel, key: configFile }), { maxKeys: 2 }),
  podInfo: fc.dictionary(envName, fc.constantFrom(PodField.POD_NAME, PodField.POD_NAMESPACE, PodField.NODE_NAME, PodField.POD_IP, PodField.label('app.kubernetes.io/name')), { maxKeys: 2 }),
  writable: fc.subarray(['/tmp', '/var/cache/app', '/var/run/app']),
  storage: fc.option(fc.record({ size: fc.integer({ min: 1, max: 500 }), storageClassName: fc.option(dnsLabel, { nil: undefined }) }), { nil: undefined }),
  // 'worker': no port at all (a queue consumer), with probes of its own
  protocol: fc.constantFrom('http', 'http2', 'grpc', 'tcp', 'worker') as fc.Arbitrary<'http' | 'http2' | 'grpc' | 'tcp' | 'worker'>,
  egress: fc.option(cidr, { nil: undefined }),
  // the egress by the partner's TLS name, which the mesh may also serve mesh-wide
  egressByHost: fc.boolean(),
  grant: fc.boolean(),
});

const platformSpec = fc.record({
  namespaces: fc.uniqueArray(fc.record({
    name: dnsLabel,
    classification: fc.constantFrom(...Object.values(DataClassification)),
    owner: dnsLabel,
    editors: fc.uniqueArray(group, { maxLength: 2 }),
    viewers: fc.uniqueArray(group, { maxLength: 2 }),
  }), { minLength: 1, maxLength: 3, selector: n => n.name }),
  // every namespace gets a workload: an empty namespace is valid, but its default-deny policies
  // select no pod, which kube-score (networkpolicy-targets-pod) and Kubescape (C-0189) report
  workloads: fc.array(workloadSpec, { minLength: 3, maxLength: 6 }),
  wiring: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
  ingresses: fc.array(fc.record({
    backend: fc.nat(),
    host: dnsLabel,
    issuer: fc.constantFrom('cluster-http01', 'acme-http01', 'ca', 'cluster-dns01'),
    rsa: fc.boolean(),
  }), { maxLength: 3 }),
  mesh: fc.option(fc.record({ allowNothing: fc.boolean(), external: fc.boolean(), first: fc.boolean() }), { nil: undefined }),
  charts: fc.boolean(),
});

/** The partner API: reached by workloads by address or by name, and perhaps served mesh-wide. */
const PARTNER = 'api.partner.example.com';

type PlatformSpec = typeof platformSpec extends fc.Arbitrary<infer T> ? T : never;

function build(spec: PlatformSpec): App {
  const app = Testing.app();
  const shared = new Chart(app, 'c0');
  const namespaces = spec.namespaces.map((n, i) => new SensitiveNamespace(spec.charts ? new Chart(app, `c${i + 1}`) : shared, n.name, {
    dataClassification: n.classification, owner: n.owner,
    access: { editors: n.editors, viewers: n.viewers },
    apiServer: { cidr: '10.0.0.1/32' },
  }));
  const mesh = () => new MeshMtls(shared, 'mesh', {
    allowNothing: spec.mesh!.allowNothing,
    externalHosts: spec.mesh!.external ? [{ host: PARTNER, reason: 'order export to the fulfilment partner' }] : [],
  });
  if (spec.mesh?.first) mesh();
  const used = new Set<string>();
  const workloads: CompliantWorkload[] = [];
  for (const [i, w] of spec.workloads.entries()) {
    const ns = namespaces[(i < namespaces.length ? i : w.ns) % namespaces.length];
    const key = `${ns.name}/${w.name}`;
    if (used.has(key)) w.name = `${w.name}-${i}`;
    if (used.has(`${ns.name}/${w.name}`)) continue;
    used.add(`${ns.name}/${w.name}`);
    const tcp = w.protocol === 'tcp';
    const worker = w.protocol === 'worker';
    const wl = new CompliantWorkload(shared, `${ns.name}-${w.name}`, {
      namespace: ns, name: w.name, image: w.image, port: worker ? undefined : w.port, metricsPort: w.metrics === w.port ? undefined : w.metrics,
      ...(w.autoscale
        ? { autoscaling: { minReplicas: w.replicas, maxReplicas: w.replicas + w.autoscale.extra, memoryUtilization: w.autoscale.memory ? 80 : undefined } }
        : { replicas: w.replicas }),
      protocol: w.protocol === 'worker' ? undefined : w.protocol,
      liveness: worker ? HealthCheck.command(['/bin/alive']) : undefined,
      readiness: tcp || worker ? HealthCheck.command(['/bin/ready']) : undefined,
      resources: { requests: { cpu: `${w.cpu[0]}m`, memory: `${w.mem[0]}Mi` }, limits: { cpu: `${w.cpu[1]}m`, memory: `${w.mem[1]}Mi` } },
      env: Object.fromEntries(Object.entries(w.env).filter(([k]) => !(k in w.secrets) && !(k in w.podInfo))) as Record<string, string>,
      podInfoEnv: w.podInfo, secretFiles: w.secrets, configFiles: w.config, writablePaths: w.writable,
      storage: w.storage && !worker ? { mountPath: '/var/lib/app', size: `${w.storage.size}Gi`, storageClassName: w.storage.storageClassName } : undefined,
    });
    if (w.egress) wl.allowEgressTo(Peer.cidr(w.egress, 443, w.egressByHost ? { host: PARTNER } : {}), { reason: 'reaches the partner API over TLS' });
    if (w.grant) wl.grant(Rule.read('configmaps', [`${w.name}-config`]));
    workloads.push(wl);
  }
  for (const [a, b] of spec.wiring) {
    const callee = workloads[a % workloads.length];
    const caller = workloads[b % workloads.length];
    // a worker is called on its metrics port only, when it has one
    if (callee !== caller && (callee.port !== undefined || callee.metricsPort !== undefined)) callee.allowFrom(caller, { port: callee.port ?? callee.metricsPort });
  }
  const hosts = new Set<string>();
  const acme = Issuer.acmeHttp01({ email: 'security@example.com' });
  const ca = Issuer.ca({ secretName: 'internal-ca' });
  spec.ingresses.forEach((ing, i) => {
    const backend = workloads[ing.backend % workloads.length];
    const host = `${ing.host}.example.com`;
    if (hosts.has(host) || backend.protocol === 'tcp' || backend.port === undefined) return;
    hosts.add(host);
    const issuer = ing.issuer === 'cluster-http01' ? Issuer.clusterIssuer('letsencrypt-prod', { challenge: 'HTTP01' })
      : ing.issuer === 'cluster-dns01' ? Issuer.clusterIssuer('letsencrypt-dns')
        : ing.issuer === 'acme-http01' ? acme : ca;
    new CertManagedIngress(shared, `ingress-${i}`, {
      host, backend, issuer, ...(ing.rsa ? { keyAlgorithm: 'RSA' as const, keySize: 3072 } : {}),
    });
  });
  if (spec.mesh && !spec.mesh.first) mesh();
  return app;
}

describe('compliance by construction', () => {
  test(`any valid platform synthesizes with zero findings, schema-valid objects and nothing for third-party scanners (${RUNS} runs)`, () => {
    fc.assert(fc.property(platformSpec, spec => {
      const app = build(spec);
      const objects = app.charts.flatMap(c => Testing.synth(c)); // throws on any finding
      const report = runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-27' } });
      expect(report.findings.map(f => `${f.controlId} ${f.object.ref}: ${f.message}`)).toEqual([]);
      expect(allSchemaErrors(objects)).toEqual([]);
      expect(report.evaluations.filter(e => e.status === 'passed').length).toBeGreaterThan(0);
      // A host the mesh serves to every namespace gets no ServiceEntry of a namespace, which would shadow it there.
      const partner = objects.filter(o => o.kind === 'ServiceEntry' && o.spec.hosts.includes(PARTNER)).map(o => o.metadata.namespace);
      if (spec.mesh?.external) expect(partner).toEqual(['istio-system']);
      else expect(partner).not.toContain('istio-system');
      // Every object renders as cdk8s itself would render it (the library's own rendering is a shortcut, never a change).
      for (const o of app.node.findAll()) if (o instanceof ApiObject) expect(o.toJson()).toStrictEqual(ApiObject.prototype.toJson.call(o));
      const scanned = Object.values(SCANNERS).flatMap(scan => scan(objects)).map(f => `${f.check} ${f.object}: ${f.message}`);
      expect(scanned).toEqual([]);
      // A container listening below 1024, non-root and without capabilities, can bind its lowest port.
      for (const o of objects) {
        const pod = o.spec?.template?.spec;
        if (!pod) continue;
        const lowest = Math.min(...pod.containers.flatMap((c: any) => (c.ports ?? []).map((p: any) => p.containerPort)));
        const sysctl = (pod.securityContext.sysctls ?? []).find((x: any) => x.name === 'net.ipv4.ip_unprivileged_port_start');
        expect([o.metadata.name, sysctl?.value]).toEqual([o.metadata.name, lowest < 1024 ? String(lowest) : undefined]);
      }
      // The one Polaris exemption the library writes: replicas of a Deployment an autoscaler of the set scales.
      const scaled = new Set(objects.filter(o => o.kind === 'HorizontalPodAutoscaler').map(h => `${h.metadata.namespace}/${h.spec.scaleTargetRef.name}`));
      for (const o of objects) {
        const exemptions = Object.keys(o.metadata?.annotations ?? {}).filter(k => k.startsWith('polaris.fairwinds.com/'));
        const allowed = o.kind === 'Deployment' && scaled.has(`${o.metadata.namespace}/${o.metadata.name}`) && o.spec.replicas === undefined
          ? ['polaris.fairwinds.com/deploymentMissingReplicas-exempt'] : [];
        expect([o.kind, o.metadata.name, exemptions]).toEqual([o.kind, o.metadata.name, allowed]);
      }
    }), { numRuns: RUNS });
  });
});
