// On the page, as a reader meets it: hover cards that behave per WCAG 1.4.13, the keyboard path with its live-region
// announcement, "not this", settings applied without reload, and cards that fetch nothing. Release build.
import { createSuite, assert, assertEqual } from './harness.mjs';
import { countHighlights, hoverText, launchWithExtension, readCard, waitFor } from '../../scripts/lib/browser.mjs';
import { askActiveTab, cardBox, fromExtensionPage, inCardRoot, readCardState, sendNavigate } from '../../scripts/lib/page-metrics.mjs';

const suite = createSuite('on the page');

async function openArticle({ context, server }, host = '127.0.0.1') {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = host === '127.0.0.1' ? server.url : server.url.replace('127.0.0.1', host);
  await page.goto(`${url}/onpage-article.html`);
  await waitFor(async () => (await countHighlights(page)) > 0, { message: 'marks on the article' });
  return { page, errors };
}

async function paintedTexts(page) {
  return page.evaluate(() => {
    const out = [];
    for (const [, h] of CSS.highlights) for (const r of h) out.push(r.startContainer.data.slice(r.startOffset, r.endOffset));
    return out;
  });
}

const DEFAULTS = { pausedSites: [], kinds: ['person', 'org', 'place', 'event', 'term', 'talks', 'round', 'figure'], markMode: 'all', theme: 'auto', underline: 'default', tint: false };

suite.test('hover opens a card after a short intent; Escape closes it', async (env) => {
  const { page, errors } = await openArticle(env);
  await hoverText(page, 'Araghchi said');
  const arrived = Date.now();
  const card = await waitFor(() => readCard(page), { message: 'the card', interval: 20 });
  // Not at once: a pointer passing over a name opens nothing (hover intent of 250 ms).
  assert(Date.now() - arrived >= 200, `card opened after ${Date.now() - arrived} ms`);
  assertEqual(card.title, 'Abbas Araghchi', 'card title');
  await page.keyboard.press('Escape');
  await waitFor(async () => (await readCard(page)) === null, { message: 'the card to close on Escape' });
  assertEqual(errors.length, 0, 'no page errors');
  await page.close();
});

suite.test('moving into the card keeps it open; moving away closes it', async (env) => {
  const { page } = await openArticle(env);
  const mark = await hoverText(page, 'Araghchi said');
  await waitFor(() => readCard(page), { message: 'the card' });
  const box = await waitFor(() => cardBox(page, 'card'), { message: 'the card box' });
  // Down from the mark into the card, the way a reader moves.
  await page.mouse.move(mark.x + 10, box.y + 20, { steps: 6 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 6 });
  await page.waitForTimeout(900);
  assert(await readCard(page), 'the card stays open while the pointer is inside it');
  await page.mouse.move(box.x + box.width / 2, box.y + 12, { steps: 3 });
  await page.waitForTimeout(500);
  assert(await readCard(page), 'still open while moving inside it');
  // Away to empty space.
  await page.mouse.move(1190, 890, { steps: 4 });
  await waitFor(async () => (await readCard(page)) === null, { message: 'the card to close', timeout: 3000 });
  await page.close();
});

