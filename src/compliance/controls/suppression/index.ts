import { Control } from '../../types';

/** The suppression controls, in catalogue order. */
export const SUPPRESSION_CONTROLS: readonly Control[] = [
];
