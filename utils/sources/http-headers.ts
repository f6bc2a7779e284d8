import { parseFeedDate } from './feed-dates';

/** Reading the few response headers the refresh schedule depends on (RFC 9111 Cache-Control, RFC 9110 Retry-After). */

/** `max-age` in seconds, or undefined when absent, malformed, or overridden by `no-store`/`no-cache`. */
export function parseMaxAge(cacheControl: string | null | undefined): number | undefined {
  if (!cacheControl) return undefined;
  let maxAge: number | undefined;
  for (const directive of cacheControl.split(',')) {
    const [rawName, rawValue] = directive.split('=', 2);
    const name = rawName?.trim().toLowerCase();
    if (name === 'no-store' || name === 'no-cache') return undefined;
    if (name === 'max-age' && rawValue !== undefined) {
      const value = rawValue.trim().replace(/^"(.*)"$/, '$1');
      if (/^\d{1,10}$/.test(value)) maxAge = Number(value);
    }
  }
  return maxAge;
}

/** `Retry-After` as seconds from `nowMs`: either delay-seconds or an HTTP date. Dates in the past give 0. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed);
  // Only HTTP-date shapes ("Sun, 06 Nov 1994 08:49:37 GMT" and the two obsolete forms) contain a letter and a colon.
  if (!/[a-z]/i.test(trimmed) || !trimmed.includes(':')) return undefined;
  // Our own RFC 822/850 reader first: engines disagree on the obsolete forms.
  const iso = parseFeedDate(trimmed);
  const at = iso !== undefined ? Date.parse(iso) : Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** The `charset` parameter of a Content-Type header, lowercased. */
export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase();
}
