import { meshAccessLogging } from '../../../../src/compliance/controls/mesh/mesh-access-logging';
import { check, deployment, messages, outcome } from '../../helpers';
import { istio, POD } from './fixtures';

const api = deployment('api', POD);
const telemetry = (name: string, namespace: string, spec: any) => istio('Telemetry', name, namespace, spec);
const envoyLogs = { accessLogging: [{ providers: [{ name: 'envoy' }] }] };

describe('mesh-access-logging', () => {
  test('passes an application namespace under a mesh-wide Telemetry that logs to envoy', () => {
    expect(outcome(meshAccessLogging, [telemetry('mesh-default', 'istio-system', envoyLogs), api])).toEqual({ 'Namespace/team': 'pass' });
  });

  test('fails when no Telemetry enables access logging', () => {
    expect(messages(meshAccessLogging, [api])).toEqual([
      'no Telemetry without selector in namespace "team" or the mesh root namespace "istio-system" enables access logging',
    ]);
  });

  test('fails when the namespace turns the mesh-wide logging off', () => {
    const objects = [telemetry('mesh-default', 'istio-system', envoyLogs), telemetry('quiet', 'team', { accessLogging: [{ disabled: true }] }), api];
    expect(messages(meshAccessLogging, objects)).toEqual([
      'access logging is not enabled with a named provider by Telemetry/istio-system/mesh-default, Telemetry/team/quiet',
    ]);
  });

  test('fails a workload Telemetry that turns logging off for its pods', () => {
    const objects = [telemetry('mesh-default', 'istio-system', envoyLogs), telemetry('api', 'team', { selector: { matchLabels: { app: 'api' } }, accessLogging: [{ providers: [{ name: 'envoy' }], disabled: true }] }), api];
    expect(outcome(meshAccessLogging, objects)).toEqual({ 'Namespace/team': 'pass', 'Telemetry/team/api': 'fail' });
  });

  test('fails a namespace that turns off another provider: Istio then drops the mesh-wide providers the namespace does not name', () => {
    const objects = [telemetry('mesh-default', 'istio-system', envoyLogs), telemetry('no-otel', 'team', { accessLogging: [{ providers: [{ name: 'otel' }], disabled: true }] }), api];
    expect(messages(meshAccessLogging, objects)).toEqual([
      'access logging is not enabled with a named provider by Telemetry/istio-system/mesh-default, Telemetry/team/no-otel',
    ]);
  });

  test('fails logging of the requests workloads send only (CLIENT), which leaves the calls they receive unlogged; passes SERVER only', () => {
    const clientOnly = telemetry('mesh-default', 'istio-system', { accessLogging: [{ providers: [{ name: 'envoy' }], match: { mode: 'CLIENT' } }] });
    expect(messages(meshAccessLogging, [clientOnly, api])).toEqual([
      'access logging is not enabled with a named provider by Telemetry/istio-system/mesh-default for the requests its workloads receive (SERVER)',
    ]);
    const quietServers = telemetry('quiet', 'team', { accessLogging: [{ providers: [{ name: 'envoy' }], match: { mode: 'SERVER' }, disabled: true }] });
    expect(messages(meshAccessLogging, [telemetry('mesh-default', 'istio-system', envoyLogs), quietServers, api])).toEqual([
      'access logging is not enabled with a named provider by Telemetry/istio-system/mesh-default, Telemetry/team/quiet for the requests its workloads receive (SERVER)',
    ]);
    const serverOnly = telemetry('mesh-default', 'istio-system', { accessLogging: [{ providers: [{ name: 'envoy' }], match: { mode: 'SERVER' } }] });
    expect(check(meshAccessLogging, [serverOnly, api]).map(r => [r.passed, r.message])).toEqual([[true, 'access logs go to envoy']]);
    const quietClients = telemetry('quiet', 'team', { accessLogging: [{ providers: [{ name: 'envoy' }], match: { mode: 'CLIENT' }, disabled: true }] });
    expect(outcome(meshAccessLogging, [telemetry('mesh-default', 'istio-system', envoyLogs), quietClients, api])).toEqual({ 'Namespace/team': 'pass' });
  });

  test('passes a namespace that turns on again, without naming them, the providers the mesh-wide Telemetry names and turns off', () => {
    const off = telemetry('mesh-default', 'istio-system', { accessLogging: [{ providers: [{ name: 'envoy' }], disabled: true }] });
    expect(check(meshAccessLogging, [off, telemetry('on', 'team', { accessLogging: [{}] }), api]).map(r => [r.passed, r.message]))
      .toEqual([[true, 'access logs go to envoy']]);
  });

  test('does not apply without application namespaces or without the mesh', () => {
    expect(outcome(meshAccessLogging, [telemetry('mesh-default', 'istio-system', envoyLogs)])).toEqual({});
    expect(outcome(meshAccessLogging, [api], { requireMesh: false })).toEqual({});
  });
});
