/**
 * Which round a reference points to: from its ordinal, venue, weekday, a date named with it, or a window of days,
 * against the article's date. The finders in find-rounds.ts read the phrases; this decides the round.
 */
import type { IndexedRound, MatcherIndex } from './matcher-index';

export interface RoundQuery {
  ordinal?: number;
  /** Entity index of a place. */
  place?: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday?: number;
  /** Days relative to the article's date the round must overlap ("last week's round": 13 to 1 days before). */
  days?: readonly [number, number];
  /** A calendar date or year named right after the phrase ("the first round, in Muscat on 12 April 2025"). */
  on?: CalendarCue;
}

/** Parts of a date named in the text; any may be missing ("in 2025", "on 17 February"). */
export interface CalendarCue {
  year?: number;
  month?: number;
  day?: number;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12, jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10,
  nov: 11, dec: 12,
};
const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';
/**
 * A date right after a round phrase, in the normalized (lower-case) text: "on 12 april 2025", ", on april 12, 2025",
 * " in april 2025", " (17 february)", " of 2025", " in 2025", also after a venue (", in muscat on 12 april 2025").
 * Only a few linking words are allowed, so a date later in the sentence that belongs to something else is not read.
 */
const DATE_AFTER = new RegExp(
  `^,?(?:\\s(?:in|at)\\s\\p{L}[\\p{L}'-]*(?:\\s\\p{L}[\\p{L}'-]*)?,?)?\\s(?:\\(|(?:held\\s)?(?:on|in|of)\\s(?:the\\s)?)` +
    `(?:(\\d{1,2})(?:st|nd|rd|th)?\\s(?:of\\s)?${MONTH}(?:,?\\s(\\d{4}))?|${MONTH}\\s(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s(\\d{4}))?|${MONTH}\\s(\\d{4})|(20\\d\\d))(?![\\p{L}\\p{N}])`,
  'u',
);

/** The calendar cue right after `end`, if any. */
export function calendarCueAfter(text: string, end: number): CalendarCue | undefined {
  const c = text.charCodeAt(end);
  if (c !== 0x20 && c !== 0x2c) return undefined;
  const m = DATE_AFTER.exec(text.slice(end, end + 40));
  if (!m) return undefined;
  const month = MONTHS[m[2] ?? m[4] ?? m[7] ?? ''];
  const day = Number(m[1] ?? m[5] ?? NaN);
  const year = Number(m[3] ?? m[6] ?? m[8] ?? m[9] ?? NaN);
  const cue: CalendarCue = {};
  if (month !== undefined) cue.month = month;
  if (day >= 1 && day <= 31) cue.day = day;
  if (year >= 2000 && year <= 2100) cue.year = year;
  return cue.month !== undefined || cue.year !== undefined ? cue : undefined;
}

/** Whether some day of the round matches every part of the cue. */
function roundFits(r: IndexedRound, cue: CalendarCue): boolean {
  for (let d = dayNumber(r.dateStart), last = dayNumber(r.dateEnd ?? r.dateStart); d <= last && d - dayNumber(r.dateStart) < 31; d++) {
    const date = new Date(d * DAY_MS);
    if (cue.year !== undefined && date.getUTCFullYear() !== cue.year) continue;
    if (cue.month !== undefined && date.getUTCMonth() + 1 !== cue.month) continue;
    if (cue.day !== undefined && date.getUTCDate() !== cue.day) continue;
    return true;
  }
  return false;
}

const DAY_MS = 86_400_000;
/** Articles preview rounds a few days ahead ("talks in Geneva on Thursday"). */
const LOOKAHEAD_DAYS = 10;

/** Memo of parsed dates: the same few round dates are looked up for every reference on a page. */
const dayNumbers = new Map<string, number>();

export function dayNumber(iso: string): number {
  let day = dayNumbers.get(iso);
  if (day === undefined) {
    day = Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
    if (dayNumbers.size < 10_000) dayNumbers.set(iso, day);
  }
  return day;
}

export function weekdayOf(iso: string): number {
  // Day 0 of the Unix epoch was a Thursday.
  return (((dayNumber(iso) + 4) % 7) + 7) % 7;
}

