import { Duration } from 'cdk8s';
import { PropProblem } from '../errors';
import { durationText } from './duration';

/** How often the startup probe checks a starting container, in seconds. */
export const STARTUP_PERIOD_SECONDS = 10;
/** The longest start accepted: a day (a database replaying a large log may take hours). */
const MAX_STARTUP_SECONDS = 86_400;

/**
 * The seconds a container may take to start (the `startupTimeout` prop), or `undefined` without
 * one; a problem for anything but a Duration from the probe's period to a day.
 */
export function startupSeconds(value: unknown, found: PropProblem[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!(value instanceof Duration)) {
    found.push({ prop: 'startupTimeout', value, problem: 'must be a Duration', fix: 'use Duration.minutes(...) from cdk8s, e.g. Duration.minutes(5)' });
    return undefined;
  }
  const seconds = Math.ceil(value.toSeconds({ integral: false }));
  if (!Number.isFinite(seconds) || seconds < STARTUP_PERIOD_SECONDS || seconds > MAX_STARTUP_SECONDS) {
    found.push({ prop: 'startupTimeout', value: durationText(value), problem: `must be from ${STARTUP_PERIOD_SECONDS} seconds to a day`,
      fix: 'give the longest the application may take to start, e.g. Duration.minutes(5)' });
    return undefined;
  }
  return seconds;
}

/**
 * The startup probe of a container that may take `seconds` to start: the liveness check, every
 * {@link STARTUP_PERIOD_SECONDS} seconds, failing the container only once the time is up. The
 * kubelet probes first within a period of the start and gives up at the failureThreshold-th failure
 * in a row, so one more check than `seconds` holds periods keeps the whole time. The kubelet holds
 * back the liveness and readiness probes until it succeeds.
 */
export function startupProbe(handler: Record<string, unknown>, seconds: number): Record<string, unknown> {
  return { ...handler, periodSeconds: STARTUP_PERIOD_SECONDS, timeoutSeconds: 2, failureThreshold: Math.ceil(seconds / STARTUP_PERIOD_SECONDS) + 1 };
}
