/**
 * Builds the card view models (utils/messaging/views.ts) from the KB. Every link goes through `toSafeLink`, so a
 * source with a non-http(s) URL never reaches a view; every other string stays data, rendered as text.
 */
import type { Claim, Id, IsoDate, Role } from '../model/pack';
import type { MentionKind } from '../model/mention';
import type {
  CardCommon,
  CardData,
  ClaimView,
  EntityCardData,
  FigureCardData,
  RoundCardData,
  SourceLink,
  TimelineItem,
} from '../messaging/views';
import { toSafeLink, toSafeReportUrl } from '../pack/safe-url';
import { getActivePacks } from './active-packs';
import type { KbDatabase } from './db';
import type { ArticleRow, EntityRow, FigureRow, PackInfoRow, RoundRow, SourceRow } from './records';
import { isReportedPackId, storyPacksFirst, timelineRounds } from './reported-packs';
import { articleContext } from '../model/freshness';

interface CardRequest {
  kind: MentionKind;
  id: string;
  claimId?: string;
  /** The article's date, `YYYY-MM-DD`: roles are those held then. */
  date?: string;
  /** Figures: the number read from the article. */
  value?: number;
}

/** One pack's sources by id, turned into safe links on demand. */
class SourceLinker {
  private constructor(private readonly byId: ReadonlyMap<Id, SourceRow>) {}

  /** Reads only the sources the card cites. */
  static async forIds(db: KbDatabase, packId: Id, ...idLists: readonly (readonly Id[])[]): Promise<SourceLinker> {
    const ids = [...new Set(idLists.flat())];
    const rows = await db.sources.bulkGet(ids.map((id): [string, string] => [packId, id]));
    return new SourceLinker(new Map(rows.filter((r): r is SourceRow => r !== undefined).map((row) => [row.id, row])));
  }

  links(...idLists: readonly (readonly Id[])[]): SourceLink[] {
    const seen = new Set<Id>();
    const out: SourceLink[] = [];
    for (const id of idLists.flat()) {
      if (seen.has(id)) continue;
      seen.add(id);
      const source = this.byId.get(id);
      const link = source && toSafeLink(source.url);
      if (!source || !link) continue;
      out.push({ url: link.url, host: link.host, publisher: source.publisher, date: source.date, tier: source.tier });
    }
    return out;
  }
}

function common(info: PackInfoRow, sources: SourceLink[]): CardCommon {
  const reportUrl = toSafeReportUrl(info.reportUrl);
  return { asOf: info.asOf, packTitle: info.title, ...(reportUrl ? { reportUrl } : {}), sources };
}

/** The role held on `date`; without a date the current (open-ended) or most recently started one. */
export function pickRole(roles: readonly Role[], date?: IsoDate): Role | undefined {
  const held = date ? roles.filter((r) => (!r.from || r.from <= date) && (!r.to || r.to >= date)) : [...roles];
  // Latest end first (open-ended counts as latest), then latest start.
  return held.sort((a, b) => (b.to ?? '9999').localeCompare(a.to ?? '9999') || (b.from ?? '').localeCompare(a.from ?? ''))[0];
}

async function entityCard(db: KbDatabase, info: PackInfoRow, entity: EntityRow, date?: string): Promise<EntityCardData> {
  const packId = info.id;
  const role = pickRole(entity.roles, date);
  const [positions, issues, rounds, articles] = await Promise.all([
    db.positions.where('[packId+party]').equals([packId, entity.id]).toArray(),
    db.issues.where('packId').equals(packId).toArray(),
    db.rounds.where('packId').equals(packId).toArray(),
    db.articles.where('entityIds').equals(entity.id).toArray(),
  ]);
  const linker = await SourceLinker.forIds(db, packId, entity.sources, role?.sources ?? [], ...positions.map((p) => p.sources));
  const issueLabel = new Map(issues.map((i) => [i.id, i.label]));
  const aliases = [...new Set(entity.aliases.map((a) => a.text))].filter((text) => text !== entity.name);
  const tookPart = rounds
    .filter(
      (r) =>
        r.mediators.includes(entity.id) ||
        r.delegations.some((d) => d.head === entity.id || d.members.includes(entity.id)),
    )
    .sort(byDate);
  return {
    type: 'entity',
    ...common(info, linker.links(entity.sources, role?.sources ?? [])),
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    aliases,
    ...(role ? { role: role.title } : {}),
    ...(entity.side !== undefined ? { side: info.sides.find((s) => s.id === entity.side)?.label ?? entity.side } : {}),
    summary: entity.summary,
    positions: positions
      .sort((a, b) => a.date.localeCompare(b.date) || a.ord - b.ord)
      .map((p) => ({
        issue: issueLabel.get(p.issue) ?? p.issue,
        stance: p.stance,
        date: p.date,
        ...(p.reported ? { reported: true } : {}),
        sources: linker.links(p.sources),
      })),
    rounds: tookPart.map((r) => ({ id: r.id, label: r.label, dateStart: r.dateStart })),
    coverage: latestCoverage(articles),
  };
}

