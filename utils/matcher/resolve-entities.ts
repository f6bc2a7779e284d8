/**
 * Turns alias hits into entity and talks marks: unambiguous aliases directly, ambiguous ones (`Kushner`,
 * `Khamenei`) only when the page resolves them — the full name earlier, or other story names nearby plus, between
 * namesakes, the article's date against their dated roles.
 */
import type { ScanContext } from '../model/mention';
import { paragraphSpans, type Span } from '../text/segments';
import type { OriginalOffsets } from '../text/normalize';
import {
  FLAG_AMBIGUOUS,
  FLAG_SPECIFIC,
  PAYLOAD_ENTITY,
  PAYLOAD_TALKS,
  type IndexedEntity,
  type MatcherIndex,
} from './matcher-index';
import type { AliasHit } from './scan-aliases';

export interface EntityMark {
  start: number;
  end: number;
  entity: number;
  /** Found through an unambiguous alias (counts for relevance and resolves later namesakes). */
  sure: boolean;
}

export interface TalksMark {
  start: number;
  end: number;
  /** Names the story ("nuclear talks"), not just any talks. */
  specific: boolean;
}

/** Other story names a bare surname needs in its paragraph before it is marked without its full name. */
const NEARBY_NAMES_NEEDED = 2;

/** Words that may stand before a bare surname without making it someone else's ("Mr Kushner", "But Kushner"). */
const TITLES_AND_FUNCTION_WORDS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'sir', 'president', 'vice', 'adm', 'admiral', 'gen', 'general', 'minister', 'envoy',
  'secretary', 'ayatollah', 'sayyid', 'sheikh', 'prime', 'foreign', 'speaker', 'field', 'marshal', 'senator', 'sen',
  'rep', 'ambassador', 'chief', 'leader', 'supreme', 'deputy', 'adviser', 'advisor', 'spokesman', 'spokeswoman',
  'director', 'the', 'but', 'and', 'when', 'while', 'then', 'so', 'yet', 'as', 'if', 'after', 'before', 'also',
  'later', 'meanwhile', 'still', 'here', 'there', 'now', 'today', 'both', 'for', 'with', 'by', 'to', 'from', 'in',
  'on', 'at', 'said', 'says', 'told', 'asked', 'of', 'that', 'how', 'why', 'where', 'what', 'us', 'u.s', 'white',
  'house', 'iran', 'iranian', 'american', 'omani', 'israeli', 'pakistani', 'israel', 'oman', 'pakistan',
  'fm', 'premier', 'former', 'ex', 'commander', 'governor', 'representative', 'spokesperson', 'negotiator',
  'mediator', 'diplomat', 'king', 'prince', 'sultan', 'emir', 'crown', 'sayyed', 'seyed', 'professor', 'prof',
  'republican', 'democrat', 'democratic', 'gop', 'instead', 'separately', 'eventually', 'finally', 'once',
  'although', 'though', 'because', 'since', 'unlike', 'like', 'until', 'yesterday', 'earlier', 'afterwards',
  'not', 'only', 'even', 'neither', 'nor', 'or', 'which', 'who', 'whom', 'whose', 'this', 'these', 'those', 'his',
  'her', 'their', 'its', 'our', 'my', 'your', 'dear', 'saudi', 'qatari', 'british', 'french', 'german', 'european',
  'un', 'u.n', 'iaea', 'trump', 'biden', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'last', 'next', 'early', 'tonight', 'tomorrow', 'overnight', 'again', 'in', 'at', 'under', 'over',
  'then-president', 'then-envoy',
]);
const CAPITALISED_WORD_BEFORE = /(\p{Lu}[\p{L}.'’-]*)[ \u00A0]+$/u;

/**
 * A capitalised first name right before a bare surname ("Josh Kushner", "Dana Witkoff", "Melania Trump") names
 * someone else; titles, sentence openers and possessives ("Iran's Araghchi") do not, and neither does a word in
 * an all-caps or title-case line (a headline: "Iran Warns Witkoff").
 */
function hasForeignFirstName(original: string, start: number): boolean {
  if (!capitalisedWordBefore(original, start)) return false;
  const m = CAPITALISED_WORD_BEFORE.exec(original.slice(Math.max(0, start - 32), start));
  if (!m) return false;
  const raw = m[1]!;
  const word = raw.toLowerCase();
  const bare = word.replace(/\.$/, '');
  // "February. Khamenei" ends a sentence; "J. Kushner" and "Adm. Cooper" do not.
  if (word.endsWith('.') && bare.length > 1 && !TITLES_AND_FUNCTION_WORDS.has(bare)) return false;
  if (TITLES_AND_FUNCTION_WORDS.has(bare) || /['’]s$/.test(bare)) return false;
  if (raw.length > 1 && raw === raw.toUpperCase()) return false;
  return !inTitleCaseLine(original, start);
}

/**
 * A cheap first look for `CAPITALISED_WORD_BEFORE`, run for every bare surname: false when the word before does not
 * start with a capital (most of them), so the slice and the regex are spent only on the rest.
 */
function capitalisedWordBefore(original: string, start: number): boolean {
  let i = start - 1;
  const space = original.charCodeAt(i);
  if (space !== 0x20 && space !== 0xa0) return false;
  while (i > 0 && (original.charCodeAt(i - 1) === 0x20 || original.charCodeAt(i - 1) === 0xa0)) i--;
  let first = -1;
  for (let k = i - 1; k >= 0 && k >= start - 32; k--) {
    const c = original.charCodeAt(k);
    if (c === 0x20 || c === 0xa0 || c === 0x0a || c === 0x09) break;
    first = c;
  }
  // ASCII answers at once; any other first letter goes to the regex.
  return first >= 0 && !(first >= 0x61 && first <= 0x7a) && !(first >= 0x30 && first <= 0x39);
}

/** Whether the line around `pos` has most of its words capitalised (a headline in title case). */
function inTitleCaseLine(original: string, pos: number): boolean {
  const from = Math.max(0, original.lastIndexOf('\n', pos) + 1, pos - 200);
  const next = original.indexOf('\n', pos);
  const to = Math.min(next < 0 ? original.length : next, pos + 200);
  const words = original.slice(from, to).match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length < 3) return false;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / words.length >= 0.7;
}

/** A person named by one word (a surname such as "Witkoff", not "Steve Witkoff"). */
function isBareSurname(index: MatcherIndex, entity: number, text: string, hit: AliasHit): boolean {
  if (index.entities[entity]!.kind !== 'person') return false;
  const space = text.indexOf(' ', hit.start);
  return space < 0 || space >= hit.end;
}

/** Whether the entity held a role with explicit dates covering `date`. */
export function hasDatedRoleOn(e: IndexedEntity, date: string): boolean {
  return e.roles.some((r) => (r.from !== undefined || r.to !== undefined) && (r.from ?? '') <= date && date <= (r.to ?? '9999'));
}

function paragraphOf(paragraphs: Span[], pos: number): Span | undefined {
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = paragraphs[mid]!;
    if (pos < p.start) hi = mid - 1;
    else if (pos >= p.end) lo = mid + 1;
    else return p;
  }
  return undefined;
}

export function resolveEntities(
  index: MatcherIndex,
  hits: readonly AliasHit[],
  text: string,
  context: ScanContext,
  original?: { text: string; map: OriginalOffsets },
): { entities: EntityMark[]; talks: TalksMark[] } {
  const entities: EntityMark[] = [];
  const talks: TalksMark[] = [];
  const pending: { hit: AliasHit; candidates: number[] }[] = [];
  /** Where a namesake of an entity ("Dana Witkoff") and the entity itself in full were last named. */
  const namesakeAt = new Map<number, number>();
  const fullNameAt = new Map<number, number>();

  for (const hit of hits) {
    // Fast path: one plain entity alias, the common case.
    if (hit.payloads.length === 1) {
      const p = hit.payloads[0]!;
      if (index.payloadKind[p] === PAYLOAD_ENTITY && !(index.payloadFlags[p]! & FLAG_AMBIGUOUS)) {
        const entity = index.payloadRef[p]!;
        if (original && isBareSurname(index, entity, text, hit)) {
          // A bare surname is someone else's when another first name stands before it ("Dana Witkoff"), and so are
          // the bare ones after it ("Witkoff says"), until the story's own person is named in full again.
          if (hasForeignFirstName(original.text, original.map.at(hit.start))) {
            namesakeAt.set(entity, hit.start);
            continue;
          }
          if ((namesakeAt.get(entity) ?? -1) > (fullNameAt.get(entity) ?? -1)) continue;
        } else if (original) fullNameAt.set(entity, hit.start);
        entities.push({ start: hit.start, end: hit.end, entity, sure: true });
        continue;
      }
    }
    const sure = new Set<number>();
    const unsure = new Set<number>();
    let talksFlags = -1;
    for (const p of hit.payloads) {
      const kind = index.payloadKind[p];
      if (kind === PAYLOAD_TALKS) talksFlags = Math.max(talksFlags, index.payloadFlags[p]!);
      else if (kind === PAYLOAD_ENTITY) {
        if (index.payloadFlags[p]! & FLAG_AMBIGUOUS) unsure.add(index.payloadRef[p]!);
        else sure.add(index.payloadRef[p]!);
      }
      // Exclude payloads win the span and mark nothing.
    }
    if (talksFlags >= 0) {
      talks.push({ start: hit.start, end: hit.end, specific: (talksFlags & FLAG_SPECIFIC) !== 0 });
    } else if (sure.size === 1 && unsure.size === 0) {
      entities.push({ start: hit.start, end: hit.end, entity: [...sure][0]!, sure: true });
    } else if (sure.size + unsure.size > 0) {
      pending.push({ hit, candidates: [...new Set([...sure, ...unsure])] });
    }
  }
  if (pending.length === 0) return { entities, talks };

  const paragraphs = paragraphSpans(text);
  const sure = entities.slice();
  // One pass in text order: the last position each entity was named, and a cursor into the sure marks, so each
  // ambiguous hit costs only its own paragraph (pages with thousands of bare surnames stay linear).
  const lastNamedAt = new Map<number, number>();
  let cursor = 0;
  for (const { hit, candidates } of pending) {
    while (cursor < sure.length && sure[cursor]!.start < hit.start) {
      lastNamedAt.set(sure[cursor]!.entity, sure[cursor]!.start);
      cursor++;
    }
    if (original && hasForeignFirstName(original.text, original.map.at(hit.start))) continue;
    const generation = candidates.length > 1 ? generationBefore(text, hit.start) : undefined;
    const resolved = resolveOne(index, hit, candidates, { sure, lastNamedAt, talks, paragraphs }, context, generation);
    if (resolved >= 0) entities.push({ start: hit.start, end: hit.end, entity: resolved, sure: false });
  }
  entities.sort((a, b) => a.start - b.start);
  return { entities, talks };
}

interface PageMarks {
  /** Sorted by start. */
  sure: readonly EntityMark[];
  lastNamedAt: ReadonlyMap<number, number>;
  talks: readonly TalksMark[];
  paragraphs: Span[];
}

/** Index of the first mark starting at or after `pos` (marks sorted by start). */
function firstAtOrAfter<T extends { start: number }>(marks: readonly T[], pos: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Generation = 'elder' | 'younger' | 'late';
const GENERATION_BEFORE = /(?:^|[^\p{L}\p{N}])(elder|older|younger|late)\s$/u;

/** "the elder Khamenei", "the late Khamenei", "the younger Khamenei": the word right before a bare surname. */
function generationBefore(text: string, start: number): Generation | undefined {
  const m = GENERATION_BEFORE.exec(text.slice(Math.max(0, start - 9), start));
  if (!m) return undefined;
  return m[1] === 'late' ? 'late' : m[1] === 'younger' ? 'younger' : 'elder';
}

/** Whether all of `a`'s dated roles ended by the time all of `b`'s began (a father succeeded by his son). */
function precedes(a: IndexedEntity, b: IndexedEntity): boolean {
  const ends = a.roles.filter((r) => r.from !== undefined || r.to !== undefined);
  const starts = b.roles.filter((r) => r.from !== undefined || r.to !== undefined);
  if (ends.length === 0 || starts.length === 0 || ends.some((r) => r.to === undefined) || starts.some((r) => r.from === undefined)) {
    return false;
  }
  const lastEnd = ends.reduce((m, r) => (r.to! > m ? r.to! : m), '');
  return starts.every((r) => lastEnd <= r.from!);
}

/**
 * The namesake a generation word points to, from the pack's dated roles alone (the pack says nothing of birth
 * dates or deaths): "the elder" is the one whose roles all ended before every other's began, "the younger" the one
 * who came after all the others, "the late" the only one whose roles had all ended by the article's date. -1 when
 * the roles do not tell.
 */
function byGeneration(index: MatcherIndex, candidates: readonly number[], generation: Generation, date: string | undefined): number {
  const people = candidates.map((c) => index.entities[c]!);
  let fits: number[];
  if (generation === 'late') {
    fits = candidates.filter((_, i) => {
      const dated = people[i]!.roles.filter((r) => r.from !== undefined || r.to !== undefined);
      return dated.length > 0 && dated.every((r) => r.to !== undefined && (date === undefined || r.to <= date));
    });
  } else {
    fits = candidates.filter((_, i) =>
      people.every((other, j) => j === i || (generation === 'elder' ? precedes(people[i]!, other) : precedes(other, people[i]!))));
  }
  return fits.length === 1 ? fits[0]! : -1;
}

function resolveOne(
  index: MatcherIndex,
  hit: AliasHit,
  candidates: number[],
  page: PageMarks,
  context: ScanContext,
  generation?: Generation,
): number {
  // 1. The full name earlier on the page: between several named namesakes the one in office on the article's
  // date ("Mojtaba Khamenei … after Ali Khamenei was killed … Khamenei, 56"), else the most recently named. "The
  // elder Khamenei" after his son was named is the father, named or not.
  const named = candidates.filter((c) => page.lastNamedAt.has(c));
  const older = generation === undefined ? -1 : byGeneration(index, candidates, generation, context.date);
  if (named.length > 0) {
    if (older >= 0) return older;
    const date = context.date;
    const inOffice = date === undefined ? [] : named.filter((c) => hasDatedRoleOn(index.entities[c]!, date));
    if (inOffice.length === 1) return inOffice[0]!;
    return named.reduce((a, b) => (page.lastNamedAt.get(b)! > page.lastNamedAt.get(a)! ? b : a));
  }

  // 2. Story context in the same paragraph: other names, or the talks.
  const para = paragraphOf(page.paragraphs, hit.start);
  if (!para) return -1;
  const nearby = new Set<number>();
  for (let k = firstAtOrAfter(page.sure, para.start); k < page.sure.length && page.sure[k]!.start < para.end; k++) {
    const m = page.sure[k]!;
    if (!candidates.includes(m.entity)) nearby.add(m.entity);
    if (nearby.size >= NEARBY_NAMES_NEEDED) break;
  }
  const t = page.talks[firstAtOrAfter(page.talks, para.start)];
  const talksNearby = t !== undefined && t.end <= para.end;
  if (nearby.size + (talksNearby ? 1 : 0) < NEARBY_NAMES_NEEDED) return -1;

  // 3. Between namesakes, the one a generation word points to, else the one holding a dated role on the date.
  if (candidates.length === 1) return candidates[0]!;
  if (older >= 0) return older;
  if (!context.date) return -1;
  const date = context.date;
  const active = candidates.filter((c) => hasDatedRoleOn(index.entities[c]!, date));
  return active.length === 1 ? active[0]! : -1;
}