suite.test('the keyboard command moves through the marks in reading order, focus inside, announced; Escape gives focus back', async (env) => {
  const { page, errors } = await openArticle(env);
  await page.focus('#home');
  const total = await page.evaluate(() => {
    let n = 0;
    for (const [, h] of CSS.highlights) n += h.size;
    return n;
  });
  await sendNavigate(env, page, 1);
  const first = await waitFor(async () => {
    const s = await readCardState(page);
    return s?.open && s.live ? s : null;
  }, { message: 'the card opened by the keyboard command' });
  assert(/^Iran|^the talks|^Muscat|^Abbas Araghchi/i.test(first.title ?? ''), `first mention in reading order (${first.title})`);
  assertEqual(first.focused, 'card-title', 'focus inside the card (its title)');
  assertEqual(first.liveRole, 'status', 'live region');
  assert(/^.+, .+, 1 of \d+$/.test(first.live), `announcement "${first.live}"`);
  const count = Number(/of (\d+)$/.exec(first.live)[1]);
  assert(count >= 6 && count <= total, `count ${count} of painted mentions (${total} ranges)`);
  // Next until Abbas Araghchi; the announcement follows.
  let state = first;
  for (let i = 2; i <= count && !/^Abbas Araghchi, person, /.test(state.live); i++) {
    await sendNavigate(env, page, 1);
    state = await waitFor(async () => {
      const s = await readCardState(page);
      return s?.live?.endsWith(`${i} of ${count}`) ? s : null;
    }, { message: `mention ${i}` });
  }
  assert(/^Abbas Araghchi, person, \d+ of \d+$/.test(state.live), `"Abbas Araghchi, person, n of N" (${state.live})`);
  assertEqual(state.title, 'Abbas Araghchi', 'card follows the announcement');
  // Previous wraps from the first to the last.
  await sendNavigate(env, page, -1);
  await waitFor(async () => (await readCardState(page))?.live?.endsWith(` of ${count}`), { message: 'previous' });
  await page.keyboard.press('Escape');
  await waitFor(async () => !(await readCardState(page))?.open, { message: 'closed on Escape' });
  assertEqual(await page.evaluate(() => document.activeElement?.id), 'home', 'focus back where it was');
  assertEqual(errors.length, 0, 'no page errors');
  await page.close();
});

suite.test('in an Arabic browser the card and the announcement name the kind in Arabic; pack data as written', async ({ server }) => {
  // A second browser whose interface language is Arabic: the content script's words come from i18n.getMessage.
  const arabic = await launchWithExtension({ extensionDir: process.env.BACKSTORY_EXTENSION_DIR ?? '.output/chrome-mv3', lang: 'ar' });
  try {
    const page = await arabic.context.newPage();
    await page.goto(`${server.url}/onpage-article.html`);
    await waitFor(async () => (await countHighlights(page)) > 0, { message: 'marks on the article' });
    let state = null;
    for (let i = 1; i <= 40 && state?.title !== 'Abbas Araghchi'; i++) {
      await sendNavigate(arabic, page, 1);
      state = await waitFor(async () => {
        const s = await readCardState(page);
        return s?.live && new RegExp(`، ${i} من \\d+$`).test(s.live) ? s : null;
      }, { message: `mention ${i}` });
    }
    assert(/^Abbas Araghchi، شخص، \d+ من \d+$/.test(state.live), `"Abbas Araghchi، شخص، n من N" (${state.live})`);
    const kind = await inCardRoot(page, 'function () { return this.querySelector(".bs-kind")?.textContent ?? null; }');
    assertEqual(kind, 'شخص', 'the card’s kind line');
    assertEqual(state.title, 'Abbas Araghchi', 'the name as the pack writes it');
    await page.close();
  } finally {
    await arabic.close();
  }
});

suite.test('the popup’s show-mention scrolls to a mark and opens its card', async (env) => {
  const { page } = await openArticle(env);
  const list = await askActiveTab(env, page, { type: 'page-mentions' });
  assertEqual(list.items.length, list.total, 'one item per painted mention');
  const target = list.items.find((item) => /Busaidi/.test(item.text));
  assert(target, `a Busaidi mention among ${JSON.stringify(list.items.map((i) => i.label))}`);
  const reply = { shown: await askActiveTab(env, page, { type: 'show-mention', index: target.index }) };
  assert(reply.shown.ok, 'show-mention answered ok');
  const card = await waitFor(() => readCard(page), { message: 'the card' });
  assertEqual(card.title, target.label, 'card of the chosen mention');
  await page.close();
});

