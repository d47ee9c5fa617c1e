import { Control } from '../../types';

/** The network controls, in catalogue order. */
export const NETWORK_CONTROLS: readonly Control[] = [
];
