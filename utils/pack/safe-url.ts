/**
 * URL safety in one place. Pure: no DOM, no `browser.*`. Everything that turns pack or feed data into a link
 * goes through here, so a `javascript:` or `data:` URL can never reach a view.
 */

export interface SafeLink {
  url: string;
  host: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** An http(s) URL as a link with its host shown, or null for anything else (javascript:, data:, relative…). */
export function toSafeLink(url: unknown): SafeLink | null {
  const parsed = parseUrl(url);
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname) return null;
  // User info in a link only serves to dress one host up as another ("trusted.example@evil.example"): drop it.
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href, host: parsed.hostname };
}

/** Where packs and feeds may come from, and what pack sources may cite: https, or plain http only on localhost. */
export function isAllowedSourceUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  if (!parsed || !parsed.hostname || parsed.username !== '' || parsed.password !== '') return false; // no credentials, as for added sources
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && LOCAL_HOSTS.has(parsed.hostname);
}

/** A pack's "report a wrong fact" address: an allowed source URL or a `mailto:` with an address. */
export function isAllowedReportUrl(url: unknown): boolean {
  if (isAllowedSourceUrl(url)) return true;
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'mailto:') return false;
  try {
    return /^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(parsed.pathname));
  } catch {
    return false; // malformed percent-escape
  }
}

/** The report URL as views may show it (http(s) or mailto:), or undefined. */
export function toSafeReportUrl(url: unknown): string | undefined {
  const link = toSafeLink(url);
  if (link) return link.url;
  return isAllowedReportUrl(url) ? (url as string) : undefined;
}
