// Checks over the built extensions (run after the release and test builds):
// - the release manifests hold no host permissions and no web-accessible resources;
// - the test builds differ from the release builds only by the test-only keys listed in wxt.config.ts, and the UIs'
//   test clock is in the test builds only;
// - no remote code: no eval, new Function or dynamic import() of anything but our own bundles in the shipped files.
// Prints "build: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
function check(title, fn) {
  try {
    fn();
    passed++;
    console.log(`  ✓ ${title}`);
  } catch (error) {
    failed++;
    console.log(`  ✗ ${title}\n      ${error.message}`);
  }
}
const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const TEST_ONLY_KEYS = { chrome: ['host_permissions'], firefox: ['host_permissions', 'web_accessible_resources'] };
/** The storage key of the e2e build's clock offset (utils/clock/clock.ts; `BACKSTORY_E2E` in wxt.config.ts). */
const TEST_CLOCK_KEY = 'backstory-e2e-clock-offset-ms';

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

console.log('build checks');
for (const [browser, dir] of [['chrome', 'chrome-mv3'], ['firefox', 'firefox-mv3']]) {
  const release = read(`.output/${dir}/manifest.json`);
  const test = read(`.output-e2e/${dir}/manifest.json`);
  check(`${browser}: the release manifest asks for no host permissions and exposes no resource`, () => {
    for (const key of ['host_permissions', 'web_accessible_resources']) {
      if (key in release) throw new Error(`release manifest has ${key}: ${JSON.stringify(release[key])}`);
    }
    const scripts = JSON.stringify(release.content_scripts ?? []);
    if (scripts.includes('css')) throw new Error('content scripts inject a CSS file into every page');
  });
  check(`${browser}: the test build differs only by ${TEST_ONLY_KEYS[browser].join(', ')}`, () => {
    const keys = new Set([...Object.keys(release), ...Object.keys(test)]);
    const differing = [...keys].filter((k) => JSON.stringify(release[k]) !== JSON.stringify(test[k])).sort();
    const expected = [...TEST_ONLY_KEYS[browser]].sort();
    if (JSON.stringify(differing) !== JSON.stringify(expected)) throw new Error(`differing keys: ${differing.join(', ')}`);
  });
  check(`${browser}: the UIs' test clock (utils/clock/clock.ts) is compiled into the test build only`, () => {
    const holding = (root) => files(root).filter((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes(TEST_CLOCK_KEY));
    const shipped = holding(`.output/${dir}`);
    if (shipped.length) throw new Error(`the release build reads the test clock: ${shipped.join(', ')}`);
    if (holding(`.output-e2e/${dir}`).length === 0) throw new Error('the test build has no test clock: the check looks for the wrong key');
  });
  check(`${browser}: no eval, new Function or dynamic import of remote code in the release files`, () => {
    const offenders = [];
    for (const file of files(`.output/${dir}`).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      if (/\beval\s*\(/.test(code)) offenders.push(`${file}: eval(`);
      if (/\bnew\s+Function\s*\(/.test(code)) offenders.push(`${file}: new Function(`);
      for (const m of code.matchAll(/\bimport\s*\(\s*([^)]{0,80})\)/g)) {
        if (!/^["'`](\.{0,2}\/|chunks\/)/.test(m[1].trim())) offenders.push(`${file}: import(${m[1]})`);
      }
    }
    if (offenders.length) throw new Error(offenders.join('\n      '));
  });
}
check('both builds ship the UI message tables of components/ui/locales as _locales, English by default', () => {
  for (const dir of ['chrome-mv3', 'firefox-mv3']) {
    if (read(`.output/${dir}/manifest.json`).default_locale !== 'en') throw new Error(`${dir}: default_locale is not en`);
    for (const lang of ['en', 'fa', 'ar']) {
      const shipped = readFileSync(`.output/${dir}/_locales/${lang}/messages.json`, 'utf8');
      if (shipped !== readFileSync(`components/ui/locales/${lang}.json`, 'utf8')) throw new Error(`${dir}: ${lang} differs`);
    }
  }
});

check('firefox: web-ext lint finds no error and no warning caused by our code', () => {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const r = spawnSync(npx, ['web-ext', 'lint', '-s', '.output/firefox-mv3', '--output', 'json'], { encoding: 'utf8' });
  const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
  if (report.errors.length) throw new Error(report.errors.map((e) => `${e.code}: ${e.message}`).join('; '));
  for (const w of report.warnings) {
    // The only accepted warning: Preact's renderer assigning `innerHTML = props.dangerouslySetInnerHTML.__html`,
    // a prop our lint rule forbids, so that line can never run with our components.
    if (w.code !== 'UNSAFE_VAR_ASSIGNMENT') throw new Error(`${w.code} in ${w.file}: ${w.message}`);
    const code = readFileSync(join('.output/firefox-mv3', w.file), 'utf8');
    const assignments = [...code.matchAll(/innerHTML\s*=\s*([^,;)]+)/g)].map((m) => m[1]);
    const foreign = assignments.filter((rhs) => !/\.__html$/.test(rhs.trim()));
    if (assignments.length === 0 || foreign.length) throw new Error(`innerHTML assignment in ${w.file}: ${foreign.join(' | ')}`);
  }
});
console.log(`build: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
