import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Paths = Record<string, string[]>;

/** Each alias with the folders it stands for, resolved from the tsconfig that declares it (as TypeScript does). */
function resolvedPaths(file: string): Record<string, string[]> {
  const paths = (JSON.parse(readFileSync(file, 'utf8')) as { compilerOptions?: { paths?: Paths } }).compilerOptions?.paths;
  if (!paths) throw new Error(`${file}: no compilerOptions.paths`);
  const base = dirname(resolve(file));
  return Object.fromEntries(
    Object.entries(paths).map(([alias, targets]) => [alias, targets.map((target) => resolve(base, target))]),
  );
}

describe('tsconfig.json path aliases', () => {
  // Tools that do not run `wxt prepare` (editors before install, farm-studio, plain tsc on a fresh clone) read only
  // tsconfig.json: its own aliases must mean exactly what WXT's generated ones mean, or the two would disagree.
  it('are the aliases WXT generates, pointing at the same folders', () => {
    expect(resolvedPaths('tsconfig.json')).toEqual(resolvedPaths('.wxt/tsconfig.json'));
  });

  it('map "@/…" to the project root', () => {
    expect(resolvedPaths('tsconfig.json')['@/*']).toEqual([resolve('.', '*')]);
  });
});
