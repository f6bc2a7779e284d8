import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from 'dexie';
import type { StoryPack } from '@/utils/model/pack';
import { openKb, type KbDatabase } from '@/utils/kb/db';

export const fixturesDir = join(import.meta.dirname, '../../fixtures/packs');

export function readFixtureText(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

/** The small valid fixture as a StoryPack (the `$schema` key is not part of the model). */
export function smallPack(): StoryPack {
  const { $schema: _schema, ...pack } = JSON.parse(readFixtureText('valid-small.pack.json')) as StoryPack & {
    $schema?: string;
  };
  return pack;
}

let counter = 0;
/** A fresh database per test: fake-indexeddb keeps databases for the whole file. */
export function freshKb(): KbDatabase {
  counter += 1;
  return openKb(`kb-test-${process.pid}-${counter}`);
}

/** Every table's rows in key order: compared before/after to prove an operation changed nothing. */
export async function dumpKb(db: KbDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/**
 * Makes every write to `table` throw `error` (as a full disk would) until the returned function is called.
 * Hooks both new rows and overwritten ones, since an import overwrites rows whose keys it keeps.
 */
export function failWrites(table: Table, error: Error): () => void {
  const fail = () => {
    throw error;
  };
  table.hook('creating', fail);
  table.hook('updating', fail);
  return () => {
    table.hook('creating').unsubscribe(fail);
    table.hook('updating').unsubscribe(fail);
  };
}

export function quotaError(): Error {
  return Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
}
