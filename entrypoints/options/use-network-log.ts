import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { NetworkLogNote, NetworkLogProps } from '@/components/NetworkLog/NetworkLog';
import type { Translate } from '@/components/ui/i18n';
import type { NetworkLogView } from '@/utils/messaging/views';
import { ask, describeError, failureOf } from './page-setup';

/** Rows shown at first, and added by each "Show older requests". */
const NETWORK_LOG_STEP = 100;

/**
 * The options page's network log: loaded on open and again whenever a refresh moves on (`sources-changed`, sent
 * as each source starts and ends), so requests appear as they are made.
 */
export function useNetworkLog(t: Translate): NetworkLogProps {
  const [log, setLog] = useState<NetworkLogView | null>(null);
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<NetworkLogNote>();
  const limit = useRef(NETWORK_LOG_STEP);

  const reload = useCallback(async () => {
    try {
      setLog(await ask('network-log', { limit: limit.current }));
      setError(undefined);
    } catch (e) {
      setError(describeError(e, t));
    }
  }, [t]);

  useEffect(() => {
    void reload();
    const onMessage = (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === 'sources-changed') void reload();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [reload]);

  return {
    log,
    ...(error !== undefined && { error }),
    ...(note !== undefined && { note }),
    onMore: () => {
      limit.current += NETWORK_LOG_STEP;
      void reload();
    },
    onClear: () => {
      setNote(undefined);
      ask('clear-network-log', {})
        .then((reply) => {
          const failure = failureOf(reply);
          setNote(failure ? { kind: 'error', text: failure.error || t('no_answer') } : { kind: 'ok', text: t('netlog_cleared') });
        })
        .catch((e: unknown) => setNote({ kind: 'error', text: describeError(e, t) }))
        .finally(() => {
          limit.current = NETWORK_LOG_STEP;
          void reload();
        });
    },
  };
}
