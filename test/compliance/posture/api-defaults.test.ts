import { isApiDefault } from '../../../src/compliance/posture/private/api-defaults';

const spec = (image: string) => ({ serviceAccountName: 'web', containers: [{ name: 'app', image }] });

describe('the values the API server writes into a pod spec it stores', () => {
  test('are its defaults of the spec, containers, probes, ports, volumes and field references', () => {
    const s = spec('registry.example.com/web:1.4.2');
    expect(isApiDefault('dnsPolicy', 'ClusterFirst', s)).toBe(true);
    expect(isApiDefault('securityContext', {}, s)).toBe(true);
    expect(isApiDefault('serviceAccount', 'web', s)).toBe(true);
    expect(isApiDefault('containers[app].terminationMessagePolicy', 'File', s)).toBe(true);
    expect(isApiDefault('containers[app].livenessProbe.periodSeconds', 10, s)).toBe(true);
    expect(isApiDefault('containers[app].livenessProbe.httpGet.scheme', 'HTTP', s)).toBe(true);
    expect(isApiDefault('containers[app].ports[http].protocol', 'TCP', s)).toBe(true);
    expect(isApiDefault('volumes[config].configMap.defaultMode', 420, s)).toBe(true);
    expect(isApiDefault('containers[app].env[POD].valueFrom.fieldRef.apiVersion', 'v1', s)).toBe(true);
  });

  test('are not other values, nor fields the API server leaves alone', () => {
    const s = spec('registry.example.com/web:1.4.2');
    expect(isApiDefault('dnsPolicy', 'Default', s)).toBe(false);
    expect(isApiDefault('serviceAccount', 'admin', s)).toBe(false);
    expect(isApiDefault('containers[app].livenessProbe.httpGet.scheme', 'HTTPS', s)).toBe(false);
    expect(isApiDefault('volumes[config].configMap.defaultMode', 493, s)).toBe(false);
    expect(isApiDefault('containers[app].securityContext.privileged', false, s)).toBe(false);
    expect(isApiDefault('hostNetwork', false, s)).toBe(false);
  });

  test.each([
    ['registry.example.com/web', 'Always'],
    ['registry.example.com/web:latest', 'Always'],
    ['registry.example.com/web:1.4.2', 'IfNotPresent'],
    [`registry.example.com/web@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
  ])('give %s the pull policy %s', (image, policy) => {
    expect(isApiDefault('containers[app].imagePullPolicy', policy, spec(image))).toBe(true);
    expect(isApiDefault('containers[app].imagePullPolicy', policy === 'Always' ? 'IfNotPresent' : 'Always', spec(image))).toBe(false);
  });
});
