// "Never break the page": the release build on hostile and unusual pages of our own. For each page: no errors, no box
// moved between DOMContentLoaded (before any content script runs) and after the marks are painted, the body text
// unchanged, nothing painted in fields, frames or SVG; on pages without mentions nothing added at all.
import { createSuite, assert, assertEqual } from './harness.mjs';
import { countHighlights, readCard, waitFor } from '../../scripts/lib/browser.mjs';
import { fromExtensionPage } from '../../scripts/lib/page-metrics.mjs';

const suite = createSuite('on the page: robustness');

/** Opens a fixture page and records page errors and console errors (the page's own and any of ours). */
async function open({ context, server }, path) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    // The fixture server has no favicon; Chromium logs its 404 as a console error of the page.
    if (m.type() === 'error' && !m.location()?.url?.endsWith('/favicon.ico')) errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${server.url}/${path}`);
  // In front, as the page a reader reads: Chromium renders background tabs rarely, and marks on long pages follow
  // the viewport through an IntersectionObserver, which reports only when a frame is rendered.
  await page.bringToFront();
  return { page, errors };
}

async function painted(page) {
  return page.evaluate(() => {
    const out = [];
    for (const [, highlight] of CSS.highlights) {
      for (const r of highlight) {
        const el = r.startContainer.parentElement;
        out.push({
          text: r.startContainer.data.slice(r.startOffset, r.endOffset),
          inField: Boolean(el?.closest('textarea, input, select, [contenteditable]')),
          inSvg: Boolean(el?.closest('svg')),
          inPre: Boolean(el?.closest('pre')),
        });
      }
    }
    return out;
  });
}

/**
 * Moves the pointer onto `text` with the lookup run in an isolated world of our own (CDP), so a page that patched
 * its DOM prototypes (one fixture does) cannot break the test's own code. Text in open shadow roots is found too.
 */
async function hoverIsolated(page, text) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'test' });
    const { result } = await cdp.send('Runtime.evaluate', {
      contextId: executionContextId,
      returnByValue: true,
      expression: `(() => {
        const find = (root) => {
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.nodeType === 1) {
              const inner = node.shadowRoot && find(node.shadowRoot);
              if (inner) return inner;
              continue;
            }
            const at = node.data.indexOf(${JSON.stringify(text)});
            if (at < 0) continue;
            node.parentElement.scrollIntoView({ block: 'center' });
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + ${text.length});
            const r = range.getClientRects()[0];
            return { x: r.left, y: r.top, width: r.width, height: r.height };
          }
          return null;
        };
        return find(document.body);
      })()`,
    });
    const rect = result.value;
    if (!rect) throw new Error(`Text not found: ${text}`);
    await page.mouse.move(rect.x - 30, rect.y + rect.height / 2);
    await page.mouse.move(rect.x + Math.min(rect.width / 2, 20), rect.y + rect.height / 2, { steps: 4 });
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Marks appear and then settle (the first paint may be sliced over several tasks). */
async function waitForMarks(page) {
  await waitFor(async () => (await countHighlights(page)) > 0, { message: 'marks', timeout: 15_000 });
  let last = -1;
  await waitFor(
    async () => {
      const n = await countHighlights(page);
      const settled = n === last;
      last = n;
      return settled;
    },
    { message: 'marks to settle', interval: 300, timeout: 15_000 },
  );
}

async function checkUntouched(page, errors, { textMayGrow = false } = {}) {
  const r = await page.evaluate(() => window.__probe.compare());
  assertEqual(r.moved.length, 0, `boxes moved: ${r.moved.slice(0, 3).join('; ')}`);
  if (textMayGrow) assert(r.textAfter.startsWith(r.textBefore), 'the page text only grew by the page’s own additions');
  else assertEqual(r.textAfter, r.textBefore, 'body text unchanged');
  assertEqual(r.messages.length, 0, `window messages posted (${r.messages.join(', ')})`);
  assertEqual(errors.length + r.errors.length, 0, `errors: ${[...errors, ...r.errors].join(' | ')}`);
  return r;
}

for (const [path, label, options] of [
  ['onpage-forms.html', 'inputs, textarea, select and contenteditable', { card: 'Araghchi said' }],
  ['onpage-structures.html', 'SVG text, tables and pre/code', {}],
  ['onpage-rtl.html', 'a right-to-left Persian article', { card: 'عراقچی' }],
  ['onpage-shadow.html', 'an article in an open shadow root', {}],
  ['onpage-hostile-css.html', 'hostile CSS (* { all: unset !important })', { card: 'Araghchi said' }],
  ['onpage-patched.html', 'patched Node/Element/Document prototypes', { card: 'Araghchi said' }],
  ['onpage-frames.html', 'same- and cross-origin iframes', {}],
]) {
  suite.test(`${label}: marks without errors, layout shift or text change`, async (env) => {
    const { page, errors } = await open(env, path);
    await waitForMarks(page);
    const marks = await painted(page);
    assertEqual(marks.filter((m) => m.inField).length, 0, 'marks inside form fields or editable regions');
    assertEqual(marks.filter((m) => m.inSvg).length, 0, 'marks inside SVG');
    const r = await checkUntouched(page, errors, options);
    // Only our <style> carrying the ::highlight() rules (no host element until a card is shown).
    assert(r.added.every((name) => name === 'style'), `elements added: ${r.added.join(', ')}`);
    if (path === 'onpage-patched.html') {
      assertEqual((await page.evaluate(() => window.__calls)).length, 0, 'patched page methods called');
    }
    if (path === 'onpage-rtl.html') {
      assert(marks.some((m) => m.text.includes('عراقچی')), `a mark on the Persian name (got ${marks.map((m) => m.text).join(', ')})`);
    }
    if (path === 'onpage-hostile-css.html') {
      const hidden = await page.evaluate(() =>
        Array.from(document.head.querySelectorAll('style')).slice(1).every((s) => getComputedStyle(s).display === 'none'),
      );
      assert(hidden, 'our <style> stays unrendered under * { all: unset !important }');
    }
    if (options.card) {
      // A card shown over the page: still no shift, no text change, no error; only our host added.
      await hoverIsolated(page, options.card);
      const card = await waitFor(() => readCard(page), { message: 'a card' });
      assert(card.title.length > 0, 'card has a title');
      const after = await checkUntouched(page, errors, options);
      assert(after.added.every((name) => name === 'style' || name === 'backstory-card'), `elements added: ${after.added.join(', ')}`);
      await page.keyboard.press('Escape');
    }
    if (path === 'onpage-frames.html') {
      await page.waitForTimeout(800);
      const frames = page.frames().filter((f) => f !== page.mainFrame());
      assertEqual(frames.length, 3, 'three frames');
      assert(frames.some((f) => f.url().includes('localhost')), 'one frame on the other origin');
      for (const frame of frames) {
        const seen = await frame.evaluate(() => ({
          highlights: CSS.highlights.size,
          hosts: document.querySelectorAll('backstory-card').length,
          styles: document.querySelectorAll('style').length,
        }));
        assertEqual(seen.highlights, 0, `highlights in frame ${frame.url()}`);
        assertEqual(seen.hosts, 0, `card hosts in frame ${frame.url()}`);
      }
    }
    await page.close();
  });
}

/** Where the marks of the shadow fixture lie, our stylesheets in its shadow roots, and how its marks look there. */
function readShadowPage(page) {
  return page.evaluate(`(() => {
    const story = window.__storyRoot;
    const quote = story.querySelector('pull-quote').shadowRoot;
    const out = { story: [], quote: [], light: [], closed: 0, hidden: 0, names: [...CSS.highlights.keys()] };
    for (const [, h] of CSS.highlights) for (const r of h) {
      const root = r.startContainer.getRootNode();
      const text = r.startContainer.data.slice(r.startOffset, r.endOffset);
      if (root === story) out.story.push(text);
      else if (root === quote) out.quote.push(text);
      else if (root === window.__closedRoot) out.closed++;
      else if (r.startContainer.parentElement && r.startContainer.parentElement.closest('news-story > span')) out.hidden++;
      else out.light.push(text);
    }
    const rulesOf = (root) => root.adoptedStyleSheets.map((s) => Array.from(s.cssRules, (r) => r.cssText).join(' '));
    out.storySheets = rulesOf(story);
    out.storyOwnFirst = story.adoptedStyleSheets[0] === storySheet;
    out.quoteSheets = rulesOf(quote);
    out.closedSheets = window.__closedRoot.adoptedStyleSheets.length;
    out.documentSheets = document.adoptedStyleSheets.length;
    const lede = story.querySelector('p.lede');
    const quoted = quote.querySelector('blockquote');
    out.look = out.names.map((n) => [getComputedStyle(lede, '::highlight(' + n + ')').textDecorationLine, getComputedStyle(quoted, '::highlight(' + n + ')').textDecorationLine]);
    return out;
  })()`);
}

suite.test('an open shadow DOM article: marked and styled inside its shadow roots, cards on hover, nothing left after pause', async (env) => {
  const { page, errors } = await open(env, 'onpage-shadow.html');
  await waitForMarks(page);
  let seen = await readShadowPage(page);
  assert(seen.story.some((t) => /Araghchi/.test(t)) && seen.story.some((t) => /Witkoff/.test(t)), `marks in the shadow root (${seen.story.join(', ')})`);
  assert(seen.story.some((t) => /3,000/.test(t)), `the figure in the shadow root is marked (${seen.story.join(', ')})`);
  assert(seen.quote.some((t) => /Witkoff/.test(t)), `marks in the nested shadow root (${seen.quote.join(', ')})`);
  assert(seen.light.some((t) => /Muscat/.test(t)), `the slotted byline is marked (${seen.light.join(', ')})`);
  assertEqual(seen.closed, 0, 'marks in the closed shadow root');
  assertEqual(seen.hidden, 0, 'marks on light text assigned to no slot (never rendered)');
  // Our rules reach the shadow trees through one constructed sheet each, beside the component's own; no element.
  assertEqual(seen.storySheets.length, 2, `adopted sheets in the story's root (${seen.storySheets.join(' / ')})`);
  assert(seen.storyOwnFirst, 'the component’s own sheet stays, first');
  const ours = seen.storySheets[1];
  assert(seen.names.length > 0 && seen.names.every((n) => ours.includes(`::highlight(${n})`)), `our sheet names this page's highlights (${ours})`);
  assert(/!important/.test(ours), 'our rules are !important');
  assertEqual(seen.quoteSheets.length, 1, 'our sheet in the nested root (it has marks)');
  assertEqual(seen.closedSheets, 0, 'nothing adopted in the closed root');
  assertEqual(seen.documentSheets, 0, 'nothing adopted by the document');
  assert(seen.look.every(([a, b]) => a === 'underline' && b === 'underline'), `marks look underlined inside the shadow trees (${JSON.stringify(seen.look)})`);
  await checkUntouched(page, errors);
  assertEqual((await page.evaluate('window.__shadowMoved()')).length, 0, 'boxes inside the shadow trees moved');
  // Hover: a mark in the shadow root, then one in the nested root.
  await hoverIsolated(page, 'Araghchi said afterwards');
  const card = await waitFor(() => readCard(page), { message: 'a card for a mark in the shadow root' });
  assertEqual(card.title, 'Abbas Araghchi', 'card title');
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  await waitFor(async () => (await readCard(page)) === null, { message: 'the card to close' });
  await hoverIsolated(page, 'Witkoff told reporters');
  await waitFor(async () => (await readCard(page))?.title === 'Steve Witkoff', { message: 'a card in the nested shadow root' });
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  await checkUntouched(page, errors);
  assertEqual((await page.evaluate('window.__shadowMoved()')).length, 0, 'boxes inside the shadow trees moved after the cards');
  // The component adds a paragraph to its shadow root: marked as the page changes.
  const before = seen.story.length;
  await page.evaluate('window.__addLater()');
  await waitFor(async () => (await readShadowPage(page)).story.length > before, { message: 'marks in the added shadow paragraph' });
  // Paused: marks and our sheets go; the component's own sheet stays. Resumed: back.
  try {
    await fromExtensionPage(env, { type: 'set-settings', patch: { pausedSites: ['127.0.0.1'] } });
    await waitFor(async () => (await countHighlights(page)) === 0, { message: 'marks removed on pause' });
    seen = await readShadowPage(page);
    assertEqual(seen.storySheets.length, 1, 'only the component’s own sheet after pause');
    assert(seen.storyOwnFirst, 'the component’s own sheet is untouched');
    assertEqual(seen.quoteSheets.length, 0, 'no sheet left in the nested root');
  } finally {
    await fromExtensionPage(env, { type: 'set-settings', patch: { pausedSites: [] } });
  }
  await waitForMarks(page);
  seen = await readShadowPage(page);
  assertEqual(seen.storySheets.length, 2, 'our sheet back with the marks');
  assertEqual(errors.length, 0, `errors: ${errors.join(' | ')}`);
  await page.close();
});

