import { ingressTlsAllHosts } from '../../../../src/compliance/controls/ingress/ingress-tls-all-hosts';
import { messages, outcome } from '../../helpers';
import { ingress } from './fixtures';

describe('ingress-tls-all-hosts', () => {
  test('passes when every host is listed in spec.tls, directly or by a one-label wildcard', () => {
    const ing = ingress('web', ['pay.example.com', 'a.shop.example.com'], { tls: [{ hosts: ['pay.example.com', '*.shop.example.com'], secretName: 's' }] });
    expect(outcome(ingressTlsAllHosts, [ing])).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('fails a host missing from spec.tls, and a wildcard that would need two labels', () => {
    const ing = ingress('web', ['pay.example.com', 'a.b.example.com', 'api.example.com'], { tls: [{ hosts: ['pay.example.com', '*.example.com'], secretName: 's' }] });
    expect(messages(ingressTlsAllHosts, [ing])).toEqual(['host "a.b.example.com" is not listed in spec.tls, and no spec.tls entry without hosts has a secretName']);
  });

  test('passes rule hosts covered by a spec.tls entry without hosts that names a secretName, as ingress-certificate-coverage reads it', () => {
    const ing = ingress('web', ['pay.example.com', 'a.b.example.com'], { tls: [{ secretName: 'web-tls' }] });
    expect(outcome(ingressTlsAllHosts, [ing])).toEqual({ 'Ingress/team/web': 'pass' });
    const mixed = ingress('web', ['pay.example.com', 'api.example.com'], { tls: [{ hosts: ['pay.example.com'], secretName: 's' }, { secretName: 'web-tls' }] });
    expect(outcome(ingressTlsAllHosts, [mixed])).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('fails rule hosts when the spec.tls entry without hosts names no secretName', () => {
    const ing = ingress('web', ['pay.example.com'], { tls: [{}] });
    expect(messages(ingressTlsAllHosts, [ing])).toEqual(['host "pay.example.com" is not listed in spec.tls, and no spec.tls entry without hosts has a secretName']);
  });

  test('fails an Ingress without spec.tls', () => {
    expect(messages(ingressTlsAllHosts, [ingress('web', ['pay.example.com'])])).toEqual(['has no spec.tls, so every host is served over plain HTTP']);
  });

  test('fails a catch-all rule unless a spec.tls entry without hosts covers it', () => {
    const tls = [{ hosts: ['pay.example.com'], secretName: 's' }];
    expect(messages(ingressTlsAllHosts, [ingress('web', ['pay.example.com', undefined], { tls })]))
      .toEqual(['spec.rules[1] serves every host (no host set) and no spec.tls entry without hosts covers it']);
    expect(outcome(ingressTlsAllHosts, [ingress('web', [undefined], { tls: [{ secretName: 'wildcard' }] })])).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('does not apply to objects other than Ingresses', () => {
    expect(outcome(ingressTlsAllHosts, [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }])).toEqual({});
  });
});
