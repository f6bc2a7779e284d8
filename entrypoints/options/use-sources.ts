import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Translate } from '@/components/ui/i18n';
import type { Clock } from '@/utils/clock/clock';
import type { SourceView } from '@/utils/messaging/views';
import { ask, describeError, failureOf } from './page-setup';

/**
 * The source list of a page, kept current from `sources-changed` broadcasts and, while anything refreshes, by
 * polling `list-sources` every second (a broadcast can be missed while the worker wakes).
 */
export function useSources(t: Translate, clock: Clock) {
  const [sources, setSources] = useState<SourceView[] | null>(null);
  const [error, setError] = useState<string>();
  const [asked, setAsked] = useState(0);
  const [status, setStatus] = useState<string>();
  const [now, setNow] = useState(clock());

  const reload = useCallback(async () => {
    try {
      const list = await ask('list-sources', {});
      setSources(list);
      setNow(clock());
      return list;
    } catch (e) {
      setError(describeError(e, t));
      return null;
    }
  }, [t, clock]);

  useEffect(() => {
    void reload();
    const onMessage = (message: unknown) => {
      const m = message as { type?: unknown; sources?: unknown } | null;
      if (m?.type === 'sources-changed' && Array.isArray(m.sources)) {
        setSources(m.sources as SourceView[]);
        setNow(clock());
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [reload]);

  const enabled = (sources ?? []).filter((s) => s.enabled);
  const running = enabled.filter((s) => s.refreshing).length;
  const busy = asked > 0 || running > 0;

  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void reload(), 1000);
    return () => clearInterval(timer);
  }, [busy, reload]);

  useEffect(() => {
    if (!sources) return;
    if (busy) setStatus(t('refresh_status_running', { done: enabled.length - running, total: enabled.length }));
    else if (status) {
      const failed = enabled.filter((s) => s.error).length;
      setStatus(failed ? t('refresh_status_errors', { n: failed }) : t('refresh_status_done'));
    }
  }, [sources, busy]);

  /** Refreshes one source or all; resolves to an error in plain words, or undefined. */
  const refresh = useCallback(
    async (id?: string): Promise<string | undefined> => {
      setAsked((n) => n + 1);
      setError(undefined);
      setStatus(t('refreshing'));
      let problem: string | undefined;
      try {
        const failure = failureOf(await ask('refresh', id ? { id } : {}));
        if (failure) problem = failure.error || t('no_answer');
      } catch (e) {
        problem = describeError(e, t);
      }
      await reload();
      setAsked((n) => n - 1);
      if (problem && !id) setError(problem);
      return problem;
    },
    [reload, t],
  );

  return { sources, error, setError, busy, status, now, reload, refresh };
}
