/**
 * `__proto__`, `constructor` and `prototype` as keys (packs, messages, settings) and as tag and attribute names (feeds),
 * at every depth: no prototype changes, nothing of them in the result, and — where the module reports what it
 * dropped — a warning for each.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validatePack } from '@/utils/pack/validate-pack';
import { parsePackText } from '@/utils/pack/parse-pack-text';
import { parseFeed } from '@/utils/sources/parse-feed';
import { parseRequest } from '@/utils/messaging/parse-request';
import { repairSettings } from '@/utils/model/settings';
import { generatePayloads } from '../../security/payloads.mjs';
import { generateHostileUrls } from '../../security/hostile-urls.mjs';
import {
  buildHostileAtom,
  buildHostilePack,
  buildHostileRss,
  objectPaths,
  stringifyWithForbiddenKeys,
} from '../../security/hostile-packs.mjs';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'] as const;
const PAYLOADS = generatePayloads();
const URLS = generateHostileUrls();

/** The own property names of the built-in prototypes, to compare before and after. */
function prototypeSnapshot() {
  return {
    object: Object.getOwnPropertyNames(Object.prototype).sort(),
    array: Object.getOwnPropertyNames(Array.prototype).sort(),
    function: Object.getOwnPropertyNames(Function.prototype).sort(),
    string: Object.getOwnPropertyNames(String.prototype).sort(),
  };
}

