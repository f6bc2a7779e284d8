// The store zips and the sources zip for add-on reviewers (issue #8):
// - `npm run zip` writes the Chrome zip, the Firefox zip and the sources zip;
// - the sources zip holds what the build needs (lock file, configs, data) and nothing built, installed or private
//   (node_modules, .git, build and test output, demo screenshots);
// - built the way README's "Building from source" says (unzip, `npm ci`, `npm run build:firefox` in a fresh folder),
//   the sources give the Firefox zip's files byte for byte.
// `npm ci --prefer-offline` uses the npm cache when it holds the packages (CI has just run `npm ci`) and the registry
// for anything else. Prints "sources: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import JSZip from 'jszip'; // WXT's own dependency: the library that writes these zips

let passed = 0;
let failed = 0;
async function check(title, fn) {
  const started = Date.now();
  try {
    await fn();
    passed++;
    console.log(`  ✓ ${title} (${Date.now() - started} ms)`);
    return true;
  } catch (error) {
    failed++;
    console.log(`  ✗ ${title}\n      ${String(error?.message ?? error).split('\n').join('\n      ')}`);
    return false;
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// The release build: no test-only keys, whatever the caller's environment says.
const env = { ...process.env };
delete env.BACKSTORY_E2E;

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status ?? r.signal}\n${tail}`);
  }
  return r.stdout;
}

/** Relative paths (with /) of every file under `dir`. */
function files(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, base) : [relative(base, path).split(sep).join('/')];
  });
}

/** Files of a zip (directory entries left out) as path → Buffer. */
async function readZip(path) {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const out = new Map();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) out.set(entry.name, await entry.async('nodebuffer'));
  }
  return out;
}

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const zips = {
  chrome: `.output/${name}-${version}-chrome.zip`,
  firefox: `.output/${name}-${version}-firefox.zip`,
  sources: `.output/${name}-${version}-sources.zip`,
};

console.log('sources zip checks');
const zipped = await check('`npm run zip` writes the Chrome zip, the Firefox zip and the sources zip', () => {
  const started = Date.now();
  sh(npm, ['run', 'zip'], process.cwd());
  const stale = Object.values(zips).filter((p) => !existsSync(p) || statSync(p).mtimeMs < started - 2000);
  if (stale.length) throw new Error(`missing or not rewritten: ${stale.join(', ')}`);
});

let sources;
if (zipped) {
  sources = await readZip(zips.sources);
  await check('the sources zip leaves out dependencies, VCS data, build and test output, and demo screenshots', () => {
    const banned = /^(node_modules|\.git|\.output[^/]*|\.wxt|\.tmp|demo-output|coverage|test)\/|(^|\/)node_modules\/|(^|\/)\.[^/]+$|\.log$/;
    const bad = [...sources.keys()].filter((p) => banned.test(p));
    if (bad.length) throw new Error(`${bad.length} unwanted entries, e.g.\n${bad.slice(0, 15).join('\n')}`);
  });
  await check('the sources zip holds the lock file, the configs, the bundled pack and the UI strings', () => {
    const needed = ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md', 'data/us-iran-talks.pack.json'];
    for (const lang of ['en', 'fa', 'ar']) needed.push(`components/ui/locales/${lang}.json`);
    const missing = needed.filter((p) => !sources.has(p));
    if (![...sources.keys()].some((p) => p.startsWith('entrypoints/'))) missing.push('entrypoints/…');
    if (missing.length) throw new Error(`missing: ${missing.join(', ')}`);
    if (!sources.get('package-lock.json').equals(readFileSync('package-lock.json'))) {
      throw new Error('package-lock.json in the zip differs from the working tree');
    }
  });
}

if (zipped) {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-sources-'));
  try {
    let rebuilt = false;
    await check('a fresh folder with the unzipped sources installs (npm ci) and builds for Firefox', () => {
      for (const [path, content] of sources) {
        if (path.startsWith('/') || path.split('/').includes('..')) throw new Error(`entry outside the folder: ${path}`);
        const target = join(dir, ...path.split('/'));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
      sh(npm, ['ci', '--prefer-offline', '--no-audit', '--no-fund'], dir);
      sh(npm, ['run', 'build:firefox'], dir);
      rebuilt = existsSync(join(dir, '.output/firefox-mv3/manifest.json'));
      if (!rebuilt) throw new Error('no .output/firefox-mv3/manifest.json after the build');
    });
    if (rebuilt) {
      await check('the Firefox build from the sources zip has the same files as the Firefox zip, byte for byte', async () => {
        const shipped = await readZip(zips.firefox);
        const out = join(dir, '.output/firefox-mv3');
        const built = new Map(files(out).map((p) => [p, readFileSync(join(out, ...p.split('/')))]));
        const problems = [];
        for (const [path, content] of shipped) {
          if (!built.has(path)) problems.push(`only in the Firefox zip: ${path}`);
          else if (!content.equals(built.get(path))) problems.push(`differs: ${path}`);
        }
        for (const path of built.keys()) if (!shipped.has(path)) problems.push(`only in the rebuild: ${path}`);
        if (problems.length) throw new Error(`${problems.length} of ${shipped.size} files:\n${problems.join('\n')}`);
        if (shipped.size === 0) throw new Error('the Firefox zip is empty');
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`sources: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
