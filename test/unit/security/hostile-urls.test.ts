/**
 * Every generated hostile URL against every place a URL enters Backstory: pack source URLs and the report address
 * (validatePack, with an error naming the JSON path), the link guard for views (toSafeLink), feed links (toWebLink),
 * and the address of a source the reader adds (sources/source-url). Valid https passes everywhere, for contrast.
 */
import { describe, expect, it } from 'vitest';
import { validatePack } from '@/utils/pack/validate-pack';
import { isAllowedReportUrl, isAllowedSourceUrl, toSafeLink } from '@/utils/pack/safe-url';
import { isAllowedSourceUrl as isAllowedAddress, toWebLink } from '@/utils/sources/source-url';
import { parseFeed } from '@/utils/sources/parse-feed';
import type { StoryPack } from '@/utils/model/pack';
import { generateHostileUrls, type HostileUrl } from '../../security/hostile-urls.mjs';

const URLS = generateHostileUrls();
const label = (u: HostileUrl) => `#${u.id} ${u.category} ${JSON.stringify(u.url)}`;

/** A minimal valid pack citing one source at `url`. */
function packWithSourceUrl(url: string, reportUrl = 'https://report.example/fact'): StoryPack {
  return {
    format: 1,
    id: 'url-probe',
    version: '1.0.0',
    title: 'URL probe',
    asOf: '2026-11-25',
    description: 'Invented for Backstory tests.',
    reportUrl,
    talks: { label: 'The talks', phrases: ['probe talks'] },
    sides: [{ id: 'side-a', label: 'Side A' }],
    sources: [
      { id: 'ok', url: 'https://news.example/ok', publisher: 'Fine Publisher', tier: 'outlet' },
      { id: 'probe', url, publisher: 'Probe Publisher', tier: 'outlet' },
    ],
    entities: [],
    tracks: [],
    rounds: [],
    figures: [],
    issues: [],
    positions: [],
  };
}

describe('hostile URL corpus', () => {
  it('has at least 200 URLs from every category, with valid https for contrast', () => {
    expect(URLS.length).toBeGreaterThanOrEqual(200);
    const families = new Set(URLS.map((u) => u.category.split('/')[0]));
    expect([...families].sort()).toEqual(['encoded', 'javascript', 'scheme', 'vbscript', 'web']);
    for (const needle of ['data-html', 'vbscript', 'blob', 'file', 'chrome-extension', 'moz-extension', 'about', 'credentials', 'protocol-relative', 'entity', 'percent', 'tab-inside', 'newline-inside', 'leading-c0', 'leading-space', 'mixed-case']) {
      expect(URLS.some((u) => u.category.includes(needle)), needle).toBe(true);
    }
    expect(URLS.filter((u) => u.source).length).toBeGreaterThanOrEqual(5);
  });
});

describe('pack validation refuses every hostile source URL with a path-named error', () => {
  it.each(URLS.map((u) => [label(u), u] as const))('%s', (_name, u) => {
    const result = validatePack(packWithSourceUrl(u.url));
    if (u.source) {
      expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^sources\[1\]\.url: /);
  });
});

describe('pack validation refuses every hostile report address with a path-named error', () => {
  it.each(URLS.map((u) => [label(u), u] as const))('%s', (_name, u) => {
    const result = validatePack(packWithSourceUrl('https://news.example/x', u.url));
    if (u.source || /^mailto:[^@\s:]+@[^@\s]+$/i.test(u.url)) {
      expect(result.ok).toBe(true);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.stringMatching(/^reportUrl: /)]);
  });

  it('accepts mailto with an address, and nothing else but https/localhost http', () => {
    expect(isAllowedReportUrl('mailto:desk@report.example')).toBe(true);
    expect(isAllowedReportUrl('mailto:desk@report.example?subject="><img src=x onerror=1>')).toBe(true);
    expect(isAllowedReportUrl('mailto:javascript:alert(1)')).toBe(false);
    expect(isAllowedReportUrl('MAILTO:not-an-address')).toBe(false);
  });
});