suite.test('a 50,000-word page: marks, no layout shift, text unchanged', async (env) => {
  const { page, errors } = await open(env, 'onpage-50k.html');
  await waitForMarks(page);
  assert((await page.evaluate(() => window.__words)) >= 50_000, '50k words');
  // Only marks near the viewport are registered (utils/dom/viewport-window.ts); scrolling moves that window.
  const window_ = () =>
    page.evaluate(() => {
      const height = innerHeight;
      let count = 0;
      let far = 0;
      const tops = [];
      for (const [, highlight] of CSS.highlights) {
        for (const r of highlight) {
          count++;
          const block = r.startContainer.parentElement.closest('p, li, div, td, h1, h2, h3, blockquote') ?? r.startContainer.parentElement;
          const box = block.getBoundingClientRect();
          tops.push(box.top);
          if (box.bottom < -height - 1 || box.top > 2 * height + 1) far++;
        }
      }
      return { count, far, scrollHeight: document.documentElement.scrollHeight, height, minTop: Math.min(...tops) };
    });
  const atTop = await window_();
  assert(atTop.count > 0 && atTop.far === 0, `registered marks all near the viewport (${JSON.stringify(atTop)})`);
  assert(atTop.scrollHeight > 20 * atTop.height, 'a page many viewports long');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  let seen;
  await waitFor(async () => {
    const w = (seen = await window_());
    // Blocks above the viewport are registered now: at the top of the page there were none.
    return w.count > 0 && w.far === 0 && w.minTop < 0 ? w : null;
  }, { message: 'the registered marks to follow the scroll', timeout: 5_000 }).catch((e) => {
    throw new Error(`${e.message}: ${JSON.stringify(seen)} (at the top: ${JSON.stringify(atTop)})`);
  });
  await page.evaluate(() => window.scrollTo(0, 0)); // boxes are compared where they were measured
  await checkUntouched(page, errors);
  await page.close();
});

