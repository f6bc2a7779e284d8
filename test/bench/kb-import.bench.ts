/**
 * KB benchmark (`npx tsx test/bench/kb-import.bench.ts`), in Node over fake-indexeddb:
 * - importing a synthetic pack of 10,000 entities / 50,000 aliases through `importPack`, against a plain Dexie
 *   `bulkPut` of the same entity rows in the same run (medians of 5 runs; goal ≤ 1.5× and ≤ 2000 ms);
 * - card lookups by id, p50/p95 over 1000 lookups (goal p95 ≤ 5 ms).
 * Prints each goal with its measured figure and PASS/FAIL; no assertions, so it never fails a unit run.
 */
import 'fake-indexeddb/auto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openKb } from '../../utils/kb/db';
import { importPack } from '../../utils/kb/import-pack';
import { getCardData } from '../../utils/kb/card-data';
import { validatePackText } from '../../utils/pack/parse-pack-text';
import { makeSyntheticPack } from './kb-synthetic-pack';

const RUNS = 5;
const LOOKUPS = 1000;
const WARMUP = 100;
const GOAL_RATIO = 1.5;
const GOAL_IMPORT_MS = 2000;
const GOAL_LOOKUP_P95_MS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

let dbCounter = 0;
const freshName = () => `kb-bench-${process.pid}-${++dbCounter}`;

export async function runKbBench(): Promise<{ lines: string[]; pass: boolean }> {
  const pack = makeSyntheticPack({ entities: 10_000, aliasesPerEntity: 5, seed: 7 });
  const aliasCount = pack.entities.reduce((n, e) => n + e.aliases.length, 0);
  const rows = pack.entities.map((e, ord) => ({ ...e, packId: pack.id, ord }));

  // Lookups first: measured after the imports, their p95 mostly timed the garbage collection of those imports.
  const lookupDb = openKb(freshName());
  await importPack(lookupDb, pack, 'bench');
  const lookups: number[] = [];
  let seed = 12345;
  // The first WARMUP lookups are not counted: they measure the JIT, not the store.
  for (let i = -WARMUP; i < LOOKUPS; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const entity = pack.entities[seed % pack.entities.length]!;
    const t0 = performance.now();
    const card = await getCardData(lookupDb, { kind: entity.kind, id: entity.id, date: '2025-06-01' });
    if (i >= 0) lookups.push(performance.now() - t0);
    if (!card) throw new Error(`no card for ${entity.id}`);
  }
  await lookupDb.delete();

  const importMs: number[] = [];
  const bulkMs: number[] = [];
  const reimportMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Alternate the order so neither side always runs on a warmer heap.
    const order = run % 2 ? (['bulk', 'import'] as const) : (['import', 'bulk'] as const);
    for (const which of order) {
      const db = openKb(freshName());
      await db.open();
      const t0 = performance.now();
      if (which === 'import') await importPack(db, pack, 'bench');
      else await db.entities.bulkPut(rows);
      const elapsed = performance.now() - t0;
      (which === 'import' ? importMs : bulkMs).push(elapsed);
      if (which === 'import') {
        // The update case: the same pack again, replacing its 10k rows.
        const t1 = performance.now();
        await importPack(db, pack, 'bench');
        reimportMs.push(performance.now() - t1);
      }
      await db.delete();
    }
  }


  const text = JSON.stringify(pack);
  const validateMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const checked = validatePackText(text);
    validateMs.push(performance.now() - t0);
    if (!checked.ok) throw new Error(`synthetic pack invalid: ${checked.errors[0]}`);
  }

  const imp = median(importMs);
  const bulk = median(bulkMs);
  const ratio = imp / bulk;
  const importPass = ratio <= GOAL_RATIO && imp <= GOAL_IMPORT_MS;
  const p50 = percentile(lookups, 50);
  const p95 = percentile(lookups, 95);
  const lookupPass = p95 <= GOAL_LOOKUP_P95_MS;
  const lines = [
    `kb: synthetic pack ${pack.entities.length} entities / ${aliasCount} aliases, medians of ${RUNS} runs (fake-indexeddb in Node)`,
    `import 10k entities: ${imp.toFixed(0)} ms, ratio ${ratio.toFixed(2)}× bulkPut ${bulk.toFixed(0)} ms (goal ≤ ${GOAL_RATIO}× and ≤ ${GOAL_IMPORT_MS} ms) ${verdict(importPass)}`,
    `re-import (replace 10k entities): ${median(reimportMs).toFixed(0)} ms (info)`,
    `parse + validate the ${(text.length / 1024 / 1024).toFixed(1)} MB pack text: ${median(validateMs).toFixed(0)} ms (info)`,
    `card lookup by id: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over ${LOOKUPS} lookups after ${WARMUP} warm-up (goal p95 ≤ ${GOAL_LOOKUP_P95_MS} ms) ${verdict(lookupPass)}`,
  ];
  return { lines, pass: importPass && lookupPass };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { lines, pass } = await runKbBench();
  for (const line of lines) console.log(line);
  process.exitCode = pass ? 0 : 1;
}
