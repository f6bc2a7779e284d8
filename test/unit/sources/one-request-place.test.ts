// @vitest-environment node
/**
 * The network log lists every request only if every request goes through `fetchSource`. Lint forbids the network
 * APIs elsewhere in the extension's code; this proves the rule bites (on code written to break it) and that the
 * tree as it is has no other caller.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const ONE_PLACE = 'utils/sources/fetch-source.ts';

const NETWORK_CALL = /(?<![\w.])fetch\s*\(|\.fetch\b|XMLHttpRequest|WebSocket|EventSource|sendBeacon/;
/** Comments may say "fetch (conditional, capped)"; only code counts. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('one place for requests', () => {
  const eslint = new ESLint({ cwd: root });
  const lint = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-properties');
  };

  it.each([
    ['utils/kb/sneaky.ts', "export const go = () => fetch('https://tracker.example/');"],
    ['entrypoints/background/sneaky.ts', "export const go = () => globalThis.fetch('https://tracker.example/');"],
    ['entrypoints/content/sneaky.ts', "export const go = () => self.fetch('https://tracker.example/');"],
    ['components/Sneaky.tsx', "export const go = () => navigator.sendBeacon('https://tracker.example/', 'text');"],
    ['utils/refresh/sneaky.ts', 'export const go = () => new XMLHttpRequest();'],
    ['entrypoints/popup/sneaky.ts', "export const go = () => new WebSocket('wss://tracker.example/');"],
    ['utils/dom/sneaky.ts', "export const go = () => new EventSource('https://tracker.example/');"],
    ['utils/sources/other.ts', "export const go = () => window['fetch']('https://tracker.example/');"],
  ])('lint refuses a request made in %s', async (path, code) => {
    const messages = await lint(code, path);
    expect(messages.length, code).toBeGreaterThan(0);
    expect(messages[0]?.message).toContain('fetchSource');
  });

  it('lint lets fetch-source.ts make the request', async () => {
    expect(await lint("export const go = () => globalThis.fetch('https://feeds.example/');", ONE_PLACE)).toEqual([]);
  });

  it('no file of the extension but fetch-source.ts calls fetch or another network API', () => {
    const callers = ['utils', 'entrypoints', 'components']
      .flatMap(sourceFiles)
      .filter((path) => NETWORK_CALL.test(withoutComments(readFileSync(join(root, path), 'utf8'))))
      .map((path) => relative(root, join(root, path)));
    expect(callers).toEqual([ONE_PLACE]);
  });
});
