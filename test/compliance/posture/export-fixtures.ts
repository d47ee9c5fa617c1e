/**
 * Objects as a cluster export shows them (`kubectl get deploy,rs,pods -o yaml` and the like): the
 * defaults the API server writes, ownerReferences with uids, a controller's generated names and
 * hash labels, and on each Pod what the admission plugins and the scheduler add.
 */

const NS = 'team';

/** The pod spec of `web` as the API server stores it in a template (defaults written). */
export function webPodSpec(image: string): any {
  return {
    containers: [{
      name: 'web', image, imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
      resources: { limits: { cpu: '500m', memory: '256Mi' } },
      readinessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, failureThreshold: 3, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 10001 },
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }],
    }],
    dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler',
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    serviceAccount: 'web', serviceAccountName: 'web', terminationGracePeriodSeconds: 30,
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

const LABELS = { 'app.kubernetes.io/name': 'web' };

function owner(apiVersion: string, kind: string, name: string): any[] {
  return [{ apiVersion, kind, name, uid: `uid-${kind.toLowerCase()}-${name}`, controller: true, blockOwnerDeletion: true }];
}

/** Deployment `team/web` at a revision, running `image`. */
export function webDeployment(image: string, o: { revision?: number; replicas?: number; annotations?: Record<string, string> } = {}): any {
  const revision = o.revision ?? 1;
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: {
      name: 'web', namespace: NS, labels: LABELS, uid: 'uid-deployment-web', generation: revision, resourceVersion: `${1000 * revision}`,
      creationTimestamp: '2026-11-02T09:14:03Z', annotations: { 'deployment.kubernetes.io/revision': `${revision}`, ...o.annotations },
    },
    spec: {
      progressDeadlineSeconds: 600, replicas: o.replicas ?? 3, revisionHistoryLimit: 10, selector: { matchLabels: LABELS },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: { metadata: { creationTimestamp: null, labels: LABELS }, spec: webPodSpec(image) },
    },
    status: { observedGeneration: revision, replicas: o.replicas ?? 3, readyReplicas: o.replicas ?? 3, updatedReplicas: o.replicas ?? 3 },
  };
}

/** ReplicaSet `team/web-<hash>` of Deployment `web`, running `image` with `replicas` pods. */
export function webReplicaSet(hash: string, image: string, replicas: number, o: { revision?: number; version?: string } = {}): any {
  const labels = { ...LABELS, 'pod-template-hash': hash };
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `web-${hash}`, namespace: NS, labels, uid: `uid-rs-${hash}`, generation: 1, resourceVersion: o.version ?? '1100',
      creationTimestamp: '2026-11-02T09:14:03Z', ownerReferences: owner('apps/v1', 'Deployment', 'web'),
      annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': `${o.revision ?? 1}` },
    },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { creationTimestamp: null, labels }, spec: webPodSpec(image) } },
    status: { replicas, availableReplicas: replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, observedGeneration: 1 },
  };
}

/** The API token volume and mount the ServiceAccount admission plugin adds to a Pod. */
export function tokenVolume(suffix: string): { volume: any; mount: any } {
  const name = `kube-api-access-${suffix}`;
  return {
    volume: {
      name, projected: {
        defaultMode: 420, sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
    mount: { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name, readOnly: true },
  };
}

/**
 * A Pod as the API server stores it, made from a template's `spec` and `labels`: with its node,
 * priority, the default tolerations, the API token volume, the requests defaulted to the limits,
 * and a running status.
 */
export function podFrom(name: string, controller: [string, string, string], labels: Record<string, string>, spec: any, o: { namespace?: string; uid?: string } = {}): any {
  const pod = structuredClone(spec);
  const token = tokenVolume(/^[a-z0-9]{5}$/.test(name.slice(-5)) ? name.slice(-5) : 'q8w4z');
  for (const c of pod.containers) {
    c.volumeMounts = [...(c.volumeMounts ?? []), token.mount];
    if (c.resources?.limits && !c.resources.requests) c.resources.requests = { ...c.resources.limits };
  }
  pod.volumes = [...(pod.volumes ?? []), token.volume];
  pod.nodeName = 'node-a';
  pod.enableServiceLinks = true;
  pod.preemptionPolicy = 'PreemptLowerPriority';
  pod.priority = 0;
  pod.tolerations = [...(pod.tolerations ?? []),
    { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
    { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 }];
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: o.namespace ?? NS, labels, uid: o.uid ?? `uid-pod-${name}`, resourceVersion: '1200', creationTimestamp: '2026-11-02T09:14:05Z',
      ownerReferences: owner(...controller),
    },
    spec: pod,
    status: {
      phase: 'Running', hostIP: '10.0.1.12', podIP: '10.244.1.7', qosClass: 'Guaranteed', startTime: '2026-11-02T09:14:05Z',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-02T09:14:09Z' }],
      containerStatuses: pod.containers.map((c: any) => ({ name: c.name, image: c.image, ready: true, restartCount: 0, started: true })),
    },
  };
}

/** The Pods of ReplicaSet `web-<hash>`, one per generated suffix. */
export function webPods(hash: string, image: string, suffixes: readonly string[]): any[] {
  return suffixes.map(s => podFrom(`web-${hash}-${s}`, ['apps/v1', 'ReplicaSet', `web-${hash}`], { ...LABELS, 'pod-template-hash': hash }, webPodSpec(image)));
}
