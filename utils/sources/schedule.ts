/**
 * When to fetch a source next. Pure: the background stores the result (`nextDue`, epoch ms) with the source and
 * an alarm checks `isDue` on every wake, so a worker that dies mid-refresh loses nothing (DESIGN.md, "The service
 * worker keeps no state").
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const MIN_INTERVAL_MINUTES = 15;
export const DEFAULT_INTERVAL_MINUTES = 60;
/** No source waits longer than this between attempts because of failures or a server's max-age. */
export const MAX_BACKOFF_MS = 24 * HOUR;
/** A Retry-After longer than this is not believed: a misconfigured server must not silence a source for a year. */
export const MAX_RETRY_AFTER_MS = 7 * 24 * HOUR;

export interface ScheduleInput {
  /** When the attempt being scheduled from finished (epoch ms). */
  now: number;
  intervalMinutes?: number;
  /** Last successful fetch, a 304 included (epoch ms): equal to `now` when the attempt just made succeeded. */
  lastSuccess?: number;
  /** Consecutive failed attempts up to and including the one just made; 0 after a success. */
  failures: number;
  retryAfterSeconds?: number;
  maxAgeSeconds?: number;
  /** A number in [0, 1): `Math.random` in production, fixed in tests. */
  random: () => number;
}

export function effectiveIntervalMs(intervalMinutes: number | undefined): number {
  const minutes = intervalMinutes !== undefined && Number.isFinite(intervalMinutes) ? intervalMinutes : DEFAULT_INTERVAL_MINUTES;
  return Math.max(MIN_INTERVAL_MINUTES, minutes) * MINUTE;
}

/**
 * Backoff after `failures` consecutive failures: 15 min doubling each time, capped at 24 h, with "equal jitter"
 * (a random point in the upper half) so sources that failed together do not all retry together.
 */
export function backoffMs(failures: number, random: () => number): number {
  if (failures <= 0) return 0;
  const exponent = Math.min(failures - 1, 20);
  const ceiling = Math.min(MAX_BACKOFF_MS, MIN_INTERVAL_MINUTES * MINUTE * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/** Epoch ms of the next attempt: never sooner than one interval, a server's Retry-After, or its max-age. */
export function nextDue(input: ScheduleInput): number {
  const interval = effectiveIntervalMs(input.intervalMinutes);
  let due: number;
  if (input.failures > 0) {
    due = input.now + Math.max(interval, backoffMs(input.failures, input.random));
  } else if (input.lastSuccess === undefined) {
    return input.now;
  } else {
    due = input.lastSuccess + interval;
    if (input.maxAgeSeconds !== undefined && input.maxAgeSeconds > 0) {
      // Fresh data will not change on the server's side before max-age; capped so a year-long max-age cannot stall us.
      due = Math.max(due, input.lastSuccess + Math.min(input.maxAgeSeconds * 1000, MAX_BACKOFF_MS));
    }
    // Whatever `lastSuccess` says, an attempt was just made: never go again within the minimum interval.
    due = Math.max(due, input.now + MIN_INTERVAL_MINUTES * MINUTE);
  }
  if (input.retryAfterSeconds !== undefined && input.retryAfterSeconds > 0) {
    due = Math.max(due, input.now + Math.min(input.retryAfterSeconds * 1000, MAX_RETRY_AFTER_MS));
  }
  return due;
}

export interface ScheduledSource {
  enabled: boolean;
  /** Epoch ms from `nextDue`; absent for a source never fetched. */
  nextDue?: number;
}

/**
 * Whether to fetch now. A `nextDue` implausibly far ahead (the clock was set back) counts as due, or the source
 * would sleep until the clock catches up.
 */
export function isDue(config: ScheduledSource, now: number): boolean {
  if (!config.enabled) return false;
  if (config.nextDue === undefined) return true;
  if (config.nextDue - now > MAX_RETRY_AFTER_MS + MAX_BACKOFF_MS) return true;
  return config.nextDue <= now;
}
