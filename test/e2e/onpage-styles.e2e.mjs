// The look of marks where the background injects the ::highlight() rules as user styles (scripting.insertCSS needs
// host access: the test build has it for 127.0.0.1, like a site the reader granted). Each change of the reader's
// appearance settings must replace the injected rules, not add to them: the page is checked from the outside (CDP's
// matched rules for a paragraph, every origin included) and from inside (getComputedStyle of ::highlight(name)).
import { createSuite, assert, assertEqual } from './harness.mjs';
import { countHighlights, waitFor } from '../../scripts/lib/browser.mjs';
import { fromExtensionPage } from '../../scripts/lib/page-metrics.mjs';

const suite = createSuite('on the page: injected styles', { build: 'e2e' });

const DEFAULTS = { underline: 'default', tint: false, theme: 'auto' };
/** One rule per mark group (names, talks, figures); the dark variants of `auto` match only under a dark system. */
const GROUPS = 3;
const LIGHT_ENTITY = 'rgba(37, 99, 235, 0.85)';
const DARK_ENTITY = 'rgba(147, 197, 253, 0.9)';

async function openArticle({ context, server }) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${server.url}/onpage-article.html`);
  await waitFor(async () => (await countHighlights(page)) > 0, { message: 'marks on the article' });
  return { page, errors };
}

const namesOf = (page) => page.evaluate(`[...CSS.highlights.keys()].sort()`);

/** Every ::highlight() rule that matches the first paragraph, whatever its origin (CDP sees the injected ones too). */
async function highlightRules(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', {});
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'article p' });
    const matched = await cdp.send('CSS.getMatchedStylesForNode', { nodeId });
    return (matched.pseudoElements ?? [])
      .filter((p) => p.pseudoType === 'highlight')
      .flatMap((p) => p.matches.map((m) => m.rule.selectorList.text));
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** The underline the page's own getComputedStyle reports for `::highlight(name)` on the first paragraph. */
function looks(page, names) {
  return page.evaluate(`(() => {
    const p = document.querySelector('article p');
    const out = {};
    for (const name of ${JSON.stringify(names)}) {
      const s = getComputedStyle(p, '::highlight(' + name + ')');
      out[name] = { line: s.textDecorationLine, style: s.textDecorationStyle, color: s.textDecorationColor, background: s.backgroundColor };
    }
    return out;
  })()`);
}

/**
 * Stops the extension's service worker (CDP), as the browser does when it is idle; it starts again at once, with
 * nothing in memory (a global set before is gone).
 */
async function stopServiceWorker(env) {
  await env.worker.evaluate('globalThis.__beforeStop = true');
  // From a page of the worker's own origin: the ServiceWorker domain sees that origin's workers.
  const page = await env.context.newPage();
  await page.goto(env.extensionUrl('options.html'));
  const cdp = await env.context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitFor(async () => (await env.worker.evaluate('globalThis.__beforeStop').catch(() => true)) === undefined, {
      message: 'a new service worker',
      timeout: 10_000,
    });
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
}

async function changeLook(env, page, patch, before) {
  await fromExtensionPage(env, { type: 'set-settings', patch });
  // A new look comes with new names (the injected rules cannot be edited), painted once the new rules are in.
  return waitFor(async () => {
    const names = await namesOf(page);
    return names.length > 0 && names.every((n) => !before.includes(n)) ? names : null;
  }, { message: `new highlight names after ${JSON.stringify(patch)}` });
}

suite.test('changing underline, tint and theme replaces the injected rules: one set applies, in the reader’s theme', async (env) => {
  const { page, errors } = await openArticle(env);
  try {
    const ownStyles = await page.evaluate(`document.querySelectorAll('style').length`);
    const first = await namesOf(page);
    const initialRules = await highlightRules(page);
    assertEqual(initialRules.length, GROUPS, `matched ::highlight rules at first (${initialRules.join(', ')})`);
    assert(first.every((n) => initialRules.includes(`::highlight(${n})`)), 'a rule for every registered name');

    // Underline: dashed.
    const dashed = await changeLook(env, page, { underline: 'dashed' }, first);
    let rules = await highlightRules(page);
    assertEqual(rules.length, GROUPS, `matched ::highlight rules after the underline change (${rules.join(', ')})`);
    assert(dashed.every((n) => rules.includes(`::highlight(${n})`)), `the new names' rules match (${rules.join(', ')})`);
    assert(!first.some((n) => rules.includes(`::highlight(${n})`)), `no rule of the old names matches (${rules.join(', ')})`);
    const old = await looks(page, first);
    for (const name of first) assertEqual(old[name].line, 'none', `the rule for the replaced name ${name} is gone`);
    const now = await looks(page, dashed);
    for (const name of dashed) assertEqual(now[name].style, 'dashed', `dashed underline for ${name}`);

    // Theme: dark, while the system (emulated) is light. Tint on.
    const dark = await changeLook(env, page, { theme: 'dark', tint: true }, [...first, ...dashed]);
    rules = await highlightRules(page);
    assertEqual(rules.length, GROUPS, `matched ::highlight rules after the theme change (${rules.join(', ')})`);
    const darkLooks = await looks(page, [...first, ...dashed, ...dark]);
    for (const name of [...first, ...dashed]) assertEqual(darkLooks[name].line, 'none', `no rule left for ${name}`);
    const colors = dark.map((n) => darkLooks[n].color);
    assert(colors.includes(DARK_ENTITY), `dark theme colours under a light system (${colors.join(', ')})`);
    assert(!colors.includes(LIGHT_ENTITY), `no light colour in the dark theme (${colors.join(', ')})`);
    assert(dark.every((n) => darkLooks[n].background !== 'rgba(0, 0, 0, 0)'), 'the tint applies');

    // Theme: light, while the system is dark.
    await page.emulateMedia({ colorScheme: 'dark' });
    const light = await changeLook(env, page, { theme: 'light', tint: false }, [...first, ...dashed, ...dark]);
    const lightLooks = await looks(page, light);
    assert(light.some((n) => lightLooks[n].color === LIGHT_ENTITY), `light theme colours under a dark system (${light.map((n) => lightLooks[n].color).join(', ')})`);
    assertEqual((await highlightRules(page)).length, GROUPS, 'one set of rules after three changes');

    // Still the injection path: nothing of ours in the page's DOM.
    assertEqual(await page.evaluate(`document.querySelectorAll('style').length`), ownStyles, '<style> elements');
    assertEqual(errors.length, 0, `page errors: ${errors.join(' | ')}`);
  } finally {
    await fromExtensionPage(env, { type: 'set-settings', patch: DEFAULTS });
  }
  await page.close();
});

