import { Control } from '../../types';
import { objectsUnique } from './objects-unique';
import { workloadPodSpecReadable } from './workload-pod-spec-readable';

/** The controls of the manifest set as a whole, in catalogue order. */
export const MANIFEST_CONTROLS: readonly Control[] = [
  objectsUnique,
  workloadPodSpecReadable,
];