suite.test('an infinite-scroll page: new paragraphs get marks, nothing is marked twice', async (env) => {
  const { page, errors } = await open(env, 'onpage-infinite.html');
  await waitForMarks(page);
  await page.waitForFunction(() => document.querySelectorAll('[data-page-added]').length >= 6, null, { timeout: 10_000 });
  await page.waitForTimeout(800);
  const marks = await painted(page);
  const added = await page.evaluate(() => {
    const out = [];
    for (const [, h] of CSS.highlights) for (const r of h) if (r.startContainer.parentElement?.closest('[data-page-added]')) out.push(r.startContainer.data.slice(r.startOffset, r.endOffset));
    return out;
  });
  assert(added.length >= 3, `marks in the appended paragraphs (got ${added.join(', ')})`);
  const keys = await page.evaluate(() => {
    const ids = new Map();
    const keys = [];
    for (const [name, h] of CSS.highlights) {
      for (const r of h) {
        if (!ids.has(r.startContainer)) ids.set(r.startContainer, ids.size);
        keys.push(`${name}|${ids.get(r.startContainer)}|${r.startOffset}|${r.endOffset}`);
      }
    }
    return keys;
  });
  assertEqual(new Set(keys).size, keys.length, 'no range painted twice');
  assert(marks.length > 0, 'marks');
  await checkUntouched(page, errors, { textMayGrow: true });
  await page.close();
});

