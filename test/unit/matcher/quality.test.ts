/**
 * Quality on the labelled article set (test/fixtures/articles, built from inline labels by build-articles.ts):
 * precision and recall per kind group against the bundled pack, with the thresholds of the mention-engine issue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../utils/matcher/build-index';
import { matchMentions } from '../../../utils/matcher/match-mentions';
import type { Mention } from '../../../utils/model/mention';
import type { StoryPack } from '../../../utils/model/pack';
import { buildArticle, type ExpectedArticle, type ExpectedMention } from '../../fixtures/articles/build-articles';

const ROOT = resolve(import.meta.dirname, '../../..');
const ARTICLES = join(ROOT, 'test/fixtures/articles');
const pack = JSON.parse(readFileSync(join(ROOT, 'data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;
const index = buildIndex([pack]);

const NAME_KINDS = new Set(['person', 'org', 'place', 'event', 'term']);
const TALKS_KINDS = new Set(['talks', 'round']);
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

interface Tally { tp: number; predicted: number; expected: number; found: number; right: number; rightOf: number }
const tally = (): Tally => ({ tp: 0, predicted: 0, expected: 0, found: 0, right: 0, rightOf: 0 });
const names = tally();
const talks = tally();
const figures = tally();
const misses: string[] = [];
let unrelatedMarks = 0;
let articleCount = 0;

for (const file of readdirSync(ARTICLES).filter((f) => f.endsWith('.expected.json')).sort()) {
  const name = file.replace(/\.expected\.json$/, '');
  const expected = JSON.parse(readFileSync(join(ARTICLES, file), 'utf8')) as ExpectedArticle;
  const text = readFileSync(join(ARTICLES, `${name}.txt`), 'utf8').replace(/\n$/, '');
  const got = matchMentions(index, text, expected.date ? { date: expected.date } : {});
  articleCount++;
  if (expected.unrelated) {
    unrelatedMarks += got.length;
    for (const g of got) misses.push(`${name}: unexpected ${g.kind} ${g.id} "${g.text}"`);
    continue;
  }
  const show = (m: ExpectedMention | Mention) => `${m.kind} ${m.id} "${text.slice(m.start, m.end)}"@${m.start}`;

  const gotNames = got.filter((g) => NAME_KINDS.has(g.kind));
  const expNames = expected.mentions.filter((e) => NAME_KINDS.has(e.kind));
  const same = (a: ExpectedMention, b: Mention) => a.start === b.start && a.end === b.end && a.id === b.id;
  names.predicted += gotNames.length;
  names.expected += expNames.length;
  for (const g of gotNames) {
    if (expNames.some((e) => same(e, g))) names.tp++;
    else misses.push(`${name}: extra ${show(g)}`);
  }
  for (const e of expNames) {
    if (gotNames.some((g) => same(e, g))) names.found++;
    else misses.push(`${name}: missed ${show(e)}`);
  }

  for (const e of expected.mentions.filter((x) => TALKS_KINDS.has(x.kind))) {
    talks.expected++;
    const hit = got.find((g) => TALKS_KINDS.has(g.kind) && overlaps(g, e));
    if (hit) talks.found++;
    if (e.kind === 'round') {
      talks.rightOf++;
      if (hit?.kind === 'round' && hit.id === e.id) talks.right++;
    }
    if (!hit || hit.id !== e.id) misses.push(`${name}: expected ${show(e)}, got ${hit ? show(hit) : 'nothing'}`);
  }

  for (const e of expected.mentions.filter((x) => x.kind === 'figure')) {
    figures.expected++;
    figures.rightOf++;
    const hit = got.find((g) => g.kind === 'figure' && g.id === e.id && overlaps(g, e));
    if (hit) figures.found++;
    if (hit && hit.claimId === e.claimId) figures.right++;
    else misses.push(`${name}: expected ${show(e)} claim ${e.claimId}, got ${hit ? `${hit.claimId}` : 'nothing'}`);
  }
  figures.predicted += got.filter((g) => g.kind === 'figure').length;
  for (const g of got.filter((x) => x.kind === 'figure')) {
    if (!expected.mentions.some((e) => e.kind === 'figure' && overlaps(e, g))) misses.push(`${name}: extra ${show(g)}`);
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const nameP = ratio(names.tp, names.predicted);
const nameR = ratio(names.found, names.expected);
const talksR = ratio(talks.found, talks.expected);
const roundRight = ratio(talks.right, talks.rightOf);
const figureR = ratio(figures.found, figures.expected);
const claimRight = ratio(figures.right, figures.rightOf);

console.log([
  `Mention quality on ${articleCount} articles`,
  `group              labels  measure                  value    goal`,
  `people/orgs/places ${String(names.expected).padStart(6)}  precision                ${pct(nameP).padStart(6)}   >= 97%`,
  `                           recall                   ${pct(nameR).padStart(6)}   >= 95%`,
  `talks/rounds       ${String(talks.expected).padStart(6)}  recall                   ${pct(talksR).padStart(6)}   >= 85%`,
  `                           right round (${talks.rightOf} rounds)   ${pct(roundRight).padStart(6)}   >= 80%`,
  `figures            ${String(figures.expected).padStart(6)}  recall                   ${pct(figureR).padStart(6)}   >= 90%`,
  `                           right claim              ${pct(claimRight).padStart(6)}   >= 80%`,
  `unrelated pages            marks                    ${String(unrelatedMarks).padStart(6)}   0`,
  ...(misses.length > 0 ? ['differences:', ...misses.map((m) => `  ${m}`)] : []),
].join('\n'));

describe('mention quality on the labelled articles', () => {
  it('has a labelled set of at least 12 articles, unrelated pages included', () => {
    expect(articleCount).toBeGreaterThanOrEqual(12);
  });
  it('people, organisations and places: precision >= 0.97, recall >= 0.95', () => {
    expect(nameP).toBeGreaterThanOrEqual(0.97);
    expect(nameR).toBeGreaterThanOrEqual(0.95);
  });
  it('talks and rounds: recall >= 0.85, right round >= 0.8', () => {
    expect(talksR).toBeGreaterThanOrEqual(0.85);
    expect(roundRight).toBeGreaterThanOrEqual(0.8);
  });
  it('figures: recall >= 0.9, right claim >= 0.8', () => {
    expect(figureR).toBeGreaterThanOrEqual(0.9);
    expect(claimRight).toBeGreaterThanOrEqual(0.8);
  });
  it('has built files that match their labelled sources (rerun build-articles.ts after editing src/)', () => {
    for (const file of readdirSync(join(ARTICLES, 'src')).filter((f) => f.endsWith('.src.txt'))) {
      const name = file.replace(/\.src\.txt$/, '');
      const { text, expected } = buildArticle(readFileSync(join(ARTICLES, 'src', file), 'utf8'), pack);
      expect(readFileSync(join(ARTICLES, `${name}.txt`), 'utf8')).toBe(`${text}\n`);
      expect(JSON.parse(readFileSync(join(ARTICLES, `${name}.expected.json`), 'utf8'))).toEqual(expected);
    }
  });
  it('marks nothing on unrelated pages', () => {
    expect(unrelatedMarks).toBe(0);
  });
});
