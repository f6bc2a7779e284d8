/**
 * "What changed since you last looked" for the popup: the ids of rounds, claims, positions and articles are
 * compared with a snapshot kept in the `seen` table, taken when the popup was last opened with `markSeen`.
 */
import type { KbDatabase } from '../kb/db';
import { getActivePacks } from '../kb/active-packs';
import { firstOfEach } from '../kb/reported-packs';
import { toSafeLink } from '../pack/safe-url';
import type { ArticleView, ChangesView } from '../messaging/views';

export const SEEN_KEY = 'whats-new';
const MAX_ITEMS = 20;

interface Snapshot {
  rounds: string[];
  claims: string[];
  positions: string[];
  articles: string[];
}

function isSnapshot(value: unknown): value is Snapshot {
  const v = value as Partial<Snapshot> | undefined;
  return Array.isArray(v?.rounds) && Array.isArray(v.claims) && Array.isArray(v.positions) && Array.isArray(v.articles);
}

export async function whatsNew(db: KbDatabase, markSeen: boolean, now: number): Promise<ChangesView> {
  const tables = [db.packs, db.sourceConfigs, db.rounds, db.figures, db.positions, db.issues, db.entities, db.articles, db.seen];
  return db.transaction(markSeen ? 'rw' : 'r', tables, async () => {
    const active = await getActivePacks(db);
    const [rounds, figures, positions, issues, articles, configs, seenRow] = await Promise.all([
      db.rounds.toArray(),
      db.figures.toArray(),
      db.positions.toArray(),
      db.issues.toArray(),
      db.articles.orderBy('date').reverse().limit(500).toArray(),
      db.sourceConfigs.toArray(),
      db.seen.get(SEEN_KEY),
    ]);
    const inUse = <T extends { packId: string }>(rows: T[]) => rows.filter((r) => active.has(r.packId));
    const current: Snapshot = {
      rounds: inUse(rounds).map((r) => `${r.packId}|${r.id}`),
      claims: inUse(figures).flatMap((f) => f.claims.map((c) => `${f.packId}|${f.id}|${c.id}`)),
      positions: inUse(positions).map((p) => `${p.packId}|${p.party}|${p.issue}|${p.date}`),
      articles: articles.map((a) => a.id ?? a.url),
    };
    const previous = isSnapshot(seenRow?.value) ? seenRow.value : undefined;
    if (markSeen) await db.seen.put({ key: SEEN_KEY, value: current, at: now });
    if (!previous) return { rounds: [], claims: [], positions: [], articles: [] };

    const seen = {
      rounds: new Set(previous.rounds),
      claims: new Set(previous.claims),
      positions: new Set(previous.positions),
      articles: new Set(previous.articles),
    };
    const entityNames = new Map<string, string>();
    const partyIds = new Set(inUse(positions).map((p) => p.party));
    if (partyIds.size > 0) {
      for (const e of await db.entities.where('id').anyOf([...partyIds]).toArray()) entityNames.set(e.id, e.name);
    }
    const issueLabel = new Map(issues.map((i) => [i.id, i.label]));
    const titleOf = new Map(configs.map((c) => [c.id, c.title]));
    const newArticles: ArticleView[] = [];
    for (const a of articles) {
      if (seen.articles.has(a.id ?? a.url) || newArticles.length >= MAX_ITEMS) continue;
      const link = toSafeLink(a.url);
      if (!link) continue;
      newArticles.push({ id: a.id ?? a.url, title: a.title, url: link.url, host: link.host, ...(a.date ? { date: a.date } : {}), sourceTitle: titleOf.get(a.sourceId) ?? '' });
    }
    return {
      since: seenRow!.at,
      rounds: firstOfEach(inUse(rounds), (r) => r.id)
        .filter((r) => !seen.rounds.has(`${r.packId}|${r.id}`))
        .sort((a, b) => b.dateStart.localeCompare(a.dateStart))
        .slice(0, MAX_ITEMS)
        .map((r) => ({ id: r.id, label: r.label, dateStart: r.dateStart, ...(r.reported ? { reported: true } : {}) })),
      claims: firstOfEach(inUse(figures).flatMap((f) => f.claims.map((c) => ({ f, c }))), ({ f, c }) => `${f.id}|${c.id}`)
        .filter(({ f, c }) => !seen.claims.has(`${f.packId}|${f.id}|${c.id}`))
        .sort((a, b) => b.c.asOf.localeCompare(a.c.asOf))
        .slice(0, MAX_ITEMS)
        .map(({ f, c }) => ({
          figureId: f.id,
          figureLabel: f.label,
          claimant: c.claimant,
          value: c.value !== undefined ? c.value.toLocaleString('en') : `${c.low?.toLocaleString('en') ?? '…'}–${c.high?.toLocaleString('en') ?? '…'}`,
          asOf: c.asOf,
          ...(c.reported ? { reported: true } : {}),
        })),
      positions: inUse(positions)
        .filter((p) => !seen.positions.has(`${p.packId}|${p.party}|${p.issue}|${p.date}`))
        .sort((a, b) => b.date.localeCompare(a.date))
        .slice(0, MAX_ITEMS)
        .map((p) => ({ party: entityNames.get(p.party) ?? p.party, issue: issueLabel.get(p.issue) ?? p.issue, stance: p.stance, date: p.date })),
      articles: newArticles,
    };
  });
}