suite.test('a framework-style page that re-renders its text nodes keeps exactly its marks', async (env) => {
  const { page, errors } = await open(env, 'onpage-framework.html');
  await waitForMarks(page);
  const initial = await countHighlights(page);
  const counts = [];
  for (let i = 0; i < 8; i++) {
    await page.waitForTimeout(270);
    counts.push(await countHighlights(page));
  }
  // Re-rendering leaves marks on text that was replaced only until its rescan is painted, in the same step.
  assert(counts.every((n) => n === initial), `marks stay the same while the page re-renders (${initial}: ${counts.join(', ')})`);
  // A card open over a re-rendering paragraph stays open (it follows its mention into the new text).
  const renders = await page.evaluate(() => window.__renders);
  await hoverIsolated(page, 'Witkoff told');
  await waitFor(() => readCard(page), { message: 'a card on the re-rendering page' });
  await page.waitForFunction((n) => window.__renders >= n + 2, renders + 1, { timeout: 5000 });
  assertEqual((await readCard(page))?.title, 'Steve Witkoff', 'the card stays open through two re-renders');
  await page.mouse.move(1190, 890);
  await page.evaluate(() => window.__stop());
  await page.waitForTimeout(600);
  assertEqual(await countHighlights(page), initial, 'marks after the last re-render');
  const stale = await page.evaluate(() => {
    let n = 0;
    for (const [, h] of CSS.highlights) for (const r of h) if (!r.startContainer.isConnected) n++;
    return n;
  });
  assertEqual(stale, 0, 'marks on text nodes that left the document');
  assert((await page.evaluate(() => window.__renders)) >= 3, 'the page re-rendered');
  await checkUntouched(page, errors);
  await page.close();
});

