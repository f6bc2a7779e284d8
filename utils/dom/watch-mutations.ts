/**
 * Watches a page region for new and changed text so the content script can scan incrementally: one
 * MutationObserver, records batched until just after the next frame is rendered, and only nodes worth scanning
 * reported.
 */

import {
  composedContains,
  composedParent,
  isBlockElement,
  isInsideSkipped,
  openShadowRoot,
  topmostNodes,
  type CollectOptions,
} from './collect-text';

/**
 * `skipCache` holds the skip decisions made for this batch (see `CollectOptions.skipCache`): pass it on when
 * collecting the same nodes' text so ancestors are not asked about again.
 */
type TextChangeListener = (
  added: Node[],
  changedTexts: Text[],
  removed: Node[],
  skipCache: Map<Element, boolean>,
) => void;

interface WatchOptions extends CollectOptions {
  /** Runs the batched flush later; defaults to just after the next frame (see `afterNextFrame`). */
  schedule?: (run: () => void) => void;
}

export interface TextWatcher {
  /** Reports pending changes now instead of at the next frame. */
  flush(): void;
  /**
   * Drops every change seen so far without reporting it: for a caller that has just read the whole region again
   * (a full rescan), so the same text is not reported as new right after.
   */
  reset(): void;
  /**
   * Watches an open shadow root under the region too (a mutation observer does not see into shadow trees): for the
   * roots the text was collected from. Watching one twice is harmless.
   */
  observe(shadowRoot: ShadowRoot): void;
  /** Stops watching; pending changes are dropped. */
  disconnect(): void;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const NOT_WHITESPACE = /[^\s]/;

/**
 * Runs `run` in a task of its own right after the next frame has been rendered. The page's new nodes then have their
 * style computed by the frame the page asked for, so reading computed style (hidden blocks) and `isContentEditable`
 * forces no style recalculation of ours; and our work never delays that frame. Where frames do not run (a hidden
 * tab), the batch waits for the tab to be shown, as with requestAnimationFrame alone.
 */
export function afterNextFrame(run: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(run, 16);
    return;
  }
  // A timeout set in a frame callback runs after that frame's style, layout and paint.
  requestAnimationFrame(() => setTimeout(run, 0));
}

/** Elements looked at for shadow roots when an added subtree has no text of its own (bounded). */
const MAX_HOSTS_CHECKED = 200;

function bearsText(node: Node): boolean {
  if (node.nodeType === TEXT_NODE) return NOT_WHITESPACE.test((node as Text).data);
  if (node.nodeType !== ELEMENT_NODE) return false;
  if (NOT_WHITESPACE.test(node.textContent ?? '')) return true;
  // A web component's text lives in its shadow root, which textContent does not include.
  const el = node as Element;
  const shadowText = (host: Element) => {
    const shadow = openShadowRoot(host);
    return shadow !== null && NOT_WHITESPACE.test(shadow.textContent ?? '');
  };
  if (shadowText(el)) return true;
  const inner = el.getElementsByTagName('*');
  for (let i = 0; i < inner.length && i < MAX_HOSTS_CHECKED; i++) if (shadowText(inner[i]!)) return true;
  return false;
}

/**
 * Calls `onChange` once per frame with the text-bearing subtrees added under `root`, the text nodes whose data
 * changed (outside those subtrees), and the nodes removed from the document (for dropping their marks). Mutations
 * inside skipped or excluded elements (our own UI host) are ignored. Never throws into the page.
 */
export function watchText(root: Node, onChange: TextChangeListener, options: WatchOptions = {}): TextWatcher {
  const schedule = options.schedule ?? afterNextFrame;
  const added = new Set<Node>();
  const changed = new Set<Text>();
  const removed = new Set<Node>();
  let scheduled = false;
  let connected = true;

  function flush(): void {
    scheduled = false;
    if (!connected || (added.size === 0 && changed.size === 0 && removed.size === 0)) return;
    try {
      const batchOptions: CollectOptions = { ...options, skipCache: new Map() };
      const addedRoots = topmostNodes(added).filter(
        (node) =>
          node.isConnected && composedContains(root, node) && bearsText(node) && !isInsideSkipped(node, batchOptions),
      );
      const addedSet = new Set(addedRoots);
      const insideAdded = (node: Node): boolean => {
        for (let current: Node | null = node; current; current = composedParent(current)) {
          if (addedSet.has(current)) return true;
        }
        return false;
      };
      const changedTexts = Array.from(changed).filter(
        (text) =>
          text.isConnected && composedContains(root, text) && !insideAdded(text) && !isInsideSkipped(text, batchOptions),
      );
      // A node moved elsewhere is reported as added there; only nodes that left the document count as removed.
      const removedNodes = topmostNodes(removed).filter((node) => !node.isConnected);
      added.clear();
      changed.clear();
      removed.clear();
      if (addedRoots.length > 0 || changedTexts.length > 0 || removedNodes.length > 0) {
        onChange(addedRoots, changedTexts, removedNodes, batchOptions.skipCache ?? new Map());
      }
    } catch {
      // The page's DOM or our listener failed; the next batch starts clean.
      added.clear();
      changed.clear();
      removed.clear();
    }
  }

  function take(records: readonly MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'characterData') {
        if (record.target.nodeType === TEXT_NODE) changed.add(record.target as Text);
        continue;
      }
      record.addedNodes.forEach((node) => {
        added.add(node);
        removed.delete(node);
      });
      record.removedNodes.forEach((node) => {
        removed.add(node);
        added.delete(node);
      });
    }
  }

  const watched = new WeakSet<ShadowRoot>();
  const observer = new MutationObserver((records) => {
    take(records);
    if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
  });
  observer.observe(root, { childList: true, characterData: true, subtree: true });

  return {
    flush() {
      // Records queued but not yet delivered to the callback would otherwise wait for the next batch.
      take(observer.takeRecords());
      flush();
    },
    reset() {
      observer.takeRecords();
      added.clear();
      changed.clear();
      removed.clear();
    },
    observe(shadowRoot) {
      if (!connected || watched.has(shadowRoot)) return;
      watched.add(shadowRoot);
      observer.observe(shadowRoot, { childList: true, characterData: true, subtree: true });
    },
    disconnect() {
      connected = false;
      observer.disconnect();
      added.clear();
      changed.clear();
      removed.clear();
    },
  };
}

/**
 * Widens changed nodes to their nearest block ancestors under `root` (deduplicated, topmost only), so a rescan sees
 * whole paragraphs: a name split over inline tags (`<b>Abbas</b> Araghchi`) is found again when one part changes.
 */
export function expandToBlocks(nodes: readonly Node[], root: Node): Node[] {
  const blocks = new Set<Node>();
  for (const node of nodes) blocks.add(blockOf(node, root));
  return topmostNodes(blocks);
}

/** The node itself if it is a block, else its nearest block ancestor below `root`, else its ancestor just below `root`. */
function blockOf(node: Node, root: Node): Node {
  let current = node;
  while (!(current.nodeType === ELEMENT_NODE && isBlockElement(current as Element))) {
    const parent = current.parentNode;
    if (!parent || parent === root) break;
    current = parent;
  }
  return current;
}
