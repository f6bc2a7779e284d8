// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  MAX_BACKOFF_MS,
  MAX_RETRY_AFTER_MS,
  backoffMs,
  isDue,
  nextDue,
} from '../../../utils/sources/schedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-02-06T00:00:00Z');
const fixed = (r: number) => () => r;

/** A small seeded generator, so the simulation is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('backoffMs', () => {
  it('is zero without failures', () => {
    expect(backoffMs(0, fixed(0.5))).toBe(0);
  });

  it('doubles from 15 minutes, jitters within the upper half, and never exceeds 24 h', () => {
    for (let failures = 1; failures <= 40; failures++) {
      const ceiling = Math.min(MAX_BACKOFF_MS, 15 * MINUTE * 2 ** (failures - 1));
      expect(backoffMs(failures, fixed(0))).toBe(ceiling / 2);
      expect(backoffMs(failures, fixed(0.999999))).toBeLessThanOrEqual(ceiling);
      expect(backoffMs(failures, fixed(0.999999))).toBeGreaterThan(ceiling * 0.99);
      const random = seeded(failures);
      for (let i = 0; i < 200; i++) {
        const delay = backoffMs(failures, random);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
    expect(backoffMs(1, fixed(0))).toBe(7.5 * MINUTE);
    expect(backoffMs(3, fixed(0.999999))).toBeCloseTo(60 * MINUTE, -3);
    expect(backoffMs(1000, fixed(0.999999))).toBeLessThanOrEqual(24 * HOUR);
  });

  it('spreads retries of sources that failed together', () => {
    const random = seeded(7);
    const delays = new Set(Array.from({ length: 50 }, () => Math.round(backoffMs(5, random) / MINUTE)));
    expect(delays.size).toBeGreaterThan(20);
  });
});

describe('nextDue', () => {
  const base = { now: T0, failures: 0, random: fixed(0.5) };

  it('is now for a source never fetched', () => {
    expect(nextDue({ ...base })).toBe(T0);
  });

  it('waits one interval after a success, 60 minutes by default and at least 15', () => {
    expect(nextDue({ ...base, lastSuccess: T0 })).toBe(T0 + 60 * MINUTE);
    expect(nextDue({ ...base, lastSuccess: T0, intervalMinutes: 240 })).toBe(T0 + 240 * MINUTE);
    expect(nextDue({ ...base, lastSuccess: T0, intervalMinutes: 1 })).toBe(T0 + 15 * MINUTE);
    expect(nextDue({ ...base, lastSuccess: T0, intervalMinutes: Number.NaN })).toBe(T0 + 60 * MINUTE);
  });

  it('never schedules sooner than 15 minutes after an attempt, even with an old lastSuccess', () => {
    expect(nextDue({ ...base, lastSuccess: T0 - 5 * DAY })).toBe(T0 + 15 * MINUTE);
  });

  it('waits for a max-age longer than the interval, but at most 24 h', () => {
    expect(nextDue({ ...base, lastSuccess: T0, maxAgeSeconds: 3 * 3600 })).toBe(T0 + 3 * HOUR);
    expect(nextDue({ ...base, lastSuccess: T0, maxAgeSeconds: 60 })).toBe(T0 + 60 * MINUTE);
    expect(nextDue({ ...base, lastSuccess: T0, maxAgeSeconds: 365 * 86400 })).toBe(T0 + DAY);
  });

  it('backs off after failures, never sooner than the interval', () => {
    expect(nextDue({ ...base, failures: 1, random: fixed(0) })).toBe(T0 + 60 * MINUTE);
    expect(nextDue({ ...base, failures: 5, random: fixed(0) })).toBe(T0 + 2 * HOUR);
    expect(nextDue({ ...base, failures: 30, random: fixed(0.999999) })).toBeLessThanOrEqual(T0 + DAY);
  });

  it('never comes before a Retry-After, which is believed up to 7 days', () => {
    expect(nextDue({ ...base, failures: 1, retryAfterSeconds: 5 * 3600 })).toBe(T0 + 5 * HOUR);
    expect(nextDue({ ...base, failures: 1, retryAfterSeconds: 60 })).toBe(T0 + 60 * MINUTE);
    expect(nextDue({ ...base, failures: 1, retryAfterSeconds: 10 * 365 * 86400 })).toBe(T0 + MAX_RETRY_AFTER_MS);
  });
});

describe('isDue', () => {
  it('follows the stored nextDue of enabled sources', () => {
    expect(isDue({ enabled: true }, T0)).toBe(true);
    expect(isDue({ enabled: false }, T0)).toBe(false);
    expect(isDue({ enabled: true, nextDue: T0 }, T0)).toBe(true);
    expect(isDue({ enabled: true, nextDue: T0 + 1 }, T0)).toBe(false);
    expect(isDue({ enabled: false, nextDue: T0 - DAY }, T0)).toBe(false);
  });

  it('treats a nextDue far beyond any schedule (clock set back) as due', () => {
    expect(isDue({ enabled: true, nextDue: T0 + 30 * DAY }, T0)).toBe(true);
  });
});

describe('a simulated week', () => {
  type Outcome = { ok: true; maxAgeSeconds?: number } | { ok: false; retryAfterSeconds?: number };

  /** A server that mostly works, sometimes fails, sometimes says "come back later", and is down on day 3. */
  function server(at: number, random: () => number): Outcome {
    if (at >= T0 + 2 * DAY && at < T0 + 3 * DAY) return { ok: false };
    const roll = random();
    if (roll < 0.6) return roll < 0.2 ? { ok: true, maxAgeSeconds: Math.floor(random() * 4 * 3600) } : { ok: true };
    if (roll < 0.8) return { ok: false };
    return { ok: false, retryAfterSeconds: Math.floor(random() * 8 * 3600) };
  }

  for (const intervalMinutes of [15, 60, 240]) {
    it(`fetches at most once per ${intervalMinutes} minutes and never inside a Retry-After window`, () => {
      const serverRandom = seeded(intervalMinutes);
      const jitter = seeded(intervalMinutes + 1);
      const stored: { enabled: boolean; nextDue?: number; lastSuccess?: number; failures: number } = {
        enabled: true,
        failures: 0,
      };
      const fetches: number[] = [];
      const quietWindows: [number, number][] = [];
      // The alarm wakes the worker every minute; each wake checks what is due, as the background does.
      for (let now = T0; now < T0 + 7 * DAY; now += MINUTE) {
        if (!isDue(stored, now)) continue;
        fetches.push(now);
        const outcome = server(now, serverRandom);
        if (outcome.ok) {
          stored.failures = 0;
          stored.lastSuccess = now;
          stored.nextDue = nextDue({ now, intervalMinutes, lastSuccess: now, failures: 0, maxAgeSeconds: outcome.maxAgeSeconds, random: jitter });
        } else {
          stored.failures += 1;
          if (outcome.retryAfterSeconds) quietWindows.push([now, now + outcome.retryAfterSeconds * 1000]);
          stored.nextDue = nextDue({ now, intervalMinutes, lastSuccess: stored.lastSuccess, failures: stored.failures, retryAfterSeconds: outcome.retryAfterSeconds, random: jitter });
        }
      }

      for (let i = 1; i < fetches.length; i++) {
        expect(fetches[i]! - fetches[i - 1]!).toBeGreaterThanOrEqual(intervalMinutes * MINUTE);
        // Backoff and max-age are capped, so the source is never left alone for more than a day.
        expect(fetches[i]! - fetches[i - 1]!).toBeLessThanOrEqual(DAY + MINUTE);
      }
      for (const [from, to] of quietWindows) {
        expect(fetches.filter((at) => at > from && at < to)).toEqual([]);
      }
      expect(quietWindows.length).toBeGreaterThan(0);
      // It keeps working: there are fetches after the day-long outage.
      expect(fetches.some((at) => at >= T0 + 3 * DAY && at < T0 + 4 * DAY + MINUTE)).toBe(true);
      expect(fetches.length).toBeGreaterThanOrEqual(7);
    });
  }
});
