import { containerResourceLimits } from '../../../../src/compliance/controls/workload/container-resource-limits';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

describe('container-resource-limits', () => {
  test('passes when every container and init container has CPU and memory limits', () => {
    const d = hardenedDeployment({ initContainers: [hardenedContainer('migrate')] });
    expect(outcome(containerResourceLimits, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for a missing CPU limit and an invalid memory limit', () => {
    const d = hardenedDeployment({ containers: [hardenedContainer('app', { resources: { limits: { cpu: undefined, memory: '1 Gi' } } })] });
    expect(messages(containerResourceLimits, [d])).toEqual(['container "app": has no valid limits.cpu or limits.memory']);
  });

  test('fails for a CPU limit written in a unit of bytes, a billion CPUs that bound nothing; passes the same CPUs written as CPUs', () => {
    const limited = (cpu: string) => hardenedDeployment({ containers: [hardenedContainer('app', { resources: { limits: { cpu, memory: '1Gi' } } })] });
    expect(messages(containerResourceLimits, [limited('1Gi')])).toEqual(['container "app": has limits.cpu 1Gi in a unit of bytes ("Gi"), which Kubernetes reads as 1073741824 CPUs: no limit on any node']);
    expect(messages(containerResourceLimits, [limited('2G')])).toEqual(['container "app": has limits.cpu 2G in a unit of bytes ("G"), which Kubernetes reads as 2000000000 CPUs: no limit on any node']);
    for (const cpu of ['500m', '2', '1.5', '2e0', '1k']) expect(outcome(containerResourceLimits, [limited(cpu)])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for an init container without limits', () => {
    const d = hardenedDeployment({ initContainers: [{ name: 'migrate', image: 'x:1' }] });
    expect(messages(containerResourceLimits, [d])).toEqual(['initContainer "migrate": has no valid limits.cpu or limits.memory']);
  });

  test('does not apply to ephemeral containers or objects without pods', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' }, spec: { containers: [hardenedContainer()], ephemeralContainers: [{ name: 'debug', image: 'busybox:1' }] } };
    expect(outcome(containerResourceLimits, [pod, CONFIG_MAP])).toEqual({ 'Pod/team/p': 'pass' });
  });
});
