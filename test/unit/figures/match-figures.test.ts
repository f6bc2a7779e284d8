import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../utils/matcher/build-index';
import { matchFigures } from '../../../utils/figures/match-figures';
import { normalizeForMatch } from '../../../utils/text/normalize';
import { miniPack } from '../matcher/mini-pack';
import type { StoryPack } from '../../../utils/model/pack';

const { figures } = buildIndex([miniPack]);

function hits(text: string) {
  const n = normalizeForMatch(text).text;
  return matchFigures(n, figures).map((h) => ({ text: n.slice(h.start, h.end), figure: figures[h.figure]!.id, claim: h.claimId, value: h.value }));
}

describe('matchFigures', () => {
  it('needs a measure word in the sentence and a topic word in the paragraph', () => {
    expect(hits('During the protests, more than 3,000 people were killed.')).toEqual([
      { text: 'more than 3,000', figure: 'protest-death-toll', claim: 'hrana-3000', value: 3000 },
    ]);
    expect(hits('More than 3,000 people were killed in the earthquake.')).toEqual([]);
    expect(hits('During the protests, 3,000 people marched. Many were killed.')).toEqual([]);
  });

  it('lets a claimant named in the sentence win over the closest value', () => {
    // 3,100 is closest to the government's 3,117, but HRANA is named.
    expect(hits('In the crackdown, HRANA says 3,100 were killed.')[0]!.claim).toBe('hrana-3000');
    expect(hits('In the crackdown, HRANA says 7,002 were killed.')[0]!.claim).toBe('hrana-7002');
    expect(hits('In the crackdown, officials say 3,100 were killed.')[0]!.claim).toBe('gov-3117');
  });

  it('knows a claimant by a shorter name ("the government" for the Iranian government)', () => {
    // 3,000 is HRANA's value exactly, but the government is named.
    expect(hits('In the crackdown, the government says 3,000 were killed.')[0]!.claim).toBe('gov-3117');
  });

  it('gives each number the claimant of its own clause when several are named in one sentence', () => {
    const got = hits('HRANA said 3,100 people were killed in the crackdown, while Iran International put it at 7,000.');
    expect(got.map((h) => h.claim)).toEqual(['hrana-3000', 'ii-12000']);
    const after = hits('In the crackdown 7,000 were killed, according to Iran International, and 3,100 according to HRANA, it said.');
    expect(after.map((h) => h.claim)).toEqual(['ii-12000', 'hrana-3000']);
  });

  it('keeps numbers outside the plausible range out', () => {
    expect(hits('In the protests, 12 people were killed.')).toEqual([]);
  });

  it('uses unit words and rejects percentages and foreign units', () => {
    expect(hits('The IAEA said the stockpile of enriched uranium reached 440.9kg, enriched to 60%.')).toEqual([
      { text: '440.9', figure: 'hue-stockpile-60', claim: 'iaea-4409', value: 440.9 },
    ]);
    expect(hits('The stockpile of enriched uranium has sat there for 400 days.')).toEqual([]);
  });

  it('reads vague amounts against ranged claims', () => {
    const [h] = hits('Rights groups say tens of thousands were killed in the crackdown.');
    expect(h).toMatchObject({ text: 'tens of thousands', figure: 'protest-death-toll', claim: 'ii-12000', value: undefined });
  });
});

describe('matchFigures with the bundled pack', () => {
  const pack = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;
  const bundled = buildIndex([pack]).figures;

  it('tells equally close figures apart by a year the sentence names before the article date', () => {
    const n = normalizeForMatch(
      "For the 12-day war of June 2025, the health ministry counted 627 dead; HRANA counted 1,190. For the war that began with the US-Israeli strikes of 28 February, the health ministry's last total is 1,444 killed.",
    ).text;
    const got = matchFigures(n, bundled, '2026-06-24').map((h) => [n.slice(h.start, h.end), bundled[h.figure]!.id]);
    expect(got).toEqual([
      ['627', 'war-2025-deaths-iran'],
      ['1,190', 'war-2025-deaths-iran'],
      ['1,444', 'war-2026-deaths-iran'],
    ]);
  });
});
