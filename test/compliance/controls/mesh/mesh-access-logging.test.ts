import { meshAccessLogging } from '../../../../src/compliance/controls/mesh/mesh-access-logging';
import { deployment, messages, outcome } from '../../helpers';
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

  test('does not apply without application namespaces or without the mesh', () => {
    expect(outcome(meshAccessLogging, [telemetry('mesh-default', 'istio-system', envoyLogs)])).toEqual({});
    expect(outcome(meshAccessLogging, [api], { requireMesh: false })).toEqual({});
  });
});
