// Freshness that tells the truth, in Chromium with the test build: with the clock set past the stale threshold, the
// popup, a card and the options page say the facts may be out of date and offer Refresh (the card's opens the popup,
// whose "Refresh now" really refreshes); the popup tells the latest held round from a planned one whose date passed
// and from the next planned one; a card on an older article says what happened since, on a newer one that it is newer.
//
// The clock: Backstory's UIs (popup, options, content script) make every judgement about time; the background builds
// time-free views. The e2e build (BACKSTORY_E2E=1) lets those UIs read a test-only offset from storage.local
// (utils/clock/clock.ts), set here before each page opens; the release build has no such code (check-build.mjs). A
// page-side fake clock would not do: the content script runs in its own world, with its own Date. The background's
// own clock stays real, so a source checked a minute ago reads as checked N days away under the moved clock.
//
// The facts come from test/fixtures/packs/freshness.pack.json (asOf 1 May 2026; rounds held 10 Jan, 1 Mar, 10 Apr;
// a truce on 20 Mar; rounds planned for 20 May and 1 Jul), served from 127.0.0.1, with the built-in pack switched off,
// so nothing here depends on the bundled pack's current content.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSuite, assert, assertEqual } from './harness.mjs';
import { attachActionPopup, countHighlights, hoverText, openActionPopup, readCard, waitFor } from '../../scripts/lib/browser.mjs';
import { cardBox } from '../../scripts/lib/page-metrics.mjs';
import { serve } from '../../scripts/lib/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures');
const basePack = JSON.parse(readFileSync(join(fixtures, 'packs', 'freshness.pack.json'), 'utf8'));
const suite = createSuite('freshness', { build: 'e2e' });

/** The test-only key of utils/clock/clock.ts (e2e build only). */
const CLOCK_KEY = 'backstory-e2e-clock-offset-ms';
/** 45 days after the facts' asOf: past the default threshold of 30 days. */
const PAST_THRESHOLD = '2026-06-15';
/** 19 days after asOf, and the day round 4 is due. */
const BEFORE_THRESHOLD = '2026-05-20';

const state = { pack: JSON.stringify(basePack) };
let local;
let ready;

/** One extension page to send messages from, as the options page does. */
async function withExtensionPage({ context, extensionUrl }, fn) {
  const page = await context.newPage();
  try {
    await page.goto(extensionUrl('options.html'));
    return await fn(page);
  } finally {
    await page.close();
  }
}
const send = (page, message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);

/** The fixture pack as the only story pack: the built-in one switched off, the fixture added from 127.0.0.1. */
function setUp(env) {
  ready ??= (async () => {
    local = await serve(fixtures, {
      '/packs/freshness-live.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(state.pack),
    });
    await withExtensionPage(env, async (page) => {
      // A fresh profile imports the built-in pack first: it must be there to be switched off.
      await waitFor(async () => (await send(page, { type: 'list-sources' }))?.some((s) => s.id === 'bundled' && s.version), {
        timeout: 20_000,
        message: 'the built-in pack imported',
      });
      const off = await send(page, { type: 'update-source', id: 'bundled', enabled: false });
      assert(off?.ok, `built-in pack switched off: ${JSON.stringify(off)}`);
      const added = await send(page, { type: 'add-source', url: `${local.url}/packs/freshness-live.json`, kind: 'pack' });
      assert(added?.ok, `fixture pack added: ${JSON.stringify(added)}`);
      await waitFor(async () => (await send(page, { type: 'list-sources' })).some((s) => s.asOf === '2026-05-01'), {
        message: 'the fixture pack imported',
      });
    });
  })();
  return ready;
}

/** Moves the UIs' clock to noon (UTC) of `day`; pages and content scripts opened afterwards read it. */
async function setClock(env, day) {
  const offset = Date.parse(`${day}T12:00:00Z`) - Date.now();
  await withExtensionPage(env, (page) => page.evaluate(([key, value]) => chrome.storage.local.set({ [key]: value }), [CLOCK_KEY, offset]));
}

async function openArticle({ context }, name) {
  const page = await context.newPage();
  await page.goto(`${local.url}/pages/${name}`);
  await waitFor(async () => (await countHighlights(page)) > 0, { message: `marks on ${name}` });
  return page;
}

