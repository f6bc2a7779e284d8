/**
 * Mention quality on the held-out article set (test/fixtures/articles-heldout): articles written after the engine
 * was tuned, labelled by hand, never used for tuning. Not part of `npm test`; run `npx tsx scripts/quality-heldout.ts`.
 *
 * Labels live inline in `src/*.src.txt` (same `[[id|text]]` / `[[figure-id#claim-id|text]]` format as
 * test/fixtures/articles/src); `--build` regenerates `NAME.txt` + `NAME.expected.json` from them with the fixture
 * builder. Scoring is the quality test's (test/fixtures/articles/score-articles.ts).
 *
 * `--dir DIR` builds and scores another held-out folder (relative to the repo root), e.g.
 * `npx tsx scripts/quality-heldout.ts --dir test/fixtures/articles-heldout-2`; the default is test/fixtures/articles-heldout.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { StoryPack } from '../utils/model/pack';
import { buildArticle } from '../test/fixtures/articles/build-articles';
import { formatReport, scoreArticles, staleArticles } from '../test/fixtures/articles/score-articles';

const ROOT = resolve(import.meta.dirname, '..');
const dirAt = process.argv.indexOf('--dir');
const DIR = dirAt >= 0 ? process.argv[dirAt + 1] : 'test/fixtures/articles-heldout';
if (!DIR || DIR.startsWith('--')) throw new Error('--dir needs a folder, e.g. --dir test/fixtures/articles-heldout-2');
const ARTICLES = resolve(ROOT, DIR);
const pack = JSON.parse(readFileSync(join(ROOT, 'data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;

// Built files must match their labelled sources; --build rewrites them.
if (process.argv.includes('--build')) {
  for (const file of readdirSync(join(ARTICLES, 'src')).filter((f) => f.endsWith('.src.txt')).sort()) {
    const name = file.replace(/\.src\.txt$/, '');
    const { text, expected } = buildArticle(readFileSync(join(ARTICLES, 'src', file), 'utf8'), pack);
    writeFileSync(join(ARTICLES, `${name}.txt`), `${text}\n`);
    writeFileSync(join(ARTICLES, `${name}.expected.json`), `${JSON.stringify(expected, null, 2)}\n`);
  }
}
const stale = staleArticles(ARTICLES, pack);
if (stale.length > 0) throw new Error(`${stale.join(', ')}: built files differ from src; rerun with --build`);

const report = scoreArticles(ARTICLES, pack);
console.log(formatReport(`Mention quality on ${report.articleCount} HELD-OUT articles (${relative(ROOT, ARTICLES)})`, report));
