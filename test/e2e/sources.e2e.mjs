// Staying up to date, in Chromium with the test build (host access to 127.0.0.1, so no permission prompt): a local
// feed gains an item about a new round and the popup shows it as reported after "refresh now" and after the alarm;
// entity cards list the new coverage; a remote pack's new version reaches the cards; and a service worker stopped at
// random points while 20 sources refresh leaves no source half-written, the next refresh completing them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSuite, assert, assertEqual } from './harness.mjs';
import { countHighlights, hoverText, readCard, waitFor } from '../../scripts/lib/browser.mjs';
import { serve } from '../../scripts/lib/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bundled = JSON.parse(readFileSync(join(here, '../../data/us-iran-talks.pack.json'), 'utf8'));
const suite = createSuite('sources', { build: 'e2e' });

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
function rss(title, items) {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${escape(title)}</title><link>https://desk.example/</link>
${items
  .map(
    (i) => `<item><title>${escape(i.title)}</title><link>${escape(i.link)}</link><guid>${escape(i.link)}</guid>
<pubDate>${new Date(i.date).toUTCString()}</pubDate><description>${escape(i.summary ?? '')}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString();
const standing = [
  {
    title: 'Araghchi says Iran is ready for more nuclear talks with the US',
    link: 'https://desk.example/araghchi-ready',
    date: day(-3),
    summary: 'Iranian foreign minister Abbas Araghchi said Tehran was ready to continue the nuclear talks.',
  },
];

// What the local server answers; tests change it.
const state = {
  feed: rss('E2E Talks Desk', standing),
  pack: null,
  slowFeed: (i) => rss(`Stress feed ${i}`, [0, 1, 2].map((n) => ({ title: `Stress ${i}.${n}: Araghchi on the nuclear talks`, link: `https://stress.example/${i}/${n}`, date: day(-n - 1) }))),
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const routes = {
  '/e2e-feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(state.feed),
  '/e2e-pack.json': (_req, res) =>
    state.pack ? res.writeHead(200, { 'content-type': 'application/json' }).end(state.pack) : res.writeHead(404).end(),
};
for (let i = 0; i < 20; i++) {
  routes[`/stress-${i}.xml`] = async (_req, res) => {
    await sleep(400 + Math.floor(Math.random() * 2000));
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(state.slowFeed(i));
  };
}
let local;
async function localServer() {
  local ??= await serve(join(here, '..', 'fixtures', 'pages'), routes);
  return local;
}

/** An extension page to send messages from (`chrome.runtime.sendMessage`), as the options page does. */
async function extensionPage({ context, extensionUrl }) {
  const page = await context.newPage();
  await page.goto(extensionUrl('options.html'));
  return page;
}

function send(page, message) {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

/** The KB read directly from an extension page (same origin as the worker): no message, so no worker wake-up. */
function readKb(page, table) {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('backstory');
        req.onsuccess = () => {
          const tx = req.result.transaction(name, 'readonly');
          const all = tx.objectStore(name).getAll();
          all.onsuccess = () => {
            resolve(all.result);
            req.result.close();
          };
          all.onerror = () => reject(all.error);
        };
        req.onerror = () => reject(req.error);
      }),
    table,
  );
}

async function addSource(page, url, kind) {
  const added = await send(page, { type: 'add-source', url, kind });
  assert(added?.ok, `source added: ${JSON.stringify(added)}`);
  return added.source.id;
}

async function sourceView(page, id) {
  return (await send(page, { type: 'list-sources' })).find((s) => s.id === id);
}

async function openDemo(context, server) {
  const page = await context.newPage();
  await page.goto(`${server.url}/demo-article.html`);
  await waitFor(async () => (await countHighlights(page)) > 0, { message: 'marks on the demo article' });
  return page;
}

/**
 * The newest round, known only from the feed, is in the popup marked reported: in full when it is also the latest held
 * one, else on its own line after the latest held round (a planned or called-off round is not the latest held).
 */
async function assertPopupShowsReported(popup, latest, when) {
  const title = await popup.locator('[data-testid="latest-round-title"]').textContent({ timeout: 10_000 });
  if (!latest.held) {
    assertEqual(title, latest.round.label, `popup latest round title ${when}`);
    assertEqual(await popup.locator('[data-testid="latest-round-reported"]').count(), 1, `marked reported in the popup ${when}`);
    return;
  }
  assertEqual(title, latest.held.label, `the latest held round in full ${when}`);
  const row = await popup.locator('[data-testid="pending-round"]', { hasText: latest.round.label }).textContent({ timeout: 5000 });
  assert(/reported/.test(row ?? ''), `the reported round after it, marked reported ${when} (${row})`);
}

let feedId;

suite.test('"refresh now" brings a new round from a feed to the popup (reported) and new coverage to cards', async (env) => {
  const server = await localServer();
  const page = await extensionPage(env);
  feedId = await addSource(page, `${server.url}/e2e-feed.xml`, 'feed');
  await waitFor(async () => (await sourceView(page, feedId))?.lastUpdated, { message: 'the first refresh of the feed' });

  state.feed = rss('E2E Talks Desk', [
    { title: 'Third round of US-Iran nuclear talks opens in Geneva', link: 'https://desk.example/geneva-new', date: day(-1) },
    ...standing,
  ]);
  const refreshed = await send(page, { type: 'refresh' });
  assert(refreshed?.ok, `refresh ok: ${JSON.stringify(refreshed)}`);
  const latest = await send(page, { type: 'latest-round' });
  assert(latest?.round?.reported === true, `latest round reported: ${JSON.stringify(latest?.round)}`);
  assert(latest.round.venue.includes('Geneva'), 'venue Geneva');

  const popup = await env.context.newPage();
  await popup.goto(env.extensionUrl('popup.html'));
  await assertPopupShowsReported(popup, latest, 'after refresh now');
  await popup.close();

  const demo = await openDemo(env.context, server);
  await hoverText(demo, 'Araghchi told');
  const card = await waitFor(() => readCard(demo), { message: 'the Araghchi card' });
  const coverage = card.testids.coverage?.[0] ?? '';
  assert(coverage.includes('Araghchi says Iran is ready'), `coverage lists the feed item (got ${JSON.stringify(coverage)})`);
  await demo.close();
  await page.close();
});

suite.test('the refresh alarm picks up a due source without any message', async (env) => {
  const server = await localServer();
  const page = await extensionPage(env);
  assert(feedId, 'the feed from the previous test');
  state.feed = rss('E2E Talks Desk', [
    { title: 'US-Iran nuclear talks in Islamabad collapse, Araghchi says', link: 'https://desk.example/islamabad-new', date: day(0) },
    { title: 'Third round of US-Iran nuclear talks opens in Geneva', link: 'https://desk.example/geneva-new', date: day(-1) },
    ...standing,
  ]);
  const before = server.requests.filter((r) => r.path === '/e2e-feed.xml').length;
  // Make the feed due by writing its schedule in the worker (as time passing would), then fire the alarm.
  await env.worker.evaluate(
    (id) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('backstory');
        req.onsuccess = () => {
          const tx = req.result.transaction('sourceConfigs', 'readwrite');
          const store = tx.objectStore('sourceConfigs');
          const get = store.get(id);
          get.onsuccess = () => store.put({ ...get.result, nextDue: Date.now() - 1000 });
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    feedId,
  );
  await env.worker.evaluate(() => chrome.alarms.create('backstory-refresh', { when: Date.now() + 100 }));
  await waitFor(async () => server.requests.filter((r) => r.path === '/e2e-feed.xml').length > before, {
    message: 'the alarm-driven fetch',
    timeout: 20_000,
  });
  const latest = await waitFor(
    async () => {
      const l = await send(page, { type: 'latest-round' });
      return l?.round?.venue?.includes('Islamabad') ? l : null;
    },
    { message: 'the Islamabad round as the latest' },
  );
  assert(latest.round.reported === true, 'reported');
  assertEqual(latest.round.status, 'cancelled', 'status from "collapse"');
  const popup = await env.context.newPage();
  await popup.goto(env.extensionUrl('popup.html'));
  await assertPopupShowsReported(popup, latest, 'after the alarm');
  await popup.close();
  const demo = await openDemo(env.context, server);
  await hoverText(demo, 'Araghchi told');
  const card = await waitFor(() => readCard(demo), { message: 'the Araghchi card' });
  const coverage = card.testids.coverage?.[0] ?? '';
  assert(coverage.includes('Islamabad collapse'), `coverage lists the alarm-fetched item (got ${JSON.stringify(coverage)})`);
  await demo.close();
  const alarm = await env.worker.evaluate(() => chrome.alarms.get('backstory-refresh'));
  assertEqual(alarm?.periodInMinutes, 15, 'the periodic alarm is back after the one-off');
  await page.close();
});

suite.test('a remote pack updated to a new version brings its new facts to the cards', async (env) => {
  const server = await localServer();
  const page = await extensionPage(env);
  const pack = structuredClone(bundled);
  // Versions above the bundled pack's, whatever it is now.
  const [major, minor, patch] = bundled.version.split('.').map(Number);
  const next = `${major}.${minor}.${patch + 1}`;
  const after = `${major}.${minor}.${patch + 2}`;
  pack.version = next;
  pack.entities.find((e) => e.id === 'abbas-araghchi').summary = `E2E remote summary: version ${next} of the pack.`;
  state.pack = JSON.stringify(pack);
  const id = await addSource(page, `${server.url}/e2e-pack.json`, 'pack');
  await waitFor(async () => (await sourceView(page, id))?.version === next, { message: `version ${next} imported` });

  pack.version = after;
  pack.entities.find((e) => e.id === 'abbas-araghchi').summary = `E2E remote summary: version ${after} of the pack.`;
  state.pack = JSON.stringify(pack);
  const refreshed = await send(page, { type: 'refresh', id });
  assert(refreshed?.ok, `refresh ok: ${JSON.stringify(refreshed)}`);
  assertEqual((await sourceView(page, id))?.version, after, 'source version');

  const demo = await openDemo(env.context, server);
  await hoverText(demo, 'Araghchi told');
  const card = await waitFor(
    async () => {
      const c = await readCard(demo);
      return c?.text.includes(`version ${after}`) ? c : null;
    },
    { message: `the card with the ${after} summary` },
  );
  assert(card.text.includes('E2E remote summary'), 'new summary shown');
  await demo.close();
  await page.close();
});

suite.test('stopping the worker at random points while 20 sources refresh leaves none half-written', async (env) => {
  const server = await localServer();
  const page = await extensionPage(env);
  const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => addSource(page, `${server.url}/stress-${i}.xml`, 'feed')));
  // Adding starts each first refresh; stop the worker a few times while they and a "refresh all" run.
  const cdp = await env.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const stops = 4;
  void send(page, { type: 'refresh' }).catch(() => {});
  for (let s = 0; s < stops; s++) {
    await sleep(150 + Math.floor(Math.random() * 900));
    await cdp.send('ServiceWorker.stopAllWorkers');
    // Wake it again with a cheap request so the next stop hits a running refresh.
    await sleep(100);
    void send(page, { type: 'refresh' }).catch(() => {});
  }
  await cdp.send('ServiceWorker.stopAllWorkers');
  await sleep(300);

  const checkWhole = async () => {
    const [articles, configs] = await Promise.all([readKb(page, 'articles'), readKb(page, 'sourceConfigs')]);
    let complete = 0;
    for (const id of ids) {
      const rows = articles.filter((a) => a.sourceId === id);
      const config = configs.find((c) => c.id === id);
      assert(rows.length === 0 || rows.length === 3, `source ${id}: ${rows.length} articles (0 or 3, never part)`);
      if (rows.length === 3) {
        assert(config.lastSuccess !== undefined, `source ${id} with data has a last success`);
        complete++;
      }
    }
    return complete;
  };
  const partial = await checkWhole();
  console.log(`      after ${stops + 1} stops: ${partial} of 20 sources complete`);

  // The next refresh (a new worker life: locks of the dead one are stale at once) completes every source.
  const result = await send(page, { type: 'refresh' });
  assert(result?.ok, `refresh ok: ${JSON.stringify(result)}`);
  assertEqual(await checkWhole(), 20, 'every source complete after the next refresh');
  const views = (await send(page, { type: 'list-sources' })).filter((s) => ids.includes(s.id));
  assert(views.every((v) => !v.error && !v.refreshing && v.items === 3), `statuses clean: ${JSON.stringify(views.filter((v) => v.error || v.refreshing))}`);
  await cdp.detach().catch(() => {});
  await page.close();
});

suite.after(async () => {
  await local?.close();
  local = undefined;
});

export default suite;