/** How many recent articles an entity card lists. */
const COVERAGE_ITEMS = 3;

/** The newest feed articles naming the entity, http(s) links only, one per URL. */
function latestCoverage(articles: readonly ArticleRow[]): EntityCardData['coverage'] {
  const seen = new Set<string>();
  const out: EntityCardData['coverage'] = [];
  for (const article of [...articles].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id))) {
    const link = toSafeLink(article.url);
    if (!link || seen.has(link.url)) continue;
    seen.add(link.url);
    const date = /^\d{4}-\d{2}-\d{2}/.exec(article.date)?.[0];
    out.push({ title: article.title, url: link.url, host: link.host, ...(date ? { date } : {}) });
    if (out.length === COVERAGE_ITEMS) break;
  }
  return out;
}

function byDate(a: RoundRow, b: RoundRow): number {
  return a.dateStart.localeCompare(b.dateStart) || a.ord - b.ord;
}

async function roundCard(db: KbDatabase, info: PackInfoRow, round: RoundRow, general: boolean): Promise<RoundCardData> {
  const packId = info.id;
  const [linker, rounds, entities] = await Promise.all([
    SourceLinker.forIds(db, packId, round.sources),
    timelineRounds(db, packId),
    db.entities
      .where('[packId+id]')
      .anyOf(
        [...round.mediators, ...round.delegations.flatMap((d) => [d.head, ...d.members])].map((id) => [packId, id]),
      )
      .toArray(),
  ]);
  const nameOf = new Map(entities.map((e) => [e.id, e.name]));
  const name = (id: Id): string => nameOf.get(id) ?? id;
  const sideLabel = new Map(info.sides.map((s) => [s.id, s.label]));
  const timeline: TimelineItem[] = rounds.sort(byDate).map((r) => ({
    id: r.id,
    label: r.label,
    dateStart: r.dateStart,
    status: r.status,
    type: r.type,
    ...(r.reported ? { reported: true } : {}),
    current: r.id === round.id,
  }));
  return {
    type: 'round',
    ...common(info, linker.links(round.sources)),
    id: round.id,
    general,
    label: round.label,
    dateStart: round.dateStart,
    ...(round.dateEnd ? { dateEnd: round.dateEnd } : {}),
    venue: round.venue,
    ...(round.format ? { format: round.format } : {}),
    mediators: round.mediators.map(name),
    delegations: round.delegations.map((d) => ({
      side: sideLabel.get(d.side) ?? d.side,
      head: name(d.head),
      members: d.members.map(name),
    })),
    status: round.status,
    ...(round.outcome ? { outcome: round.outcome } : {}),
    ...(round.nextStep ? { nextStep: round.nextStep } : {}),
    ...(round.reported ? { reported: true } : {}),
    timeline,
  };
}

/** The negotiating round (not event) with the latest start date across the active packs. */
export async function findLatestRound(db: KbDatabase, active: ReadonlySet<string>): Promise<RoundRow | undefined> {
  let latest: RoundRow | undefined;
  await db.rounds
    .orderBy('dateStart')
    .reverse()
    .until(() => latest !== undefined)
    .each((r) => {
      if (r.type === 'round' && !latest && active.has(r.packId)) latest = r;
    });
  return latest;
}

export async function buildRoundCard(db: KbDatabase, round: RoundRow, general: boolean): Promise<RoundCardData | null> {
  const info = await db.packs.get(round.packId);
  return info ? roundCard(db, info, round, general) : null;
}

