// The network log, in Chromium with the test build (host access to 127.0.0.1): a feed and a pack served from
// 127.0.0.1 are added and refreshed (one 200 and one 304), and the options page lists exactly the requests the server
// answered, newest first, the 304 shown. Then a news page with a distinctive sentence at a distinctive address is
// read: no request the extension's worker made (watched through CDP on the worker target, and on the server) carries
// the page's text or address, and the log gains nothing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSuite, assert, assertEqual } from './harness.mjs';
import { countHighlights, hoverText, readCard, waitFor } from '../../scripts/lib/browser.mjs';
import { serve } from '../../scripts/lib/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const suite = createSuite('network log', { build: 'e2e' });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const packText = readFileSync(join(here, '../fixtures/packs/valid-small.pack.json'), 'utf8');

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
function rss(title, items) {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${escape(title)}</title><link>https://desk.example/</link>
${items.map((i) => `<item><title>${escape(i.title)}</title><link>${escape(i.link)}</link><guid>${escape(i.link)}</guid><pubDate>${new Date(i.date).toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`;
}
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString();

// The page the reader visits: our own sentences, a phrase no source contains, and an address no source has.
const PAGE_TOKEN = 'qx7-heron-ledger';
const PAGE_PATH = `/news/${PAGE_TOKEN}/envoys-meet.html`;
const PAGE_QUERY = '?edition=violet-93';
const SENTENCE = 'A tangerine heron stood on the ledger while the envoys argued about quorum bells.';
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Envoys meet again</title>
<meta property="article:published_time" content="2026-02-07T09:30:00Z"></head><body><main><article>
<h1>Envoys meet again in Muscat</h1>
<p>Abbas Araghchi and Steve Witkoff held indirect nuclear talks in Muscat on Friday, with Badr al-Busaidi carrying
messages between the two delegations. ${SENTENCE}</p>
<p>Araghchi told reporters the talks were useful, and Witkoff said the United States would study the proposals before
the next round of talks.</p>
</article></main></body></html>`;

const state = { feedVersion: 1 };
/** Every request the server answered for a source, in order: the witness the log is compared with. */
const answered = [];
function conditional(path, etag, type, body) {
  return (req, res) => {
    const status = req.headers['if-none-match'] === etag() ? 304 : 200;
    answered.push({ path, status });
    if (status === 304) res.writeHead(304, { etag: etag() }).end();
    else res.writeHead(200, { 'content-type': type, etag: etag() }).end(body());
  };
}
const routes = {
  '/netlog-feed.xml': conditional(
    '/netlog-feed.xml',
    () => `"feed-${state.feedVersion}"`,
    'application/rss+xml',
    () =>
      rss('Netlog Desk', [
        ...(state.feedVersion > 1 ? [{ title: 'Envoys agree to meet again in Oman', link: 'https://desk.example/again', date: day(0) }] : []),
        { title: 'Araghchi says Iran is ready for more nuclear talks', link: 'https://desk.example/ready', date: day(-2) },
      ]),
  ),
  '/netlog-pack.json': conditional('/netlog-pack.json', () => '"pack-1"', 'application/json', () => packText),
  [PAGE_PATH]: (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE),
};
let local;
async function localServer() {
  local ??= await serve(join(here, '..', 'fixtures', 'pages'), routes);
  return local;
}

/**
 * Watches the network requests of the extension's service worker through CDP (attached to the worker target from a
 * page session): every URL, header and body it sends, from now on.
 */
async function watchWorker({ context, extensionId }) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  assert(target, 'the service worker target');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  const requests = [];
  let nextId = 1;
  const pending = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    if (message.id !== undefined) {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    } else if (message.method === 'Network.requestWillBeSent') {
      const { url, method, headers, postData } = message.params.request;
      requests.push({ url, method, headers, postData: postData ?? '' });
    } else if (message.method === 'Network.requestWillBeSentExtraInfo') {
      // The headers as sent on the wire (cookies, referer and all), attached to the last request of that id.
      requests.push({ url: '', method: '', headers: message.params.headers ?? {}, postData: '', extra: true });
    }
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result)));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  await send('Network.enable');
  return {
    /** Real requests (not the extra-header records). */
    requests: () => requests.filter((r) => !r.extra),
    /** Everything seen, as one text (and again URL-decoded), to search for the page's words and address. */
    everything: () => {
      const raw = requests.map((r) => [r.url, JSON.stringify(r.headers), r.postData].join('\n')).join('\n');
      return `${raw}\n${decoded(raw)}`;
    },
    async close() {
      await cdp.detach().catch(() => {});
      await page.close();
    },
  };
}

function decoded(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text.replace(/%20|\+/g, ' ');
  }
}

/** Serious and critical axe violations inside the network log section, with the page's real layout and colours. */
async function axeOnLog(page) {
  await page.evaluate(axeSource);
  const json = await page.evaluate(`axe.run(document.querySelector('[data-testid="netlog-section"]'), { resultTypes: ['violations'] }).then((r) =>
    JSON.stringify(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.help)))`);
  return JSON.parse(json);
}

function send(page, message) {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

async function sourceView(page, id) {
  return (await send(page, { type: 'list-sources' })).find((s) => s.id === id);
}

async function addAndWait(page, url, kind) {
  const added = await send(page, { type: 'add-source', url, kind });
  assert(added?.ok, `source added: ${JSON.stringify(added)}`);
  const id = added.source.id;
  await waitFor(async () => (await sourceView(page, id))?.lastUpdated, { message: `the first refresh of ${url}`, timeout: 15_000 });
  return id;
}

/** The log as the options page shows it, row by row. */
function readLogRows(page) {
  return page.locator('[data-testid="netlog-entry"]').evaluateAll((rows) =>
    rows.map((r) => ({
      outcome: r.getAttribute('data-outcome'),
      status: r.getAttribute('data-status'),
      statusText: r.querySelector('[data-testid="netlog-status"]')?.textContent ?? '',
      conditional: Boolean(r.querySelector('[data-testid="netlog-conditional"]')),
      url: r.querySelector('[data-testid="netlog-url"]')?.textContent ?? '',
      host: r.querySelector('[data-testid="netlog-url-host"]')?.textContent ?? '',
      source: r.querySelector('[data-testid="netlog-source"]')?.textContent ?? '',
      time: r.querySelector('time')?.getAttribute('datetime') ?? '',
    })),
  );
}

let worker;
let logged = 0;

suite.test('after adding a feed and a pack and one refresh, the options page lists exactly the requests made', async (env) => {
  const server = await localServer();
  worker = await watchWorker(env);
  const page = await env.context.newPage();
  await page.goto(env.extensionUrl('options.html'));
  await addAndWait(page, `${server.url}/netlog-feed.xml`, 'feed');
  await addAndWait(page, `${server.url}/netlog-pack.json`, 'pack');
  state.feedVersion = 2;
  const refreshed = await send(page, { type: 'refresh' });
  assert(refreshed?.ok, `refresh ok: ${JSON.stringify(refreshed)}`);
  assertEqual(answered.length, 4, 'four requests reached the server');
  assertEqual(JSON.stringify(answered.slice(0, 2).map((a) => `${a.path} ${a.status}`)), JSON.stringify(['/netlog-feed.xml 200', '/netlog-pack.json 200']), 'the first fetches');
  assertEqual(JSON.stringify(answered.slice(2).map((a) => `${a.path} ${a.status}`).sort()), JSON.stringify(['/netlog-feed.xml 200', '/netlog-pack.json 304']), 'the refresh: the changed feed 200, the pack 304');
  await page.close();

  // A fresh options page, as the reader opens it; its own requests are watched too.
  const options = await env.context.newPage();
  const pageCdp = await env.context.newCDPSession(options);
  const pageRequests = [];
  pageCdp.on('Network.requestWillBeSent', (e) => pageRequests.push(e.request.url));
  await pageCdp.send('Network.enable');
  await options.goto(env.extensionUrl('options.html'));
  await options.locator('[data-testid="netlog-section"]').scrollIntoViewIfNeeded();
  await waitFor(async () => (await options.locator('[data-testid="netlog-entry"]').count()) === answered.length, {
    message: `${answered.length} rows in the network log`,
  });
  const rows = await readLogRows(options);
  logged = rows.length;
  assertEqual(rows.length, answered.length, 'one row per request the server answered');
  // Exactly the same requests: address and status, as multisets, and in time order newest first.
  const shown = rows.map((r) => `${new URL(r.url).pathname} ${r.status}`).sort();
  const served = answered.map((a) => `${a.path} ${a.status}`).sort();
  assertEqual(JSON.stringify(shown), JSON.stringify(served), 'the rows are the served requests');
  for (let i = 1; i < rows.length; i++) assert(rows[i - 1].time >= rows[i].time, `newest first: ${rows[i - 1].time} before ${rows[i].time}`);
  assertEqual(JSON.stringify(rows.slice(2).map((r) => `${new URL(r.url).pathname} ${r.status}`)), JSON.stringify(['/netlog-pack.json 200', '/netlog-feed.xml 200']), 'the first fetches are the oldest, pack after feed');
  const notModified = rows.filter((r) => r.outcome === 'not-modified');
  assertEqual(notModified.length, 1, 'one 304');
  assertEqual(notModified[0].statusText, '304 not modified', 'the 304 shown in words');
  assert(notModified[0].conditional, 'the 304 was a conditional request, and says so');
  assert(rows.every((r) => r.host === new URL(server.url).host), `only the reader's own source host: ${rows.map((r) => r.host)}`);
  assert(rows.some((r) => r.source === 'Netlog Desk'), `the feed named by its title: ${rows.map((r) => r.source)}`);
  assert(
    (await options.getByTestId('netlog-explain').textContent()).includes('never leave your browser'),
    'the one-line explanation',
  );
  assert((await options.getByTestId('netlog-summary').textContent()).endsWith('download: 1.'), 'the summary counts the 304');

  // The worker's own network, seen through CDP, holds the same requests: the witness works.
  const fromWorker = worker.requests().filter((r) => r.url.startsWith(server.url));
  assertEqual(fromWorker.length, answered.length, `the worker sent ${answered.length} requests (CDP)`);
  assert(fromWorker.every((r) => r.method === 'GET'), 'all GET');
  // The options page itself loads only the extension's own files.
  assert(pageRequests.length > 0 && pageRequests.every((u) => u.startsWith(`chrome-extension://${env.extensionId}/`)), `options page requests: ${pageRequests}`);
  await pageCdp.detach().catch(() => {});

  for (const theme of ['light', 'dark']) {
    await send(options, { type: 'set-settings', patch: { theme } });
    await options.reload();
    await waitFor(async () => (await options.locator('[data-testid="netlog-entry"]').count()) === answered.length, { message: 'rows after reload' });
    await waitFor(async () => (await options.evaluate(() => document.documentElement.dataset.theme)) === theme, { message: `${theme} theme` });
    const violations = await axeOnLog(options);
    assertEqual(violations.length, 0, `axe on the network log (${theme}): ${violations.join('; ')}`);
  }
  await send(options, { type: 'set-settings', patch: { theme: 'auto' } });

  // Clear log empties it, from the page.
  await options.getByTestId('netlog-clear').click();
  await options.getByTestId('netlog-empty').waitFor({ timeout: 5000 });
  assertEqual((await send(options, { type: 'network-log' })).total, 0, 'the background log is empty');
  logged = 0;
  await options.close();
});

