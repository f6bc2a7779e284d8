/**
 * Spotting new rounds and new figure claims in feed items (DESIGN.md, "Knowledge model": feed items are "used for
 * spotting new rounds and new figure claims, which are shown as *reported* (from a feed) until a pack confirms
 * them"). Pure: the mention engine finds the places, the talks and the numbers; a few word lists say what happened.
 * The result is a synthetic story pack (`reported-<sourceId>`) that the KB stores like any other, so cards, the
 * timeline and the popup show reported rounds and claims without a second code path.
 */
import { readNumbers } from '../figures/read-number';
import { findRounds } from '../matcher/find-rounds';
import { matchMentions, SCAN_WATCH } from '../matcher/match-mentions';
import { resolveEntities } from '../matcher/resolve-entities';
import { scanAliases } from '../matcher/scan-aliases';
import { normalizeForScan } from '../text/normalize';
import { paragraphSpans } from '../text/segments';
import type { MatcherIndex } from '../matcher/matcher-index';
import type { Mention } from '../model/mention';
import type { Bound, Claim, Figure, Id, Round, RoundStatus, Source, StoryPack } from '../model/pack';
import { PACK_FORMAT } from '../model/pack';

export { REPORTED_PACK_PREFIX, isReportedPackId } from '../kb/reported-packs';
import { REPORTED_PACK_PREFIX } from '../kb/reported-packs';
/** A pack round this close (in days) to a reported one, at the same place, confirms it. */
export const CONFIRM_WINDOW_DAYS = 3;

export function reportedPackId(sourceId: string): string {
  return `${REPORTED_PACK_PREFIX}${sourceId}`;
}

/** A stored feed item, as the extraction needs it. */
export interface ReportedInput {
  url: string;
  title: string;
  summary?: string;
  /** ISO 8601. */
  date?: string;
}

/** What the packs (not the feeds) already say: reported items matching these are confirmed and left out. */
export interface PackFacts {
  rounds: readonly Pick<Round, 'id' | 'type' | 'dateStart' | 'places'>[];
  figures: readonly Pick<Figure, 'id' | 'label' | 'unit' | 'recognise' | 'claims'>[];
}

export interface ArticleMentions {
  entityIds: Id[];
  roundIds: Id[];
}

const ENTITY_KINDS = new Set(['person', 'org', 'place', 'event', 'term']);

/** The entities and rounds an item's title and summary mention (for "latest coverage" on cards). */
export function articleMentions(index: MatcherIndex, item: ReportedInput): ArticleMentions {
  const mentions = mentionsOf(index, item);
  const entityIds = [...new Set(mentions.filter((m) => ENTITY_KINDS.has(m.kind)).map((m) => m.id))];
  const roundIds = [...new Set(mentions.filter((m) => m.kind === 'round').map((m) => m.id))];
  return { entityIds, roundIds };
}

function itemText(item: ReportedInput): string {
  return item.summary ? `${item.title}.\n\n${item.summary}` : item.title;
}

function mentionsOf(index: MatcherIndex, item: ReportedInput): Mention[] {
  const date = dayOf(item.date);
  return matchMentions(index, itemText(item), date ? { date } : {});
}

function dayOf(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const time = Date.parse(date);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / DAY_MS;
}

// Word lists for what happened to a round; the first that matches wins, in this order.
const CANCELLED = /\b(collapse[sd]?|collapsing|cancel(?:l?ed|s)?|called off|calls off|scrapped|scraps|break(?:s)? down|broke down|abandon(?:ed|s)?|walk(?:s|ed)? out)\b/i;
const POSTPONED = /\b(postpone[sd]?|delay(?:ed|s)?|put off|pushed back)\b/i;
const PLANNED = /\b(will|to (?:hold|meet|resume|begin|start|open)|set to|scheduled|planned|next week|to be held|agree(?:d|s)? to meet|upcoming|expected to)\b/i;

export function roundStatusOf(text: string): RoundStatus {
  if (CANCELLED.test(text)) return 'cancelled';
  if (POSTPONED.test(text)) return 'postponed';
  if (PLANNED.test(text)) return 'planned';
  return 'held';
}

/** The headline and the summary's first sentence: where a news item says what it announces. */
function leadOf(item: ReportedInput): string {
  const summary = item.summary?.trim() ?? '';
  const first = /^[\s\S]*?[.!?](?=\s|$)/.exec(summary)?.[0] ?? summary;
  return first ? `${item.title}.\n\n${first}` : item.title;
}

/**
 * The places and whether the talks are named in a headline. Uses the engine's stages rather than `matchMentions`,
 * whose overlap rule lets "talks in Geneva" (a round mention) swallow the place, and whose page gate is meant for
 * whole articles: here a talks phrase that names the story ("US-Iran nuclear talks"), or any talks phrase next to a
 * core name, is enough.
 */
