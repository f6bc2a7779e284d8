import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import en from '@/components/ui/locales/en.json';
import fa from '@/components/ui/locales/fa.json';
import ar from '@/components/ui/locales/ar.json';
import { bundledLookup, makeT, type Translate } from '@/components/ui/i18n';
import { KIND_NAME } from '@/components/ui/labels';
import { createPageSession, navigateMentions, type Ask, type PageSession } from '@/entrypoints/content/page-session';
import { ALL_KINDS } from '@/utils/model/settings';
import type { Mention, MentionKind } from '@/utils/model/mention';
import type { CardData, PageSettings } from '@/utils/messaging/views';
import { entityCard, figureCard, roundCard } from '../components/fixtures';
import { parseHtml } from '../dom/load-fixture';

// Kind names in the reader's language, on the page: the card's kind line and the screen-reader announcement of the
// keyboard path. The sentences are our own; the background is a toy that finds three fixed phrases.

const FILLER = 'The delegations met for several hours and agreed to report back to their capitals before any further step.';
const ARTICLE = `<html><head><title>t</title></head><body><article>
  <p>Abbas Araghchi arrived in Muscat for the talks. ${FILLER}</p>
  <p>${FILLER} Some 3,000 people were said to be missing.</p>
</article></body></html>`;
const PHRASES: { text: string; kind: MentionKind; id: string; label: string }[] = [
  { text: 'Abbas Araghchi', kind: 'person', id: 'abbas-araghchi', label: 'Abbas Araghchi' },
  { text: 'the talks', kind: 'talks', id: 'talks', label: 'The talks' },
  { text: '3,000 people', kind: 'figure', id: 'missing', label: 'People missing' },
];

const SETTINGS: PageSettings = {
  active: true,
  kinds: [...ALL_KINDS],
  markMode: 'all',
  underline: 'default',
  tint: false,
  staleAfterDays: 3650,
  theme: 'auto',
  suppressed: [],
};

function cardFor(kind: MentionKind): CardData {
  if (kind === 'figure') return figureCard;
  if (kind === 'talks') return { ...roundCard, general: true };
  return entityCard;
}

let sessions: PageSession[] = [];
let root: ShadowRoot | undefined;

function start(t?: Translate): PageSession {
  parseHtml(ARTICLE);
  const ask = (async (type: string, req: unknown) => {
    if (type === 'page-settings') return SETTINGS;
    if (type === 'scan') {
      const text = (req as { text: string }).text;
      const out: Mention[] = [];
      for (const p of PHRASES) {
        const at = text.indexOf(p.text);
        if (at >= 0) out.push({ start: at, end: at + p.text.length, text: p.text, kind: p.kind, id: p.id, label: p.label });
      }
      return { mentions: out.sort((a, b) => a.start - b.start) };
    }
    if (type === 'card') return cardFor((req as { kind: MentionKind }).kind);
    return null;
  }) as Ask;
  const session = createPageSession({
    doc: document,
    ask,
    signal: new AbortController().signal,
    setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
    scheduleWatch: () => {},
    now: () => Date.parse('2026-07-10'),
    ...(t && { t }),
  });
  sessions.push(session);
  return session;
}

/** The card's kind line and the live region once the announcement is in (it is written a moment after the card). */
async function next(session: PageSession): Promise<{ kind: string | undefined; live: string | undefined; title: string | undefined }> {
  expect(await navigateMentions(session, 1)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    kind: root?.querySelector('.bs-kind')?.textContent ?? undefined,
    live: root?.querySelector('[data-testid="live-region"]')?.textContent ?? undefined,
    title: root?.querySelector('[data-testid="card-title"]')?.textContent ?? undefined,
  };
}

beforeEach(() => {
  const original = Element.prototype.attachShadow;
  // The card's root is closed: the test keeps the reference attachShadow returns, as our own code does.
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const shadow = original.call(this, init);
    if (this.localName === 'backstory-card') root = shadow;
    return shadow;
  });
  vi.stubGlobal('matchMedia', (q: string) => ({ matches: q.includes('reduce'), media: q, addEventListener() {}, removeEventListener() {} }));
});
afterEach(() => {
  for (const s of sessions) s.stop();
  sessions = [];
  root = undefined;
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('kind names on the page', () => {
  it('English by default: "Abbas Araghchi, person, 1 of 3", and the same word on the card', async () => {
    const session = start();
    await session.start();
    const first = await next(session);
    expect(first.live).toBe('Abbas Araghchi, person, 1 of 3');
    expect(first.kind).toBe('person');
  });

  it.each([
    ['fa', 'Abbas Araghchi، شخص، 1 از 3', 'شخص', 'مذاکرات · آخرین دور', 'رقم مورد اختلاف', 'People missing، رقم مورد اختلاف، 3 از 3'],
    ['ar', 'Abbas Araghchi، شخص، 1 من 3', 'شخص', 'المحادثات · أحدث جولة', 'رقم متنازع عليه', 'People missing، رقم متنازع عليه، 3 من 3'],
  ])('in the %s interface the card and the announcement name the kind in that language', async (lang, firstLive, person, talks, figure, lastLive) => {
    const session = start(makeT(bundledLookup(lang)));
    await session.start();
    const first = await next(session);
    expect(first.live).toBe(firstLive);
    expect(first.kind).toBe(person);
    // Pack data is shown as written.
    expect(first.title).toBe(entityCard.name);
    const second = await next(session);
    expect(second.kind).toBe(talks);
    const third = await next(session);
    expect(third.kind).toBe(figure);
    expect(third.live).toBe(lastLive);
  });
});

describe('the table of kind names', () => {
  type Table = Record<string, { message: string } | undefined>;
  it('has both forms of every kind, in English, Persian and Arabic, and the translations are not English', () => {
    for (const kind of ALL_KINDS) {
      for (const key of [KIND_NAME[kind].one, KIND_NAME[kind].many]) {
        const english = (en as Table)[key]?.message;
        expect(english, key).toBeTruthy();
        for (const table of [fa as Table, ar as Table]) {
          expect(table[key]?.message, key).toBeTruthy();
          expect(table[key]?.message, key).not.toBe(english);
        }
      }
    }
  });
});
