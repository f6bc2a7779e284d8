import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPageSession, navigateMentions, type Ask, type PageSession } from '@/entrypoints/content/page-session';
import type { HighlightApi } from '@/utils/dom/paint-highlights';
import type { Mention, MentionKind } from '@/utils/model/mention';
import type { EntityCardData, PageSettings } from '@/utils/messaging/views';
import { parseHtml } from '../dom/load-fixture';

/** happy-dom has no StaticRange or Custom Highlight API: the same contracts, in memory. */
class FakeStaticRange {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
  constructor(init: StaticRangeInit) {
    this.startContainer = init.startContainer;
    this.startOffset = init.startOffset;
    this.endContainer = init.endContainer;
    this.endOffset = init.endOffset;
  }
}
class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
}
function fakeApi(): HighlightApi & { map: Map<string, FakeHighlight> } {
  const map = new Map<string, FakeHighlight>();
  return {
    map,
    registry: {
      set: (name: string, h: Highlight) => (map.set(name, h as unknown as FakeHighlight), undefined as never),
      get: (name: string) => map.get(name) as unknown as Highlight | undefined,
      delete: (name: string) => map.delete(name),
    },
    createHighlight: () => new FakeHighlight() as unknown as Highlight,
  };
}

/** A toy matcher standing in for the background: fixed names, every occurrence. */
const NAMES: { text: string; id: string; kind: MentionKind; label: string }[] = [
  { text: 'Abbas Araghchi', id: 'abbas-araghchi', kind: 'person', label: 'Abbas Araghchi' },
  { text: 'Witkoff', id: 'steve-witkoff', kind: 'person', label: 'Steve Witkoff' },
  { text: 'Muscat', id: 'muscat', kind: 'place', label: 'Muscat' },
];
function match(text: string): Mention[] {
  const out: Mention[] = [];
  for (const name of NAMES) {
    for (let at = text.indexOf(name.text); at >= 0; at = text.indexOf(name.text, at + 1)) {
      out.push({ start: at, end: at + name.text.length, text: name.text, kind: name.kind, id: name.id, label: name.label });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const SETTINGS: PageSettings = {
  active: true,
  kinds: ['person', 'org', 'place', 'event', 'term', 'talks', 'round', 'figure'],
  markMode: 'all',
  underline: 'default',
  tint: false,
  staleAfterDays: 90,
  theme: 'auto',
  suppressed: [],
};

function card(id: string, name: string): EntityCardData {
  return {
    type: 'entity', id, kind: 'person', name, aliases: [], summary: 'A person.', positions: [], rounds: [], coverage: [],
    asOf: '2026-06-30', packTitle: 'Test pack', sources: [],
  };
}

const FILLER = 'The delegations met for several hours and agreed to report back to their capitals before any further step.';
const ARTICLE = `<html><head><title>t</title></head><body><nav><a id="home" href="#">Home</a></nav><article>
  <p>Abbas Araghchi met the envoy Witkoff in Muscat. ${FILLER}</p>
  <p>${FILLER} Witkoff said the talks in Muscat went well.</p>
  <p>Later, Abbas Araghchi spoke to reporters. ${FILLER}</p>
</article></body></html>`;

interface Harness {
  session: PageSession;
  calls: { type: string; req: unknown }[];
  api: ReturnType<typeof fakeApi>;
  settings: { current: PageSettings };
  painted(): string[];
  flush(): Promise<void>;
}

let sessions: PageSession[] = [];

function setup(html = ARTICLE, initial: Partial<PageSettings> = {}, options: { noHighlightApi?: boolean } = {}): Harness {
  parseHtml(html);
  const calls: { type: string; req: unknown }[] = [];
  const settings = { current: { ...SETTINGS, ...initial } };
  const api = fakeApi();
  const ask = (async (type: string, req: unknown) => {
    calls.push({ type, req });
    switch (type) {
      case 'page-settings':
        return settings.current;
      case 'scan':
        return { mentions: match((req as { text: string }).text) };
      case 'inject-styles':
        return { ok: false };
      case 'card': {
        const { id } = req as { id: string };
        return card(id, NAMES.find((n) => n.id === id)?.label ?? id);
      }
      case 'not-this':
        return { ok: true };
      default:
        return null;
    }
  }) as Ask;
  const pending: (() => void)[] = [];
  const controller = new AbortController();
  const session = createPageSession({
    doc: document,
    ask,
    signal: controller.signal,
    setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
    ...(options.noHighlightApi ? {} : { highlightApi: api }),
    scheduleWatch: (run) => pending.push(run),
  });
  sessions.push(session);
  return {
    session,
    calls,
    api,
    settings,
    painted() {
      const out: string[] = [];
      for (const h of api.map.values()) {
        for (const r of h) out.push((r.startContainer as Text).data.slice(r.startOffset, r.endOffset));
      }
      return out.sort();
    },
    async flush() {
      // MutationObserver callbacks are microtasks; then the watcher's batch, then the queued scans.
      await new Promise((r) => setTimeout(r, 0));
      while (pending.length > 0) pending.shift()?.();
      await session.idle();
    },
  };
}

beforeEach(() => {
  vi.stubGlobal('StaticRange', FakeStaticRange);
  // Instant scrolling: navigation then opens the card without waiting for a smooth scroll.
  vi.stubGlobal('matchMedia', (q: string) => ({ matches: q.includes('reduce'), media: q, addEventListener() {}, removeEventListener() {} }));
});
afterEach(() => {
  for (const s of sessions) s.stop();
  sessions = [];
  vi.unstubAllGlobals();
});

describe('page session: settings', () => {
  it('does nothing at all on an inactive site: no scan, no style, no highlight', async () => {
    const h = setup(ARTICLE, { active: false });
    await h.session.start();
    expect(h.calls.map((c) => c.type)).toEqual(['page-settings']);
    expect(h.api.map.size).toBe(0);
    expect(document.querySelectorAll('style, backstory-card')).toHaveLength(0);
  });

  it('paints every mention, with our <style> only once there is one', async () => {
    const h = setup();
    await h.session.start();
    expect(h.calls.map((c) => c.type)).toEqual(['page-settings', 'scan', 'inject-styles']);
    expect(h.painted()).toEqual(['Abbas Araghchi', 'Abbas Araghchi', 'Muscat', 'Muscat', 'Witkoff', 'Witkoff']);
    expect(document.head.querySelectorAll('style')).toHaveLength(1);
    expect(h.session.counts().total).toBe(6);
  });

  it('filters by kinds, marks only the first mention, and drops suppressed ids', async () => {
    const h = setup(ARTICLE, { kinds: ['person'], markMode: 'first', suppressed: ['steve-witkoff'] });
    await h.session.start();
    expect(h.painted()).toEqual(['Abbas Araghchi']);
    // The first in reading order: the one in the first paragraph.
    const [first] = h.session.visible();
    expect(first?.ranges[0]?.startContainer.parentElement?.textContent?.startsWith('Abbas Araghchi met')).toBe(true);
  });

  it('without the Custom Highlight API draws the same marks in one overlay layer of ours, and removes it when paused', async () => {
    const h = setup(ARTICLE, {}, { noHighlightApi: true });
    const serialize = () => new XMLSerializer().serializeToString(document.body);
    const before = serialize();
    await h.session.start();
    expect(h.session.visible().length).toBe(6);
    // One zero-size, out-of-flow host with a closed shadow root; the article, the head and CSS.highlights untouched.
    const hosts = [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.shadowRoot).toBeNull();
    expect(hosts[0]!.getAttribute('style')).toContain('position: absolute !important');
    expect(hosts[0]!.getAttribute('style')).toContain('pointer-events: none !important');
    expect(serialize()).toBe(before);
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
    expect(h.calls.map((c) => c.type)).not.toContain('inject-styles');
    h.settings.current = { ...SETTINGS, active: false };
    await h.session.settingsChanged();
    expect([...document.documentElement.children].filter((e) => e !== document.head && e !== document.body)).toHaveLength(0);
  });

  it('repaints on settings-changed: cleared when paused, painted again when resumed, restyled in place', async () => {
    const h = setup();
    await h.session.start();
    h.settings.current = { ...SETTINGS, active: false };
    await h.session.settingsChanged();
    expect(h.painted()).toEqual([]);
    expect(h.api.map.size).toBe(0);
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
    h.settings.current = { ...SETTINGS, underline: 'wavy', tint: true };
    await h.session.settingsChanged();
    expect(h.painted()).toHaveLength(6);
    const css = document.head.querySelector('style')?.textContent ?? '';
    expect(css).toContain('text-decoration-style: wavy');
    expect(css).toContain('background-color');
    h.settings.current = { ...SETTINGS, kinds: ['place'] };
    await h.session.settingsChanged();
    expect(h.painted()).toEqual(['Muscat', 'Muscat']);
    expect(h.calls.filter((c) => c.type === 'scan')).toHaveLength(2); // once per activation, not per change
  });

  it('marks take the reader\'s theme: a theme change alone rewrites our rules (or asks for new injected ones)', async () => {
    const h = setup(ARTICLE, { theme: 'dark' });
    await h.session.start();
    const style = () => document.head.querySelector('style')?.textContent ?? '';
    expect(style()).not.toContain('@media');
    expect(style()).toContain('rgb(147 197 253 / 0.9)');
    h.settings.current = { ...SETTINGS, theme: 'light' };
    await h.session.settingsChanged();
    expect(style()).not.toContain('@media');
    expect(style()).toContain('rgb(37 99 235 / 0.85)');
    expect(style()).not.toContain('rgb(147 197 253');
    h.settings.current = { ...SETTINGS, theme: 'auto' };
    await h.session.settingsChanged();
    expect(style()).toContain('@media (prefers-color-scheme: dark)');
    expect(document.head.querySelectorAll('style')).toHaveLength(1);
  });

  it('where the background injects the rules, a new look gets new names and one new injection', async () => {
    const h = setup();
    const injected: string[][] = [];
    // The harness answers inject-styles with ok: false; this session's background injects.
    h.session.stop();
    parseHtml(ARTICLE);
    const api = fakeApi();
    const session = createPageSession({
      doc: document,
      ask: (async (type: string, req: unknown) => {
        if (type === 'page-settings') return h.settings.current;
        if (type === 'scan') return { mentions: match((req as { text: string }).text) };
        if (type === 'inject-styles') {
          injected.push(Object.values((req as { names: Record<string, string> }).names));
          return { ok: true };
        }
        return null;
      }) as Ask,
      signal: new AbortController().signal,
      setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
      clearTimeout: (id) => clearTimeout(id),
      highlightApi: api,
      scheduleWatch: () => {},
    });
    sessions.push(session);
    await session.start();
    expect(injected).toHaveLength(1);
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
    h.settings.current = { ...SETTINGS, theme: 'dark' };
    await session.settingsChanged();
    expect(injected).toHaveLength(2);
    expect(injected[1]).not.toEqual(injected[0]);
    // Only new names hold ranges (names and places are one group: one highlight).
    const registered = [...api.map.keys()];
    expect(registered.length).toBeGreaterThan(0);
    expect(registered.every((name) => injected[1]!.includes(name))).toBe(true);
    h.settings.current = { ...SETTINGS, theme: 'dark', kinds: ['person'] };
    await session.settingsChanged();
    expect(injected).toHaveLength(2);
  });

  it('sends nothing from a page with too little text', async () => {
    const h = setup('<html><body><p>Abbas Araghchi.</p></body></html>');
    await h.session.start();
    expect(h.calls.map((c) => c.type)).toEqual(['page-settings']);
  });
});

describe('page session: dynamic pages', () => {
  it('scans only new paragraphs, with the same date context (and as part of a relevant page), and never paints a mark twice', async () => {
    const h = setup(ARTICLE.replace('<title>t</title>', '<title>t</title><meta property="article:published_time" content="2026-02-08">'));
    await h.session.start();
    const p = document.createElement('p');
    p.textContent = `Witkoff returned to Muscat on Monday. ${FILLER}`;
    document.querySelector('article')?.append(p);
    await h.flush();
    const scans = h.calls.filter((c) => c.type === 'scan').map((c) => c.req as { text: string; context: { date?: string } });
    expect(scans).toHaveLength(2);
    expect(scans[1]?.text.trim()).toBe(p.textContent);
    expect(scans[0]?.context).toEqual({ date: '2026-02-08' });
    // The first scan found marks: the new text is not put through the relevance gate on its own.
    expect(scans[1]?.context).toEqual({ date: '2026-02-08', relevant: true });
    expect(h.painted()).toHaveLength(8);
    // The same text written again (a framework re-render) costs no scan.
    const text = p.firstChild as Text;
    text.data = `${text.data}`;
    await h.flush();
    expect(h.calls.filter((c) => c.type === 'scan')).toHaveLength(2);
  });

  it('paints only where the text is still what was sent; a line break inside a node was sent as a space', async () => {
    parseHtml(ARTICLE.replace('Later, Abbas Araghchi spoke', 'Later, Abbas\nAraghchi spoke'));
    const api = fakeApi();
    const pending: (() => void)[] = [];
    let hold: Promise<void> | null = null;
    const session = createPageSession({
      doc: document,
      ask: (async (type: string, req: unknown) => {
        if (type === 'page-settings') return SETTINGS;
        if (type === 'scan') {
          const mentions = match((req as { text: string }).text);
          if (hold) await hold;
          return { mentions };
        }
        return type === 'inject-styles' ? { ok: false } : null;
      }) as Ask,
      signal: new AbortController().signal,
      setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
      clearTimeout: (id) => clearTimeout(id),
      highlightApi: api,
      scheduleWatch: (run) => pending.push(run),
    });
    sessions.push(session);
    await session.start();
    const painted = () => [...api.map.values()].flatMap((h) => [...h].map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset)));
    // The name split by a line break inside one text node was sent as "Abbas Araghchi", and is marked.
    expect(painted().filter((t) => t === 'Abbas\nAraghchi')).toHaveLength(1);
    // The page changes a new paragraph's text while the background is matching it: no mark on the new words.
    let release = () => {};
    hold = new Promise<void>((resolve) => (release = resolve));
    const p = document.createElement('p');
    p.textContent = `Witkoff flew home. ${FILLER}`;
    document.querySelector('article')!.append(p);
    await new Promise((r) => setTimeout(r, 0));
    while (pending.length > 0) pending.shift()?.();
    (p.firstChild as Text).data = `Kushner flew home. ${FILLER}`;
    release();
    await session.idle();
    const inNew = [...api.map.values()].flatMap((h) => [...h]).filter((r) => r.startContainer === p.firstChild);
    expect(inNew).toHaveLength(0);
  });

  it('re-finds marks when a paragraph is re-rendered, and drops marks of removed text', async () => {
    const h = setup();
    await h.session.start();
    const [first, second] = Array.from(document.querySelectorAll('article p'));
    first!.replaceChildren(document.createTextNode('Abbas Araghchi'), document.createTextNode(` met the envoy Witkoff. ${FILLER}`));
    await h.flush();
    expect(h.painted()).toEqual(['Abbas Araghchi', 'Abbas Araghchi', 'Muscat', 'Witkoff', 'Witkoff']);
    second!.remove();
    await h.flush();
    expect(h.painted()).toEqual(['Abbas Araghchi', 'Abbas Araghchi', 'Witkoff']);
    for (const hl of h.api.map.values()) for (const r of hl) expect(r.startContainer.isConnected).toBe(true);
  });

  it('keeps the open card through a re-render of its paragraph, moved to the same mention in the new text', async () => {
    let root: ShadowRoot | undefined;
    const original = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      return (root = original.call(this, init));
    });
    const h = setup();
    await h.session.start();
    await navigateMentions(h.session, 1); // Abbas Araghchi, first paragraph
    expect(root?.querySelector('[data-testid="card"]')).not.toBeNull();
    const before = h.session.current();
    const first = document.querySelector('article p')!;
    first.replaceChildren(document.createTextNode(first.textContent ?? ''));
    await h.flush();
    const after = h.session.current();
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    expect(after?.mention.text).toBe('Abbas Araghchi');
    expect(after?.ranges[0]?.startContainer.isConnected).toBe(true);
    expect(root?.querySelector('[data-testid="card"]')).not.toBeNull(); // the card stayed open
    vi.restoreAllMocks();
    // Still the keyboard's place: the next mention follows it.
    await navigateMentions(h.session, 1);
    expect(h.session.current()?.mention.text).toBe('Witkoff');
  });

  it('rescans from scratch on a same-document navigation', async () => {
    const h = setup();
    await h.session.start();
    document.querySelector('article')!.replaceChildren(
      Object.assign(document.createElement('p'), { textContent: `A new story: Witkoff flew home. ${FILLER} ${FILLER}` }),
    );
    await h.session.rescan();
    expect(h.painted()).toEqual(['Witkoff']);
  });
});

