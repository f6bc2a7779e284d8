// The security suite in a real browser (test build, host access to 127.0.0.1): hostile packs and feeds generated from
// the payload corpus are imported, then every card, the popup and the options page are read. Nothing may run (0 beacon
// hits on our server, `window.__pwned` undefined everywhere), every payload must read as text, every link must be
// http(s) with rel="noopener noreferrer" and its host shown, no hostile link may become a link or a navigation.
// Then: what a hostile page can try (postMessage, synthetic events, tampering with our host, fetching our files),
// and prototype pollution after importing keys and tag names `__proto__`/`constructor`/`prototype`.
// Our own fixture pages carry no Content-Security-Policy, so nothing but Backstory's own handling stands in the way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSuite, assert, assertEqual } from './harness.mjs';
import { countHighlights, hoverText, openActionPopup, readCard, waitFor } from '../../scripts/lib/browser.mjs';
import { inCardRoot } from '../../scripts/lib/page-metrics.mjs';
import { serve } from '../../scripts/lib/serve.mjs';
import { BEACON_PATH, generatePayloads } from '../security/payloads.mjs';
import { generateHostileUrls } from '../security/hostile-urls.mjs';
import {
  HOSTILE_NAMES,
  ROUND_PHRASE,
  buildHostileAtom,
  buildHostilePack,
  buildHostileRss,
  hostileArticleParagraphs,
  stringifyWithForbiddenKeys,
} from '../security/hostile-packs.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const FIXTURES = join(here, '..', 'fixtures', 'security');
const suite = createSuite('security', { build: 'e2e' });

/** Shared across the tests of this file: one hostile server, its beacon hits and what was imported. */
const state = {
  server: null,
  routes: {},
  beacons: [],
  foreign: [],
  payloads: [],
  urls: [],
  pack: null,
  displayed: {},
  feeds: { rss: null, atom: null },
  /** Every text read from cards, popup and options, to check that every payload was shown somewhere. */
  seenTexts: [],
  sources: {},
  /** Off only for the canary, which runs payloads on purpose. */
  recording: true,
};

const ALLOWED_CARD_TAGS = new Set([
  'style', 'div', 'section', 'header', 'footer', 'p', 'h2', 'h3', 'button', 'bdi', 'span', 'strong', 'ul', 'ol', 'li',
  'a', 'dl', 'dt', 'dd', 'details', 'summary', 'br', 'time', 'em', 'small', 'abbr',
]);
/** Elements a payload brings along; none may exist in any of our views. */
const PAYLOAD_TAGS = ['script', 'img', 'svg', 'math', 'iframe', 'object', 'embed', 'template', 'video', 'audio', 'source', 'marquee', 'base', 'meta', 'noscript', 'title', 'animate', 'mglyph', 'maction', 'foreignobject', 'keygen', 'body', 'frameset'];

async function startServer() {
  if (state.server) return state.server;
  const routes = state.routes;
  state.server = await serve(FIXTURES, routes);
  const base = state.server.url;
  state.payloads = generatePayloads(base);
  state.urls = generateHostileUrls();
  const { pack, displayed } = buildHostilePack(state.payloads);
  state.pack = pack;
  state.displayed = displayed;
  const packText = stringifyWithForbiddenKeys(pack, { marker: 'e2e', payloadKeys: state.payloads.slice(0, 40).map((p) => p.text) });
  // The same pack with a hostile URL in each source and the report address: refused as a whole.
  const badUrls = state.urls.filter((u) => !u.source);
  const badPack = {
    ...pack,
    id: 'hostile-bad-urls',
    reportUrl: badUrls[0].url,
    sources: pack.sources.map((s, i) => ({ ...s, url: badUrls[(i * 17) % badUrls.length].url })),
  };
  const rss = buildHostileRss(state.payloads, state.urls, { base, forbiddenNames: false, now: Date.now() });
  const atom = buildHostileAtom(state.payloads, state.urls, { base, forbiddenNames: false, now: Date.now() });
  const forbiddenRss = buildHostileRss(state.payloads.slice(0, 30), state.urls.slice(0, 10), { base, forbiddenNames: true, now: Date.now() });
  state.feeds = { rss, atom };
  const poison = '"__proto__":{"polluted":"jf"},"constructor":{"prototype":{"polluted":"jf"}},"prototype":{"polluted":"jf"}';
  const jsonFeed = `{${poison},"version":"https://jsonfeed.org/version/1.1","title":"Hostile JSON feed","items":[${state.payloads
    .slice(0, 50)
    .map((p) => `{${poison},"id":"jf-${p.id}","url":"${base}/json/${p.id}","title":${JSON.stringify(`${HOSTILE_NAMES.lead} ${p.text}`)},"content_html":${JSON.stringify(p.text)},"date_published":"${new Date().toISOString()}"}`)
    .join(',')}]}`;
  const send = (type, body) => (req, res) => {
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  };
  Object.assign(routes, {
    [BEACON_PATH]: (req, res) => {
      state.beacons.push(req.url);
      res.writeHead(204);
      res.end();
    },
    '/hostile.pack.json': send('application/json; charset=utf-8', packText),
    '/bad-urls.pack.json': send('application/json; charset=utf-8', JSON.stringify(badPack)),
    '/hostile-rss.xml': send('application/rss+xml; charset=utf-8', rss.text),
    '/hostile-atom.xml': send('application/atom+xml; charset=utf-8', atom.text),
    '/forbidden-rss.xml': send('application/rss+xml; charset=utf-8', forbiddenRss.text),
    '/hostile-feed.json': send('application/feed+json; charset=utf-8', jsonFeed),
    '/article.html': send('text/html; charset=utf-8', articleHtml()),
  });
  return state.server;
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The article naming every hostile entity; no CSP, a probe that records `message` events the page receives. */
function articleHtml() {
  // Last, spellings that are themselves payloads (the pack's payload aliases): the page's own text then carries a
  // payload into a mention, which the popup lists.
  const payloadAliases = state.pack.entities.slice(0, 2).flatMap((e) => e.aliases.slice(1).map((a) => a.text));
  const paragraphs = [...hostileArticleParagraphs(), ...payloadAliases.map((a) => `Letters to the desk spelled it ${a} again.`)]
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quillmoor desk report</title>
<meta property="article:published_time" content="2026-11-26T08:00:00Z">
<script>window.__messages = []; addEventListener('message', (e) => window.__messages.push(typeof e.data === 'string' ? e.data : JSON.stringify(e.data)));</script>
</head><body><main><article><h1>Quillmoor desk report</h1>
${paragraphs}
</article></main></body></html>`;
}

/** Watches a page for navigations away from our servers and the extension, and for errors. */
function watchPage(page, env) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('framenavigated', (frame) => {
    const url = frame.url();
    if (state.recording && !isOurs(url, env)) state.foreign.push(`navigation: ${url}`);
  });
  return errors;
}

function isOurs(url, env) {
  return (
    url.startsWith('http://127.0.0.1:') ||
    url.startsWith(`chrome-extension://${env.extensionId}/`) ||
    url === 'about:blank' ||
    // Where Chromium sends a page's fetch of an extension file it may not load (the "no extension file" test).
    url === 'chrome-extension://invalid/'
  );
}

