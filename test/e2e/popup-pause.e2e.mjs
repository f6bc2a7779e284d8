// "Pause on this site" in the real toolbar popup (issue #7), as a reader uses it: over an article with marks, the
// popup shows the page's mentions; ticking the box takes the marks off the page without a reload and puts the site
// on the options page's pause list; unticking brings both back. The box works from the keyboard too (Tab to it,
// Space). Test build (host access to 127.0.0.1, like a site the reader has granted).
import { createSuite, assert, assertEqual } from './harness.mjs';
import { countHighlights, openActionPopup, waitFor } from '../../scripts/lib/browser.mjs';

const suite = createSuite('popup: pause on this site', { build: 'e2e' });
const SITE = '127.0.0.1';
const BOX = '[data-testid="pause-site"]';

async function closeStrayPages(context) {
  for (const p of context.pages()) if (p.url().startsWith('chrome-extension://')) await p.close().catch(() => {});
}

async function openArticle({ context, server }) {
  await closeStrayPages(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/demo-article.html`);
  const marks = await waitFor(async () => (await countHighlights(page)) || null, { message: 'marks on the demo article' });
  return { page, errors, marks };
}

/** The popup's "This page" section: the count line, the total, and the pause box (null until the settings load). */
async function readPageSection(popup) {
  return JSON.parse(
    await popup.evaluate(`JSON.stringify((() => {
      const box = document.querySelector('${BOX}');
      return {
        count: document.querySelector('[data-testid="mention-count"]')?.textContent ?? null,
        total: document.querySelector('[data-testid="mention-total"]')?.textContent ?? null,
        label: box?.parentElement?.textContent ?? null,
        checked: box ? box.checked : null,
        disabled: box ? box.disabled : null,
        focused: document.activeElement === box,
      };
    })())`),
  );
}

/** Waits until the popup shows the page's counts and a usable pause box. */
async function waitForPageSection(popup) {
  return waitFor(
    async () => {
      const s = await readPageSection(popup);
      return s.checked !== null && !s.disabled && (s.total !== null || /paused/i.test(s.count ?? '')) ? s : null;
    },
    { message: 'the page section of the popup with its pause box' },
  );
}

async function boxCenter(popup) {
  const json = await popup.evaluate(`JSON.stringify((() => {
    const el = document.querySelector('${BOX}');
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  })())`);
  return JSON.parse(json);
}

/** The paused sites listed on the options page (a fresh page, as a reader opening the options would see it). */
async function pausedSitesInOptions({ context, extensionUrl }) {
  const page = await context.newPage();
  try {
    await page.goto(extensionUrl('options.html'));
    const list = page.locator('[data-testid="sites-paused"]');
    await list.waitFor({ timeout: 10_000 });
    await waitFor(
      async () => (await list.locator('[data-testid="sites-paused-item"], [data-testid="sites-paused-empty"]').count()) > 0,
      { message: 'the pause list on the options page' },
    );
    return (await list.locator('[data-testid="sites-paused-item"] span').allTextContents()).map((s) => s.trim());
  } finally {
    await page.close();
  }
}

async function setPausedSites({ context, extensionUrl }, pausedSites) {
  const page = await context.newPage();
  await page.goto(extensionUrl('options.html'));
  await page.evaluate(`chrome.runtime.sendMessage({ type: 'set-settings', patch: { pausedSites: ${JSON.stringify(pausedSites)} } })`);
  await page.close();
}

suite.test('ticking "pause on this site" in the toolbar popup clears the marks at once and lists the site in the options', async (env) => {
  await setPausedSites(env, []);
  const { page: article, errors, marks } = await openArticle(env);

  let popup = await openActionPopup(env, article);
  let before;
  try {
    before = await waitForPageSection(popup);
    assert(Number(before.total) > 0, `the popup counts the page's mentions (${before.count})`);
    assert(/Mentions on this page/.test(before.count ?? '') && /\(.+: \d+/.test(before.count ?? ''), `counts by kind (${before.count})`);
    assert(before.label?.includes(SITE), `the box names the site (${before.label})`);
    assertEqual(before.checked, false, 'not paused yet');

    const { x, y } = await boxCenter(popup);
    await popup.click(x, y);
    await waitFor(async () => (await readPageSection(popup)).checked === true, { message: 'the box ticked' });
    // No reload: the same document loses its marks.
    await waitFor(async () => (await countHighlights(article)) === 0, { message: 'the marks to vanish after pausing', timeout: 5000 });
    const paused = await waitFor(async () => {
      const s = await readPageSection(popup);
      return /paused/i.test(s.count ?? '') ? s : null;
    }, { message: 'the popup to say the site is paused' });
    assert(paused.count.includes(SITE), `the paused line names the site (${paused.count})`);
    assertEqual(await popup.evaluate(`document.querySelectorAll('[data-testid="mention-item"]').length`), 0, 'no mentions listed while paused');
    // The popup's reread of the tab (after the repaint) keeps the box: the site still comes from the content script.
    await article.waitForTimeout(1200);
    const later = await readPageSection(popup);
    assertEqual(later.checked, true, 'still ticked after the popup reads the tab again');
  } finally {
    await popup.close();
  }
  assert((await pausedSitesInOptions(env)).includes(SITE), 'the options page lists the site as paused');
  assertEqual(await countHighlights(article), 0, 'still no marks');

  // Reopened later, the popup remembers: the box is ticked and the page is reported paused.
  popup = await openActionPopup(env, article);
  try {
    const reopened = await waitForPageSection(popup);
    assertEqual(reopened.checked, true, 'the reopened popup shows the site paused');
    assert(/paused/i.test(reopened.count ?? ''), `paused line (${reopened.count})`);

    const { x, y } = await boxCenter(popup);
    await popup.click(x, y);
    await waitFor(async () => (await readPageSection(popup)).checked === false, { message: 'the box unticked' });
    const back = await waitFor(async () => (await countHighlights(article)) || null, { message: 'the marks to come back after unpausing' });
    assertEqual(back, marks, 'the same marks as before pausing');
    // The popup counts the page again once the tab has repainted.
    const counts = await waitFor(async () => {
      const s = await readPageSection(popup);
      return Number(s.total) > 0 ? s : null;
    }, { message: 'the popup to count the mentions again', timeout: 5000 });
    assertEqual(counts.total, before.total, `the same count as before pausing (${counts.count})`);
  } finally {
    await popup.close();
  }
  assert(!(await pausedSitesInOptions(env)).includes(SITE), 'the options page no longer lists the site');
  assertEqual(errors.length, 0, `page errors: ${errors.join(' | ')}`);
  await article.close();
});

