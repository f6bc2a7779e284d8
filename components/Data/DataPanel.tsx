import { useState } from 'preact/hooks';
import type { ImportPlan } from '@/utils/messaging/views';
import { useT } from '../ui/i18n';
import { formatBytes } from '../ui/relative-time';
import { ImportSummary } from './ImportSummary';

/** A message next to one control: an error or a confirmation. */
export interface Note {
  kind: 'error' | 'ok';
  text: string;
  problems?: string[];
}

export interface DataPanelProps {
  /** From navigator.storage.estimate(); null when unknown. */
  storage: { usage: number; quota: number } | null;
  /** Whether the browser keeps our data under storage pressure; null when unknown. */
  persisted: boolean | null;
  onPersist: () => void;
  onExport: () => void;
  /** A backup file chosen by the reader: the page reads it and asks for a plan. */
  onImportFile: (file: File) => void;
  /** The plan of the chosen file, awaiting confirmation. */
  plan: ImportPlan | null;
  onConfirmImport: () => void;
  onCancelImport: () => void;
  onReset: () => void;
  notes?: Partial<Record<'persist' | 'export' | 'import' | 'reset', Note>>;
}

function NoteView({ note, testid }: { note?: Note; testid: string }) {
  if (!note) return null;
  return (
    <div role={note.kind === 'error' ? 'alert' : 'status'} data-testid={testid}>
      <p class={note.kind === 'error' ? 'bs-error' : 'bs-ok'}>{note.text}</p>
      {note.problems && note.problems.length > 0 && (
        <ul class="bs-plain-list bs-error">
          {note.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Storage used, backup (export, import with a preview) and reset with a confirmation step. */
export function DataPanel(props: DataPanelProps) {
  const { storage, persisted, plan, notes = {} } = props;
  const t = useT();
  const [confirmReset, setConfirmReset] = useState(false);
  return (
    <div data-testid="data-panel">
      <h3>{t('storage_title')}</h3>
      <p data-testid="storage-used">
        {storage ? t('storage_used', { used: formatBytes(storage.usage), quota: formatBytes(storage.quota) }) : t('storage_unknown')}
      </p>
      <div class="bs-row">
        {persisted ? (
          <span data-testid="persisted">{t('storage_persisted')}</span>
        ) : (
          <button type="button" data-testid="persist" onClick={props.onPersist}>
            {t('storage_persist')}
          </button>
        )}
      </div>
      <NoteView note={notes.persist} testid="persist-note" />

      <h3>{t('backup_title')}</h3>
      <p class="bs-muted">{t('backup_help')}</p>
      <div class="bs-row">
        <button type="button" data-testid="export" onClick={props.onExport}>
          {t('export_button')}
        </button>
      </div>
      <NoteView note={notes.export} testid="export-note" />
      <div class="bs-field">
        <label for="import-file">{t('import_label')}</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          data-testid="import-file"
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (file) props.onImportFile(file);
            input.value = '';
          }}
        />
      </div>
      {plan && (
        <div class="bs-count">
          <ImportSummary plan={plan} />
          <div class="bs-row">
            <button type="button" class="bs-primary" data-testid="import-confirm" onClick={props.onConfirmImport}>
              {t('import_confirm')}
            </button>
            <button type="button" data-testid="import-cancel" onClick={props.onCancelImport}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      <NoteView note={notes.import} testid="import-note" />

      <h3>{t('reset_title')}</h3>
      <p class="bs-muted">{t('reset_help')}</p>
      {!confirmReset ? (
        <button type="button" data-testid="reset" onClick={() => setConfirmReset(true)}>
          {t('reset_button')}
        </button>
      ) : (
        <div class="bs-row" role="group" aria-label={t('reset_confirm')} data-testid="reset-confirm">
          <span>{t('reset_confirm')}</span>
          <button
            type="button"
            class="bs-primary"
            data-testid="reset-yes"
            onClick={() => {
              setConfirmReset(false);
              props.onReset();
            }}
          >
            {t('reset_yes')}
          </button>
          <button type="button" data-testid="reset-no" onClick={() => setConfirmReset(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
      <NoteView note={notes.reset} testid="reset-note" />
    </div>
  );
}
