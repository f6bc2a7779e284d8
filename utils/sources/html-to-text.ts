/**
 * Feed HTML (RSS descriptions, Atom `type="html"`) to plain text without a DOM, which MV3 service workers lack.
 * The result is only ever rendered as text, so this is about readability, not sanitising: a small linear tokenizer
 * drops tags, skips the contents of script-like elements, turns block tags into line breaks and decodes entities.
 */
import { decodeCharacterReference } from './xml-text';

export const DEFAULT_MAX_TEXT_LENGTH = 2000;
/** Input beyond this is not looked at: a summary never needs more, and it bounds the work per item. */
const MAX_INPUT_LENGTH = 200_000;

/** Elements whose contents are not text for the reader. */
const SKIPPED_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'title', 'head']);

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'img', 'video', 'audio', 'picture',
]);

export function htmlToText(html: string, maxLength = DEFAULT_MAX_TEXT_LENGTH): string {
  const input = html.length > MAX_INPUT_LENGTH ? html.slice(0, MAX_INPUT_LENGTH) : html;
  const parts: string[] = [];
  let i = 0;
  while (i < input.length) {
    const lt = input.indexOf('<', i);
    if (lt === -1) {
      parts.push(sourceText(input.slice(i)));
      break;
    }
    if (lt > i) parts.push(sourceText(input.slice(i, lt)));
    const next = input[lt + 1] ?? '';
    if (input.startsWith('<!--', lt)) {
      i = skipPast(input, lt + 4, '-->');
    } else if (next === '!' || next === '?') {
      // Doctype, CDATA section or processing instruction: HTML treats all of these as comments.
      i = skipPast(input, lt + 2, '>');
    } else if (/[A-Za-z/]/.test(next)) {
      const tag = readTag(input, lt);
      i = tag.end;
      if (BLOCK_TAGS.has(tag.name)) parts.push('\n');
      if (!tag.closing && SKIPPED_CONTENT.has(tag.name)) i = skipElementContent(input, i, tag.name);
    } else {
      // A lone "<" (as in "3 < 5") is text.
      parts.push('<');
      i = lt + 1;
    }
  }
  return capText(collapseWhitespace(decodeHtmlEntities(parts.join(''))), maxLength);
}

/** Named references worth knowing in news text; anything else is left as written. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', zwnj: '\u200C', zwj: '\u200D', lrm: '\u200E', rlm: '\u200F', shy: '',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', hellip: '…', bull: '•', middot: '·', prime: '′', Prime: '″',
  dagger: '†', Dagger: '‡', permil: '‰', deg: '°', plusmn: '±', times: '×', divide: '÷', minus: '−', frac12: '½',
  frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', micro: 'µ', para: '¶', sect: '§', copy: '©', reg: '®',
  trade: '™', euro: '€', pound: '£', yen: '¥', cent: '¢', curren: '¤', iexcl: '¡', iquest: '¿', ordf: 'ª',
  ordm: 'º', acute: '´', uml: '¨', cedil: '¸', macr: '¯', not: '¬', brvbar: '¦',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï', Ntilde: 'Ñ',
  Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', Oslash: 'Ø', Ugrave: 'Ù', Uacute: 'Ú',
  Ucirc: 'Û', Uuml: 'Ü', Yacute: 'Ý', szlig: 'ß', agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä',
  aring: 'å', aelig: 'æ', ccedil: 'ç', egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì', iacute: 'í',
  icirc: 'î', iuml: 'ï', ntilde: 'ñ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø',
  ugrave: 'ù', uacute: 'ú', ucirc: 'û', uuml: 'ü', yacute: 'ý', yuml: 'ÿ', OElig: 'Œ', oelig: 'œ', Scaron: 'Š',
  scaron: 'š', Yuml: 'Ÿ', circ: 'ˆ', tilde: '˜',
};

/** Named (above) and numeric character references; unknown names stay as written. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) return decodeCharacterReference(ref) ?? whole;
    return Object.hasOwn(NAMED_ENTITIES, ref) ? (NAMED_ENTITIES[ref] ?? whole) : whole;
  });
}

/** Spaces and tabs become one space, line breaks collapse to one, controls go; ZWNJ stays (Persian spelling needs it). */
export function collapseWhitespace(text: string): string {
  return text
    .replace(CONTROL_CHARACTERS, (c) => (LINE_LIKE.has(c) ? '\n' : ''))
    .replace(/[ \t\r\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, ' ')
    .replace(/ ?\n\s*/g, '\n')
    .trim();
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2028\u2029]/g;
const LINE_LIKE = new Set(['\u000B', '\u000C', '\u2028', '\u2029']);

/** Cuts at a word boundary near `maxLength` and marks the cut with an ellipsis. */
export function capText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const hard = text.slice(0, Math.max(0, maxLength - 1));
  const lastSpace = hard.search(/\s\S*$/);
  const cut = lastSpace > maxLength * 0.6 ? hard.slice(0, lastSpace) : hard;
  // Do not leave half of a surrogate pair at the end.
  return cut.replace(/[\uD800-\uDBFF]$/, '').trimEnd() + '…';
}

/** Line breaks in HTML source are plain whitespace; only block tags break lines. */
function sourceText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function skipPast(input: string, from: number, closer: string): number {
  const end = input.indexOf(closer, from);
  return end === -1 ? input.length : end + closer.length;
}

/** Reads `<name attr="…">` or `</name>`; quoted attribute values may contain `>`. */
function readTag(input: string, lt: number): { name: string; closing: boolean; end: number } {
  let i = lt + 1;
  const closing = input[i] === '/';
  if (closing) i++;
  const nameMatch = /^[A-Za-z][A-Za-z0-9:-]*/.exec(input.slice(i, i + 64));
  const name = nameMatch ? nameMatch[0].toLowerCase() : '';
  i += nameMatch ? nameMatch[0].length : 0;
  let quote: string | undefined;
  let afterEquals = false;
  for (; i < input.length; i++) {
    const c = input[i] ?? '';
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '>') {
      return { name, closing, end: i + 1 };
    } else if (afterEquals && (c === '"' || c === "'")) {
      // Quotes only open at the start of an attribute value; an apostrophe elsewhere is just a character.
      quote = c;
    }
    if (c === '=') afterEquals = true;
    else if (!/\s/.test(c)) afterEquals = false;
  }
  // An unclosed tag swallows the rest, as in HTML.
  return { name, closing, end: input.length };
}

function skipElementContent(input: string, from: number, name: string): number {
  const closer = new RegExp(`</${name}[\\s/>]`, 'gi');
  closer.lastIndex = from;
  const match = closer.exec(input);
  if (!match) return input.length;
  return skipPast(input, match.index, '>');
}
