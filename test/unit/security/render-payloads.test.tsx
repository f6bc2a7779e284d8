/**
 * Every generated XSS payload through every component that shows pack or feed data: the element structure is exactly
 * the one plain strings give (no element of the payload's own), every payload's text appears as written, no `on*`
 * attribute exists, and every link is http(s) (mailto only for "report a wrong fact") with rel="noopener noreferrer".
 */
import type { ComponentChildren } from 'preact';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Card } from '@/components/Card/Card';
import { RoundSummary } from '@/components/RoundSummary/RoundSummary';
import { Timeline } from '@/components/Timeline/Timeline';
import { SourceList } from '@/components/SourceList/SourceList';
import { Headlines } from '@/components/Popup/Headlines';
import { WhatsNew } from '@/components/Popup/WhatsNew';
import { Freshness } from '@/components/Popup/Freshness';
import { PageMentions } from '@/components/Popup/PageMentions';
import { RoundsTimeline } from '@/components/Popup/RoundsTimeline';
import { SuppressionList } from '@/components/Sites/SuppressionList';
import { ImportSummary } from '@/components/Data/ImportSummary';
import type {
  ArticleView,
  ChangesView,
  EntityCardData,
  FigureCardData,
  RoundCardData,
  SourceView,
  TimelineItem,
} from '@/utils/messaging/views';
import { generatePayloads, type Payload } from '../../security/payloads.mjs';
import { generateHostileUrls } from '../../security/hostile-urls.mjs';

const PAYLOADS = generatePayloads();
const NOW = Date.parse('2026-11-26T12:00:00Z');

/** Text for one field: the payload first (so it is what a renderer meets), then the field name (so fields differ). */
type Text = (field: string) => string;
const plain: Text = (field) => `plain text for ${field}`;
const withPayload = (p: Payload): Text => (field) => `${p.text}#${field}`;

const link = (s: Text, n: number) => ({ url: `https://news.example/${n}`, host: 'news.example', publisher: s(`publisher${n}`), date: '2026-11-01' });

function entity(s: Text): EntityCardData {
  return {
    type: 'entity',
    asOf: '2026-11-25',
    packTitle: s('packTitle'),
    reportUrl: 'mailto:desk@report.example',
    sources: [link(s, 1), link(s, 2)],
    id: 'zarvan-kelm',
    kind: 'person',
    name: s('name'),
    aliases: [s('alias1'), s('alias2')],
    role: s('role'),
    side: s('side'),
    summary: s('summary'),
    positions: [
      { issue: s('issue1'), stance: s('stance1'), date: '2026-10-01', sources: [link(s, 3)] },
      { issue: s('issue2'), stance: s('stance2'), date: '2026-10-02', reported: true, sources: [] },
    ],
    rounds: [{ id: 'round-q1', label: s('roundLabel'), dateStart: '2026-11-20' }],
    coverage: [{ title: s('coverageTitle'), url: 'https://news.example/c', host: 'news.example', date: '2026-11-26' }],
    article: { date: '2026-10-01', newer: false, since: { rounds: 2, events: 1, latest: { label: s('sinceLabel'), venue: s('sinceVenue'), dateStart: '2026-11-20' } } },
  };
}

function timeline(s: Text): TimelineItem[] {
  return [
    { id: 'round-q0', label: s('timeline0'), dateStart: '2026-10-15', status: 'postponed', type: 'event', reported: true, current: false },
    { id: 'round-q1', label: s('timeline1'), dateStart: '2026-11-20', status: 'held', type: 'round', current: true },
  ];
}

function round(s: Text): RoundCardData {
  return {
    type: 'round',
    asOf: '2026-11-25',
    packTitle: s('packTitle'),
    reportUrl: 'https://report.example/fact',
    sources: [link(s, 1)],
    id: 'round-q1',
    general: false,
    label: s('label'),
    dateStart: '2026-11-20',
    dateEnd: '2026-11-21',
    venue: s('venue'),
    format: 'indirect',
    mediators: [s('mediator1'), s('mediator2')],
    delegations: [
      { side: s('sideA'), head: s('headA'), members: [s('memberA')] },
      { side: s('sideB'), head: s('headB'), members: [] },
    ],
    status: 'held',
    outcome: s('outcome'),
    nextStep: s('nextStep'),
    reported: true,
    timeline: timeline(s),
  };
}

