/**
 * Entity decoding for text kept from XML. The parser runs with entity processing off (DESIGN.md: entity expansion
 * is refused), so only the five predefined entities and numeric character references are decoded, here, once, in
 * the strings we keep; any other `&name;` stays as written.
 */

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) return decodeCharacterReference(ref) ?? whole;
    return XML_ENTITIES[ref] ?? whole;
  });
}

/** `#1234` or `#x4D2` to its character; NUL, surrogates and values past U+10FFFF become U+FFFD. */
export function decodeCharacterReference(ref: string): string | undefined {
  const hex = ref[1] === 'x' || ref[1] === 'X';
  const code = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
  if (!Number.isFinite(code)) return undefined;
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(code);
}