suite.test('the pause box works from the keyboard: Tab reaches it, Space ticks and unticks it', async (env) => {
  await setPausedSites(env, []);
  const { page: article, marks } = await openArticle(env);
  const popup = await openActionPopup(env, article);
  try {
    await waitForPageSection(popup);
    // Tab from the top of the popup until the box has focus (the section comes first, so a few presses suffice).
    await popup.evaluate(`document.activeElement?.blur(), document.body.focus(), true`);
    let reached = false;
    for (let i = 0; i < 25 && !reached; i++) {
      await popup.press('Tab');
      reached = (await readPageSection(popup)).focused;
    }
    assert(reached, 'Tab reaches the pause box');

    await popup.press('Space');
    await waitFor(async () => (await readPageSection(popup)).checked === true, { message: 'Space to tick the box' });
    await waitFor(async () => (await countHighlights(article)) === 0, { message: 'the marks to vanish after Space', timeout: 5000 });

    // The box keeps focus across the popup's own update, so a second Space undoes it.
    await waitFor(async () => (await readPageSection(popup)).focused, { message: 'focus still on the box' });
    await popup.press('Space');
    await waitFor(async () => (await readPageSection(popup)).checked === false, { message: 'Space to untick the box' });
    const back = await waitFor(async () => (await countHighlights(article)) || null, { message: 'the marks to come back' });
    assertEqual(back, marks, 'the same marks as before');
  } finally {
    await popup.close();
  }
  // Checked after the popup closed: opening another page would close it.
  assert(!(await pausedSitesInOptions(env)).includes(SITE), 'unpaused from the keyboard: not in the options list');
  await article.close();
});

suite.after(async (env) => {
  await setPausedSites(env, []);
});

export default suite;
