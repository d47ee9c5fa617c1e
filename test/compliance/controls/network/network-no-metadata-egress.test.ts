import { networkNoMetadataEgress } from '../../../../src/compliance/controls/network/network-no-metadata-egress';
import { check, messages, outcome } from '../../helpers';
import { netpol } from './fixtures';

describe('network-no-metadata-egress', () => {
  test('passes ranges without the metadata address, or that except it', () => {
    const np = netpol('egress', { podSelector: {}, policyTypes: ['Egress'], egress: [
      { to: [{ ipBlock: { cidr: '203.0.113.0/24' } }, { ipBlock: { cidr: '169.254.0.0/16', except: ['169.254.169.254/32'] } }] },
      { to: [{ ipBlock: { cidr: 'fd00::/8', except: ['fd00:ec2::/32', 'fd20:ce::254/128'] } }] },
      // NodeLocal DNS on a link-local address: port 53 does not reach the metadata service.
      { to: [{ ipBlock: { cidr: '169.254.0.0/16' } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
    ] });
    expect(outcome(networkNoMetadataEgress, [np])).toEqual({ 'NetworkPolicy/team/egress': 'pass' });
  });

  test('fails each ipBlock that holds the metadata address, IPv4 or IPv6', () => {
    const np = netpol('egress', { podSelector: {}, policyTypes: ['Egress'], egress: [
      { to: [{ ipBlock: { cidr: '169.254.169.254/32' } }] },
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }, { ipBlock: { cidr: 'fd00:ec2::/64' } }] },
    ] });
    expect(messages(networkNoMetadataEgress, [np])).toEqual([
      'spec.egress[0].to[0] allows ipBlock 169.254.169.254/32, which holds the cloud instance metadata address 169.254.169.254',
      'spec.egress[1].to[0] allows ipBlock 0.0.0.0/0, which holds the cloud instance metadata address 169.254.169.254',
      'spec.egress[1].to[1] allows ipBlock fd00:ec2::/64, which holds the cloud instance metadata address fd00:ec2::254',
    ]);
    // Google Cloud's IPv6 metadata address, inside a unique-local range that excepts only AWS's.
    const gcp = netpol('gcp', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: 'fd00::/8', except: ['fd00:ec2::/32'] } }] }] });
    expect(messages(networkNoMetadataEgress, [gcp])).toEqual(['spec.egress[0].to[0] allows ipBlock fd00::/8, which holds the cloud instance metadata address fd20:ce::254']);
    const mapped = netpol('mapped', { podSelector: {}, policyTypes: ['Egress'], egress: [
      { to: [{ ipBlock: { cidr: '::ffff:169.254.169.254/128' } }, { ipBlock: { cidr: '::ffff:a9fe:a9fe/128' } }, { ipBlock: { cidr: '64:ff9b::a9fe:a9fe/128' } }] },
    ] });
    expect(messages(networkNoMetadataEgress, [mapped])).toHaveLength(3);
    // Alibaba Cloud's metadata service, in the shared address range, and its IPv4-mapped form.
    const alibaba = netpol('alibaba', { podSelector: {}, policyTypes: ['Egress'], egress: [
      { to: [{ ipBlock: { cidr: '100.64.0.0/10', except: ['100.100.0.0/16'] } }, { ipBlock: { cidr: '100.100.100.200/32' } }, { ipBlock: { cidr: '::ffff:6464:64c8/128' } }] },
      { to: [{ ipBlock: { cidr: '100.64.0.0/10' } }] },
    ] });
    expect(messages(networkNoMetadataEgress, [alibaba])).toEqual([
      'spec.egress[0].to[1] allows ipBlock 100.100.100.200/32, which holds the cloud instance metadata address 100.100.100.200',
      'spec.egress[0].to[2] allows ipBlock ::ffff:6464:64c8/128, which holds the cloud instance metadata address ::ffff:100.100.100.200',
      'spec.egress[1].to[0] allows ipBlock 100.64.0.0/10, which holds the cloud instance metadata address 100.100.100.200',
    ]);
    const http = netpol('http', { podSelector: {}, policyTypes: ['Egress'], egress: [
      { to: [{ ipBlock: { cidr: '169.254.0.0/16' } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 1, endPort: 1024 }] },
      { to: [{ ipBlock: { cidr: '169.254.0.0/16' } }], ports: [{ port: 'http' }] },
    ] });
    expect(messages(networkNoMetadataEgress, [http])).toHaveLength(2);
  });

  test('fails a rule without to that reaches port 80: it allows every address, whether or not network-no-open-egress is suppressed', () => {
    const np = netpol('open', { podSelector: {}, policyTypes: ['Egress'], egress: [
      {}, { ports: [{ port: 80 }] }, { to: [], ports: [{ port: 1, endPort: 1024 }] },
      // A rule that never reaches TCP port 80 does not open the metadata service.
      { ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
    ] });
    expect(messages(networkNoMetadataEgress, [np])).toEqual([
      'spec.egress[0] has no to, so it allows every destination, the cloud instance metadata address 169.254.169.254 among them',
      'spec.egress[1] has no to, so it allows every destination, the cloud instance metadata address 169.254.169.254 among them',
      'spec.egress[2] has no to, so it allows every destination, the cloud instance metadata address 169.254.169.254 among them',
    ]);
    expect(check(networkNoMetadataEgress, [np]).filter(r => !r.passed).map(r => r.path)).toEqual(['spec.egress[0]', 'spec.egress[1]', 'spec.egress[2]']);
  });

  test('does not apply to an ingress-only policy', () => {
    expect(outcome(networkNoMetadataEgress, [netpol('in', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '169.254.169.254/32' } }] }] })])).toEqual({});
  });
});