let contextWatched = false;
function watchContext(env) {
  if (contextWatched) return;
  contextWatched = true;
  env.context.on('request', (request) => {
    const url = request.url();
    if (state.recording && !isOurs(url, env)) state.foreign.push(`request: ${url.slice(0, 120)}`);
  });
}

/** Sends a page request from the options page (a trusted sender), as the options UI does. */
async function fromOptions(env, message) {
  const page = await env.context.newPage();
  try {
    await page.goto(env.extensionUrl('options.html'));
    return await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  } finally {
    await page.close();
  }
}

/** Requests the server saw that only a payload would make (its `src=x`, its beacon). */
function payloadRequests() {
  return state.server.requests.filter((r) => r.path === '/x' || r.path.startsWith(BEACON_PATH)).map((r) => r.path);
}

function assertNothingRan(where) {
  assertEqual(state.beacons.length, 0, `beacon hits after ${where} (${state.beacons.slice(0, 5).join(', ')})`);
  assertEqual(payloadRequests().length, 0, `requests only a payload would make after ${where}`);
  assertEqual(state.foreign.length, 0, `navigations or requests off our servers after ${where}: ${state.foreign.slice(0, 5).join(' | ')}`);
}

/** Element names, event-handler attributes, and sources of the DOM under `root` (runs in the browser). */
const INSPECT_FN = `function () {
  const root = this;
  const elements = [...root.querySelectorAll('*')];
  return {
    tags: [...new Set(elements.map((el) => el.localName))],
    onAttributes: elements.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.localName + ' ' + a.name)),
    sources: elements.flatMap((el) => ['src', 'srcdoc', 'data', 'formaction', 'action', 'xlink:href', 'autofocus'].filter((n) => el.hasAttribute(n)).map((n) => el.localName + ' ' + n + '=' + el.getAttribute(n))),
    links: [...root.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel') ?? '', report: a.classList.contains('bs-report') })),
    text: (root.body ?? root).textContent,
  };
}`;

function checkLinks(links, text, where, pageUrl) {
  for (const link of links) {
    if (link.href === null) continue;
    let url;
    try {
      url = pageUrl ? new URL(link.href, pageUrl) : new URL(link.href);
    } catch {
      throw new Error(`${where}: a link that is not a URL: ${link.href}`);
    }
    // Our own pages linking to each other (the popup's "options" link).
    if (pageUrl && url.origin === new URL(pageUrl).origin && url.protocol === 'chrome-extension:') continue;
    if (url.protocol === 'mailto:') {
      assert(link.report, `${where}: mailto only for reporting a wrong fact (${link.href})`);
      continue;
    }
    assert(url.protocol === 'https:' || url.protocol === 'http:', `${where}: link ${link.href} is http(s)`);
    const rel = link.rel.split(/\s+/);
    assert(rel.includes('noopener') && rel.includes('noreferrer'), `${where}: rel of ${link.href} is "${link.rel}"`);
    if (!link.report) assert(text.includes(url.hostname), `${where}: host ${url.hostname} shown next to ${link.href}`);
  }
}

function checkInspection(got, where, { allowedTags, pageUrl } = {}) {
  assertEqual(got.onAttributes.length, 0, `${where}: event handler attributes ${got.onAttributes.slice(0, 5).join(', ')}`);
  const payloadTags = got.tags.filter((t) => PAYLOAD_TAGS.includes(t));
  assertEqual(payloadTags.length, 0, `${where}: elements a payload would bring (${payloadTags.join(', ')})`);
  if (allowedTags) {
    const foreign = got.tags.filter((t) => !allowedTags.has(t));
    assertEqual(foreign.length, 0, `${where}: elements that are not our card's (${foreign.join(', ')})`);
  }
  checkLinks(got.links, got.text, where, pageUrl);
}

