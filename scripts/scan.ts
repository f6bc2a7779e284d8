/**
 * `npm run scan -- FILE [--pack FILE]... [--date YYYY-MM-DD] [--lang CODE]`: prints the mentions the extension would
 * mark, as a JSON array of `{start, end, text, kind, id, label}` (plus `claimId`/`value` for figures).
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

/** A BCP 47 language tag ("fa", "ar-EG", "en-GB"). */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

export const USAGE = `Usage: npm run scan -- FILE [--pack FILE]... [--date YYYY-MM-DD] [--lang CODE]

Prints, as a JSON array, the mentions Backstory would mark in FILE (plain text, one block per line, or HTML).
  --pack FILE        a story pack to match against (repeatable; default: the bundled pack)
  --date YYYY-MM-DD  the article's publication date (default: the date an HTML page declares)
  --lang CODE        the page's language, e.g. en, fa, ar (default: the language an HTML page declares)
  --help             this text`;

/** A command-line mistake: the CLI prints its message and the usage, never a stack trace. */
export class UsageError extends Error {}

export interface ScanArgs {
  file: string;
  packs: string[];
  date?: string;
  lang?: string;
}

export const wantsHelp = (argv: readonly string[]): boolean => argv.includes('--help') || argv.includes('-h');

/** The parsed arguments; throws `UsageError` on a mistake. */
export function parseArgs(argv: readonly string[]): ScanArgs {
  const packs: string[] = [];
  let file: string | undefined;
  let date: string | undefined;
  let lang: string | undefined;
  const valueOf = (i: number, option: string): string => {
    const value = argv[i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${option} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--pack') packs.push(valueOf(++i, arg));
    else if (arg === '--date') date = valueOf(++i, arg);
    else if (arg === '--lang') lang = valueOf(++i, arg);
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}`);
    else if (file !== undefined) throw new UsageError(`One FILE only (got ${file} and ${arg})`);
    else file = arg;
  }
  if (!file) throw new UsageError('No FILE given: see Usage');
  if (date !== undefined && !ISO_DATE.test(date)) throw new UsageError(`--date must be YYYY-MM-DD, got ${date}`);
  if (lang !== undefined && !LANGUAGE_TAG.test(lang)) throw new UsageError(`--lang must be a language code such as en, fa or ar, got ${lang}`);
  return { file, packs: packs.length > 0 ? packs : [DEFAULT_PACK], ...(date ? { date } : {}), ...(lang ? { lang: lang.toLowerCase() } : {}) };
}

/** Article text and date from a file: HTML through the content script's collector, anything else as plain text. */
export async function readArticle(file: string, content: string): Promise<{ text: string; date?: string; lang?: string }> {
  const isHtml = /\.html?$/i.test(file) || /^\s*(<!doctype html|<html)/i.test(content);
  if (!isHtml) return { text: content };
  const window = new Window({ url: 'https://example.org/article' });
  try {
    const doc = window.document as unknown as Document;
    doc.write(content);
    const date = readArticleDate(doc);
    const lang = doc.documentElement.getAttribute('lang')?.trim();
    const { text } = collectText(pickArticleRoot(doc));
    return { text, ...(date ? { date } : {}), ...(lang && LANGUAGE_TAG.test(lang) ? { lang: lang.toLowerCase() } : {}) };
  } finally {
    await window.happyDOM.close();
  }
}

export async function scanFile(args: ScanArgs): Promise<Pick<Mention, 'start' | 'end' | 'text' | 'kind' | 'id' | 'label' | 'claimId' | 'value'>[]> {
  const packs = args.packs.map((p) => JSON.parse(readFileSync(p, 'utf8')) as StoryPack);
  const article = await readArticle(args.file, readFileSync(args.file, 'utf8'));
  const date = args.date ?? article.date;
  const lang = args.lang ?? article.lang;
  const context: ScanContext = { ...(date ? { date } : {}), ...(lang ? { lang } : {}) };
  return matchMentions(buildIndex(packs), article.text, context);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  void main(process.argv.slice(2));
}

async function main(argv: readonly string[]): Promise<void> {
  try {
    if (wantsHelp(argv)) {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    process.stdout.write(`${JSON.stringify(await scanFile(parseArgs(argv)), null, 2)}\n`);
  } catch (err: unknown) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(err instanceof UsageError ? `${message}\n\n${USAGE}\n` : `${message}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
}