export function readLead(index: MatcherIndex, text: string, date: string): { talks: boolean; places: { id: Id; name: string }[] } {
  const scan = normalizeForScan(text, { scratch: true, watch: SCAN_WATCH });
  const { text: normalized, map, words } = scan;
  const hits = scanAliases(index, { ...scan, original: text });
  const { entities, talks } = resolveEntities(index, hits, normalized, { date }, { text, map });
  const rounds = findRounds(index, normalized, entities, talks, { date }, paragraphSpans(normalized), words);
  const core = entities.some((m) => m.sure && index.entities[m.entity]!.core);
  const named = talks.some((t) => t.specific) || ((talks.length > 0 || rounds.length > 0) && core);
  const places: { id: Id; name: string }[] = [];
  for (const m of entities) {
    const e = index.entities[m.entity]!;
    if (e.kind !== 'place' || places.some((p) => p.id === e.id)) continue;
    // A venue, not a government named by its capital ("Tehran said"): "in/at/to Geneva", "Geneva talks".
    const before = normalized.slice(Math.max(0, m.start - 16), m.start);
    const after = normalized.slice(m.end, m.end + 24);
    if (VENUE_BEFORE.test(before) || VENUE_AFTER.test(after)) places.push({ id: e.id, name: e.name });
  }
  return { talks: named, places };
}

const VENUE_BEFORE = /\b(in|at|to|hosts?|hosted by|venue)\s+(the\s+)?$/;
const VENUE_AFTER = /^[\s,]*(talks|round|negotiations|meeting|summit)\b/;

function sameDayPlace(a: { dateStart: string; places: readonly Id[] }, b: { dateStart: string; places: readonly Id[] }): boolean {
  return a.places.some((p) => b.places.includes(p)) && daysApart(a.dateStart, b.dateStart) <= CONFIRM_WINDOW_DAYS;
}

/** A pack round (type round, same place, within ±3 days) confirms a reported round. */
export function isRoundConfirmed(round: Pick<Round, 'dateStart' | 'places'>, facts: PackFacts): boolean {
  return facts.rounds.some((r) => r.type === 'round' && sameDayPlace(round, r));
}

function claimValues(c: Pick<Claim, 'value' | 'low' | 'high'>): number[] {
  return [c.value, c.low, c.high].filter((v): v is number => v !== undefined);
}

/** A pack claim of the same figure stating the same number confirms (or already holds) a reported claim. */
export function isClaimConfirmed(figureId: Id, value: number, facts: PackFacts): boolean {
  const figure = facts.figures.find((f) => f.id === figureId);
  return figure?.claims.some((c) => !c.reported && claimValues(c).includes(value)) ?? false;
}

interface DraftRound {
  dateStart: string;
  places: Id[];
  venue: string;
  status: RoundStatus;
  latest: string;
  sources: Id[];
}

interface DraftClaim {
  figureId: Id;
  claimant: string;
  claimantEntity?: Id;
  value: number;
  bound: Bound;
  asOf: string;
  sources: Id[];
}

export interface ReportedOptions {
  sourceId: string;
  /** The feed's title: the claimant when no one is named, and the publisher of the reported facts. */
  feedTitle: string;
  /** Epoch ms: the synthetic pack's "as of". */
  now: number;
}

/** Bounds read from the words around a number ("more than 7,000"). */
function boundOf(text: string): Bound {
  return readNumbers(text)[0]?.bound ?? 'exact';
}

/** The sentence of `text` around `offset`. */
function sentenceAround(text: string, offset: number): [number, number] {
  let start = offset;
  while (start > 0 && !/[.!?\n]/.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && !/[.!?\n]/.test(text[end]!)) end++;
  return [start, end];
}

/**
 * The synthetic pack of what a feed reports and no pack confirms yet, or null when there is nothing to report.
 * Items are read newest first; one reported round per place and ±3 days, its status taken from the newest item.
 */