async function openArticle(env, { marks = true } = {}) {
  await startServer();
  watchContext(env);
  const page = await env.context.newPage();
  const errors = watchPage(page, env);
  await page.goto(`${state.server.url}/article.html`);
  if (marks) await waitFor(async () => (await countHighlights(page)) > 0, { message: 'marks on the hostile article', timeout: 15_000 });
  return { page, errors };
}

/** Hovers `text` and waits for a card whose title passes `titleOk`; moves away first so the previous card closes. */
async function openCard(page, text, titleOk) {
  await page.mouse.move(1, 1);
  await waitFor(async () => (await readCard(page)) === null, { message: 'no card', timeout: 4000 }).catch(() => {});
  await hoverText(page, text);
  return waitFor(async () => {
    const card = await readCard(page);
    return card && titleOk(card.title) ? card : null;
  }, { message: `the card for "${text}"`, timeout: 10_000 });
}

async function checkCard(page, card, expected, where) {
  const got = await inCardRoot(page, INSPECT_FN);
  assert(got, `${where}: our card root`);
  checkInspection(got, where, { allowedTags: ALLOWED_CARD_TAGS });
  for (const text of expected) assert(card.text.includes(text), `${where}: shows as written: ${JSON.stringify(text.slice(0, 80))}…`);
  state.seenTexts.push(card.text);
  const pwned = await page.evaluate(() => [window.__pwned, top.__pwned]);
  assertEqual(JSON.stringify(pwned), '[null,null]', `${where}: window.__pwned in the page`);
}

// ---------------------------------------------------------------------------------------------------------------

suite.test('no page can message us: no externally_connectable, no chrome.runtime in the page world', async (env) => {
  for (const dir of ['.output/chrome-mv3', '.output-e2e/chrome-mv3']) {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assertEqual(manifest.externally_connectable, undefined, `${dir}: externally_connectable`);
    if (dir === '.output/chrome-mv3') assertEqual(manifest.web_accessible_resources, undefined, `${dir}: web_accessible_resources`);
  }
  const { page } = await openArticle(env, { marks: false });
  const reach = await page.evaluate(() => ({
    runtime: typeof globalThis.chrome?.runtime?.sendMessage,
    connect: typeof globalThis.chrome?.runtime?.connect,
  }));
  assertEqual(reach.runtime, 'undefined', 'chrome.runtime.sendMessage in the page world');
  assertEqual(reach.connect, 'undefined', 'chrome.runtime.connect in the page world');
  await page.close();
});

suite.test('imports the hostile pack and feeds; refuses the pack with hostile URLs', async (env) => {
  await startServer();
  watchContext(env);
  const base = state.server.url;
  const wanted = [
    ['pack', `${base}/hostile.pack.json`],
    ['pack', `${base}/bad-urls.pack.json`],
    ['feed', `${base}/hostile-rss.xml`],
    ['feed', `${base}/hostile-atom.xml`],
    ['feed', `${base}/hostile-feed.json`],
    ['feed', `${base}/forbidden-rss.xml`],
  ];
  for (const [kind, url] of wanted) {
    const reply = await fromOptions(env, { type: 'add-source', url, kind });
    assert(reply?.ok, `add-source ${url}: ${JSON.stringify(reply)}`);
    state.sources[url] = reply.source.id;
  }
  await fromOptions(env, { type: 'refresh' });
  const list = await waitFor(async () => {
    const sources = await fromOptions(env, { type: 'list-sources' });
    const ours = sources.filter((s) => Object.values(state.sources).includes(s.id));
    return ours.length === wanted.length && ours.every((s) => !s.refreshing && (s.lastUpdated || s.error)) ? sources : null;
  }, { message: 'every hostile source refreshed or failed', timeout: 60_000, interval: 500 });
  const byUrl = (url) => list.find((s) => s.id === state.sources[url]);
  const good = byUrl(`${base}/hostile.pack.json`);
  assert(good.lastUpdated && !good.error, `hostile pack imported (${good.error})`);
  assert((good.warnings ?? []).some((w) => w.includes('"__proto__" is not allowed')), 'warnings name the dropped __proto__ keys');
  const bad = byUrl(`${base}/bad-urls.pack.json`);
  assert(!bad.lastUpdated && bad.error, `the pack with hostile URLs is refused (${JSON.stringify(bad)})`);
  for (const feed of ['hostile-rss.xml', 'hostile-atom.xml', 'hostile-feed.json']) {
    const s = byUrl(`${base}/${feed}`);
    assert(s.lastUpdated && !s.error, `${feed} imported (${s.error})`);
  }
  const forbidden = byUrl(`${base}/forbidden-rss.xml`);
  assert(forbidden.error || forbidden.lastUpdated, 'the feed with forbidden tag names was refused or read');
  assertNothingRan('importing');
});

suite.test('add-source refuses every hostile address of the corpus (from the options page)', async (env) => {
  await startServer();
  const page = await env.context.newPage();
  try {
    await page.goto(env.extensionUrl('options.html'));
    const refused = state.urls.filter((u) => !u.source);
    const replies = await page.evaluate(async (urls) => {
      const out = [];
      for (const url of urls) {
        for (const kind of ['pack', 'feed']) out.push({ url, kind, reply: await chrome.runtime.sendMessage({ type: 'add-source', url, kind }) });
      }
      return out;
    }, refused.map((u) => u.url));
    const accepted = replies.filter((r) => r.reply?.ok !== false);
    assertEqual(accepted.length, 0, `hostile addresses accepted: ${accepted.slice(0, 5).map((r) => JSON.stringify(r.url)).join(', ')}`);
    assert(replies.every((r) => typeof r.reply.error === 'string' && r.reply.error.length > 0), 'each refusal says why in words');
  } finally {
    await page.close();
  }
  assertNothingRan('adding hostile addresses');
});

