import { browser } from 'wxt/browser';
import type { MessageKey, Translate } from '@/components/ui/i18n';
import { originPattern, type OriginCheck } from '@/components/ui/origin-pattern';
import type { SourceView } from '@/utils/messaging/views';
import { ask, describeError } from './page-setup';

const REASON_KEY: Record<Extract<OriginCheck, { ok: false }>['reason'], MessageKey> = {
  'not-url': 'url_not_url',
  scheme: 'url_scheme',
  'plain-http': 'url_plain_http',
  credentials: 'url_credentials',
};

type AddOutcome = { ok: true; source: SourceView } | { ok: false; error: string; problems?: string[] };

/**
 * Asks for the permission of exactly the origins given, synchronously: call it straight from the click or submit
 * handler, before any await, or the browser refuses to show its prompt. Resolves to whether all were granted.
 */
export function requestOrigins(patterns: string[]): Promise<boolean> {
  try {
    return browser.permissions.request({ origins: patterns }).catch(() => false);
  } catch {
    // Automation and some browsers throw instead of prompting.
    return Promise.resolve(false);
  }
}

/**
 * Checks the address, asks for its origin (synchronously, inside the reader's gesture), then asks the background
 * to add the source. A bad address is reported without asking for anything.
 */
export function addSourceWithPermission(
  url: string,
  kind: 'pack' | 'feed',
  t: Translate,
  /** Told which host the browser's prompt asks about, while it waits for the reader's answer. */
  onPrompt?: (host: string) => void,
): Promise<AddOutcome> {
  const check = originPattern(url);
  if (!check.ok) return Promise.resolve({ ok: false, error: t(REASON_KEY[check.reason]) });
  const granted = requestOrigins([check.pattern]);
  onPrompt?.(check.host);
  return granted.then(async (ok): Promise<AddOutcome> => {
    if (!ok) return { ok: false, error: t('permission_denied', { host: check.host }) };
    try {
      const reply = await ask('add-source', { url: check.url, kind });
      if (reply.ok) return { ok: true, source: reply.source };
      return { ok: false, error: reply.error || t('no_answer'), problems: reply.problems };
    } catch (e) {
      return { ok: false, error: describeError(e, t) };
    }
  });
}
