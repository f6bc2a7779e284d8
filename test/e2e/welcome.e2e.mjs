// The first-run page of the release build: opened on install, says what Backstory does and never does, and asks
// for exactly the suggested sources' origins behind one button.
import { createSuite, assert, assertEqual } from './harness.mjs';
import { waitFor } from '../../scripts/lib/browser.mjs';

const suite = createSuite('welcome');

async function openPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

suite.test('installing opens the welcome page', async ({ context }) => {
  const welcome = await waitFor(() => context.pages().find((p) => p.url().endsWith('/welcome.html')), {
    message: 'a welcome tab after install',
  });
  await welcome.locator('[data-testid="welcome-accept"]').waitFor({ timeout: 10_000 });
  assertEqual(await welcome.title(), 'Welcome to Backstory', 'title');
});

suite.test('the welcome page offers the suggested sources behind one button and asks for exactly their origins', async ({ context, extensionUrl }) => {
  const { page, errors } = await openPage(context, extensionUrl('welcome.html'));
  await page.locator('[data-testid="welcome-suggestion"]').first().waitFor({ timeout: 10_000 });
  const text = await page.locator('[data-testid="welcome-never"]').textContent();
  assert(/leaves your browser/i.test(text) && /before you agree/i.test(text), 'says what it never does');
  assertEqual(await page.locator('[data-testid="welcome-accept"]').count(), 1, 'one button');
  await page.click('[data-testid="welcome-accept"]');
  const status = await waitFor(
    async () => (await page.locator('[data-testid="welcome-status"]').textContent()) || null,
    { message: 'the outcome of the button' },
  );
  // Automation cannot answer the browser's prompt: the page says what it asked for, and nothing is added.
  assert(/permission to read/i.test(status) && status.includes('backstory-news.github.io') && status.includes('feeds.bbci.co.uk'), `the request explained (${status})`);
  assertEqual(errors.length, 0, `page errors: ${errors.join(' | ')}`);
  await page.close();
});

suite.test('the welcome page links the options, and the options page links back', async ({ context, extensionUrl }) => {
  const { page } = await openPage(context, extensionUrl('welcome.html'));
  await page.click('[data-testid="welcome-options"]');
  await page.waitForURL(/options\.html$/);
  await page.locator('[data-testid="welcome-link"]').waitFor({ timeout: 10_000 });
  await page.click('[data-testid="welcome-link"]');
  await page.waitForURL(/welcome\.html$/);
  await page.close();
});

export default suite;