suite.test('XML bombs in the real worker: refused with words, the worker keeps answering', async (env) => {
  await startServer();
  const base = state.server.url;
  const lol = (n) => `<!ENTITY lol${n} "${`&lol${n - 1};`.repeat(10)}">`;
  const bombs = {
    'billion-laughs': `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${Array.from({ length: 9 }, (_, i) => lol(i + 1)).join('')}]><rss><channel><title>&lol9;</title></channel></rss>`,
    'quadratic': `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${'x'.repeat(50_000)}">]><rss><channel><title>${'&big;'.repeat(2000)}</title></channel></rss>`,
    'xxe-file': '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>',
    'xxe-beacon': `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "${base}${BEACON_PATH}?id=xxe">]><rss><channel><title>&xxe;</title></channel></rss>`,
    'deep-nesting': `<?xml version="1.0"?><rss><channel><title>t</title><item><title>Zarvan Kelm</title><guid>d</guid>${'<x>'.repeat(20_000)}${'</x>'.repeat(20_000)}</item></channel></rss>`,
  };
  const ids = [];
  for (const [name, body] of Object.entries(bombs)) {
    state.routes[`/bomb-${name}.xml`] = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(body);
    };
    const reply = await fromOptions(env, { type: 'add-source', url: `${base}/bomb-${name}.xml`, kind: 'feed' });
    assert(reply?.ok, `add-source bomb ${name}`);
    ids.push([name, reply.source.id]);
    state.sources[`bomb-${name}`] = reply.source.id;
  }
  const list = await waitFor(async () => {
    const sources = await fromOptions(env, { type: 'list-sources' });
    const ours = ids.map(([, id]) => sources.find((s) => s.id === id));
    return ours.every((s) => s && !s.refreshing && (s.error || s.lastUpdated)) ? sources : null;
  }, { message: 'every bomb refused', timeout: 60_000, interval: 500 });
  for (const [name, id] of ids) {
    const s = list.find((x) => x.id === id);
    assert(s.error && !s.lastUpdated, `${name} refused (${JSON.stringify({ error: s.error, items: s.items })})`);
  }
  const started = Date.now();
  await fromOptions(env, { type: 'latest-round' });
  assert(Date.now() - started < 5000, 'the worker still answers at once');
  for (const [, id] of ids) await fromOptions(env, { type: 'remove-source', id });
  assertNothingRan('XML bombs');
});

suite.test('every hostile card shows its payloads as text: nothing runs, links are http(s) with rel and host', async (env) => {
  const { page, errors } = await openArticle(env);
  const n = HOSTILE_NAMES;
  const entities = state.pack.entities;
  const nameToId = new Map(entities.map((e) => [e.name, e.id]));
  const targets = [
    [n.lead, n.lead],
    [n.second, n.second],
    [n.mediatorOrg, n.mediatorOrg],
    ['Quillmoor officials', n.place],
    ...n.fillers.filter((name) => nameToId.has(name)).map((name) => [name, name]),
  ];
  for (const [text, name] of targets) {
    const card = await openCard(page, text, (title) => title === name);
    await checkCard(page, card, state.displayed[nameToId.get(name)], `card of ${name}`);
  }
  const round = await openCard(page, ROUND_PHRASE.replace(/^the /, ''), (title) => title.startsWith('Quillmoor round '));
  await checkCard(page, round, state.displayed['round:round-q1'], 'round card');
  const talks = await openCard(page, 'Quillmoor talks', (title) => title.startsWith('Quillmoor round '));
  await checkCard(page, talks, state.displayed['round:round-q1'], 'talks card');
  const figure = await openCard(page, '4,321', (title) => title.startsWith('Quillbead count '));
  await checkCard(page, figure, state.displayed['figure:quill-count'], 'figure card');
  assertEqual(errors.length, 0, `page errors: ${errors.join(' | ')}`);
  assertNothingRan('opening every card');
  await page.close();
});

