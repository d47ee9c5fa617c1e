import { SUPPRESSION_CONTROLS } from '../../../../src/compliance/controls/suppression';
import { check } from '../../helpers';
import { malformedObjects } from '../namespace/malformed';

describe('the suppression controls on malformed objects', () => {
  test.each(SUPPRESSION_CONTROLS.map(c => [c.id, c] as const))('%s evaluates without throwing', (_id, control) => {
    expect(() => check(control, malformedObjects())).not.toThrow();
  });
});
