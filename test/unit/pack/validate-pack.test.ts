import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePack } from '@/utils/pack/validate-pack';
import { parsePackText, validatePackText } from '@/utils/pack/parse-pack-text';
import { isRealDate } from '@/utils/pack/check-context';
import { importPackText } from '@/utils/kb/import-pack-text';
import type { KbDatabase } from '@/utils/kb/db';
import { dumpKb, fixturesDir, freshKb, readFixtureText, smallPack } from '../kb/kb-test-helpers';

/** One defect per fixture: the problem it must be reported as (path, then reason). */
const INVALID: Record<string, [path: string, reason: RegExp]> = {
  'aliases-not-a-list.json': ['entities[0].aliases', /must be a list, not text/],
  'bad-bound.json': ['figures[0].claims[0].bound', /"roughly" is not one of/],
  'bad-date.json': ['rounds[0].dateStart', /"2026-02-30" is not a date/],
  'bad-id.json': ['figures[0].id', /"Deaths!" is not a valid id/],
  'bad-role-phrase-lang.json': ['entities[0].roles[1].phrases[1].lang', /"English \(UK\)" is not a language tag/],
  'bad-status.json': ['rounds[0].status', /"done" is not one of/],
  'claim-without-value.json': ['figures[0].claims[0]', /needs a value, a low\/high range or a note/],
  'dangling-delegation-head.json': ['rounds[0].delegations[0].head', /"nobody" is not the id of any entity/],
  'dangling-mediator.json': ['tracks[0].mediators[0]', /"nobody" is not the id of any entity/],
  'dangling-place.json': ['rounds[2].places[0]', /"zurich" is not the id of any entity/],
  'date-end-before-start.json': ['rounds[2].dateEnd', /"2026-02-01" is before dateStart "2026-02-06"/],
  'duplicate-claim-id.json': ['figures[0].claims[1].id', /duplicate id "gov"/],
  'duplicate-entity-id.json': ['entities[1].id', /duplicate id "ana-north"/],
  'empty-name.json': ['entities[2].name', /must not be empty/],
  'empty-round-alias.json': ['rounds[2].aliases[1].text', /must not be empty/],
  'feb-29-not-leap.json': ['sources[0].date', /"2025-02-29" is not a date/],
  'fractional-ordinal.json': ['rounds[0].ordinal', /1\.5 is not a whole number/],
  'http-source-url.json': ['sources[1].url', /must be https \(plain http only for localhost\)/],
  'infinite-value.json': ['figures[0].claims[0].value', /Infinity is not a finite number/],
  'inverted-range.json': ['figures[0].claims[1].high', /5000 is below low 7000/],
  'javascript-report-url.json': ['reportUrl', /is not an https or mailto: address/],
  'javascript-url.json': ['sources[0].url', /"javascript:alert\(1\)" is not an https URL/],
  'missing-report-url.json': ['reportUrl', /is missing/],
  'negative-value.json': ['figures[0].claims[0].value', /-5 is below 0/],
  'null-optional.json': ['rounds[0].outcome', /must be text, not null/],
  'proto-smuggled-field.json': ['entities[0].summary', /is missing/],
  'recognise-min-above-max.json': ['figures[0].recognise.max', /100000 is below min 200000/],
  'role-ends-before-start.json': ['entities[0].roles[0].to', /"2023-01-01" is before from "2024-01-01"/],
  'top-level-list.json': ['(pack)', /must be an object, not a list/],
  'truncated.json': ['(text)', /invalid JSON at line \d+, column \d+ \(the text ends too early: truncated\?\)/],
  'unknown-anchor-side.json': ['talks.anchors[0]', /"west" is not the id of any side/],
  'unknown-claimant-entity.json': ['figures[0].claims[0].claimantEntity', /"nobody" is not the id of any entity/],
  'unknown-issue.json': ['positions[0].issue', /"oil" is not the id of any issue/],
  'unknown-kind.json': ['entities[1].kind', /"alien" is not one of "person", "org"/],
  'unknown-side.json': ['entities[1].side', /"west" is not the id of any side/],
  'unknown-source-id.json': ['entities[0].sources[1]', /"nope" is not the id of any source/],
  'unknown-track.json': ['rounds[0].track', /"other-track" is not the id of any track/],
  'value-as-text.json': ['figures[0].claims[0].value', /"3117" is not a finite number/],
  'wrong-format.json': ['format', /2 is not a supported pack format/],
};

