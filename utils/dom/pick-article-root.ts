/**
 * Picks the element that holds the article's prose. Semantic markup first, then a simplified version of Mozilla
 * Readability's paragraph scoring (paragraph text credited to the parent in full and to the grandparent by half),
 * else `body`.
 */

/** Below this much text a semantic container is a teaser or a shell, not the article. */
const MIN_ARTICLE_CHARS = 250;
/** Paragraphs looked at for scoring; enough for any article, bounded on endless pages. */
const MAX_PARAGRAPHS = 400;
const MIN_PARAGRAPH_CHARS = 25;

/** Past this many characters whitespace is not squeezed: the order of long candidates stays the same, and a regular
 * expression over a 300 KB article would cost several milliseconds of the first scan. */
const SQUEEZE_LIMIT = 20_000;

function textLength(el: Element): number {
  const text = el.textContent ?? '';
  return text.length > SQUEEZE_LIMIT ? text.length : text.replace(/\s+/g, ' ').trim().length;
}

/** The longest of the matching elements, when it is long enough. */
function longest(doc: Document, selector: string): Element | undefined {
  let best: Element | undefined;
  let bestLength = MIN_ARTICLE_CHARS - 1;
  for (const el of Array.from(doc.querySelectorAll(selector))) {
    const length = textLength(el);
    if (length > bestLength) {
      best = el;
      bestLength = length;
    }
  }
  return best;
}

function densest(doc: Document): Element | undefined {
  const scores = new Map<Element, number>();
  const paragraphs = Array.from(doc.querySelectorAll('p, pre, td, blockquote')).slice(0, MAX_PARAGRAPHS);
  for (const p of paragraphs) {
    const length = textLength(p);
    if (length < MIN_PARAGRAPH_CHARS) continue;
    // Readability adds a point per comma and per 100 characters; characters alone rank the same here.
    const parent = p.parentElement;
    const grandparent = parent?.parentElement;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + length);
    if (grandparent) scores.set(grandparent, (scores.get(grandparent) ?? 0) + length / 2);
  }
  let best: Element | undefined;
  let bestScore = MIN_ARTICLE_CHARS - 1;
  for (const [el, score] of scores) {
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

export function pickArticleRoot(doc: Document): Element {
  const fallback = doc.body ?? doc.documentElement;
  try {
    return (
      longest(doc, '[itemprop="articleBody"]') ??
      longest(doc, 'article') ??
      longest(doc, 'main, [role="main"]') ??
      densest(doc) ??
      fallback
    );
  } catch {
    // A hostile or odd document (custom elements throwing from getters) must not stop the scan.
    return fallback;
  }
}