async function figureCard(
  db: KbDatabase,
  info: PackInfoRow,
  req: CardRequest,
  /** The same figure in active reported packs: their claims are listed too, marked reported. */
  reported: readonly FigureRow[] = [],
): Promise<FigureCardData | null> {
  const figure = await db.figures.get([info.id, req.id]);
  if (!figure) return null;
  const linker = await SourceLinker.forIds(db, info.id, ...figure.claims.map((c) => c.sources));
  const claims: ClaimView[] = figure.claims.map((c) => claimView(c, linker, req));
  const listed = new Set(figure.claims.map((c) => c.id));
  for (const row of reported) {
    // The same reported claim from a second feed is listed once.
    const fresh = row.claims.filter((c) => !listed.has(c.id));
    fresh.forEach((c) => listed.add(c.id));
    const rowLinker = await SourceLinker.forIds(db, row.packId, ...fresh.map((c) => c.sources));
    claims.push(...fresh.map((c) => ({ ...claimView(c, rowLinker, req), reported: true })));
  }
  return {
    type: 'figure',
    ...common(info, linker.links(...figure.claims.map((c) => c.sources))),
    id: figure.id,
    label: figure.label,
    unit: figure.unit,
    ...(req.value !== undefined && Number.isFinite(req.value) ? { articleValue: req.value } : {}),
    claims,
  };
}

function claimView(c: Claim, linker: SourceLinker, req: CardRequest): ClaimView {
  return {
    id: c.id,
    claimant: c.claimant,
    ...(c.value !== undefined ? { value: c.value } : {}),
    ...(c.low !== undefined ? { low: c.low } : {}),
    ...(c.high !== undefined ? { high: c.high } : {}),
    bound: c.bound,
    ...(c.qualifier ? { qualifier: c.qualifier } : {}),
    asOf: c.asOf,
    ...(c.note ? { note: c.note } : {}),
    ...(c.reported ? { reported: true } : {}),
    matched: c.id === req.claimId,
    sources: linker.links(c.sources),
  };
}

/** The row with this id in an active pack (ids are unique per pack; packs rarely overlap), and its pack. */
async function findById<R extends { packId: string }>(
  table: { where(index: string): { equals(v: string): { toArray(): Promise<R[]> } } },
  id: string,
  active: ReadonlyMap<string, PackInfoRow>,
): Promise<{ row: R; info: PackInfoRow } | null> {
  // Story packs first: a reported pack repeats a figure's id only to add claims to it.
  for (const row of (await table.where('id').equals(id).toArray()).sort(storyPacksFirst)) {
    const info = active.get(row.packId);
    if (info) return { row, info };
  }
  return null;
}

/** One read transaction per card: one consistent snapshot, and far fewer IndexedDB round trips than one per read. */
export async function getCardData(db: KbDatabase, req: CardRequest): Promise<CardData | null> {
  if (typeof req.id !== 'string') return null;
  const tables = [db.packs, db.sourceConfigs, db.sources, db.entities, db.rounds, db.figures, db.issues, db.positions, db.articles];
  return db.transaction('r', tables, () => readCardData(db, req));
}

/**
 * The card `build` makes, with the article against its facts: newer than their `asOf`, or what the story's timeline
 * has since it. The timeline is read alongside the card, not after it: a read transaction must never sit idle.
 */
async function withArticle<C extends CardData>(db: KbDatabase, info: PackInfoRow, build: Promise<C | null>, date: string | undefined): Promise<C | null> {
  const [card, timeline] = await Promise.all([build, date ? timelineRounds(db, info.id) : null]);
  if (!card || !date || !timeline) return card;
  return { ...card, article: articleContext(date, info.asOf, timeline) };
}

async function readCardData(db: KbDatabase, req: CardRequest): Promise<CardData | null> {
  const active = await getActivePacks(db);
  // The date comes from the page: anything but YYYY-MM-DD is ignored rather than compared.
  const date = typeof req.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(req.date) ? req.date : undefined;
  switch (req.kind) {
    case 'talks': {
      const latest = await findLatestRound(db, new Set(active.keys()));
      const info = latest && active.get(latest.packId);
      if (!latest || !info) return null;
      return withArticle(db, info, roundCard(db, info, latest, true), date);
    }
    case 'round': {
      const found = await findById<RoundRow>(db.rounds, req.id, active);
      return found ? withArticle(db, found.info, roundCard(db, found.info, found.row, false), date) : null;
    }
    case 'figure': {
      const found = await findById<FigureRow>(db.figures, req.id, active);
      if (!found) return null;
      const reported = (await db.figures.where('id').equals(req.id).toArray()).filter(
        (row) => row.packId !== found.info.id && isReportedPackId(row.packId) && active.has(row.packId),
      );
      return withArticle(db, found.info, figureCard(db, found.info, req, reported), date);
    }
    case 'person':
    case 'org':
    case 'place':
    case 'event':
    case 'term': {
      const found = await findById<EntityRow>(db.entities, req.id, active);
      return found ? withArticle(db, found.info, entityCard(db, found.info, found.row, date), date) : null;
    }
    default:
      return null;
  }
}
