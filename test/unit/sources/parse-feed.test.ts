// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../utils/sources/decode-body';
import { ENTITIES_REFUSED, FEED_LIMITS, parseFeed, type ParsedFeed } from '../../../utils/sources/parse-feed';

const text = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');
const BASE = 'https://wire.example/talks/feed.xml';

function feedOf(source: string, baseUrl = BASE): ParsedFeed {
  const result = parseFeed(source, { baseUrl });
  if (!result.ok) throw new Error(`expected a feed, got: ${result.error}`);
  return result.feed;
}

function errorOf(source: string): string {
  const result = parseFeed(source, { baseUrl: BASE });
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

const rss = (items: string, head = '') => `<?xml version="1.0"?>${head}<rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;

describe('parseFeed: RSS 2.0', () => {
  const feed = feedOf(text('talks-rss.xml'));

  it('reads the channel, ignoring a bare DOCTYPE with PUBLIC identifiers', () => {
    expect(feed.title).toBe('Backstory Test Wire & Desk');
    expect(feed.link).toBe('https://wire.example/talks');
    expect(feed.items).toHaveLength(4);
  });

  it('turns escaped HTML descriptions into plain text and drops scripts', () => {
    expect(feed.items[0]).toEqual({
      id: 'wire-2026-02-06-muscat',
      title: 'Delegations meet in Muscat for a new round',
      link: 'https://wire.example/talks/muscat-round',
      date: '2026-02-06T06:00:00.000Z',
      summary: 'Omani mediators shuttled between the two delegations & reported progress.',
    });
  });

  it('reads CDATA, named HTML entities, dc:date and relative links', () => {
    expect(feed.items[1]).toMatchObject({
      title: 'Geneva: talks "constructive", officials say',
      link: 'https://wire.example/talks/geneva-second-round',
      id: 'https://wire.example/talks/geneva-second-round',
      date: '2026-02-17T16:00:00.000Z',
      summary: 'The second round ended in Geneva with “constructive” remarks — no joint text.',
    });
  });

  it('drops a javascript: link, keeps the item, and leaves unknown entities as written', () => {
    expect(feed.items[2]).toEqual({
      id: 'hostile-1',
      title: 'Item with a hostile link',
      date: '2026-02-07T08:00:00.000Z',
      summary: 'Plain text with a literal <tag> and an unknown &foo; entity.',
    });
  });

  it('uses a permalink guid as the link when there is no <link>', () => {
    expect(feed.items[3]).toEqual({
      id: 'https://wire.example/talks/undated',
      title: 'No date here',
      link: 'https://wire.example/talks/undated',
      summary: '',
    });
  });

  it('ignores a bare DOCTYPE or one with a SYSTEM id, fetching nothing', () => {
    for (const doctype of ['<!DOCTYPE rss>', '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/rss.dtd">']) {
      expect(feedOf(rss('<item><guid>g</guid><title>t</title></item>', doctype)).items).toHaveLength(1);
    }
  });

  it('reads an empty channel as a feed with no items', () => {
    expect(feedOf(text('talks-empty.xml'))).toEqual({ title: 'Quiet desk', link: 'https://quiet.example/', items: [] });
  });

  it('reads a windows-1256 Arabic feed once its bytes are decoded by the declared charset', () => {
    const bytes = readFileSync(new URL('../../fixtures/feeds/arabic-windows-1256.xml', import.meta.url));
    const feed = feedOf(decodeBody(bytes, 'application/rss+xml'));
    expect(feed.title).toBe('مكتب الاختبار');
    expect(feed.items[0]).toMatchObject({
      title: 'عراقجي يصل إلى مسقط لجولة جديدة من المحادثات',
      summary: 'قال البوسعيدي إن الأجواء كانت إيجابية.',
      date: '2026-02-06T07:00:00.000Z',
    });
  });

  it('reads RSS 1.0 (RDF), whose items sit beside the channel', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel><title>RDF desk</title><link>https://rdf.example/</link></channel>
      <item><title>Round ends</title><link>https://rdf.example/a</link><dc:date>2026-02-06T12:00:00+03:30</dc:date></item>
    </rdf:RDF>`;
    expect(feedOf(rdf).items).toEqual([
      { id: 'https://rdf.example/a', title: 'Round ends', link: 'https://rdf.example/a', date: '2026-02-06T08:30:00.000Z', summary: '' },
    ]);
  });

  it('accepts bare ampersands, the commonest defect in real feeds', () => {
    const feed = feedOf(rss('<item><title>AT&T and P&G &amp; co</title><link>https://x.example/?a=1&b=2</link></item>'));
    expect(feed.items[0]).toMatchObject({ title: 'AT&T and P&G & co', link: 'https://x.example/?a=1&b=2' });
  });

  it('decodes numeric references, and turns invalid ones into U+FFFD', () => {
    const feed = feedOf(rss('<item><guid>n</guid><title>&#1593;&#x631;&#x627;&#1602;&#1670;&#1740; &#0; &#xD800; &#x110000;</title></item>'));
    expect(feed.items[0]?.title).toBe('عراقچی \uFFFD \uFFFD \uFFFD');
  });

  it('keeps only http(s) links and ignores credentials in them', () => {
    const schemes = ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'ftp://x.example/a', 'https://user:pw@x.example/'];
    for (const href of schemes) {
      const feed = feedOf(rss(`<item><guid isPermaLink="false">g</guid><title>x</title><link>${href}</link></item>`));
      expect(feed.items[0]?.link, href).toBeUndefined();
    }
  });

  it('caps items and string lengths', () => {
    const many = Array.from({ length: 700 }, (_, i) => `<item><guid>g${i}</guid><title>${'long '.repeat(200)}</title><description>${'word '.repeat(300)}</description></item>`).join('');
    const feed = feedOf(rss(many));
    expect(feed.items).toHaveLength(FEED_LIMITS.items);
    expect(feed.items[0]!.title.length).toBeLessThanOrEqual(FEED_LIMITS.titleLength);
    expect(feed.items[0]!.summary.length).toBeLessThanOrEqual(FEED_LIMITS.summaryLength);
    expect(feed.items[0]!.summary.endsWith('…')).toBe(true);
  });
});

