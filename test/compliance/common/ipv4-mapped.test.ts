import { cidrContains, ipv4MappedPrefix, ipv4MappedRange, isAllAddresses, isVeryWide, nat64Prefix, normalCidr, withHostBitsCleared } from '../../../src/compliance/common/ipv4-mapped';

describe('ipv4MappedPrefix', () => {
  test('gives the IPv4 prefix of an IPv4-mapped IPv6 range, in any spelling', () => {
    expect(ipv4MappedPrefix('::ffff:0.0.0.0/96')).toBe(0);
    expect(ipv4MappedPrefix('::ffff:0:0/96')).toBe(0);
    expect(ipv4MappedPrefix('0:0:0:0:0:FFFF:0:0/97')).toBe(1);
    expect(ipv4MappedPrefix('::ffff:203.0.113.0/120')).toBe(24);
    expect(ipv4MappedPrefix(' ::ffff:cb00:7100/120 ')).toBe(24);
    expect(ipv4MappedPrefix('::ffff:10.0.0.1/128')).toBe(32);
  });

  test('is undefined for other ranges and for what is not a CIDR', () => {
    for (const cidr of ['0.0.0.0/0', '203.0.113.0/24', '::/0', '::/96', '2001:db8::/32', '::ffff:0:0/95', '::fffe:0:0/96', '1::ffff:0:0/96', '::ffff:0:0/129', '::ffff:0:0', 'x/96', 42, undefined]) {
      expect(ipv4MappedPrefix(cidr)).toBeUndefined();
    }
  });
});

describe('ipv4MappedRange', () => {
  test('gives the IPv4 range an IPv4-mapped IPv6 range stands for, host bits cleared', () => {
    expect(ipv4MappedRange('::ffff:198.51.100.0/120')).toBe('198.51.100.0/24');
    expect(ipv4MappedRange(' ::ffff:cb00:7105/120 ')).toBe('203.0.113.0/24');
    expect(ipv4MappedRange('::ffff:0.0.0.0/96')).toBe('0.0.0.0/0');
    expect(ipv4MappedRange('::ffff:255.255.255.255/128')).toBe('255.255.255.255/32');
    expect(ipv4MappedRange('::ffff:10.1.2.3/104')).toBe('10.0.0.0/8');
  });

  test('is undefined for any other range', () => {
    for (const cidr of ['203.0.113.0/24', '2001:db8::/32', '::ffff:0:0/95', 42]) expect(ipv4MappedRange(cidr)).toBeUndefined();
  });
});

describe('nat64Prefix and isAllAddresses', () => {
  test('gives the IPv4 prefix of a range of the NAT64 prefix 64:ff9b::/96', () => {
    expect(nat64Prefix('64:ff9b::/96')).toBe(0);
    expect(nat64Prefix('64:ff9b::cb00:7100/120')).toBe(24);
    expect(nat64Prefix('64:ff9b::203.0.113.0/120')).toBe(24);
    for (const cidr of ['64:ff9b::/95', '64:ff9b:1::/96', '::ffff:0:0/96', '2001:db8::/96', 'x']) expect(nat64Prefix(cidr)).toBeUndefined();
  });

  test('counts every IPv4 address however it is written as every address', () => {
    for (const cidr of ['0.0.0.0/0', '::/0', '::ffff:0.0.0.0/96', '64:ff9b::/96', ' 0.0.0.0/00 ']) expect([cidr, isAllAddresses(cidr)]).toEqual([cidr, true]);
    for (const cidr of ['10.0.0.0/8', '::ffff:10.0.0.0/104', '64:ff9b::/97', 42]) expect([cidr, isAllAddresses(cidr)]).toEqual([cidr, false]);
  });
});

describe('isVeryWide', () => {
  test('is true for ranges wider than an IPv4 /8 or an IPv6 /32, judging mapped and NAT64 ranges as IPv4', () => {
    for (const cidr of ['0.0.0.0/1', '128.0.0.0/7', '2000::/3', '::ffff:0.0.0.0/100', '64:ff9b::/100']) expect([cidr, isVeryWide(cidr)]).toEqual([cidr, true]);
    for (const cidr of ['10.0.0.0/8', '203.0.113.0/24', '2001:db8::/32', '::ffff:10.0.0.0/104', '64:ff9b::/104', 'x', 8]) expect([cidr, isVeryWide(cidr)]).toEqual([cidr, false]);
  });
});

