/**
 * The interface's words. Message keys live in one place, `locales/en.json` (the browser's messages.json format, so
 * the same files serve `public/_locales`); `t` looks a key up with the function it is given and falls back to
 * English. Components get `t` from `I18nContext`, so they never touch `browser.*`.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import en from './locales/en.json';
import fa from './locales/fa.json';
import ar from './locales/ar.json';

export type MessageKey = keyof typeof en;
export type Lookup = (key: string) => string | undefined;
type Subs = Record<string, string | number>;
export type Translate = (key: MessageKey, subs?: Subs) => string;

type Table = Record<string, { message: string } | undefined>;
const TABLES: Record<string, Table> = { en, fa, ar };

/** Suffixes of a message's plural forms, as `Intl.PluralRules` names them (`other` is the message itself). */
export const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many'] as const;

/**
 * A numeric `n` picks the plural form `<key>_<category>` of the UI language's own table when it has one (Arabic has
 * six forms, English two, Persian one); else the message itself. Forms are looked up in the bundled table, not
 * through the browser, which would answer a form missing in Persian with the English one.
 */
function pluralForm(key: string, subs: Subs | undefined, uiLanguage: string): string | undefined {
  const n = subs?.n;
  if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  const lang = baseLanguage(uiLanguage);
  const table = TABLES[lang];
  const rulesOf = table ? lang : 'en';
  let category: string;
  try {
    category = new Intl.PluralRules(rulesOf).select(n);
  } catch {
    return undefined;
  }
  return category === 'other' ? undefined : (table ?? TABLES.en)?.[`${key}_${category}`]?.message;
}

/**
 * `{name}` in a message is replaced by `subs.name` (our own syntax: the browser's `$1` rules stay out of it).
 * `uiLanguage` chooses plural forms (see `pluralForm`).
 */
export function makeT(lookup?: Lookup, uiLanguage = 'en'): Translate {
  return (key, subs) => {
    let text: string | undefined = pluralForm(key, subs, uiLanguage);
    try {
      text ??= lookup?.(key);
    } catch {
      text = undefined;
    }
    if (!text) text = (en as Table)[key]?.message ?? key;
    if (!subs) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in subs ? String(subs[name]) : whole));
  };
}

/** The language part of a BCP 47 tag: `fa-IR` → `fa`. */
export function baseLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? 'en';
}

/** Lookup in the bundled tables for a UI language (used where the browser's own lookup has no answer). */
export function bundledLookup(uiLanguage: string): Lookup {
  const table: Table = TABLES[baseLanguage(uiLanguage)] ?? TABLES.en ?? {};
  return (key) => table[key]?.message;
}

/** Languages of the interface that are written right to left. */
export function textDirection(uiLanguage: string): 'rtl' | 'ltr' {
  return ['fa', 'ar', 'he', 'ur', 'ps', 'ckb'].includes(baseLanguage(uiLanguage)) ? 'rtl' : 'ltr';
}

/** English unless a page provides its lookup. */
export const I18nContext = createContext<Translate>(makeT());

export function useT(): Translate {
  return useContext(I18nContext);
}
