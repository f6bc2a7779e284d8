import { existsSync, readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layers of ARCHITECTURE.md, as eslint.config.js enforces them: each probe is a small file linted in memory at a
// path inside one layer, with the project's own config, and must draw exactly the message its rule gives.

const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax']);
const eslint = new ESLint({ cwd: process.cwd(), ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId) });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const CORE = ['utils/model', 'utils/text', 'utils/matcher', 'utils/matcher/rounds', 'utils/figures', 'utils/pack', 'utils/style', 'utils/dates'];

describe('layer rules of eslint.config.js', () => {
  it.each(CORE)('%s (pure core): no WXT, no Dexie, no kb, no DOM', async (dir) => {
    const file = `${dir}/layer-probe.ts`;
    const cases: [string, RegExp][] = [
      ["import { browser } from 'wxt/browser';\nexport const x = browser;", /no-restricted-imports: 'wxt\/browser'.*no WXT/],
      ["import { defineBackground } from 'wxt/utils/define-background';\nexport const x = defineBackground;", /no-restricted-imports: .*no WXT/],
      ["import Dexie from 'dexie';\nexport const x = Dexie;", /no-restricted-imports: 'dexie'.*Only utils\/kb/],
      ["import { openKb } from '@/utils/kb/db';\nexport const x = openKb;", /no-restricted-imports: '@\/utils\/kb\/db'.*utils\/kb/],
      ["import type { KbDatabase } from '../kb/db';\nexport type X = KbDatabase;", /no-restricted-imports: '\.\.\/kb\/db'/],
      ['export const title = () => document.title;', /no-restricted-globals: Unexpected use of 'document'/],
      ['export const w = () => window.innerWidth;', /no-restricted-globals: Unexpected use of 'window'/],
      ['export const isText = (n: { nodeType: number }) => n.nodeType === Node.TEXT_NODE;', /no-restricted-globals: Unexpected use of 'Node'/],
      ['export function parent(n: Node): Element | null { return n.parentElement; }', /no-restricted-syntax: The pure core has no DOM types/],
      ['export const html = (e: { innerHTML: string }) => e.innerHTML;', /no-restricted-syntax: Render data as text/],
      // The layer's own globals do not replace the network log's rule (one place for requests).
      ["export const get = () => fetch('https://example.org/');", /no-restricted-globals: .*fetchSource/],
    ];
    for (const [code, expected] of cases) {
      const found = await problems(file, code);
      expect(found.some((p) => expected.test(p)), `${code}\n→ ${found.join('\n')}`).toBe(true);
    }
    // What the core may use: other core modules, and plain language globals.
    expect(await problems(file, "import type { Mention } from '../model/mention';\nexport const f = (m: Mention) => globalThis.crypto && m.id;")).toEqual([]);
  });

  it('components: no wxt/browser, no Dexie, no messaging client, no browser.* globals', async () => {
    const file = 'components/Probe/LayerProbe.tsx';
    const cases: [string, RegExp][] = [
      ["import { browser } from 'wxt/browser';\nexport const x = browser;", /no-restricted-imports: 'wxt\/browser'/],
      ["import Dexie from 'dexie';\nexport const x = Dexie;", /no-restricted-imports: 'dexie'/],
      ["import { askBackground } from '@/utils/messaging/client';\nexport const x = askBackground;", /no-restricted-imports: '@\/utils\/messaging\/client'/],
      ["import { askBackground } from '../../utils/messaging/client';\nexport const x = askBackground;", /no-restricted-imports: '\.\.\/\.\.\/utils\/messaging\/client'/],
      ['export const send = () => browser.runtime.sendMessage({});', /no-restricted-globals: Unexpected use of 'browser'/],
      ['export const send = () => chrome.runtime.sendMessage({});', /no-restricted-globals: Unexpected use of 'chrome'/],
      ["export const get = () => fetch('https://example.org/');", /no-restricted-globals: .*fetchSource/],
    ];
    for (const [code, expected] of cases) {
      const found = await problems(file, code);
      expect(found.some((p) => expected.test(p)), `${code}\n→ ${found.join('\n')}`).toBe(true);
    }
    expect(
      await problems(file, "import type { CardData } from '@/utils/messaging/views';\nimport { useT } from '../ui/i18n';\nexport const f = (d: CardData) => [d, useT, document.title];"),
    ).toEqual([]);
  });

  it('utils/dom: no knowledge base, no Dexie (the DOM and the pure core are fine)', async () => {
    const file = 'utils/dom/layer-probe.ts';
    expect(await problems(file, "import { openKb } from '@/utils/kb/db';\nexport const x = openKb;")).toEqual([
      expect.stringMatching(/no-restricted-imports: '@\/utils\/kb\/db'/),
    ]);
    expect(await problems(file, "import Dexie from 'dexie';\nexport const x = Dexie;")).toEqual([expect.stringMatching(/'dexie'/)]);
    expect(await problems(file, "import { highlightCss } from '../style/highlight-css';\nexport const x = [highlightCss, document.body];")).toEqual([]);
  });

  // Only the folders the layer rules cover (`npm run lint` reads everything); parsing them takes a while on two cores.
  it('the real tree keeps its layers', { timeout: 180_000 }, async () => {
    const dirs = [...CORE.filter((d) => d !== 'utils/matcher/rounds'), 'utils/dom', 'components'].filter(existsSync);
    const results = await eslint.lintFiles(dirs);
    const found = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(found).toEqual([]);
    // Every source file of those folders was read (none skipped by an ignore pattern).
    const sources = dirs.flatMap((d) => readdirSync(d, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f)));
    expect(results.length).toBe(sources.length);
  });
});
