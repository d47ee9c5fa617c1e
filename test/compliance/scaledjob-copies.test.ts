import { ManifestIndex } from '../../src/compliance/manifest-index';
import { run } from './helpers';

const IMAGE = `registry.example.com/worker@sha256:${'0'.repeat(64)}`;
const WORKER = { name: 'worker', image: IMAGE };
const KEDA = 'keda.sh/v1alpha1';

function scaledJob(containers: unknown[], name = 'worker', namespace = 'jobs'): unknown {
  return {
    apiVersion: KEDA, kind: 'ScaledJob', metadata: { name, namespace },
    spec: { jobTargetRef: { template: { spec: { containers } } }, triggers: [{ type: 'cpu', metadata: { value: '50' } }] },
  };
}

/** A Job as KEDA makes it: named by `generateName: <scaledjob>-`, labelled, controlled by the ScaledJob, its template labelled too. */
function job(name: string, containers: unknown[], scaledJobName = 'worker'): unknown {
  const labels = { 'scaledjob.keda.sh/name': scaledJobName };
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name, namespace: 'jobs', labels, ownerReferences: [{ apiVersion: KEDA, kind: 'ScaledJob', name: scaledJobName, uid: 'u', controller: true }] },
    spec: { template: { metadata: { labels }, spec: { containers, restartPolicy: 'OnFailure' } } },
  };
}

/** A Pod of the Job `jobName`, labelled as KEDA labels the Job's template (`scaledJobName`; `null`: no label). */
function pod(jobName: string, containers: unknown[], scaledJobName: string | null = 'worker', namespace = 'jobs'): unknown {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: `${jobName}-x8k2m`, namespace,
      labels: { 'job-name': jobName, ...(scaledJobName === null ? {} : { 'scaledjob.keda.sh/name': scaledJobName }) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: jobName, uid: 'u', controller: true }],
    },
    spec: { containers, restartPolicy: 'OnFailure' },
  };
}

/** Each template's owner and the object it copies. */
function covers(objects: unknown[]): [string, string | undefined][] {
  const index = ManifestIndex.fromObjects(objects);
  return index.podTemplates.map(t => [t.owner.ref, index.coveringObject(t.owner)?.ref]);
}

/** The findings of the run on the objects that hold a pod template, as `object control: message`. */
function findings(objects: unknown[]): string[] {
  return run(objects).findings.filter(f => f.object.kind !== 'Namespace').map(f => `${f.object.ref} ${f.controlId}: ${f.message}`);
}

