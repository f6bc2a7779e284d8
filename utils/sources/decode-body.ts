/**
 * Bytes to text by the declared charset. Persian and Arabic outlets still serve windows-1256, so the charset is
 * taken, in order, from a byte-order mark, the Content-Type header, the XML declaration, then `<meta charset>`;
 * UTF-8 otherwise (DESIGN.md, "Feeds").
 */
import { charsetFromContentType } from './http-headers';

/** How far into the body declarations are looked for: they must be at the very start. */
const SNIFF_BYTES = 1024;

export function sniffCharset(bytes: Uint8Array, contentType?: string | null): string {
  const bom = charsetFromBom(bytes);
  if (bom) return bom;
  const fromHeader = charsetFromContentType(contentType);
  if (fromHeader && isSupportedCharset(fromHeader)) return fromHeader;
  // Declarations are ASCII in every charset we accept, so latin1 reads them without knowing the charset yet.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  const declared = charsetFromXmlDeclaration(head) ?? charsetFromMeta(head);
  if (declared && isSupportedCharset(declared)) return declared;
  return 'utf-8';
}

export function decodeBody(bytes: Uint8Array, contentType?: string | null): string {
  const charset = sniffCharset(bytes, contentType);
  // TextDecoder removes a BOM matching its own encoding; fatal: false turns bad bytes into U+FFFD instead of failing.
  return new TextDecoder(charset, { fatal: false }).decode(bytes);
}

function charsetFromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function charsetFromXmlDeclaration(head: string): string | undefined {
  const declaration = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return declaration?.[1]?.toLowerCase();
}

function charsetFromMeta(head: string): string | undefined {
  const meta = /<meta\s[^>]*?charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  return meta?.[1]?.toLowerCase();
}

function isSupportedCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
