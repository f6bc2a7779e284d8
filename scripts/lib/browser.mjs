// Launches Debian's Chromium with the built extension through playwright-core, and reads our closed shadow root via
// CDP (which pierces closed roots) rather than opening it for tests.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found. Install one (Debian: `sudo apt-get install -y chromium`) or set CHROME_PATH to a Chrome/Chromium binary.',
    );
  }
  return found;
}

/** `lang` (e.g. 'ar') starts the browser with that interface language, which `i18n.getMessage` then answers in. */
export async function launchWithExtension({ extensionDir = '.output/chrome-mv3', headless = true, lang } = {}) {
  const { chromium } = await import('playwright-core');
  const ext = resolve(extensionDir);
  if (!existsSync(join(ext, 'manifest.json'))) throw new Error(`No built extension at ${ext}: run the build first.`);
  const profile = mkdtempSync(join(tmpdir(), 'backstory-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless,
    viewport: { width: 1200, height: 900 },
    ...(lang && { locale: lang, env: { ...process.env, LANGUAGE: lang, LANG: `${lang}.UTF-8` } }),
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(lang ? [`--lang=${lang}`] : []),
    ],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Client rect of the first occurrence of `text` in the page's text nodes (test-side helper, page world). */
export async function rectOfText(page, text, nth = 0) {
  return page.evaluate(
    ([needle, index]) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        let at = node.data.indexOf(needle);
        while (at >= 0) {
          if (seen++ === index) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + needle.length);
            const r = range.getClientRects()[0];
            return r ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
          }
          at = node.data.indexOf(needle, at + 1);
        }
      }
      return null;
    },
    [text, nth],
  );
}

/** Moves the pointer onto the middle of `text` (scrolling it into view first). */
export async function hoverText(page, text, nth = 0) {
  await page.evaluate(
    ([needle, index]) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.data.includes(needle) && seen++ === index) {
          node.parentElement?.scrollIntoView({ block: 'center' });
          return;
        }
      }
    },
    [text, nth],
  );
  const rect = await rectOfText(page, text, nth);
  if (!rect) throw new Error(`Text not found on page: ${text}`);
  await page.mouse.move(rect.x - 30, rect.y + rect.height / 2);
  await page.mouse.move(rect.x + Math.min(rect.width / 2, 20), rect.y + rect.height / 2, { steps: 4 });
  return rect;
}

/**
 * Reads the card from the closed shadow root of `backstory-card` through CDP: returns null when there is no card,
 * else `{ text, title, ariaRole, links: [{href, rel, text}], testids: {id: text[]} }`.
 */
export async function readCard(page) {
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
      functionDeclaration: `function () {
        const card = this.querySelector('[data-testid="card"]');
        if (!card) return null;
        const byId = {};
        for (const el of this.querySelectorAll('[data-testid]')) {
          const id = el.getAttribute('data-testid');
          (byId[id] ??= []).push(el.textContent.trim());
        }
        return {
          text: card.textContent,
          title: card.querySelector('[data-testid="card-title"]')?.textContent ?? '',
          role: card.getAttribute('role'),
          labelledBy: card.getAttribute('aria-labelledby'),
          links: Array.from(card.querySelectorAll('a')).map((a) => ({ href: a.getAttribute('href'), rel: a.rel, text: a.textContent })),
          testids: byId,
          shadowMode: this.mode,
        };
      }`,
    });
    return result.value ?? null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

function findNode(node, test) {
  if (test(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
    const hit = findNode(child, test);
    if (hit) return hit;
  }
  return undefined;
}

/** Polls `fn` until it returns a truthy value or the timeout passes. */
export async function waitFor(fn, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`Timed out waiting for ${message}`);
}

/** Number of ranges painted in CSS.highlights (read from the page, where the registry lives). */
export async function countHighlights(page) {
  return page.evaluate(() => {
    let n = 0;
    for (const [, h] of CSS.highlights) n += h.size;
    return n;
  });
}

/**
 * Opens the real toolbar popup (chrome.action.openPopup from the service worker) over the current tab, and returns
 * `{ evaluate(expression), close() }` to read it through CDP: the action popup is not a tab, so it is the only way
 * to see it the way a reader does, with the article as the "current tab".
 */
export async function openActionPopup({ context, worker }, page) {
  await page.bringToFront();
  await worker.evaluate(async () => {
    await chrome.action.openPopup();
  });
  return attachActionPopup({ context }, page);
}

/** Waits for the toolbar popup, however it was opened (e.g. by a card's Refresh), and attaches to it like `openActionPopup`. */
export async function attachActionPopup({ context }, page) {
  const cdp = await context.newCDPSession(page);
  const target = await waitFor(
    async () => (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.url.endsWith('/popup.html')),
    { message: 'the action popup' },
  );
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 1;
  const pending = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  function send(method, params = {}) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result)));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  }
  return {
    async evaluate(expression) {
      const result = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
      if (result.exceptionDetails) throw new Error(result.exceptionDetails.text);
      return result.result.value;
    },
    /** PNG of the popup as the reader sees it. */
    async screenshot(path) {
      const { data } = await send('Page.captureScreenshot', { format: 'png' });
      const { writeFileSync } = await import('node:fs');
      writeFileSync(path, Buffer.from(data, 'base64'));
    },
    /** A trusted click at popup coordinates, as the reader's own pointer makes it. */
    async click(x, y) {
      for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
        await send('Input.dispatchMouseEvent', { type, x, y, button: type === 'mouseMoved' ? 'none' : 'left', clickCount: 1 });
      }
    },
    /** A trusted key press in the popup: 'Tab' or 'Space'. */
    async press(name) {
      const { text, ...key } = POPUP_KEYS[name];
      await send('Input.dispatchKeyEvent', { type: text ? 'keyDown' : 'rawKeyDown', ...key, ...(text && { text }) });
      await send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
    },
    async close() {
      await send('Runtime.evaluate', { expression: 'window.close()' }).catch(() => {});
      await cdp.detach().catch(() => {});
    },
  };
}

const POPUP_KEYS = {
  Space: { key: ' ', code: 'Space', windowsVirtualKeyCode: 32, text: ' ' },
  Tab: { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 },
};
