/**
 * Export and import of everything the reader owns: configured sources, settings, their own tables and the packs
 * (inline, so an import works offline). An import is planned first — every pack through `validatePack`, every
 * row checked — and the summary computed before anything is written; then it is applied in one transaction.
 * Rows with the same key are replaced; everything else already in the KB stays.
 */
import type { StoryPack } from '../model/pack';
import { CheckContext, type Fields } from '../pack/check-context';
import { isAllowedSourceUrl } from '../pack/safe-url';
import { validatePack } from '../pack/validate-pack';
import type { KbDatabase } from './db';
import { importPack } from './import-pack';
import { loadPack } from './load-packs';
import type { KeyValueRow, NoteRow, SeenRow, SourceConfigRow, SourceKind, SuppressionRow } from './records';

const EXPORT_FORMAT = 'backstory-export';
const EXPORT_VERSION = 1;

interface ExportedPack {
  sourceId: string;
  pack: StoryPack;
}

export interface KbExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** Epoch ms. */
  exportedAt: number;
  sourceConfigs: SourceConfigRow[];
  settings: KeyValueRow[];
  suppressions: SuppressionRow[];
  notes: NoteRow[];
  seen: SeenRow[];
  packs: ExportedPack[];
}

interface ImportAllSummary {
  sources: number;
  packs: number;
  settings: number;
  suppressions: number;
}

export interface ImportPlan {
  summary: ImportAllSummary;
  data: Omit<KbExport, 'exportedAt' | 'packs'> & { packs: (ExportedPack & { warnings: string[] })[] };
  warnings: string[];
}

type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; errors: string[]; warnings: string[] };

/** Import caps: a backup is small; these only stop a hostile file from filling memory. */
const MAX_ROWS = 100_000;
const MAX_VALUE_CHARS = 100_000;

export async function exportAll(db: KbDatabase): Promise<KbExport> {
  return db.transaction('r', db.tables, async () => {
    const infos = await db.packs.toArray();
    const packs = await Promise.all(infos.map(async (info) => ({ sourceId: info.sourceId, pack: await loadPack(db, info) })));
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: Date.now(),
      sourceConfigs: await db.sourceConfigs.toArray(),
      settings: await db.settings.toArray(),
      suppressions: await db.suppressions.toArray(),
      notes: await db.notes.toArray(),
      seen: await db.seen.toArray(),
      packs,
    };
  });
}

const SOURCE_KINDS: readonly SourceKind[] = ['bundled', 'pack', 'feed'];

/** A JSON value small enough to keep (settings and "seen" values are free-form). */
function jsonValue(ctx: CheckContext, path: string, value: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) return ctx.error(path, 'is not a JSON value');
  if (text.length > MAX_VALUE_CHARS) return ctx.error(path, `is longer than ${MAX_VALUE_CHARS} characters`);
  return JSON.parse(text) as unknown; // a fresh copy: nothing of the input object is kept
}

function sourceConfig(ctx: CheckContext, path: string, value: unknown): SourceConfigRow | undefined {
  const f = ctx.object(path, value, [
    'id', 'kind', 'url', 'title', 'enabled', 'intervalMinutes', 'lastAttempt', 'lastSuccess', 'nextDue', 'lastError',
    'etag', 'lastModified', 'items',
  ]);
  if (!f) return undefined;
  const text = (p: string, v: unknown) => ctx.string(p, v);
  const time = (p: string, v: unknown) => ctx.number(p, v, { min: 0 });
  const row: SourceConfigRow = {
    id: f.req('id', (p, v) => ctx.string(p, v, { nonEmpty: true, max: 200 }))!,
    kind: f.req('kind', (p, v) => ctx.oneOf(p, v, SOURCE_KINDS))!,
    title: f.req('title', text)!,
    enabled: f.req('enabled', (p, v) => ctx.boolean(p, v))!,
    intervalMinutes: f.req('intervalMinutes', time)!,
  };
  const url = f.opt('url', (p, v) => {
    const s = ctx.string(p, v);
    return s === undefined || isAllowedSourceUrl(s) ? s : ctx.error(p, `"${s}" must be https (plain http only for localhost)`);
  });
  if (url !== undefined) row.url = url;
  for (const key of ['lastAttempt', 'lastSuccess', 'nextDue', 'items'] as const) {
    const n = f.opt(key, time);
    if (n !== undefined) row[key] = n;
  }
  for (const key of ['lastError', 'etag', 'lastModified'] as const) {
    const s = f.opt(key, text);
    if (s !== undefined) row[key] = s;
  }
  return row;
}

function keyValue(ctx: CheckContext, path: string, value: unknown): KeyValueRow | undefined {
  const f = ctx.object(path, value, ['key', 'value']);
  if (!f) return undefined;
  return { key: f.req('key', (p, v) => ctx.string(p, v, { nonEmpty: true, max: 200 }))!, value: f.req('value', (p, v) => jsonValue(ctx, p, v)) };
}

function suppression(ctx: CheckContext, path: string, value: unknown): SuppressionRow | undefined {
  const f = ctx.object(path, value, ['site', 'mentionId', 'createdAt']);
  if (!f) return undefined;
  return {
    site: f.req('site', (p, v) => ctx.string(p, v, { nonEmpty: true, max: 300 }))!,
    mentionId: f.req('mentionId', (p, v) => ctx.string(p, v, { nonEmpty: true, max: 300 }))!,
    createdAt: f.req('createdAt', (p, v) => ctx.number(p, v, { min: 0 }))!,
  };
}

