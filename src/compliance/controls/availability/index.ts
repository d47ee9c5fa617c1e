import { Control } from '../../types';

/** The availability controls, in catalogue order. */
export const AVAILABILITY_CONTROLS: readonly Control[] = [
];
