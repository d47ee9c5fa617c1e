import { Control } from '../../types';

/** The rbac controls, in catalogue order. */
export const RBAC_CONTROLS: readonly Control[] = [
];
