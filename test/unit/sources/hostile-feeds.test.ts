// @vitest-environment node
/**
 * Hostile feed content, generated from categories (DESIGN.md, Testing): link scheme × obfuscation × where the link
 * sits, and markup payload × how it is encoded × which field carries it.
 */
import { describe, expect, it } from 'vitest';
import { parseFeed, type ParsedFeed } from '../../../utils/sources/parse-feed';

const BASE = 'https://wire.example/feed.xml';

function feedOf(source: string): ParsedFeed {
  const result = parseFeed(source, { baseUrl: BASE });
  if (!result.ok) throw new Error(result.error);
  return result.feed;
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('hostile links are dropped wherever they appear', () => {
  const schemes = ['javascript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'blob:https://x.example/1', 'about:blank', 'chrome-extension://abc/page.html', 'ftp://x.example/a'];
  /** Each returns the text to put in XML (already escaped as needed). */
  const obfuscations: Record<string, (url: string) => string> = {
    'as written': (url) => xmlEscape(url),
    'upper case': (url) => xmlEscape(url.replace(/^[a-z-]+/, (s) => s.toUpperCase())),
    'leading whitespace': (url) => `  \n${xmlEscape(url)}`,
    'tab inside the scheme': (url) => xmlEscape(url.slice(0, 2) + '\t' + url.slice(2)),
    'numeric reference': (url) => `&#${url.charCodeAt(0)};${xmlEscape(url.slice(1))}`,
    'in CDATA': (url) => `<![CDATA[${url}]]>`,
  };
  const placements: Record<string, (link: string) => string> = {
    'RSS link': (link) => `<rss><channel><title>t</title><item><guid isPermaLink="false">g</guid><title>x</title><link>${link}</link></item></channel></rss>`,
    'RSS permalink guid': (link) => `<rss><channel><title>t</title><item><guid>${link}</guid><title>x</title></item></channel></rss>`,
    'Atom link href': (link) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>e</id><title>x</title><link href="${link.includes('CDATA') ? 'javascript:alert(1)' : link}"/></entry></feed>`,
    'JSON Feed url': (link) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [{ id: 'e', title: 'x', url: decodeForJson(link) }] }),
  };

  for (const scheme of schemes) {
    for (const [obfuscationName, obfuscate] of Object.entries(obfuscations)) {
      for (const [placementName, place] of Object.entries(placements)) {
        it(`${scheme.split(':')[0]} link, ${obfuscationName}, in ${placementName}`, () => {
          const feed = feedOf(place(obfuscate(scheme)));
          expect(feed.items).toHaveLength(1);
          expect(feed.items[0]?.link).toBeUndefined();
        });
      }
    }
  }
});

/** JSON has no XML escaping: undo what the obfuscation added so the JSON carries the raw (hostile) text. */
function decodeForJson(xmlText: string): string {
  return xmlText
    .replace(/^<!\[CDATA\[(.*)\]\]>$/s, '$1')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('markup in titles and summaries never survives as tags', () => {
  const payloads = {
    script: '<script>alert(1)</script>',
    'img onerror': '<img src=x onerror="alert(1)">',
    iframe: '<iframe src="javascript:alert(1)"></iframe>',
    'svg onload': '<svg onload=alert(1)><circle r="1"/></svg>',
    'style block': '<style>body{background:url("javascript:alert(1)")}</style>',
    'link with javascript': '<a href="javascript:alert(1)">click</a>',
    'unclosed tag': '<img src="x" onerror="alert(1)"',
  } as const;
  const encodings: Record<string, (html: string) => string> = {
    'escaped once (HTML in RSS)': (html) => xmlEscape(html),
    CDATA: (html) => `<![CDATA[${html}]]>`,
  };
  const fields = ['title', 'description'] as const;

  for (const [payloadName, payload] of Object.entries(payloads)) {
    for (const [encodingName, encode] of Object.entries(encodings)) {
      for (const field of fields) {
        it(`${payloadName}, ${encodingName}, in ${field}`, () => {
          const wrapped = `Before ${payload} after`;
          const item = field === 'title'
            ? `<item><guid>g</guid><title>${encode(wrapped)}</title></item>`
            : `<item><guid>g</guid><title>t</title><description>${encode(wrapped)}</description></item>`;
          const parsed = feedOf(`<rss><channel><title>t</title>${item}</channel></rss>`).items[0];
          const text = field === 'title' ? parsed?.title : parsed?.summary;
          expect(text).toMatch(/^Before/);
          expect(text).not.toMatch(/<[a-z!/?]/i);
          expect(text).not.toContain('alert(1)');
        });
      }
    }
  }

  it('keeps double-escaped markup as the visible text the publisher wrote', () => {
    const doubly = xmlEscape(xmlEscape('Use <b> for bold'));
    const parsed = feedOf(`<rss><channel><title>t</title><item><guid>g</guid><title>t</title><description>${doubly}</description></item></channel></rss>`);
    expect(parsed.items[0]?.summary).toBe('Use <b> for bold');
  });
});
