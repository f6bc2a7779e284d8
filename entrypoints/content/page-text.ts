import { readArticleDate } from '@/utils/dom/article-date';
import { collectText, collectTextFrom, composedContains, type CollectedText } from '@/utils/dom/collect-text';
import { pickArticleRoot } from '@/utils/dom/pick-article-root';
import { expandToBlocks, watchText, type TextWatcher } from '@/utils/dom/watch-mutations';
import { HOST_TAG } from './card-host';
import type { ReadingScope } from './mark-index';

/** Pages with less text than this are not articles: we send nothing and touch nothing. */
const MIN_ARTICLE_CHARS = 200;
/** Endless or hostile pages stay bounded: text beyond this is not collected. */
const MAX_ARTICLE_CHARS = 2_000_000;
/** A page that was too short to scan is looked at again at most this often while it grows. */
const RETRY_SCAN_MS = 1000;

/** What the page changed since it was read: text to scan again and what went away. */
export interface TextChange {
  /** Nodes taken out of the page: their marks go. */
  removed: Node[];
  /** Blocks with new or really changed text: their marks are replaced by the marks of `collected`. */
  blocks: Node[];
  /** The text of `blocks`, collected again (null when there are none). */
  collected: CollectedText | null;
}

interface PageTextDeps {
  doc: Document;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number | undefined): void;
  /** Schedules the mutation watcher's flush (tests flush synchronously). */
  scheduleWatch?: (run: () => void) => void;
  /** Whether changes matter now (the site is active). */
  active(): boolean;
  onChange(change: TextChange): void;
  /** The page was too short (or its article went) and may have grown since: read it again from the start. */
  onRetry(): void;
}

/**
 * The article's text as the content script sees it: which element holds it, its date, the text of each node when it
 * was sent (a "change" to the same text needs no rescan), and a watcher that reports only blocks whose text really
 * changed. Never reads the page's own text into anything but the collected text it hands out.
 */
interface PageText extends ReadingScope {
  /** Reads the whole article afresh; null when the page has too little text to be one (we then wait for it to grow). */
  collectArticle(): CollectedText | null;
  /** The article's publication date, read with its text. */
  date(): string | undefined;
  /** Whether the last full read found an article (and the watcher now reports its changes). */
  hasArticle(): boolean;
  /** Starts watching the page for new and changed text. */
  watch(): void;
  /** Stops watching and waiting; the next `collectArticle` starts from scratch. */
  reset(): void;
}

const exclude = (el: Element) => el.localName === HOST_TAG;

export function createPageText(deps: PageTextDeps): PageText {
  const { doc } = deps;
  let root: Element | null = null;
  let date: string | undefined;
  /** True once a full read found an article; until then the watcher only waits for the page to grow. */
  let scanned = false;
  let scannedData = new WeakMap<Text, string>();
  /** Set once text was read from an open shadow root: walks in reading order then enter shadow roots. */
  let shadowSeen = false;
  let watcher: TextWatcher | null = null;
  let retryTimer: number | undefined;

  function remember(collected: CollectedText): void {
    for (const node of collected.nodes) scannedData.set(node, node.data);
  }

  /** Shadow roots the text came from: the mutation observer must look into them too. */
  function watchShadows(collected: CollectedText): void {
    if (!collected.shadowRoots) return;
    shadowSeen = true;
    for (const shadow of collected.shadowRoots) watcher?.observe(shadow);
  }

  function cancelRetry(): void {
    deps.clearTimeout(retryTimer);
    retryTimer = undefined;
  }

  function scheduleRetry(): void {
    if (retryTimer !== undefined) return;
    retryTimer = deps.setTimeout(() => {
      retryTimer = undefined;
      deps.onRetry();
    }, RETRY_SCAN_MS);
  }

  /** The watcher's batch, reduced to the blocks worth scanning: cost follows the size of the change, not the page. */
  function onMutations(added: Node[], changed: Text[], removed: Node[], skipCache: Map<Element, boolean>): void {
    if (!deps.active()) return;
    if (!scanned || !root || !root.isConnected) {
      scheduleRetry();
      return;
    }
    const scope = root;
    const touched: Node[] = [];
    const inside = (node: Node) => (shadowSeen ? composedContains(scope, node) : scope.contains(node));
    for (const text of changed) if (scannedData.get(text) !== text.data && inside(text)) touched.push(text);
    for (const node of added) if (inside(node)) touched.push(node);
    const blocks = touched.length > 0 ? expandToBlocks(touched, scope) : [];
    let collected: CollectedText | null = null;
    if (blocks.length > 0) {
      collected = collectTextFrom(blocks, { exclude, maxChars: MAX_ARTICLE_CHARS, skipCache });
      remember(collected);
      watchShadows(collected);
    }
    deps.onChange({ removed, blocks, collected });
  }

  return {
    root: () => root,
    intoShadows: () => shadowSeen,
    date: () => date,
    hasArticle: () => scanned,
    collectArticle() {
      cancelRetry();
      scannedData = new WeakMap();
      root = pickArticleRoot(doc);
      const collected = collectText(root, { exclude, maxChars: MAX_ARTICLE_CHARS });
      // Changes made before this collection are in it: the watcher must not report them again as new text.
      watcher?.reset();
      watchShadows(collected);
      const short = collected.text.length < MIN_ARTICLE_CHARS * 8 && collected.text.replace(/\s+/g, ' ').length < MIN_ARTICLE_CHARS;
      scanned = !short;
      if (short) return null;
      date = readArticleDate(doc);
      remember(collected);
      return collected;
    },
    watch() {
      if (watcher || !doc.body) return;
      watcher = watchText(doc.body, onMutations, { exclude, ...(deps.scheduleWatch && { schedule: deps.scheduleWatch }) });
    },
    reset() {
      watcher?.disconnect();
      watcher = null;
      cancelRetry();
      scanned = false;
    },
  };
}