describe('withHostBitsCleared', () => {
  test('clears the bits below the prefix, and says nothing when they are clear', () => {
    expect(withHostBitsCleared('203.0.113.5/24')).toBe('203.0.113.0/24');
    expect(withHostBitsCleared('10.1.2.3/8')).toBe('10.0.0.0/8');
    expect(withHostBitsCleared('192.0.2.255/31')).toBe('192.0.2.254/31');
    expect(withHostBitsCleared('255.255.255.255/1')).toBe('128.0.0.0/1');
    for (const clear of ['203.0.113.0/24', '192.0.2.1/32', '0.0.0.0/0', '2001:db8::/32', '::/0', '2001:db8::1/128']) expect(withHostBitsCleared(clear)).toBeUndefined();
    expect(withHostBitsCleared('2001:db8::1/64')).toBe('2001:db8::/64');
    expect(withHostBitsCleared('2001:0:0:1:0:0:0:1/112')).toBe('2001:0:0:1::/112');
    expect(withHostBitsCleared('2001:db8:abcd::/36')).toBe('2001:db8:a000::/36');
    expect(withHostBitsCleared('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/120')).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120');
  });
});

describe('cidrContains', () => {
  test('compares the prefix bits of the same family only', () => {
    expect(cidrContains('169.254.0.0/16', '169.254.169.254')).toBe(true);
    expect(cidrContains('169.254.169.254/32', '169.254.169.254')).toBe(true);
    expect(cidrContains('169.254.170.0/24', '169.254.169.254')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '10.1.2.3')).toBe(true);
    expect(cidrContains('fd00:ec2::/64', 'fd00:ec2::254')).toBe(true);
    expect(cidrContains('fd00:ec3::/64', 'fd00:ec2::254')).toBe(false);
    expect(cidrContains('::/0', '169.254.169.254')).toBe(false);
    // Prefixes that end inside a 16-bit group.
    expect(cidrContains('169.254.128.0/17', '169.254.169.254')).toBe(true);
    expect(cidrContains('169.254.0.0/17', '169.254.169.254')).toBe(false);
    expect(cidrContains('169.254.169.252/30', '169.254.169.254')).toBe(true);
    expect(cidrContains('169.254.169.252/31', '169.254.169.254')).toBe(false);
    expect(cidrContains('fd00:ec2::/31', 'fd00:ec2::254')).toBe(true);
    expect(cidrContains('fd00:ec2::254/128', 'fd00:ec2::254')).toBe(true);
    expect(cidrContains('fd00:ec2::255/128', 'fd00:ec2::254')).toBe(false);
  });
});

describe('normalCidr', () => {
  test('writes an IPv6 range as RFC 5952 does: lower case, no leading zeros, the longest run of zero groups as "::"', () => {
    for (const spelling of ['2001:db8::/64', '2001:DB8::/64', '2001:0db8:0:0::/64', '2001:DB8:0:0:0:0:0:0/64', '2001:0DB8:0000:0000:0000:0000:0000:0000/64']) {
      expect([spelling, normalCidr(spelling)]).toEqual([spelling, '2001:db8::/64']);
    }
    expect(normalCidr('0:0:0:0:0:0:0:0/0')).toBe('::/0');
    expect(normalCidr('0:0:0:0:0:0:0:1/128')).toBe('::1/128');
    // One zero group is not shortened; of two runs, the longer, and of two as long, the first.
    expect(normalCidr('2001:db8:0:1:1:1:1:1/128')).toBe('2001:db8:0:1:1:1:1:1/128');
    expect(normalCidr('2001:0:0:1:0:0:0:1/128')).toBe('2001:0:0:1::1/128');
    expect(normalCidr('2001:db8:0:0:1:0:0:1/128')).toBe('2001:db8::1:0:0:1/128');
    expect(normalCidr('64:FF9B::203.0.113.0/120')).toBe('64:ff9b::cb00:7100/120');
  });

  test('keeps an IPv4 range as written, an IPv4-mapped range as IPv6 with its IPv4 part dotted, and the address bits below the prefix', () => {
    expect(normalCidr('203.0.113.0/24')).toBe('203.0.113.0/24');
    expect(normalCidr('::FFFF:a00:0/104')).toBe('::ffff:10.0.0.0/104');
    expect(normalCidr('0:0:0:0:0:ffff:0:0/96')).toBe('::ffff:0.0.0.0/96');
    expect(normalCidr('10.0.0.5/8')).toBe('10.0.0.5/8');
    expect(normalCidr('2001:DB8::5/64')).toBe('2001:db8::5/64');
  });

  test('is undefined for what is not a CIDR, which has no spelling of its own', () => {
    for (const text of ['203.0.113.0/024', '010.0.0.0/8', '203.0.113.0/33', '2001:db8::/129', 'fe80::1%eth0/64', ' 10.0.0.0/8', '10.0.0.0', 'x/8']) {
      expect([text, normalCidr(text)]).toEqual([text, undefined]);
    }
  });
});
