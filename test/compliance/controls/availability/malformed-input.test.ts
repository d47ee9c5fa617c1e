import { AVAILABILITY_CONTROLS } from '../../../../src/compliance/controls/availability';
import { check } from '../../helpers';
import { malformedObjects } from '../namespace/malformed';

describe('the availability controls on malformed objects', () => {
  test.each(AVAILABILITY_CONTROLS.map(c => [c.id, c] as const))('%s evaluates without throwing', (_id, control) => {
    expect(() => check(control, malformedObjects())).not.toThrow();
  });
});
