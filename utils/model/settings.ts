/**
 * The reader's settings: one shape, one default, one repair function. Stored by the background (the only writer);
 * every stored or imported value passes `repairSettings`, which keeps what is valid and reports what it fixed.
 */
import type { MentionKind } from './mention';

type UnderlineChoice = 'default' | 'solid' | 'dotted' | 'dashed' | 'wavy';
export type ThemeChoice = 'auto' | 'light' | 'dark';

export interface Settings {
  /** Global switch: off means no scanning anywhere. */
  enabled: boolean;
  /** `all`: every http(s) site except paused ones; `listed`: only `allowedSites`. */
  siteMode: 'all' | 'listed';
  /** Host names (e.g. `www.example.com`; a leading `*.` matches subdomains). */
  allowedSites: string[];
  pausedSites: string[];
  /** Kinds of mention that get marks. */
  kinds: MentionKind[];
  /** Mark only the first mention of each thing, or all of them. */
  markMode: 'first' | 'all';
  underline: UnderlineChoice;
  /** A faint tint behind marks, for readers who find underlines too quiet. */
  tint: boolean;
  /** Cards warn when the facts are older than this many days. */
  staleAfterDays: number;
  theme: ThemeChoice;
}

export const ALL_KINDS: readonly MentionKind[] = ['person', 'org', 'place', 'event', 'term', 'talks', 'round', 'figure'];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  siteMode: 'all',
  allowedSites: [],
  pausedSites: [],
  kinds: [...ALL_KINDS],
  markMode: 'all',
  underline: 'default',
  tint: false,
  staleAfterDays: 30,
  theme: 'auto',
});

const HOST = /^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$/;
const MAX_SITES = 1000;

/** `https://www.Example.com/x` or `www.example.com` → `www.example.com`; null when it is not a host name. */
export function normalizeSite(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed) return null;
  let host = trimmed;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed)) {
    try {
      host = new URL(trimmed).hostname;
    } catch {
      return null;
    }
  }
  host = host.replace(/\.$/, '');
  return HOST.test(host) && host.length <= 253 ? host : null;
}

/** Whether `host` is covered by a site entry (exact, or any subdomain for `*.example.com`). */
export function siteMatches(entry: string, host: string): boolean {
  if (entry.startsWith('*.')) {
    const base = entry.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  return entry === host;
}

/** Whether Backstory runs on a page of `host` under these settings. */
export function isActiveOn(settings: Settings, host: string): boolean {
  if (!settings.enabled) return false;
  if (settings.pausedSites.some((s) => siteMatches(s, host))) return false;
  if (settings.siteMode === 'listed') return settings.allowedSites.some((s) => siteMatches(s, host));
  return true;
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function sites(value: unknown, field: string, fixed: string[]): string[] {
  if (!Array.isArray(value)) {
    if (value !== undefined) fixed.push(`${field}: not a list, reset`);
    return [];
  }
  const out = new Set<string>();
  for (const item of value.slice(0, MAX_SITES)) {
    const site = typeof item === 'string' ? normalizeSite(item) : null;
    if (site) out.add(site);
    else fixed.push(`${field}: dropped ${JSON.stringify(item)}`);
  }
  return [...out];
}

/** Keeps every valid field of `input`, replaces the rest with defaults, and says what it replaced. */
export function repairSettings(input: unknown): { settings: Settings; fixed: string[] } {
  const fixed: string[] = [];
  const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
  if (!isObject && input !== undefined) fixed.push('settings: not an object, reset to defaults');
  // Own fields only, copied: nothing inherited or planted on a prototype is read.
  const raw: Record<string, unknown> = isObject ? Object.fromEntries(Object.entries(input)) : {};
  const check = (field: keyof Settings, _value: unknown, ok: boolean): void => {
    if (!ok && raw[field] !== undefined) fixed.push(`${field}: ${JSON.stringify(raw[field])} is not valid, reset`);
  };

  const enabled = typeof raw.enabled === 'boolean' ? raw.enabled : DEFAULT_SETTINGS.enabled;
  check('enabled', enabled, typeof raw.enabled === 'boolean');
  const siteMode = pick(raw.siteMode, ['all', 'listed'] as const, DEFAULT_SETTINGS.siteMode);
  check('siteMode', siteMode, siteMode === raw.siteMode);
  const markMode = pick(raw.markMode, ['first', 'all'] as const, DEFAULT_SETTINGS.markMode);
  check('markMode', markMode, markMode === raw.markMode);
  const underline = pick(raw.underline, ['default', 'solid', 'dotted', 'dashed', 'wavy'] as const, DEFAULT_SETTINGS.underline);
  check('underline', underline, underline === raw.underline);
  const theme = pick(raw.theme, ['auto', 'light', 'dark'] as const, DEFAULT_SETTINGS.theme);
  check('theme', theme, theme === raw.theme);
  const tint = typeof raw.tint === 'boolean' ? raw.tint : DEFAULT_SETTINGS.tint;
  check('tint', tint, typeof raw.tint === 'boolean');
  const staleOk = typeof raw.staleAfterDays === 'number' && Number.isInteger(raw.staleAfterDays) && raw.staleAfterDays >= 1 && raw.staleAfterDays <= 3650;
  const staleAfterDays = staleOk ? (raw.staleAfterDays as number) : DEFAULT_SETTINGS.staleAfterDays;
  check('staleAfterDays', staleAfterDays, staleOk);
  let kinds = [...DEFAULT_SETTINGS.kinds];
  if (Array.isArray(raw.kinds)) {
    kinds = ALL_KINDS.filter((k) => (raw.kinds as unknown[]).includes(k));
    const unknown = (raw.kinds as unknown[]).filter((k) => !ALL_KINDS.includes(k as MentionKind));
    if (unknown.length) fixed.push(`kinds: dropped ${JSON.stringify(unknown)}`);
  } else if (raw.kinds !== undefined) {
    fixed.push('kinds: not a list, reset');
  }
  const allowedSites = sites(raw.allowedSites, 'allowedSites', fixed);
  const pausedSites = sites(raw.pausedSites, 'pausedSites', fixed);
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(DEFAULT_SETTINGS, key)) fixed.push(`${key}: unknown setting, dropped`);
  }
  return {
    settings: { enabled, siteMode, allowedSites, pausedSites, kinds, markMode, underline, tint, staleAfterDays, theme },
    fixed,
  };
}