function note(ctx: CheckContext, path: string, value: unknown): NoteRow | undefined {
  const f = ctx.object(path, value, ['id', 'refKind', 'refId', 'text', 'updatedAt']);
  if (!f) return undefined;
  const text = (p: string, v: unknown) => ctx.string(p, v);
  return {
    id: f.req('id', (p, v) => ctx.string(p, v, { nonEmpty: true, max: 300 }))!,
    refKind: f.req('refKind', text)!,
    refId: f.req('refId', text)!,
    text: f.req('text', text)!,
    updatedAt: f.req('updatedAt', (p, v) => ctx.number(p, v, { min: 0 }))!,
  };
}

function seenRow(ctx: CheckContext, path: string, value: unknown): SeenRow | undefined {
  const f = ctx.object(path, value, ['key', 'value', 'at']);
  if (!f) return undefined;
  return {
    key: f.req('key', (p, v) => ctx.string(p, v, { nonEmpty: true, max: 300 }))!,
    value: f.req('value', (p, v) => jsonValue(ctx, p, v)),
    at: f.req('at', (p, v) => ctx.number(p, v, { min: 0 }))!,
  };
}

function exportedPack(ctx: CheckContext, path: string, value: unknown): (ExportedPack & { warnings: string[] }) | undefined {
  const f = ctx.object(path, value, ['sourceId', 'pack']);
  if (!f) return undefined;
  const sourceId = f.req('sourceId', (p, v) => ctx.string(p, v, { nonEmpty: true, max: 200 }));
  const checked = f.req('pack', (_p, v) => validatePack(v));
  if (!checked) return undefined;
  const prefix = (message: string) => `${f.at('pack')}.${message}`.replace('.(pack):', ':');
  checked.warnings.forEach((w) => ctx.warnings.push(prefix(w)));
  if (!checked.ok) {
    checked.errors.forEach((e) => ctx.errors.push(prefix(e)));
    return undefined;
  }
  return sourceId === undefined ? undefined : { sourceId, pack: checked.pack, warnings: checked.warnings };
}

/** Checks an export without writing anything; the summary says what an import would write. */
export function planImport(json: unknown): PlanResult {
  const ctx = new CheckContext();
  const top = ctx.object('', json, [
    'format', 'version', 'exportedAt', 'sourceConfigs', 'settings', 'suppressions', 'notes', 'seen', 'packs',
  ]);
  if (!top) return { ok: false, errors: ctx.errors, warnings: ctx.warnings };
  const format = top.req('format', (p, v) => (v === EXPORT_FORMAT ? v : ctx.error(p, 'this is not a Backstory export')));
  const version = top.req('version', (p, v) =>
    v === EXPORT_VERSION ? v : ctx.error(p, `${JSON.stringify(v)} is not a supported export version (this version reads ${EXPORT_VERSION})`),
  );
  if (format === undefined || version === undefined) return { ok: false, errors: ctx.errors, warnings: ctx.warnings };

  const rows = <T>(key: string, item: (ctx: CheckContext, path: string, value: unknown) => T | undefined): T[] =>
    (top as Fields).opt(key, (p, v) => ctx.list(p, v, MAX_ROWS, (ip, iv) => item(ctx, ip, iv))) ?? [];
  const data = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    sourceConfigs: rows('sourceConfigs', sourceConfig),
    settings: rows('settings', keyValue),
    suppressions: rows('suppressions', suppression),
    notes: rows('notes', note),
    seen: rows('seen', seenRow),
    packs: rows('packs', exportedPack),
  } as const;
  duplicates(ctx, 'sourceConfigs', data.sourceConfigs.map((s) => s.id));
  duplicates(ctx, 'packs', data.packs.map((p) => p.pack.id));
  if (ctx.errors.length > 0) return { ok: false, errors: ctx.errors, warnings: ctx.warnings };
  return {
    ok: true,
    plan: {
      data,
      warnings: ctx.warnings,
      summary: {
        sources: data.sourceConfigs.length,
        packs: data.packs.length,
        settings: data.settings.length,
        suppressions: data.suppressions.length,
      },
    },
  };
}

function duplicates(ctx: CheckContext, path: string, keys: readonly string[]): void {
  const seen = new Set<string>();
  keys.forEach((key, i) => {
    if (seen.has(key)) ctx.error(`${path}[${i}]`, `duplicate id "${key}"`);
    seen.add(key);
  });
}

type ImportAllResult =
  | { ok: true; summary: ImportAllSummary; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

/** Validates everything first; writes all of it or nothing. */
export async function importAll(db: KbDatabase, json: unknown): Promise<ImportAllResult> {
  const planned = planImport(json);
  if (!planned.ok) return planned;
  const { data, summary, warnings } = planned.plan;
  await db.transaction('rw', db.tables, async () => {
    for (const { sourceId, pack, warnings: packWarnings } of data.packs) await importPack(db, pack, sourceId, packWarnings);
    // After the packs, so the exported source state (timestamps, enabled) wins over importPack's bookkeeping.
    await db.sourceConfigs.bulkPut(data.sourceConfigs);
    await db.settings.bulkPut(data.settings);
    await db.suppressions.bulkPut(data.suppressions);
    await db.notes.bulkPut(data.notes);
    await db.seen.bulkPut(data.seen);
  });
  return { ok: true, summary, warnings };
}