describe('the link guard for views', () => {
  it.each(URLS.map((u) => [label(u), u] as const))('toSafeLink %s', (_name, u) => {
    const link = toSafeLink(u.url);
    if (!u.link) {
      expect(link).toBeNull();
      return;
    }
    expect(link).not.toBeNull();
    const parsed = new URL(link!.url);
    expect(['http:', 'https:']).toContain(parsed.protocol);
    // The host shown is the host the link really goes to.
    expect(link!.host).toBe(parsed.hostname);
  });

  it('isAllowedSourceUrl (pack side) agrees with the corpus', () => {
    const wrong = URLS.filter((u) => isAllowedSourceUrl(u.url) !== u.source).map(label);
    expect(wrong).toEqual([]);
  });
});

describe('addresses of sources the reader adds', () => {
  it('refuse every hostile URL and accept the valid ones', () => {
    const wrong = URLS.filter((u) => isAllowedAddress(u.url).ok !== u.source).map(label);
    expect(wrong).toEqual([]);
  });
});

describe('feed links', () => {
  const base = 'https://feeds.example/rss.xml';

  it('toWebLink never returns anything but an absolute http(s) URL without credentials', () => {
    const problems: string[] = [];
    for (const u of URLS) {
      for (const b of [undefined, base]) {
        const link = toWebLink(u.url, b);
        if (link === undefined) continue;
        const parsed = new URL(link);
        if (!['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password) {
          problems.push(`${label(u)} (base ${String(b)}) → ${link}`);
        }
      }
      // Without a base, only URLs that are web links by themselves survive.
      if (toWebLink(u.url) !== undefined && !u.link) problems.push(`${label(u)} kept without a base`);
    }
    expect(problems).toEqual([]);
  });

  it('RSS items with hostile links keep no link; their text stays text', () => {
    const items = URLS.map(
      (u) =>
        `<item><title>Item ${u.id}</title><link>${xmlEscape(u.url)}</link><guid isPermaLink="false">g${u.id}</guid></item>`,
    );
    const text = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items.join('')}</channel></rss>`;
    const result = parseFeed(text, { baseUrl: base });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.feed.items).toHaveLength(URLS.length);
    for (const item of result.feed.items) {
      if (item.link === undefined) continue;
      const parsed = new URL(item.link);
      expect(['http:', 'https:'], item.link).toContain(parsed.protocol);
      expect(parsed.username + parsed.password).toBe('');
    }
    // Every script or other scheme (whatever its disguise) lost its link, or became a path under the feed's own
    // address (a string the URL parser cannot read as a scheme is a relative path).
    for (const u of URLS.filter((x) => /^(javascript|vbscript|scheme)\//.test(x.category))) {
      const item = result.feed.items.find((i) => i.id === `g${u.id}`);
      expect(item, label(u)).toBeDefined();
      if (item?.link !== undefined) expect(new URL(item.link).origin, label(u)).toBe('https://feeds.example');
    }
  });

  it('Atom entries with hostile links keep no link', () => {
    const entries = URLS.map(
      (u) => `<entry><title>Entry ${u.id}</title><link href="${xmlEscape(u.url)}"/><id>e${u.id}</id></entry>`,
    );
    const text = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>${entries.join('')}</feed>`;
    const result = parseFeed(text, { baseUrl: base });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const u of URLS.filter((x) => /^(javascript|vbscript|scheme)\//.test(x.category))) {
      const item = result.feed.items.find((i) => i.id === `e${u.id}`);
      expect(item, label(u)).toBeDefined();
      if (item?.link !== undefined) expect(new URL(item.link).origin, label(u)).toBe('https://feeds.example');
    }
  });
});

function xmlEscape(s: string): string {
  // XML 1.0 cannot carry most C0 controls even escaped; they are written as the character reference the parser decodes.
  // eslint-disable-next-line no-control-regex -- control characters are the test data
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => `&#${c.charCodeAt(0)};`);
}
