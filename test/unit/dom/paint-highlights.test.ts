import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectText } from '@/utils/dom/collect-text';
import { createPainter, rangesFor, type HighlightApi, type PaintedMention } from '@/utils/dom/paint-highlights';
import { highlightCss, isHighlightName, markGroupOf, markStyleOf } from '@/utils/style/highlight-css';
import type { Mention, MentionKind } from '@/utils/model/mention';
import { parseHtml } from './load-fixture';

/** happy-dom has no StaticRange; this keeps the same constructor contract. */
class FakeStaticRange {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
  readonly collapsed: boolean;
  constructor(init: StaticRangeInit) {
    this.startContainer = init.startContainer;
    this.startOffset = init.startOffset;
    this.endContainer = init.endContainer;
    this.endOffset = init.endOffset;
    this.collapsed = init.startContainer === init.endContainer && init.startOffset === init.endOffset;
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

function mention(kind: MentionKind, id: string, start = 0, end = 1): Mention {
  return { kind, id, start, end, text: 'x', label: id };
}

/** A mark on a text node of its own, so each can be told apart in a highlight. */
function painted(kind: MentionKind, id: string): PaintedMention {
  const node = document.createTextNode(id);
  return { mention: mention(kind, id), ranges: [{ startContainer: node, startOffset: 0, endContainer: node, endOffset: 1 }] };
}

/** Whether the highlight holds a StaticRange made for the mark's range. */
function holds(highlight: FakeHighlight, mark: PaintedMention): boolean {
  const want = mark.ranges[0]!;
  return [...highlight].some(
    (r) =>
      r instanceof FakeStaticRange &&
      r.startContainer === want.startContainer &&
      r.startOffset === want.startOffset &&
      r.endOffset === want.endOffset,
  );
}

beforeEach(() => {
  vi.stubGlobal('StaticRange', FakeStaticRange);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('rangesFor', () => {
  it('makes one static range per text node piece', () => {
    const doc = parseHtml('<body><p>Foreign Minister <b>Abbas</b> Araghchi said</p></body>');
    const collected = collectText(doc.body);
    const start = collected.text.indexOf('Abbas');
    const ranges = rangesFor(collected, start, start + 'Abbas Araghchi'.length);
    expect(ranges).toHaveLength(2);
    expect(ranges.map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset))).toEqual([
      'Abbas',
      ' Araghchi',
    ]);
    expect(ranges.every((r) => r.startContainer === r.endContainer)).toBe(true);
  });
});

describe('markGroupOf', () => {
  it('groups kinds', () => {
    expect((['person', 'org', 'place', 'event', 'term'] as const).map(markGroupOf)).toEqual(Array(5).fill('entity'));
    expect(markGroupOf('talks')).toBe('talks');
    expect(markGroupOf('round')).toBe('talks');
    expect(markGroupOf('figure')).toBe('figure');
  });
});

describe('createPainter', () => {
  it('reports unsupported where the API is missing and paints nothing', () => {
    const painter = createPainter(document);
    expect(painter.supported).toBe(false);
    expect(() => painter.paint([painted('person', 'a')])).not.toThrow();
  });

  it('uses random, distinct, CSS-safe names per painter', () => {
    const a = createPainter(document, { api: fakeApi() });
    const b = createPainter(document, { api: fakeApi() });
    const names = [...Object.values(a.names), ...Object.values(b.names)];
    expect(new Set(names).size).toBe(6);
    for (const name of names) expect(name).toMatch(/^bs-[a-z0-9]{8}$/);
  });

  it('replaces unusable names instead of throwing', () => {
    const painter = createPainter(document, {
      api: fakeApi(),
      names: { entity: 'x) { } body { display:none', talks: 't', figure: 'f' },
    });
    expect(painter.names.entity).toMatch(/^bs-/);
  });

  it('registers one highlight per group on first use, with figures on top', () => {
    const api = fakeApi();
    const painter = createPainter(document, { api });
    expect(api.map.size).toBe(0);
    const person = painted('person', 'araghchi');
    const round = painted('round', 'r2');
    const figure = painted('figure', 'deaths');
    painter.paint([person, round, figure, painted('org', 'iaea')]);
    expect(api.map.size).toBe(3);
    const entity = api.map.get(painter.names.entity)!;
    expect(entity.size).toBe(2);
    expect(holds(entity, person)).toBe(true);
    expect(holds(api.map.get(painter.names.talks)!, round)).toBe(true);
    expect(api.map.get(painter.names.figure)!.priority).toBeGreaterThan(entity.priority);
  });

  it('unpaints exactly the given mentions, and can paint them again', () => {
    const api = fakeApi();
    const painter = createPainter(document, { api });
    const a = painted('person', 'a');
    const b = painted('person', 'a');
    painter.paint([a, b]);
    painter.unpaint([a, painted('person', 'never-painted')]);
    const entity = api.map.get(painter.names.entity)!;
    expect(holds(entity, a)).toBe(false);
    expect(holds(entity, b)).toBe(true);
    painter.paint([a]);
    expect(holds(entity, a)).toBe(true);
  });

  it('removes by id, by test, and clears its own registrations only', () => {
    const api = fakeApi();
    const painter = createPainter(document, { api });
    const a = painted('person', 'a');
    const b = painted('person', 'b');
    const f = painted('figure', 'f');
    painter.paint([a, b, f]);
    painter.remove(['a']);
    const entity = api.map.get(painter.names.entity)!;
    expect(holds(entity, a)).toBe(false);
    expect(holds(entity, b)).toBe(true);
    painter.removeWhere((p) => p.mention.kind === 'figure');
    expect(api.map.get(painter.names.figure)!.size).toBe(0);

    const pageOwned = new FakeHighlight();
    api.map.set(painter.names.talks, pageOwned);
    painter.paint([painted('talks', 't')]); // our talks highlight is the one we created, not pageOwned
    api.map.set(painter.names.talks, pageOwned);
    painter.clear();
    expect(api.map.has(painter.names.entity)).toBe(false);
    expect(api.map.get(painter.names.talks)).toBe(pageOwned);
    painter.paint([a]);
    expect(api.map.get(painter.names.entity)!.size).toBe(1);
  });
});

describe('highlightCss', () => {
  const names = { entity: 'bs-e', talks: 'bs-t', figure: 'bs-f' };

  it('writes one rule per group with the default underline styles and a dark variant', () => {
    const css = highlightCss(names);
    expect(css).toMatch(/::highlight\(bs-e\) \{[^}]*text-decoration-style: solid/);
    expect(css).toMatch(/::highlight\(bs-t\) \{[^}]*text-decoration-style: dotted/);
    expect(css).toMatch(/::highlight\(bs-f\) \{[^}]*text-decoration-style: wavy/);
    expect(css).toContain('@media (prefers-color-scheme: dark)');
    expect(css).not.toContain('background-color');
  });

  it('honours style options and a fixed scheme', () => {
    const css = highlightCss(names, { underline: { entity: 'dashed' }, background: true, scheme: 'dark' });
    expect(css).toMatch(/::highlight\(bs-e\) \{[^}]*dashed[^}]*background-color/);
    expect(css).not.toContain('@media');
    expect(css.match(/::highlight/g)).toHaveLength(3);
  });

  it('follows the reader\'s appearance settings: underline, tint and theme', () => {
    const light = highlightCss(names, markStyleOf({ underline: 'dashed', tint: true, theme: 'light' }));
    expect(light.match(/text-decoration-style: dashed/g)).toHaveLength(3);
    expect(light).toContain('background-color');
    expect(light).not.toContain('@media');
    expect(light).toContain('rgb(37 99 235 / 0.85)');
    const dark = highlightCss(names, markStyleOf({ underline: 'default', tint: false, theme: 'dark' }));
    expect(dark).not.toContain('@media');
    expect(dark).not.toContain('rgb(37 99 235');
    expect(dark).toContain('rgb(147 197 253 / 0.9)');
    expect(dark).toMatch(/::highlight\(bs-t\) \{[^}]*dotted/);
    const auto = highlightCss(names, markStyleOf({ underline: 'default', tint: false, theme: 'auto' }));
    expect(auto).toBe(highlightCss(names));
    // Deterministic: the background removes injected rules by passing the very same text again.
    expect(highlightCss(names, markStyleOf({ underline: 'wavy', tint: true, theme: 'dark' }))).toBe(
      highlightCss(names, markStyleOf({ underline: 'wavy', tint: true, theme: 'dark' })),
    );
  });

  it('accepts only plain lowercase identifiers as names', () => {
    expect(isHighlightName('bs-a1b2')).toBe(true);
    for (const bad of ['', '1a', 'a b', 'a)', 'A', 'a'.repeat(65), 42, null]) expect(isHighlightName(bad)).toBe(false);
  });

  it('rejects names and styles that would inject CSS', () => {
    expect(() => highlightCss({ ...names, talks: 'a) {} * { color: red' })).toThrow();
    const css = highlightCss(names, { underline: { figure: 'wavy; color: red' as never } });
    expect(css).not.toContain('color: red');
  });
});
