/**
 * Paints mentions with the CSS Custom Highlight API: StaticRanges in one `Highlight` per mark group, registered under
 * names random per page load. The page's DOM is never changed, and `CSS.highlights` holds nothing but ranges.
 */

import type { Mention, MentionKind } from '../model/mention';
import type { Id } from '../model/pack';
import { piecesFor, type CollectedText, type TextPiece } from './collect-text';

/** How marks look: names and places, the talks and their rounds, disputed figures. */
export type MarkGroup = 'entity' | 'talks' | 'figure';

export const MARK_GROUPS: readonly MarkGroup[] = ['entity', 'talks', 'figure'];

export function markGroupOf(kind: MentionKind): MarkGroup {
  switch (kind) {
    case 'talks':
    case 'round':
      return 'talks';
    case 'figure':
      return 'figure';
    default:
      return 'entity';
  }
}

export interface PaintedMention {
  mention: Mention;
  ranges: StaticRange[];
}

export interface Painter {
  /** Adds marks; painting the same PaintedMention object twice is a no-op. */
  paint(mentions: readonly PaintedMention[]): void;
  /** Removes every mark of these ids (entity, round or figure ids), e.g. after "not this". */
  remove(ids: Iterable<Id>): void;
  /** Removes the marks the test picks, e.g. those on text nodes that changed. */
  removeWhere(test: (painted: PaintedMention) => boolean): void;
  /** Removes every mark and unregisters the highlights. */
  clear(): void;
  readonly names: Record<MarkGroup, string>;
  /** False where the Custom Highlight API is missing: nothing is painted. */
  readonly supported: boolean;
}

/** The parts of the Custom Highlight API the painter uses; injectable for tests. */
export interface HighlightApi {
  registry: Pick<HighlightRegistry, 'set' | 'delete' | 'get'>;
  createHighlight: () => Pick<Highlight, 'add' | 'delete' | 'clear' | 'priority'>;
}

export interface PainterOptions {
  /** Defaults to the document window's `CSS.highlights` and `Highlight`. */
  api?: HighlightApi;
  /** Defaults to `bs-` plus random characters per group. */
  names?: Record<MarkGroup, string>;
}

/** Figures on top: a number inside a name's span must still show as disputed. */
const PRIORITY: Record<MarkGroup, number> = { entity: 1, talks: 2, figure: 3 };

const NAME_PATTERN = /^[a-z][a-z0-9-]*$/;

