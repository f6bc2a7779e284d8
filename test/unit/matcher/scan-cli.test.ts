import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, readArticle, scanFile } from '../../../scripts/scan';

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
