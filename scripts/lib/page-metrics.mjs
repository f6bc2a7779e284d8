// Helpers for the on-the-page tests and benchmark: read inside our closed shadow root through CDP (which pierces
// closed roots) without opening it, find where its elements are on screen, and reach the extension's own pages.

function findNode(node, test) {
  if (test(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const hit = findNode(child, test);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Runs `fn` (a function source taking the shadow root as `this`) inside the closed shadow root of our card host and
 * returns its JSON result; null when there is no host.
 */
export async function inCardRoot(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const host = findNode(root, (n) => n.nodeName === 'BACKSTORY-CARD');
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      returnByValue: true,
      functionDeclaration: fn,
    });
    return result.value ?? null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Focus and live-region state of the card: which element inside has focus, and what the live region says. */
export function readCardState(page) {
  return inCardRoot(
    page,
    `function () {
      const active = this.activeElement;
      return {
        open: Boolean(this.querySelector('[data-testid="card"]')),
        focused: active ? (active.getAttribute('data-testid') || active.localName) : null,
        live: this.querySelector('[data-testid="live-region"]')?.textContent ?? null,
        liveRole: this.querySelector('[data-testid="live-region"]')?.getAttribute('role') ?? null,
        title: this.querySelector('[data-testid="card-title"]')?.textContent ?? null,
        theme: this.querySelector('.bs-root')?.className ?? null,
        stale: this.querySelector('[data-testid="stale"]')?.textContent ?? null,
      };
    }`,
  );
}

/**
 * Viewport box `{x, y, width, height}` of the first element with this data-testid inside the card, or null. The card
 * scrolls inside itself when long: the element is scrolled into the card's view first, as a reader would.
 */
export function cardBox(page, testid) {
  return inCardRoot(
    page,
    `function () {
      const el = this.querySelector('[data-testid="${testid}"]');
      if (!el) return null;
      el.scrollIntoView({ block: 'nearest' });
      const r = el.getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    }`,
  );
}

/** Sends a message to the background from an extension page, as the options page does (a trusted sender). */
export async function fromExtensionPage({ context, extensionUrl }, message) {
  const page = await context.newPage();
  try {
    await page.goto(extensionUrl('options.html'));
    return await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  } finally {
    await page.close();
  }
}

/**
 * The keyboard command's path: the background sends `navigate` to the active tab (what `commands.onCommand` does for
 * Alt+Shift+J / Alt+Shift+K; headless Chromium cannot press browser shortcuts).
 */
export async function sendNavigate({ worker }, page, direction) {
  await page.bringToFront();
  await worker.evaluate(async (dir) => {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    await chrome.tabs.sendMessage(tab.id, { type: 'navigate', direction: dir });
  }, direction);
}

/** Sends a tab request (`page-mentions`, `show-mention`) to the active tab, as the popup does. */
export async function askActiveTab({ worker }, page, message) {
  await page.bringToFront();
  return worker.evaluate(async (m) => {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    return chrome.tabs.sendMessage(tab.id, m);
  }, message);
}

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