describe('parseFeed: Atom 1.0', () => {
  const feed = feedOf(text('talks-atom.xml'));

  it('reads text constructs of each type, alternate links and dates', () => {
    expect(feed.title).toBe('Backstory Test Desk — Atom');
    expect(feed.link).toBe('https://desk.example/');
    expect(feed.items[0]).toEqual({
      id: 'tag:desk.example,2026:islamabad-track',
      title: 'Islamabad track opens after ceasefire',
      link: 'https://desk.example/islamabad-track',
      date: '2026-04-02T03:45:00.000Z',
      summary: 'Pakistani hosts say both sides sent technical teams & a written agenda <draft>.',
    });
  });

  it('reads xhtml content and resolves relative links against the feed address', () => {
    expect(feed.items[1]).toEqual({
      id: 'tag:desk.example,2026:burgenstock',
      title: 'Bürgenstock meeting postponed',
      link: 'https://wire.example/talks/burgenstock-postponed',
      date: '2026-05-11T07:00:00.000Z',
      summary: 'Officials cited scheduling.\nNo new date.',
    });
  });

  it('honours xml:base', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/news/"><title>B</title>
      <entry><id>e1</id><title>t</title><link href="item-1"/><updated>2026-02-06T00:00:00Z</updated></entry></feed>`;
    expect(feedOf(atom).items[0]?.link).toBe('https://base.example/news/item-1');
  });
});

describe('parseFeed: JSON Feed 1.1', () => {
  const feed = feedOf(text('talks-jsonfeed.json'));

  it('reads items, turns content_html into text and drops items without an id or link', () => {
    expect(feed.title).toBe('Backstory Test Notes (JSON Feed)');
    expect(feed.items).toEqual([
      {
        id: 'notes-doha-1',
        title: 'Doha hosts a technical session',
        link: 'https://notes.example/doha',
        date: '2026-06-03T06:00:00.000Z',
        summary: 'Experts discussed verification steps.',
      },
      { id: '42', title: '', date: '2026-06-04T10:00:00.000Z', summary: 'A note without a title about enrichment levels.' },
    ]);
  });

  it('says when JSON is not a JSON Feed', () => {
    expect(errorOf('{"format":1,"entities":[]}')).toMatch(/not a JSON Feed/);
    expect(errorOf('{"version":"https://jsonfeed.org/version/1.1","items":')).toMatch(/not valid JSON/);
  });
});

describe('parseFeed: errors say what and where', () => {
  it('gives the line of malformed XML', () => {
    expect(errorOf(text('malformed.xml'))).toBe(
      "The feed is not well-formed XML (line 7, column 5): Expected closing tag 'title' (opened in line 6, col 7) instead of closing tag 'item'.",
    );
  });

  it('says a truncated feed was cut off', () => {
    expect(errorOf(text('talks-rss.xml').slice(0, 900))).toMatch(/cut off|line \d+/);
    expect(errorOf('<rss version="2.0"><channel><title>x</title>')).toBe(
      'The feed ends before all its elements are closed (it may have been cut off)',
    );
  });

  it('recognises a login page, empty input and other XML', () => {
    expect(errorOf(text('login-page.html'))).toMatch(/web page, not a feed/);
    expect(errorOf('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')).toMatch(/web page/);
    expect(errorOf('  \n ')).toBe('The feed is empty');
    expect(errorOf('<svg xmlns="http://www.w3.org/2000/svg"/>')).toBe('This is XML but not an RSS or Atom feed (its root element is <svg>)');
    expect(errorOf('Service temporarily unavailable')).toBe('This is neither XML nor JSON, so it is not a feed');
  });

  it('refuses absurd nesting instead of recursing', () => {
    const deep = rss(`<item><guid>d</guid><title>t</title><x>${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</x></item>`);
    expect(errorOf(deep)).toMatch(/nests elements more than \d+ deep/);
  });
});

/**
 * Hostile XML, generated from categories (how the DOCTYPE is written × what it declares × how it is used) so each
 * combination is covered rather than a pasted list.
 */
describe('parseFeed: entity attacks', () => {
  const lol = (n: number) => `<!ENTITY lol${n} "${`&lol${n - 1};`.repeat(10)}">`;
  const payloads = {
    'billion laughs': `<!ENTITY lol0 "lol">${Array.from({ length: 9 }, (_, i) => lol(i + 1)).join('')}`,
    'quadratic blowup': `<!ENTITY big "${'x'.repeat(100_000)}">`,
    'external file': '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
    'external http': '<!ENTITY xxe SYSTEM "http://127.0.0.1:9/steal">',
    'parameter entity': '<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;',
    'element declaration only': '<!ELEMENT rss ANY>',
  } as const;
  const doctypes = {
    plain: (subset: string) => `<!DOCTYPE rss [${subset}]>`,
    lowercase: (subset: string) => `<!doctype rss [${subset}]>`,
    'with SYSTEM id': (subset: string) => `<!DOCTYPE rss SYSTEM "rss.dtd" [${subset}]>`,
    'with quoted > and [ in PUBLIC id': (subset: string) => `<!DOCTYPE rss PUBLIC "-//x>[//EN" "y" [${subset}]>`,
    'after a comment': (subset: string) => `<!-- hi --><!DOCTYPE rss [\n${subset}\n]>`,
  } as const;
  const uses = {
    'in text': '&lol9;&big;&big;&big;&xxe;',
    'in an attribute': '',
  } as const;

  for (const [payloadName, payload] of Object.entries(payloads)) {
    for (const [doctypeName, doctype] of Object.entries(doctypes)) {
      for (const [useName, use] of Object.entries(uses)) {
        it(`refuses ${payloadName}, DOCTYPE ${doctypeName}, used ${useName}`, () => {
          const body = useName === 'in text' ? `<item><guid>g</guid><title>${use.repeat(1000)}</title></item>` : '<item><guid a="&lol9;&big;">g</guid><title>t</title></item>';
          expect(errorOf(rss(body, doctype(payload)))).toBe(ENTITIES_REFUSED);
        });
      }
    }
  }

  it('refuses an <!ENTITY declaration anywhere, even outside a DOCTYPE', () => {
    expect(errorOf(`<rss><!ENTITY a "b"><channel><title>&a;</title></channel></rss>`)).toBe(ENTITIES_REFUSED);
  });

  it('leaves references to undeclared entities unexpanded, at the size they were written', () => {
    const refs = '&lol9;&xxe;&big;'.repeat(3000);
    const feed = feedOf(rss(`<item><guid>g</guid><title>t</title><description>${refs}</description></item>`));
    expect(feed.items[0]?.summary.startsWith('&lol9;&xxe;&big;')).toBe(true);
    expect(feed.items[0]!.summary.length).toBeLessThanOrEqual(FEED_LIMITS.summaryLength);
  });

  it('decodes XML, then HTML, once each: escaped markup ends up as text, never as tags', () => {
    const feed = feedOf(rss('<item><guid>g</guid><title>a &amp;amp; b</title><description>&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;</description></item>'));
    expect(feed.items[0]).toMatchObject({ title: 'a & b', summary: '<b>bold</b>' });
  });
});
