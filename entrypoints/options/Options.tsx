import { useCallback, useEffect, useState } from 'preact/hooks';
import { SourceList } from '@/components/SourceList/SourceList';
import { AddSourceForm } from '@/components/SourceList/AddSourceForm';
import { SuggestedSources, type SuggestionNote } from '@/components/SourceList/SuggestedSources';
import { Freshness } from '@/components/Popup/Freshness';
import { SiteModeChoice } from '@/components/Sites/SiteModeChoice';
import { SiteListEditor } from '@/components/Sites/SiteListEditor';
import { SuppressionList } from '@/components/Sites/SuppressionList';
import { AppearanceForm } from '@/components/Appearance/AppearanceForm';
import { DataPanel, type Note } from '@/components/Data/DataPanel';
import { NetworkLog } from '@/components/NetworkLog/NetworkLog';
import { useT } from '@/components/ui/i18n';
import { applyTheme } from '@/components/ui/theme';
import { SUGGESTED_SOURCES, type SuggestedSource } from '@/components/ui/suggested-sources';
import type { Settings } from '@/utils/model/settings';
import type { Clock } from '@/utils/clock/clock';
import type { ImportPlan, SuppressionView } from '@/utils/messaging/views';
import { ask, describeError, failureOf } from './page-setup';
import { addSourceWithPermission } from './add-source';
import { useSources } from './use-sources';
import { useNetworkLog } from './use-network-log';

type SettingsErrors = Partial<Record<keyof Settings, string>>;

export interface OptionsProps {
  /** "Now" for the facts' age and the stale warning (utils/clock/clock.ts). */
  clock: Clock;
}