suite.test('a synthetic click from the page on our host does nothing', async (env) => {
  const { page } = await openArticle(env);
  await hoverText(page, 'Araghchi said');
  await waitFor(() => readCard(page), { message: 'the card' });
  const before = await countHighlights(page);
  await page.evaluate(() => {
    const host = document.querySelector('backstory-card');
    for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click']) {
      host.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: 10, clientY: 10 }));
    }
    host.click();
  });
  await page.waitForTimeout(500);
  assertEqual(await countHighlights(page), before, 'marks unchanged');
  const suppressions = await fromExtensionPage(env, { type: 'list-suppressions' });
  assertEqual(suppressions.length, 0, 'no suppression stored');
  await page.close();
});

suite.test('“Not this” removes the mark at once and after a reload (stored for the site)', async (env) => {
  // On localhost, another site than 127.0.0.1, so the other tests keep their marks.
  const { page } = await openArticle(env, 'localhost');
  await hoverText(page, 'Witkoff told');
  const card = await waitFor(() => readCard(page), { message: 'the card' });
  assertEqual(card.title, 'Steve Witkoff', 'card title');
  const button = await cardBox(page, 'not-this');
  await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
  await waitFor(async () => !(await paintedTexts(page)).some((t) => t.includes('Witkoff')), { message: 'Witkoff marks gone' });
  assert((await paintedTexts(page)).some((t) => t.includes('Araghchi')), 'other marks stay');
  await page.reload();
  await waitFor(async () => (await countHighlights(page)) > 0, { message: 'marks after reload' });
  await page.waitForTimeout(300);
  assert(!(await paintedTexts(page)).some((t) => t.includes('Witkoff')), 'still hidden after reload');
  const suppressions = await fromExtensionPage(env, { type: 'list-suppressions' });
  assert(suppressions.some((s) => s.site === 'localhost' && s.id === 'steve-witkoff'), 'stored for localhost');
  await fromExtensionPage(env, { type: 'remove-suppression', site: 'localhost', id: 'steve-witkoff' });
  await page.close();
});

suite.test('pausing the site removes the marks without reload; resuming paints them again', async (env) => {
  const { page } = await openArticle(env);
  const before = await countHighlights(page);
  const styles = await page.evaluate(() => document.head.querySelectorAll('style').length);
  try {
    await fromExtensionPage(env, { type: 'set-settings', patch: { pausedSites: ['127.0.0.1'] } });
    await waitFor(async () => (await countHighlights(page)) === 0, { message: 'marks removed' });
    assertEqual(await page.evaluate(() => CSS.highlights.size), 0, 'highlights unregistered');
    assertEqual(await page.evaluate(() => document.head.querySelectorAll('style').length), styles - 1, 'our <style> removed');
  } finally {
    await fromExtensionPage(env, { type: 'set-settings', patch: { pausedSites: [] } });
  }
  await waitFor(async () => (await countHighlights(page)) === before, { message: 'marks back' });
  await page.close();
});

