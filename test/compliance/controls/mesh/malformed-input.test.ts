import { MESH_CONTROLS } from '../../../../src/compliance/controls/mesh';
import { check } from '../../helpers';
import { malformedObjects } from '../namespace/malformed';

describe('the mesh controls on malformed objects', () => {
  test.each(MESH_CONTROLS.map(c => [c.id, c] as const))('%s evaluates without throwing', (_id, control) => {
    expect(() => check(control, malformedObjects())).not.toThrow();
  });
});