/** Wiring of the options page: every change is sent at once, and its error shown next to its control. */
export function Options({ clock }: OptionsProps) {
  const t = useT();
  const { sources, error: sourcesError, busy, status, now, reload, refresh } = useSources(t, clock);
  const networkLog = useNetworkLog(t);
  const [sourceErrors, setSourceErrors] = useState<Record<string, string | undefined>>({});
  const [add, setAdd] = useState<{ busy: boolean; waiting?: string; error?: string; problems?: string[]; done?: string }>({ busy: false });
  const [suggestNotes, setSuggestNotes] = useState<Record<string, SuggestionNote | undefined>>({});
  const [settings, setSettings] = useState<Settings | null>(null);
  const [settingsError, setSettingsError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<SettingsErrors>({});
  const [suppressions, setSuppressions] = useState<SuppressionView[] | null>(null);
  const [suppressionsError, setSuppressionsError] = useState<string>();
  const [storage, setStorage] = useState<{ usage: number; quota: number } | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [plan, setPlan] = useState<{ plan: ImportPlan; json: string } | null>(null);
  const [notes, setNotes] = useState<Partial<Record<'persist' | 'export' | 'import' | 'reset', Note>>>({});

  const loadSettings = useCallback(async () => {
    try {
      const s = await ask('get-settings', {});
      setSettings(s);
      setSettingsError(undefined);
      applyTheme(document.documentElement, s.theme);
    } catch (e) {
      setSettingsError(describeError(e, t));
    }
  }, [t]);
  const loadSuppressions = useCallback(async () => {
    try {
      setSuppressions(await ask('list-suppressions', {}));
      setSuppressionsError(undefined);
    } catch (e) {
      setSuppressionsError(describeError(e, t));
    }
  }, [t]);
  const loadStorage = useCallback(async () => {
    try {
      const estimate = await navigator.storage?.estimate();
      if (estimate) setStorage({ usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 });
      setPersisted((await navigator.storage?.persisted?.()) ?? null);
    } catch {
      setStorage(null);
    }
  }, []);
  const loadAll = useCallback(
    () => Promise.all([reload(), loadSettings(), loadSuppressions(), loadStorage()]),
    [reload, loadSettings, loadSuppressions, loadStorage],
  );

  useEffect(() => {
    void loadAll();
  }, []);

  /** Saves a settings change at once; the error lands next to the field that changed. */
  const save = (patch: Partial<Settings>) => {
    if (!settings) return;
    const fields = Object.keys(patch) as (keyof Settings)[];
    const before = settings;
    setSettings({ ...settings, ...patch });
    if (patch.theme) applyTheme(document.documentElement, patch.theme);
    ask('set-settings', { patch })
      .then((s) => {
        setSettings(s);
        applyTheme(document.documentElement, s.theme);
        setFieldErrors((errors) => ({ ...errors, ...Object.fromEntries(fields.map((f) => [f, undefined])) }));
      })
      .catch((e: unknown) => {
        setSettings(before);
        applyTheme(document.documentElement, before.theme);
        const text = t('error_with', { error: describeError(e, t) });
        setFieldErrors((errors) => ({ ...errors, ...Object.fromEntries(fields.map((f) => [f, text])) }));
      });
  };

  const sourceAction = (id: string, run: () => Promise<{ ok: boolean } | null | undefined>) => {
    setSourceErrors((e) => ({ ...e, [id]: undefined }));
    run()
      .then((reply) => {
        const failure = failureOf(reply);
        if (failure) setSourceErrors((e) => ({ ...e, [id]: failure.error || t('no_answer') }));
      })
      .catch((e: unknown) => setSourceErrors((errors) => ({ ...errors, [id]: describeError(e, t) })))
      .finally(() => void reload());
  };

  const onAdd = (url: string, kind: 'pack' | 'feed') => {
    // Synchronous up to the permission request inside addSourceWithPermission.
    setAdd({ busy: false });
    const outcome = addSourceWithPermission(url, kind, t, (host) => setAdd({ busy: false, waiting: t('permission_waiting', { host }) }));
    void outcome.then((o) => {
      setAdd(o.ok ? { busy: false, done: t('add_source_done', { title: o.source.title }) } : { busy: false, error: o.error, problems: o.problems });
      if (o.ok) void reload();
    });
  };

  const onAddSuggested = (s: SuggestedSource) => {
    setSuggestNotes((e) => ({ ...e, [s.url]: undefined }));
    const outcome = addSourceWithPermission(s.url, s.kind, t, (host) =>
      setSuggestNotes((e) => ({ ...e, [s.url]: { kind: 'info', text: t('permission_waiting', { host }) } })),
    );
    void outcome.then((o) => {
      if (o.ok) {
        setSuggestNotes((e) => ({ ...e, [s.url]: undefined }));
        void reload();
      } else setSuggestNotes((e) => ({ ...e, [s.url]: { kind: 'error', text: [o.error, ...(o.problems ?? [])].join(' ') } }));
    });
  };

  const onExport = () => {
    ask('export-data', {})
      .then(({ json, fileName }) => {
        const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = fileName || 'backstory-backup.json';
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setNotes((n) => ({ ...n, export: { kind: 'ok', text: t('export_done', { file: a.download }) } }));
      })
      .catch((e: unknown) => setNotes((n) => ({ ...n, export: { kind: 'error', text: describeError(e, t) } })));
  };

  const onImportFile = (file: File) => {
    setPlan(null);
    setNotes((n) => ({ ...n, import: undefined }));
    file
      .text()
      .catch(() => {
        throw new Error(t('import_read_error'));
      })
      .then(async (json) => {
        const reply = await ask('plan-import', { json });
        if (reply.ok) setPlan({ plan: reply.plan, json });
        else setNotes((n) => ({ ...n, import: { kind: 'error', text: reply.error || t('no_answer'), problems: reply.problems } }));
      })
      .catch((e: unknown) => setNotes((n) => ({ ...n, import: { kind: 'error', text: describeError(e, t) } })));
  };

  const onConfirmImport = () => {
    if (!plan) return;
    ask('apply-import', { json: plan.json })
      .then(async (reply) => {
        if (reply.ok) {
          setPlan(null);
          setNotes((n) => ({ ...n, import: { kind: 'ok', text: t('import_done') } }));
          await loadAll();
        } else {
          setNotes((n) => ({ ...n, import: { kind: 'error', text: reply.error || t('no_answer'), problems: reply.problems } }));
        }
      })
      .catch((e: unknown) => setNotes((n) => ({ ...n, import: { kind: 'error', text: describeError(e, t) } })));
  };

  const onReset = () => {
    ask('reset', {})
      .then(async (reply) => {
        const failure = failureOf(reply);
        setNotes((n) => ({ ...n, reset: failure ? { kind: 'error', text: failure.error || t('no_answer') } : { kind: 'ok', text: t('reset_done') } }));
        await loadAll();
      })
      .catch((e: unknown) => setNotes((n) => ({ ...n, reset: { kind: 'error', text: describeError(e, t) } })));
  };

  const onPersist = () => {
    navigator.storage
      .persist()
      .then((ok) => {
        setPersisted(ok);
        setNotes((n) => ({ ...n, persist: ok ? { kind: 'ok', text: t('persist_granted') } : { kind: 'error', text: t('persist_refused') } }));
      })
      .catch((e: unknown) => setNotes((n) => ({ ...n, persist: { kind: 'error', text: describeError(e, t) } })));
  };

  const added = new Set((sources ?? []).map((s) => s.url).filter((u): u is string => Boolean(u)));

  return (
    <div style={{ maxWidth: '46rem', margin: '0 auto' }}>
      <header class="bs-page-head">
        <h1>{t('options_title')}</h1>
        <a href="welcome.html" data-testid="welcome-link" style={{ marginInlineStart: 'auto' }}>
          {t('options_welcome_link')}
        </a>
      </header>
      <main class="bs-page-main">
        <section class="bs-section" aria-labelledby="sources-title" data-testid="sources-section">
          <h2 id="sources-title" class="bs-title">
            {t('section_sources')}
          </h2>
          <p class="bs-muted">{t('sources_help')}</p>
          <Freshness
            heading="h3"
            sources={sources}
            now={now}
            staleAfterDays={settings?.staleAfterDays ?? null}
            refreshing={busy}
            status={status}
            error={sourcesError}
            onRefresh={() => void refresh()}
          />
          {sources && (
            <SourceList
              sources={sources}
              now={now}
              errors={sourceErrors}
              onToggle={(id, enabled) => sourceAction(id, () => ask('update-source', { id, enabled }))}
              onInterval={(id, intervalMinutes) => sourceAction(id, () => ask('update-source', { id, intervalMinutes }))}
              onRefresh={(id) => {
                setSourceErrors((e) => ({ ...e, [id]: undefined }));
                void refresh(id).then((problem) => problem && setSourceErrors((e) => ({ ...e, [id]: problem })));
              }}
              onConfirmUpdate={(id) => sourceAction(id, () => ask('confirm-pack-update', { id }))}
              onRemove={(id) => sourceAction(id, () => ask('remove-source', { id }))}
            />
          )}
          <AddSourceForm onAdd={onAdd} busy={add.busy} error={add.error} problems={add.problems} done={add.done ?? add.waiting} />
          <h3>{t('suggested_title')}</h3>
          <SuggestedSources suggestions={SUGGESTED_SOURCES} added={added} onAdd={onAddSuggested} notes={suggestNotes} />
        </section>

        <section class="bs-section" aria-labelledby="sites-title" data-testid="sites-section">
          <h2 id="sites-title" class="bs-title">
            {t('section_sites')}
          </h2>
          {settingsError && <p class="bs-error">{t('error_with', { error: settingsError })}</p>}
          {settings && (
            <>
              <SiteModeChoice mode={settings.siteMode} onChange={(siteMode) => save({ siteMode })} error={fieldErrors.siteMode} />
              <SiteListEditor
                id="allowed"
                title={t('allowed_title')}
                empty={t('allowed_empty')}
                sites={settings.allowedSites}
                error={fieldErrors.allowedSites}
                onAdd={(site) => save({ allowedSites: [...settings.allowedSites.filter((s) => s !== site), site] })}
                onRemove={(site) => save({ allowedSites: settings.allowedSites.filter((s) => s !== site) })}
              />
              <SiteListEditor
                id="paused"
                title={t('paused_title')}
                empty={t('paused_empty')}
                sites={settings.pausedSites}
                error={fieldErrors.pausedSites}
                onAdd={(site) => save({ pausedSites: [...settings.pausedSites.filter((s) => s !== site), site] })}
                onRemove={(site) => save({ pausedSites: settings.pausedSites.filter((s) => s !== site) })}
              />
            </>
          )}
          <SuppressionList
            items={suppressions}
            error={suppressionsError}
            onUndo={(site, id) => {
              ask('remove-suppression', { site, id })
                .then((reply) => {
                  const failure = failureOf(reply);
                  if (failure) setSuppressionsError(failure.error || t('no_answer'));
                })
                .catch((e: unknown) => setSuppressionsError(describeError(e, t)))
                .finally(() => void loadSuppressions());
            }}
          />
        </section>

        <section class="bs-section" aria-labelledby="appearance-title" data-testid="appearance-section">
          <h2 id="appearance-title" class="bs-title">
            {t('section_appearance')}
          </h2>
          {settings && <AppearanceForm settings={settings} onChange={save} errors={fieldErrors} />}
        </section>

        <section class="bs-section" aria-labelledby="data-title" data-testid="data-section">
          <h2 id="data-title" class="bs-title">
            {t('section_data')}
          </h2>
          <DataPanel
            storage={storage}
            persisted={persisted}
            onPersist={onPersist}
            onExport={onExport}
            onImportFile={onImportFile}
            plan={plan?.plan ?? null}
            onConfirmImport={onConfirmImport}
            onCancelImport={() => setPlan(null)}
            onReset={onReset}
            notes={notes}
          />
        </section>

        <NetworkLog {...networkLog} />
      </main>
    </div>
  );
}
