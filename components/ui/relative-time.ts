import type { Translate } from './i18n';

/** "5 min ago", "3 h ago", "4 days ago" — or "in 20 min" for times ahead of `now`. */
export function relativeTime(then: number, now: number, t: Translate): string {
  const ahead = then > now;
  const minutes = Math.round(Math.abs(now - then) / 60_000);
  if (minutes < 1) return t('time_now');
  if (minutes < 60) return t(ahead ? 'time_in_min' : 'time_min_ago', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t(ahead ? 'time_in_h' : 'time_h_ago', { n: hours });
  return t(ahead ? 'time_in_days' : 'time_days_ago', { n: Math.round(hours / 24) });
}

/** Bytes in the largest unit that keeps the number readable. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A date's distance from today in words: "today", "yesterday", "12 days ago", "2 months ago", "1 year ago". */
export function relativeDays(days: number, t: Translate): string {
  if (days <= 0) return t('ago_today');
  if (days === 1) return t('ago_yesterday');
  if (days < 45) return t('ago_days', { n: days });
  if (days < 365) return t('ago_months', { n: Math.max(1, Math.round(days / 30.44)) });
  return t('ago_years', { n: Math.floor(days / 365) });
}
