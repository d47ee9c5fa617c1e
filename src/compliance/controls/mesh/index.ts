import { Control } from '../../types';

/** The mesh controls, in catalogue order. */
export const MESH_CONTROLS: readonly Control[] = [
];