suite.test('popup and options show the hostile data as text, with safe links only', async (env) => {
  await startServer();
  watchContext(env);
  for (const path of ['popup.html', 'options.html']) {
    const page = await env.context.newPage();
    const errors = watchPage(page, env);
    await page.goto(env.extensionUrl(path));
    if (path === 'popup.html') {
      await page.locator('[data-testid="latest-round-title"]').waitFor({ timeout: 10_000 });
      await page.locator('[data-testid="headline"]').first().waitFor({ timeout: 10_000 });
      // Fold-outs open, so everything is rendered.
      for (const d of await page.locator('details').all()) await d.evaluate((el) => { el.open = true; });
    } else {
      await page.locator('[data-testid="source-warnings"]').first().waitFor({ timeout: 10_000 });
    }
    await page.waitForTimeout(500);
    // The body: the head holds our own script, title and meta; nothing of a payload belongs anywhere.
    const got = await page.evaluate(`(${INSPECT_FN}).call(document.body)`);
    checkInspection(got, path, { pageUrl: page.url() });
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src') ?? 'inline'));
    assert(scripts.every((src) => src.startsWith('/') || src.startsWith('chrome-extension://')), `${path}: only our own scripts (${scripts.join(', ')})`);
    state.seenTexts.push(got.text);
    if (path === 'popup.html') {
      const title = await page.locator('[data-testid="latest-round-title"]').textContent();
      assertEqual(title, state.pack.rounds.find((r) => r.id === 'round-q1').label, 'latest round title as written');
      const headlines = await page.locator('[data-testid="headline"]').allTextContents();
      const literal = new Set([...state.feeds.rss.literal, ...state.feeds.atom.literal]);
      assert(headlines.some((h) => [...literal].some((l) => h.includes(l))), `a payload headline as written (${headlines[0]?.slice(0, 80)})`);
    } else {
      assert(got.text.includes(state.pack.title), 'the hostile pack title as written');
      for (const key of state.payloads.slice(0, 40).map((p) => p.text)) {
        assert(got.text.includes(key), `warning with the payload key as written: ${key.slice(0, 60)}`);
      }
    }
    assertEqual(await page.evaluate(() => window.__pwned), undefined, `${path}: window.__pwned`);
    assertEqual(errors.length, 0, `${path}: page errors ${errors.join(' | ')}`);
    await page.close();
  }
  assertNothingRan('popup and options');
});

suite.test('the toolbar popup over the hostile article lists mentions whose page text is a payload, as text', async (env) => {
  const { page } = await openArticle(env);
  const aliases = state.pack.entities.slice(0, 2).flatMap((e) => e.aliases.slice(1).map((a) => a.text));
  const popup = await openActionPopup(env, page);
  try {
    await waitFor(() => popup.evaluate(`document.querySelectorAll('[data-testid="mention-item"]').length > 0`), { message: 'the mention list' });
    await popup.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
    const got = await popup.evaluate(`(${INSPECT_FN}).call(document.body)`);
    checkInspection(got, 'toolbar popup', { pageUrl: env.extensionUrl('popup.html') });
    const items = await popup.evaluate(`[...document.querySelectorAll('[data-testid="mention-item"]')].map((b) => b.textContent)`);
    const listed = aliases.filter((a) => items.some((t) => t.includes(a)));
    assert(listed.length > 0, `a payload spelling from the page listed as written (${items.length} items)`);
    assertEqual(await popup.evaluate('window.__pwned'), undefined, 'window.__pwned in the popup');
    state.seenTexts.push(got.text);
  } finally {
    await popup.close();
  }
  assertNothingRan('the toolbar popup');
  await page.close();
});

suite.test(`every payload of the corpus was shown as written somewhere (cards, popup, options)`, async () => {
  assert(state.seenTexts.length > 0, 'texts were read');
  const all = state.seenTexts.join('\n');
  const missing = state.payloads.filter((p) => !all.includes(p.text));
  assertEqual(missing.length, 0, `payloads never shown: ${missing.slice(0, 5).map((p) => `#${p.id} ${p.category}`).join(', ')}`);
  assert(state.payloads.length >= 200, `${state.payloads.length} payloads`);
});

suite.test('hostile window messages change nothing and reach nobody', async (env) => {
  const { page, errors } = await openArticle(env);
  const before = { marks: await countHighlights(page), settings: await fromOptions(env, { type: 'get-settings' }) };
  const early = await page.evaluate(() => window.__messages.slice());
  assertEqual(early.length, 0, `window messages before the test posted any: ${early.join(' | ')}`);
  const posted = await page.evaluate(() => {
    const shapes = [
      'settings-changed', { type: 'settings-changed' }, { type: 'navigate', direction: 1 }, { type: 'show-mention', index: 0 },
      { type: 'page-mentions' }, { type: 'not-this', id: 'zarvan-kelm' }, { type: 'set-settings', patch: { enabled: false } },
      { type: 'reset' }, { type: 'add-source', url: 'https://evil.example/p.json', kind: 'pack' },
      { type: 'card', kind: 'person', id: 'zarvan-kelm' }, { __proto__: { type: 'reset' } }, [{ type: 'reset' }], null, 42,
      'wxt:content-script-started', { type: 'wxt:content-script-started', contentScriptName: 'content' },
      JSON.stringify({ type: 'not-this', id: 'zarvan-kelm' }),
    ];
    for (const data of shapes) {
      window.postMessage(data, '*');
      window.dispatchEvent(new MessageEvent('message', { data, origin: location.origin, source: window }));
    }
    return shapes.map((data) => (typeof data === 'string' ? data : JSON.stringify(data)));
  });
  await page.waitForTimeout(1500);
  assertEqual(await countHighlights(page), before.marks, 'marks unchanged');
  assertEqual(await readCard(page), null, 'no card opened');
  const after = await fromOptions(env, { type: 'get-settings' });
  assertEqual(JSON.stringify(after), JSON.stringify(before.settings), 'settings unchanged');
  assertEqual((await fromOptions(env, { type: 'list-suppressions' })).length, 0, 'no suppression');
  // Everything the page received is what it posted itself: no answer, no echo from us.
  const seen = (await page.evaluate(() => window.__messages.slice())).filter((m) => !posted.includes(m));
  assertEqual(seen.length, 0, `messages from us seen by the page: ${seen.join(' | ')}`);
  assertEqual(errors.length, 0, `page errors: ${errors.join(' | ')}`);
  await page.close();
});

suite.test('synthetic events on our host record nothing ("not this" stays unstored)', async (env) => {
  const { page } = await openArticle(env);
  await openCard(page, HOSTILE_NAMES.lead, (t) => t === HOSTILE_NAMES.lead);
  await page.evaluate(() => {
    const host = document.querySelector('backstory-card');
    for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click']) {
      host.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: 20, clientY: 20 }));
    }
    host.click();
    host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  });
  await page.waitForTimeout(600);
  assertEqual((await fromOptions(env, { type: 'list-suppressions' })).length, 0, 'no suppression stored');
  assert((await countHighlights(page)) > 0, 'marks stay');
  await page.close();
});

