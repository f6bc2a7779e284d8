import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { parseArgs, readArticle, scanFile, UsageError, wantsHelp } from '../../../scripts/scan';

const HTML = `<!doctype html><html><head>
<meta property="article:published_time" content="2026-02-18T09:00:00Z"><title>Geneva</title></head>
<body><nav>Trump Tower deals</nav><article><h1>Second round in Geneva</h1>
<p>Iran's foreign minister <b>Abbas</b> <i>Araghchi</i> said the second round in Geneva with Steve Witkoff was more serious than the first one.</p>
<p>Badr al-Busaidi, the Omani mediator, said the nuclear talks had made good progress towards identifying common goals for both delegations.</p>
<script>var hidden = "Witkoff";</script></article></body></html>`;

describe('scan CLI', () => {
  it('parses its arguments', () => {
    expect(parseArgs(['a.txt', '--date', '2026-02-18', '--pack', 'p.json'])).toEqual({ file: 'a.txt', packs: ['p.json'], date: '2026-02-18' });
    expect(parseArgs(['a.txt']).packs[0]).toMatch(/data\/us-iran-talks\.pack\.json$/);
    expect(() => parseArgs(['a.txt', '--date', '18/02/2026'])).toThrow(/YYYY-MM-DD/);
    expect(() => parseArgs([])).toThrow(/Usage/);
  });

  it('reads HTML through the content script collector and date reader', async () => {
    const { text, date } = await readArticle('a.html', HTML);
    expect(date).toBe('2026-02-18');
    expect(text).toContain('Abbas Araghchi said');
    expect(text).not.toContain('hidden');
  });

  it('scans a text file with the bundled pack and the given date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'Abbas Araghchi and Steve Witkoff met.\nThe second round in Geneva ended.');
    const mentions = await scanFile(parseArgs([file, '--date', '2026-02-18']));
    expect(mentions.map((m) => `${m.kind}:${m.id}:${m.text}`)).toEqual([
      'person:abbas-araghchi:Abbas Araghchi',
      'person:steve-witkoff:Steve Witkoff',
      'round:r2026-2:The second round in Geneva',
    ]);
  });

  it('takes the date from the HTML when none is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    const file = join(dir, 'a.html');
    writeFileSync(file, HTML);
    const mentions = await scanFile(parseArgs([file]));
    expect(mentions.filter((m) => m.kind === 'round').map((m) => m.id)).toEqual(['r2026-2', 'r2026-2']);
    expect(mentions.some((m) => m.id === 'donald-trump')).toBe(false);
  });
});

describe('scan CLI options', () => {
  it('takes a language and checks it', () => {
    expect(parseArgs(['a.txt', '--lang', 'FA']).lang).toBe('fa');
    expect(parseArgs(['a.txt', '--lang', 'ar-EG']).lang).toBe('ar-eg');
    expect(() => parseArgs(['a.txt', '--lang', 'persian!'])).toThrow(UsageError);
    expect(() => parseArgs(['a.txt', '--lang'])).toThrow(/--lang needs a value/);
  });

  it('refuses unknown options and stray arguments with a usage error', () => {
    expect(() => parseArgs(['a.txt', '--verbose'])).toThrow(UsageError);
    expect(() => parseArgs(['a.txt', 'b.txt'])).toThrow(/One FILE only/);
    expect(() => parseArgs(['--date', '--lang', 'fa', 'a.txt'])).toThrow(/--date needs a value/);
    expect(wantsHelp(['a.txt', '--help'])).toBe(true);
    expect(wantsHelp(['a.txt'])).toBe(false);
  });

  it('prints usage, not a stack trace, for --help and for a mistake', () => {
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scan.ts', ...args], { encoding: 'utf8' });
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: npm run scan -- FILE');
    expect(help.stdout).toContain('--lang CODE');
    const wrong = cli(['--frobnicate']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^Unknown option --frobnicate\n\nUsage: /);
    expect(wrong.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('reads the page language from HTML', async () => {
    const { lang } = await readArticle('a.html', HTML.replace('<html>', '<html lang="fa-IR">'));
    expect(lang).toBe('fa-ir');
  });
});