export function extractReported(
  index: MatcherIndex,
  items: readonly ReportedInput[],
  facts: PackFacts,
  options: ReportedOptions,
): StoryPack | null {
  const sources: Source[] = [];
  const sourceIdOf = new Map<string, Id>();
  const cite = (item: ReportedInput, day: string): Id => {
    let id = sourceIdOf.get(item.url);
    if (!id) {
      id = `item-${sources.length + 1}`;
      sourceIdOf.set(item.url, id);
      sources.push({ id, url: item.url, publisher: options.feedTitle, date: day, title: item.title.slice(0, 300), tier: 'outlet' });
    }
    return id;
  };
  const rounds: DraftRound[] = [];
  const claims: DraftClaim[] = [];
  const sorted = [...items].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));

  for (const item of sorted) {
    const day = dayOf(item.date);
    if (!day) continue;
    const lead = leadOf(item);
    const { talks: aboutTalks, places } = readLead(index, lead, day);
    if (aboutTalks && places.length > 0) {
      const placeIds = [...new Set(places.map((m) => m.id))];
      const draft = { dateStart: day, places: placeIds };
      if (!isRoundConfirmed(draft, facts)) {
        const same = rounds.find((r) => sameDayPlace(r, draft));
        const source = cite(item, day);
        if (same) {
          // Newest first: the first item seen set the status; older ones may move the start earlier.
          if (day < same.dateStart) same.dateStart = day;
          same.sources.push(source);
        } else {
          const venue = places.map((p) => p.name).join(', ');
          rounds.push({ dateStart: day, places: placeIds, venue, status: roundStatusOf(lead), latest: day, sources: [source] });
        }
      }
    }

    const text = itemText(item);
    const mentions = matchMentions(index, text, { date: day });
    for (const m of mentions) {
      if (m.kind !== 'figure' || m.value === undefined || !Number.isFinite(m.value)) continue;
      if (isClaimConfirmed(m.id, m.value, facts)) continue;
      if (claims.some((c) => c.figureId === m.id && c.value === m.value)) continue;
      const [from, to] = sentenceAround(text, m.start);
      const named = mentions.find((n) => (n.kind === 'person' || n.kind === 'org') && n.start >= from && n.end <= to);
      claims.push({
        figureId: m.id,
        claimant: named?.label ?? options.feedTitle,
        ...(named ? { claimantEntity: named.id } : {}),
        value: m.value,
        bound: boundOf(m.text),
        asOf: day,
        sources: [cite(item, day)],
      });
    }
  }

  if (rounds.length === 0 && claims.length === 0) return null;
  const figures: Figure[] = [];
  for (const claim of claims) {
    const base = facts.figures.find((f) => f.id === claim.figureId);
    if (!base) continue;
    let figure = figures.find((f) => f.id === base.id);
    if (!figure) {
      figure = { id: base.id, label: base.label, unit: base.unit, recognise: base.recognise, claims: [] };
      figures.push(figure);
    }
    figure.claims.push({
      id: `reported-${claim.value}-${claim.asOf}`.replace(/[^a-z0-9-]/g, '-'),
      claimant: claim.claimant,
      ...(claim.claimantEntity ? { claimantEntity: claim.claimantEntity } : {}),
      value: claim.value,
      bound: claim.bound,
      qualifier: 'unconfirmed',
      asOf: claim.asOf,
      reported: true,
      sources: claim.sources,
    });
  }
  const packRounds: Round[] = rounds
    .sort((a, b) => a.dateStart.localeCompare(b.dateStart))
    .map((r) => ({
      id: `reported-${r.dateStart}-${r.places[0]}`,
      // The `reported` flag, not the label, says it is unconfirmed: every view marks it.
      label: `Talks in ${r.venue}`,
      track: 'reported',
      type: 'round',
      dateStart: r.dateStart,
      venue: r.venue,
      places: r.places,
      mediators: [],
      delegations: [],
      status: r.status,
      reported: true,
      sources: r.sources,
    }));
  const today = new Date(options.now).toISOString().slice(0, 10);
  return {
    format: PACK_FORMAT,
    id: reportedPackId(options.sourceId),
    version: '0.0.0',
    title: `Reported by ${options.feedTitle}`,
    asOf: today,
    description: 'Rounds and figures reported in this feed and not yet confirmed by a story pack.',
    reportUrl: '',
    talks: { label: 'Reported talks', phrases: [] },
    sides: [],
    sources,
    entities: [],
    tracks: [{ id: 'reported', label: 'Reported in feeds', mediators: [], from: packRounds[0]?.dateStart ?? today, sources: [] }],
    rounds: packRounds,
    figures,
    issues: [],
    positions: [],
  };
}

/** A stored reported pack without what the packs now confirm; null when nothing is left. */
export function pruneReported(pack: StoryPack, facts: PackFacts): StoryPack | null {
  const rounds = pack.rounds.filter((r) => !isRoundConfirmed(r, facts));
  const figures = pack.figures
    .map((f) => ({ ...f, claims: f.claims.filter((c) => c.value === undefined || !isClaimConfirmed(f.id, c.value, facts)) }))
    .filter((f) => f.claims.length > 0);
  if (rounds.length === 0 && figures.length === 0) return null;
  return { ...pack, rounds, figures };
}
