/** Checks a source address typed by the reader and gives the host permission pattern to ask for. Pure. */
export type OriginCheck =
  | { ok: true; url: string; host: string; pattern: string }
  | { ok: false; reason: 'not-url' | 'scheme' | 'plain-http' | 'credentials' };

const LOCAL = new Set(['localhost', '127.0.0.1']);

export function originPattern(input: string): OriginCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'not-url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  if (!url.hostname) return { ok: false, reason: 'not-url' };
  if (url.protocol === 'http:' && !LOCAL.has(url.hostname)) return { ok: false, reason: 'plain-http' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  // Match patterns carry no port: `http://127.0.0.1/*` covers every port of that host.
  return { ok: true, url: url.href, host: url.hostname, pattern: `${url.protocol}//${url.hostname}/*` };
}
