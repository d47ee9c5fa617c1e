import { CompliantWorkload, CompliantWorkloadProps, SensitiveNamespace } from '../../constructs';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { expectSoc2Error } from '../support/errors';
import { allSchemaErrors } from '../support/schema';
import { find, IMAGE, namespace, newChart, synthApp } from '../support/synth';
import { check as kubeScore } from '../third-party/kube-score';
import { check as polaris } from '../third-party/polaris';

const base = (ns: SensitiveNamespace): CompliantWorkloadProps => ({ namespace: ns, image: IMAGE, port: 8080 });

function autoscaled(props: Partial<CompliantWorkloadProps> = {}) {
  const { app, chart } = newChart();
  const ns = namespace(chart, 'shop');
  new CompliantWorkload(chart, 'api', { ...base(ns), autoscaling: { minReplicas: 3, maxReplicas: 9 }, ...props });
  return synthApp(app);
}

describe('CompliantWorkload autoscaling', () => {
  const objects = autoscaled();
  const deployment = find(objects, 'Deployment', 'api');
  const hpa = find(objects, 'HorizontalPodAutoscaler', 'api');

  test('emits an autoscaling/v2 HorizontalPodAutoscaler on the app container\'s CPU, and leaves replicas to it', () => {
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.metadata.namespace).toBe('shop');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 3,
      maxReplicas: 9,
      metrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'api', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(deployment.spec.template.spec.containers[0].name).toBe('api');
    expect('replicas' in deployment.spec).toBe(false);
  });

  test('schema-valid, zero findings, and nothing for kube-score or Polaris', () => {
    expect(allSchemaErrors(objects)).toEqual([]);
    const report = runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-27' } });
    expect(report.findings).toEqual([]);
    const evidence = (id: string) => report.evaluations.filter(e => e.control.id === id).map(e => [e.object.ref, e.status, e.message]);
    expect(evidence('workload-min-replicas')).toEqual([['Deployment/shop/api', 'passed', '3 replicas (HorizontalPodAutoscaler/shop/api minReplicas)']]);
    expect(evidence('workload-autoscaler-owns-replicas')).toEqual([['Deployment/shop/api', 'passed', 'replicas decided by HorizontalPodAutoscaler/shop/api']]);
    expect(evidence('autoscaler-targets-workload')).toEqual([['HorizontalPodAutoscaler/shop/api', 'passed', 'scales Deployment/shop/api']]);
    expect([...kubeScore(objects), ...polaris(objects)]).toEqual([]);
  });

  test('the Deployment carries Polaris\' exemption of its replicas check, which reads only spec.replicas', () => {
    expect(deployment.metadata.annotations).toEqual({ 'polaris.fairwinds.com/deploymentMissingReplicas-exempt': 'true' });
    const withoutExemption = objects.map(o => o === deployment ? { ...o, metadata: { ...o.metadata, annotations: {} } } : o);
    expect(polaris(withoutExemption).map(f => f.check)).toEqual(['polaris/deploymentMissingReplicas']);
  });

  test('a memory target adds a second metric; minReplicas defaults to 2', () => {
    const hpa2 = find(autoscaled({ autoscaling: { maxReplicas: 4, cpuUtilization: 60, memoryUtilization: 80 } }), 'HorizontalPodAutoscaler', 'api');
    expect([hpa2.spec.minReplicas, hpa2.spec.maxReplicas]).toEqual([2, 4]);
    expect(hpa2.spec.metrics.map((m: any) => [m.containerResource.name, m.containerResource.target.averageUtilization])).toEqual([['cpu', 60], ['memory', 80]]);
  });

  test('the namespace quota holds the autoscaler\'s maximum, with its surge pod', () => {
    const quota = find(autoscaled({ autoscaling: { minReplicas: 2, maxReplicas: 120 } }), 'ResourceQuota', 'quota');
    expect(quota.spec.hard.pods).toBe('121');
  });

  test('a fixed workload sets replicas and emits no autoscaler', () => {
    const { app, chart } = newChart();
    new CompliantWorkload(chart, 'api', base(namespace(chart, 'shop')));
    const fixed = synthApp(app);
    expect(find(fixed, 'Deployment', 'api').spec.replicas).toBe(2);
    expect(find(fixed, 'Deployment', 'api').metadata.annotations).toBeUndefined();
    expect(fixed.filter(o => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
  });
});

describe('CompliantWorkload autoscaling errors', () => {
  const attempt = (props: Partial<CompliantWorkloadProps>, nsProps = {}) => () => {
    const { chart } = newChart();
    new CompliantWorkload(chart, 'api', { ...base(namespace(chart, 'shop', nsProps)), ...props });
  };

  test('replicas together with autoscaling, naming the value given', () => {
    expectSoc2Error(attempt({ replicas: 3, autoscaling: { maxReplicas: 6 } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'replicas', value: '3', problem: /reset the count the autoscaler chose/, fix: /autoscaling.minReplicas/,
    });
  });

  test('singleReplica together with autoscaling names the exception as given, not its reason as if a string had been passed', () => {
    const single = { reason: 'holds an exclusive upstream lock (LED-5)', expires: '2027-01-31' };
    expectSoc2Error(attempt({ singleReplica: single, autoscaling: { maxReplicas: 6 } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'singleReplica', value: JSON.stringify(single), problem: /is set together with autoscaling/, fix: /drop one of them/,
    });
  });

  test('null stands for unset', () => {
    const { app, chart } = newChart();
    new CompliantWorkload(chart, 'api', { ...base(namespace(chart, 'shop')), replicas: null as any, autoscaling: { maxReplicas: 6, minReplicas: null as any, memoryUtilization: null as any } });
    const hpa = find(synthApp(app), 'HorizontalPodAutoscaler', 'api');
    expect([hpa.spec.minReplicas, hpa.spec.metrics.length]).toEqual([2, 1]);
  });

  test('fewer than 2 replicas at the low end, no room above it, or counts beyond int32', () => {
    expectSoc2Error(attempt({ autoscaling: { minReplicas: 1, maxReplicas: 6 } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling.minReplicas', value: '1', problem: /from 2/, fix: /omit it/,
    });
    expectSoc2Error(attempt({ autoscaling: { minReplicas: 4, maxReplicas: 4 } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling.maxReplicas', value: '4', problem: /above minReplicas \(4\)/, fix: /e\.g\. 12/,
    });
    expectSoc2Error(attempt({ autoscaling: { maxReplicas: 2.5 } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling.maxReplicas', value: '2.5', problem: /integer above minReplicas \(2\)/, fix: /most pods/,
    });
    for (const big of [2 ** 31, 1e300, Infinity]) {
      expectSoc2Error(attempt({ autoscaling: { maxReplicas: big } }), {
        code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling.maxReplicas', value: big === Infinity ? 'Infinity' : String(big), problem: /at most 2147483647/, fix: /most pods/,
      });
    }
    expectSoc2Error(attempt({ autoscaling: { minReplicas: 2 ** 31, maxReplicas: 6 } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling.minReplicas', value: '2147483648', problem: /to 2147483647/, fix: /omit it/,
    });
    expectSoc2Error(attempt({ replicas: 2 ** 31 }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'replicas', value: '2147483648', problem: /to 2147483647/, fix: /omit replicas/,
    });
  });

  test('a utilisation target the container cannot pass by the autoscaler\'s 10 % tolerance', () => {
    const tight = { resources: { requests: { cpu: '1' }, limits: { cpu: '1' } } };
    expect(() => attempt({ ...tight, autoscaling: { maxReplicas: 6, cpuUtilization: 90 } })()).not.toThrow();
    for (const target of [91, 100, 120]) {
      expectSoc2Error(attempt({ ...tight, autoscaling: { maxReplicas: 6, cpuUtilization: target } }), {
        code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling.cpuUtilization', value: String(target),
        problem: /never trigger a scale-out: the cpu limit 1 caps use at 100% of the request 1, and the autoscaler scales out only once use passes the target by 10%/,
        fix: /at most 90, or raise resources.limits.cpu/,
      });
    }
    // default memory: request 128Mi, limit 256Mi; 181 × 1.1 is below 200 %, 182 × 1.1 is not
    expect(() => attempt({ autoscaling: { maxReplicas: 6, memoryUtilization: 181 } })()).not.toThrow();
    expectSoc2Error(attempt({ autoscaling: { maxReplicas: 6, memoryUtilization: 182 } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling.memoryUtilization', value: '182', problem: /caps use at 200% of the request 128Mi/, fix: /at most 181/,
    });
    expectSoc2Error(attempt({ autoscaling: { maxReplicas: 6, memoryUtilization: 0 } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling.memoryUtilization', value: '0', problem: /positive integer percentage of the memory request/, fix: /e\.g\. 80/,
    });
    expectSoc2Error(attempt({ autoscaling: { maxReplicas: 6, cpuUtilization: 2 ** 40 } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling.cpuUtilization', value: '1099511627776', problem: /at most 2147483647/, fix: /e\.g\. 70/,
    });
  });

  test('an unknown setting and a value that is not an object', () => {
    expectSoc2Error(attempt({ autoscaling: { maxReplicas: 6, targetCPU: 50 } as any }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling.targetCPU', value: '50', problem: /not a setting of this prop/, fix: /remove it/,
    });
    expectSoc2Error(attempt({ autoscaling: 6 as any }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling', value: '6', problem: /must be an object/, fix: /maxReplicas/,
    });
    // an autoscaling that is not one hides no other problem of the replica count
    expectSoc2Error(attempt({ autoscaling: 6 as any, replicas: 1 }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'replicas', value: '1', problem: /from 2/, fix: /omit replicas/,
    });
  });

  test('a quota set on the namespace that cannot hold the maximum names autoscaling.maxReplicas', () => {
    expectSoc2Error(attempt({ autoscaling: { maxReplicas: 20 } }, { quota: { pods: 10 } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'autoscaling.maxReplicas', value: '20', problem: /would need 21 pods/, fix: /or lower autoscaling.maxReplicas/,
    });
  });
});
