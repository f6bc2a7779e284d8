// `npm run bench`: every benchmark, each printing its goals with measured figures and PASS/FAIL against baselines
// measured in the same run. Needs the release build for the browser parts (built here first).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const benches = [
  ['Knowledge base (import, card lookup)', [npx, 'tsx', 'test/bench/kb-import.bench.ts']],
  ['Mention engine (index build, matching vs floor)', [npx, 'tsx', 'test/bench/matcher.bench.ts']],
  ['Scan in the browser (vs TreeWalker floor and mark.js; first marks cold/warm)', [npx, 'tsx', 'test/bench/scan-browser.bench.ts']],
  ['On the page (long tasks, incremental batches, page mutations)', [process.execPath, 'test/bench/onpage.bench.mjs']],
];

console.log('Building the release extension…');
if (spawnSync(npx, ['wxt', 'build'], { stdio: 'ignore' }).status !== 0) {
  console.error('Build failed');
  process.exit(1);
}

const summary = [];
for (const [title, [cmd, ...args]] of benches) {
  const file = args.at(-1);
  console.log(`\n== ${title} ==`);
  if (!existsSync(file)) {
    console.log(`(missing: ${file})`);
    summary.push(`MISSING ${title}`);
    continue;
  }
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  const lines = (r.stdout ?? '').split('\n');
  const fails = lines.filter((l) => /\bFAIL\b/.test(l)).length;
  const passes = lines.filter((l) => /\bPASS\b/.test(l)).length;
  summary.push(`${r.status === 0 && fails === 0 ? 'ok  ' : 'FAIL'} ${title}: ${passes} goals met, ${fails} missed`);
}
console.log(`\n== Summary ==\n${summary.join('\n')}`);