suite.test('a page that knows our public extension id cannot make us rescan it over and over', async (env) => {
  // Store extension ids are public. WXT's same-document navigation event was a plain DOM event on window named
  // "<id>:content:wxt:locationchange" that a page could dispatch too (our own context no longer uses it, and a page
  // can still make real pushState navigations): each one must not cost a full scan.
  const { page } = await openArticle(env);
  await env.worker.evaluate(() => {
    globalThis.__securityScans = 0;
    if (!globalThis.__securityScanListener) {
      globalThis.__securityScanListener = (message) => {
        if (message && message.type === 'scan') globalThis.__securityScans++;
      };
      chrome.runtime.onMessage.addListener(globalThis.__securityScanListener);
    }
  });
  await page.evaluate((id) => {
    for (let i = 0; i < 200; i++) window.dispatchEvent(new Event(`${id}:content:wxt:locationchange`));
  }, env.extensionId);
  await page.waitForTimeout(4000);
  const scans = await env.worker.evaluate(() => globalThis.__securityScans);
  assert(scans <= 2, `200 forged location-change events from the page (URL unchanged) caused ${scans} full scans`);
  await page.close();
});

suite.test('untrusted pointermove events from the page do not open a card', async (env) => {
  const { page } = await openArticle(env);
  await page.mouse.move(1, 1);
  const rect = await page.evaluate((needle) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const r = range.getClientRects()[0];
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  }, HOSTILE_NAMES.second);
  await page.evaluate(({ x, y }) => {
    for (let i = 0; i < 10; i++) {
      document.elementFromPoint(x, y)?.dispatchEvent(new PointerEvent('pointermove', { clientX: x + i, clientY: y, bubbles: true, composed: true }));
    }
  }, rect);
  await page.waitForTimeout(1500);
  const opened = await readCard(page);
  await page.close();
  assertEqual(opened?.title ?? null, null, 'a card opened by synthetic pointermove events from the page');
});

suite.test('an untrusted Escape from the page does not close the reader\'s card', async (env) => {
  const { page } = await openArticle(env);
  await openCard(page, HOSTILE_NAMES.lead, (t) => t === HOSTILE_NAMES.lead);
  await page.evaluate(() => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
  await page.waitForTimeout(300);
  const afterEscape = await readCard(page);
  await page.close();
  assert(afterEscape, 'the card closed on a synthetic Escape from the page');
});

suite.test('the page cannot reach or break the card: closed root, host removed or restyled, hostile CSS', async (env) => {
  const { page, errors } = await openArticle(env);
  const n = HOSTILE_NAMES;
  await openCard(page, n.lead, (t) => t === n.lead);
  const reach = await page.evaluate(() => {
    const host = document.querySelector('backstory-card');
    return { shadowRoot: host.shadowRoot, attach: (() => { try { host.attachShadow({ mode: 'open' }); return 'attached'; } catch (e) { return e.name; } })() };
  });
  assertEqual(reach.shadowRoot, null, 'host.shadowRoot');
  assert(reach.attach !== 'attached', 'the page cannot attach another shadow root');
  const visible = () => inCardRoot(page, `function () {
    const card = this.querySelector('[data-testid="card"]');
    if (!card) return null;
    const r = card.getBoundingClientRect();
    return r.width > 50 && r.height > 20 ? { w: r.width, h: r.height } : null;
  }`);
  // Removed host.
  await page.evaluate(() => document.querySelector('backstory-card').remove());
  await openCard(page, n.second, (t) => t === n.second);
  assert(await waitFor(visible, { message: 'card visible after the host was removed' }), 'visible');
  // Hidden host.
  await page.evaluate(() => document.querySelector('backstory-card').style.setProperty('display', 'none', 'important'));
  await openCard(page, n.mediatorOrg, (t) => t === n.mediatorOrg);
  assert(await waitFor(visible, { message: 'card visible after the host was hidden' }), 'visible');
  // Hostile CSS after the marks.
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = '* { all: unset !important; } backstory-card { display: none !important; visibility: hidden !important; opacity: 0 !important; } :host { display: none !important; }';
    document.head.append(style);
  });
  await openCard(page, n.lead, (t) => t === n.lead);
  assert(await waitFor(visible, { message: 'card visible under hostile CSS' }), 'visible');
  const card = await readCard(page);
  assert(card.text.includes(state.pack.entities[0].summary), 'the card still shows its data');
  assertEqual(errors.length, 0, `page errors: ${errors.join(' | ')}`);
  await page.close();
});

suite.test('no extension file is reachable from a page', async (env) => {
  const { page } = await openArticle(env);
  const results = await page.evaluate(async (id) => {
    const out = [];
    for (const path of ['popup.html', 'options.html', 'manifest.json', 'background.js', 'content-scripts/content.js']) {
      try {
        const res = await fetch(`chrome-extension://${id}/${path}`);
        out.push(`${path}: ${res.status}`);
      } catch {
        // refused: what we want
      }
    }
    return out;
  }, env.extensionId);
  assertEqual(results.length, 0, `extension files fetched by the page: ${results.join(', ')}`);
  await page.close();
});

