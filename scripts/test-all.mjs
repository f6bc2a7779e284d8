// `npm test`: unit tests (Vitest); the release and test builds for Chromium and Firefox; checks over the builds;
// end-to-end tests in Chromium (playwright-core) and in Firefox ESR (puppeteer-core over WebDriver BiDi).
// Ends with one plain line "N passed, N failed" over everything; exit code 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;

function run(cmd, args, env = {}) {
  console.log(`\n$ ${Object.entries(env).map(([k, v]) => `${k}=${v} `).join('')}${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env }, encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  return { status: r.status ?? 1, stdout: r.stdout ?? '' };
}

/** Adds the counts from a runner's "<label>: N passed, N failed" line; a run without one counts as one failure. */
function count(label, result) {
  const m = new RegExp(`${label}: (\\d+) passed, (\\d+) failed`).exec(result.stdout);
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  } else {
    failed += 1;
  }
  if (result.status !== 0 && (!m || Number(m[2]) === 0)) failed += 1;
}

// 1. Unit tests.
mkdirSync('.tmp', { recursive: true });
rmSync('.tmp/vitest.json', { force: true });
const unit = run(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=.tmp/vitest.json']);
if (existsSync('.tmp/vitest.json')) {
  const report = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (unit.status !== 0 && report.numFailedTests === 0) failed += 1; // a suite that failed to load
} else {
  failed += 1;
}

// 2. Builds: release (what ships) and test builds (.output-e2e; the differences are checked below).
const builds = [
  [['wxt', 'build'], {}],
  [['wxt', 'build', '-b', 'firefox', '--mv3'], {}],
  [['wxt', 'build'], { BACKSTORY_E2E: '1' }],
  [['wxt', 'build', '-b', 'firefox', '--mv3'], { BACKSTORY_E2E: '1' }],
];
let built = true;
for (const [args, env] of builds) {
  if (run(npx, args, env).status !== 0) built = false;
}
if (!built) {
  failed += 1;
  console.log('A build failed; browser tests skipped and counted as one failure.');
} else {
  // 3. Checks over the built files.
  count('build', run(process.execPath, ['test/build/check-build.mjs']));
  // The store zips, and the Firefox add-on rebuilt from the sources zip in a fresh folder (npm ci, ~1 min).
  count('sources', run(process.execPath, ['test/build/check-sources-zip.mjs']));
  // 4. End-to-end tests in Chromium.
  count('e2e', run(process.execPath, ['test/e2e/run.mjs']));
  // 5. Core end-to-end checks in Firefox.
  count('firefox', run(process.execPath, ['test/e2e-firefox/run.mjs']));
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
