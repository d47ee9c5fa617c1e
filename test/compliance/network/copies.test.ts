import { resolveConfig } from '../../../src/compliance/config';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { computeFlows, describeEndpoint, NetworkModel } from '../../../src/compliance/network/flows';
import { authorizationPolicy, DEFAULT_DENY, namespace, networkPolicy, workload } from './fixtures';

function model(objects: unknown[]): NetworkModel {
  return computeFlows(ManifestIndex.fromObjects(objects), resolveConfig({ today: '2026-11-27' }));
}

function lines(m: NetworkModel): string[] {
  return m.flows.map(f => `${describeEndpoint(f.from)} -> ${describeEndpoint(f.to)} [${f.ports.join(', ')}]${f.via.length ? ` via ${f.via.join(', ')}` : ''}`);
}

const ids = (m: NetworkModel): string[] => m.workloads.map(w => w.id);

const APP_IMAGE = 'registry.example.com/app@sha256:0';
const PROXY_IMAGE = 'docker.io/istio/proxyv2:1.24.0';
const HASH = '5d9c8f7b6';

/** Istio's proxy as the injector adds it, with its Prometheus port. */
const ISTIO_PROXY = { name: 'istio-proxy', image: PROXY_IMAGE, ports: [{ name: 'http-envoy-prom', containerPort: 15090, protocol: 'TCP' }] };
const ISTIO_INIT = { name: 'istio-init', image: PROXY_IMAGE };
const ISTIO_STATUS = JSON.stringify({ initContainers: ['istio-init'], containers: ['istio-proxy'], volumes: ['istio-envoy'] });
/** The labels Istio's injector adds. */
const ISTIO_LABELS = { 'security.istio.io/tlsMode': 'istio', 'service.istio.io/canonical-name': 'api', 'service.istio.io/canonical-revision': 'latest' };

interface PodOptions {
  readonly labels?: Record<string, string>;
  readonly serviceAccount?: string;
  readonly ports?: unknown[];
  readonly owner?: { apiVersion: string; kind: string; name: string };
  readonly injected?: boolean;
  readonly annotations?: Record<string, string>;
}

/** A Pod of the fixture Deployment `api` of namespace `a` (`workload()`), whose ReplicaSet the export leaves out unless it holds it. */
function apiPod(name: string, opts: PodOptions = {}): any {
  const injected = opts.injected ?? false;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'a',
      labels: opts.labels ?? { 'app': 'api', 'pod-template-hash': HASH },
      annotations: { ...(injected ? { 'sidecar.istio.io/status': ISTIO_STATUS } : {}), ...opts.annotations },
      ownerReferences: [{ uid: 'u', controller: true, ...(opts.owner ?? { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `api-${HASH}` }) }],
    },
    spec: {
      serviceAccountName: opts.serviceAccount ?? 'api',
      ...(injected ? { initContainers: [ISTIO_INIT] } : {}),
      containers: [{ name: 'main', image: APP_IMAGE, ports: opts.ports ?? [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }, ...(injected ? [ISTIO_PROXY] : [])],
    },
  };
}

const api = (): any => workload('a', 'api', { serviceAccount: 'api', ports: [{ name: 'http', containerPort: 8080 }] });

/** The ReplicaSet the Deployment `api` made, as `kubectl get rs -o yaml` shows it. */
function apiReplicaSet(extraLabels: Record<string, string> = {}): any {
  const d = api();
  const labels = { ...d.spec.template.metadata.labels, 'pod-template-hash': HASH, ...extraLabels };
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: `api-${HASH}`, namespace: 'a', labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: 'd', controller: true }] },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: d.spec.template.spec } },
  };
}