function errorFor(errors: string[], path: string): string | undefined {
  return errors.find((e) => e.startsWith(`${path}: `));
}

describe('invalid fixtures', () => {
  let db: KbDatabase;
  let before: Record<string, unknown[]>;
  beforeAll(async () => {
    db = freshKb();
    const seeded = await importPackText(db, readFixtureText('valid-small.pack.json'), 'bundled');
    expect(seeded.ok).toBe(true);
    await db.suppressions.put({ site: 'example.com', mentionId: 'ana-north', createdAt: 1 });
    before = await dumpKb(db);
  });
  afterAll(async () => {
    await db.delete();
  });

  it('the table covers every fixture in the folder, and there are at least 20', () => {
    const files = readdirSync(join(fixturesDir, 'invalid')).sort();
    expect(files).toEqual(Object.keys(INVALID).sort());
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(Object.entries(INVALID))('%s is rejected at its path, and importing it changes nothing', async (file, [path, reason]) => {
    const text = readFixtureText(join('invalid', file));
    const result = validatePackText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = errorFor(result.errors, path);
    expect(message, result.errors.join('\n')).toBeDefined();
    expect(message).toMatch(reason);

    const imported = await importPackText(db, text, 'bundled');
    expect(imported.ok).toBe(false);
    expect(await dumpKb(db)).toStrictEqual(before);
  });
});

describe('valid packs', () => {
  it('the small fixture passes with no warnings and equals its input minus $schema', () => {
    const result = validatePackText(readFixtureText('valid-small.pack.json'));
    expect(result).toEqual({ ok: true, pack: smallPack(), warnings: [] });
  });

  it('keeps talks.anchors that name sides', () => {
    const input = { ...smallPack(), talks: { ...smallPack().talks, anchors: ['north'] } };
    const result = validatePackText(JSON.stringify(input));
    expect(result.ok && result.pack.talks.anchors).toEqual(['north']);
  });

  it('keeps round aliases and role phrases, checked as aliases are, and warns about their unknown keys', () => {
    const input = smallPack();
    input.rounds[2]!.aliases = [{ text: 'the Geneva round', lang: 'en' }, { text: 'the round', ambiguous: true }];
    input.entities[0]!.roles[1]!.phrases = [{ text: 'the chief envoy', lang: 'en', script: 'Latn' }];
    const withTypo = JSON.parse(JSON.stringify(input)) as Record<string, unknown> & typeof input;
    (withTypo.rounds[2]!.aliases![0] as unknown as Record<string, unknown>).ambigous = true;
    const result = validatePack(withTypo);
    expect(result.ok && result.pack.rounds[2]!.aliases).toEqual(input.rounds[2]!.aliases);
    expect(result.ok && result.pack.entities[0]!.roles[1]!.phrases).toEqual(input.entities[0]!.roles[1]!.phrases);
    expect(result.warnings).toEqual(['rounds[2].aliases[0].ambigous: unknown key dropped']);

    const bad = smallPack();
    bad.entities[0]!.roles[0]!.phrases = [{ text: 'x'.repeat(100_001) }];
    (bad.rounds[0] as unknown as Record<string, unknown>).aliases = 'the first round';
    const refused = validatePack(bad);
    expect(refused.ok ? [] : refused.errors).toEqual([
      'entities[0].roles[0].phrases[0].text: is 100001 characters long; the limit is 100000 characters (100 kB) per string',
      'rounds[0].aliases: must be a list, not text',
    ]);
  });

  const bundled = join(import.meta.dirname, '../../../data/us-iran-talks.pack.json');
  it.skipIf(!existsSync(bundled))('the bundled pack passes', () => {
    const result = validatePackText(readFileSync(bundled, 'utf8'));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('builds a fresh object: unknown keys dropped with a warning, the input not shared', () => {
    const input = JSON.parse(readFixtureText('valid-small.pack.json')) as Record<string, unknown> & ReturnType<typeof smallPack>;
    (input as Record<string, unknown>).colour = 'blue';
    (input.entities[0] as unknown as Record<string, unknown>).nickname = 'Ana';
    const result = validatePack(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual(['colour: unknown key dropped', 'entities[0].nickname: unknown key dropped']);
    expect(result.pack).not.toHaveProperty('colour');
    expect(result.pack.entities[0]).not.toHaveProperty('nickname');
    expect(result.pack.entities[0]).not.toBe(input.entities[0]);
    input.entities[0]!.aliases.push({ text: 'later' });
    expect(result.pack.entities[0]!.aliases).toHaveLength(4);
  });

  it('reports every problem at once, not only the first', () => {
    const pack = smallPack() as unknown as Record<string, unknown>;
    pack.asOf = '2026-13-01';
    pack.version = 'one';
    delete pack.talks;
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'version: "one" is not a version such as "1.2.0"',
      'asOf: "2026-13-01" is not a date (YYYY-MM-DD)',
      'talks: is missing',
    ]);
  });
});

describe('prototype safety', () => {
  it('__proto__, constructor and prototype keys at any depth never reach Object.prototype', () => {
    const text = readFixtureText('valid-small.pack.json')
      .replace('"format": 1,', '"format": 1, "__proto__": { "polluted": "top" }, "constructor": { "prototype": { "polluted": "ctor" } },')
      .replace('"text": "Genf", "lang": "de"', '"text": "Genf", "lang": "de", "__proto__": { "polluted": "alias", "caseSensitive": true }')
      .replace('"min": 100,', '"min": 100, "prototype": { "polluted": "deep" },');
    const result = validatePackText(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getPrototypeOf(result.pack)).toBe(Object.prototype);
    const genf = result.pack.entities[3]!.aliases[1]!;
    expect(genf).toEqual({ text: 'Genf', lang: 'de' });
    expect(genf.caseSensitive).toBeUndefined();
    expect(result.warnings).toEqual([
      '__proto__: key "__proto__" is not allowed and was ignored',
      'constructor: key "constructor" is not allowed and was ignored',
      'entities[3].aliases[1].__proto__: key "__proto__" is not allowed and was ignored',
      'figures[0].recognise.prototype: key "prototype" is not allowed and was ignored',
    ]);
  });

  it('a field offered only through __proto__ counts as missing', () => {
    const result = validatePackText(readFixtureText('invalid/proto-smuggled-field.json'));
    expect(result.ok).toBe(false);
    expect(result.warnings).toContain('entities[0].__proto__: key "__proto__" is not allowed and was ignored');
  });
});

describe('size caps', () => {
  it('refuses a 50 MB text before parsing it, with a clear message', () => {
    const huge = readFixtureText('valid-small.pack.json').replace('"A small pack', `"${'x'.repeat(50 * 1024 * 1024)}`);
    const result = validatePackText(huge);
    expect(result).toEqual({ ok: false, errors: ['(text): the pack is 50.0 MB; the limit is 5.0 MB'], warnings: [] });
  });

  it('counts UTF-8 bytes, not characters: 4 Mi Persian letters (8 MB) are refused', () => {
    const persian = 'ع'.repeat(2 * 1024 * 1024); // 2 bytes each in UTF-8
    expect(parsePackText(JSON.stringify({ s: persian })).ok).toBe(true);
    expect(parsePackText(JSON.stringify({ s: persian + persian })).ok).toBe(false);
  });

  it('refuses a string over 100 kB at its path', () => {
    const pack = smallPack();
    pack.entities[1]!.summary = 'y'.repeat(100_001);
    const result = validatePack(pack);
    expect(result.ok ? [] : result.errors).toEqual([
      'entities[1].summary: is 100001 characters long; the limit is 100000 characters (100 kB) per string',
    ]);
  });

  it('refuses a nested list over its cap', () => {
    const pack = smallPack();
    pack.entities[0]!.aliases = Array.from({ length: 1001 }, (_, i) => ({ text: `a${i}` }));
    const result = validatePack(pack);
    expect(result.ok ? [] : result.errors).toEqual(['entities[0].aliases: has 1001 items; the limit is 1000']);
  });
});

describe('parsePackText', () => {
  it('gives the line and column of a syntax error', () => {
    const result = parsePackText('{\n  "a": 1\n  "b": 2\n}');
    expect(result.ok ? '' : result.errors[0]).toMatch(/^\(text\): invalid JSON at line 3, column 3: /);
  });
  it('accepts a UTF-8 byte order mark and refuses empty text', () => {
    expect(parsePackText('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parsePackText('  \n')).toEqual({ ok: false, errors: ['(text): the pack is empty'] });
  });
});

describe('isRealDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-00-10', false],
    ['2026-1-10', false],
    ['2026-01-10T00:00', false],
  ])('%s → %s', (date, ok) => {
    expect(isRealDate(date)).toBe(ok);
  });
});