describe('the Jobs and Pods of a KEDA ScaledJob in a cluster export', () => {
  test('repeat none of the ScaledJob\'s findings when their Jobs are left out (kubectl get scaledjobs,pods)', () => {
    const objects = [scaledJob([WORKER]), pod('worker-q9zz4', [WORKER]), pod('worker-7bnxw', [WORKER])];
    expect(covers(objects)).toEqual([
      ['ScaledJob/jobs/worker', undefined], ['Pod/jobs/worker-q9zz4-x8k2m', 'ScaledJob/jobs/worker'], ['Pod/jobs/worker-7bnxw-x8k2m', 'ScaledJob/jobs/worker'],
    ]);
    const all = findings(objects);
    expect(all).toContain('ScaledJob/jobs/worker pod-run-as-non-root: container "worker": runAsNonRoot is not true');
    expect(all.filter(f => !f.startsWith('ScaledJob/'))).toEqual([]);
  });

  test('repeat none of them with their Jobs (kubectl get scaledjobs,jobs,pods): a Job copies the ScaledJob\'s template, a Pod its Job\'s', () => {
    const objects = [scaledJob([WORKER]), job('worker-q9zz4', [WORKER]), pod('worker-q9zz4', [WORKER])];
    expect(covers(objects)).toEqual([
      ['ScaledJob/jobs/worker', undefined], ['Job/jobs/worker-q9zz4', 'ScaledJob/jobs/worker'], ['Pod/jobs/worker-q9zz4-x8k2m', 'Job/jobs/worker-q9zz4'],
    ]);
    expect(findings(objects).filter(f => !f.startsWith('ScaledJob/'))).toEqual([]);
  });

  test('a Job that names the ScaledJob but whose template differs keeps its own failures, and repeats none of the ScaledJob\'s', () => {
    const forged = { ...WORKER, securityContext: { privileged: true } };
    const objects = [scaledJob([WORKER]), job('worker-q9zz4', [forged]), pod('worker-q9zz4', [forged])];
    const all = findings(objects);
    // Reported on the Job, the topmost template that has it; its Pod copies the Job's.
    expect(all).toContain('Job/jobs/worker-q9zz4 pod-no-privileged: container "worker": runs privileged');
    expect(all.filter(f => f.startsWith('Pod/'))).toEqual([]);
    expect(all.filter(f => f.startsWith('Job/') && f.includes('pod-run-as-non-root'))).toEqual([]);
  });

  test('a Pod labelled for the ScaledJob whose spec differs keeps its own failures', () => {
    const objects = [scaledJob([WORKER]), { ...(pod('worker-q9zz4', [WORKER]) as any), spec: { hostPID: true, containers: [WORKER], restartPolicy: 'OnFailure' } }];
    expect(findings(objects).filter(f => f.startsWith('Pod/'))).toEqual(['Pod/jobs/worker-q9zz4-x8k2m pod-no-host-namespaces: hostPID is true']);
  });

  test('a Pod whose absent Job KEDA did not name, or whose label names no ScaledJob of the export with a template, is judged whole', () => {
    const objects = [
      scaledJob([WORKER]),
      scaledJob([{ name: 'worker' }], 'patch'),
      // A suffix of another length, or with characters generateName never gives (vowels, 0, 1, 3).
      pod('worker-q9zz', [WORKER]), pod('worker-a9zz4', [WORKER]), pod('worker-10325', [WORKER]), pod('worker-manual', [WORKER]),
      // Another ScaledJob's prefix, no label, a label naming another ScaledJob, one without a pod template, another namespace.
      pod('other-q9zz4', [WORKER]), pod('worker-b9zz4', [WORKER], null), pod('worker-c9zz4', [WORKER], 'other'),
      pod('patch-q9zz4', [WORKER], 'patch'), pod('worker-d9zz4', [WORKER], 'worker', 'elsewhere'),
    ];
    expect(covers(objects).filter(([, cover]) => cover !== undefined)).toEqual([]);
    for (const name of ['worker-q9zz', 'worker-a9zz4', 'worker-10325', 'worker-manual', 'other-q9zz4', 'worker-b9zz4', 'worker-c9zz4', 'patch-q9zz4']) {
      expect(findings(objects)).toContain(`Pod/jobs/${name}-x8k2m pod-run-as-non-root: container "worker": runAsNonRoot is not true`);
    }
  });

  test('a long ScaledJob name is cut as the API server cuts a generateName: to 58 characters, dash included', () => {
    const long = 'w'.repeat(60);
    const objects = [scaledJob([WORKER], long), pod(`${long.slice(0, 58)}q9zz4`, [WORKER], long), pod(`${long}-q9zz4`, [WORKER], long)];
    expect(covers(objects)).toEqual([
      [`ScaledJob/jobs/${long}`, undefined], [`Pod/jobs/${long.slice(0, 58)}q9zz4-x8k2m`, `ScaledJob/jobs/${long}`], [`Pod/jobs/${long}-q9zz4-x8k2m`, undefined],
    ]);
  });

  test('a Pod labelled for a ScaledJob is its, not a CronJob\'s of the same name; unlabelled, the CronJob\'s', () => {
    const cronJob = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'worker', namespace: 'jobs' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [WORKER] } } } } },
    };
    expect(covers([scaledJob([WORKER]), cronJob, pod('worker-24567', [WORKER]), pod('worker-24568', [WORKER], null)]).slice(2)).toEqual([
      ['Pod/jobs/worker-24567-x8k2m', 'ScaledJob/jobs/worker'], ['Pod/jobs/worker-24568-x8k2m', 'CronJob/jobs/worker'],
    ]);
  });
});
