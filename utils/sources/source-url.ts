/**
 * Which addresses a source may have. Remote sources are https; plain http is allowed only on this machine, for tests
 * and pack authors (DESIGN.md, "Remote sources are https").
 */

export type UrlCheck = { ok: true; url: URL } | { ok: false; error: string };

const MAX_URL_LENGTH = 2048;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const NOT_A_URL = 'Not a valid address';
export const ONLY_HTTPS = 'Only https addresses are allowed (http only for localhost)';
export const NO_CREDENTIALS = 'Addresses with a user name or password are not allowed';

export function isAllowedSourceUrl(url: string): UrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { ok: false, error: NOT_A_URL };
  }
  // fetch refuses them anyway, and a password must not sit in the stored source list.
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, error: NO_CREDENTIALS };
  if (parsed.protocol === 'https:' && parsed.hostname !== '') return { ok: true, url: parsed };
  if (parsed.protocol === 'http:' && LOCAL_HOSTS.has(parsed.hostname)) return { ok: true, url: parsed };
  return { ok: false, error: ONLY_HTTPS };
}

/** `http(s)` links from feeds, resolved against the feed's address; anything else (javascript:, data:) is dropped. */
export function toWebLink(href: string | undefined, baseUrl?: string): string | undefined {
  if (href === undefined) return undefined;
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.length > MAX_URL_LENGTH) return undefined;
  let parsed: URL;
  try {
    parsed = baseUrl === undefined ? new URL(trimmed) : new URL(trimmed, baseUrl);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (parsed.username !== '' || parsed.password !== '' || parsed.href.length > MAX_URL_LENGTH) return undefined;
  return parsed.href;
}
