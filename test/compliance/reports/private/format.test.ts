import { comparePaths } from '../../../../src/compliance/reports/private/format';

describe('comparePaths', () => {
  test('orders list indexes by number and the rest by code point', () => {
    const paths = ['spec.egress[12].to[0]', 'spec.egress[4].to[10]', 'spec.egress[4].to[2]', 'spec.egress', 'metadata.name', 'spec.egress[4]'];
    expect([...paths].sort(comparePaths)).toEqual([
      'metadata.name', 'spec.egress', 'spec.egress[4]', 'spec.egress[4].to[2]', 'spec.egress[4].to[10]', 'spec.egress[12].to[0]',
    ]);
    expect(comparePaths('a', 'a')).toBe(0);
  });
});
