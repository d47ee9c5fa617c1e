/**
 * Probe 3 (a): the library beside the rest of the cdk8s ecosystem. A team moves a service into a
 * SensitiveNamespace next to CompliantWorkloads, but keeps it written with cdk8s-plus-27: a kplus
 * Deployment, ConfigMap, Secret and Service. The synth must judge it like any object of the app,
 * and once hardened as the README lists a CompliantWorkload's pod, the YAML must pass every judge.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, Chart, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CompliantWorkload, DataClassification, NamespaceQuota, SensitiveNamespace } from '../../index';
import { synthFailure } from '../support/errors';
import { quotaRefusals } from '../support/quota';
import { checkWithCli, one, probeApp, synthProbe, verdict } from './helpers';
import { expectRefused } from './mistake-helpers';

const LEGACY_LABELS = { 'app.kubernetes.io/name': 'legacy', 'app.kubernetes.io/instance': 'legacy' };
const SIDECAR = { 'sidecar.istio.io/proxyCPU': '100m', 'sidecar.istio.io/proxyCPULimit': '500m', 'sidecar.istio.io/proxyMemory': '128Mi', 'sidecar.istio.io/proxyMemoryLimit': '256Mi' };

/** The shop: a SensitiveNamespace, a CompliantWorkload, and a kplus service beside it (hardened or as kplus makes it). */
function shop(options: { hardened: boolean; wired?: boolean; drop?: kplus.Capability[]; quota?: NamespaceQuota }) {
  const app = probeApp({ allowedRegistries: ['registry.example.com/'] });
  const chart = new Chart(app, 'shop');
  const namespace = new SensitiveNamespace(chart, 'shop', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-shop', ...options.quota ? { quota: options.quota } : {} });
  const api = new CompliantWorkload(chart, 'api', { namespace, image: 'registry.example.com/shop/api:1.0.0', port: 8080 });

  const config = new kplus.ConfigMap(chart, 'legacy-config', { metadata: { name: 'legacy-config', namespace: 'shop' }, data: { 'legacy.yaml': 'log-level: info\n' } });
  const secret = new kplus.Secret(chart, 'legacy-secret', { metadata: { name: 'legacy-secret', namespace: 'shop' }, stringData: { 'db-password': 'from-the-vault-at-deploy' } });
  const hardened = options.hardened;
  const serviceAccount = hardened ? new kplus.ServiceAccount(chart, 'legacy-sa', { metadata: { name: 'legacy', namespace: 'shop' }, automountToken: false }) : undefined;
  const deployment = new kplus.Deployment(chart, 'legacy', {
    metadata: { name: 'legacy', namespace: 'shop', labels: LEGACY_LABELS },
    ...hardened ? {
      podMetadata: { labels: LEGACY_LABELS, annotations: SIDECAR },
      serviceAccount, automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true, user: 10001, group: 10001, fsGroup: 10001 },
      spread: true,
    } : {},
    containers: [{
      name: 'legacy', image: 'registry.example.com/shop/legacy:3.2.1', portNumber: 8080,
      ...hardened ? {
        imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
        securityContext: { ensureNonRoot: true, user: 10001, group: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: options.drop ?? ['ALL' as kplus.Capability] } },
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
          ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
        },
        readiness: kplus.Probe.fromHttpGet('/ready', { port: 8080 }),
        liveness: kplus.Probe.fromHttpGet('/live', { port: 8080 }),
      } : {},
    }],
  });
  deployment.addVolume(kplus.Volume.fromConfigMap(chart, 'legacy-config-volume', config));
  deployment.containers[0].mount('/etc/legacy', kplus.Volume.fromConfigMap(chart, 'legacy-config-mount', config, { name: 'config' }), { readOnly: true });
  deployment.containers[0].mount('/var/run/secrets/legacy', kplus.Volume.fromSecret(chart, 'legacy-secret-mount', secret, { name: 'secret' }), { readOnly: true });
  const service = deployment.exposeViaService({ name: 'legacy', ports: [{ port: 8080, targetPort: 8080 }] });
  if (hardened) {
    // What kplus 2.x has no prop for: seccomp, the pod's priority, and a disruption budget.
    const resource = ApiObject.of(deployment);
    resource.addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }));
    resource.addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'cdk8s-soc2-workload'));
    resource.addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: LEGACY_LABELS } },
    ]));
    new kplus.k8s.KubePodDisruptionBudget(chart, 'legacy-pdb', { metadata: { name: 'legacy', namespace: 'shop' }, spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: LEGACY_LABELS } } });
  }
  if (options.wired) wireByHand(chart);
  return { app, chart, namespace, api, config, secret, deployment, service };
}