describe('page session: keyboard path', () => {
  it('navigateMentions walks the marks in reading order, wraps, opens the card and announces it', async () => {
    const h = setup();
    await h.session.start();
    (document.getElementById('home') as HTMLElement).focus();
    expect(await navigateMentions(h.session, 1)).toBe(true);
    expect(h.session.current()?.mention.text).toBe('Abbas Araghchi');
    const host = document.querySelector('backstory-card');
    expect(host).not.toBeNull();
    expect(document.activeElement).toBe(host); // focus inside our (closed) shadow root
    const cardCalls = h.calls.filter((c) => c.type === 'card');
    expect(cardCalls.at(-1)?.req).toMatchObject({ kind: 'person', id: 'abbas-araghchi' });
    const order: string[] = [h.session.current()!.mention.text];
    for (let i = 0; i < 6; i++) {
      await navigateMentions(h.session, 1);
      order.push(h.session.current()!.mention.text);
    }
    expect(order).toEqual(['Abbas Araghchi', 'Witkoff', 'Muscat', 'Witkoff', 'Muscat', 'Abbas Araghchi', 'Abbas Araghchi']);
    await navigateMentions(h.session, -1);
    expect(h.session.current()?.mention.text).toBe('Abbas Araghchi');
    expect(h.session.visible().indexOf(h.session.current()!)).toBe(5);
  });

  it('show-mention opens the card of the popup’s item', async () => {
    const h = setup();
    await h.session.start();
    const items = h.session.counts().items;
    expect(items.map((i) => i.label)).toEqual(['Abbas Araghchi', 'Steve Witkoff', 'Muscat', 'Steve Witkoff', 'Muscat', 'Abbas Araghchi']);
    expect(await h.session.showMention(2)).toBe(true);
    expect(h.calls.at(-1)).toMatchObject({ type: 'card', req: { id: 'muscat' } });
    expect(await h.session.showMention(99)).toBe(false);
  });

  it('goes nowhere on a page without marks', async () => {
    const h = setup(ARTICLE, { active: false });
    await h.session.start();
    expect(await navigateMentions(h.session, 1)).toBe(false);
  });

  it('stops cleanly: marks, style and card gone, later messages ignored', async () => {
    const h = setup();
    await h.session.start();
    await navigateMentions(h.session, 1);
    h.session.stop();
    expect(h.api.map.size).toBe(0);
    expect(document.querySelectorAll('style, backstory-card')).toHaveLength(0);
    await h.session.settingsChanged();
    expect(await navigateMentions(h.session, 1)).toBe(false);
  });
});

