/**
 * Mention quality on the held-out article set (test/fixtures/articles-heldout): articles written after the engine
 * was tuned, labelled by hand, never used for tuning. Not part of `npm test`; run `npx tsx scripts/quality-heldout.ts`.
 *
 * Labels live inline in `src/*.src.txt` (same `[[id|text]]` / `[[figure-id#claim-id|text]]` format as
 * test/fixtures/articles/src); `--build` regenerates `NAME.txt` + `NAME.expected.json` from them with the fixture
 * builder. Scoring is copied from test/unit/matcher/quality.test.ts (which does not export it), unchanged in meaning.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildIndex } from '../utils/matcher/build-index';
import { matchMentions } from '../utils/matcher/match-mentions';
import type { Mention } from '../utils/model/mention';
import type { StoryPack } from '../utils/model/pack';
import { buildArticle, type ExpectedArticle, type ExpectedMention } from '../test/fixtures/articles/build-articles';

const ROOT = resolve(import.meta.dirname, '..');
const ARTICLES = join(ROOT, 'test/fixtures/articles-heldout');
const pack = JSON.parse(readFileSync(join(ROOT, 'data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;

// Built files must match their labelled sources; --build rewrites them.
const build = process.argv.includes('--build');
for (const file of readdirSync(join(ARTICLES, 'src')).filter((f) => f.endsWith('.src.txt')).sort()) {
  const name = file.replace(/\.src\.txt$/, '');
  const { text, expected } = buildArticle(readFileSync(join(ARTICLES, 'src', file), 'utf8'), pack);
  const txt = `${text}\n`;
  const json = `${JSON.stringify(expected, null, 2)}\n`;
  if (build) {
    writeFileSync(join(ARTICLES, `${name}.txt`), txt);
    writeFileSync(join(ARTICLES, `${name}.expected.json`), json);
  } else {
    const stale = (f: string, want: string) => { try { return readFileSync(f, 'utf8') !== want; } catch { return true; } };
    if (stale(join(ARTICLES, `${name}.txt`), txt) || stale(join(ARTICLES, `${name}.expected.json`), json)) {
      throw new Error(`${name}: built files differ from src; rerun with --build`);
    }
  }
}

// ---- scoring: as in test/unit/matcher/quality.test.ts ----
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

/** The line of the article around an offset, for reading the differences. */
const lineAt = (text: string, at: number) => {
  const from = text.lastIndexOf('\n', at - 1) + 1;
  const to = text.indexOf('\n', at);
  return text.slice(from, to < 0 ? undefined : to);
};

for (const file of readdirSync(ARTICLES).filter((f) => f.endsWith('.expected.json')).sort()) {
  const name = file.replace(/\.expected\.json$/, '');
  const expected = JSON.parse(readFileSync(join(ARTICLES, file), 'utf8')) as ExpectedArticle;
  const text = readFileSync(join(ARTICLES, `${name}.txt`), 'utf8').replace(/\n$/, '');
  const got = matchMentions(index, text, expected.date ? { date: expected.date } : {});
  articleCount++;
  const show = (m: ExpectedMention | Mention) =>
    `${m.kind} ${m.id} "${text.slice(m.start, m.end)}"@${m.start}\n      | ${lineAt(text, m.start)}`;
  if (expected.unrelated) {
    unrelatedMarks += got.length;
    for (const g of got) misses.push(`${name}: unexpected ${show(g)}`);
    continue;
  }

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
    if (!hit || hit.id !== e.id) misses.push(`${name}: expected ${show(e)}\n      got ${hit ? show(hit) : 'nothing'}`);
  }

  for (const e of expected.mentions.filter((x) => x.kind === 'figure')) {
    figures.expected++;
    figures.rightOf++;
    const hit = got.find((g) => g.kind === 'figure' && g.id === e.id && overlaps(g, e));
    if (hit) figures.found++;
    if (hit && hit.claimId === e.claimId) figures.right++;
    else misses.push(`${name}: expected ${show(e)}\n      claim ${e.claimId}, got ${hit ? `${hit.claimId}` : 'nothing'}`);
  }
  figures.predicted += got.filter((g) => g.kind === 'figure').length;
  for (const g of got.filter((x) => x.kind === 'figure')) {
    if (!expected.mentions.some((e) => e.kind === 'figure' && overlaps(e, g))) misses.push(`${name}: extra ${show(g)}`);
  }
  // Talks/round marks with no label at all (not scored by the quality test; listed for reading).
  for (const g of got.filter((x) => TALKS_KINDS.has(x.kind))) {
    if (!expected.mentions.some((e) => TALKS_KINDS.has(e.kind) && overlaps(e, g))) misses.push(`${name}: unscored extra ${show(g)}`);
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

console.log([
  `Mention quality on ${articleCount} HELD-OUT articles (test/fixtures/articles-heldout)`,
  `group              labels  measure                  value    goal`,
  `people/orgs/places ${String(names.expected).padStart(6)}  precision                ${pct(ratio(names.tp, names.predicted)).padStart(6)}   >= 97%   (${names.tp}/${names.predicted})`,
  `                           recall                   ${pct(ratio(names.found, names.expected)).padStart(6)}   >= 95%   (${names.found}/${names.expected})`,
  `talks/rounds       ${String(talks.expected).padStart(6)}  recall                   ${pct(ratio(talks.found, talks.expected)).padStart(6)}   >= 85%   (${talks.found}/${talks.expected})`,
  `                           right round (${talks.rightOf} rounds)   ${pct(ratio(talks.right, talks.rightOf)).padStart(6)}   >= 80%   (${talks.right}/${talks.rightOf})`,
  `figures            ${String(figures.expected).padStart(6)}  recall                   ${pct(ratio(figures.found, figures.expected)).padStart(6)}   >= 90%   (${figures.found}/${figures.expected})`,
  `                           right claim              ${pct(ratio(figures.right, figures.rightOf)).padStart(6)}   >= 80%   (${figures.right}/${figures.rightOf})`,
  `unrelated pages            marks                    ${String(unrelatedMarks).padStart(6)}   0`,
  ...(misses.length > 0 ? ['differences:', ...misses.map((m) => `  ${m}`)] : []),
].join('\n'));