async function cardOn(page, text) {
  await hoverText(page, text);
  return waitFor(async () => {
    const card = await readCard(page);
    return card?.testids?.['as-of'] ? card : null;
  }, { message: `the card for ${text}` });
}

/** What the popup shows about freshness and the rounds, once it has loaded. */
function readPopup(popup) {
  return waitFor(
    () =>
      popup.evaluate(`(() => {
        const text = (id) => document.querySelector('[data-testid="' + id + '"]')?.textContent ?? null;
        const freshness = document.querySelector('[data-testid="freshness"]');
        const round = document.querySelector('[data-testid="latest-round"]');
        if (!text('facts-as-of') || !round) return null;
        return {
          asOf: text('facts-as-of'),
          stale: text('facts-stale'),
          checked: text('last-refresh'),
          refresh: text('refresh-all'),
          freshnessFirst: Boolean(freshness.compareDocumentPosition(round) & Node.DOCUMENT_POSITION_FOLLOWING),
          kind: text('latest-round-kind'),
          title: text('latest-round-title'),
          status: text('round-status'),
          pending: [...document.querySelectorAll('[data-testid="pending-round"]')].map((li) => [li.dataset.status, li.textContent]),
          timeline: [...document.querySelectorAll('[data-testid="timeline-status"]')].map((s) => s.textContent.trim()),
        };
      })()`),
    { message: 'the popup loaded' },
  );
}

suite.test('past the threshold the popup says the facts may be out of date, offers Refresh first, and tells held from planned', async (env) => {
  await setUp(env);
  await setClock(env, PAST_THRESHOLD);
  const article = await openArticle(env, 'freshness-older.html');
  const popup = await openActionPopup(env, article);
  const seen = await readPopup(popup);
  assertEqual(seen.asOf, 'Facts as of 1 May 2026, 1 month ago.', 'the facts’ date and age');
  assert(/may be out of date/.test(seen.stale ?? ''), `out-of-date warning (${seen.stale})`);
  assertEqual(seen.refresh, 'Refresh now', 'Refresh offered');
  assert(seen.freshnessFirst, 'the warning and Refresh come before the round');
  // Checked a moment ago by the real clock, so "N days" away under the moved one: only its presence is the point.
  assert(/^Sources checked .*\d+ days/.test(seen.checked ?? ''), `the last check, apart from the facts (${seen.checked})`);
  assertEqual(seen.kind, 'Latest round held', 'the round is the latest held one');
  assertEqual(seen.title, 'Round 3 (Vienna)', 'latest held round');
  assertEqual(JSON.stringify(seen.pending), JSON.stringify([
    ['date-passed', 'Round 4 (Doha) · 20 May 2026 · date passed — no report yet'],
    ['planned', 'Round 5 (Oslo) · 1 Jul 2026 · planned'],
  ]), 'the rounds after it');
  await popup.close();
  await article.close();
});

suite.test('past the threshold a card on an older article: facts’ age, out of date with Refresh (opens the popup), what happened since', async (env) => {
  await setUp(env);
  await setClock(env, PAST_THRESHOLD);
  const article = await openArticle(env, 'freshness-older.html');
  const card = await cardOn(article, 'Ana North said on Friday');
  assertEqual(card.title, 'Ana North', 'card title');
  assertEqual(card.testids['as-of']?.[0], 'Facts as of 1 May 2026 (1 month ago) · Freshness test talks', 'facts’ date and age');
  assert(/may be out of date/.test(card.testids.stale?.[0] ?? ''), `out-of-date warning (${card.testids.stale})`);
  assertEqual(card.testids['since-article']?.[0], 'Since this article: 2 more rounds; latest Vienna, 10 Apr 2026. Key events since then: 1.', 'what happened since');
  // The reader's own click on the card's Refresh: the background opens the popup, where refreshing is allowed.
  const box = await cardBox(article, 'card-refresh');
  assert(box, 'the Refresh button is on screen');
  await article.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const popup = await attachActionPopup(env, article);
  const seen = await readPopup(popup);
  assert(/may be out of date/.test(seen.stale ?? ''), `the popup it opened warns too (${seen.stale})`);
  assertEqual(seen.refresh, 'Refresh now', 'and offers Refresh now');
  await popup.close();
  await article.close();
});

