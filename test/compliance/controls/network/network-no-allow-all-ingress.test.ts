import { networkNoAllowAllIngress } from '../../../../src/compliance/controls/network/network-no-allow-all-ingress';
import { messages, outcome } from '../../helpers';
import { appSelector, netpol } from './fixtures';

describe('network-no-allow-all-ingress', () => {
  test('passes rules that name their sources', () => {
    const np = netpol('from-web', { podSelector: appSelector('api'), ingress: [
      { from: [{ podSelector: appSelector('web') }] },
      { from: [{ namespaceSelector: {}, podSelector: appSelector('prometheus') }] },
      { from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] },
    ] });
    expect(outcome(networkNoAllowAllIngress, [np])).toEqual({ 'NetworkPolicy/team/from-web': 'pass' });
  });

  test('fails a rule without from, an empty namespaceSelector and 0.0.0.0/0, each with its path', () => {
    const np = netpol('open', { podSelector: {}, ingress: [
      { ports: [{ port: 8080 }] },
      { from: [{ namespaceSelector: {} }] },
      { from: [{ podSelector: appSelector('web') }, { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] },
      { from: [{ ipBlock: { cidr: '::/0' } }] },
    ] });
    expect(messages(networkNoAllowAllIngress, [np])).toEqual([
      'spec.ingress[0] has no from, so it admits every source',
      'spec.ingress[1].from[0] admits every pod of every namespace (a namespaceSelector every namespace matches, no podSelector restriction)',
      'spec.ingress[2].from[1] admits ipBlock 0.0.0.0/0 (except 10.0.0.0/8), every address but the excepted ranges',
      'spec.ingress[3].from[0] admits ipBlock ::/0, every address',
    ]);
  });

  test('fails a namespaceSelector that only asks for the name label, which every namespace has', () => {
    const np = netpol('open', { podSelector: {}, ingress: [
      { from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'Exists' }] } }] },
      { from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['shop'] }] } }] },
    ] });
    expect(messages(networkNoAllowAllIngress, [np])).toEqual([
      'spec.ingress[0].from[0] admits every pod of every namespace (a namespaceSelector every namespace matches, no podSelector restriction)',
    ]);
  });

  test('fails a peer whose selectors only exclude: every namespace (and pod) without the excluded labels matches, any created later included', () => {
    const notSystem = { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] };
    const np = netpol('open', { podSelector: {}, ingress: [
      { from: [{ namespaceSelector: notSystem }] },
      { from: [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, podSelector: {} }] },
      { from: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['untrusted'] }] } }] },
      // Naming the namespaces or the pods, in any term, is a restriction.
      { from: [{ namespaceSelector: { matchExpressions: [...notSystem.matchExpressions, { key: 'team', operator: 'In', values: ['pay'] }] } }] },
      { from: [{ namespaceSelector: notSystem, podSelector: { matchLabels: { app: 'web' } } }] },
      { from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } }] },
    ] });
    expect(messages(networkNoAllowAllIngress, [np])).toEqual([
      'spec.ingress[0].from[0] admits every pod of every namespace that its selectors do not exclude (a namespaceSelector that only excludes, matched by any new namespace, no podSelector restriction)',
      'spec.ingress[1].from[0] admits every pod of every namespace that its selectors do not exclude (a namespaceSelector that only excludes, matched by any new namespace, no podSelector restriction)',
      'spec.ingress[2].from[0] admits every pod of every namespace that its selectors do not exclude (a namespaceSelector every namespace matches, a podSelector that only excludes, matched by a pod without labels)',
    ]);
  });

  test('passes an open policy in an ingress controller namespace', () => {
    const np = netpol('controller', { podSelector: {}, ingress: [{}] }, 'ingress-nginx');
    expect(outcome(networkNoAllowAllIngress, [np])).toEqual({ 'NetworkPolicy/ingress-nginx/controller': 'pass' });
  });

  test('does not apply to an egress-only policy', () => {
    expect(outcome(networkNoAllowAllIngress, [netpol('egress', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] })])).toEqual({});
  });
  test('fails a source range wider than an IPv4 /8, whatever it excepts', () => {
    const np = netpol('wide', { podSelector: {}, ingress: [
      { from: [{ ipBlock: { cidr: '0.0.0.0/1' } }] }, { from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] },
      { from: [{ ipBlock: { cidr: '128.0.0.0/1', except: ['192.168.0.0/16'] } }] },
    ] });
    expect(messages(networkNoAllowAllIngress, [np])).toEqual([
      'spec.ingress[0].from[0] admits ipBlock 0.0.0.0/1, wider than an IPv4 /8 or an IPv6 /32: a large part of the internet',
      'spec.ingress[2].from[0] admits ipBlock 128.0.0.0/1 (except 192.168.0.0/16), wider than an IPv4 /8 or an IPv6 /32: a large part of the internet',
    ]);
  });
});
