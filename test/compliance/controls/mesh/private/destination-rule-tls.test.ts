import { weakTlsSettings } from '../../../../../src/compliance/controls/mesh/private/destination-rule-tls';
import { indexObject } from '../../../../../src/compliance/manifest';
import { istio } from '../fixtures';

const rule = (spec: any) => indexObject(istio('DestinationRule', 'r', 'team', spec), { document: 1 });

describe('weakTlsSettings', () => {
  test('finds DISABLE and SIMPLE in the traffic policy, its ports and its subsets', () => {
    expect(weakTlsSettings(rule({
      host: 'a',
      trafficPolicy: { tls: { mode: 'DISABLE' }, portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'ISTIO_MUTUAL' } }, { port: { number: 81 }, tls: { mode: 'simple' } }] },
      subsets: [{ name: 'v1', trafficPolicy: { tls: { mode: 'SIMPLE' } } }],
    }))).toEqual([
      { path: 'spec.trafficPolicy.tls.mode', mode: 'DISABLE' },
      { path: 'spec.trafficPolicy.portLevelSettings[1].tls.mode', mode: 'SIMPLE' },
      { path: 'spec.subsets[0].trafficPolicy.tls.mode', mode: 'SIMPLE' },
    ]);
  });

  test('accepts ISTIO_MUTUAL, MUTUAL and no tls block', () => {
    expect(weakTlsSettings(rule({ host: 'a', trafficPolicy: { tls: { mode: 'MUTUAL' } }, subsets: [{ name: 'v1' }] }))).toEqual([]);
  });
});
