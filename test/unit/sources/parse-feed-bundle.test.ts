// @vitest-environment node
/**
 * The feed parser must run where it will run: in a browser bundle inside the MV3 service worker, which has no
 * DOMParser, no `require`, no `process` and no `Buffer`. This bundles parse-feed.ts for the browser and runs it in
 * a bare `node:vm` context that has only what a worker has and we use (TextDecoder, URL).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInContext, createContext } from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../../utils/sources/parse-feed.ts', import.meta.url));
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');

let bundle = '';

beforeAll(async () => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'BackstoryFeeds',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]?.text ?? '';
}, 60_000);

function workerLikeContext() {
  const context = createContext({ TextDecoder, URL });
  // Prove the absences rather than assume them.
  const missing = runInContext(
    "['require','process','Buffer','DOMParser','document','window','module'].filter((name) => typeof globalThis[name] !== 'undefined')",
    context,
  ) as string[];
  expect(Array.from(missing)).toEqual([]);
  runInContext(bundle, context, { filename: 'parse-feed.bundle.js' });
  return context;
}

function parseInBundle(context: object, text: string, baseUrl: string): unknown {
  (context as { input?: unknown }).input = { text, baseUrl };
  // JSON across the realm boundary, so the comparison sees plain objects.
  const json = runInContext('JSON.stringify(BackstoryFeeds.parseFeed(input.text, { baseUrl: input.baseUrl }))', context) as string;
  return JSON.parse(json);
}

describe('parseFeed in a browser bundle', () => {
  it('bundles without Node built-ins', () => {
    expect(bundle.length).toBeGreaterThan(1000);
    expect(bundle).not.toMatch(/\brequire\(["'](node:)?(fs|buffer|stream|util|path)["']\)/);
    expect(bundle).not.toMatch(/\bDOMParser\b/);
  });

  it.each(['talks-rss.xml', 'talks-atom.xml', 'talks-jsonfeed.json', 'talks-empty.xml'])(
    'parses %s exactly as in Node',
    async (name) => {
      const { parseFeed } = await import('../../../utils/sources/parse-feed');
      const context = workerLikeContext();
      const baseUrl = 'https://wire.example/talks/feed.xml';
      const inBundle = parseInBundle(context, fixture(name), baseUrl) as { ok: boolean; feed?: { items: unknown[] } };
      expect(inBundle.ok).toBe(true);
      expect(inBundle).toEqual(JSON.parse(JSON.stringify(parseFeed(fixture(name), { baseUrl }))));
    },
  );

  it('refuses an entity bomb and reports malformed XML from inside the bundle', () => {
    const context = workerLikeContext();
    const bomb = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>';
    expect(parseInBundle(context, bomb, 'https://x.example/')).toEqual({
      ok: false,
      error: 'The feed declares its own entities, which Backstory refuses to read',
    });
    expect(parseInBundle(context, fixture('malformed.xml'), 'https://x.example/')).toMatchObject({
      ok: false,
      error: expect.stringContaining('line 7'),
    });
  });
});
