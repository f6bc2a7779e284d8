// Core end-to-end checks in Firefox ESR (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi:
// marks appear (on a long page, near the viewport), a card opens on hover, the popup shows the latest round, the options page lists the sources.
// Runs the Firefox test build (.output-e2e/firefox-mv3; see wxt.config.ts for its two test-only manifest keys).
// Prints "firefox: N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import puppeteer from 'puppeteer-core';
import { serve } from '../../scripts/lib/serve.mjs';
import { createSuite, assert, assertEqual } from '../e2e/harness.mjs';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION = resolve(process.env.BACKSTORY_FIREFOX_DIR ?? '.output-e2e/firefox-mv3');
const manifest = JSON.parse(readFileSync(`${EXTENSION}/manifest.json`, 'utf8'));
const geckoId = manifest.browser_specific_settings.gecko.id;
const pack = JSON.parse(readFileSync('data/us-iran-talks.pack.json', 'utf8'));
const uuid = randomUUID();
const extensionUrl = (path) => `moz-extension://${uuid}/${path}`;

async function waitFor(fn, { timeout = 15_000, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const value = await fn();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Timed out waiting for ${message}`);
}

const markedTexts = (page) =>
  page.evaluate(() => {
    const out = [];
    for (const [, highlight] of CSS.highlights) {
      for (const r of highlight) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        out.push(range.toString());
      }
    }
    return out;
  });

/** Extension pages are reached from a test page (BiDi refuses to navigate to moz-extension: directly). */
async function openExtensionPage(browser, server, path) {
  const page = await browser.newPage();
  await page.goto(`${server.url}/no-mentions.html`);
  await page.evaluate((url) => {
    location.href = url;
  }, extensionUrl(path));
  await waitFor(() => page.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete'), {
    message: `${path} to load`,
  });
  return page;
}

const suite = createSuite('firefox');

suite.test('marks appear on the demo article', async ({ browser, server }) => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/demo-article.html`);
  const texts = await waitFor(async () => {
    const t = await markedTexts(page);
    return t.length > 0 && t;
  }, { message: 'marks' });
  for (const name of ['Steve Witkoff', 'Badr al-Busaidi', 'Jared Kushner']) {
    assert(texts.some((t) => t.includes(name)), `a mark on ${name} (got ${JSON.stringify(texts)})`);
  }
  assert(texts.some((t) => t.includes('3,000')), 'a mark on the figure');
  await page.close();
});

suite.test('on a long page only marks near the viewport are registered, and they follow the scroll', async ({ browser, server }) => {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(`${server.url}/onpage-50k.html`);
  const near = () =>
    page.evaluate(() => {
      let count = 0;
      let far = 0;
      let above = 0;
      for (const [, highlight] of CSS.highlights) {
        for (const r of highlight) {
          count++;
          const box = r.startContainer.parentElement.getBoundingClientRect();
          if (box.bottom < -innerHeight - 1 || box.top > 2 * innerHeight + 1) far++;
          if (box.top < 0) above++;
        }
      }
      return { count, far, above };
    });
  const atTop = await waitFor(async () => {
    const w = await near();
    return w.count > 0 && w;
  }, { message: 'marks' });
  assertEqual(atTop.far, 0, 'registered marks far from the viewport');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await waitFor(async () => {
    const w = await near();
    return w.count > 0 && w.far === 0 && w.above > 0;
  }, { message: 'the registered marks to follow the scroll' });
  await page.close();
});

suite.test('a card opens on hover', async ({ browser, server }) => {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(`${server.url}/demo-article.html`);
  await waitFor(async () => (await markedTexts(page)).length > 0, { message: 'marks' });
  const rect = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.data.indexOf('Araghchi told');
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + 8);
        const r = range.getClientRects()[0];
        return { x: r.left, y: r.top, w: r.width, h: r.height };
      }
    }
    return null;
  });
  assert(rect, 'the word is on the page');
  await page.mouse.move(rect.x - 40, rect.y + rect.h / 2);
  await page.mouse.move(rect.x + rect.w / 2, rect.y + rect.h / 2, { steps: 5 });
  // The card sits in a closed shadow root: from the page, a point inside it hits only our host element.
  const hit = await waitFor(
    () =>
      page.evaluate((r) => {
        const host = document.querySelector('backstory-card');
        if (!host) return null;
        for (let dy = 20; dy < 200; dy += 20) {
          const el = document.elementFromPoint(r.x + 20, r.y + r.h + dy);
          if (el === host) return { shadowHidden: host.shadowRoot === null };
        }
        return null;
      }, rect),
    { message: 'the card under the mention' },
  );
  assertEqual(hit.shadowHidden, true, 'the shadow root is closed to the page');
  await page.screenshot({ path: 'demo-output/firefox-card.png' }).catch(() => {});
  await page.close();
});

suite.test('the popup shows the latest round', async ({ browser, server }) => {
  // The latest round held (or, before any was held, the newest): what the popup shows in full.
  const rounds = pack.rounds.filter((r) => r.type === 'round').sort((a, b) => a.dateStart.localeCompare(b.dateStart));
  const latest = rounds.filter((r) => r.status === 'held').pop() ?? rounds[rounds.length - 1];
  const page = await openExtensionPage(browser, server, 'popup.html');
  const title = await waitFor(
    () => page.evaluate(() => document.querySelector('[data-testid="latest-round-title"]')?.textContent ?? null),
    { message: 'latest round title' },
  );
  assertEqual(title, latest.label, 'latest round');
  await page.close();
});

suite.test('the options page lists the sources', async ({ browser, server }) => {
  const page = await openExtensionPage(browser, server, 'options.html');
  const titles = await waitFor(
    () =>
      page.evaluate(() => {
        const t = Array.from(document.querySelectorAll('[data-testid="source-title"]'), (e) => e.textContent);
        return t.length ? t : null;
      }),
    { message: 'source titles' },
  );
  assert(titles.includes(pack.title), `the bundled pack is listed (got ${JSON.stringify(titles)})`);
  await page.close();
});

let passed = 0;
let failed = 0;
if (!existsSync(FIREFOX)) {
  console.log(`firefox: no Firefox at ${FIREFOX} (Debian: apt-get install -y firefox-esr, or set FIREFOX_PATH)`);
  failed = 1;
} else {
  const server = await serve('test/fixtures/pages');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }) },
  });
  try {
    await browser.installExtension(EXTENSION);
    console.log('firefox (Firefox ESR, WebDriver BiDi)');
    for (const r of await suite.run({ browser, server })) {
      if (r.ok) passed++;
      else failed++;
    }
  } catch (error) {
    failed++;
    console.log(`  ✗ could not run: ${error?.stack ?? error}`);
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}
console.log(`firefox: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
