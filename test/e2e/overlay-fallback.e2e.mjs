// The painter for browsers without the CSS Custom Highlight API, in Chromium: the real overlay painter and text
// collection bundled into a test page (words that are no story's, so the extension itself leaves the page alone). Its boxes (read through CDP, which pierces our closed shadow root) sit exactly
// under the marked words, the page's layout and text do not change, and nothing of ours is left after clear().
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { assert, assertEqual, createSuite } from './harness.mjs';

const suite = createSuite('overlay painter (no Highlight API)');
export default suite;

const here = dirname(fileURLToPath(import.meta.url));

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Overlay painter test page</title>
<style>body { font: 16px/1.5 serif; margin: 40px; width: 420px } p { margin: 0 0 12px }</style></head>
<body><article id="article">
<h1>The orchard fair</h1>
<p>Alder Quince met the grower in Rivermouth. Later, Alder Quince said the fair in Rivermouth was <b>busy</b> and
that a long sentence which wraps over several lines would still be underlined where Alder Quince appears.</p>
<p dir="rtl" lang="fa">باران در باغ بارید و باران ادامه داشت.</p>
</article><script src="/overlay-bundle.js"></script></body></html>`;

async function bundle() {
  const out = await build({ entryPoints: [join(here, 'overlay', 'overlay-entry.ts')], bundle: true, format: 'iife', platform: 'browser', write: false });
  return out.outputFiles[0].text;
}

async function openPage({ context, server }) {
  const script = await bundle();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route(`${server.url}/overlay-test.html`, (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
  await page.route(`${server.url}/overlay-bundle.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: script }));
  await page.goto(`${server.url}/overlay-test.html`);
  await page.waitForFunction('window.overlayTest !== undefined');
  return { page, errors };
}

/** Every element's box and the article's text: what must not change. */
const SNAPSHOT = `JSON.stringify({
  boxes: Array.from(document.querySelectorAll('body *')).map((e) => { const r = e.getBoundingClientRect(); return [e.tagName, r.x, r.y, r.width, r.height]; }),
  text: document.body.innerText,
  children: document.documentElement.children.length,
})`;

/** The boxes in our overlay's closed shadow root, in page coordinates (host at the page's origin). */
async function overlayBoxes(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const html = root.children.find((n) => n.nodeName === 'HTML');
    const host = html.children.find((n) => n.nodeName === 'DIV' && n.shadowRoots?.length);
    if (!host) return null;
    const shadow = host.shadowRoots[0];
    const layer = shadow.children[0];
    return {
      mode: shadow.shadowRootType,
      boxes: (layer.children ?? []).map((box) => {
        const style = box.attributes[box.attributes.indexOf('style') + 1];
        const px = (name) => Math.round(Number(new RegExp(`${name}: (-?[\\d.]+)px`).exec(style)?.[1]));
        return { left: px('left'), top: px('top'), width: px('width'), height: px('height'), underline: /border-bottom: \d+px \w+ rgb/.test(style) };
      }),
    };
  } finally {
    await cdp.detach();
  }
}

function sameBoxes(drawn, expected) {
  const key = (b) => `${b.left},${b.top},${b.width},${b.height}`;
  const near = (a, b) => Math.abs(a.left - b.left) <= 1 && Math.abs(a.top - b.top) <= 1 && Math.abs(a.width - b.width) <= 1 && Math.abs(a.height - b.height) <= 1;
  const missing = expected.filter((e) => !drawn.some((d) => near(d, e)));
  return { ok: missing.length === 0 && drawn.length === expected.length, detail: `missing ${missing.map(key).join(' ')}; drawn ${drawn.length}, expected ${expected.length}` };
}

suite.test('draws an underline box under every line of every mark, in a closed layer that moves nothing', async (env) => {
  const { page, errors } = await openPage(env);
  const before = await page.evaluate(SNAPSHOT);
  const expected = await page.evaluate(`window.overlayTest.paint(['Alder Quince', 'Rivermouth', 'باران'])`);
  assert(expected.length >= 6, `marks found (${expected.length})`);
  const overlay = await overlayBoxes(page);
  assert(overlay, 'our overlay host exists');
  assertEqual(overlay.mode, 'closed', 'closed shadow root');
  const match = sameBoxes(overlay.boxes, expected);
  assert(match.ok, `boxes under the marks: ${match.detail}`);
  assert(overlay.boxes.every((b) => b.underline), 'each box draws an underline');
  const after = JSON.parse(await page.evaluate(SNAPSHOT));
  const prior = JSON.parse(before);
  assertEqual(JSON.stringify(after.boxes), JSON.stringify(prior.boxes), 'no element moved or resized');
  assertEqual(after.text, prior.text, 'text unchanged');
  assertEqual(after.children, prior.children + 1, 'one element of ours');
  // The pointer goes through the layer to the text.
  const hit = await page.evaluate(`(() => { const b = ${JSON.stringify(expected[0])}; const e = document.elementFromPoint(b.left - scrollX + 2, b.top - scrollY + b.height / 2); return e && e.tagName; })()`);
  assertEqual(hit, 'P', 'the text under a mark still gets the pointer');
  await page.evaluate(`window.overlayTest.clear()`);
  assertEqual(await overlayBoxes(page), null, 'nothing of ours after clear()');
  assertEqual(JSON.parse(await page.evaluate(SNAPSHOT)).children, prior.children, 'no element left');
  assertEqual(errors.length, 0, `page errors: ${errors.join('; ')}`);
  await page.close();
});

suite.test('follows the text when the page reflows', async (env) => {
  const { page, errors } = await openPage(env);
  await page.evaluate(`window.overlayTest.paint(['Alder Quince'])`);
  await page.evaluate(`document.body.style.width = '300px'`);
  // The layer follows on the next frame (a ResizeObserver on the body).
  await page.waitForTimeout(100);
  const expected = await page.evaluate(`window.overlayTest.paint([])`);
  const reflowed = await page.evaluate(`(() => {
    const out = [];
    const walker = document.createTreeWalker(document.getElementById('article'), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let at = n.data.indexOf('Alder Quince'); at >= 0; at = n.data.indexOf('Alder Quince', at + 1)) {
        const r = document.createRange(); r.setStart(n, at); r.setEnd(n, at + 12);
        for (const c of r.getClientRects()) out.push({ left: Math.round(c.left + scrollX), top: Math.round(c.top + scrollY), width: Math.round(c.width), height: Math.round(c.height) });
      }
    }
    return out;
  })()`);
  assertEqual(expected.length, 0, 'nothing new painted');
  const match = sameBoxes((await overlayBoxes(page)).boxes, reflowed);
  assert(match.ok, `boxes follow the reflowed text: ${match.detail}`);
  assertEqual(errors.length, 0, `page errors: ${errors.join('; ')}`);
  await page.close();
});
