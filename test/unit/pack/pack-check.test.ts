import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPackFile } from '../../../scripts/pack-check';
import { fixturesDir } from '../kb/kb-test-helpers';

const root = join(import.meta.dirname, '../../..');

describe('pack:check', () => {
  it('prints OK with counts for a valid pack', () => {
    const result = checkPackFile(join(fixturesDir, 'valid-small.pack.json'));
    expect(result.ok).toBe(true);
    expect(result.lines[0]).toMatch(/: OK test-talks 1\.0\.0 \(as of 2026-03-01\)$/);
    expect(result.lines[1]).toBe(
      '  3 sources, 5 entities (9 aliases), 1 tracks, 3 rounds/events, 1 figures (2 claims), 2 issues, 3 positions',
    );
  });

  it('lists every problem with its path, and warnings, for an invalid pack', () => {
    const result = checkPackFile(join(fixturesDir, 'invalid/proto-smuggled-field.json'));
    expect(result.ok).toBe(false);
    expect(result.lines).toContain('  error: entities[0].summary: is missing');
    expect(result.lines).toContain('  warning: entities[0].__proto__: key "__proto__" is not allowed and was ignored');
  });

  it('reports a missing file', () => {
    expect(checkPackFile(join(fixturesDir, 'no-such-file.json'))).toMatchObject({ ok: false });
  });

  it('exits 1 when a pack is invalid and 0 when all are valid', () => {
    const run = (...files: string[]) =>
      spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/pack-check.ts', ...files], { cwd: root, encoding: 'utf8' });
    const bad = run('test/fixtures/packs/valid-small.pack.json', 'test/fixtures/packs/invalid/bad-date.json');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('rounds[0].dateStart: "2026-02-30" is not a date');
    const good = run('test/fixtures/packs/valid-small.pack.json');
    expect(good.status).toBe(0);
  }, 30_000);
});
