/**
 * The time-free data behind the freshness wording: the article against a card's facts, the popup's latest held round
 * and what is pending after it, and each source's facts date. (Which pending round is ahead or past is the UI's call.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCardData } from '@/utils/kb/card-data';
import { getLatestRound } from '@/utils/kb/latest-round';
import { importPack } from '@/utils/kb/import-pack';
import { listSources } from '@/utils/kb/list-sources';
import type { KbDatabase } from '@/utils/kb/db';
import type { Round, StoryPack } from '@/utils/model/pack';
import { freshKb, smallPack } from './kb-test-helpers';

let db: KbDatabase;
afterEach(async () => {
  await db.delete();
});

/** The small pack (asOf 2026-03-01): round 1 held on 10 Jan, round 2 held on 6–7 Feb but only reported, strikes on 28 Feb. */
function packWith(...extra: Round[]): StoryPack {
  const pack = smallPack();
  pack.rounds.push(...extra);
  return pack;
}

const plannedRound = (id: string, dateStart: string, venue: string): Round => ({
  id,
  label: `Round (${venue})`,
  track: 'mid-track',
  type: 'round',
  dateStart,
  venue,
  places: [],
  mediators: [],
  delegations: [],
  status: 'planned',
  sources: ['wire-1'],
});

describe('the article against a card’s facts', () => {
  beforeEach(async () => {
    db = freshKb();
    await importPack(db, packWith(plannedRound('round-3', '2026-03-20', 'Doha')), 'bundled');
  });

  it('an older article: the confirmed rounds held since (not the reported one), key events, the latest round', async () => {
    for (const req of [
      { kind: 'person' as const, id: 'ana-north' },
      { kind: 'figure' as const, id: 'deaths' },
      { kind: 'round' as const, id: 'round-2' },
      { kind: 'talks' as const, id: 'talks' },
    ]) {
      const card = await getCardData(db, { ...req, date: '2026-01-05' });
      expect(card?.article, req.kind).toEqual({
        date: '2026-01-05',
        newer: false,
        since: { rounds: 1, events: 1, latest: { label: 'Round 1 (Muscat)', venue: 'Muscat', dateStart: '2026-01-10' } },
      });
    }
  });

  it('an article of the asOf day: nothing since; a day later: newer than the facts', async () => {
    expect((await getCardData(db, { kind: 'person', id: 'ana-north', date: '2026-03-01' }))?.article).toEqual({
      date: '2026-03-01',
      newer: false,
      since: { rounds: 0, events: 0 },
    });
    expect((await getCardData(db, { kind: 'person', id: 'bo-south', date: '2026-03-02' }))?.article).toEqual({ date: '2026-03-02', newer: true });
  });

  it('no article date (or a malformed one): no statement about the article', async () => {
    expect(await getCardData(db, { kind: 'person', id: 'ana-north' })).not.toHaveProperty('article');
    expect(await getCardData(db, { kind: 'person', id: 'ana-north', date: '2026-1-5' })).not.toHaveProperty('article');
  });
});

describe('the popup’s rounds', () => {
  it('the newest round, the latest held one apart from it, and every round pending after it, oldest first', async () => {
    db = freshKb();
    await importPack(db, packWith(plannedRound('round-4', '2026-04-10', 'Rome'), plannedRound('round-3', '2026-03-20', 'Doha')), 'bundled');
    const view = await getLatestRound(db);
    expect(view?.round.id).toBe('round-4');
    expect(view?.held?.id).toBe('round-2');
    expect(view?.pending).toEqual([
      { id: 'round-3', label: 'Round (Doha)', dateStart: '2026-03-20', venue: 'Doha', status: 'planned' },
      { id: 'round-4', label: 'Round (Rome)', dateStart: '2026-04-10', venue: 'Rome', status: 'planned' },
    ]);
  });

  it('no separate held round when the newest one was held, and nothing pending', async () => {
    db = freshKb();
    await importPack(db, smallPack(), 'bundled');
    const view = await getLatestRound(db);
    expect(view?.round.id).toBe('round-2');
    expect(view).not.toHaveProperty('held');
    expect(view?.pending).toEqual([]);
  });
});

describe('each source’s facts date', () => {
  it('is its story pack’s asOf; a feed’s reported pack gives it none', async () => {
    db = freshKb();
    await importPack(db, smallPack(), 'bundled');
    await db.sourceConfigs.put({ id: 'feed-a', kind: 'feed', url: 'https://a.example/rss', title: 'A feed', enabled: true, intervalMinutes: 30 });
    const reported = { ...smallPack(), id: 'reported-feed-a', asOf: '2026-12-07', entities: [], rounds: [], figures: [], positions: [], tracks: [] };
    await importPack(db, reported, 'feed-a');
    const list = await listSources(db);
    expect(list.find((s) => s.id === 'bundled')?.asOf).toBe('2026-03-01');
    expect(list.find((s) => s.id === 'feed-a')).not.toHaveProperty('asOf');
  });
});
