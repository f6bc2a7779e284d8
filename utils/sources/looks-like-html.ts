/**
 * Whether a body that should be a feed or a pack is a web page instead: a login wall, a paywall or an error page
 * served with status 200. Some servers label real feeds `text/html`, so the body's start decides when it is clear.
 */
export function looksLikeHtml(body: string, contentType: string): boolean {
  const start = skipPrologue(body).slice(0, 200).toLowerCase();
  if (/^<!doctype\s+html[\s>]/.test(start) || /^<html[\s>]/.test(start)) return true;
  if (/^<(rss|feed|rdf:rdf|!doctype)[\s>]/.test(start) || start.startsWith('{') || start.startsWith('[')) return false;
  if (mediaTypeOf(contentType) === 'text/html') return true;
  return /^<(head|body|meta|title|script|div)[\s>]/.test(start);
}

export const HTML_INSTEAD_OF_FEED =
  'The address returned a web page, not a feed (perhaps a login or error page). Check the feed address.';

function mediaTypeOf(contentType: string): string {
  return contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

function skipPrologue(body: string): string {
  // A BOM, the XML declaration, processing instructions and comments may precede the root; skipping them means
  // none can hide an <html>.
  let rest = body.slice(0, 64 * 1024).replace(/^\uFEFF/, '').trimStart();
  for (;;) {
    const closer = rest.startsWith('<!--') ? '-->' : rest.startsWith('<?') ? '?>' : undefined;
    if (closer === undefined) return rest;
    const end = rest.indexOf(closer);
    if (end === -1) return '';
    rest = rest.slice(end + closer.length).trimStart();
  }
}
