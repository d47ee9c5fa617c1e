import { meshDestinationRuleMtls } from '../../../../src/compliance/controls/mesh/mesh-destination-rule-mtls';
import { messages, outcome } from '../../helpers';
import { istio } from './fixtures';

const rule = (name: string, spec: any, version?: string) => istio('DestinationRule', name, 'team', spec, { version });

describe('mesh-destination-rule-mtls', () => {
  test('passes ISTIO_MUTUAL to an in-cluster host', () => {
    expect(outcome(meshDestinationRuleMtls, [rule('ledger', { host: 'ledger.team.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } })]))
      .toEqual({ 'DestinationRule/team/ledger': 'pass' });
  });

  test('fails plaintext or one-way TLS to an in-cluster host, per port and per subset', () => {
    const objects = [
      rule('short', { host: 'ledger', trafficPolicy: { tls: { mode: 'DISABLE' } } }, 'v1alpha3'),
      rule('subset', { host: '*.local', subsets: [{ name: 'v2', trafficPolicy: { portLevelSettings: [{ port: { number: 5432 }, tls: { mode: 'SIMPLE' } }] } }] }),
    ];
    expect(messages(meshDestinationRuleMtls, objects)).toEqual([
      'traffic to in-cluster host "ledger" is not mutual TLS: trafficPolicy.tls.mode is DISABLE',
      'traffic to in-cluster host "*.local" is not mutual TLS: subsets[0].trafficPolicy.portLevelSettings[0].tls.mode is SIMPLE',
    ]);
  });

  test('applies even when the mesh is not required, like the other plaintext controls', () => {
    expect(outcome(meshDestinationRuleMtls, [rule('ledger', { host: 'ledger', trafficPolicy: { tls: { mode: 'DISABLE' } } })], { requireMesh: false }))
      .toEqual({ 'DestinationRule/team/ledger': 'fail' });
  });

  test('does not apply to external hosts', () => {
    expect(outcome(meshDestinationRuleMtls, [rule('stripe', { host: 'api.stripe.com', trafficPolicy: { tls: { mode: 'SIMPLE' } } })])).toEqual({});
  });
});
