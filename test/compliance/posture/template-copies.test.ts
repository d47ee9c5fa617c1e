import { formatDiffMarkdown } from '../../../src/compliance/posture/diff-markdown';
import { podFrom, webDeployment, webPods, webPodSpec, webReplicaSet } from './export-fixtures';
import { diffOf } from './fixtures';

const V1 = 'registry.example.com/web:1.4.2';
const V2 = 'registry.example.com/web:1.5.0';
const OLD = '5d9c8b7f4d';
const NEW = '7b6f9c5d48';
const OLD_PODS = ['x7k2p', 'b9m4q', 'zc5vt'];
const NEW_PODS = ['h4n8r', 'k2w9s', 'p5t7v'];
const ref = (kind: string, name: string) => `${kind}/team/${name}`;
const pods = (hash: string, suffixes: readonly string[]) => suffixes.map(s => ref('Pod', `web-${hash}-${s}`)).sort();

/** `kubectl get deploy,rs,pods -o yaml` before an image bump: revision 1, three Pods. */
function beforeRollout(): any[] {
  return [webDeployment(V1), webReplicaSet(OLD, V1, 3), ...webPods(OLD, V1, OLD_PODS)];
}

/** The same export after the rollout: the old ReplicaSet scaled down to 0 and kept, a new one with three new Pods. */
function afterRollout(edit: { newPods?: (pods: any[]) => void; newSet?: (rs: any) => void } = {}): any[] {
  const newSet = webReplicaSet(NEW, V2, 3, { revision: 2 });
  const newPods = webPods(NEW, V2, NEW_PODS);
  edit.newSet?.(newSet);
  edit.newPods?.(newPods);
  return [webDeployment(V2, { revision: 2 }), webReplicaSet(OLD, V1, 0, { version: '2100' }), newSet, ...newPods];
}

const NO_COPIES = { added: [], removed: [], scaled: [], replaced: [], updated: [] };

