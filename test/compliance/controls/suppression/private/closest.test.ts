import { closest, editDistance } from '../../../../../src/compliance/controls/suppression/private/closest';

describe('editDistance', () => {
  test('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('closest', () => {
  const ids = ['pod-run-as-non-root', 'mesh-strict-mtls', 'mesh-no-mtls-disable'];

  test('suggests the id a typo was meant to be', () => {
    expect(closest('pod-run-as-nonroot', ids)).toBe('pod-run-as-non-root');
    expect(closest('mesh-strict-mtl', ids)).toBe('mesh-strict-mtls');
  });

  test('suggests nothing for a word unlike any id', () => {
    expect(closest('everything', ids)).toBeUndefined();
  });
});
