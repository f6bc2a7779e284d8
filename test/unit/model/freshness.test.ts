import { describe, expect, it } from 'vitest';
import {
  articleContext,
  daysBetween,
  factsAgeDays,
  factsAreStale,
  localDay,
  newestAsOf,
  roundsAtHand,
  shownStatus,
  type TimelineRound,
} from '@/utils/model/freshness';

/** Noon UTC, so the reader's local day is the same date in every time zone the tests may run in. */
const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

describe("the facts' age", () => {
  it('counts calendar days from asOf to the reader’s today', () => {
    expect(localDay(at('2026-12-07'))).toBe('2026-12-07');
    expect(daysBetween('2026-09-29', '2026-12-07')).toBe(69);
    expect(daysBetween('2026-12-07', '2026-09-29')).toBe(-69);
    expect(daysBetween('29 Sep', '2026-12-07')).toBeNull();
    expect(factsAgeDays('2026-09-29', at('2026-12-07'))).toBe(69);
    expect(factsAgeDays('2026-09-29', at('2026-09-29'))).toBe(0);
  });

  it('is never negative: facts dated after the reader’s today are of today', () => {
    expect(factsAgeDays('2026-10-01', at('2026-09-29'))).toBe(0);
    expect(factsAgeDays('not a date', at('2026-09-29'))).toBe(0);
  });

  it('is stale only past the threshold: exactly at it the facts are still current', () => {
    expect(factsAreStale('2026-09-29', at('2026-10-29'), 30)).toBe(false); // 30 days
    expect(factsAreStale('2026-09-29', at('2026-10-30'), 30)).toBe(true); // 31 days
    expect(factsAreStale('2026-09-29', at('2026-09-30'), 1)).toBe(false);
    expect(factsAreStale('2026-09-29', at('2026-10-01'), 1)).toBe(true);
  });

  it('of several packs is the newest asOf; none without a dated pack', () => {
    expect(newestAsOf(['2026-06-30', undefined, '2026-09-29', '2026-07-01'])).toBe('2026-09-29');
    expect(newestAsOf([undefined, 'soon'])).toBeUndefined();
    expect(newestAsOf([])).toBeUndefined();
  });
});

describe('a round as shown today', () => {
  const planned = { status: 'planned' as const, dateStart: '2026-06-30' };

  it('stays planned while its date is today or ahead', () => {
    expect(shownStatus(planned, '2026-06-29')).toBe('planned');
    expect(shownStatus(planned, '2026-06-30')).toBe('planned');
  });

  it('is "date passed" once its last day is behind, never upcoming', () => {
    expect(shownStatus(planned, '2026-07-01')).toBe('date-passed');
    expect(shownStatus({ ...planned, dateEnd: '2026-07-01' }, '2026-07-01')).toBe('planned');
    expect(shownStatus({ ...planned, dateEnd: '2026-07-01' }, '2026-07-02')).toBe('date-passed');
  });

  it('keeps every other status as the data says', () => {
    for (const status of ['held', 'postponed', 'cancelled'] as const) {
      expect(shownStatus({ status, dateStart: '2026-06-30' }, '2026-12-07')).toBe(status);
    }
  });
});

const round = (label: string, dateStart: string, status: TimelineRound['status'] = 'held', extra: Partial<TimelineRound> = {}): TimelineRound => ({
  type: 'round',
  label,
  venue: label.replace(/^Talks in /, ''),
  dateStart,
  status,
  ...extra,
});
const event = (label: string, dateStart: string): TimelineRound => ({ type: 'event', label, dateStart, status: 'held' });

describe('the article against the facts', () => {
  const timeline = [
    round('Talks in Muscat', '2026-02-06'),
    round('Talks in Geneva', '2026-02-17'),
    event('Ceasefire', '2026-04-08'),
    round('Talks in Islamabad', '2026-04-11'),
    round('Talks in Rome', '2026-05-02', 'held', { reported: true }),
    round('Talks in Doha', '2026-06-30', 'planned'),
    round('Talks in Vienna', '2026-05-20', 'cancelled'),
  ];

  it('an article dated after asOf is newer than the facts, with nothing "since"', () => {
    expect(articleContext('2026-07-02', '2026-07-01', timeline)).toEqual({ date: '2026-07-02', newer: true });
  });

  it('on the asOf day it is not newer, and nothing the facts hold came after it', () => {
    expect(articleContext('2026-07-01', '2026-07-01', timeline)).toEqual({
      date: '2026-07-01',
      newer: false,
      since: { rounds: 0, events: 0 },
    });
  });

  it('an older article hears of the rounds held and events since, not planned, called-off or only reported ones', () => {
    expect(articleContext('2026-02-07', '2026-07-01', timeline)).toEqual({
      date: '2026-02-07',
      newer: false,
      since: { rounds: 2, events: 1, latest: { label: 'Talks in Islamabad', venue: 'Islamabad', dateStart: '2026-04-11' } },
    });
  });

  it('a round on the article’s own day is not "since" it', () => {
    expect(articleContext('2026-04-11', '2026-07-01', timeline).since).toEqual({ rounds: 0, events: 0 });
  });
});

describe('the popup’s rounds', () => {
  it('are the latest held round and the rounds after it, oldest first; events do not count', () => {
    const rows = [
      round('Talks in Doha', '2026-06-30', 'planned'),
      round('Talks in Muscat', '2026-02-06'),
      event('Strikes', '2026-07-05'),
      round('Talks in Islamabad', '2026-04-11'),
      round('Talks in Oslo', '2026-08-01', 'postponed'),
    ];
    const { held, pending } = roundsAtHand(rows);
    expect(held?.label).toBe('Talks in Islamabad');
    expect(pending.map((r) => r.label)).toEqual(['Talks in Doha', 'Talks in Oslo']);
  });

  it('are all pending when none was held yet, and nothing at all for no rounds', () => {
    const { held, pending } = roundsAtHand([round('Talks in Doha', '2026-06-30', 'planned')]);
    expect(held).toBeUndefined();
    expect(pending.map((r) => r.label)).toEqual(['Talks in Doha']);
    expect(roundsAtHand([])).toEqual({ pending: [] });
  });
});
