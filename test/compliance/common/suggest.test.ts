import { closest, distance } from '../../../src/compliance/common/suggest';

describe('closest', () => {
  const options = ['format', 'output', 'severity', 'control', 'skip', 'config', 'max-file-size'];

  test.each([
    ['formt', 'format'],
    ['fromat', 'format'],
    ['sevrity', 'severity'],
    ['controls', 'control'],
    ['max-size', undefined],
    ['max-file', 'max-file-size'],
    ['zzzzzz', undefined],
    ['x', undefined],
  ])('suggests %s → %s', (word, expected) => {
    expect(closest(word, options)).toBe(expected);
  });

  test('counts an adjacent transposition as one edit', () => {
    expect(distance('pod-no-privilgeed', 'pod-no-privileged')).toBe(1);
  });
});
