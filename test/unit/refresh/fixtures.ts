/** Packs and feeds of our own making for the refresh tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoryPack } from '@/utils/model/pack';
import { rss } from './helpers';

const small = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/packs/valid-small.pack.json'), 'utf8')) as StoryPack;

/** The small valid pack with `fillers` extra unreferenced entities, so a shrunk version is still valid. */
export function bigPack(version: string, fillers: number, id = 'test-big'): StoryPack {
  const pack = structuredClone(small);
  pack.id = id;
  pack.version = version;
  pack.title = `Big test pack ${version}`;
  for (let i = 1; i <= fillers; i++) {
    pack.entities.push({
      id: `filler-${i}`,
      kind: 'term',
      name: `Filler term number ${i} v${version}`,
      aliases: [],
      roles: [],
      summary: `Filler ${i}, version ${version}.`,
      salience: 'context',
      sources: [pack.sources[0]!.id],
    });
  }
  return pack;
}

export function smallPackText(version = '1.0.0'): string {
  return JSON.stringify({ ...structuredClone(small), version });
}

export function deskFeed(extra: { title: string; link: string; date: string; summary?: string }[] = []): string {
  return rss('Talks Desk', [
    ...extra,
    {
      title: 'Araghchi says Iran is ready for more nuclear talks with the US',
      link: 'https://desk.example/araghchi-ready',
      date: '2026-06-30T10:00:00Z',
      summary: 'Iranian foreign minister Abbas Araghchi said Tehran was ready to continue the nuclear talks.',
    },
    {
      title: 'Witkoff to travel to Doha for US-Iran talks',
      link: 'https://desk.example/witkoff-doha',
      date: '2026-06-28T10:00:00Z',
    },
  ]);
}

/** An XML entity bomb ("billion laughs"): the parser must refuse the internal subset, never expand it. */
export function entityBomb(): string {
  const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('\n');
  return `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY l0 "lol">\n${levels}\n]>\n<rss version="2.0"><channel><title>&l10;</title></channel></rss>`;
}