function figure(s: Text): FigureCardData {
  return {
    type: 'figure',
    asOf: '2026-11-25',
    packTitle: s('packTitle'),
    sources: [link(s, 1)],
    id: 'quill-count',
    label: s('label'),
    unit: s('unit'),
    articleValue: 4321,
    claims: [
      { id: 'c1', claimant: s('claimantA'), value: 4321, bound: 'exact', qualifier: 'official', asOf: '2026-11-01', note: s('note1'), matched: true, sources: [link(s, 2)] },
      { id: 'c0', claimant: s('claimantA'), value: 4000, bound: 'about', asOf: '2026-10-01', note: s('note0'), matched: false, sources: [] },
      { id: 'c2', claimant: s('claimantB'), low: 4000, high: 5000, bound: 'about', asOf: '2026-11-02', note: s('note2'), reported: true, matched: false, sources: [] },
      { id: 'c3', claimant: s('claimantC'), bound: 'exact', asOf: '2026-11-03', note: s('note3'), matched: false, sources: [] },
    ],
  };
}

function source(s: Text, n: number): SourceView {
  return {
    id: `pack-${n}`,
    kind: n === 0 ? 'bundled' : 'pack',
    title: s(`sourceTitle${n}`),
    url: `https://packs.example/${n}.json`,
    version: '1.0.0',
    lastUpdated: NOW - 60_000,
    enabled: true,
    error: s(`sourceError${n}`),
    intervalMinutes: 60,
    nextDue: NOW + 60_000,
    items: 3,
    permissionMissing: n === 2,
    heldUpdate: { version: '2.0.0', entities: 1, currentEntities: 9 },
    warnings: [s(`warning${n}a`), s(`warning${n}b`)],
  };
}

function article(s: Text, n: number, url = `https://news.example/article-${n}`): ArticleView {
  return { id: `a${n}`, title: s(`articleTitle${n}`), url, host: 'news.example', date: '2026-11-26', sourceTitle: s(`articleSource${n}`) };
}

function changes(s: Text): ChangesView {
  return {
    since: NOW - 86_400_000,
    rounds: [{ id: 'round-q1', label: s('newRound'), dateStart: '2026-11-20', reported: true }],
    claims: [{ figureId: 'quill-count', figureLabel: s('figureLabel'), claimant: s('claimant'), value: s('value'), asOf: '2026-11-01', reported: true }],
    positions: [{ party: s('party'), issue: s('issue'), stance: s('stance'), date: '2026-10-01' }],
    articles: [article(s, 1)],
  };
}

const noop = () => {};

