// `npm test`: unit tests (Vitest), then the release build, then end-to-end tests in Chromium.
// Ends with one plain line "N passed, N failed" over everything; exit code 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env }, encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  return { status: r.status ?? 1, stdout: r.stdout ?? '' };
}

// 1. Unit tests.
mkdirSync('.tmp', { recursive: true });
rmSync('.tmp/vitest.json', { force: true });
const unit = run(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=.tmp/vitest.json']);
if (existsSync('.tmp/vitest.json')) {
  const report = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  if (unit.status !== 0 && report.numFailedTests === 0) failed += 1; // a suite that failed to load
} else {
  failed += 1;
}

// 2. The release build, which the end-to-end tests load.
const build = run(npx, ['wxt', 'build']);
if (build.status !== 0) {
  failed += 1;
  console.log('The extension did not build; end-to-end tests skipped and counted as one failure.');
} else {
  // 3. End-to-end tests.
  const e2e = run(process.execPath, ['test/e2e/run.mjs']);
  const m = /e2e: (\d+) passed, (\d+) failed/.exec(e2e.stdout);
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  } else {
    failed += 1;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