suite.test('a card on an article dated after the facts says it is newer than them', async (env) => {
  await setUp(env);
  await setClock(env, PAST_THRESHOLD);
  const article = await openArticle(env, 'freshness-newer.html');
  const card = await cardOn(article, 'Ana North arrived');
  assertEqual(
    card.testids['article-newer']?.[0],
    "This article is newer than Backstory's facts (as of 1 May 2026): what it reports may not be in them yet.",
    'newer than the facts',
  );
  assertEqual(card.testids['since-article'], undefined, 'nothing "since" a newer article');
  await article.close();
});

suite.test('before the threshold nothing warns, Freshness stays last, and the round due today is still planned', async (env) => {
  await setUp(env);
  await setClock(env, BEFORE_THRESHOLD);
  const article = await openArticle(env, 'freshness-older.html');
  const card = await cardOn(article, 'Ana North said on Friday');
  assertEqual(card.testids.stale, undefined, 'no warning on the card');
  assertEqual(card.testids['card-refresh'], undefined, 'no Refresh on the card');
  assertEqual(card.testids['as-of']?.[0], 'Facts as of 1 May 2026 (19 days ago) · Freshness test talks', 'facts’ age');
  await article.keyboard.press('Escape');
  const popup = await openActionPopup(env, article);
  const seen = await readPopup(popup);
  assertEqual(seen.stale, null, 'no warning in the popup');
  assert(!seen.freshnessFirst, 'Freshness in its usual place, after the round');
  assertEqual(JSON.stringify(seen.pending.map(([status]) => status)), JSON.stringify(['planned', 'planned']), 'round 4 (today) and 5 planned');
  await popup.close();
  await article.close();
});

suite.test('the options page shows the facts’ date apart from the last check, per pack too, and warns past the threshold', async (env) => {
  await setUp(env);
  await setClock(env, PAST_THRESHOLD);
  const page = await env.context.newPage();
  await page.goto(env.extensionUrl('options.html'));
  const asOf = await page.locator('[data-testid="facts-as-of"]').textContent({ timeout: 10_000 });
  assertEqual(asOf, 'Facts as of 1 May 2026, 1 month ago.', 'facts’ date and age');
  await page.locator('[data-testid="facts-stale"]').waitFor({ timeout: 5000 });
  const checked = await page.locator('[data-testid="last-refresh"]').textContent();
  assert(/^Sources checked/.test(checked ?? ''), `the last check (${checked})`);
  const perPack = await page.locator('[data-testid="source-as-of"]').allTextContents();
  assert(perPack.includes('facts as of 1 May 2026'), `the pack’s own facts date (${perPack.join(', ')})`);
  await page.close();
});

suite.test('"Refresh now" in the popup really refreshes: newer facts arrive and the warning goes', async (env) => {
  await setUp(env);
  await setClock(env, PAST_THRESHOLD);
  const fetchesBefore = local.requests.filter((r) => r.path === '/packs/freshness-live.json').length;
  const newer = structuredClone(basePack);
  newer.version = '1.1.0';
  newer.asOf = '2026-06-14';
  Object.assign(newer.rounds.find((r) => r.id === 'lake-4'), { status: 'held', outcome: 'A text initialled.' });
  state.pack = JSON.stringify(newer);
  const article = await openArticle(env, 'freshness-older.html');
  const popup = await openActionPopup(env, article);
  await readPopup(popup);
  const box = await popup.evaluate(`(() => { const r = document.querySelector('[data-testid="refresh-all"]').getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; })()`);
  await popup.click(box.x, box.y);
  const after = await waitFor(async () => {
    const seen = await readPopup(popup);
    return seen.asOf.includes('14 Jun 2026') && seen.title === 'Round 4 (Doha)' ? seen : null;
  }, { timeout: 15_000, message: 'the newer facts in the popup' });
  assertEqual(after.asOf, 'Facts as of 14 Jun 2026, yesterday.', 'the new facts’ date');
  assertEqual(after.stale, null, 'no warning any more');
  assertEqual(after.kind, 'Latest round held', 'round 4 is now the latest held');
  assert(local.requests.filter((r) => r.path === '/packs/freshness-live.json').length > fetchesBefore, 'the pack was fetched again');
  await popup.close();
  await article.close();
});

suite.after(async (env) => {
  await withExtensionPage(env, (page) => page.evaluate((key) => chrome.storage.local.remove(key), CLOCK_KEY)).catch(() => {});
  await local?.close();
});

export default suite;
