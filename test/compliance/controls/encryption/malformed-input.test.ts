import { ENCRYPTION_CONTROLS } from '../../../../src/compliance/controls/encryption';
import { check } from '../../helpers';
import { malformedObjects } from '../namespace/malformed';

describe('the encryption controls on malformed objects', () => {
  test.each(ENCRYPTION_CONTROLS.map(c => [c.id, c] as const))('%s evaluates without throwing', (_id, control) => {
    expect(() => check(control, malformedObjects())).not.toThrow();
  });
});