suite.test('a quiet page full of payload text gets no marks, no DOM change and no message from us', async (env) => {
  await startServer();
  watchContext(env);
  state.routes['/quiet.html'] = (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Quiet</title>
<script>
window.__seen = { mutations: 0, messages: [], sheetsAtStart: 0 };
addEventListener('message', (e) => window.__seen.messages.push(String(e.data)));
// From the end of parsing on (the parser's own insertions are mutations too); content scripts run at document_idle.
document.addEventListener('DOMContentLoaded', () => {
  window.__seen.sheetsAtStart = document.styleSheets.length;
  new MutationObserver((records) => { window.__seen.mutations += records.length; }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
});
</script></head><body><main><article><h1>Garden notes</h1>
${state.payloads.slice(0, 60).map((p) => `<p>Tomatoes and ${escapeHtml(p.text)} in the greenhouse.</p>`).join('\n')}
</article></main></body></html>`);
  };
  const page = await env.context.newPage();
  watchPage(page, env);
  await page.goto(`${state.server.url}/quiet.html`);
  await page.waitForTimeout(2000);
  const seen = await page.evaluate(() => ({
    ...window.__seen,
    sheets: document.styleSheets.length,
    highlights: CSS.highlights.size,
    painted: [...CSS.highlights].flatMap(([name, h]) => [...h].map((r) => `${name}: ${r.startContainer.data.slice(r.startOffset, r.endOffset)}`)),
    hosts: document.querySelectorAll('backstory-card').length,
  }));
  assertEqual(seen.mutations, 0, 'DOM mutations');
  assertEqual(seen.messages.length, 0, `window messages (${seen.messages.join(', ')})`);
  assertEqual(seen.highlights, 0, `highlights (${seen.painted.join(' | ')})`);
  assertEqual(seen.hosts, 0, 'card hosts');
  assertEqual(seen.sheets, seen.sheetsAtStart, 'stylesheets');
  await page.close();
});

suite.test('a page listening for our events, its own dispatches and its DOM sees nothing from us without mentions', async (env) => {
  // A fingerprinting page knows our public extension id, so it can listen for every event name a WXT content script
  // would use (a DOM event reaches the page's listeners from any world), records what the page world dispatches or
  // posts, and watches its DOM, stylesheets and highlights; then it navigates within the document, which is when a
  // location watcher would speak.
  await startServer();
  watchContext(env);
  state.routes['/listening.html'] = (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Seed catalogue</title></head><body><main><article>
<h1>Seed catalogue</h1>
<p>Early peas go in as soon as the soil can be worked, in double rows a hand apart, with twiggy sticks pushed in beside them to climb.</p>
<p>Beans wait until the last frost has passed. Sow them two fingers deep, water once, and leave them alone until the first leaves show.</p>
<p>Squash likes rich ground and room to spread: one hill every few steps, three seeds to a hill, the weakest two pulled when they have true leaves.</p>
</article></main></body></html>`);
  };
  const id = env.extensionId;
  const names = [];
  for (const prefix of ['', `${id}:`, `${id}:content:`]) {
    for (const name of ['wxt:content-script-started', 'wxt:locationchange', 'content-script-started', 'locationchange']) names.push(prefix + name);
  }
  const page = await env.context.newPage();
  const errors = watchPage(page, env);
  await page.addInitScript(`(() => {
    const seen = { events: [], dispatched: [], mutations: 0, sheetsAtStart: 0, adoptedAtStart: 0 };
    window.__listening = seen;
    const record = (where) => (e) => seen.events.push(where + ' ' + e.type + ' ' + (e.constructor && e.constructor.name));
    for (const name of ${JSON.stringify(names)}) {
      document.addEventListener(name, record('document'), true);
      window.addEventListener(name, record('window'), true);
    }
    addEventListener('message', (e) => seen.events.push('message ' + JSON.stringify(e.data)));
    // Everything dispatched from the page world (ours would come from an isolated world: the listeners above).
    const dispatch = EventTarget.prototype.dispatchEvent;
    EventTarget.prototype.dispatchEvent = function (event) {
      seen.dispatched.push(event.type);
      return dispatch.call(this, event);
    };
    document.addEventListener('DOMContentLoaded', () => {
      seen.sheetsAtStart = document.styleSheets.length;
      seen.adoptedAtStart = document.adoptedStyleSheets.length;
      new MutationObserver((records) => { seen.mutations += records.length; }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  })();`);
  // The background is asked to scan the page: wait for that answer, so "nothing" is measured after our work.
  await env.worker.evaluate(() => {
    globalThis.__listeningScans = 0;
    if (!globalThis.__listeningScanListener) {
      globalThis.__listeningScanListener = (message) => {
        if (message && message.type === 'scan') globalThis.__listeningScans++;
      };
      chrome.runtime.onMessage.addListener(globalThis.__listeningScanListener);
    }
  });
  await page.goto(`${state.server.url}/listening.html`);
  await waitFor(() => env.worker.evaluate(() => globalThis.__listeningScans > 0), { message: 'the page scanned' });
  await page.waitForTimeout(1000);
  // Same-document navigations: a new address and a fragment.
  await page.evaluate(`history.pushState({}, '', '/listening.html?page=2')`);
  await page.waitForTimeout(700);
  await page.evaluate(`location.hash = '#beans'`);
  await page.waitForTimeout(1500);
  // The page's own pushState is a new address: the script looked at the page again (and still found nothing).
  const seen = await page.evaluate(`({
    ...window.__listening,
    sheets: document.styleSheets.length,
    adopted: document.adoptedStyleSheets.length,
    highlights: CSS.highlights.size,
    hosts: document.querySelectorAll('backstory-card').length,
  })`);
  assertEqual(seen.events.length, 0, `events from us seen by the page: ${seen.events.join(' | ')}`);
  assertEqual(seen.dispatched.filter((type) => type.includes(id) || /wxt|content-script/i.test(type)).length, 0, `dispatched: ${seen.dispatched.join(', ')}`);
  assertEqual(seen.mutations, 0, 'DOM mutations');
  assertEqual(seen.sheets, seen.sheetsAtStart, 'stylesheets');
  assertEqual(seen.adopted, seen.adoptedAtStart, 'adopted stylesheets');
  assertEqual(seen.highlights, 0, 'highlights');
  assertEqual(seen.hosts, 0, 'card hosts');
  assertEqual(errors.length, 0, `page errors: ${errors.join(' | ')}`);
  // The check can see an event sent from another world: one the test itself sends from an isolated world of its own.
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'probe' });
    await cdp.send('Runtime.evaluate', {
      contextId: executionContextId,
      expression: `document.dispatchEvent(new CustomEvent(${JSON.stringify(`${id}:content:wxt:content-script-started`)}, { detail: {} }))`,
    });
  } finally {
    await cdp.detach().catch(() => {});
  }
  const control = await page.evaluate(`window.__listening.events.length`);
  assertEqual(control, 2, 'the page saw the control event sent from another world (document and window capture)');
  await page.close();
});

