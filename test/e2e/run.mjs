// End-to-end tests: the release build of the extension in Debian's Chromium, driven as a reader would.
// Usage: node test/e2e/run.mjs  (expects .output/chrome-mv3 built; prints "N passed, N failed" last).
import { launchWithExtension } from '../../scripts/lib/browser.mjs';
import { serve } from '../../scripts/lib/serve.mjs';
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];

const files = (await readdir(here)).filter((f) => f.endsWith('.e2e.mjs') && (!only || f.includes(only))).sort();
let passed = 0;
let failed = 0;
for (const file of files) {
  const suite = (await import(pathToFileURL(join(here, file)).href)).default;
  const server = await serve(join(here, '..', 'fixtures', 'pages'));
  let browser;
  try {
    const extensionDir = suite.build === 'e2e' ? '.output-e2e/chrome-mv3' : '.output/chrome-mv3';
    browser = await launchWithExtension({ extensionDir: process.env.BACKSTORY_EXTENSION_DIR ?? extensionDir });
    console.log(`${suite.name} (${file}, ${suite.build} build)`);
    const results = await suite.run({ ...browser, server });
    for (const r of results) {
      if (r.ok) passed++;
      else failed++;
    }
  } catch (error) {
    failed++;
    console.log(`  ✗ ${file}: could not run: ${error?.stack ?? error}`);
  } finally {
    await browser?.close().catch(() => {});
    await server.close();
  }
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
