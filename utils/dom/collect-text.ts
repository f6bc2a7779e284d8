/**
 * Collects the readable text of a page region as one string plus a map back to the DOM's text nodes.
 *
 * `text` is the data of `nodes` joined by separators that belong to no node: `\n` at block boundaries and a single
 * space where a skipped whitespace-only node stood between two inline runs (`<b>Abbas</b> <i>Araghchi</i>`).
 * `starts[i]` is the offset of `nodes[i]` in `text`, so an offset maps back to a node by binary search (`locate`).
 *
 * Open shadow roots are read where their host stands (a web component's article), then the host's light children that
 * are slotted into it; light children assigned to no slot are not rendered and not read. Closed shadow roots are
 * never entered (their content is the page's own business, and invisible to us anyway).
 */

export interface CollectedText {
  text: string;
  nodes: Text[];
  starts: number[];
  /** Set when collection stopped at `maxChars`. */
  truncated?: true;
  /** The open shadow roots the text was read from (for watching them, and for styling marks inside them). */
  shadowRoots?: ShadowRoot[];
}

export interface CollectOptions {
  /** Elements whose whole subtree is left out, e.g. our own UI host. */
  exclude?: (el: Element) => boolean;
  /**
   * Leave out subtrees hidden by CSS (`display: none`, `visibility: hidden`). Checked only on block elements and
   * elements with a `style` attribute, with `getComputedStyle` (a style recalc, never a layout). Default true.
   */
  detectCssHidden?: boolean;
  /** Stop after the node that reaches this many characters: endless or hostile pages stay bounded. */
  maxChars?: number;
  /**
   * Remembers which elements are skipped, for one batch of work: incremental scans ask about the same ancestors
   * (article, body) for every changed node, and `getComputedStyle` per ask adds up. Use a fresh map per batch.
   */
  skipCache?: Map<Element, boolean>;
}

/** A node-local piece of a text span: `node.data.slice(start, end)`. */
export interface TextPiece {
  node: Text;
  start: number;
  end: number;
}

interface TextPosition {
  node: Text;
  offset: number;
}

/** Subtrees that never hold article prose, or whose text the reader is typing. */
const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup', 'datalist',
  'button', 'svg', 'math', 'iframe', 'frame', 'frameset', 'object', 'embed', 'canvas', 'video', 'audio', 'map',
  'head', 'title', 'meta', 'link',
]);

/** Decided by tag name, not computed style, so the CLI's layout-free DOM splits text the same way. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'listing', 'plaintext', 'xmp',
]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_FRAGMENT_NODE = 11;
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const NOT_WHITESPACE = /[^\s]/;

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** HTML elements' local names are already lower case; others (SVG, XML) are folded to compare with the tag sets. */
function tagOf(el: Element): string {
  return el.namespaceURI === HTML_NS ? el.localName : el.localName.toLowerCase();
}

export function isBlockElement(el: Element): boolean {
  return BLOCK_TAGS.has(tagOf(el));
}

function isEditable(el: Element): boolean {
  const attr = el.getAttribute('contenteditable');
  if (attr !== null && attr.toLowerCase() !== 'false') return true;
  // isContentEditable also covers designMode; happy-dom may not implement it, hence the attribute check first.
  return (el as Partial<HTMLElement>).isContentEditable === true;
}

function isCssHidden(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return false;
  try {
    const style = view.getComputedStyle(el);
    return style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse';
  } catch {
    return false;
  }
}

/** True when the element's subtree is left out of the collected text (not looking at ancestors). */
function isSkippedElement(el: Element, options: CollectOptions = {}): boolean {
  const cache = options.skipCache;
  if (!cache) return computeSkipped(el, options);
  let skipped = cache.get(el);
  if (skipped === undefined) cache.set(el, (skipped = computeSkipped(el, options)));
  return skipped;
}

function computeSkipped(el: Element, options: CollectOptions): boolean {
  if (SKIPPED_TAGS.has(tagOf(el))) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (isEditable(el)) return true;
  if (options.exclude?.(el)) return true;
  if (options.detectCssHidden !== false && (isBlockElement(el) || el.hasAttribute('style')) && isCssHidden(el)) {
    return true;
  }
  return false;
}

/** True when the node or one of its ancestors (crossing shadow roots) is skipped. */
export function isInsideSkipped(node: Node, options: CollectOptions = {}): boolean {
  for (let current: Node | null = node; current; ) {
    if (current.nodeType === ELEMENT_NODE && isSkippedElement(current as Element, options)) return true;
    current =
      current.nodeType === DOCUMENT_FRAGMENT_NODE ? ((current as ShadowRoot).host ?? null) : current.parentNode;
  }
  return false;
}

