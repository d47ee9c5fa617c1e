import { Control } from '../../types';

/** The namespace controls, in catalogue order. */
export const NAMESPACE_CONTROLS: readonly Control[] = [
];