describe('the copies of a cluster export in the network model', () => {
  test('a legitimate export (kubectl get deploy,rs,pods) adds no workload: the hash, Istio\'s labels and containers are the platform\'s', () => {
    const objs = [
      namespace('a', { 'istio-injection': 'enabled' }), api(), apiReplicaSet(),
      apiPod(`api-${HASH}-x1`, { injected: true, labels: { 'app': 'api', 'pod-template-hash': HASH, ...ISTIO_LABELS } }),
      apiPod(`api-${HASH}-x2`, { injected: true, labels: { 'app': 'api', 'pod-template-hash': HASH, ...ISTIO_LABELS, 'networking.istio.io/tunnel': 'http' } }),
    ];
    expect(model(objs).workloads).toEqual([{ id: 'a/api', namespace: 'a', name: 'api', kind: 'Deployment' }]);
  });

  test('draws a Pod with a label its template lacks, and the flow a NetworkPolicy of that label admits', () => {
    const objs = [
      api(), DEFAULT_DENY('a'), workload('ops', 'console'),
      networkPolicy('a', 'admin-from-ops', {
        podSelector: { matchLabels: { role: 'admin' } }, policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } }] }],
      }),
    ];
    const legit = model([...objs, apiPod(`api-${HASH}-x1`)]);
    expect(ids(legit)).toEqual(['a/api', 'ops/console']);
    expect(lines(legit).filter(l => l.includes('admin-from-ops'))).toEqual(['namespace ops -> namespace a (role=admin) [any] via NetworkPolicy/a/admin-from-ops']);

    const admin = model([...objs, apiPod(`api-${HASH}-x1`, { labels: { 'app': 'api', 'pod-template-hash': HASH, 'role': 'admin' } })]);
    expect(admin.workloads).toContainEqual({ id: `a/api-${HASH}-x1`, namespace: 'a', name: `api-${HASH}-x1`, kind: 'Pod' });
    expect(lines(admin).filter(l => l.includes('admin-from-ops'))).toEqual([`namespace ops -> a/api-${HASH}-x1 [any] via NetworkPolicy/a/admin-from-ops`]);
  });

  test('draws a Pod that runs as another ServiceAccount, and the flow an AuthorizationPolicy grants that principal', () => {
    const objs = [
      namespace('t', { 'istio-injection': 'enabled' }),
      workload('t', 'api', { serviceAccount: 'api' }),
      workload('t', 'vault', { serviceAccount: 'vault', ports: [{ name: 'https', containerPort: 8200 }] }),
      authorizationPolicy('t', 'vault-allow', {
        selector: { matchLabels: { app: 'vault' } },
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/t/sa/admin'] } }] }],
      }),
    ];
    const pod = (serviceAccount: string): any => {
      const p = apiPod(`api-${HASH}-x1`, { serviceAccount, ports: [] });
      return { ...p, metadata: { ...p.metadata, namespace: 't' } };
    };
    const legit = model([...objs, pod('api')]);
    expect(ids(legit)).toEqual(['t/api', 't/vault']);
    // Only what the sidecar does not proxy reaches the vault.
    expect(lines(legit).filter(l => l.includes('-> t/vault'))).toEqual(['any -> t/vault [SCTP/*, UDP/*]']);

    const admin = model([...objs, pod('admin')]);
    expect(ids(admin)).toEqual(['t/api', `t/api-${HASH}-x1`, 't/vault']);
    expect(lines(admin).filter(l => l.includes('-> t/vault'))).toEqual(['any -> t/vault [SCTP/*, UDP/*]', `t/api-${HASH}-x1 -> t/vault [any] via AuthorizationPolicy/t/vault-allow`]);
  });

  test('draws a Pod that differs from its template in its ports, hostNetwork, sidecar opt-out or the value of a label', () => {
    const differs = (pod: any): string[] => ids(model([api(), pod]));
    expect(differs(apiPod('p'))).toEqual(['a/api']);
    expect(differs(apiPod('p', { ports: [{ name: 'http', containerPort: 9090 }] }))).toEqual(['a/api', 'a/p']);
    expect(differs(apiPod('p', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'debug', containerPort: 6060 }] }))).toEqual(['a/api', 'a/p']);
    expect(differs(apiPod('p', { annotations: { 'sidecar.istio.io/inject': 'false' } }))).toEqual(['a/api', 'a/p']);
    const host = apiPod('p');
    expect(differs({ ...host, spec: { ...host.spec, hostNetwork: true } })).toEqual(['a/api', 'a/p']);
    // A label of the template with another value, or missing, makes the Pod a workload of its own.
    expect(differs(apiPod('p', { labels: { 'app': 'admin', 'pod-template-hash': HASH } }))).toEqual(['a/api', 'a/p']);
    expect(differs(apiPod('p', { labels: { 'pod-template-hash': HASH } }))).toEqual(['a/api', 'a/p']);
  });

  test('draws a Pod with Istio\'s labels or proxy when Istio did not inject it, or injected another image', () => {
    const labels = { 'app': 'api', 'pod-template-hash': HASH, ...ISTIO_LABELS };
    expect(ids(model([api(), apiPod('p', { labels })]))).toEqual(['a/api', 'a/p']);
    const mirror = apiPod('p', { injected: true, labels });
    mirror.spec.containers[1] = { ...ISTIO_PROXY, image: 'registry.example.com/istio/proxyv2:1.24.0' };
    expect(ids(model([api(), mirror]))).toEqual(['a/api', 'a/p']);
    // A mirror the settings name is Istio's.
    const index = ManifestIndex.fromObjects([api(), mirror]);
    expect(computeFlows(index, resolveConfig({ istioProxyImages: ['registry.example.com/istio/proxyv2'] })).workloads.map(w => w.id)).toEqual(['a/api']);
  });

  test('compares a copy with its nearest covering object: a Pod that agrees with a ReplicaSet that differs from its Deployment is drawn as the ReplicaSet', () => {
    const rs = apiReplicaSet({ role: 'admin' });
    const pod = apiPod(`api-${HASH}-x1`, { labels: { 'app': 'api', 'pod-template-hash': HASH, 'role': 'admin' } });
    const objs = [
      api(), rs, pod, DEFAULT_DENY('a'), workload('ops', 'console'),
      networkPolicy('a', 'admin-from-ops', {
        podSelector: { matchLabels: { role: 'admin' } }, policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } }] }],
      }),
    ];
    const m = model(objs);
    expect(ids(m)).toEqual(['a/api', `a/api-${HASH}`, 'ops/console']);
    expect(lines(m).filter(l => l.includes('admin-from-ops'))).toEqual([`namespace ops -> a/api-${HASH} [any] via NetworkPolicy/a/admin-from-ops`]);
    // The Pod that differs from that ReplicaSet is drawn as well.
    expect(ids(model([api(), rs, apiPod(`api-${HASH}-x1`)]))).toEqual(['a/api', `a/api-${HASH}`, `a/api-${HASH}-x1`]);
  });

  /** Argo Rollout `a/api`, which runs Deployment `api`'s template (`spec.workloadRef`), and the ReplicaSet it made from it. */
  const rolloutOfApi = () => {
    const rollout = {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'api', namespace: 'a' },
      spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, strategy: { canary: {} } },
    };
    const rs = apiReplicaSet();
    const labels = { app: 'api', 'rollouts-pod-template-hash': '6b8f9c7d4' };
    const made = {
      ...rs,
      metadata: { name: 'api-6b8f9c7d4', namespace: 'a', labels, ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'api', uid: 'r', controller: true }] },
      spec: { ...rs.spec, selector: { matchLabels: labels }, template: { ...rs.spec.template, metadata: { labels } } },
    };
    return { rollout, made };
  };

  test('folds the ReplicaSets an Argo Rollout makes from the Deployment its workloadRef names, with their hash', () => {
    const { rollout, made } = rolloutOfApi();
    expect(ids(model([api(), rollout, made]))).toEqual(['a/api']);
    // Without the Rollout, Argo's hash is no label of the Deployment's.
    const pod = apiPod(`api-${HASH}-x1`, { labels: { 'app': 'api', 'pod-template-hash': HASH, 'rollouts-pod-template-hash': '6b8f9c7d4' } });
    expect(ids(model([api(), pod]))).toEqual(['a/api', `a/api-${HASH}-x1`]);
  });

  test('folds the ReplicaSets of an Argo Rollout whose workloadRef names a Deployment that an object of another API group of the same name comes before', () => {
    const { rollout, made } = rolloutOfApi();
    const foreign = { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'a' }, spec: {} };
    expect(ids(model([foreign, api(), rollout, made]))).toEqual(['a/api']);
  });

  test('folds a StatefulSet\'s Pod that carries its pod name, revision hash and index', () => {
    const set = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'a' },
      spec: { selector: { matchLabels: { app: 'db' } }, serviceName: 'db', template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: APP_IMAGE, ports: [{ name: 'pg', containerPort: 5432 }] }] } } },
    };
    const pod = (name: string, podName: string): any => ({
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name, namespace: 'a',
        labels: { 'app': 'db', 'controller-revision-hash': 'db-7c9d5f6b8', 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': '0' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }],
      },
      spec: { containers: [{ name: 'pg', image: APP_IMAGE, ports: [{ name: 'pg', containerPort: 5432, protocol: 'TCP' }] }] },
    });
    expect(ids(model([set, pod('db-0', 'db-0')]))).toEqual(['a/db']);
    // The pod-name label names the Pod itself: another name is no label of the controller's.
    expect(ids(model([set, pod('db-0', 'db-1')]))).toEqual(['a/db', 'a/db-0']);
    // The labels of another controller are not the StatefulSet's.
    const withHash = pod('db-0', 'db-0');
    withHash.metadata.labels['pod-template-hash'] = HASH;
    expect(ids(model([set, withHash]))).toEqual(['a/db', 'a/db-0']);
  });

  test('folds the Jobs and Pods of a CronJob that carry the Job\'s labels', () => {
    const template = { metadata: { labels: { app: 'report' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: APP_IMAGE }] } };
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'a' }, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } };
    const jobLabels = { 'app': 'report', 'controller-uid': 'c1', 'job-name': 'report-29000000', 'batch.kubernetes.io/controller-uid': 'c1', 'batch.kubernetes.io/job-name': 'report-29000000' };
    const job = {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: 'report-29000000', namespace: 'a', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'report', uid: 'u', controller: true }] },
      spec: { template: { ...template, metadata: { labels: jobLabels } } },
    };
    const pod = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'report-29000000-abcde', namespace: 'a', labels: jobLabels, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'report-29000000', uid: 'j', controller: true }] },
      spec: template.spec,
    };
    expect(ids(model([cron, job, pod]))).toEqual(['a/report']);
    expect(ids(model([cron, pod]))).toEqual(['a/report']);
  });

  test('folds the Deployment and Pods of a Knative Service\'s revision, with the ports and labels Knative gives them', () => {
    const labels = { 'app.kubernetes.io/name': 'hello' };
    const queue = {
      name: 'queue-proxy', image: 'gcr.io/knative-releases/knative.dev/serving/cmd/queue@sha256:1',
      ports: [{ name: 'http-queueadm', containerPort: 8022 }, { name: 'http-autometric', containerPort: 9090 }, { name: 'queue-port', containerPort: 8012 }],
    };
    const ksvc = {
      apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello', namespace: 'a' },
      spec: { template: { metadata: { labels }, spec: { containers: [{ image: APP_IMAGE, ports: [{ name: 'http1', containerPort: 8080 }] }] } } },
    };
    const revisionLabels = {
      ...labels, 'app': 'hello-00001', 'serving.knative.dev/service': 'hello', 'serving.knative.dev/configuration': 'hello',
      'serving.knative.dev/configurationGeneration': '1', 'serving.knative.dev/revision': 'hello-00001', 'serving.knative.dev/revisionUID': 'r1', 'serving.knative.dev/serviceUID': 's1',
    };
    const spec = { serviceAccountName: 'default', containers: [{ name: 'user-container', image: APP_IMAGE, ports: [{ name: 'user-port', containerPort: 8080, protocol: 'TCP' }] }, queue] };
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'hello-00001-deployment', namespace: 'a', labels: revisionLabels, ownerReferences: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Revision', name: 'hello-00001', uid: 'r1', controller: true }] },
      spec: { selector: { matchLabels: { 'serving.knative.dev/revisionUID': 'r1' } }, template: { metadata: { labels: revisionLabels }, spec } },
    };
    const pod = (podLabels: Record<string, string>): any => ({
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name: 'hello-00001-deployment-7d4b9c6f5-x1', namespace: 'a', labels: { ...podLabels, 'pod-template-hash': '7d4b9c6f5' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'hello-00001-deployment-7d4b9c6f5', uid: 'p', controller: true }],
      },
      spec,
    });
    expect(ids(model([ksvc, deployment, pod(revisionLabels)]))).toEqual(['a/hello']);
    expect(ids(model([ksvc, pod(revisionLabels)]))).toEqual(['a/hello']);
    // An `app` label Knative did not set (it sets the Revision's name, and only when the template has none) is the Pod's own.
    expect(ids(model([ksvc, pod({ ...revisionLabels, app: 'admin' })]))).toEqual(['a/hello', 'a/hello-00001-deployment-7d4b9c6f5-x1']);
  });
});
