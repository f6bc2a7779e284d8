/**
 * `npm run scan -- FILE [--pack FILE]... [--date YYYY-MM-DD]`: prints the mentions the extension would mark, as a
 * JSON array of `{start, end, text, kind, id, label}` (plus `claimId`/`value` for figures).
 *
 * `.txt` files are scanned as they are (one block per line). HTML is parsed with happy-dom and collected with the
 * content script's own `collectText` (from the same article root), so from the extracted text onward the CLI
 * shares the extension's code path; without layout, CSS-hidden text is an approximation.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { buildIndex } from '../utils/matcher/build-index';
import { matchMentions } from '../utils/matcher/match-mentions';
import type { Mention, ScanContext } from '../utils/model/mention';
import type { StoryPack } from '../utils/model/pack';
import { collectText } from '../utils/dom/collect-text';
import { readArticleDate } from '../utils/dom/article-date';
import { pickArticleRoot } from '../utils/dom/pick-article-root';

const DEFAULT_PACK = resolve(import.meta.dirname, '../data/us-iran-talks.pack.json');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ScanArgs {
  file: string;
  packs: string[];
  date?: string;
}

export function parseArgs(argv: readonly string[]): ScanArgs {
  const packs: string[] = [];
  let file: string | undefined;
  let date: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--pack') packs.push(argv[++i] ?? '');
    else if (arg === '--date') date = argv[++i];
    else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}`);
    else file = arg;
  }
  if (!file) throw new Error('Usage: npm run scan -- FILE [--pack FILE] [--date YYYY-MM-DD]');
  if (date !== undefined && !ISO_DATE.test(date)) throw new Error(`--date must be YYYY-MM-DD, got ${date}`);
  return { file, packs: packs.length > 0 ? packs : [DEFAULT_PACK], ...(date ? { date } : {}) };
}

/** Article text and date from a file: HTML through the content script's collector, anything else as plain text. */
export async function readArticle(file: string, content: string): Promise<{ text: string; date?: string }> {
  const isHtml = /\.html?$/i.test(file) || /^\s*(<!doctype html|<html)/i.test(content);
  if (!isHtml) return { text: content };
  const window = new Window({ url: 'https://example.org/article' });
  try {
    const doc = window.document as unknown as Document;
    doc.write(content);
    const date = readArticleDate(doc);
    const { text } = collectText(pickArticleRoot(doc));
    return { text, ...(date ? { date } : {}) };
  } finally {
    await window.happyDOM.close();
  }
}

export async function scanFile(args: ScanArgs): Promise<Pick<Mention, 'start' | 'end' | 'text' | 'kind' | 'id' | 'label' | 'claimId' | 'value'>[]> {
  const packs = args.packs.map((p) => JSON.parse(readFileSync(p, 'utf8')) as StoryPack);
  const article = await readArticle(args.file, readFileSync(args.file, 'utf8'));
  const date = args.date ?? article.date;
  const context: ScanContext = date ? { date } : {};
  return matchMentions(buildIndex(packs), article.text, context);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  scanFile(parseArgs(process.argv.slice(2)))
    .then((mentions) => process.stdout.write(`${JSON.stringify(mentions, null, 2)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
