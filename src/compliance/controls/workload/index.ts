import { Control } from '../../types';
import { podRunAsNonRoot } from './pod-run-as-non-root';

/** The workload controls, in catalogue order. */
export const WORKLOAD_CONTROLS: readonly Control[] = [
  podRunAsNonRoot,
];
