import { resolveConfig } from '../../../src/compliance/config';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { CopyComparison } from '../../../src/compliance/network/private/copy-comparison';

describe('the comparison of a cluster export\'s copies with their templates', () => {
  test('is made once per index and settings object, so that the diagram and the posture diff of one run share it', () => {
    const index = ManifestIndex.fromObjects([]);
    const config = resolveConfig({});
    expect(CopyComparison.of(index, config)).toBe(CopyComparison.of(index, config));
    expect(CopyComparison.of(index, resolveConfig({}))).not.toBe(CopyComparison.of(index, config));
    expect(CopyComparison.of(ManifestIndex.fromObjects([]), config)).not.toBe(CopyComparison.of(index, config));
  });
});