let before: ReturnType<typeof prototypeSnapshot>;
beforeEach(() => {
  before = prototypeSnapshot();
});
afterEach(() => {
  // Every test here ends with the built-in prototypes exactly as they were.
  expect(prototypeSnapshot()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect((Function.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
});

/** Paths of every own forbidden key in a value, at any depth. */
function forbiddenKeyPaths(value: unknown, path = '', seen = new Set<unknown>()): string[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const out: string[] = [];
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string') continue;
    if ((FORBIDDEN as readonly string[]).includes(key)) out.push(`${path}.${key}`);
    out.push(...forbiddenKeyPaths((value as Record<string, unknown>)[key], `${path}.${key}`, seen));
  }
  return out;
}

/** True when every object in `value` has Object.prototype, Array.prototype or null as its prototype. */
function plainPrototypes(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === null || typeof value !== 'object' || seen.has(value)) return true;
  seen.add(value);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  return Object.values(value).every((v) => plainPrototypes(v, seen));
}

const joinPath = (path: string, key: string) => (path ? `${path}.${key}` : key);

describe('validatePack with forbidden keys at every depth', () => {
  const { pack } = buildHostilePack(PAYLOADS);
  const text = stringifyWithForbiddenKeys(pack);

  it('the test pack really carries them as own keys at every object', () => {
    const parsed = JSON.parse(text) as unknown;
    const paths = objectPaths(pack);
    expect(paths.length).toBeGreaterThan(100);
    expect(forbiddenKeyPaths(parsed).length).toBeGreaterThanOrEqual(paths.length * 3);
  });

  it('imports the pack, copies none of them, and warns at every path', () => {
    const result = validatePack(JSON.parse(text));
    expect(result.ok, JSON.stringify(!result.ok && result.errors.slice(0, 5))).toBe(true);
    if (!result.ok) return;
    expect(forbiddenKeyPaths(result.pack)).toEqual([]);
    expect(plainPrototypes(result.pack)).toBe(true);
    expect(result.pack).toEqual(pack);
    const missing: string[] = [];
    for (const path of objectPaths(pack)) {
      for (const key of FORBIDDEN) {
        const warning = `${joinPath(path, key)}: key "${key}" is not allowed and was ignored`;
        if (!result.warnings.includes(warning)) missing.push(warning);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the same through parsePackText (the path a fetched pack takes)', () => {
    const parsed = parsePackText(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = validatePack(parsed.value);
    expect(result.ok).toBe(true);
    if (result.ok) expect(forbiddenKeyPaths(result.pack)).toEqual([]);
  });

  it('a pack that is only forbidden keys is refused, not merged into anything', () => {
    const result = validatePack(JSON.parse('{"__proto__":{"format":1,"polluted":1},"constructor":{"prototype":{"polluted":1}}}'));
    expect(result.ok).toBe(false);
  });

  it('payloads as unknown key names are dropped with a warning that carries the name as text', () => {
    const keys = PAYLOADS.slice(0, 20).map((p) => p.text);
    const result = validatePack(JSON.parse(stringifyWithForbiddenKeys(pack, { payloadKeys: keys })));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const key of keys) expect(result.warnings.some((w) => w.endsWith(`${key}: unknown key dropped`)), key).toBe(true);
    expect(result.pack).toEqual(pack);
  });
});

describe('parseFeed with forbidden tag and attribute names at every depth', () => {
  const base = 'http://127.0.0.1:9';

  it.each([
    ['RSS', () => buildHostileRss(PAYLOADS, URLS, { base }).text],
    ['Atom', () => buildHostileAtom(PAYLOADS, URLS, { base }).text],
  ])('%s with forbidden names: refused as a whole (fast-xml-parser 5.12 rejects these names), changing no prototype', (_name, make) => {
    const text = make();
    expect(text).toContain('<__proto__');
    const result = parseFeed(text, { baseUrl: `${base}/feed.xml` });
    // Either refused with words, or read without any trace of the names: never half-read into a polluted object.
    if (!result.ok) {
      expect(result.error).toMatch(/refuses to read \(such as __proto__ or constructor\)/);
      return;
    }
    expect(forbiddenKeyPaths(result.feed)).toEqual([]);
    expect(plainPrototypes(result.feed)).toBe(true);
  });

  it.each([
    ['RSS', () => buildHostileRss(PAYLOADS, URLS, { base, forbiddenNames: false }).text],
    ['Atom', () => buildHostileAtom(PAYLOADS, URLS, { base, forbiddenNames: false }).text],
  ])('%s with payloads and hostile links: parses, changes no prototype, returns plain items', (_name, make) => {
    const result = parseFeed(make(), { baseUrl: `${base}/feed.xml` });
    expect(result.ok, !result.ok ? result.error : '').toBe(true);
    if (!result.ok) return;
    expect(result.feed.items.length).toBeGreaterThan(PAYLOADS.length / 2);
    expect(forbiddenKeyPaths(result.feed)).toEqual([]);
    expect(plainPrototypes(result.feed)).toBe(true);
    for (const item of result.feed.items) {
      expect(Object.keys(item).every((k) => ['id', 'title', 'link', 'date', 'summary'].includes(k))).toBe(true);
      expect(typeof item.title).toBe('string');
      expect(typeof item.summary).toBe('string');
    }
  });

  it.each(['hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'isPrototypeOf'])(
    'an element and an attribute named %s are plain data',
    (name) => {
      const text = `<rss><channel><title>t</title><item ${name}="1"><${name}>x</${name}><title>a</title><link>https://a.example/</link></item></channel></rss>`;
      const result = parseFeed(text);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.feed.items[0]).toEqual({ id: 'https://a.example/', title: 'a', link: 'https://a.example/', summary: '' });
    },
  );

  it('a feed whose root and items are nothing but forbidden elements', () => {
    const nested = (depth: number): string =>
      depth === 0 ? 'x' : FORBIDDEN.map((tag) => `<${tag} ${tag}="1" polluted="1">${nested(depth - 1)}</${tag}>`).join('');
    for (const root of ['rss', 'feed', ...FORBIDDEN]) {
      const text = `<?xml version="1.0"?><${root}>${nested(3)}<channel>${nested(3)}<item>${nested(3)}<title>t</title></item></channel></${root}>`;
      const result = parseFeed(text);
      if (result.ok) {
        expect(forbiddenKeyPaths(result.feed)).toEqual([]);
        expect(plainPrototypes(result.feed)).toBe(true);
      }
    }
  });

  it('JSON Feed with forbidden keys at every depth', () => {
    const poison = '"__proto__":{"polluted":"jf"},"constructor":{"prototype":{"polluted":"jf"}},"prototype":{"polluted":"jf"}';
    const text = `{${poison},"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{${poison},"id":"1","url":"https://news.example/a","title":"x","authors":[{${poison},"name":"n"}]}]}`;
    const result = parseFeed(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.feed.items).toHaveLength(1);
    expect(forbiddenKeyPaths(result.feed)).toEqual([]);
    expect(plainPrototypes(result.feed)).toBe(true);
  });
});

describe('parseRequest with forbidden keys', () => {
  const poison = '"__proto__":{"polluted":"msg","type":"reset"},"constructor":{"prototype":{"polluted":"msg"}},"prototype":{"polluted":"msg"}';
  const messages = [
    `{${poison},"type":"scan","text":"x","context":{${poison},"date":"2026-11-26"}}`,
    `{${poison},"type":"card","kind":"person","id":"zarvan-kelm"}`,
    `{${poison},"type":"inject-styles","names":{${poison},"entity":"bs-abcdef","talks":"bs-abcdeg","figure":"bs-abcdeh"}}`,
    `{${poison},"type":"set-settings","patch":{${poison},"theme":"dark","kinds":["person"]}}`,
    `{${poison},"type":"add-source","url":"https://packs.example/p.json","kind":"pack"}`,
    `{${poison},"type":"update-source","id":"pack-1","enabled":true}`,
    `{${poison},"type":"not-this","id":"zarvan-kelm"}`,
    `{${poison},"type":"refresh"}`,
    `{${poison},"type":"whats-new","markSeen":false}`,
    `{${poison},"type":"latest-articles","limit":5}`,
    `{${poison},"type":"plan-import","json":"{}"}`,
    `{${poison},"type":"remove-suppression","site":"news.example","id":"zarvan-kelm"}`,
  ];

  it.each(messages.map((m) => [JSON.parse(m).type as string, m]))('%s: no prototype change, no forbidden key reaches the request', (_type, text) => {
    const parsed = parseRequest(JSON.parse(text));
    expect(parsed).not.toBeNull();
    const leaked = forbiddenKeyPaths(parsed).filter((p) => !p.startsWith('.patch.'));
    expect(leaked).toEqual([]);
    expect((parsed as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a message whose type sits only on a forbidden key is refused', () => {
    expect(parseRequest(JSON.parse('{"__proto__":{"type":"reset"}}'))).toBeNull();
    expect(parseRequest(JSON.parse('{"constructor":{"type":"reset"}}'))).toBeNull();
    expect(parseRequest(Object.create({ type: 'reset' }))).toBeNull();
  });

  it('a settings patch with forbidden keys repairs to clean settings', () => {
    const parsed = parseRequest(JSON.parse(messages[3]!));
    expect(parsed?.type).toBe('set-settings');
    if (parsed?.type !== 'set-settings') return;
    const { settings } = repairSettings({ ...parsed.patch });
    expect(forbiddenKeyPaths(settings)).toEqual([]);
    expect(plainPrototypes(settings)).toBe(true);
    expect(settings.theme).toBe('dark');
  });
});

describe('repairSettings with forbidden keys', () => {
  const poison = '"__proto__":{"polluted":"set","enabled":false},"constructor":{"prototype":{"polluted":"set"}},"prototype":{"polluted":"set"}';
  const input = JSON.parse(`{${poison},"theme":"dark","kinds":["person",{${poison}}],"pausedSites":["news.example",{${poison}}]}`) as unknown;

  it('returns clean settings and changes no prototype', () => {
    const { settings } = repairSettings(input);
    expect(forbiddenKeyPaths(settings)).toEqual([]);
    expect(plainPrototypes(settings)).toBe(true);
    expect(settings.enabled).toBe(true);
    expect(settings.theme).toBe('dark');
    expect(settings.kinds).toEqual(['person']);
    expect(settings.pausedSites).toEqual(['news.example']);
  });

  it.each(FORBIDDEN)('drops "%s" with a warning, like any unknown setting', (key) => {
    const { fixed } = repairSettings(input);
    expect(fixed).toContain(`${key}: unknown setting, dropped`);
  });
});

describe('backup import (plan-import / apply-import) with forbidden keys at every depth', () => {
  const { pack } = buildHostilePack(PAYLOADS);
  const backup = {
    format: 'backstory-export',
    version: 1,
    exportedAt: 1,
    sourceConfigs: [{ id: 'pack-1', kind: 'pack', url: 'https://packs.example/p.json', title: PAYLOADS[0]!.text, enabled: true, intervalMinutes: 60 }],
    settings: [{ key: 'settings', value: { theme: 'dark', kinds: ['person'] } }],
    suppressions: [{ site: 'news.example', mentionId: 'zarvan-kelm', createdAt: 1 }],
    notes: [],
    seen: [{ key: 'whats-new', value: { at: 1, list: [{ a: 1 }] }, at: 1 }],
    packs: [{ sourceId: 'pack-1', pack }],
  };
  const text = stringifyWithForbiddenKeys(backup, { marker: 'backup' });

  it('plans and imports without touching a prototype, copying none of the keys', async () => {
    const { planImport, importAll } = await import('@/utils/kb/export-data');
    const { openKb } = await import('@/utils/kb/db');
    const planned = planImport(JSON.parse(text));
    expect(planned.ok, JSON.stringify(!planned.ok && planned.errors.slice(0, 5))).toBe(true);
    if (!planned.ok) return;
    expect(planned.plan.warnings.some((w) => w.includes('"__proto__" is not allowed'))).toBe(true);
    // Free-form values (settings, seen) are kept as JSON, so their forbidden keys stay data; everything else is clean.
    const { settings: _settings, seen: _seen, ...rest } = planned.plan.data;
    expect(forbiddenKeyPaths(rest)).toEqual([]);
    const db = openKb(`security-backup-${process.pid}`);
    try {
      const result = await importAll(db, JSON.parse(text));
      expect(result.ok).toBe(true);
      const row = await db.settings.get('settings');
      const { settings } = repairSettings(row?.value);
      expect(settings.theme).toBe('dark');
      expect(forbiddenKeyPaths(settings)).toEqual([]);
      expect(forbiddenKeyPaths(await db.sourceConfigs.toArray())).toEqual([]);
      expect(forbiddenKeyPaths(await db.entities.toArray())).toEqual([]);
    } finally {
      await db.delete();
    }
  });
});
