import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCardData, pickRole } from '@/utils/kb/card-data';
import { getLatestRound } from '@/utils/kb/latest-round';
import { importPack } from '@/utils/kb/import-pack';
import type { KbDatabase } from '@/utils/kb/db';
import type { EntityCardData, FigureCardData, RoundCardData } from '@/utils/messaging/views';
import { freshKb, smallPack } from './kb-test-helpers';

let db: KbDatabase;
beforeEach(async () => {
  db = freshKb();
  const pack = smallPack();
  // A hostile source URL: it must never reach a view.
  pack.sources.push({ id: 'evil', url: 'javascript:alert(1)', publisher: 'Evil', tier: 'outlet' });
  pack.entities[0]!.sources.push('evil');
  await importPack(db, pack, 'bundled');
});
afterEach(async () => {
  await db.delete();
});

describe('entity card', () => {
  it('shows the role held on the article date, side label, deduped aliases, positions and rounds', async () => {
    const card = (await getCardData(db, { kind: 'person', id: 'ana-north', date: '2025-03-01' })) as EntityCardData;
    expect(card).toMatchObject({
      type: 'entity',
      name: 'Ana North',
      role: 'Deputy envoy',
      side: 'North',
      aliases: ['North', 'A. North'],
      asOf: '2026-03-01',
      packTitle: 'Test talks',
      reportUrl: 'https://example.org/report',
      coverage: [],
    });
    expect(card.positions).toEqual([
      { issue: 'Enrichment', stance: 'Zero enrichment.', date: '2026-01-10', sources: [expect.objectContaining({ host: 'wire.example.com' })] },
      { issue: 'Sanctions', stance: 'Relief after verification.', date: '2026-02-06', reported: true, sources: [expect.objectContaining({ publisher: 'Example News' })] },
    ]);
    expect(card.rounds.map((r) => r.id)).toEqual(['round-1', 'round-2']);
  });

  it('without a date shows the current role; drops non-http(s) sources', async () => {
    const card = (await getCardData(db, { kind: 'person', id: 'ana-north' })) as EntityCardData;
    expect(card.role).toBe('Chief envoy');
    expect(card.sources.map((s) => s.publisher)).toEqual(['Example Wire', 'Example News']);
    expect(card.sources.every((s) => /^https?:/.test(s.url))).toBe(true);
  });

  it('lists rounds where the entity was a delegation member or mediator', async () => {
    const agency = (await getCardData(db, { kind: 'org', id: 'agency' })) as EntityCardData;
    expect(agency.rounds.map((r) => r.id)).toEqual(['round-2']);
    expect(agency.sources[0]).toMatchObject({ url: 'http://localhost:8080/feed', host: 'localhost' });
    const mediator = (await getCardData(db, { kind: 'person', id: 'cy-mid' })) as EntityCardData;
    expect(mediator.rounds.map((r) => r.id)).toEqual(['round-1', 'round-2']);
    expect(mediator.role).toBeUndefined();
  });

  it('lists the newest feed articles naming the entity as coverage, http(s) only, one per URL', async () => {
    const article = (id: string, url: string, date: string, entityIds: string[]) =>
      ({ id: `feed|${id}`, sourceId: 'feed', url, title: `Title ${id}`, date, summary: '', entityIds });
    await db.articles.bulkPut([
      article('old', 'https://a.example/old', '2026-01-01T10:00:00Z', ['ana-north']),
      article('new', 'https://b.example/new', '2026-02-07T10:00:00Z', ['ana-north', 'bo-south']),
      article('dup', 'https://b.example/new', '2026-02-06T10:00:00Z', ['ana-north']),
      article('evil', 'javascript:alert(1)', '2026-03-01T10:00:00Z', ['ana-north']),
      article('mid', 'https://c.example/mid', '2026-02-01T10:00:00Z', ['ana-north']),
      article('later', 'https://d.example/x', '2026-01-15T10:00:00Z', ['ana-north']),
      article('other', 'https://e.example/x', '2026-03-01T10:00:00Z', ['bo-south']),
    ]);
    const card = (await getCardData(db, { kind: 'person', id: 'ana-north' })) as EntityCardData;
    expect(card.coverage).toEqual([
      { title: 'Title new', url: 'https://b.example/new', host: 'b.example', date: '2026-02-07' },
      { title: 'Title mid', url: 'https://c.example/mid', host: 'c.example', date: '2026-02-01' },
      { title: 'Title later', url: 'https://d.example/x', host: 'd.example', date: '2026-01-15' },
    ]);
  });

  it('ignores a page date that is not YYYY-MM-DD', async () => {
    const card = (await getCardData(db, { kind: 'person', id: 'ana-north', date: '<b>2025</b>' })) as EntityCardData;
    expect(card.role).toBe('Chief envoy');
  });

  it('returns null for an unknown id', async () => {
    expect(await getCardData(db, { kind: 'person', id: 'nobody' })).toBeNull();
  });
});

describe('round card', () => {
  it('resolves mediators and delegations and marks the round in a date-sorted timeline', async () => {
    const card = (await getCardData(db, { kind: 'round', id: 'round-2' })) as RoundCardData;
    expect(card).toMatchObject({
      type: 'round',
      general: false,
      label: 'Round 2 (Geneva)',
      dateEnd: '2026-02-07',
      format: 'mixed',
      mediators: ['Cy Mid'],
      delegations: [
        { side: 'North', head: 'Ana North', members: [] },
        { side: 'South', head: 'Bo South', members: ['Test Agency'] },
      ],
      nextStep: 'Experts meet in Vienna.',
      reported: true,
    });
    expect(card.timeline.map((t) => [t.id, t.current])).toEqual([
      ['round-1', false],
      ['round-2', true],
      ['strike', false],
    ]);
    expect(card.sources.map((s) => s.publisher)).toEqual(['Example News', 'Example Wire']);
  });

  it('the talks in general mean the latest negotiating round, not a later event', async () => {
    const card = (await getCardData(db, { kind: 'talks', id: 'talks' })) as RoundCardData;
    expect(card).toMatchObject({ id: 'round-2', general: true });
    expect((await getLatestRound(db))?.round).toEqual(card);
  });

  it('has no latest round in an empty KB', async () => {
    const empty = freshKb();
    expect(await getLatestRound(empty)).toBeNull();
    expect(await getCardData(empty, { kind: 'talks', id: 'talks' })).toBeNull();
    await empty.delete();
  });
});

describe('figure card', () => {
  it('shows every claim and which one the article matched', async () => {
    const card = (await getCardData(db, { kind: 'figure', id: 'deaths', claimId: 'ngo', value: 6000 })) as FigureCardData;
    expect(card).toMatchObject({ type: 'figure', label: 'Deaths in the crackdown', unit: 'people killed', articleValue: 6000 });
    expect(card.claims).toEqual([
      expect.objectContaining({ id: 'gov', value: 3117, bound: 'exact', matched: false }),
      expect.objectContaining({ id: 'ngo', low: 5000, high: 7000, note: 'Counted by name.', reported: true, matched: true }),
    ]);
    expect(card.claims[0]).not.toHaveProperty('low');
  });
});

describe('pickRole', () => {
  const roles = [
    { title: 'Old', from: '2020-01-01', to: '2021-01-01', sources: [] },
    { title: 'Current', from: '2022-01-01', sources: [] },
  ];
  it('picks by date, the open role without one, nothing when none was held', () => {
    expect(pickRole(roles, '2020-06-01')?.title).toBe('Old');
    expect(pickRole(roles)?.title).toBe('Current');
    expect(pickRole(roles, '2021-06-01')).toBeUndefined();
  });
});
