/**
 * Quality on the labelled article set (test/fixtures/articles, built from inline labels by build-articles.ts):
 * precision and recall per kind group against the bundled pack, with the thresholds of the mention-engine issue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoryPack } from '../../../utils/model/pack';
import { buildArticle } from '../../fixtures/articles/build-articles';
import { formatReport, scoreArticles } from '../../fixtures/articles/score-articles';

const ROOT = resolve(import.meta.dirname, '../../..');
const ARTICLES = join(ROOT, 'test/fixtures/articles');
const pack = JSON.parse(readFileSync(join(ROOT, 'data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;
const report = scoreArticles(ARTICLES, pack);
const { articleCount, unrelatedMarks, nameP, nameR, talksR, roundRight, figureR, claimRight } = report;

console.log(formatReport(`Mention quality on ${articleCount} articles`, report));

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
