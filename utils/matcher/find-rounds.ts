/**
 * Recognises references to a specific round ("the second round in Geneva", "the Islamabad talks", "talks in Geneva
 * on Thursday") and resolves them from the ordinal, the venue, the weekday and the article's date.
 */
import type { ScanContext } from '../model/mention';
import { normalizeForMatch, normalizeForScan, runsToVisit, type WordRuns } from '../text/normalize';
import { paragraphSpans, sentenceAround, type Span } from '../text/segments';
import { isArabicScriptCode, isWordBeforeIn } from '../text/char-class';
import { wordHash } from '../text/word-hash';
import type { MatcherIndex } from './matcher-index';
import type { EntityMark, TalksMark } from './resolve-entities';
import { calendarCueAfter, nearResolver, resolveRound, weekdayOf } from './resolve-round';

export interface RoundMark {
  start: number;
  end: number;
  /** Index into `MatcherIndex.rounds`, or -1 for the talks in general. */
  round: number;
}

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6, '7th': 7, '8th': 8, '9th': 9, '10th': 10,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

// Static patterns over normalized (lower-cased) text.
const ORDINAL_ROUND = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:the\s)?(?:(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)\s(?:(?:and\s)?(?:final|last|new|latest)\s)?` +
    String.raw`(?:[\p{L}-]+\s)?round|round\s(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}))(?![\p{L}\p{N}])` +
    String.raw`(?:\sof\s(?:[\p{L}-]+\s){0,2}(?:talks|negotiations))?`,
  'uy',
);
const ORDINAL_WORDS = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th';
/** "the second and fifth rounds (of talks)", "the first, second and third rounds": ordinals sharing one "rounds". */
const COORDINATED_ROUNDS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:the\s)?(?:${ORDINAL_WORDS})(?:,\s(?:${ORDINAL_WORDS}))*,?\s(?:and|or)\s(?:${ORDINAL_WORDS})\s` +
    String.raw`(?:[\p{L}-]+\s)?rounds(?![\p{L}\p{N}])(?:\sof\s(?:[\p{L}-]+\s){0,2}(?:talks|negotiations))?`,
  'uy',
);
const ORDINAL_TOKEN = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${ORDINAL_WORDS})(?![\p{L}\p{N}])`, 'gu');
/** How far before "rounds" a coordinated list may start ("the first, second, third and fourth …"). */
const WORDS_BEFORE_ROUNDS = 10;
/**
 * Words after an ordinal that leave it standing for a round named just before ("the fourth round was difficult;
 * the fifth made progress", "after the fourth, in Rome"): verbs, prepositions and conjunctions, never a noun it
 * could count instead ("the fifth day").
 */
const ELLIPSIS_FOLLOWERS = new Set([
  'was', 'were', 'is', 'are', 'had', 'has', 'have', 'will', 'would', 'could', 'did', 'made', 'ended', 'took', 'came',
  'began', 'opened', 'closed', 'followed', 'produced', 'brought', 'saw', 'yielded', 'lasted', 'went', 'proved', 'broke',
  'collapsed', 'failed', 'also', 'then', 'again', 'itself', 'too', 'in', 'at', 'on', 'with', 'without', 'after', 'before',
  'and', 'but', 'or',
]);
const hashOf = (word: string): number => wordHash(Array.from(word, (c) => c.charCodeAt(0)), 0, word.length);
const ROUND_HASH = hashOf('round');
const ROUNDS_HASH = hashOf('rounds');
/** "the previous round", "the next round": the phrase before "round". */
const NEIGHBOUR_BEFORE = /(?:^|[^\p{L}\p{N}])(the\s(previous|preceding|next|following)\s)$/u;
const NEIGHBOUR_WORD_HASHES = new Set(['previous', 'preceding', 'next', 'following'].map(hashOf));
/** "a new round", "the latest round", "another round": the phrase before "round", and what may follow it. */
const CURRENT_BEFORE = /(?:^|[^\p{L}\p{N}])((?:a|the|another)\s(?:new|fresh|latest)\s|another\s)$/u;
const CURRENT_WORD_HASHES = new Set(['new', 'fresh', 'latest', 'another'].map(hashOf));
const CURRENT_AFTER = /(?:\sof\s(?:[\p{L}-]+\s){0,2}(?:talks|negotiations))?/uy;
/** Arabic "جولة جديدة (من المفاوضات غير المباشرة)" (a new round of indirect talks), as folded. */
const ARABIC_CURRENT_AFTER = new RegExp(
  String.raw`\s(?:${normalizeForMatch('ال').text})?${normalizeForMatch('جديدة').text}` +
    String.raw`(?:\s${normalizeForMatch('من').text}\s(?:${normalizeForMatch('المفاوضات').text}|${normalizeForMatch('المحادثات').text})` +
    String.raw`(?:\s(?:${normalizeForMatch('غير').text}\s)?(?:${normalizeForMatch('المباشرة').text}|${normalizeForMatch('النووية').text}))?)?(?![\p{L}\p{N}])`,
  'uy',
);
/**
 * Days either side of the article's date within which "a new round" must fall: a report on a round comes out within
 * a day or two of it, and rounds have been at least a week apart.
 */
const CURRENT_ROUND_DAYS = [-3, 3] as const;
/** A sentence about what is still to come: "a new round" there is not one that already took place. */
const FUTURE_CUE = /(?<![\p{L}])(?:will|next|expected|planned|due|scheduled|to be held|set to|would)(?![\p{L}])|(?:سوف|ستعقد|المقبل|القادم)/u;
/** Ordinals and the number words that may follow "round", by word hash: quick tests before the full pattern. */
const ORDINAL_BY_HASH = new Map(
  ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', '1st', '2nd', '3rd', '4th', '5th', '6th', '7th', '8th', '9th', '10th'].map((w) => [hashOf(w), w]),
);
/** The words the ordinal-round pass starts from or keeps for the finders after it. */
const ROUND_PASS_HASHES = [ROUND_HASH, ROUNDS_HASH, ...ORDINAL_BY_HASH.keys()];
const ROUND_NUMBER_BY_HASH = new Map(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].map((w) => [hashOf(w), w]));

function runIs(text: string, words: WordRuns, w: number, byHash: ReadonlyMap<number, string>): boolean {
  const word = byHash.get(words.hashes[w]!);
  return word !== undefined && words.ends[w]! - words.starts[w]! === word.length && text.startsWith(word, words.starts[w]!);
}

/** Whether a whole-word ordinal starts at or after `from`, before the run `w`. */
function ordinalBefore(text: string, words: WordRuns, w: number, from: number): boolean {
  for (let k = w - 1; k >= 0 && words.starts[k]! >= from; k--) if (runIs(text, words, k, ORDINAL_BY_HASH)) return true;
  return false;
}

/**
 * Persian and Arabic ordinal rounds ("دور دوم", "نخستین دور", "الجولة الثانية"): the words, folded as the page
 * text is (ي → ی, ك → ک, ة → ه, أ → ا), by word hash, so they are found among the word runs like "round".
 */
interface RtlWord {
  text: string;
  /** The ordinal, for ordinal words; for round words, how many clitic units ("و", "ب", "لل") the mark leaves out. */
  value: number;
}
const foldedHashMap = (entries: readonly (readonly [string, number])[]): Map<number, RtlWord> =>
  new Map(entries.map(([word, value]) => {
    const text = normalizeForMatch(word).text;
    return [hashOf(text), { text, value }];
  }));
/** "دور" (round) takes a Persian ordinal after it; "جولة" an Arabic one, and may carry clitics ("والجولة"). */
const FA_ROUND_WORD = foldedHashMap([['دور', 0]]);
const AR_ROUND_WORD = foldedHashMap([
  ['جولة', 0], ['الجولة', 0], ['والجولة', 1], ['فالجولة', 1], ['بالجولة', 1], ['وبالجولة', 2], ['كالجولة', 1],
  ['للجولة', 2], ['وللجولة', 3], ['وجولة', 1], ['بجولة', 1], ['لجولة', 1],
]);
const FA_ORDINAL_AFTER = foldedHashMap([
  ['اول', 1], ['نخست', 1], ['یکم', 1], ['دوم', 2], ['سوم', 3], ['چهارم', 4], ['پنجم', 5], ['ششم', 6], ['هفتم', 7],
  ['هشتم', 8], ['نهم', 9], ['دهم', 10],
]);
const FA_ORDINAL_BEFORE = foldedHashMap([
  ['نخستین', 1], ['اولین', 1], ['دومین', 2], ['سومین', 3], ['چهارمین', 4], ['پنجمین', 5], ['ششمین', 6], ['هفتمین', 7],
  ['هشتمین', 8], ['نهمین', 9], ['دهمین', 10],
]);
const AR_ORDINAL_AFTER = foldedHashMap([
  ['الأولى', 1], ['الثانية', 2], ['الثالثة', 3], ['الرابعة', 4], ['الخامسة', 5], ['السادسة', 6], ['السابعة', 7],
  ['الثامنة', 8], ['التاسعة', 9], ['العاشرة', 10], ['أولى', 1], ['ثانية', 2], ['ثالثة', 3], ['رابعة', 4], ['خامسة', 5],
  ['سادسة', 6], ['سابعة', 7], ['ثامنة', 8], ['تاسعة', 9], ['عاشرة', 10],
]);
const AR_ORDINAL_BEFORE = foldedHashMap([['أول', 1], ['ثاني', 2], ['ثالث', 3], ['رابع', 4], ['خامس', 5], ['سادس', 6]]);
/** "دور دوم انتخابات": the second round of an election, not of the talks. */
const ELECTIONS = foldedHashMap([['انتخابات', 0], ['الانتخابات', 0]]);
const AR_OF = normalizeForMatch(' من ').text;

function rtlWordAt(text: string, words: WordRuns, w: number, byHash: ReadonlyMap<number, RtlWord>): RtlWord | undefined {
  if (w < 0 || w >= words.count) return undefined;
  const word = byHash.get(words.hashes[w]!);
  return word !== undefined && words.ends[w]! - words.starts[w]! === word.text.length && text.startsWith(word.text, words.starts[w]!)
    ? word
    : undefined;
}

/** Whether runs `a` and `a + 1` are separated by exactly one space. */
function adjacent(text: string, words: WordRuns, a: number): boolean {
  return a >= 0 && a + 1 < words.count && words.starts[a + 1] === words.ends[a]! + 1 && text.charCodeAt(words.ends[a]!) === 0x20;
}

/** The value of a run of one or two ASCII digits (Persian and Arabic-Indic digits are folded to them), or 0. */
function smallNumberAt(text: string, words: WordRuns, w: number): number {
  if (w >= words.count) return 0;
  const s = words.starts[w]!;
  const n = words.ends[w]! - s;
  if (n < 1 || n > 2) return 0;
  let v = 0;
  for (let i = s; i < s + n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return 0;
    v = v * 10 + c - 0x30;
  }
  return v;
}

/**
 * The Persian or Arabic ordinal round phrase around the round word at run `w`: "دور دوم", "دور ۲", "نخستین دور",
 * "الجولة الثانية", "أول جولة", "جولة المفاوضات الثالثة"; with the talks word after it ("دور دوم مذاکرات", "الجولة
 * الثانية من المحادثات") when the pack names one there. A round word without an ordinal ("دور از", far from;
 * Arabic "دور", a role) is no round.
 */
function rtlOrdinalRound(
  text: string,
  words: WordRuns,
  w: number,
  talksAt: (pos: number) => TalksMark | undefined,
): { start: number; end: number; ordinal: number } | undefined {
  const fa = rtlWordAt(text, words, w, FA_ROUND_WORD);
  const ar = fa ? undefined : rtlWordAt(text, words, w, AR_ROUND_WORD);
  const roundWord = fa ?? ar;
  if (!roundWord) return undefined;
  let start = words.starts[w]! + roundWord.value;
  let end = words.ends[w]!;
  let ordinal = 0;
  /** The run right after the phrase so far. */
  let next = w + 1;
  if (adjacent(text, words, w)) {
    ordinal = rtlWordAt(text, words, w + 1, fa ? FA_ORDINAL_AFTER : AR_ORDINAL_AFTER)?.value ?? smallNumberAt(text, words, w + 1);
    if (ordinal) {
      end = words.ends[w + 1]!;
      next = w + 2;
    }
  }
  if (!ordinal && ar && text.charCodeAt(end) === 0x20) {
    // "جولة المفاوضات الثالثة": Arabic may put the ordinal after the talks word.
    const t = talksAt(end + 1);
    let k = w + 1;
    while (t && k < words.count && words.starts[k]! < t.end + 1) k++;
    const after = t && k < words.count && words.starts[k] === t.end + 1 && text.charCodeAt(t.end) === 0x20
      ? rtlWordAt(text, words, k, AR_ORDINAL_AFTER)
      : undefined;
    if (after) {
      ordinal = after.value;
      end = words.ends[k]!;
      next = k + 1;
    }
  }
  // "نخستین دور", "أول جولة": the ordinal before a round word that carries no clitic or article.
  if (!ordinal && roundWord.value === 0 && (fa || roundWord.text.length === 4) && adjacent(text, words, w - 1)) {
    ordinal = rtlWordAt(text, words, w - 1, fa ? FA_ORDINAL_BEFORE : AR_ORDINAL_BEFORE)?.value ?? 0;
    if (ordinal) start = words.starts[w - 1]!;
  }
  if (!ordinal) return undefined;
  if (adjacent(text, words, next - 1) && rtlWordAt(text, words, next, ELECTIONS)) return undefined;
  // The talks word after the phrase belongs to it, as "of talks" does in English.
  const t = fa ? (text.charCodeAt(end) === 0x20 ? talksAt(end + 1) : undefined) : text.startsWith(AR_OF, end) ? talksAt(end + AR_OF.length) : undefined;
  return { start, end: t ? t.end : end, ordinal };
}

/** Whether the run after `w` follows one whitespace and is a number ("round two", "round 3"). */
function numberAfter(text: string, words: WordRuns, w: number): boolean {
  const next = w + 1;
  if (next >= words.count || words.starts[next] !== words.ends[w]! + 1 || !/\s/.test(text[words.ends[w]!]!)) return false;
  const first = text.charCodeAt(words.starts[next]!);
  return (first >= 0x30 && first <= 0x39) || runIs(text, words, next, ROUND_NUMBER_BY_HASH);
}

/**
 * Rounds named by when they were, relative to the article's date: "last week's round", "yesterday's talks",
 * "Saturday's session". Matched only at the runs that can begin one (see RELATIVE_BY_HASH).
 */
const RELATIVE_ROUND =
  /(last week's|this week's|next week's|yesterday's|today's|tomorrow's|(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday)'s)\s(?:(?:indirect|direct|nuclear|new|latest)\s)?(?:round|talks|negotiations|session|meeting)(?![\p{L}\p{N}])/uy;
const WEEK_HASH = hashOf('week');
const RELATIVE_BY_HASH = new Map(
  ['last', 'this', 'next', 'yesterday', 'today', 'tomorrow', 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((w) => [hashOf(w), w]),
);
const RELATIVE_DAYS: Record<string, readonly [number, number]> = { "yesterday's": [-1, -1], "today's": [0, 0], "tomorrow's": [1, 1] };
/** Weeks run Monday to Sunday: "last week" in a Sunday article is the Monday 13 days before to the Sunday before. */
const RELATIVE_WEEKS: Record<string, number> = { "last week's": -1, "this week's": 0, "next week's": 1 };

/** The window for a relative reference; a weekday names the nearest such day within a week either side. */
function relativeWindow(phrase: string, date: string): readonly [number, number] | undefined {
  const fixed = RELATIVE_DAYS[phrase];
  if (fixed) return fixed;
  const week = RELATIVE_WEEKS[phrase];
  if (week !== undefined) {
    const monday = -((weekdayOf(date) + 6) % 7) + 7 * week;
    return [monday, monday + 6];
  }
  const day = WEEKDAYS.indexOf(phrase.slice(0, -2));
  if (day < 0) return undefined;
  const offset = (((day - weekdayOf(date)) % 7) + 7) % 7;
  // "Saturday's talks" in a Monday article: the Saturday just past (an article looks back more often than ahead).
  const back = offset === 0 ? 0 : offset - 7;
  return [back, back];
}

/** How many words before "round" an ordinal phrase may start ("the second and final indirect round"). */
const WORDS_BEFORE_ROUND = 5;
const TALKS_WORD_BEFORE_PLACE = /(?:^|[^\p{L}\p{N}])((?:(?:the|new|fresh|latest|indirect|direct|nuclear)\s){0,2}(?:talks|negotiations|round|meeting)\s(?:in|at)\s)$/u;
const PLACE_LINK_AFTER = /^\s(?:in|at)\s$/u;
/**
 * After a Persian or Arabic talks word the place follows directly ("مذاکرات مسقط", the talks of Muscat) or after
 * "در" / "في" (in; "في" is folded to "فی").
 */
const ARABIC_PLACE_LINK_AFTER = /^\s(?:(?:\u062F\u0631|\u0641\u06CC)\s)?$/u;
const TALKS_WORD_AFTER_PLACE = /^\s(talks|negotiations|round)(?![\p{L}])/u;
/** Arabic "جولة مسقط" (the Muscat round), "الجولة في مسقط", as folded (ة → ه, ي → ی), clitics allowed. */
const ARABIC_ROUND_BEFORE_PLACE = new RegExp(
  String.raw`(?:^|[^\p{L}\p{N}])((?:[\u0648\u0641\u0628\u0644]{0,2}(?:\u0627\u0644)?)\u062C\u0648\u0644\u0647\s(?:(?:\u0641\u06CC|\u0628)\s)?)$`,
  'u',
);
const WEEKDAYS_IN_SENTENCE = /(?:on|this|next|last|on\s+last)\s(sunday|monday|tuesday|wednesday|thursday|friday|saturday)(?![\p{L}])/gu;

/** Index of the span containing `pos` in sorted, disjoint spans, or -1. */
function spanIndexAt(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Index of the first mark starting after `pos` in marks sorted by start (`marks.length` when none). */
function firstStartingAfter(marks: readonly { start: number }[], pos: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.start <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface WeekdayMention {
  at: number;
  end: number;
  /** 0 = Sunday … 6 = Saturday. */
  day: number;
}

/** Weekdays named in a sentence, with their offsets. */
function weekdaysIn(text: string, s: Span): WeekdayMention[] {
  const sentence = text.slice(s.start, s.end);
  // Cheap test first: most sentences name no weekday.
  if (!sentence.includes('day')) return [];
  const found: WeekdayMention[] = [];
  const pattern = WEEKDAYS_IN_SENTENCE;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(sentence); m; m = pattern.exec(sentence)) {
    found.push({ at: s.start + m.index, end: s.start + m.index + m[0].length, day: WEEKDAYS.indexOf(m[1]!) });
  }
  return found;
}

/** Weekdays named in the sentence, closest to the span `[start, end)` first. */
function weekdaysNear(found: readonly WeekdayMention[], start: number, end: number): number[] {
  return found
    .map((w) => ({ day: w.day, distance: w.at >= end ? w.at - end : Math.max(0, start - w.end) }))
    .sort((a, b) => a.distance - b.distance)
    .map((f) => f.day);
}

/** Entities that are the venue of some round, per index (built once, not per page). */
const roundPlacesByIndex = new WeakMap<MatcherIndex, ReadonlySet<number>>();
function roundPlacesOf(index: MatcherIndex): ReadonlySet<number> {
  let places = roundPlacesByIndex.get(index);
  if (!places) {
    places = new Set(index.rounds.flatMap((r) => r.places));
    roundPlacesByIndex.set(index, places);
  }
  return places;
}

/** Round marks found in normalized text; they absorb the place and talks marks they span. */
export function findRounds(
  index: MatcherIndex,
  text: string,
  entities: readonly EntityMark[],
  talks: readonly TalksMark[],
  context: ScanContext,
  paragraphs: readonly Span[] = paragraphSpans(text),
  words: WordRuns = normalizeForScan(text).words,
): RoundMark[] {
  if (index.rounds.length === 0) return [];
  /** The sentence around `pos`, found by walking to its ends rather than splitting the paragraph; the last is reused. */
  let lastSentence: Span = { start: 0, end: 0 };
  const sentenceAt = (pos: number): Span => {
    if (pos >= lastSentence.start && pos < lastSentence.end) return lastSentence;
    const p = spanIndexAt(paragraphs, pos);
    lastSentence = p < 0 ? { start: pos, end: pos + 1 } : sentenceAround(text, pos, paragraphs[p]!.start, paragraphs[p]!.end);
    return lastSentence;
  };
  const weekdayCache = new Map<Span, WeekdayMention[]>();
  /** Per paragraph: whether it has "day" at all (most have no weekday, and then no sentence needs finding). */
  const paragraphHasDay = new Map<number, boolean>();
  const weekdaysOf = (pos: number): WeekdayMention[] => {
    const p = spanIndexAt(paragraphs, pos);
    if (p >= 0) {
      let hasDay = paragraphHasDay.get(p);
      if (hasDay === undefined) paragraphHasDay.set(p, (hasDay = text.slice(paragraphs[p]!.start, paragraphs[p]!.end).includes('day')));
      if (!hasDay) return [];
    }
    const sentence = sentenceAt(pos);
    let found = weekdayCache.get(sentence);
    if (!found) {
      found = weekdaysIn(text, sentence);
      weekdayCache.set(sentence, found);
    }
    return found;
  };
  const near = nearResolver(index, context.date);
  const roundPlaces = roundPlacesOf(index);
  const places = entities.filter((m) => roundPlaces.has(m.entity));
  /** The place mark starting within a few units after `pos`, linked by " in " or " at ". */
  const placeAfter = (pos: number): EntityMark | undefined => {
    const i = firstStartingAfter(places, pos);
    const m = places[i];
    return m && m.start <= pos + 4 && PLACE_LINK_AFTER.test(text.slice(pos, m.start)) ? m : undefined;
  };
  /** The same for a Persian or Arabic talks phrase, whose place may follow with no link word. */
  const placeAfterArabic = (pos: number): EntityMark | undefined => {
    const i = firstStartingAfter(places, pos);
    const m = places[i];
    return m && m.start <= pos + 5 && ARABIC_PLACE_LINK_AFTER.test(text.slice(pos, m.start)) ? m : undefined;
  };
  const out: RoundMark[] = [];
  /** English ordinal round marks, in order: what a bare "the fifth" after them may stand for. */
  const ordinalMarks: RoundMark[] = [];
  /**
   * An ordinal round phrase at `[start, end)`, in any language: the one place where an ordinal, a venue right after
   * it, the sentence's weekdays and the article's date pick the round.
   */
  const addOrdinal = (start: number, end: number, ordinal: number, arabicScript: boolean): void => {
    const place = arabicScript ? placeAfterArabic(end) : placeAfter(end);
    const weekdays = weekdaysNear(weekdaysOf(start), start, place ? place.end : end);
    const on = calendarCueAfter(text, place ? place.end : end);
    let round = near({ ordinal, ...(place ? { place: place.entity } : {}), ...(on ? { on } : {}) }, weekdays);
    // A Persian or Arabic place straight after the talks word may be a party ("مذاکرات تهران و واشنگتن", the talks
    // of Tehran and Washington), not the venue: when it fits no round, the ordinal alone decides.
    if (place && round < 0 && arabicScript && place.start === end + 1) {
      round = near({ ordinal }, weekdays);
      out.push({ start, end, round });
      return;
    }
    out.push({ start, end: place ? place.end : end, round });
    if (!arabicScript) ordinalMarks.push(out[out.length - 1]!);
  };
  /** The talks mark starting at `pos`, if any ("مذاکرات غیرمستقیم" after "دور دوم"). */
  const talksAt = (pos: number): TalksMark | undefined => {
    const t = talks[firstStartingAfter(talks, pos - 1)];
    return t && t.start === pos ? t : undefined;
  };

  /** "the second and fifth rounds (in Rome)": one mark per ordinal, the venue after "rounds" applying to each. */
  function findCoordinatedRounds(): void {
    for (const w of roundsWords) {
      const at = words.starts[w]!;
      if (words.ends[w]! - at !== 6 || !text.startsWith('rounds', at)) continue;
      const lineStart = paragraphs[spanIndexAt(paragraphs, at)]?.start ?? 0;
      let from = at;
      for (let n = 0; n < WORDS_BEFORE_ROUNDS && from > lineStart; n++) from = Math.max(lineStart, text.lastIndexOf(' ', from - 2) + 1);
      if (!ordinalBefore(text, words, w, from)) continue;
      let m: RegExpExecArray | null = null;
      // Farthest start first, so the whole list is read; each start is a word start.
      for (let start = from; start < at && !m; start = text.indexOf(' ', start) + 1 || at) {
        COORDINATED_ROUNDS.lastIndex = start;
        m = COORDINATED_ROUNDS.exec(text);
        if (m && !(m.index <= at && at < m.index + m[0].length)) m = null;
      }
      if (!m || m.index < lastEnd) continue;
      const end = m.index + m[0].length;
      // "rounds of golf", "rounds of applause": only rounds of talks or negotiations.
      if (text.startsWith(' of ', end)) continue;
      const place = placeAfter(end);
      const tokens = [...m[0].matchAll(ORDINAL_TOKEN)];
      const weekdays = weekdaysNear(weekdaysOf(m.index), m.index, place ? place.end : end);
      tokens.forEach((t, i) => {
        const round = near({ ordinal: ORDINALS[t[0]]!, ...(place ? { place: place.entity } : {}) }, weekdays);
        const tokenStart = m.index + t.index;
        const mark: RoundMark = {
          start: i === 0 ? m.index : tokenStart,
          end: i === tokens.length - 1 ? (place ? place.end : end) : tokenStart + t[0].length,
          round,
        };
        out.push(mark);
        ordinalMarks.push(mark);
      });
      lastEnd = end;
    }
  }

  /**
   * "The fourth round was difficult; the fifth made some progress": "the" and an ordinal standing alone (followed by
   * punctuation or a verb, preposition or conjunction) stand for a round when an English ordinal round was named
   * before it in the same paragraph or the one before; the round is taken from the same series as that one.
   */
  function findEllipticalRounds(): void {
    if (ordinalMarks.length === 0) return;
    const named = [...ordinalMarks].sort((a, b) => a.start - b.start);
    for (const w of ordinalWords) {
      if (!runIs(text, words, w, ORDINAL_BY_HASH)) continue;
      const at = words.starts[w]!;
      const end = words.ends[w]!;
      if (!text.startsWith('the ', at - 4) || isWordBeforeIn(text, at - 4) || overlapsAny(named, at - 4, end)) continue;
      const next = text.charCodeAt(end);
      const follower = w + 1 < words.count && words.starts[w + 1] === end + 1 ? text.slice(end + 1, words.ends[w + 1]) : '';
      if (!(end >= text.length || ',;.:!?)"\'\n'.includes(text[end]!) || (next === 0x20 && ELLIPSIS_FOLLOWERS.has(follower)))) continue;
      const before = named[firstStartingAfter(named, at - 1) - 1];
      if (!before || before.end > at || before.round < 0) continue;
      const p = spanIndexAt(paragraphs, at);
      const q = spanIndexAt(paragraphs, before.start);
      if (q !== p && q !== p - 1) continue;
      const ordinal = ORDINALS[text.slice(at, end)]!;
      const track = index.rounds[before.round]!.track;
      let round = index.rounds.findIndex((r) => r.type === 'round' && r.track === track && r.ordinal === ordinal);
      if (round < 0) round = near({ ordinal }, weekdaysNear(weekdaysOf(at), at - 4, end));
      if (round >= 0) out.push({ start: at - 4, end, round });
    }
  }

  /**
   * "a new round of indirect talks", "the latest round", Arabic "جولة جديدة": the round under way around the
   * article's date, when exactly one round falls within a week of it either side; nothing otherwise.
   */
  function findCurrentRounds(): void {
    if (context.date === undefined) return;
    let known: number | undefined;
    const current = (): number => (known ??= resolveRound(index.rounds, { days: CURRENT_ROUND_DAYS }, context.date));
    for (const w of [...roundWords, ...arabicRoundWords]) {
      const at = words.starts[w]!;
      let start: number;
      let end: number;
      if (words.hashes[w] === ROUND_HASH) {
        // One lookup of the word before "round" rules out most of them before the pattern.
        if (w === 0 || words.ends[w - 1] !== at - 1 || !CURRENT_WORD_HASHES.has(words.hashes[w - 1]!)) continue;
        const head = CURRENT_BEFORE.exec(text.slice(Math.max(0, at - 16), at));
        if (!head) continue;
        start = at - head[1]!.length;
        CURRENT_AFTER.lastIndex = at + 5;
        end = at + 5 + CURRENT_AFTER.exec(text)![0].length;
        // "a new round of golf": only rounds of talks or negotiations.
        if (text.startsWith(' of ', end)) continue;
      } else {
        const word = AR_ROUND_WORD.get(words.hashes[w]!);
        if (!word || word.text !== text.slice(at, words.ends[w])) continue;
        ARABIC_CURRENT_AFTER.lastIndex = words.ends[w]!;
        const m = ARABIC_CURRENT_AFTER.exec(text);
        if (!m) continue;
        // Leave a clitic ("و", "ب") out of the mark, as for ordinal rounds.
        start = at + word.value;
        end = m.index + m[0].length;
      }
      const round = current();
      if (round < 0) continue;
      const sentence = sentenceAt(start);
      if (index.rounds[round]!.dateStart < context.date! && FUTURE_CUE.test(text.slice(sentence.start, sentence.end))) continue;
      out.push({ start, end, round });
    }
  }

  /**
   * "the previous round", "the next round": the round before or after, in the same series, the nearest round named
   * before the phrase; nothing when none was.
   */
  function findNeighbourRounds(): void {
    const named = out.filter((m) => m.round >= 0).sort((a, b) => a.start - b.start);
    if (named.length === 0) return;
    for (const w of roundWords) {
      const at = words.starts[w]!;
      // The word right before must be "previous", "next"…: one lookup rules out most "round"s before the pattern.
      if (w === 0 || words.ends[w - 1] !== at - 1 || !NEIGHBOUR_WORD_HASHES.has(words.hashes[w - 1]!)) continue;
      const m = NEIGHBOUR_BEFORE.exec(text.slice(Math.max(0, at - 16), at));
      if (!m) continue;
      const start = at - m[1]!.length;
      const before = named[firstStartingAfter(named, start - 1) - 1];
      if (!before || before.end > start) continue;
      const of = index.rounds[before.round]!;
      if (of.ordinal === undefined) continue;
      const ordinal = of.ordinal + (m[2] === 'next' || m[2] === 'following' ? 1 : -1);
      const round = index.rounds.findIndex((r) => r.type === 'round' && r.track === of.track && r.ordinal === ordinal);
      if (round >= 0) out.push({ start, end: at + 5, round });
    }
  }

  // "the second round (of talks) (in Geneva)": found from each whole word "round", read in a window around it.
  let lastEnd = -1;
  const { starts: runStarts, ends: runEnds, hashes } = words;
  // Starts are "round" and Arabic-script runs, both notable when the normalizer watched for "round". The same pass
  // keeps the runs the later finders start from: "round", "rounds", the ordinals and the Arabic round words.
  const roundWords: number[] = [];
  const roundsWords: number[] = [];
  const ordinalWords: number[] = [];
  const arabicRoundWords: number[] = [];
  const roundRuns = runsToVisit(words, ROUND_PASS_HASHES);
  for (let k = 0; k < roundRuns.count; k++) {
    const w = roundRuns.list ? roundRuns.list[k]! : k;
    // The pattern's "round" is always a whole word: find it among the word runs by hash, not by searching the text.
    const at = runStarts[w]!;
    if (hashes[w] !== ROUND_HASH) {
      if (hashes[w] === ROUNDS_HASH) roundsWords.push(w);
      else if (ORDINAL_BY_HASH.has(hashes[w]!)) ordinalWords.push(w);
      // Persian and Arabic round words are Arabic-script runs: one comparison rules out every Latin word.
      if (text.charCodeAt(at) >= 0x600 && AR_ROUND_WORD.has(hashes[w]!)) arabicRoundWords.push(w);
      if (text.charCodeAt(at) >= 0x600 && at >= lastEnd) {
        const found = rtlOrdinalRound(text, words, w, talksAt);
        if (found) {
          lastEnd = found.end;
          addOrdinal(found.start, found.end, found.ordinal, true);
        }
      }
      continue;
    }
    if (runEnds[w]! - at !== 5 || !text.startsWith('round', at)) continue;
    roundWords.push(w);
    if (at < lastEnd) continue;
    // Try the pattern anchored at the word starts just before "round", farthest first, then at "round" itself.
    const starts: number[] = [at];
    // The paragraph start by binary search: walking back to the last \n per occurrence was quadratic in a long block.
    const lineStart = paragraphs[spanIndexAt(paragraphs, at)]?.start ?? 0;
    for (let pos = at - 1, words = 0; words < WORDS_BEFORE_ROUND; words++) {
      const space = pos > 0 ? text.lastIndexOf(' ', pos - 1) : -1;
      if (space < lineStart) {
        starts.push(lineStart);
        break;
      }
      starts.push(space + 1);
      pos = space;
    }
    // Most "round"s have no ordinal before them and no number after: rule them out before the full pattern.
    if (!ordinalBefore(text, words, w, starts[starts.length - 1]!) && !numberAfter(text, words, w)) continue;
    let m: RegExpExecArray | null = null;
    for (let k = starts.length - 1; k >= 0 && !m; k--) {
      ORDINAL_ROUND.lastIndex = starts[k]!;
      m = ORDINAL_ROUND.exec(text);
      if (m && !(m.index <= at && at < m.index + m[0].length)) m = null;
    }
    if (!m) continue;
    const ordinal = ORDINALS[m[1] ?? m[2] ?? ''] ?? Number(m[2]);
    lastEnd = m.index + m[0].length;
    addOrdinal(m.index, lastEnd, ordinal, false);
  }

  findCoordinatedRounds();
  findEllipticalRounds();

  // "last week's round", "Saturday's talks": by date, only when exactly one round falls in the window.
  if (context.date !== undefined) {
    // Runs followed by an apostrophe are always notable.
    const possessives = runsToVisit(words, []);
    for (let k = 0; k < possessives.count; k++) {
      const w = possessives.list ? possessives.list[k]! : k;
      // Every form ends in a possessive: only words followed by an apostrophe are looked at ("week's", "Saturday's").
      if (text.charCodeAt(runEnds[w]!) !== 0x27) continue;
      const week = hashes[w] === WEEK_HASH && w > 0 && text.startsWith('week', runStarts[w]!);
      const first = week ? w - 1 : w;
      const at = runStarts[first]!;
      if (at < lastEnd || !runIs(text, words, first, RELATIVE_BY_HASH)) continue;
      RELATIVE_ROUND.lastIndex = at;
      const m = RELATIVE_ROUND.exec(text);
      if (!m || (at > 0 && /[\p{L}\p{N}]/u.test(text[at - 1]!))) continue;
      const days = relativeWindow(m[1]!, context.date);
      if (!days) continue;
      const round = resolveRound(index.rounds, { days }, context.date);
      if (round < 0) continue;
      out.push({ start: at, end: at + m[0].length, round });
    }
  }

  // "the Islamabad talks", "Geneva round": a place right before a talks phrase or the word round/talks.
  for (const t of talks) {
    const previous = places[firstStartingAfter(places, t.start - 1) - 1];
    const before = previous && previous.end <= t.start && t.start - previous.end <= 1 ? previous : undefined;
    const after = isArabicScriptCode(text.charCodeAt(t.start)) ? placeAfterArabic(t.end) : placeAfter(t.end);
    const place = before ?? after;
    if (!place) continue;
    let start = before ? before.start : t.start;
    if (before && text.slice(Math.max(0, start - 4), start) === 'the ') start -= 4;
    const end = after && !before ? after.end : t.end;
    const weekdays = weekdaysNear(weekdaysOf(t.start), start, end);
    const on = calendarCueAfter(text, end);
    const round = near({ place: place.entity, ...(on ? { on } : {}) }, weekdays);
    if (round >= 0) out.push({ start, end, round });
  }

  // "talks in Geneva", "the Doha talks" without a pack talks phrase.
  for (const place of places) {
    // Cheap tests before the patterns: the place must follow " in "/" at " or precede a space.
    const link = text.slice(Math.max(0, place.start - 4), place.start);
    const head =
      link === ' in ' || link === ' at '
        ? TALKS_WORD_BEFORE_PLACE.exec(text.slice(Math.max(0, place.start - 48), place.start))
        : text.charCodeAt(place.start) >= 0x600
          ? ARABIC_ROUND_BEFORE_PLACE.exec(text.slice(Math.max(0, place.start - 16), place.start))
          : null;
    const tail = text.charCodeAt(place.end) === 0x20 ? TALKS_WORD_AFTER_PLACE.exec(text.slice(place.end, place.end + 16)) : null;
    if (!head && !tail) continue;
    let start = head ? place.start - head[1]!.length : place.start;
    const end = head ? place.end : place.end + tail![0].length;
    if (!head && text.slice(Math.max(0, start - 4), start) === 'the ') start -= 4;
    const weekdays = weekdaysNear(weekdaysOf(place.start), start, end);
    const on = calendarCueAfter(text, end);
    const round = near({ place: place.entity, ...(on ? { on } : {}) }, weekdays);
    if (round >= 0) out.push({ start, end, round });
  }

  findNeighbourRounds();
  findCurrentRounds();

  const kept = longestFirst(out);
  const single = singleRoundNamed(kept);
  // A round that never took place is no "the talks" an article can go on about.
  const status = single >= 0 ? index.rounds[single]!.status : undefined;
  if (status !== 'held' && status !== 'planned') return kept;
  return longestFirst(kept.concat(backReferences(index, text, words, talks, kept, single, paragraphs)));
}

/** Overlaps: keep the longest, then the earliest. */
function longestFirst(out: RoundMark[]): RoundMark[] {
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RoundMark[] = [];
  for (const r of out) {
    const last = kept[kept.length - 1];
    if (last && r.start < last.end) {
      if (r.end - r.start > last.end - last.start) kept[kept.length - 1] = r;
      continue;
    }
    kept.push(r);
  }
  return kept;
}

/** The one round all round marks name, or -1 (none, several, or an ordinal that resolved to no round). */
function singleRoundNamed(marks: readonly RoundMark[]): number {
  let single = -1;
  for (const m of marks) {
    if (m.round < 0 || (single >= 0 && m.round !== single)) return -1;
    single = m.round;
  }
  return single;
}

const SESSION_HASH = hashOf('session');
const TALKS_HASH = hashOf('talks');
/** Arabic "الجولة" (the round), folded. */
const ARABIC_THE_ROUND = '\u0627\u0644\u062C\u0648\u0644\u0647';
const ARABIC_THE_ROUND_HASH = hashOf(ARABIC_THE_ROUND);
const BACK_REFERENCE_HASHES = [SESSION_HASH, TALKS_HASH, ARABIC_THE_ROUND_HASH];
/** The words the round finders start from by hash; the scan has the normalizer list their runs as notable. */
export const ROUND_WORD_HASHES: readonly number[] = [ROUND_HASH, ROUNDS_HASH, ...ORDINAL_BY_HASH.keys(), ...BACK_REFERENCE_HASHES];
const ARABIC_ARTICLE = /^\u0627\u0644/u;
const WEEKDAY_POSSESSIVE = /(?:^|[^\p{L}\p{N}])((sunday|monday|tuesday|wednesday|thursday|friday|saturday)'s\s)$/u;
/** "the talks", and Persian "این مذاکرات" (these talks), which has no article. */
const THE_BEFORE = /(?:^|[^\p{L}\p{N}])(?:the|\u0627\u06CC\u0646)\s$/u;

/**
 * Once an article has named exactly one round ("the third round in Muscat"), a later definite reference to talks
 * ("the talks", "the negotiations", "the session", Arabic "المفاوضات") in the same paragraph as a naming or the
 * one after is that round: the article has no other to mean. Farther on, "the talks" as often means the whole
 * process ("the talks will resume", "the negotiations so far"), so it stays the talks in general; "Saturday's
 * talks" still counts when the round fell on that weekday. Indefinite or story-wide phrases ("technical talks",
 * "nuclear talks") and anything before the first naming stay the talks in general.
 */
function backReferences(
  index: MatcherIndex,
  text: string,
  words: WordRuns,
  talks: readonly TalksMark[],
  kept: readonly RoundMark[],
  round: number,
  paragraphs: readonly Span[],
): RoundMark[] {
  const r = index.rounds[round]!;
  const firstEnd = kept[0]!.end;
  const out: RoundMark[] = [];
  const namedIn = new Set(kept.map((m) => spanIndexAt(paragraphs, m.start)));
  const nearNaming = (pos: number): boolean => {
    const p = spanIndexAt(paragraphs, pos);
    return namedIn.has(p) || namedIn.has(p - 1);
  };
  const onRoundDay = (day: number): boolean => weekdayOf(r.dateStart) === day || (r.dateEnd !== undefined && weekdayOf(r.dateEnd) === day);
  const add = (start: number, end: number): void => {
    const before = text.slice(Math.max(0, start - 13), start);
    // Only "…day's " can be a weekday possessive: most phrases are ruled out before the pattern.
    const weekday = text.startsWith("day's", start - 6) ? WEEKDAY_POSSESSIVE.exec(before) : null;
    if (weekday) {
      // "Saturday's talks" that the article's date did not place: only when the round fell on that weekday.
      if (!onRoundDay(WEEKDAYS.indexOf(weekday[2]!))) return;
      start -= weekday[1]!.length;
    } else {
      if (!nearNaming(start)) return;
      if (THE_BEFORE.test(before)) start -= 4;
      else if (!text.startsWith('the ', start) && !ARABIC_ARTICLE.test(text.slice(start, start + 2))) return;
    }
    if (start < firstEnd || overlapsAny(kept, start, end)) return;
    out.push({ start, end, round });
  };
  for (const t of talks) if (!t.specific && t.start >= firstEnd) add(t.start, t.end);
  // "session", bare "talks" and Arabic "الجولة" (the round) are no pack phrase: found among the word runs by hash.
  const { list, count } = runsToVisit(words, BACK_REFERENCE_HASHES);
  for (let k = 0; k < count; k++) {
    const w = list ? list[k]! : k;
    const at = words.starts[w]!;
    if (at < firstEnd) continue;
    const h = words.hashes[w];
    const length = words.ends[w]! - at;
    if (
      (h === SESSION_HASH && length === 7 && text.startsWith('session', at)) ||
      (h === TALKS_HASH && length === 5 && text.startsWith('talks', at)) ||
      (h === ARABIC_THE_ROUND_HASH && length === ARABIC_THE_ROUND.length && text.startsWith(ARABIC_THE_ROUND, at))
    ) {
      add(at, at + length);
    }
  }
  return out;
}

/** Whether `[start, end)` overlaps one of the sorted, disjoint marks. */
function overlapsAny(marks: readonly RoundMark[], start: number, end: number): boolean {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < marks.length && marks[lo]!.start < end;
}