/** The round a query points to, or -1 when none or several fit equally. */
export function resolveRound(rounds: readonly IndexedRound[], q: RoundQuery, date?: string): number {
  let candidates = rounds.map((r, i) => ({ r, i })).filter(({ r }) => r.type === 'round');
  if (q.ordinal !== undefined) candidates = candidates.filter(({ r }) => r.ordinal === q.ordinal);
  if (q.place !== undefined) candidates = candidates.filter(({ r }) => r.places.includes(q.place!));
  if (q.weekday !== undefined) {
    candidates = candidates.filter(({ r }) => weekdayOf(r.dateStart) === q.weekday || (r.dateEnd !== undefined && weekdayOf(r.dateEnd) === q.weekday));
  }
  if (q.on !== undefined) {
    // A named date outranks the article's date: "the first round, in Muscat on 12 April 2025" in a 2026 article.
    const on = q.on;
    const dated = candidates.filter(({ r }) => roundFits(r, on));
    if (dated.length === 1) return dated[0]!.i;
    if (dated.length > 1) candidates = dated;
  }
  if (candidates.length === 0) return -1;
  if (date === undefined) return candidates.length === 1 && q.days === undefined ? candidates[0]!.i : -1;
  const today = dayNumber(date);
  if (q.days !== undefined) {
    const [from, to] = [today + q.days[0], today + q.days[1]];
    const within = candidates.filter(({ r }) => dayNumber(r.dateStart) <= to && dayNumber(r.dateEnd ?? r.dateStart) >= from);
    // One round in the window is the one meant; several (a week of daily sessions) are left unresolved.
    return within.length === 1 ? within[0]!.i : -1;
  }
  let due = candidates.filter(({ r }) => dayNumber(r.dateStart) <= today + LOOKAHEAD_DAYS);
  if (due.length === 0) return -1;
  // Without an ordinal, "the Islamabad talks" means a round that took place, not one cancelled or postponed.
  if (q.ordinal === undefined && due.some(({ r }) => r.status === 'held')) {
    due = due.filter(({ r }) => r.status === 'held' || dayNumber(r.dateStart) > today);
  }
  // A weekday ("on Sunday") names the nearest such day, before or after the article's date.
  if (q.weekday !== undefined) {
    return due.reduce((a, b) => (Math.abs(dayNumber(b.r.dateStart) - today) < Math.abs(dayNumber(a.r.dateStart) - today) ? b : a)).i;
  }
  // The most recent round up to the article's date; else the next one within a few days (a preview).
  const held = due.filter(({ r }) => dayNumber(r.dateStart) <= today);
  if (held.length > 0) return held.reduce((a, b) => (b.r.dateStart > a.r.dateStart ? b : a)).i;
  return due.reduce((a, b) => (b.r.dateStart < a.r.dateStart ? b : a)).i;
}

/** A query without `weekday` or `days`, as the finders below ask it. */
export type NearQuery = Pick<RoundQuery, 'ordinal' | 'place' | 'on'>;

/**
 * `resolveNear`, remembered per query for one scan: an article names the same round the same way many times, and
 * each answer filters every round of the pack.
 */
export function nearResolver(index: MatcherIndex, date: string | undefined): (q: NearQuery, weekdays: number[]) => number {
  const known = new Map<string, number>();
  return (q, weekdays) => {
    const on = q.on ? `${q.on.year ?? ''}-${q.on.month ?? ''}-${q.on.day ?? ''}` : '';
    const key = `${q.ordinal ?? ''}|${q.place ?? ''}|${on}|${weekdays.join(',')}`;
    let round = known.get(key);
    if (round === undefined) known.set(key, (round = resolveNear(index, q, weekdays, date)));
    return round;
  };
}

/**
 * Resolves with the closest weekday that fits a round ("Experts meet on Wednesday, and the third round … next
 * Saturday"), else without a weekday.
 */
function resolveNear(index: MatcherIndex, q: RoundQuery, weekdays: number[], date?: string): number {
  for (const weekday of weekdays) {
    const round = resolveRound(index.rounds, { ...q, weekday }, date);
    if (round >= 0) return round;
  }
  return resolveRound(index.rounds, q, date);
}