/** Each component under test, as a function of the field texts. */
const COMPONENTS: [string, (s: Text) => ComponentChildren][] = [
  ['entity card', (s) => <Card data={entity(s)} now={NOW} staleAfterDays={1} onNotThis={noop} onClose={noop} />],
  ['round card', (s) => <Card data={round(s)} now={NOW} staleAfterDays={1} onNotThis={noop} onClose={noop} />],
  ['talks card (general)', (s) => <Card data={{ ...round(s), general: true }} now={NOW} staleAfterDays={1} />],
  ['figure card', (s) => <Card data={figure(s)} now={NOW} staleAfterDays={1} onNotThis={noop} onClose={noop} />],
  [
    'RoundSummary',
    (s) => (
      <RoundSummary
        view={{
          round: round(s),
          pending: [
            { id: 'round-q2', label: s('pending2'), dateStart: '2026-11-24', venue: s('pendingVenue2'), status: 'planned' },
            { id: 'round-q3', label: s('pending3'), dateStart: '2026-12-24', venue: s('pendingVenue3'), status: 'planned', reported: true },
          ],
        }}
        now={NOW}
      />
    ),
  ],
  ['Timeline (strip)', (s) => <Timeline items={timeline(s)} now={NOW} />],
  ['Timeline (list)', (s) => <Timeline items={timeline(s)} now={NOW} variant="list" />],
  ['RoundsTimeline', (s) => <RoundsTimeline items={timeline(s)} now={NOW} />],
  [
    'SourceList',
    (s) => (
      <SourceList
        sources={[source(s, 0), source(s, 1), source(s, 2)]}
        now={NOW}
        errors={{ 'pack-1': s('actionError') }}
        onToggle={noop}
        onInterval={noop}
        onRefresh={noop}
        onConfirmUpdate={noop}
        onRemove={noop}
      />
    ),
  ],
  ['Headlines', (s) => <Headlines articles={[article(s, 1), article(s, 2)]} />],
  ['Headlines (error)', (s) => <Headlines articles={null} error={s('error')} />],
  ['WhatsNew', (s) => <WhatsNew changes={changes(s)} now={NOW} />],
  ['WhatsNew (error)', (s) => <WhatsNew changes={null} error={s('error')} now={NOW} />],
  [
    'Freshness',
    (s) => (
      <Freshness
        sources={[source(s, 1), { ...source(s, 2), refreshing: true }]}
        now={NOW}
        staleAfterDays={1}
        refreshing
        status={s('status')}
        error={s('error')}
        onRefresh={noop}
      />
    ),
  ],
  [
    'PageMentions',
    (s) => (
      <PageMentions
        site={s('site')}
        total={2}
        byKind={{ person: 1, figure: 1 }}
        items={[
          { index: 0, kind: 'person', label: s('label0'), text: s('text0') },
          { index: 1, kind: 'figure', label: s('label1'), text: s('text1') },
        ]}
        paused={false}
        pauseError={s('pauseError')}
        onShow={noop}
        onPauseChange={noop}
      />
    ),
  ],
  [
    'SuppressionList',
    (s) => (
      <SuppressionList
        items={[
          { site: s('site1'), id: 'zarvan-kelm', label: s('label1'), at: NOW },
          { site: s('site1'), id: 'orlith-vane', label: s('label2'), at: NOW },
        ]}
        error={s('error')}
        onUndo={noop}
      />
    ),
  ],
  ['ImportSummary', (s) => <ImportSummary plan={{ sources: 1, packs: 1, settings: 1, suppressions: 1, warnings: [s('w1'), s('w2')] }} />],
];

interface Inspection {
  tags: string[];
  onAttributes: string[];
  badLinks: string[];
  text: string;
}

