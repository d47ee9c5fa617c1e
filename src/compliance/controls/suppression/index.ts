import { Control } from '../../types';
import { suppressionKnownControl } from './suppression-known-control';
import { suppressionNeeded } from './suppression-needed';
import { suppressionReasoned } from './suppression-reasoned';

/** The suppression controls, in catalogue order. */
export const SUPPRESSION_CONTROLS: readonly Control[] = [
  suppressionReasoned,
  suppressionKnownControl,
  suppressionNeeded,
];
