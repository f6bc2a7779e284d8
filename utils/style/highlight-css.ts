/**
 * Highlight names and the `::highlight()` rules that style them. DOM-free: the background builds the CSS it injects
 * with `scripting.insertCSS`; the content script's painter registers ranges under the same names.
 */

import type { MentionKind } from '../model/mention';
import type { Settings } from '../model/settings';

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

const NAME_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;

/** A name safe to put in `::highlight()` and `CSS.highlights`: lowercase letters, digits, hyphens. */
export function isHighlightName(name: unknown): name is string {
  return typeof name === 'string' && NAME_PATTERN.test(name);
}

function randomSuffix(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

export function randomHighlightNames(): Record<MarkGroup, string> {
  return { entity: `bs-${randomSuffix()}`, talks: `bs-${randomSuffix()}`, figure: `bs-${randomSuffix()}` };
}

export type UnderlineStyle = 'solid' | 'dotted' | 'dashed' | 'wavy' | 'double';

export interface MarkStyle {
  /** Mark every declaration `!important`: for rules that must live in the page's own (author) style scope. */
  important?: boolean;
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

/** A group's underline style, line colour and tint under `style` in `scheme`: the one look of a mark. */
export function markLookOf(group: MarkGroup, style: MarkStyle, scheme: 'light' | 'dark'): { underline: UnderlineStyle; line: string; tint: string } {
  const requested = style.underline?.[group];
  const underline = requested && UNDERLINE_STYLES.has(requested) ? requested : DEFAULT_UNDERLINE[group];
  return { underline, ...COLORS[scheme][group] };
}

function rules(names: Record<MarkGroup, string>, style: MarkStyle, scheme: 'light' | 'dark'): string {
  return MARK_GROUPS.map((group) => {
    const { underline, line, tint } = markLookOf(group, style, scheme);
    // ::highlight() accepts only colours, text-decoration and text-shadow: nothing here can move the page's text.
    const declarations = [
      `text-decoration-line: underline`,
      `text-decoration-style: ${underline}`,
      `text-decoration-color: ${line}`,
      `text-decoration-thickness: ${underline === 'solid' ? '1px' : '1.5px'}`,
      ...(style.background ? [`background-color: ${tint}`] : []),
    ];
    const suffix = style.important ? ' !important' : '';
    return `::highlight(${names[group]}) { ${declarations.map((d) => d + suffix).join('; ')}; }`;
  }).join('\n');
}

/** The reader's appearance settings that change how marks look. */
export type MarkLook = Pick<Settings, 'underline' | 'tint' | 'theme'>;

/**
 * How marks look under the reader's settings: one underline for every group (or each group's default), the tint, and
 * the colours for the reader's theme (`auto` follows the system's `prefers-color-scheme`, as our pages do). The same
 * for rules the background injects and rules the content script writes itself.
 */
export function markStyleOf(look: MarkLook): MarkStyle {
  const underline = look.underline !== 'default' && UNDERLINE_STYLES.has(look.underline) ? look.underline : undefined;
  const scheme = look.theme === 'light' || look.theme === 'dark' ? look.theme : 'auto';
  return {
    ...(underline && { underline: { entity: underline, talks: underline, figure: underline } }),
    background: look.tint === true,
    scheme,
  };
}

/**
 * The `::highlight()` rules for these names, for the background to inject with `scripting.insertCSS`.
 * Throws on names that are not plain CSS identifiers (they may arrive in a message from a content script).
 */
export function highlightCss(names: Record<MarkGroup, string>, style: MarkStyle = {}): string {
  for (const name of Object.values(names)) {
    if (!isHighlightName(name)) throw new Error(`Invalid highlight name: ${name}`);
  }
  const scheme = style.scheme ?? 'auto';
  if (scheme !== 'auto') return rules(names, style, scheme);
  return `${rules(names, style, 'light')}\n@media (prefers-color-scheme: dark) {\n${rules(names, style, 'dark')}\n}`;
}
