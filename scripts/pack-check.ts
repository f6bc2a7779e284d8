/**
 * `npm run pack:check -- FILE...`: validates story packs the way the extension does, printing OK with counts and
 * warnings, or every problem with its JSON path. Exits 1 when any pack is invalid.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validatePackText } from '../utils/pack/parse-pack-text';
import type { StoryPack } from '../utils/model/pack';

function counts(pack: StoryPack): string {
  const aliases = pack.entities.reduce((n, e) => n + e.aliases.length, 0);
  const claims = pack.figures.reduce((n, f) => n + f.claims.length, 0);
  return [
    `${pack.sources.length} sources`,
    `${pack.entities.length} entities (${aliases} aliases)`,
    `${pack.tracks.length} tracks`,
    `${pack.rounds.length} rounds/events`,
    `${pack.figures.length} figures (${claims} claims)`,
    `${pack.issues.length} issues`,
    `${pack.positions.length} positions`,
  ].join(', ');
}

export function checkPackFile(file: string): { ok: boolean; lines: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, lines: [`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const result = validatePackText(text);
  const warnings = result.warnings.map((w) => `  warning: ${w}`);
  if (!result.ok) {
    return {
      ok: false,
      lines: [`${file}: INVALID, ${result.errors.length} problem(s)`, ...result.errors.map((e) => `  error: ${e}`), ...warnings],
    };
  }
  const { pack } = result;
  return {
    ok: true,
    lines: [`${file}: OK ${pack.id} ${pack.version} (as of ${pack.asOf})`, `  ${counts(pack)}`, ...warnings],
  };
}

function main(files: string[]): number {
  if (files.length === 0) {
    console.error('usage: npm run pack:check -- FILE...');
    return 2;
  }
  let ok = true;
  for (const file of files) {
    const result = checkPackFile(file);
    for (const line of result.lines) (result.ok ? console.log : console.error)(line);
    ok &&= result.ok;
  }
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2).filter((a) => a !== '--'));
}
