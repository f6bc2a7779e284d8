/** Display formatting shared by every UI. Pure: no DOM, no browser APIs. */
import type { Bound, Qualifier } from '@/utils/model/pack';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-02-06` → `6 Feb 2026`; anything else is returned as given. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

export function formatDateRange(start: string, end?: string): string {
  return end && end !== start ? `${formatDate(start)} – ${formatDate(end)}` : formatDate(start);
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

const BOUND_WORDS: Record<Bound, string> = {
  exact: '',
  about: 'about ',
  'more-than': 'more than ',
  'at-least': 'at least ',
  'up-to': 'up to ',
};

export function formatClaimValue(claim: { value?: number; low?: number; high?: number; bound: Bound }): string {
  if (claim.value !== undefined) return `${BOUND_WORDS[claim.bound]}${formatNumber(claim.value)}`;
  if (claim.low !== undefined && claim.high !== undefined) return `${formatNumber(claim.low)}–${formatNumber(claim.high)}`;
  if (claim.low !== undefined) return `${BOUND_WORDS[claim.bound] || 'at least '}${formatNumber(claim.low)}`;
  if (claim.high !== undefined) return `up to ${formatNumber(claim.high)}`;
  return '';
}

export const QUALIFIER_LABEL: Record<Qualifier, string> = {
  official: 'official',
  confirmed: 'confirmed',
  verified: 'verified',
  estimate: 'estimate',
  projection: 'projection',
  'under-investigation': 'under investigation',
  unconfirmed: 'unconfirmed',
};


/** Epoch ms → `20 Jul 2026, 08:00:05` in the reader's time zone. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** `850 ms`, `1.2 s`, `20 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}