const API_PODS = { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api' };

/**
 * What the README offers no call for: the API calling the kplus service. Written by hand as the
 * constructs write theirs — the callee admits the caller's pods and SPIFFE principal on its port,
 * and a second policy on the caller's pods opens its egress to the callee (policies add up).
 */
function wireByHand(chart: Chart): void {
  const dns = { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] };
  new ApiObject(chart, 'legacy-np', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'legacy', namespace: 'shop' },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'legacy' } }, policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: API_PODS } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
      egress: [dns],
    },
  } as any);
  new ApiObject(chart, 'api-to-legacy', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'api-to-legacy', namespace: 'shop' },
    spec: {
      podSelector: { matchLabels: API_PODS }, policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: LEGACY_LABELS } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
    },
  } as any);
  new ApiObject(chart, 'legacy-authz', {
    apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'legacy', namespace: 'shop' },
    spec: {
      selector: { matchLabels: LEGACY_LABELS }, action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/api'] } }], to: [{ operation: { ports: ['8080'] } }] }],
    },
  } as any);
}

describe('probe 3 (a): a kplus Deployment, ConfigMap, Secret and Service in a SensitiveNamespace', () => {
  test('as kplus makes it, the Deployment fails the synth with findings naming it and its construct path, not a crash', () => {
    const s = shop({ hardened: false });
    const thrown = synthFailure(s.app);
    const findings = thrown.findings;
    expect([...new Set(findings.map(f => `${f.controlId} ${f.object.ref}`))].sort()).toEqual([
      'container-ephemeral-storage', 'container-probes', 'pod-dedicated-service-account', 'pod-drop-all-capabilities', 'pod-high-uid-gid',
      'pod-non-root-group', 'pod-seccomp-runtime-default', 'workload-disruption-budget', 'workload-required-labels', 'workload-topology-spread',
    ].map(c => `${c} Deployment/shop/legacy`));
    // The kplus defaults that are hardened already draw nothing: non-root, no escalation, read-only root, limits, pull policy.
    for (const c of ['pod-run-as-non-root', 'pod-no-privilege-escalation', 'pod-read-only-root-fs', 'container-resource-limits', 'image-pull-policy-always']) expect(findings.map(f => f.controlId)).not.toContain(c);
    expect(thrown.message).toContain('[medium] pod-seccomp-runtime-default on Deployment/shop/legacy (shop/legacy/Resource): container "legacy": has no seccomp profile');
    expect(thrown.message).toMatch(/pod-drop-all-capabilities on Deployment\/shop\/legacy \(shop\/legacy\/Resource\): container "legacy": does not drop ALL capabilities\. Fix: Set securityContext\.capabilities\.drop: \["ALL"\]/);
    // The ConfigMap, the Secret (mounted as files) and the kplus Service draw nothing of their own.
    expect(findings.filter(f => !f.object.ref.startsWith('Deployment/'))).toEqual([]);
  });

  test('kplus spells capabilities CAP_*: its drop of CAP_ALL is not a drop of ALL, and the check says so', () => {
    const s = shop({ hardened: true, wired: true, drop: ['CAP_ALL' as kplus.Capability] });
    let message = '';
    try {
      s.app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^compliance check failed with 1 finding/);
    expect(message).toContain('pod-drop-all-capabilities on Deployment/shop/legacy (shop/legacy/Resource): container "legacy": does not drop ALL capabilities');
  });

  describe('hardened as the README lists a CompliantWorkload\'s pod, and wired to the API by hand', () => {
    const s = shop({ hardened: true, wired: true });
    const out = synthProbe(s.app);

    test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
      expect(verdict(out)).toEqual([]);
      expect(out.report.evaluations.filter(e => e.object.ref === 'Deployment/shop/legacy' && e.status === 'passed').length).toBeGreaterThan(25);
    });

    test('the kplus objects are written as kplus renders them, in the namespace the constructs made', () => {
      const d = one(out.objects, 'Deployment', 'legacy', 'shop');
      expect(d.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
      expect(d.spec.template.spec.containers[0].securityContext).toMatchObject({ capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      expect(one(out.objects, 'Service', 'legacy', 'shop').spec.type).toBe('ClusterIP');
      expect(one(out.objects, 'Secret', 'legacy-secret', 'shop').stringData).toBeDefined();
      expect(one(out.objects, 'ConfigMap', 'legacy-config', 'shop').data).toEqual({ 'legacy.yaml': 'log-level: info\n' });
    });

    test('the network diagram draws the hand-written flow from the API to the kplus workload, and no other into it', () => {
      const diagram = readFileSync(join(out.outdir, 'compliance', 'network.md'), 'utf8');
      expect(diagram).toContain('w_shop_legacy["legacy"]');
      expect(diagram.split('\n').filter(l => l.includes('--> ') || l.includes('-->|')).filter(l => /w_shop_legacy\s*$/.test(l))).toEqual(['  w_shop_api -->|"TCP/8080"| w_shop_legacy']);
    });

    test('the CLI finds nothing in the YAML, with the app\'s settings', async () => {
      const run = await checkWithCli(out);
      expect([run.code, run.stderr]).toEqual([0, '']);
    });
  });

  test('allowFrom cannot name the kplus Deployment: only CompliantWorkloads are wired, and the error says so', () => {
    expectRefused(() => shop({ hardened: true }), s => s.api.allowFrom(s.deployment as any), {
      code: 'INVALID_PEER', path: 'shop/api', prop: 'allowFrom(peer)', value: '"shop/legacy"', problem: /is not a CompliantWorkload, so its pods are not hardened or isolated/, fix: /wire only CompliantWorkloads/,
    });
  });

  // The namespace's quota grows to hold the CompliantWorkloads only: a hand-written workload in the
  // namespace needs room the quota does not give, and the synth now says so rather than leaving it to
  // the API server's quota admission at apply time.
  test('twelve replicas of a hand-written workload beside a quota left unset fail the synth, naming the kplus Deployment and what it needs', () => {
    const s = shop({ hardened: true, wired: true });
    ApiObject.of(s.deployment).addJsonPatch(JsonPatch.replace('/spec/replicas', 12));
    const thrown = synthFailure(s.app);
    const findings = thrown.findings;
    expect([...new Set(findings.map(f => `${f.controlId} ${f.object.ref} ${f.path}`))].sort()).toEqual([
      'quota-admits-workloads ResourceQuota/shop/quota spec.hard["limits.cpu"]',
    ]);
    const cpu = findings.find(f => f.path === 'spec.hard["limits.cpu"]')!.message;
    expect(cpu).toContain('Deployment/shop/legacy 12 pods × 1');
    // legacy may stop 3 of its 12 old pods first (25 %): its rollout needs no surge; api may stop none.
    expect(cpu).toContain('1 surge pod × 1 of Deployment/shop/api\'s rollout');
    expect(cpu).toMatch(/above the 8 this quota holds .*raise spec\.hard\["limits\.cpu"\] to at least \d+/);
    expect(thrown.message).toContain('[medium] quota-admits-workloads on ResourceQuota/shop/quota (shop/shop/Quota): limits.cpu: the objects of namespace "shop" certainly use 15 at once, above the 8 this quota holds');
  });

  test('with quota set to hold the hand-written workload too, the synth passes and quota admission refuses nothing', () => {
    const s = shop({ hardened: true, wired: true, quota: { cpu: '20', memory: '16Gi', pods: 100 } });
    ApiObject.of(s.deployment).addJsonPatch(JsonPatch.replace('/spec/replicas', 12));
    const out = synthProbe(s.app);
    expect(out.report.findings.filter(f => f.controlId === 'quota-admits-workloads')).toEqual([]);
    expect(quotaRefusals(out.objects)).toEqual([]);
  });
});
