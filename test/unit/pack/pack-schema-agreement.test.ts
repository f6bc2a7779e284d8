/**
 * The published JSON Schema (data/pack.schema.json, for pack authors) and the validator must agree on which keys
 * exist and which are required; this catches one being changed without the other.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePack } from '@/utils/pack/validate-pack';
import { smallPack } from '../kb/kb-test-helpers';

const schemaPath = join(import.meta.dirname, '../../../data/pack.schema.json');

interface ObjectSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

/** Where each object definition of the schema has an instance in the small fixture. */
const INSTANCES: Record<string, (string | number)[]> = {
  '': [],
  talks: ['talks'],
  side: ['sides', 0],
  source: ['sources', 1],
  alias: ['entities', 0, 'aliases', 0],
  role: ['entities', 0, 'roles', 0],
  entity: ['entities', 3],
  track: ['tracks', 0],
  delegation: ['rounds', 0, 'delegations', 0],
  round: ['rounds', 2],
  claim: ['figures', 0, 'claims', 1],
  recognise: ['figures', 0, 'recognise'],
  figure: ['figures', 0],
  issue: ['issues', 0],
  position: ['positions', 2],
};

function pathText(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function objectAt(root: unknown, path: (string | number)[]): Record<string, unknown> {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root) as Record<string, unknown>;
}

describe.skipIf(!existsSync(schemaPath))('pack schema and validator agree', () => {
  const schema = (existsSync(schemaPath) ? JSON.parse(readFileSync(schemaPath, 'utf8')) : {}) as ObjectSchema & {
    $defs?: Record<string, ObjectSchema>;
  };
  const objects: [string, ObjectSchema][] = [
    ['', schema],
    ...Object.entries(schema.$defs ?? {}).filter(([, def]) => def.properties !== undefined),
  ];

  it('every object definition has a fixture instance', () => {
    expect(objects.map(([name]) => name).sort()).toEqual(Object.keys(INSTANCES).sort());
  });

  it.each(objects)('%s: each required key, when removed, is reported missing at its path', (name, def) => {
    const path = INSTANCES[name]!;
    for (const key of def.required ?? []) {
      const pack = smallPack();
      delete objectAt(pack, path)[key];
      const result = validatePack(pack);
      const where = path.length ? `${pathText(path)}.${key}` : key;
      expect(result.ok ? [] : result.errors, key).toContain(`${where}: is missing`);
    }
  });

  it.each(objects)('%s: each optional key may be left out; a key outside the schema is dropped', (name, def) => {
    const path = INSTANCES[name]!;
    const optional = Object.keys(def.properties ?? {}).filter((k) => !(def.required ?? []).includes(k) && k !== '$schema');
    for (const key of optional) {
      const pack = smallPack();
      const target = objectAt(pack, path);
      delete target[key];
      const result = validatePack(pack);
      expect(result.ok ? [] : result.errors, key).toEqual([]);
    }
    const pack = smallPack();
    objectAt(pack, path).notInSchema = 1;
    const result = validatePack(pack);
    const where = path.length ? `${pathText(path)}.notInSchema` : 'notInSchema';
    expect(result.warnings).toContain(`${where}: unknown key dropped`);
  });
});
