import { hostMatches } from '../../../../../src/compliance/controls/ingress/private/hosts';

describe('host matching', () => {
  test.each([
    ['pay.example.com', 'PAY.example.com.', true],
    ['*.example.com', 'pay.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', '*.example.com', true],
    ['pay.example.com', '*.example.com', false],
    ['', 'x', false],
  ])('%j covers %j: %j', (pattern, host, covered) => {
    expect(hostMatches(pattern, host)).toBe(covered);
  });
});
