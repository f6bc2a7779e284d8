/**
 * Validates untrusted pack data (format 1) and builds a fresh, clean StoryPack from it. Reports every problem
 * with its JSON path and a plain-words reason, e.g. `rounds[3].dateStart: "2026-02-30" is not a date (YYYY-MM-DD)`.
 * Unknown keys are dropped with a warning; `__proto__`, `constructor` and `prototype` keys are never copied.
 * Pure: no DOM, no `browser.*`, no code generation.
 */
import type {
  Alias,
  Bound,
  Claim,
  Delegation,
  Entity,
  EntityKind,
  Figure,
  FigureRecognition,
  Issue,
  Position,
  Qualifier,
  Role,
  Round,
  RoundStatus,
  Salience,
  Side,
  Source,
  SourceTier,
  StoryPack,
  TalksFormat,
  TalksTerms,
  Track,
} from '../model/pack';
import { PACK_FORMAT } from '../model/pack';
import { CheckContext, defined, joinPath, show, type Fields, type RefTarget } from './check-context';
import { PACK_LIMITS } from './pack-limits';
import { isAllowedReportUrl, isAllowedSourceUrl } from './safe-url';

export type PackValidation =
  | { ok: true; pack: StoryPack; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

const TIERS: readonly SourceTier[] = ['wire', 'outlet', 'state-media', 'official', 'rights-group', 'aggregator'];
const ENTITY_KINDS: readonly EntityKind[] = ['person', 'org', 'place', 'event', 'term'];
const SALIENCE: readonly Salience[] = ['core', 'context'];
const STATUSES: readonly RoundStatus[] = ['planned', 'held', 'postponed', 'cancelled'];
const FORMATS: readonly TalksFormat[] = ['direct', 'indirect', 'mixed'];
const ROUND_TYPES: readonly Round['type'][] = ['round', 'event'];
const BOUNDS: readonly Bound[] = ['exact', 'about', 'more-than', 'at-least', 'up-to'];
const QUALIFIERS: readonly Qualifier[] = [
  'official',
  'confirmed',
  'verified',
  'estimate',
  'projection',
  'under-investigation',
  'unconfirmed',
];

const VERSION_PATTERN = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
const LANG_PATTERN = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/;
const SCRIPT_PATTERN = /^[A-Z][a-z]{3}$/;
const WIKIDATA_PATTERN = /^Q[1-9]\d*$/;

type Check<T> = (path: string, value: unknown) => T | undefined;

/** Small check builders over one context, so each field below reads as one line. */
function checks(ctx: CheckContext) {
  const text = (nonEmpty = false): Check<string> => (p, v) => ctx.string(p, v, { nonEmpty });
  const pattern = (re: RegExp, what: string): Check<string> => (p, v) => {
    const s = ctx.string(p, v, { max: PACK_LIMITS.idChars });
    if (s === undefined) return undefined;
    return re.test(s) ? s : ctx.error(p, `${show(s)} is not ${what}`);
  };
  const id: Check<string> = (p, v) => ctx.id(p, v);
  const date: Check<string> = (p, v) => ctx.date(p, v);
  const bool: Check<boolean> = (p, v) => ctx.boolean(p, v);
  const ref = (target: RefTarget): Check<string> => (p, v) => ctx.ref(p, v, target);
  const refs = (target: RefTarget): Check<string[]> => (p, v) => ctx.refList(p, v, target);
  const oneOf = <T extends string>(allowed: readonly T[]): Check<T> => (p, v) => ctx.oneOf(p, v, allowed);
  const num = (opts: { min?: number; integer?: boolean } = {}): Check<number> => (p, v) => ctx.number(p, v, opts);
  const list = <T>(item: Check<T>, max: number = PACK_LIMITS.listItems): Check<T[]> => (p, v) =>
    ctx.list(p, v, max, item);
  const words: Check<string[]> = list(text(true));
  return { text, pattern, id, date, bool, ref, refs, oneOf, num, list, words };
}

/** Reports `later` before `earlier` as an error on the later field. */
function checkOrder(ctx: CheckContext, f: Fields, earlierKey: string, earlier?: string, laterKey?: string, later?: string) {
  if (earlier !== undefined && later !== undefined && laterKey && later < earlier) {
    ctx.error(f.at(laterKey), `${show(later)} is before ${earlierKey} ${show(earlier)}`);
  }
}

export function validatePack(input: unknown): PackValidation {
  const ctx = new CheckContext();
  const c = checks(ctx);

  const source: Check<Source> = (path, value) => {
    const f = ctx.object(path, value, ['id', 'url', 'publisher', 'date', 'title', 'tier']);
    if (!f) return undefined;
    const url = f.req('url', (p, v) => {
      const s = ctx.string(p, v, { nonEmpty: true });
      if (s === undefined) return undefined;
      if (isAllowedSourceUrl(s)) return s;
      return ctx.error(p, /^http:/i.test(s) ? `${show(s)} must be https (plain http only for localhost)` : `${show(s)} is not an https URL`);
    });
    return defined<Source>({
      id: f.req('id', c.id)!,
      url: url!,
      publisher: f.req('publisher', c.text(true))!,
      date: f.opt('date', c.date),
      title: f.opt('title', c.text()),
      tier: f.req('tier', c.oneOf(TIERS))!,
    });
  };

  const alias: Check<Alias> = (path, value) => {
    const f = ctx.object(path, value, ['text', 'lang', 'script', 'ambiguous', 'caseSensitive']);
    if (!f) return undefined;
    return defined<Alias>({
      text: f.req('text', c.text(true))!,
      lang: f.opt('lang', c.pattern(LANG_PATTERN, 'a language tag such as "en" or "fa"')),
      script: f.opt('script', c.pattern(SCRIPT_PATTERN, 'a script code such as "Latn" or "Arab"')),
      ambiguous: f.opt('ambiguous', c.bool),
      caseSensitive: f.opt('caseSensitive', c.bool),
    });
  };

  const role: Check<Role> = (path, value) => {
    const f = ctx.object(path, value, ['title', 'from', 'to', 'phrases', 'sources']);
    if (!f) return undefined;
    const from = f.opt('from', c.date);
    const to = f.opt('to', c.date);
    checkOrder(ctx, f, 'from', from, 'to', to);
    return defined<Role>({
      title: f.req('title', c.text(true))!,
      from,
      to,
      phrases: f.opt('phrases', c.list(alias)),
      sources: f.req('sources', c.refs('sources'))!,
    });
  };

  const entity: Check<Entity> = (path, value) => {
    const f = ctx.object(path, value, [
      'id', 'kind', 'name', 'aliases', 'roles', 'side', 'summary', 'salience', 'excludes', 'wikidata', 'sources',
    ]);
    if (!f) return undefined;
    return defined<Entity>({
      id: f.req('id', c.id)!,
      kind: f.req('kind', c.oneOf(ENTITY_KINDS))!,
      name: f.req('name', c.text(true))!,
      aliases: f.req('aliases', c.list(alias))!,
      roles: f.req('roles', c.list(role))!,
      side: f.opt('side', c.ref('sides')),
      summary: f.req('summary', c.text())!,
      salience: f.req('salience', c.oneOf(SALIENCE))!,
      excludes: f.opt('excludes', c.words),
      wikidata: f.opt('wikidata', c.pattern(WIKIDATA_PATTERN, 'a Wikidata id such as "Q123"')),
      sources: f.req('sources', c.refs('sources'))!,
    });
  };

  const side: Check<Side> = (path, value) => {
    const f = ctx.object(path, value, ['id', 'label']);
    return f && { id: f.req('id', c.id)!, label: f.req('label', c.text(true))! };
  };

  const track: Check<Track> = (path, value) => {
    const f = ctx.object(path, value, ['id', 'label', 'mediators', 'from', 'to', 'sources']);
    if (!f) return undefined;
    const from = f.req('from', c.date);
    const to = f.opt('to', c.date);
    checkOrder(ctx, f, 'from', from, 'to', to);
    return defined<Track>({
      id: f.req('id', c.id)!,
      label: f.req('label', c.text(true))!,
      mediators: f.req('mediators', c.refs('entities'))!,
      from: from!,
      to,
      sources: f.req('sources', c.refs('sources'))!,
    });
  };

  const delegation: Check<Delegation> = (path, value) => {
    const f = ctx.object(path, value, ['side', 'head', 'members']);
    if (!f) return undefined;
    return {
      side: f.req('side', c.ref('sides'))!,
      head: f.req('head', c.ref('entities'))!,
      members: f.req('members', c.refs('entities'))!,
    };
  };

  const round: Check<Round> = (path, value) => {
    const f = ctx.object(path, value, [
      'id', 'label', 'track', 'ordinal', 'type', 'dateStart', 'dateEnd', 'venue', 'places', 'aliases', 'format',
      'mediators', 'delegations', 'status', 'outcome', 'nextStep', 'reported', 'sources',
    ]);
    if (!f) return undefined;
    const dateStart = f.req('dateStart', c.date);
    const dateEnd = f.opt('dateEnd', c.date);
    checkOrder(ctx, f, 'dateStart', dateStart, 'dateEnd', dateEnd);
    return defined<Round>({
      id: f.req('id', c.id)!,
      label: f.req('label', c.text(true))!,
      track: f.req('track', c.ref('tracks'))!,
      ordinal: f.opt('ordinal', c.num({ min: 1, integer: true })),
      type: f.req('type', c.oneOf(ROUND_TYPES))!,
      dateStart: dateStart!,
      dateEnd,
      venue: f.req('venue', c.text())!,
      places: f.req('places', c.refs('entities'))!,
      aliases: f.opt('aliases', c.list(alias)),
      format: f.opt('format', c.oneOf(FORMATS)),
      mediators: f.req('mediators', c.refs('entities'))!,
      delegations: f.req('delegations', c.list(delegation))!,
      status: f.req('status', c.oneOf(STATUSES))!,
      outcome: f.opt('outcome', c.text()),
      nextStep: f.opt('nextStep', c.text()),
      reported: f.opt('reported', c.bool),
      sources: f.req('sources', c.refs('sources'))!,
    });
  };

  const claim: Check<Claim> = (path, value) => {
    const f = ctx.object(path, value, [
      'id', 'claimant', 'claimantEntity', 'value', 'low', 'high', 'bound', 'qualifier', 'asOf', 'note', 'reported',
      'sources',
    ]);
    if (!f) return undefined;
    const amount = c.num({ min: 0 });
    const v = f.opt('value', amount);
    const low = f.opt('low', amount);
    const high = f.opt('high', amount);
    const note = f.opt('note', c.text(true));
    if (!f.has('value') && !f.has('low') && !f.has('high') && !f.has('note')) {
      ctx.error(path, 'a claim needs a value, a low/high range or a note');
    }
    if (f.has('value') && (f.has('low') || f.has('high'))) ctx.error(path, 'has both a value and a low/high range');
    if (low !== undefined && high !== undefined && high < low) ctx.error(f.at('high'), `${high} is below low ${low}`);
    return defined<Claim>({
      id: f.req('id', c.id)!,
      claimant: f.req('claimant', c.text(true))!,
      claimantEntity: f.opt('claimantEntity', c.ref('entities')),
      value: v,
      low,
      high,
      bound: f.req('bound', c.oneOf(BOUNDS))!,
      qualifier: f.opt('qualifier', c.oneOf(QUALIFIERS)),
      asOf: f.req('asOf', c.date)!,
      note,
      reported: f.opt('reported', c.bool),
      sources: f.req('sources', c.refs('sources'))!,
    });
  };

  const recognition: Check<FigureRecognition> = (path, value) => {
    const f = ctx.object(path, value, ['measureWords', 'topicWords', 'min', 'max', 'unitWords']);
    if (!f) return undefined;
    const min = f.req('min', c.num({ min: 0 }));
    const max = f.req('max', c.num({ min: 0 }));
    if (min !== undefined && max !== undefined && max < min) ctx.error(f.at('max'), `${max} is below min ${min}`);
    return defined<FigureRecognition>({
      measureWords: f.req('measureWords', c.words)!,
      topicWords: f.req('topicWords', c.words)!,
      min: min!,
      max: max!,
      unitWords: f.opt('unitWords', c.words),
    });
  };

  const figure: Check<Figure> = (path, value) => {
    const f = ctx.object(path, value, ['id', 'label', 'unit', 'recognise', 'claims']);
    if (!f) return undefined;
    const claims = f.req('claims', c.list(claim));
    ctx.unique(f.at('claims'), claims);
    return {
      id: f.req('id', c.id)!,
      label: f.req('label', c.text(true))!,
      unit: f.req('unit', c.text(true))!,
      recognise: f.req('recognise', recognition)!,
      claims: claims!,
    };
  };

  const issue: Check<Issue> = (path, value) => {
    const f = ctx.object(path, value, ['id', 'label', 'summary']);
    if (!f) return undefined;
    return defined<Issue>({ id: f.req('id', c.id)!, label: f.req('label', c.text(true))!, summary: f.opt('summary', c.text()) });
  };

  const position: Check<Position> = (path, value) => {
    const f = ctx.object(path, value, ['party', 'issue', 'stance', 'date', 'reported', 'sources']);
    if (!f) return undefined;
    return defined<Position>({
      party: f.req('party', c.ref('parties'))!,
      issue: f.req('issue', c.ref('issues'))!,
      stance: f.req('stance', c.text(true))!,
      date: f.req('date', c.date)!,
      reported: f.opt('reported', c.bool),
      sources: f.req('sources', c.refs('sources'))!,
    });
  };

  const talks: Check<TalksTerms> = (path, value) => {
    const f = ctx.object(path, value, ['label', 'phrases', 'anchors']);
    if (!f) return undefined;
    const anchors = f.opt('anchors', c.refs('sides'));
    return { label: f.req('label', c.text(true))!, phrases: f.req('phrases', c.words)!, ...(anchors ? { anchors } : {}) };
  };

  const top = ctx.object(
    '',
    input,
    ['format', 'id', 'version', 'title', 'asOf', 'description', 'reportUrl', 'talks', 'sides', 'sources', 'entities',
      'tracks', 'rounds', 'figures', 'issues', 'positions'],
    ['$schema'],
  );
  if (!top) return { ok: false, errors: ctx.errors, warnings: ctx.warnings };

  const format = top.req('format', (p, v) =>
    v === PACK_FORMAT ? PACK_FORMAT : ctx.error(p, `${show(v)} is not a supported pack format (this version reads format ${PACK_FORMAT})`),
  );
  if (format === undefined) return { ok: false, errors: ctx.errors, warnings: ctx.warnings }; // a different format: field checks would only mislead

  const collection = <T>(key: string, item: Check<T>): T[] | undefined =>
    top.req(key, c.list(item, PACK_LIMITS.collectionItems));

  const pack = {
    format,
    id: top.req('id', c.id)!,
    version: top.req('version', c.pattern(VERSION_PATTERN, 'a version such as "1.2.0"'))!,
    title: top.req('title', c.text(true))!,
    asOf: top.req('asOf', c.date)!,
    description: top.req('description', c.text())!,
    reportUrl: top.req('reportUrl', (p, v) => {
      const s = ctx.string(p, v, { nonEmpty: true });
      if (s === undefined) return undefined;
      return isAllowedReportUrl(s) ? s : ctx.error(p, `${show(s)} is not an https or mailto: address for reporting a wrong fact`);
    })!,
    talks: top.req('talks', talks)!,
    sides: collection('sides', side)!,
    sources: collection('sources', source)!,
    entities: collection('entities', entity)!,
    tracks: collection('tracks', track)!,
    rounds: collection('rounds', round)!,
    figures: collection('figures', figure)!,
    issues: collection('issues', issue)!,
    positions: collection('positions', position)!,
  } satisfies StoryPack;

  const ids: Record<RefTarget, Set<string>> = {
    sides: ctx.unique('sides', pack.sides),
    sources: ctx.unique('sources', pack.sources),
    entities: ctx.unique('entities', pack.entities),
    tracks: ctx.unique('tracks', pack.tracks),
    issues: ctx.unique('issues', pack.issues),
    parties: new Set<string>(),
  };
  ctx.unique('rounds', pack.rounds);
  ctx.unique('figures', pack.figures);
  // A position's party may be a person/organisation or a whole side.
  ids.parties = new Set([...ids.entities, ...ids.sides]);

  const targetWords: Record<RefTarget, string> = {
    sides: 'side',
    sources: 'source',
    entities: 'entity',
    tracks: 'track',
    issues: 'issue',
    parties: 'entity or side',
  };
  for (const ref of ctx.refs) {
    // Only references inside collections that were read (a missing collection is already an error).
    if (pack[ref.target === 'parties' ? 'entities' : ref.target] === undefined) continue;
    if (!ids[ref.target].has(ref.id)) ctx.error(ref.path, `${show(ref.id)} is not the id of any ${targetWords[ref.target]} in this pack`);
  }
  warnPlaceKinds(ctx, pack.rounds, pack.entities);

  if (ctx.errors.length > 0) return { ok: false, errors: ctx.errors, warnings: ctx.warnings };
  return { ok: true, pack, warnings: ctx.warnings };
}

/** `places` are meant to be place entities; another kind is allowed but probably a slip. */
function warnPlaceKinds(ctx: CheckContext, rounds: readonly Round[] | undefined, entities: readonly Entity[] | undefined) {
  if (!rounds || !entities) return;
  const kindOf = new Map(entities.map((e) => [e.id, e.kind]));
  rounds.forEach((r, i) =>
    r.places?.forEach((id, j) => {
      const kind = kindOf.get(id);
      const path = joinPath(joinPath(ctx.pathOf(r, `rounds[${i}]`), 'places'), j);
      if (kind && kind !== 'place') ctx.warn(path, `${show(id)} is a ${kind}, not a place`);
    }),
  );
}
