import { useState } from 'preact/hooks';
import { Welcome } from '@/components/Welcome/Welcome';
import { useT } from '@/components/ui/i18n';
import { originPattern } from '@/components/ui/origin-pattern';
import { SUGGESTED_SOURCES } from '@/components/ui/suggested-sources';
import { ask, describeError, failureOf } from '../options/page-setup';
import { requestOrigins } from '../options/add-source';

/** Wiring of the first-run page: nothing is fetched until the reader presses the one button and grants access. */
export function WelcomePage() {
  const t = useT();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set(SUGGESTED_SOURCES.map((s) => s.url)));
  const [state, setState] = useState<'idle' | 'working' | 'done'>('idle');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string }>();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const onAccept = () => {
    const chosen = SUGGESTED_SOURCES.filter((s) => selected.has(s.url));
    const checks = chosen.map((s) => ({ source: s, check: originPattern(s.url) }));
    const patterns = [...new Set(checks.flatMap(({ check }) => (check.ok ? [check.pattern] : [])))];
    const hosts = [...new Set(checks.flatMap(({ check }) => (check.ok ? [check.host] : [])))];
    // Exactly these origins, asked inside the click before any await.
    const granted = requestOrigins(patterns);
    setState('working');
    setMessage({ kind: 'ok', text: t('permission_waiting', { host: hosts.join(', ') }) });
    void granted.then(async (ok) => {
      if (!ok) {
        setState('idle');
        setMessage({ kind: 'error', text: t('welcome_denied', { hosts: hosts.join(', ') }) });
        return;
      }
      const failures: Record<string, string> = {};
      let added = 0;
      for (const { source } of checks) {
        try {
          const reply = await ask('add-source', { url: source.url, kind: source.kind });
          if (reply.ok) added++;
          else failures[source.url] = [reply.error, ...(reply.problems ?? [])].filter(Boolean).join(' ') || t('no_answer');
        } catch (e) {
          failures[source.url] = describeError(e, t);
        }
      }
      setErrors(failures);
      if (added > 0) {
        try {
          const failure = failureOf(await ask('refresh', {}));
          if (failure) setMessage({ kind: 'error', text: t('error_with', { error: failure.error || t('no_answer') }) });
          else setMessage({ kind: 'ok', text: t('welcome_done', { n: added }) });
        } catch (e) {
          setMessage({ kind: 'error', text: t('error_with', { error: describeError(e, t) }) });
        }
        setState('done');
      } else {
        setState('idle');
        setMessage({ kind: 'error', text: t('error_with', { error: Object.values(failures)[0] ?? t('no_answer') }) });
      }
    });
  };

  return (
    <div style={{ maxWidth: '42rem', margin: '0 auto' }}>
      <Welcome
        suggestions={SUGGESTED_SOURCES}
        selected={selected}
        onSelect={(url, on) => {
          const next = new Set(selected);
          if (on) next.add(url);
          else next.delete(url);
          setSelected(next);
        }}
        onAccept={onAccept}
        state={state}
        message={message}
        errors={errors}
        optionsHref="options.html"
      />
    </div>
  );
}
