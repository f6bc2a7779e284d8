import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Vitest runs from the project root; import.meta.url is not a file URL under happy-dom.
const FIXTURES = resolve(process.cwd(), 'test/fixtures/dom');

/** Parses an HTML fixture from test/fixtures/dom into the test window's document. */
export function loadFixture(name: string): Document {
  const html = readFileSync(resolve(FIXTURES, name), 'utf8');
  return parseHtml(html);
}

/** Replaces the test window's document content with `html` (a fresh document keeps tests independent). */
export function parseHtml(html: string): Document {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const imported = document.importNode(parsed.documentElement, true);
  document.removeChild(document.documentElement);
  document.appendChild(imported);
  return document;
}
