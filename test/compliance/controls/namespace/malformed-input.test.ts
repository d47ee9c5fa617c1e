import { NAMESPACE_CONTROLS } from '../../../../src/compliance/controls/namespace';
import { check } from '../../helpers';
import { malformedObjects } from './malformed';

describe('the namespace controls on malformed objects', () => {
  test.each(NAMESPACE_CONTROLS.map(c => [c.id, c] as const))('%s evaluates without throwing', (_id, control) => {
    expect(() => check(control, malformedObjects())).not.toThrow();
  });
});