/** The element structure (tag names in document order), event-handler attributes and links that break the rules. */
function inspect(container: Element): Inspection {
  const elements = [...container.querySelectorAll('*')];
  const onAttributes = elements.flatMap((el) =>
    [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.localName} ${a.name}>`),
  );
  const badLinks: string[] = [];
  for (const el of elements) {
    for (const attr of ['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'srcdoc']) {
      const value = el.getAttribute(attr);
      if (value === null) continue;
      if (el.localName !== 'a' || attr !== 'href') {
        badLinks.push(`<${el.localName} ${attr}="${value}">`);
        continue;
      }
      const isReport = el.classList.contains('bs-report');
      let protocol: string;
      try {
        protocol = new URL(value).protocol;
      } catch {
        protocol = 'unparsable';
      }
      const allowed = protocol === 'https:' || protocol === 'http:' || (isReport && protocol === 'mailto:');
      const rel = (el.getAttribute('rel') ?? '').split(/\s+/);
      if (!allowed || !rel.includes('noopener') || !rel.includes('noreferrer')) badLinks.push(`<a href="${value}" rel="${rel.join(' ')}">`);
    }
  }
  return { tags: elements.map((el) => el.localName), onAttributes, badLinks, text: container.textContent ?? '' };
}

function renderInspect(node: ComponentChildren): Inspection {
  const { container } = render(<>{node}</>);
  const result = inspect(container);
  cleanup();
  return result;
}

/** Field names a component was given, discovered by rendering it with a recording `Text`. */
function fieldsOf(make: (s: Text) => ComponentChildren): string[] {
  const fields: string[] = [];
  renderInspect(make((field) => {
    fields.push(field);
    return plain(field);
  }));
  return fields;
}

afterEach(cleanup);

describe('every payload through every component that shows data', () => {
  it('has a corpus of at least 200 payloads', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(200);
  });

  describe.each(COMPONENTS)('%s', (_name, make) => {
    const reference = renderInspect(make(plain));
    const fields = [...new Set(fieldsOf(make))];

    it('renders its own markup only, with safe links, for plain text', () => {
      expect(reference.onAttributes).toEqual([]);
      expect(reference.badLinks).toEqual([]);
      expect(reference.tags.length).toBeGreaterThan(0);
    });

    it(`keeps the same element structure and shows each of the ${PAYLOADS.length} payloads as written`, () => {
      const problems: string[] = [];
      for (const payload of PAYLOADS) {
        const s = withPayload(payload);
        const got = renderInspect(make(s));
        if (got.tags.join(' ') !== reference.tags.join(' ')) {
          const extra = got.tags.filter((t) => !reference.tags.includes(t));
          problems.push(`#${payload.id} ${payload.category}: structure changed (new elements: ${extra.join(', ') || 'none'})`);
        }
        if (got.onAttributes.length > 0) problems.push(`#${payload.id}: event handler attributes ${got.onAttributes.join(', ')}`);
        if (got.badLinks.length > 0) problems.push(`#${payload.id}: links ${got.badLinks.join(', ')}`);
        // Fields shown as visible text must read exactly as written (some fields are only attributes, e.g. aria labels).
        const missing = fields.filter((f) => reference.text.includes(plain(f)) && !got.text.includes(s(f)));
        if (missing.length > 0) problems.push(`#${payload.id} ${payload.category}: not shown literally: ${missing.join(', ')}`);
        if ((globalThis as { __pwned?: unknown }).__pwned !== undefined) problems.push(`#${payload.id}: window.__pwned was set`);
      }
      expect(problems).toEqual([]);
    });
  });
});

/** A deliberately unsafe component (it parses its text as HTML), to prove the inspection above would catch one. */
function UnsafeEcho({ text }: { text: string }) {
  return (
    <p
      ref={(el) => {
        if (!el) return;
        const parsed = new DOMParser().parseFromString(text, 'text/html');
        el.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
      }}
    />
  );
}

describe('the inspection catches an unsafe component (self-test)', () => {
  it('sees new elements, event handlers and script links in most payloads', () => {
    const reference = renderInspect(<UnsafeEcho text={plain('x')} />);
    const missed: string[] = [];
    for (const payload of PAYLOADS) {
      const got = renderInspect(<UnsafeEcho text={payload.text} />);
      const caught = got.tags.join(' ') !== reference.tags.join(' ') || got.onAttributes.length > 0 || got.badLinks.length > 0;
      if (!caught) missed.push(payload.category);
    }
    // Encoded payloads are inert text even to an HTML parser; every raw one must be caught, except `<body onload>`
    // inside a body, which an HTML parser folds into the existing <body> (outside what the component renders).
    const rawMissed = missed.filter((c) => /\/raw$|^template\/.*in-attribute|^nesting\//.test(c) && !c.startsWith('body-onload/'));
    expect(rawMissed).toEqual([]);
  });
});

describe('links in views stay http(s) even when a view model carries a hostile URL (second guard in the popup)', () => {
  const urls = generateHostileUrls();
  it.each([
    ['Headlines', (url: string) => <Headlines articles={[article(plain, 1, url)]} />],
    ['WhatsNew', (url: string) => <WhatsNew changes={{ ...changes(plain), articles: [article(plain, 1, url)] }} now={NOW} />],
  ] as const)('%s renders no link for any of the hostile URLs that are not web links', (_name, make) => {
    const problems: string[] = [];
    for (const u of urls) {
      const got = renderInspect(make(u.url));
      if (got.badLinks.length > 0) problems.push(`#${u.id} ${u.category}: ${got.badLinks.join(', ')}`);
      const anchors = got.tags.filter((t) => t === 'a').length;
      if (anchors !== 1) problems.push(`#${u.id}: ${anchors} anchors`);
    }
    expect(problems).toEqual([]);
  });
});