describe('the copies of a cluster export that come and go with their template', () => {
  test('fold into the Deployment a rollout\'s new ReplicaSet and Pods, its old Pods removed and its old ReplicaSet scaled down', () => {
    const diff = diffOf(beforeRollout(), afterRollout());
    expect(diff.objects.added).toEqual([]);
    expect(diff.objects.removed).toEqual([]);
    expect(diff.objects.changed).toEqual(['Deployment/team/web']);
    expect(diff.objects.fields?.map(f => f.ref)).toEqual(['Deployment/team/web']);
    expect(diff.objects.templateCopies).toEqual([{
      ...NO_COPIES, ref: 'Deployment/team/web',
      added: [...pods(NEW, NEW_PODS), ref('ReplicaSet', `web-${NEW}`)], removed: pods(OLD, OLD_PODS), scaled: [ref('ReplicaSet', `web-${OLD}`)],
    }]);
  });

  test('read as one line in the pull-request comment, counted by kind', () => {
    const md = formatDiffMarkdown(diffOf(beforeRollout(), afterRollout()));
    expect(md).toContain('1 changed object.');
    expect(md).toContain('<summary>0 added, 0 removed, 1 changed (and 8 copies added, removed or changed with their template)</summary>\n\n'
      + '- changed `Deployment/team/web` (copies of its template: 1 ReplicaSet and 3 Pods added, 3 Pods removed, 1 ReplicaSet scaled)\n'
      + '  - `metadata.annotations["deployment.kubernetes.io/revision"]`: `1` → `2`\n');
  });

  test('fold the old ReplicaSet removed with its Pods, and the Pods of an export that leaves the ReplicaSets out', () => {
    const after = afterRollout().filter(o => o.metadata.name !== `web-${OLD}`);
    const removedSet = diffOf(beforeRollout(), after);
    expect(removedSet.objects.removed).toEqual([]);
    expect(removedSet.objects.templateCopies?.[0].removed).toEqual([...pods(OLD, OLD_PODS), ref('ReplicaSet', `web-${OLD}`)]);

    // kubectl get deploy,pods: each Pod's ReplicaSet is found by its name and pod-template-hash label.
    const withoutSets = (objects: any[]) => objects.filter(o => o.kind !== 'ReplicaSet');
    const diff = diffOf(withoutSets(beforeRollout()), withoutSets(afterRollout()));
    expect(diff.objects).toMatchObject({ added: [], removed: [], changed: ['Deployment/team/web'] });
    expect(diff.objects.templateCopies).toEqual([{ ...NO_COPIES, ref: 'Deployment/team/web', added: pods(NEW, NEW_PODS), removed: pods(OLD, OLD_PODS) }]);
  });

  test.each([
    ['an image set by hand', (p: any) => { p.spec.containers[0].image = 'registry.example.com/web:1.5.0-debug'; }],
    ['a label added by hand, which a NetworkPolicy may select', (p: any) => { p.metadata.labels.role = 'admin'; }],
    ['a debug container (kubectl debug)', (p: any) => { p.spec.ephemeralContainers = [{ name: 'debugger-7xk2q', image: 'busybox:1.36', stdin: true }]; }],
    ['a suppression annotated by hand', (p: any) => { p.metadata.annotations = { 'soc2.cdk8s.io/suppress.demo-non-root': 'until 2027-01-31: debugging SEC-160' }; }],
    ['an inbound port kept out of the sidecar by hand', (p: any) => { p.metadata.annotations = { 'traffic.sidecar.istio.io/excludeInboundPorts': '8080' }; }],
    ['only some inbound ports captured by the sidecar', (p: any) => { p.metadata.annotations = { 'traffic.sidecar.istio.io/includeInboundPorts': '15090' }; }],
    ['a toleration added by hand', (p: any) => { p.spec.tolerations.push({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }); }],
  ])('keep an added Pod that differs from the new template listed on its own: %s', (_what, edit) => {
    const diff = diffOf(beforeRollout(), afterRollout({ newPods: p => edit(p[1]) }));
    const edited = ref('Pod', `web-${NEW}-${NEW_PODS[1]}`);
    expect(diff.objects.added).toEqual([edited]);
    expect(diff.objects.templateCopies?.[0].added).toEqual([ref('Pod', `web-${NEW}-${NEW_PODS[0]}`), ref('Pod', `web-${NEW}-${NEW_PODS[2]}`), ref('ReplicaSet', `web-${NEW}`)]);
    expect(formatDiffMarkdown(diff)).toContain(`- added \`${edited}\`\n`);
  });

  test('keep an added Pod listed that holds an API token the ServiceAccount admission plugin would not have mounted', () => {
    const noToken = (p: any) => {
      p.spec.volumes = p.spec.volumes.filter((v: any) => !v.name.startsWith('kube-api-access-'));
      p.spec.containers[0].volumeMounts = p.spec.containers[0].volumeMounts.filter((m: any) => !m.name.startsWith('kube-api-access-'));
    };
    const edited = [ref('Pod', `web-${NEW}-${NEW_PODS[1]}`)];
    // The template turns the token off: the plugin mounts none, and a Pod with one was made otherwise.
    const off = (objects: any[]) => objects.map(o => {
      const spec = o.kind === 'Pod' ? o.spec : o.spec.template.spec;
      spec.automountServiceAccountToken = false;
      return o;
    });
    expect(diffOf(off(beforeRollout()), off(afterRollout({ newPods: ps => [ps[0], ps[2]].forEach(noToken) }))).objects.added).toEqual(edited);
    expect(diffOf(off(beforeRollout()), off(afterRollout({ newPods: ps => ps.forEach(noToken) }))).objects.added).toEqual([]);
    // So does the Pod's ServiceAccount.
    const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'team' }, automountServiceAccountToken: false };
    expect(diffOf([...beforeRollout(), account], [...afterRollout({ newPods: ps => [ps[0], ps[2]].forEach(noToken) }), account]).objects.added).toEqual(edited);
    // The plugin's volume projects the token, the cluster's CA and the namespace; not a Secret.
    const secret = (ps: any[]) => ps[1].spec.volumes.find((v: any) => v.name.startsWith('kube-api-access-')).projected.sources.push({ secret: { name: 'db-credentials' } });
    expect(diffOf(beforeRollout(), afterRollout({ newPods: secret })).objects.added).toEqual(edited);
  });

  test('keep a new ReplicaSet listed that suppresses a control its Deployment does not, which the Deployment controller would have copied', () => {
    const suppression = { 'soc2.cdk8s.io/suppress.demo-non-root': 'until 2027-01-31: debugging SEC-160' };
    const diff = diffOf(beforeRollout(), afterRollout({ newSet: rs => Object.assign(rs.metadata.annotations, suppression) }));
    expect(diff.objects.added).toEqual([ref('ReplicaSet', `web-${NEW}`)]);
    expect(diff.objects.templateCopies?.find(c => c.ref === ref('ReplicaSet', `web-${NEW}`))?.added).toEqual(pods(NEW, NEW_PODS));

    // The Deployment's own suppression, which its controller copies onto each ReplicaSet.
    const both = afterRollout({ newSet: rs => Object.assign(rs.metadata.annotations, suppression) });
    Object.assign(both[0].metadata.annotations, suppression);
    expect(diffOf(beforeRollout(), both).objects).toMatchObject({ added: [], changed: ['Deployment/team/web'] });
  });

  test('keep a ReplicaSet that runs another image than the Deployment listed, with the Pods that hold its template folded into it', () => {
    const other = 'registry.example.com/web:1.5.1';
    const diff = diffOf(beforeRollout(), afterRollout({
      newSet: rs => { rs.spec.template.spec.containers[0].image = other; },
      newPods: ps => ps.forEach(p => { p.spec.containers[0].image = other; }),
    }));
    expect(diff.objects.added).toEqual([ref('ReplicaSet', `web-${NEW}`)]);
    expect(diff.objects.templateCopies).toEqual([
      { ...NO_COPIES, ref: ref('ReplicaSet', `web-${NEW}`), added: pods(NEW, NEW_PODS) },
      { ...NO_COPIES, ref: 'Deployment/team/web', removed: pods(OLD, OLD_PODS), scaled: [ref('ReplicaSet', `web-${OLD}`)] },
    ]);
    expect(formatDiffMarkdown(diff)).toContain(`- added \`ReplicaSet/team/web-${NEW}\` (copies of its template: 3 Pods added)\n`);
  });

  test('keep a removed Pod listed when it did not hold the old template, and copies of an object that did not change', () => {
    const before = beforeRollout();
    before[3].spec.containers[0].image = 'registry.example.com/web:1.4.2-debug';
    expect(diffOf(before, afterRollout()).objects.removed).toEqual([ref('Pod', `web-${OLD}-${OLD_PODS[1]}`)]);

    // The ReplicaSet replaced a Pod of a node that was drained; the Deployment and the ReplicaSet did not change.
    const drained = beforeRollout().filter(o => o.metadata.name !== `web-${OLD}-${OLD_PODS[0]}`);
    drained.push(...webPods(OLD, V1, ['r8d5m']));
    const diff = diffOf(beforeRollout(), drained);
    expect(diff.objects).toMatchObject({ added: [ref('Pod', `web-${OLD}-r8d5m`)], removed: [ref('Pod', `web-${OLD}-${OLD_PODS[0]}`)], changed: [], templateCopies: [] });
  });

  test('fold a scale-up: the ReplicaSet scaled and the Pods added; an old ReplicaSet scaled up again stays listed', () => {
    const before = [webDeployment(V1), webReplicaSet(OLD, V1, 3), ...webPods(OLD, V1, OLD_PODS)];
    const after = [webDeployment(V1, { replicas: 5 }), webReplicaSet(OLD, V1, 5, { version: '1300' }), ...webPods(OLD, V1, [...OLD_PODS, 'f6g7h', 'j8k9l'])];
    const diff = diffOf(before, after);
    expect(diff.objects).toMatchObject({ added: [], changed: ['Deployment/team/web'] });
    expect(diff.objects.templateCopies).toEqual([{ ...NO_COPIES, ref: 'Deployment/team/web', added: pods(OLD, ['f6g7h', 'j8k9l']), scaled: [ref('ReplicaSet', `web-${OLD}`)] }]);

    // After the rollout, someone scales the old ReplicaSet (the old image) up by hand.
    const rolled = afterRollout();
    const again = afterRollout();
    again[0].metadata.annotations['kubernetes.io/change-cause'] = 'kubectl scale rs';
    again[1].spec.replicas = 1;
    expect(diffOf(rolled, again).objects.changed).toEqual(['Deployment/team/web', ref('ReplicaSet', `web-${OLD}`)]);
  });

  test('fold the Pods Istio injected: its containers, volumes, labels, annotations and rewritten probes', () => {
    const inject = (p: any) => {
      const proxy = 'docker.io/istio/proxyv2:1.24.2';
      const volumes = ['workload-socket', 'credential-socket', 'workload-certs', 'istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert'];
      p.metadata.annotations = {
        'sidecar.istio.io/status': JSON.stringify({ initContainers: ['istio-init'], containers: ['istio-proxy'], volumes, imagePullSecrets: null, revision: 'default' }),
        'kubectl.kubernetes.io/default-container': 'web', 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/port': '15020', 'prometheus.io/scrape': 'true',
      };
      Object.assign(p.metadata.labels, { 'security.istio.io/tlsMode': 'istio', 'service.istio.io/canonical-name': 'web', 'service.istio.io/canonical-revision': 'latest' });
      p.spec.initContainers = [{ name: 'istio-init', image: proxy, args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337'] }];
      p.spec.containers.push({ name: 'istio-proxy', image: proxy, args: ['proxy', 'sidecar'], ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }] });
      p.spec.volumes.push(...volumes.slice(0, 5).map(name => ({ name, emptyDir: {} })),
        { name: 'istio-podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        { name: 'istio-token', projected: { sources: [{ serviceAccountToken: { audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token' } }] } },
        { name: 'istiod-ca-cert', configMap: { name: 'istio-ca-root-cert' } });
      p.spec.containers[0].readinessProbe.httpGet = { path: '/app-health/web/readyz', port: 15020, scheme: 'HTTP' };
    };
    const before = beforeRollout();
    before.slice(2).forEach(inject);
    const diff = diffOf(before, afterRollout({ newPods: ps => ps.forEach(inject) }));
    expect(diff.objects).toMatchObject({ added: [], removed: [], changed: ['Deployment/team/web'] });
    expect(diff.objects.templateCopies?.[0]).toMatchObject({ added: [...pods(NEW, NEW_PODS), ref('ReplicaSet', `web-${NEW}`)], removed: pods(OLD, OLD_PODS) });

    // A probe pointed elsewhere is not Istio's rewrite.
    const moved = diffOf(before, afterRollout({ newPods: ps => ps.forEach(p => {
      inject(p);
      p.spec.containers[0].readinessProbe.httpGet.path = '/debug/readyz';
    }) }));
    expect(moved.objects.added).toEqual(pods(NEW, NEW_PODS));

    // The status annotation names the volumes Istio added, not what they hold: the injector adds no host path, secret or API token.
    const volume = (v: any) => diffOf(before, afterRollout({ newPods: ps => ps.forEach(p => {
      inject(p);
      p.spec.volumes = p.spec.volumes.map((old: any) => (old.name === 'istio-data' ? v : old));
    }) })).objects.added;
    expect(volume({ name: 'istio-data', hostPath: { path: '/var/run/docker.sock' } })).toEqual(pods(NEW, NEW_PODS));
    expect(volume({ name: 'istio-data', secret: { secretName: 'db-credentials' } })).toEqual(pods(NEW, NEW_PODS));
    expect(volume({ name: 'istio-data', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } })).toEqual(pods(NEW, NEW_PODS));
    expect(volume({ name: 'istio-data', projected: { sources: [{ secret: { name: 'db-credentials' } }] } })).toEqual(pods(NEW, NEW_PODS));
    expect(volume({ name: 'istio-data', emptyDir: { medium: 'Memory' } })).toEqual([]);
  });

  test('fold a StatefulSet\'s new ControllerRevision and its Pods made again under their names (kubectl get sts,controllerrevisions,pods)', () => {
    const exportOf = (image: string, revision: string, generation: number) => {
      const labels = { 'app.kubernetes.io/name': 'db' };
      const spec = () => {
        const s = webPodSpec(image);
        s.containers[0].name = 'db';
        s.containers[0].volumeMounts.push({ mountPath: '/var/lib/db', name: 'data' });
        s.serviceAccount = s.serviceAccountName = 'db';
        return s;
      };
      const sts = {
        apiVersion: 'apps/v1', kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'team', labels, uid: 'uid-statefulset-db', generation, resourceVersion: `${generation}000` },
        spec: {
          serviceName: 'db', replicas: 2, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10, selector: { matchLabels: labels },
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
          template: { metadata: { creationTimestamp: null, labels }, spec: spec() },
          volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }],
        },
        status: { currentRevision: `db-${revision}`, updateRevision: `db-${revision}`, replicas: 2, readyReplicas: 2, observedGeneration: generation },
      };
      const controllerRevision = (hash: string, img: string, n: number) => ({
        apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: n,
        metadata: {
          name: `db-${hash}`, namespace: 'team', labels: { ...labels, 'controller.kubernetes.io/hash': hash }, uid: `uid-cr-${hash}`,
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'uid-statefulset-db', controller: true, blockOwnerDeletion: true }],
        },
        data: { spec: { template: { $patch: 'replace', metadata: { creationTimestamp: null, labels }, spec: ((s: any) => {
          s.containers[0].image = img;
          return s;
        })(spec()) } } },
      });
      const pod = (i: number) => {
        const name = `db-${i}`;
        const p = podFrom(name, ['apps/v1', 'StatefulSet', 'db'], {
          ...labels, 'controller-revision-hash': `db-${revision}`, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': `${i}`,
        }, spec(), { uid: `uid-pod-${name}-${revision}` });
        Object.assign(p.spec, { hostname: name, subdomain: 'db' });
        p.spec.volumes.unshift({ name: 'data', persistentVolumeClaim: { claimName: `data-${name}` } });
        return p;
      };
      const revisions = [controllerRevision('6c8f7d9b5', V1, 1), ...(revision === '6c8f7d9b5' ? [] : [controllerRevision(revision, image, 2)])];
      return [sts, ...revisions, pod(0), pod(1)];
    };
    const diff = diffOf(exportOf(V1, '6c8f7d9b5', 1), exportOf(V2, '58d4b7c9f6', 2));
    expect(diff.objects).toMatchObject({ added: [], removed: [], changed: ['StatefulSet/team/db'] });
    expect(diff.objects.templateCopies).toEqual([{
      ...NO_COPIES, ref: 'StatefulSet/team/db', added: ['ControllerRevision/team/db-58d4b7c9f6'], replaced: ['Pod/team/db-0', 'Pod/team/db-1'],
    }]);
    expect(formatDiffMarkdown(diff)).toContain('- changed `StatefulSet/team/db` (copies of its template: 1 ControllerRevision added, 2 Pods replaced)\n');
  });

  test('fold a CronJob\'s new Job and Pod, and the old ones its history limit removed', () => {
    const labels = { 'app.kubernetes.io/name': 'report' };
    const spec = () => ({ ...webPodSpec('registry.example.com/report:2.0.1'), restartPolicy: 'OnFailure' });
    const exportOf = (minute: number, last: string) => {
      const cronJob = {
        apiVersion: 'batch/v1', kind: 'CronJob',
        metadata: { name: 'report', namespace: 'team', uid: 'uid-cronjob-report', generation: 1, resourceVersion: `${minute}` },
        spec: {
          schedule: '0 * * * *', concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 1, suspend: false,
          jobTemplate: { metadata: { creationTimestamp: null }, spec: { backoffLimit: 2, template: { metadata: { creationTimestamp: null, labels }, spec: spec() } } },
        },
        status: { lastScheduleTime: last, lastSuccessfulTime: last },
      };
      const name = `report-${minute}`;
      const uid = `uid-job-${minute}`;
      const jobLabels = { ...labels, 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
      const job = {
        apiVersion: 'batch/v1', kind: 'Job',
        metadata: {
          name, namespace: 'team', labels: jobLabels, uid,
          ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'report', uid: 'uid-cronjob-report', controller: true, blockOwnerDeletion: true }],
        },
        spec: {
          backoffLimit: 2, completionMode: 'NonIndexed', completions: 1, parallelism: 1, suspend: false, podReplacementPolicy: 'TerminatingOrFailed',
          selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }, template: { metadata: { creationTimestamp: null, labels: jobLabels }, spec: spec() },
        },
        status: { succeeded: 1, completionTime: last },
      };
      return [cronJob, job, podFrom(`${name}-w4x7z`, ['batch/v1', 'Job', name], jobLabels, spec())];
    };
    const diff = diffOf(exportOf(29000000, '2025-02-21T10:00:00Z'), exportOf(29000060, '2025-02-21T11:00:00Z'));
    expect(diff.objects).toMatchObject({ added: [], removed: [], changed: ['CronJob/team/report'] });
    expect(diff.objects.templateCopies).toEqual([{
      ...NO_COPIES, ref: 'CronJob/team/report',
      added: ['Job/team/report-29000060', 'Pod/team/report-29000060-w4x7z'], removed: ['Job/team/report-29000000', 'Pod/team/report-29000000-w4x7z'],
    }]);
  });

  test('fold an Argo Rollout\'s ReplicaSets, whose templates hold the API server\'s defaults that the Rollout\'s does not', () => {
    const labels = { 'app.kubernetes.io/name': 'web' };
    /** The template as written in the Rollout, which the API server stores without its defaults. */
    const bare = (image: string) => {
      const spec = webPodSpec(image);
      for (const key of ['dnsPolicy', 'restartPolicy', 'schedulerName', 'terminationGracePeriodSeconds', 'serviceAccount']) delete spec[key];
      const c = spec.containers[0];
      for (const key of ['imagePullPolicy', 'terminationMessagePath', 'terminationMessagePolicy']) delete c[key];
      delete c.ports[0].protocol;
      c.readinessProbe = { httpGet: { path: '/healthz', port: 'http' } };
      return spec;
    };
    const rollout = (image: string, generation: number) => ({
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout',
      metadata: { name: 'web', namespace: 'team', uid: 'uid-rollout-web', generation, resourceVersion: `${generation}000` },
      spec: {
        replicas: 3, revisionHistoryLimit: 2, selector: { matchLabels: labels },
        strategy: { canary: { steps: [{ setWeight: 20 }, { pause: { duration: '1m' } }] } },
        template: { metadata: { labels }, spec: bare(image) },
      },
      status: { currentPodHash: generation === 1 ? OLD : NEW, replicas: 3 },
    });
    const replicaSet = (hash: string, image: string, replicas: number, revision: number) => {
      const rs = webReplicaSet(hash, image, replicas, { revision, version: `${1000 + replicas}` });
      const hashed = { ...labels, 'rollouts-pod-template-hash': hash };
      rs.metadata.labels = hashed;
      rs.metadata.annotations = { 'rollout.argoproj.io/desired-replicas': '3', 'rollout.argoproj.io/revision': `${revision}` };
      rs.metadata.ownerReferences[0] = { ...rs.metadata.ownerReferences[0], apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', uid: 'uid-rollout-web' };
      rs.spec.selector.matchLabels = hashed;
      rs.spec.template.metadata.labels = hashed;
      return rs;
    };
    const podsOf = (hash: string, image: string, suffixes: readonly string[]) => webPods(hash, image, suffixes).map(p => {
      p.metadata.labels = { ...labels, 'rollouts-pod-template-hash': hash };
      return p;
    });
    const before = [rollout(V1, 1), replicaSet(OLD, V1, 3, 1), ...podsOf(OLD, V1, OLD_PODS)];
    const after = [rollout(V2, 2), replicaSet(OLD, V1, 0, 1), replicaSet(NEW, V2, 3, 2), ...podsOf(NEW, V2, NEW_PODS)];
    const diff = diffOf(before, after);
    expect(diff.objects).toMatchObject({ added: [], removed: [], changed: ['Rollout/team/web'] });
    expect(diff.objects.templateCopies).toEqual([{
      ...NO_COPIES, ref: 'Rollout/team/web',
      added: [...pods(NEW, NEW_PODS), ref('ReplicaSet', `web-${NEW}`)], removed: pods(OLD, OLD_PODS), scaled: [ref('ReplicaSet', `web-${OLD}`)],
    }]);

    // A ReplicaSet whose pull policy is not the one the API server gives its image was set so by hand.
    for (const spec of [after[2].spec.template.spec, ...after.slice(3).map(p => p.spec)]) spec.containers[0].imagePullPolicy = 'Always';
    const pulled = diffOf(before, after);
    expect(pulled.objects.added).toEqual([ref('ReplicaSet', `web-${NEW}`)]);
    expect(pulled.objects.templateCopies?.[0]).toEqual({ ...NO_COPIES, ref: ref('ReplicaSet', `web-${NEW}`), added: pods(NEW, NEW_PODS) });
  });

  test('fold a deleted Deployment\'s ReplicaSet and Pods into its removal, and a new one\'s into its addition', () => {
    const diff = diffOf(beforeRollout(), []);
    expect(diff.objects.removed).toEqual(['Deployment/team/web']);
    expect(diff.objects.templateCopies).toEqual([{ ...NO_COPIES, ref: 'Deployment/team/web', removed: [...pods(OLD, OLD_PODS), ref('ReplicaSet', `web-${OLD}`)] }]);
    expect(formatDiffMarkdown(diff)).toContain('- removed `Deployment/team/web` (copies of its template: 1 ReplicaSet and 3 Pods removed)\n');
    const added = diffOf([], beforeRollout());
    expect(added.objects.added).toEqual(['Deployment/team/web']);
    expect(added.objects.templateCopies?.[0].added).toHaveLength(4);
  });

  test('fold nothing in manifests that name no controller', () => {
    const withoutOwners = (objects: any[]) => objects.map(o => {
      delete o.metadata.ownerReferences;
      return o;
    });
    const diff = diffOf(withoutOwners(beforeRollout()), withoutOwners(afterRollout()));
    expect(diff.objects.added).toEqual([...pods(NEW, NEW_PODS), ref('ReplicaSet', `web-${NEW}`)]);
    expect(diff.objects.templateCopies).toEqual([]);
  });
});