suite.test('the injected rules are replaced for the page that asks, and a reload starts clean', async (env) => {
  const { page } = await openArticle(env);
  const second = await openArticle(env);
  try {
    const before = { a: await namesOf(page), b: await namesOf(second.page) };
    await fromExtensionPage(env, { type: 'set-settings', patch: { underline: 'wavy' } });
    const after = {};
    for (const [key, p] of [['a', page], ['b', second.page]]) {
      after[key] = await waitFor(async () => {
        const names = await namesOf(p);
        return names.length > 0 && names.every((n) => !before[key].includes(n)) ? names : null;
      }, { message: `new names in tab ${key}` });
      assertEqual((await highlightRules(p)).length, GROUPS, `one set of rules in tab ${key}`);
    }
    // The service worker stops (as it does after 30 s idle); the next change still removes what the last one put in.
    await stopServiceWorker(env);
    const beforeStop = await namesOf(page);
    const dotted = await changeLook(env, page, { underline: 'dotted' }, beforeStop);
    assertEqual((await highlightRules(page)).length, GROUPS, 'one set of rules after a worker restart');
    assert(Object.values(await looks(page, dotted)).every((l) => l.style === 'dotted'), 'dotted after the restart');
    await page.reload();
    await waitFor(async () => (await countHighlights(page)) > 0, { message: 'marks after reload' });
    const reloaded = await namesOf(page);
    assertEqual((await highlightRules(page)).length, GROUPS, 'one set of rules after a reload');
    const look = await looks(page, reloaded);
    assert(reloaded.every((n) => look[n].style === 'dotted'), 'the reader’s underline after a reload');
  } finally {
    await fromExtensionPage(env, { type: 'set-settings', patch: DEFAULTS });
  }
  await second.page.close();
  await page.close();
});

export default suite;
