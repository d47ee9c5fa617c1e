import { canonicalCidr, notCidrFix } from '../../../constructs/private/cidr';

describe('canonicalCidr', () => {
  test('keeps IPv4 ranges as written', () => {
    expect(canonicalCidr('203.0.113.0/24')).toBe('203.0.113.0/24');
  });

  test('writes every IPv6 group out in four hex digits', () => {
    expect(canonicalCidr('2001:db8::/32')).toBe('2001:0db8:0000:0000:0000:0000:0000:0000/32');
    expect(canonicalCidr('::1/128')).toBe('0000:0000:0000:0000:0000:0000:0000:0001/128');
    expect(canonicalCidr('::/0')).toBe('0000:0000:0000:0000:0000:0000:0000:0000/0');
    expect(canonicalCidr('2001:DB8:0:0:1:0:0:1/128')).toBe('2001:0db8:0000:0000:0001:0000:0000:0001/128');
    expect(canonicalCidr('::ffff:192.0.2.1/128')).toBe('0000:0000:0000:0000:0000:ffff:c000:0201/128');
  });

  test('gives two spellings of one range one key, and ranges that only look alike two keys', () => {
    expect(canonicalCidr('10:1::/32')).toBe(canonicalCidr('10:1:0:0::/32'));
    expect(canonicalCidr('10:1::/32')).not.toBe(canonicalCidr('10::1/32'));
    expect(canonicalCidr('10:1:0:0::/32')).not.toBe(canonicalCidr('10.1.0.0/32'));
  });
});

describe('notCidrFix', () => {
  test('a single address without its prefix length is written back with it', () => {
    expect(notCidrFix('203.0.113.7', 'x')).toBe('write the single address with its prefix length, "203.0.113.7/32"');
    expect(notCidrFix('2001:db8::7', 'x')).toBe('write the single address with its prefix length, "2001:db8::7/128"');
  });
  test('anything else gets the fix given', () => {
    for (const value of ['203.0.113.0/33', 'api.example.com', '', undefined, 42]) expect(notCidrFix(value, 'the fix')).toBe('the fix');
  });
});