suite.test('prototypes untouched after importing forbidden keys and tag names: worker, extension page, page', async (env) => {
  const probe = () => ({
    polluted: [({}).polluted, [].polluted, (function () {}).polluted, ''.polluted].map((v) => (v === undefined ? 'undefined' : String(v))),
    object: Object.getOwnPropertyNames(Object.prototype).sort().join(','),
    array: Object.getOwnPropertyNames(Array.prototype).sort().join(','),
    fn: Object.getOwnPropertyNames(Function.prototype).sort().join(','),
  });
  // A fresh page of the same browser is the baseline.
  const blank = await env.context.newPage();
  const baseline = await blank.evaluate(probe);
  await blank.close();
  // Touch the data once more so the worker has just handled the hostile rows.
  await fromOptions(env, { type: 'latest-articles', limit: 50 });
  const worker = await env.worker.evaluate(probe);
  const ext = await env.context.newPage();
  await ext.goto(env.extensionUrl('options.html'));
  const extension = await ext.evaluate(probe);
  await ext.close();
  const { page } = await openArticle(env);
  const inPage = await page.evaluate(probe);
  await page.close();
  for (const [where, got] of [['service worker', worker], ['extension page', extension], ['article page', inPage]]) {
    assertEqual(got.polluted.join(','), 'undefined,undefined,undefined,undefined', `${where}: .polluted`);
    assertEqual(got.object, baseline.object, `${where}: Object.prototype own keys`);
    assertEqual(got.array, baseline.array, `${where}: Array.prototype own keys`);
    assertEqual(got.fn, baseline.fn, `${where}: Function.prototype own keys`);
  }
});

suite.test('in the end: no beacon, no payload request, no navigation off our servers', async (env) => {
  try {
    await startServer();
    assertNothingRan('the whole suite');
    // Remove the hostile sources so nothing of them outlives the suite's browser profile.
    for (const id of Object.values(state.sources)) await fromOptions(env, { type: 'remove-source', id }).catch(() => {});
  } finally {
    await state.server?.close();
    state.server = null;
  }
});

suite.test('the detectors work: the same payloads parsed as HTML on a page of ours fire the beacon and set __pwned', async (env) => {
  // A server and a page of their own, after the suite's final check: here payloads run on purpose.
  state.recording = false;
  const hits = [];
  const routes = {};
  const server = await serve(FIXTURES, routes);
  try {
    const payloads = generatePayloads(server.url);
    const raw = payloads.filter((p) => p.category.endsWith('/raw/raw') && !/meta-refresh|body-onload|a-href|form-formaction/.test(p.category));
    routes[BEACON_PATH] = (req, res) => {
      hits.push(Number(new URL(req.url, server.url).searchParams.get('id')));
      res.writeHead(204, { 'access-control-allow-origin': '*' });
      res.end();
    };
    routes['/canary.html'] = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Canary</title></head><body>${raw.map((p) => `<div>${p.text}</div>`).join('\n')}</body></html>`);
    };
    const page = await env.context.newPage();
    await page.goto(`${server.url}/canary.html`);
    await page.waitForTimeout(2500);
    const pwned = await page.evaluate(() => window.__pwned);
    await page.close();
    const fired = new Set(hits);
    const byName = (name) => raw.find((p) => p.category === `${name}/raw/raw`);
    for (const name of ['img-onerror', 'img-onerror-unquoted', 'svg-onload', 'details-ontoggle', 'script']) {
      assert(fired.has(byName(name).id), `the ${name} payload fired its beacon (${[...fired].join(',')})`);
    }
    assert(typeof pwned === 'number', `window.__pwned was set on the canary page (${pwned})`);
    assert(fired.size >= raw.length / 3, `${fired.size} of ${raw.length} raw vectors fired`);
  } finally {
    await server.close();
  }
});

export default suite;