describe('page session: an article in open shadow roots', () => {
  const replaceSync = CSSStyleSheet.prototype.replaceSync;
  afterEach(() => {
    CSSStyleSheet.prototype.replaceSync = replaceSync;
  });
  const PAGE = `<html><head><title>t</title></head><body><article>
  <p>Muscat was quiet on Friday. ${FILLER}</p>
  <news-story id="story"></news-story>
  <side-note id="note"></side-note>
  <p>${FILLER} Witkoff left on Sunday.</p>
</article></body></html>`;

  function shadowPage(initial: Partial<PageSettings> = {}) {
    const h = setup(PAGE, initial);
    const story = document.getElementById('story')!.attachShadow({ mode: 'open' });
    const own = new CSSStyleSheet();
    story.adoptedStyleSheets.push(own);
    for (const text of [`Abbas Araghchi met the envoy Witkoff. ${FILLER}`, `${FILLER} The next round is in Muscat.`]) {
      const p = document.createElement('p');
      p.textContent = text;
      story.append(p);
    }
    const note = document.getElementById('note')!.attachShadow({ mode: 'open' });
    note.append(document.createTextNode(FILLER));
    const sheetTexts: string[] = [];
    CSSStyleSheet.prototype.replaceSync = function (this: CSSStyleSheet, text: string) {
      sheetTexts.push(text);
      return replaceSync.call(this, text);
    };
    return { h, story, note, own, sheetTexts };
  }

  it('marks text in open shadow roots, in reading order, and styles it there with one adopted sheet, only while marked', async () => {
    const { h, story, note, own, sheetTexts } = shadowPage();
    await h.session.start();
    expect(h.painted()).toEqual(['Abbas Araghchi', 'Muscat', 'Muscat', 'Witkoff', 'Witkoff']);
    // Reading order goes through the shadow root where its host stands.
    expect(h.session.counts().items.map((i) => i.text)).toEqual(['Muscat', 'Abbas Araghchi', 'Witkoff', 'Muscat', 'Witkoff']);
    expect(story.adoptedStyleSheets).toHaveLength(2);
    expect(story.adoptedStyleSheets[0]).toBe(own);
    const ours = story.adoptedStyleSheets[1]!;
    expect(note.adoptedStyleSheets).toHaveLength(0);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    const names = [...h.api.map.keys()];
    expect(sheetTexts.at(-1)).toContain(`::highlight(${names[0]})`);
    expect(sheetTexts.at(-1)).toContain('!important');
    // The same names and rules as the document's <style>.
    expect(sheetTexts.at(-1)).toBe(document.head.querySelector('style')?.textContent);

    // Only names and places outside the shadow root: our sheet goes; back when marks are.
    h.settings.current = { ...SETTINGS, kinds: ['org'] };
    await h.session.settingsChanged();
    expect(story.adoptedStyleSheets).toEqual([own]);
    h.settings.current = { ...SETTINGS, underline: 'wavy' };
    await h.session.settingsChanged();
    expect(story.adoptedStyleSheets).toEqual([own, ours]);
    expect(sheetTexts.at(-1)).toContain('text-decoration-style: wavy');

    // Text the component adds later is watched and marked.
    const p = document.createElement('p');
    p.textContent = `Abbas Araghchi returned. ${FILLER}`;
    story.append(p);
    await h.flush();
    expect(h.painted().filter((t) => t === 'Abbas Araghchi')).toHaveLength(2);

    // The whole component removed: its marks go, and our sheet with them.
    document.getElementById('story')!.remove();
    await h.flush();
    expect(h.painted()).toEqual(['Muscat', 'Witkoff']);
    expect(story.adoptedStyleSheets).toEqual([own]);
  });

  it('pausing and stopping take our sheet away; an inactive page never gets one', async () => {
    const { h, story, own } = shadowPage();
    await h.session.start();
    expect(story.adoptedStyleSheets).toHaveLength(2);
    h.settings.current = { ...SETTINGS, active: false };
    await h.session.settingsChanged();
    expect(story.adoptedStyleSheets).toEqual([own]);
    h.settings.current = { ...SETTINGS };
    await h.session.settingsChanged();
    expect(story.adoptedStyleSheets).toHaveLength(2);
    h.session.stop();
    expect(story.adoptedStyleSheets).toEqual([own]);
    const quiet = shadowPage({ active: false });
    await quiet.h.session.start();
    expect(quiet.story.adoptedStyleSheets).toEqual([quiet.own]);
  });

  it('gives the hit tester the shadow roots with marks, so a caret inside them is found', async () => {
    const { h, story } = shadowPage();
    await h.session.start();
    const seen: unknown[] = [];
    Object.defineProperty(document, 'caretPositionFromPoint', {
      configurable: true,
      value: (...args: unknown[]) => {
        seen.push(args[2]);
        return null;
      },
    });
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const move = new PointerEvent('pointermove', { clientX: 3, clientY: 4 });
    Object.defineProperty(move, 'isTrusted', { value: true });
    document.dispatchEvent(move);
    frames.forEach((f) => f(0));
    expect(seen).toEqual([{ shadowRoots: [story] }]);
    Reflect.deleteProperty(document, 'caretPositionFromPoint');
  });
});
