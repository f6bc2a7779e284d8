/**
 * XML text to a small element tree, safely: documents that declare entities or carry an internal DTD subset are
 * refused before parsing (billion laughs, quadratic blowup, external entities), the parser runs with entity
 * processing off, and only predefined and numeric references are decoded afterwards (see xml-text.ts).
 * fast-xml-parser is pinned to a version with the 2026 entity-expansion fixes; the refusal here does not rely on them.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeXmlEntities } from './xml-text';

export interface XmlElement {
  kind: 'element';
  /** Qualified name as written (`atom:link`). */
  name: string;
  /** Name without its prefix (`link`). */
  local: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export interface XmlText {
  kind: 'text';
  /** Entity-decoded text (CDATA sections as written). */
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export type XmlTreeResult = { ok: true; root: XmlElement } | { ok: false; error: string };

export const ENTITIES_REFUSED = 'The feed declares its own entities, which Backstory refuses to read';
const MAX_DEPTH = 64;

export function parseXmlTree(text: string): XmlTreeResult {
  if (declaresEntities(text)) return { ok: false, error: ENTITIES_REFUSED };
  let xml = text;
  let validation = XMLValidator.validate(xml);
  if (validation !== true && isBareAmpersand(validation.err.msg)) {
    // "AT&T" in a title is the commonest defect in real feeds; escaping bare ampersands is what readers do.
    const repaired = escapeBareAmpersands(xml);
    const second = XMLValidator.validate(repaired);
    if (second === true) {
      xml = repaired;
      validation = true;
    }
  }
  if (validation !== true) return { ok: false, error: describeXmlError(validation.err) };

  let ordered: unknown;
  try {
    ordered = new XMLParser(PARSER_OPTIONS).parse(xml);
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    if (/nested tags/i.test(message)) return { ok: false, error: `The feed nests elements more than ${MAX_DEPTH} deep` };
    // fast-xml-parser refuses names such as __proto__ or constructor outright; say so in plain words.
    if (/reserved|invalid name/i.test(message)) {
      return { ok: false, error: 'The feed uses element or attribute names Backstory refuses to read (such as __proto__ or constructor)' };
    }
    return { ok: false, error: `The feed could not be read as XML: ${message}` };
  }
  const root = toNodes(ordered, 0).find((node): node is XmlElement => node.kind === 'element');
  return root ? { ok: true, root } : { ok: false, error: 'The feed has no root element' };
}

/**
 * True for an internal DTD subset (`<!DOCTYPE x [ … ]>`) or any `<!ENTITY`. A bare `<!DOCTYPE rss>` or one with
 * only PUBLIC/SYSTEM identifiers passes: it is common in RSS 0.91 feeds and nothing is fetched or expanded for it.
 */
export function declaresEntities(text: string): boolean {
  if (/<!ENTITY/i.test(text)) return true;
  const doctype = /<!DOCTYPE/gi;
  for (let match = doctype.exec(text); match !== null; match = doctype.exec(text)) {
    let quote: string | undefined;
    for (let i = match.index + match[0].length; i < text.length; i++) {
      const c = text[i];
      if (quote !== undefined) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '[') {
        return true;
      } else if (c === '>') {
        break;
      }
    }
  }
  return false;
}

/** Text of an element and its descendants; block-level XHTML children are separated by line breaks. */
export function textContent(element: XmlElement): string {
  const parts: string[] = [];
  const walk = (node: XmlNode) => {
    if (node.kind === 'text') {
      parts.push(node.text);
      return;
    }
    const block = XHTML_BLOCKS.has(node.local);
    if (block) parts.push('\n');
    node.children.forEach(walk);
    if (block) parts.push('\n');
  };
  element.children.forEach(walk);
  return parts.join('');
}

export function childElements(element: XmlElement, local?: string): XmlElement[] {
  return element.children.filter(
    (node): node is XmlElement => node.kind === 'element' && (local === undefined || node.local === local),
  );
}

/** The first child with this qualified name (`link`, `dc:date`), or this local name when `name` has no prefix. */
export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return childElements(element).find((child) => child.name === name);
}

const XHTML_BLOCKS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'tr', 'table']);

const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Off: no DOCTYPE entities, no HTML entities. We decode the five predefined ones ourselves.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
} as const;

/** fast-xml-parser's ordered output: `[{ tag: children, ':@': attrs } | { '#text': s } | { '#cdata': [{ '#text': s }] }]`. */
function toNodes(ordered: unknown, depth: number): XmlNode[] {
  if (!Array.isArray(ordered) || depth > MAX_DEPTH) return [];
  const nodes: XmlNode[] = [];
  for (const entry of ordered as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === ':@') continue;
      const value = record[key];
      if (key === '#text') {
        if (typeof value === 'string') nodes.push({ kind: 'text', text: decodeXmlEntities(value) });
      } else if (key === '#cdata') {
        nodes.push({ kind: 'text', text: cdataText(value) });
      } else {
        nodes.push({
          kind: 'element',
          name: key,
          local: key.slice(key.indexOf(':') + 1),
          attrs: attributesOf(record[':@']),
          children: toNodes(value, depth + 1),
        });
      }
    }
  }
  return nodes;
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((part: unknown) => {
      const text = typeof part === 'object' && part !== null ? (part as Record<string, unknown>)['#text'] : undefined;
      return typeof text === 'string' ? text : '';
    })
    .join('');
}

function attributesOf(value: unknown): Record<string, string> {
  // A null prototype: attribute names such as "__proto__" are data here.
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  if (typeof value !== 'object' || value === null) return attrs;
  for (const [name, raw] of Object.entries(value)) {
    if (typeof raw === 'string') attrs[name] = decodeXmlEntities(raw);
  }
  return attrs;
}

function isBareAmpersand(message: string): boolean {
  return message.includes("'&'");
}

function escapeBareAmpersands(text: string): string {
  return text.replace(/&(?!#[0-9]{1,10};|#[xX][0-9a-fA-F]{1,8};|[A-Za-z_][A-Za-z0-9_.-]{0,63};)/g, '&amp;');
}

interface ValidationError {
  code: string;
  msg: string;
  line: number;
  col: number;
}

function describeXmlError(err: ValidationError): string {
  if (err.code === 'InvalidXml' && err.msg.startsWith("Invalid '[")) {
    return 'The feed ends before all its elements are closed (it may have been cut off)';
  }
  return `The feed is not well-formed XML (line ${err.line}, column ${err.col}): ${err.msg}`;
}
