/** The guarded import: text from outside is parsed and validated before anything is written to the KB. */
import { validatePackText } from '../pack/parse-pack-text';
import type { KbDatabase } from './db';
import { importPack, type ImportSummary } from './import-pack';

type PackTextImport =
  | { ok: true; summary: ImportSummary; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

export async function importPackText(db: KbDatabase, text: string, sourceId: string): Promise<PackTextImport> {
  const checked = validatePackText(text);
  if (!checked.ok) return checked;
  const summary = await importPack(db, checked.pack, sourceId, checked.warnings);
  return { ok: true, summary, warnings: checked.warnings };
}