function randomSuffix(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

export function randomHighlightNames(): Record<MarkGroup, string> {
  return { entity: `bs-${randomSuffix()}`, talks: `bs-${randomSuffix()}`, figure: `bs-${randomSuffix()}` };
}

function defaultApi(doc: Document): HighlightApi | undefined {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  const registry = view?.CSS?.highlights;
  const HighlightCtor = view?.Highlight;
  if (!registry || typeof HighlightCtor !== 'function') return undefined;
  return { registry, createHighlight: () => new HighlightCtor() };
}

/** StaticRanges for the span `[start, end)` of the collected text: one per text node piece. */
export function rangesFor(collected: CollectedText, start: number, end: number): StaticRange[] {
  return piecesFor(collected, start, end).map(staticRangeOf);
}

export function staticRangeOf(piece: TextPiece): StaticRange {
  return new StaticRange({
    startContainer: piece.node,
    startOffset: piece.start,
    endContainer: piece.node,
    endOffset: piece.end,
  });
}

export function createPainter(doc: Document, options: PainterOptions = {}): Painter {
  // Never throw into the page: names that could not be used in CSS are replaced, not rejected.
  const names =
    options.names && Object.values(options.names).every((name) => NAME_PATTERN.test(name))
      ? options.names
      : randomHighlightNames();
  const api = options.api ?? defaultApi(doc);
  const painted = new Set<PaintedMention>();
  const highlights = new Map<MarkGroup, ReturnType<HighlightApi['createHighlight']>>();

  function highlightFor(group: MarkGroup): ReturnType<HighlightApi['createHighlight']> | undefined {
    let highlight = highlights.get(group);
    if (highlight || !api) return highlight;
    highlight = api.createHighlight();
    highlight.priority = PRIORITY[group];
    // Registered on first use, so pages without mentions get nothing in CSS.highlights.
    api.registry.set(names[group], highlight as Highlight);
    highlights.set(group, highlight);
    return highlight;
  }

  function unpaint(entry: PaintedMention): void {
    const highlight = highlights.get(markGroupOf(entry.mention.kind));
    for (const range of entry.ranges) highlight?.delete(range);
    painted.delete(entry);
  }

  return {
    names,
    supported: api !== undefined,
    paint(mentions) {
      if (!api) return;
      for (const entry of mentions) {
        if (painted.has(entry)) continue;
        const highlight = highlightFor(markGroupOf(entry.mention.kind));
        if (!highlight) continue;
        for (const range of entry.ranges) highlight.add(range);
        painted.add(entry);
      }
    },
    remove(ids) {
      const doomed = new Set(ids);
      for (const entry of Array.from(painted)) if (doomed.has(entry.mention.id)) unpaint(entry);
    },
    removeWhere(test) {
      for (const entry of Array.from(painted)) if (test(entry)) unpaint(entry);
    },
    clear() {
      painted.clear();
      for (const [group, highlight] of highlights) {
        highlight.clear();
        // Only our own entry: the page may have replaced it, and then it is not ours to delete.
        if (api?.registry.get(names[group]) === highlight) api.registry.delete(names[group]);
      }
      highlights.clear();
    },
  };
}

export type UnderlineStyle = 'solid' | 'dotted' | 'dashed' | 'wavy' | 'double';

export interface MarkStyle {
  /** Underline per group; defaults: names solid, talks dotted, figures wavy. */
  underline?: Partial<Record<MarkGroup, UnderlineStyle>>;
  /** A faint background tint under marks. Default false. */
  background?: boolean;
  /** `auto` follows `prefers-color-scheme`. Default `auto`. */
  scheme?: 'auto' | 'light' | 'dark';
}

const DEFAULT_UNDERLINE: Record<MarkGroup, UnderlineStyle> = { entity: 'solid', talks: 'dotted', figure: 'wavy' };
const UNDERLINE_STYLES = new Set<string>(['solid', 'dotted', 'dashed', 'wavy', 'double']);

/** Underline colour and background tint per group and scheme (blue names, teal talks, amber figures). */
const COLORS: Record<'light' | 'dark', Record<MarkGroup, { line: string; tint: string }>> = {
  light: {
    entity: { line: 'rgb(37 99 235 / 0.85)', tint: 'rgb(37 99 235 / 0.07)' },
    talks: { line: 'rgb(13 148 136 / 0.9)', tint: 'rgb(13 148 136 / 0.07)' },
    figure: { line: 'rgb(217 119 6 / 0.95)', tint: 'rgb(217 119 6 / 0.08)' },
  },
  dark: {
    entity: { line: 'rgb(147 197 253 / 0.9)', tint: 'rgb(147 197 253 / 0.12)' },
    talks: { line: 'rgb(94 234 212 / 0.9)', tint: 'rgb(94 234 212 / 0.12)' },
    figure: { line: 'rgb(252 211 77 / 0.95)', tint: 'rgb(252 211 77 / 0.14)' },
  },
};

function rules(names: Record<MarkGroup, string>, style: MarkStyle, scheme: 'light' | 'dark'): string {
  return MARK_GROUPS.map((group) => {
    const requested = style.underline?.[group];
    const underline = requested && UNDERLINE_STYLES.has(requested) ? requested : DEFAULT_UNDERLINE[group];
    const { line, tint } = COLORS[scheme][group];
    // ::highlight() accepts only colours, text-decoration and text-shadow: nothing here can move the page's text.
    const declarations = [
      `text-decoration-line: underline`,
      `text-decoration-style: ${underline}`,
      `text-decoration-color: ${line}`,
      `text-decoration-thickness: ${underline === 'solid' ? '1px' : '1.5px'}`,
      ...(style.background ? [`background-color: ${tint}`] : []),
    ];
    return `::highlight(${names[group]}) { ${declarations.join('; ')}; }`;
  }).join('\n');
}

/**
 * The `::highlight()` rules for these names, for the background to inject with `scripting.insertCSS`.
 * Throws on names that are not plain CSS identifiers (they may arrive in a message from a content script).
 */
export function highlightCss(names: Record<MarkGroup, string>, style: MarkStyle = {}): string {
  for (const name of Object.values(names)) {
    if (!NAME_PATTERN.test(name)) throw new Error(`Invalid highlight name: ${name}`);
  }
  const scheme = style.scheme ?? 'auto';
  if (scheme !== 'auto') return rules(names, style, scheme);
  return `${rules(names, style, 'light')}\n@media (prefers-color-scheme: dark) {\n${rules(names, style, 'dark')}\n}`;
}
