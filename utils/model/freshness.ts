/**
 * How current the facts are, judged against a reader's "now": the facts' age and the stale threshold, a planned round
 * whose date has passed, the latest held round and what is pending after it, and what happened since an article.
 * Pure: "now" is always passed in (the UIs own the clock; see utils/clock/clock.ts).
 */
import type { IsoDate, RoundStatus } from './pack';

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The reader's calendar day at `now`, `YYYY-MM-DD` (local time: "today" is the reader's today). */
export function localDay(now: number): IsoDate {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function dayNumber(iso: string): number | null {
  const m = ISO_DAY.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : Math.round(t / DAY_MS);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); null for a date that is not ISO. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

/** Days from the facts' `asOf` to the reader's today; 0 for facts dated today or later, or an unreadable date. */
export function factsAgeDays(asOf: string, now: number): number {
  return Math.max(0, daysBetween(asOf, localDay(now)) ?? 0);
}

/** Past the threshold, not at it: facts exactly `staleAfterDays` old are still current. */
export function factsAreStale(asOf: string, now: number, staleAfterDays: number): boolean {
  return factsAgeDays(asOf, now) > staleAfterDays;
}

/** The newest `asOf` among the given ones (ISO dates compare as strings), or undefined when there is none. */
export function newestAsOf(dates: readonly (string | undefined)[]): string | undefined {
  let newest: string | undefined;
  for (const d of dates) if (d && ISO_DAY.test(d) && (!newest || d > newest)) newest = d;
  return newest;
}

export interface DatedRound {
  status: RoundStatus;
  dateStart: IsoDate;
  dateEnd?: IsoDate;
}

/**
 * A round's status as the reader should see it today: a round still `planned` in the newest data whose last day is
 * before today is `date-passed` (no report yet), never upcoming.
 */
export type ShownStatus = RoundStatus | 'date-passed';

export function shownStatus(round: DatedRound, today: IsoDate): ShownStatus {
  if (round.status !== 'planned') return round.status;
  return (round.dateEnd ?? round.dateStart) < today ? 'date-passed' : 'planned';
}

export interface TimelineRound extends DatedRound {
  type: 'round' | 'event';
  label: string;
  venue?: string;
  reported?: boolean;
}

/** What happened after an article's date, from the story's timeline (held rounds and events, confirmed only). */
export interface SinceArticle {
  rounds: number;
  events: number;
  /** The latest of those rounds. */
  latest?: { label: string; venue: string; dateStart: IsoDate };
}

export interface ArticleContext {
  /** The article's date, `YYYY-MM-DD`. */
  date: IsoDate;
  /** Dated after the facts' `asOf`: what it reports may not be in the facts yet. */
  newer: boolean;
  /** For an article dated on or before `asOf`: what the facts know happened after it. */
  since?: SinceArticle;
}

/**
 * The article against the facts. Only rounds and events the story packs confirm as held count (a round known from
 * feeds alone, or only planned, is not "what happened").
 */
export function articleContext(articleDate: IsoDate, asOf: IsoDate, timeline: readonly TimelineRound[]): ArticleContext {
  if (articleDate > asOf) return { date: articleDate, newer: true };
  const after = timeline.filter((r) => r.status === 'held' && !r.reported && r.dateStart > articleDate);
  const rounds = after.filter((r) => r.type === 'round').sort((a, b) => a.dateStart.localeCompare(b.dateStart));
  const last = rounds[rounds.length - 1];
  return {
    date: articleDate,
    newer: false,
    since: {
      rounds: rounds.length,
      events: after.length - rounds.length,
      ...(last ? { latest: { label: last.label, venue: last.venue ?? '', dateStart: last.dateStart } } : {}),
    },
  };
}

/** The popup's rounds: the latest held one, and the rounds after it that were not held (planned, passed, called off). */
export interface RoundsAtHand<R> {
  held?: R;
  /** Oldest first. */
  pending: R[];
}

/** Negotiating rounds only (not events); `rounds` in any order. */
export function roundsAtHand<R extends DatedRound & { type: 'round' | 'event' }>(rounds: readonly R[]): RoundsAtHand<R> {
  const sorted = rounds.filter((r) => r.type === 'round').sort((a, b) => a.dateStart.localeCompare(b.dateStart));
  let heldAt = -1;
  sorted.forEach((r, i) => {
    if (r.status === 'held') heldAt = i;
  });
  return { ...(heldAt >= 0 ? { held: sorted[heldAt] } : {}), pending: sorted.slice(heldAt + 1) };
}
