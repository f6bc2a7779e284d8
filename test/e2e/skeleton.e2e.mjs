// The walking skeleton as a reader meets it: marks on the demo article, cards on hover, popup and options pages.
import { readFileSync } from 'node:fs';
import { createSuite, assert, assertEqual } from './harness.mjs';
import { countHighlights, hoverText, openActionPopup, readCard, waitFor } from '../../scripts/lib/browser.mjs';

const pack = JSON.parse(readFileSync(new URL('../../data/us-iran-talks.pack.json', import.meta.url), 'utf8'));
const suite = createSuite('walking skeleton');

async function openDemo({ context, server }) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/demo-article.html`);
  await waitFor(async () => (await countHighlights(page)) > 0, { message: 'marks on the demo article' });
  return { page, errors };
}

/** The mentions painted on the page, as the text they cover and whether they sit inside a form control. */
async function paintedTexts(page) {
  return page.evaluate(() => {
    const out = [];
    for (const [name, highlight] of CSS.highlights) {
      for (const r of highlight) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        const el = r.startContainer.parentElement;
        out.push({ name, text: range.toString(), inField: Boolean(el?.closest('textarea, input, [contenteditable]')) });
      }
    }
    return out;
  });
}

suite.test('marks the people, the talks and the figure on the demo article', async (env) => {
  const { page, errors } = await openDemo(env);
  const painted = await paintedTexts(page);
  const texts = painted.map((p) => p.text);
  for (const expected of ['Araghchi', 'Steve Witkoff', 'Badr al-Busaidi', 'Jared Kushner', 'Donald Trump']) {
    assert(texts.some((t) => t.includes(expected)), `a mark covering "${expected}" (got ${JSON.stringify(texts)})`);
  }
  assert(texts.some((t) => /talks/i.test(t)), 'a mark on a mention of the talks');
  assert(texts.some((t) => t.includes('3,000')), 'a mark on the disputed figure');
  assert(painted.every((p) => /^bs-[a-z0-9]+$/.test(p.name)), 'highlight names are random bs- names');
  assertEqual(errors.length, 0, 'no page errors');
  await page.close();
});

suite.test('nothing is marked inside the comment textarea', async (env) => {
  const { page } = await openDemo(env);
  const painted = await paintedTexts(page);
  assertEqual(painted.filter((p) => p.inField).length, 0, 'marks inside form fields');
  const value = await page.inputValue('#comment');
  assert(value.includes('Araghchi'), 'the textarea still holds its text unchanged');
  await page.close();
});

suite.test('hovering "Araghchi" shows a card naming his role', async (env) => {
  const { page } = await openDemo(env);
  await hoverText(page, 'Araghchi told');
  const card = await waitFor(() => readCard(page), { message: 'the card' });
  const entity = pack.entities.find((e) => e.id === 'abbas-araghchi');
  assertEqual(card.title, entity.name, 'card title');
  assertEqual(card.role, 'dialog', 'card role');
  assertEqual(card.shadowMode, 'closed', 'shadow root mode');
  const roleTitles = entity.roles.map((r) => r.title);
  const shownRole = card.testids.role?.[0] ?? '';
  assert(roleTitles.some((t) => shownRole.includes(t)), `role shown (${shownRole}) is one of ${roleTitles.join(' | ')}`);
  for (const link of card.links) {
    assert(/^(https?:|mailto:)/.test(link.href), `link ${link.href} is http(s)`);
    if (link.href.startsWith('http')) assert(link.rel.includes('noopener') && link.rel.includes('noreferrer'), 'rel');
  }
  await page.close();
});

suite.test('hovering the figure shows every claim with its claimant', async (env) => {
  const { page } = await openDemo(env);
  await hoverText(page, '3,000');
  const card = await waitFor(() => readCard(page), { message: 'the figure card' });
  const figure = pack.figures.find((f) => f.id === 'protest-death-toll');
  assertEqual(card.title, figure.label, 'figure card title');
  const claimants = card.testids.claimant ?? [];
  assertEqual(claimants.length, figure.claims.length, 'one row per claim');
  for (const claim of figure.claims) assert(claimants.includes(claim.claimant), `claimant "${claim.claimant}" shown`);
  assert((card.testids['matched-claim'] ?? []).length === 1, 'exactly one claim is pointed out as matching');
  await page.close();
});

suite.test('the popup shows the latest round of the bundled pack', async ({ context, extensionUrl }) => {
  // The latest round held (or, before any was held, the newest): what the popup shows in full.
  const rounds = pack.rounds.filter((r) => r.type === 'round').sort((a, b) => a.dateStart.localeCompare(b.dateStart));
  const latest = rounds.filter((r) => r.status === 'held').pop() ?? rounds[rounds.length - 1];
  const page = await context.newPage();
  await page.goto(extensionUrl('popup.html'));
  const title = await page.locator('[data-testid="latest-round-title"]').textContent({ timeout: 10_000 });
  assertEqual(title, latest.label, 'latest round title');
  const details = await page.locator('[data-testid="round-details"]').textContent();
  assert(details.includes(latest.venue), `venue ${latest.venue} shown`);
  await page.close();
});

suite.test('the toolbar popup over the article counts its mentions', async (env) => {
  const { page } = await openDemo(env);
  const painted = await paintedTexts(page);
  const mentions = new Set(painted.map((p) => p.text)).size > 0;
  assert(mentions, 'the article has marks');
  const popup = await openActionPopup(env, page);
  const total = await waitFor(
    () => popup.evaluate(`document.querySelector('[data-testid="mention-total"]')?.textContent ?? null`),
    { message: 'the mention count in the popup' },
  );
  // Each mention is painted as one range per text node it covers; the demo has no mention split across nodes
  // except "Abbas Araghchi", so the count is the number of ranges minus one.
  assertEqual(Number(total), painted.length - 1, 'mentions counted in the popup');
  // The toolbar popup sizes itself to its content: it must not collapse to a sliver.
  const width = await popup.evaluate('window.innerWidth');
  assert(width >= 340, `popup width ${width}px`);
  await popup.close();
  await page.close();
});

suite.test('the options page lists the bundled pack with its version', async ({ context, extensionUrl }) => {
  const page = await context.newPage();
  await page.goto(extensionUrl('options.html'));
  const first = page.locator('[data-testid="source"]').first();
  assertEqual(await first.locator('[data-testid="source-title"]').textContent({ timeout: 10_000 }), pack.title, 'first source');
  assert((await first.locator('[data-testid="source-version"]').textContent()).includes(pack.version), 'version');
  assert((await first.locator('[data-testid="source-updated"]').count()) === 1, 'last-updated time shown');
  await page.close();
});

suite.test('a page without mentions gets no DOM change, no message and no stylesheet', async ({ context, server }) => {
  const page = await context.newPage();
  await page.goto(`${server.url}/no-mentions.html`);
  await page.waitForTimeout(1500);
  const seen = await page.evaluate(() => ({
    ...window.__seen,
    sheets: document.styleSheets.length,
    highlights: CSS.highlights.size,
    hosts: document.querySelectorAll('backstory-card').length,
  }));
  assertEqual(seen.mutations, 0, 'DOM mutations');
  assertEqual(seen.messages.length, 0, `window messages (${seen.messages.join(', ')})`);
  assertEqual(seen.sheets, seen.sheetsAtStart, 'stylesheets');
  assertEqual(seen.highlights, 0, 'registered highlights');
  assertEqual(seen.hosts, 0, 'card hosts');
  await page.close();
});

export default suite;
