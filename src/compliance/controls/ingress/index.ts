import { Control } from '../../types';

/** The ingress controls, in catalogue order. */
export const INGRESS_CONTROLS: readonly Control[] = [
];