/** The open shadow root of `el`, if any (closed roots are never returned, even where a browser would). */
export function openShadowRoot(el: Element): ShadowRoot | null {
  try {
    const shadow = el.shadowRoot;
    return shadow && shadow.mode === 'open' ? shadow : null;
  } catch {
    return null;
  }
}

/** The parent in the composed tree: a shadow root's parent is its host. */
export function composedParent(node: Node): Node | null {
  return node.parentNode ?? (node.nodeType === DOCUMENT_FRAGMENT_NODE ? ((node as ShadowRoot).host ?? null) : null);
}

/** `ancestor.contains(node)`, crossing shadow roots upwards. */
export function composedContains(ancestor: Node, node: Node): boolean {
  if (ancestor.contains(node)) return true;
  for (let root = node.getRootNode(); root.nodeType === DOCUMENT_FRAGMENT_NODE; ) {
    const host = (root as ShadowRoot).host;
    if (!host) return false;
    if (ancestor.contains(host)) return true;
    root = host.getRootNode();
  }
  return false;
}

/**
 * Calls `fn` for every text node under `root` in composed order, entering open shadow roots where their host stands
 * (with `shadow`; without it, a plain walk of `root`'s own tree).
 */
export function forEachText(root: Node, fn: (text: Text) => void, shadow = true): void {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc) return;
  if (root.nodeType === TEXT_NODE) {
    fn(root as Text);
    return;
  }
  // The walker never returns its root: a root that is itself a host is entered here.
  const own = shadow && root.nodeType === ELEMENT_NODE ? openShadowRoot(root as Element) : null;
  if (own) forEachText(own, fn, true);
  const walker = doc.createTreeWalker(root, shadow ? SHOW_ELEMENT | SHOW_TEXT : SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === TEXT_NODE) {
      fn(node as Text);
      continue;
    }
    const inner = openShadowRoot(node as Element);
    if (inner) forEachText(inner, fn, true);
  }
}

function nearestBlock(node: Node, root: Node): Node {
  for (let current = node.parentNode; current && current !== root; current = current.parentNode) {
    if (current.nodeType === ELEMENT_NODE && isBlockElement(current as Element)) return current;
  }
  return root;
}

type Separator = '' | ' ' | '\n';

function isPreformatted(node: Text): boolean {
  return Boolean(node.parentElement?.closest('pre, textarea, listing, plaintext, xmp'));
}

/** Accumulates text nodes and separators; shared by `collectText` and `collectTextFrom`. */
class TextCollector {
  private parts: string[] = [];
  private length = 0;
  private lastChar = '';
  private pending: Separator = '';
  private lastBlock: Node | null = null;
  readonly nodes: Text[] = [];
  readonly starts: number[] = [];
  readonly shadowRoots: ShadowRoot[] = [];

  constructor(private readonly maxChars = Infinity) {}

  get full(): boolean {
    return this.length >= this.maxChars;
  }

  breakBlock(): void {
    this.pending = '\n';
  }

  space(): void {
    if (this.pending === '') this.pending = ' ';
  }

  add(node: Text, block: Node): void {
    const data = node.data;
    if (this.lastBlock !== null && block !== this.lastBlock) this.pending = '\n';
    if (this.length > 0 && this.pending !== '') {
      const needed = this.pending === '\n' || (!/\s/.test(this.lastChar) && !/^\s/.test(data));
      if (needed) this.push(this.pending);
    }
    this.pending = '';
    this.lastBlock = block;
    this.nodes.push(node);
    this.starts.push(this.length);
    // A newline inside a text node is only whitespace (outside <pre>), while `\n` in `text` means a block boundary
    // to the matcher: replace it one for one so offsets still map to the node.
    this.push(/[\r\n]/.test(data) && !isPreformatted(node) ? data.replace(/[\r\n]/g, ' ') : data);
  }

  private push(part: string): void {
    this.parts.push(part);
    this.length += part.length;
    this.lastChar = part.charAt(part.length - 1);
  }

  result(): CollectedText {
    const collected: CollectedText = { text: this.parts.join(''), nodes: this.nodes, starts: this.starts };
    if (this.full) collected.truncated = true;
    if (this.shadowRoots.length > 0) collected.shadowRoots = this.shadowRoots;
    return collected;
  }
}

