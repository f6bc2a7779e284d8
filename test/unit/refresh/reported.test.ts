import { describe, expect, it } from 'vitest';
import { articleMentions, extractReported, pruneReported, roundStatusOf } from '@/utils/refresh/reported';
import { bundledIndex, bundledPack } from './helpers';

const pack = bundledPack();
const facts = { rounds: pack.rounds, figures: pack.figures };
const opts = { sourceId: 'src-1', feedTitle: 'Talks Desk', now: Date.parse('2026-07-20T00:00:00Z') };

describe('extractReported', () => {
  it('turns a headline announcing a new round into a reported round', () => {
    const out = extractReported(
      bundledIndex,
      [{ url: 'https://desk.example/geneva-3', title: 'Third round of US-Iran nuclear talks opens in Geneva', date: '2026-07-14T09:00:00Z' }],
      facts,
      opts,
    );
    expect(out?.rounds).toHaveLength(1);
    const round = out!.rounds[0]!;
    expect(round).toMatchObject({ type: 'round', reported: true, status: 'held', dateStart: '2026-07-14', places: ['geneva'] });
    expect(round.venue).toContain('Geneva');
    expect(out!.sources[0]).toMatchObject({ url: 'https://desk.example/geneva-3', publisher: 'Talks Desk' });
  });

  it('reads the status from the words: collapse, planned', () => {
    expect(roundStatusOf('US-Iran talks in Islamabad collapse')).toBe('cancelled');
    expect(roundStatusOf('Iran and US to hold talks in Doha next week')).toBe('planned');
    expect(roundStatusOf('Talks postponed')).toBe('postponed');
    expect(roundStatusOf('Negotiators met in Geneva')).toBe('held');
    const out = extractReported(
      bundledIndex,
      [{ url: 'https://desk.example/isb', title: 'US-Iran nuclear talks in Islamabad collapse', date: '2026-07-16T09:00:00Z' }],
      facts,
      opts,
    );
    expect(out?.rounds[0]).toMatchObject({ status: 'cancelled', places: expect.arrayContaining(['islamabad']) });
  });

  it('leaves out a round the pack already has (same place, within 3 days)', () => {
    const out = extractReported(
      bundledIndex,
      [{ url: 'https://desk.example/isb-1', title: 'US-Iran nuclear talks open in Islamabad', date: '2026-04-11T09:00:00Z' }],
      facts,
      opts,
    );
    expect(out?.rounds ?? []).toHaveLength(0);
  });

  it('merges items about the same round and keeps the newest status', () => {
    const out = extractReported(
      bundledIndex,
      [
        { url: 'https://desk.example/a', title: 'US and Iran to hold nuclear talks in Geneva', date: '2026-07-12T09:00:00Z' },
        { url: 'https://desk.example/b', title: 'US-Iran nuclear talks in Geneva collapse', date: '2026-07-14T09:00:00Z' },
      ],
      facts,
      opts,
    );
    expect(out?.rounds).toHaveLength(1);
    expect(out!.rounds[0]).toMatchObject({ dateStart: '2026-07-12', status: 'cancelled' });
    expect(out!.rounds[0]!.sources).toHaveLength(2);
  });

  it('turns a new number for a disputed figure into a reported claim, claimant from the sentence', () => {
    const out = extractReported(
      bundledIndex,
      [
        {
          url: 'https://desk.example/toll',
          title: 'Death toll of the protest crackdown rises to 7,450, HRANA says',
          summary: 'The rights group HRANA says at least 7,450 protesters were killed in the crackdown.',
          date: '2026-07-15T09:00:00Z',
        },
      ],
      facts,
      opts,
    );
    const figure = out?.figures.find((f) => f.id === 'protest-death-toll');
    expect(figure?.claims).toHaveLength(1);
    expect(figure!.claims[0]).toMatchObject({ value: 7450, reported: true, asOf: '2026-07-15' });
    expect(figure!.claims[0]!.claimant).toMatch(/HRANA|Human Rights Activists/);
  });

  it('does not report a number a pack claim already states, nor unrelated headlines', () => {
    const out = extractReported(
      bundledIndex,
      [
        { url: 'https://desk.example/old', title: 'Protest crackdown death toll reaches 7,002, HRANA says', date: '2026-07-15T09:00:00Z' },
        { url: 'https://desk.example/travel', title: 'Ten things to do in Geneva this summer', date: '2026-07-15T09:00:00Z' },
      ],
      facts,
      opts,
    );
    expect(out).toBeNull();
  });

  it('a pack that later confirms the round or the claim prunes it', () => {
    const out = extractReported(
      bundledIndex,
      [{ url: 'https://desk.example/geneva-3', title: 'Third round of US-Iran nuclear talks opens in Geneva', date: '2026-07-14T09:00:00Z' }],
      facts,
      opts,
    )!;
    const confirmed = { ...facts, rounds: [...facts.rounds, { id: 'r-new', type: 'round' as const, dateStart: '2026-07-15', places: ['geneva'] }] };
    expect(pruneReported(out, confirmed)).toBeNull();
    expect(pruneReported(out, facts)?.rounds).toHaveLength(1);
  });
});

describe('articleMentions', () => {
  it('finds the entities an item names', () => {
    const found = articleMentions(bundledIndex, {
      url: 'https://desk.example/x',
      title: 'Araghchi and Witkoff meet in Muscat for nuclear talks',
      date: '2026-07-14T09:00:00Z',
    });
    expect(found.entityIds).toEqual(expect.arrayContaining(['abbas-araghchi', 'muscat']));
  });
});
