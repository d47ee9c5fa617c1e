import { networkNoOpenEgress } from '../../../../src/compliance/controls/network/network-no-open-egress';
import { messages, outcome } from '../../helpers';
import { netpol } from './fixtures';

const DNS = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};

describe('network-no-open-egress', () => {
  test('passes DNS to kube-dns and a narrow CIDR, with or without except', () => {
    const np = netpol('egress', { podSelector: {}, policyTypes: ['Egress'], egress: [DNS, { to: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.8/29'] } }, { ipBlock: { cidr: '10.0.0.0/8' } }] }] });
    expect(outcome(networkNoOpenEgress, [np])).toEqual({ 'NetworkPolicy/team/egress': 'pass' });
  });

  test('fails every address or a too-wide range whatever it excepts: every address but the private ranges is the internet', () => {
    const np = netpol('internet', { podSelector: {}, egress: [
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }] },
      { to: [{ ipBlock: { cidr: '0.0.0.0/1', except: ['10.0.0.0/8'] } }] },
      { to: [{ ipBlock: { cidr: '::/0', except: ['fd00::/8'] } }] },
    ] });
    expect(messages(networkNoOpenEgress, [np])).toEqual([
      'spec.egress[0].to[0] allows ipBlock 0.0.0.0/0 (except 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), every address but the excepted ranges',
      'spec.egress[1].to[0] allows ipBlock 0.0.0.0/1 (except 10.0.0.0/8), wider than an IPv4 /8 or an IPv6 /32: a large part of the internet',
      'spec.egress[2].to[0] allows ipBlock ::/0 (except fd00::/8), every address but the excepted ranges',
    ]);
  });

  test('fails every pod of every namespace on every port, and passes it limited to ports or to selected pods', () => {
    const np = netpol('cluster', { podSelector: {}, policyTypes: ['Egress'], egress: [
      { to: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }] },
      { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'api' } } }] },
      { to: [{ namespaceSelector: { matchLabels: { team: 'pay' } } }] },
      { to: [{ podSelector: {} }] },
      { to: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'Exists' }] } }] },
      { to: [{ namespaceSelector: {}, podSelector: {} }], ports: [] },
    ] });
    expect(messages(networkNoOpenEgress, [np])).toEqual([
      'spec.egress[4].to[0] allows every pod of every namespace on every port (a namespaceSelector every namespace matches, no podSelector restriction, no ports)',
      'spec.egress[5].to[0] allows every pod of every namespace on every port (a namespaceSelector every namespace matches, no podSelector restriction, no ports)',
    ]);
  });

  test('fails a peer whose namespaceSelector only excludes on every port: every namespace without the excluded labels matches, any created later included', () => {
    const notSystem = { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } };
    const np = netpol('cluster', { podSelector: {}, policyTypes: ['Egress'], egress: [
      { to: [notSystem] },
      { to: [notSystem], ports: [{ port: 443 }] },
      { to: [{ ...notSystem, podSelector: { matchLabels: { app: 'api' } } }] },
    ] });
    expect(messages(networkNoOpenEgress, [np])).toEqual([
      'spec.egress[0].to[0] allows every pod of every namespace that its selectors do not exclude on every port (a namespaceSelector that only excludes, matched by any new namespace, no podSelector restriction, no ports)',
    ]);
  });

  test('fails a rule without to, even limited to port 53, and 0.0.0.0/0', () => {
    const np = netpol('open', { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }, { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] });
    expect(messages(networkNoOpenEgress, [np])).toEqual([
      'spec.egress[0] has no to, so it allows every destination on UDP/53',
      'spec.egress[1].to[0] allows ipBlock 0.0.0.0/0, every address',
    ]);
  });

  test('fails every IPv4 address written as the IPv4-mapped IPv6 range ::ffff:0.0.0.0/96, which network plugins match as 0.0.0.0/0', () => {
    const np = netpol('mapped', { podSelector: {}, egress: [
      { to: [{ ipBlock: { cidr: '::ffff:203.0.113.0/120' } }, { ipBlock: { cidr: '::ffff:0.0.0.0/96' } }] },
      { to: [{ ipBlock: { cidr: '::ffff:0:0/96' } }] },
      { to: [{ ipBlock: { cidr: '::ffff:203.0.113.0/120' } }] },
    ] });
    expect(messages(networkNoOpenEgress, [np])).toEqual([
      'spec.egress[0].to[1] allows ipBlock ::ffff:0.0.0.0/96, every address',
      'spec.egress[1].to[0] allows ipBlock ::ffff:0:0/96, every address',
    ]);
  });

  test('fails ranges wider than an IPv4 /8 or an IPv6 /32: 0.0.0.0/1 and 128.0.0.0/1 are every address together', () => {
    const np = netpol('halves', { podSelector: {}, egress: [
      { to: [{ ipBlock: { cidr: '0.0.0.0/1' } }] }, { to: [{ ipBlock: { cidr: '128.0.0.0/1' } }] },
      { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { ipBlock: { cidr: '2001:db8::/32' } }] }, { to: [{ ipBlock: { cidr: '2000::/3' } }] },
    ] });
    expect(messages(networkNoOpenEgress, [np])).toEqual([
      'spec.egress[0].to[0] allows ipBlock 0.0.0.0/1, wider than an IPv4 /8 or an IPv6 /32: a large part of the internet',
      'spec.egress[1].to[0] allows ipBlock 128.0.0.0/1, wider than an IPv4 /8 or an IPv6 /32: a large part of the internet',
      'spec.egress[3].to[0] allows ipBlock 2000::/3, wider than an IPv4 /8 or an IPv6 /32: a large part of the internet',
    ]);
  });

  test('does not apply to an ingress-only policy', () => {
    expect(outcome(networkNoOpenEgress, [netpol('in', { podSelector: {}, ingress: [{}] })])).toEqual({});
  });
});
