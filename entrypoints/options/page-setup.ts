/**
 * Wiring shared by the extension's own pages (popup, options, welcome): the interface language and direction from
 * the browser, the reader's theme, and calls to the background that treat a missing answer as an error.
 */
import { browser } from 'wxt/browser';
import { baseLanguage, bundledLookup, makeT, textDirection, type MessageKey, type Translate } from '@/components/ui/i18n';
import { applyTheme } from '@/components/ui/theme';
import { askBackground } from '@/utils/messaging/client';
import type { BackgroundRequests, Failure, PageType, Reply } from '@/utils/messaging/protocol';

/** Sets `lang`/`dir` on <html> and returns the page's `t`. */
export function setupLanguage(title: MessageKey = 'app_name', root: HTMLElement = document.documentElement): Translate {
  let lang = 'en';
  try {
    lang = browser.i18n.getUILanguage() || 'en';
  } catch {
    // No i18n API (tests): English.
  }
  const bundled = bundledLookup(lang);
  const t = makeT((key) => {
    try {
      // `browser.i18n` answers once public/_locales ships with the manifest's default_locale; until then (and for
      // keys it lacks) the bundled copy of the same files answers.
      // WXT types getMessage by the keys of public/_locales; our keys are checked by MessageKey instead.
      const getMessage = browser.i18n.getMessage as (name: string) => string;
      return getMessage.call(browser.i18n, key) || bundled(key);
    } catch {
      return bundled(key);
    }
  }, lang);
  root.lang = baseLanguage(lang);
  root.dir = textDirection(lang);
  document.title = t(title);
  return t;
}

/** Applies the stored theme; pages call `applyTheme` again when the reader changes it. */
export async function setupTheme(root: HTMLElement = document.documentElement): Promise<void> {
  try {
    const settings = await askBackground('get-settings', {});
    if (settings) applyTheme(root, settings.theme);
  } catch {
    // The default (auto) stays.
  }
}

/** Thrown when the background answers nothing (its handler failed, or it does not know the request yet). */
class NoAnswer extends Error {}

/** `askBackground` that turns a missing answer into an error, so the page shows it instead of waiting forever. */
export async function ask<K extends PageType>(type: K, req: Parameters<typeof askBackground<K>>[1]): Promise<Reply<BackgroundRequests, K>> {
  const reply = await askBackground(type, req);
  if (reply === undefined || reply === null) throw new NoAnswer(type);
  return reply;
}

/** An error's plain words for the reader. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof NoAnswer) return t('no_answer');
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The failure of a `Done` answer, or null when it went well. */
export function failureOf(reply: { ok: boolean } | null | undefined): Failure | null {
  if (!reply) return { ok: false, error: '' };
  return reply.ok ? null : (reply as Failure);
}