suite.test('kinds, first mention only, underline and theme apply without reload', async (env) => {
  const { page } = await openArticle(env);
  const all = await paintedTexts(page);
  try {
    await fromExtensionPage(env, { type: 'set-settings', patch: { kinds: ['person'], markMode: 'first', underline: 'dashed', theme: 'dark' } });
    await waitFor(async () => (await countHighlights(page)) < all.length, { message: 'fewer marks' });
    const texts = await paintedTexts(page);
    assertEqual(texts.filter((t) => /Araghchi/.test(t)).length, 1, `Araghchi marked once (${texts.join(', ')})`);
    assert(!texts.some((t) => /Muscat|talks|3,000/.test(t)), 'no places, talks or figures');
    const css = await page.evaluate(() => Array.from(document.head.querySelectorAll('style'), (s) => s.textContent).join('\n'));
    assert(/text-decoration-style: dashed/.test(css), 'dashed underline in the highlight rules');
    assert(/rgb\(147 197 253/.test(css) && !/@media|rgb\(37 99 235/.test(css), 'the dark theme’s colours only in the highlight rules');
    await hoverText(page, 'Araghchi', 0);
    const state = await waitFor(async () => ((await readCardState(page))?.open ? readCardState(page) : null), { message: 'card' });
    assert(state.theme.includes('bs-theme-dark'), `dark card (${state.theme})`);
  } finally {
    await fromExtensionPage(env, { type: 'set-settings', patch: DEFAULTS });
  }
  await waitFor(async () => (await countHighlights(page)) === all.length, { message: 'all marks back' });
  await page.close();
});

suite.test('opening a card makes no network request', async (env) => {
  const { page } = await openArticle(env);
  await page.waitForTimeout(300);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const served = env.server.requests.length;
  await hoverText(page, 'Araghchi said');
  await waitFor(() => readCard(page), { message: 'the card' });
  await hoverText(page, '3,000');
  await waitFor(async () => (await readCard(page))?.testids?.claims, { message: 'the figure card' });
  await page.waitForTimeout(500);
  assertEqual(requests.length, 0, `requests from the page (${requests.join(', ')})`);
  assertEqual(env.server.requests.length, served, 'requests at the local server');
  await page.close();
});

suite.test('the stale warning follows the reader’s threshold', async (env) => {
  const { page } = await openArticle(env);
  try {
    await fromExtensionPage(env, { type: 'set-settings', patch: { staleAfterDays: 1 } });
    await page.waitForTimeout(300);
    await hoverText(page, 'Araghchi said');
    const card = await waitFor(() => readCard(page), { message: 'the card' });
    assert(/may be out of date/.test(card.testids.stale?.[0] ?? ''), `stale warning shown (${card.testids.stale})`);
    assert(/^Facts as of \d+ \w+ \d{4} \(.+\)/.test(card.testids['as-of']?.[0] ?? ''), `as-of date and age (${card.testids['as-of']})`);
  } finally {
    await fromExtensionPage(env, { type: 'set-settings', patch: { staleAfterDays: 3650 } });
  }
  await page.keyboard.press('Escape');
  await hoverText(page, 'Witkoff told');
  const fresh = await waitFor(async () => {
    const c = await readCard(page);
    return c?.title === 'Steve Witkoff' ? c : null;
  }, { message: 'the card' });
  assertEqual(fresh.testids.stale, undefined, 'no warning under a long threshold');
  await fromExtensionPage(env, { type: 'set-settings', patch: { staleAfterDays: 30 } });
  await page.close();
});

suite.test('a same-document navigation (pushState) rescans: new story marked, old marks gone, none twice', async (env) => {
  const page = await env.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env.server.url}/onpage-spa.html`);
  await waitFor(async () => (await paintedTexts(page)).some((t) => t.includes('Witkoff')), { message: 'first story marked' });
  // A jump to an anchor stays on the same article: the same marks (a rescan would make new ranges).
  await page.evaluate(() => {
    for (const [, h] of CSS.highlights) for (const r of h) r.__before = true;
    location.hash = '#next';
  });
  await page.waitForTimeout(800);
  assert(
    await page.evaluate(() => [...CSS.highlights].every(([, h]) => [...h].every((r) => r.__before === true))),
    'no rescan for a fragment change',
  );
  await page.click('#next');
  await waitFor(async () => (await paintedTexts(page)).some((t) => t.includes('Grossi')), { message: 'new story marked' });
  await page.waitForTimeout(1500); // past the location watcher's next tick
  const texts = await paintedTexts(page);
  assert(!texts.some((t) => /Witkoff|Araghchi/.test(t)), `old marks gone (${texts.join(', ')})`);
  const keys = await page.evaluate(() => {
    const ids = new Map();
    const out = [];
    for (const [, h] of CSS.highlights) for (const r of h) {
      if (!ids.has(r.startContainer)) ids.set(r.startContainer, ids.size);
      out.push(`${ids.get(r.startContainer)}:${r.startOffset}:${r.endOffset}`);
    }
    return out;
  });
  assertEqual(new Set(keys).size, keys.length, 'no mark painted twice');
  assertEqual(errors.length, 0, 'no page errors');
  await page.close();
});

suite.test('our listeners are passive, and none listens to window messages', async (env) => {
  const { page } = await openArticle(env);
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  // The content script's isolated world: listeners are reported per world, so ask from inside it.
  const ours = await waitFor(() => contexts.find((c) => c.origin.startsWith('chrome-extension://') || c.name === 'Backstory'), { message: 'our isolated world' });
  const listenersOf = async (expression, contextId) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression, ...(contextId && { contextId }) });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth: 0 });
    return listeners;
  };
  const onDocument = await listenersOf('document', ours.id);
  const pointer = onDocument.filter((l) => l.type === 'pointermove');
  // DevTools lists the listeners of every world, ours included: the check below can see them.
  assert(pointer.length >= 1, 'our pointermove listener is visible to the check');
  for (const l of onDocument.filter((x) => ['pointermove', 'keydown'].includes(x.type))) {
    assert(l.passive, `${l.type} listener is passive`);
  }
  const messages = (await listenersOf('window', ours.id)).filter((l) => l.type === 'message');
  assertEqual(messages.length, 0, 'window message listeners of the content script');
  const pageMessages = (await listenersOf('window')).filter((l) => l.type === 'message');
  assertEqual(pageMessages.length, 1, 'the page’s own probe listener is seen from the main world (the check works)');
  await cdp.detach();
  await page.close();
});

// Last: it reloads the extension, which ends this suite's service worker.
suite.test('reloading the extension stops everything cleanly: marks removed, no errors in the page', async (env) => {
  const { page, errors } = await openArticle(env);
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  // A page whose marks live in open shadow roots, where our rules are an adopted stylesheet.
  const shadowPage = await env.context.newPage();
  await shadowPage.goto(`${env.server.url}/onpage-shadow.html`);
  await waitFor(async () => (await shadowPage.evaluate('window.__storyRoot.adoptedStyleSheets.length')) === 2, { message: 'our sheet in the shadow root' });
  await page.bringToFront();
  await hoverText(page, 'Araghchi said');
  await waitFor(() => readCard(page), { message: 'the card' });
  await env.worker.evaluate(() => chrome.runtime.reload()).catch(() => {});
  // The orphaned content script notices within a second (WXT's context check) and removes what it added.
  await waitFor(async () => (await countHighlights(page)) === 0, { message: 'marks removed after the reload', timeout: 5000 });
  await page.mouse.move(10, 10);
  await hoverText(page, 'Witkoff told');
  await page.waitForTimeout(800);
  await page.keyboard.press('Escape');
  const left = await page.evaluate(() => ({
    hosts: document.querySelectorAll('backstory-card').length,
    highlights: CSS.highlights.size,
    styles: document.querySelectorAll('style').length,
  }));
  assertEqual(left.hosts, 0, 'card host removed');
  assertEqual(left.highlights, 0, 'highlights unregistered');
  assertEqual(left.styles, 0, 'our <style> removed');
  await waitFor(async () => (await countHighlights(shadowPage)) === 0, { message: 'marks removed in the shadow page', timeout: 5000 });
  const shadowLeft = await shadowPage.evaluate(`({
    story: window.__storyRoot.adoptedStyleSheets.length,
    quote: window.__storyRoot.querySelector('pull-quote').shadowRoot.adoptedStyleSheets.length,
    own: window.__storyRoot.adoptedStyleSheets[0] === storySheet,
  })`);
  assertEqual(JSON.stringify(shadowLeft), JSON.stringify({ story: 1, quote: 0, own: true }), 'our adopted sheets removed, the component’s own kept');
  await shadowPage.close();
  assertEqual(errors.length, 0, `page errors: ${errors.join(' | ')}`);
  assert(!consoleErrors.some((t) => /context invalidated/i.test(t)), `console: ${consoleErrors.join(' | ')}`);
  await page.close();
});

export default suite;