function walkInto(collector: TextCollector, root: Node, options: CollectOptions): void {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc) return;
  if (root.nodeType === TEXT_NODE) {
    const text = root as Text;
    if (NOT_WHITESPACE.test(text.data)) collector.add(text, nearestBlock(text, doc));
    else collector.space();
    return;
  }
  // Hosts met so far whose open shadow root was read: their light children count only where slotted. The walker never
  // returns its root: a root that is itself a host is read here.
  let hosts: Set<Node> | null = null;
  const own = root.nodeType === ELEMENT_NODE ? openShadowRoot(root as Element) : null;
  if (own) {
    hosts = new Set([root]);
    collector.shadowRoots.push(own);
    walkInto(collector, own, options);
    collector.breakBlock();
  }
  // A plain walker, with skipped subtrees stepped over by hand: a NodeFilter callback per node (a call from the
  // browser into script each time) cost more than everything else the walk does.
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
  let node = walker.nextNode();
  while (node && !collector.full) {
    if (hosts !== null && hosts.has(node.parentNode as Node) && (node as Element | Text).assignedSlot === null) {
      node = nextOutside(walker);
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      const text = node as Text;
      if (NOT_WHITESPACE.test(text.data)) collector.add(text, nearestBlock(text, root));
      else collector.space();
      node = walker.nextNode();
      continue;
    }
    const el = node as Element;
    if (isSkippedElement(el, options)) {
      node = nextOutside(walker);
      continue;
    }
    // Block elements break the stream, so `<br>` and empty blocks between two runs still separate them; hosts have
    // their shadow root read where they stand.
    const block = isBlockElement(el);
    if (block) collector.breakBlock();
    const shadow = openShadowRoot(el);
    if (shadow) {
      (hosts ??= new Set()).add(el);
      collector.shadowRoots.push(shadow);
      walkInto(collector, shadow, options);
      if (block) collector.breakBlock();
    }
    node = walker.nextNode();
  }
}

/** The node after the walker's current node and its whole subtree, or null at the end of the walk. */
function nextOutside(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}

/**
 * Collects the text under `root` (see the module comment). Returns nothing when `root` itself lies inside a
 * skipped subtree.
 */
export function collectText(root: Node, options: CollectOptions = {}): CollectedText {
  const collector = new TextCollector(options.maxChars);
  if (!isInsideSkipped(root, options)) walkInto(collector, root, options);
  return collector.result();
}

/** Drops nodes that have an ancestor in the list: their text is collected with that ancestor. */
export function topmostNodes(nodes: Iterable<Node>): Node[] {
  const set = new Set(nodes);
  return Array.from(set).filter((node) => {
    for (let parent = composedParent(node); parent; parent = composedParent(parent)) if (set.has(parent)) return false;
    return true;
  });
}

/**
 * Collects only the given subtrees (e.g. nodes added since the last scan), in the order given, with the same rules
 * as `collectText`. Subtrees inside another one in the list are collected once. Each subtree starts a new block so
 * words from different places never run together.
 */
export function collectTextFrom(roots: readonly Node[], options: CollectOptions = {}): CollectedText {
  const collector = new TextCollector(options.maxChars);
  for (const root of topmostNodes(roots)) {
    if (collector.full) break;
    if (!root.isConnected || isInsideSkipped(root, options)) continue;
    collector.breakBlock();
    walkInto(collector, root, options);
  }
  return collector.result();
}

/** Index of the last node starting at or before `offset`, or -1. */
function nodeIndexAt(collected: CollectedText, offset: number): number {
  const { starts } = collected;
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if ((starts[mid] ?? 0) <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * Maps an offset in `text` back to a node and node-local offset. An offset inside a separator maps to the end of
 * the node before it. Undefined when the offset is outside the text or nothing was collected.
 */
export function locate(collected: CollectedText, offset: number): TextPosition | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset > collected.text.length) return undefined;
  const index = nodeIndexAt(collected, offset);
  const node = collected.nodes[index];
  const start = collected.starts[index];
  if (!node || start === undefined) return undefined;
  return { node, offset: Math.min(offset - start, node.data.length) };
}

/**
 * The node-local pieces of the span `[start, end)` of `text`, one per text node it touches, in document order.
 * Separators contribute no piece; empty pieces are dropped.
 */
export function piecesFor(collected: CollectedText, start: number, end: number): TextPiece[] {
  const pieces: TextPiece[] = [];
  if (!(end > start)) return pieces;
  const { nodes, starts } = collected;
  for (let i = Math.max(0, nodeIndexAt(collected, start)); i < nodes.length; i++) {
    const node = nodes[i];
    const nodeStart = starts[i];
    if (!node || nodeStart === undefined || nodeStart >= end) break;
    const pieceStart = Math.max(start, nodeStart) - nodeStart;
    const pieceEnd = Math.min(end - nodeStart, node.data.length);
    if (pieceEnd > pieceStart) pieces.push({ node, start: pieceStart, end: pieceEnd });
  }
  return pieces;
}
