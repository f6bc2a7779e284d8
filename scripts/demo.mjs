// `npm run demo`: builds Backstory, serves the bundled demo article on 127.0.0.1 and opens it in Chromium with the
// extension loaded. Headless (no DISPLAY, or --headless): hovers a name and the figure, opens the popup and the
// options page, writes screenshots to demo-output/ and prints what it found. With a display: leaves the browser open.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { countHighlights, hoverText, launchWithExtension, openActionPopup, readCard, waitFor } from './lib/browser.mjs';
import { serve } from './lib/serve.mjs';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const out = 'demo-output';

console.log('Building the extension…');
const build = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await serve('test/fixtures/pages');
const browser = await launchWithExtension({ headless });
const articleUrl = `${server.url}/demo-article.html`;
const page = await browser.context.newPage();
await page.goto(articleUrl);
const marks = await waitFor(() => countHighlights(page), { timeout: 15_000, message: 'marks on the demo article' });
console.log(`\nDemo article: ${articleUrl}`);
console.log(`Marked ranges on the page: ${marks}`);

if (!headless) {
  console.log('\nThe browser stays open on the article: hover an underlined name or number. Close the window to end.');
  await new Promise((resolve) => browser.context.on('close', resolve));
  await server.close();
  process.exit(0);
}

mkdirSync(out, { recursive: true });
const shots = [];
async function cardFor(text, file) {
  await page.mouse.move(5, 5);
  await page.waitForTimeout(500);
  await hoverText(page, text);
  const card = await waitFor(() => readCard(page), { message: `a card for "${text}"` });
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${out}/${file}` });
  shots.push(`${out}/${file}`);
  return card;
}

const person = await cardFor('Araghchi told', 'card-person.png');
console.log(`\nHovered "Araghchi": card "${person.title}" — ${person.testids.role?.[0] ?? '(no role)'}`);
const figure = await cardFor('3,000', 'card-figure.png');
console.log(`Hovered "3,000": card "${figure.title}" with ${figure.testids.claim?.length ?? 0} claims:`);
for (const claimant of figure.testids.claimant ?? []) console.log(`  - ${claimant}`);
console.log(`  matching this article: ${figure.testids['matched-claim']?.length ? 'pointed out' : 'none'}`);

// The real toolbar popup, opened over the article so it counts the article's mentions.
await page.mouse.move(5, 5);
const popup = await openActionPopup(browser, page);
const latest = await waitFor(
  () => popup.evaluate(`document.querySelector('[data-testid="latest-round-title"]')?.textContent ?? null`),
  { message: 'the popup' },
);
const count = await waitFor(
  () => popup.evaluate(`document.querySelector('[data-testid="mention-total"]')?.textContent ?? null`),
  { message: 'the mention count in the popup' },
);
await new Promise((r) => setTimeout(r, 300));
await popup.screenshot(`${out}/popup.png`);
shots.push(`${out}/popup.png`);
await popup.close();
console.log(`\nPopup over the article: latest round "${latest}", ${count} mentions on the page`);

const options = await browser.context.newPage();
await options.setViewportSize({ width: 900, height: 600 });
await options.goto(browser.extensionUrl('options.html'));
const sources = await options.locator('[data-testid="source-title"]').allTextContents();
await options.waitForTimeout(200);
await options.screenshot({ path: `${out}/options.png`, fullPage: true });
shots.push(`${out}/options.png`);
console.log(`Options: sources ${sources.map((s) => `"${s}"`).join(', ')}`);

console.log(`\nScreenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`);
await browser.close();
await server.close();