suite.test('reading a news page sends nothing about it anywhere, and the log gains nothing', async (env) => {
  const server = await localServer();
  assert(worker, 'the worker watch from the previous test');
  const workerBefore = worker.requests().length;
  const serverBefore = server.requests.length;
  const ext = await env.context.newPage();
  await ext.goto(env.extensionUrl('options.html'));
  const logBefore = await send(ext, { type: 'network-log' });
  assertEqual(logBefore.total, logged, 'the log before the visit');

  const page = await env.context.newPage();
  const pageUrl = `${server.url}${PAGE_PATH}${PAGE_QUERY}`;
  await page.goto(pageUrl);
  await waitFor(async () => (await countHighlights(page)) > 0, { message: 'marks on the news page (it was scanned)' });
  await hoverText(page, 'Araghchi told');
  await waitFor(() => readCard(page), { message: 'a card (a lookup in the background)' });
  // Whatever the worker might send late would have gone by now.
  await new Promise((r) => setTimeout(r, 1500));

  const text = worker.everything();
  for (const needle of [SENTENCE, 'tangerine', 'quorum bells', PAGE_TOKEN, 'violet-93', pageUrl]) {
    assert(!text.includes(needle), `no worker request carries "${needle}"`);
  }
  const workerDuring = worker.requests().slice(workerBefore);
  assertEqual(workerDuring.length, 0, `the worker made no request during the visit: ${JSON.stringify(workerDuring.map((r) => r.url))}`);
  // The server saw the page itself (and perhaps the tab's favicon) and nothing else.
  const serverDuring = server.requests.slice(serverBefore).filter((r) => r.path !== PAGE_PATH && r.path !== '/favicon.ico');
  assertEqual(serverDuring.length, 0, `the server got nothing else: ${JSON.stringify(serverDuring.map((r) => r.path))}`);
  const logAfter = await send(ext, { type: 'network-log' });
  assertEqual(logAfter.total, logBefore.total, 'the log gained nothing from the visit');

  // A refresh after the visit: still only the sources' own addresses, with nothing of the page in them.
  const refreshed = await send(ext, { type: 'refresh' });
  assert(refreshed?.ok, 'refresh ok');
  const after = await send(ext, { type: 'network-log' });
  assertEqual(after.total, logBefore.total + 2, 'two requests logged for the refresh of two sources');
  assert(after.entries.every((e) => !e.url.includes(PAGE_TOKEN) && e.url.startsWith(server.url)), 'only source addresses');
  assert(!worker.everything().includes(PAGE_TOKEN) && !worker.everything().includes('tangerine'), 'nothing of the page in the refresh either');
  await page.close();
  await ext.close();
});

suite.after(async () => {
  await worker?.close();
  await local?.close();
  local = undefined;
});

export default suite;