suite.test('a feed opened as XML is not an article: nothing painted, nothing added', async (env) => {
  const { page, errors } = await open(env, 'onpage-feed.xml');
  await page.waitForTimeout(1500);
  const seen = await page.evaluate(() => ({
    highlights: CSS.highlights.size,
    // The XML viewer has a <style> of its own; ours would carry ::highlight() rules.
    ours:
      Array.from(document.getElementsByTagName('style')).filter((st) => st.textContent.includes('::highlight(')).length +
      document.getElementsByTagName('backstory-card').length,
    type: document.contentType,
  }));
  // Chromium shows raw XML through its own viewer (an HTML tree): the content type still says XML.
  assert(/xml/.test(seen.type), `the page is an XML document (${seen.type})`);
  assertEqual(seen.highlights, 0, 'registered highlights');
  assertEqual(seen.ours, 0, 'elements of ours');
  assertEqual(errors.length, 0, `errors: ${errors.join(' | ')}`);
  await page.close();
});

for (const path of ['onpage-quiet-forms.html', 'onpage-quiet-hostile.html', 'no-mentions.html']) {
  suite.test(`${path} (no mentions): no node, no stylesheet, no highlight, no message`, async (env) => {
    const { page, errors } = await open(env, path);
    await page.waitForTimeout(1500);
    if (path === 'no-mentions.html') {
      const seen = await page.evaluate(() => ({ ...window.__seen, sheets: document.styleSheets.length }));
      assertEqual(seen.mutations, 0, 'DOM mutations');
      assertEqual(seen.sheets, seen.sheetsAtStart, 'stylesheets');
    } else {
      const r = await checkUntouched(page, errors);
      assertEqual(r.added.length, 0, `elements added (${r.added.join(', ')})`);
      assertEqual(r.sheetsAfter, r.sheetsBefore, 'stylesheets');
      assertEqual(r.mutations, 0, 'DOM mutations');
    }
    assertEqual(await page.evaluate(() => CSS.highlights.size), 0, 'registered highlights');
    assertEqual(errors.length, 0, `errors: ${errors.join(' | ')}`);
    await page.close();
  });
}

export default suite;
