/**
 * The real chain for the hostile pack, without a browser: JSON text with forbidden keys and payload key names →
 * parsePackText → validatePack → importPack (Dexie on fake-indexeddb) → getCardData → Card. Every card shows its
 * payload fields as written and nothing but our own markup; every link is safe. Also: a pack that cites hostile URLs
 * directly in the KB (as an older or tampered database might) still yields only http(s) links in views.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Card } from '@/components/Card/Card';
import { getCardData } from '@/utils/kb/card-data';
import { openKb, type KbDatabase } from '@/utils/kb/db';
import { importPack } from '@/utils/kb/import-pack';
import type { CardData } from '@/utils/messaging/views';
import type { StoryPack } from '@/utils/model/pack';
import { parsePackText } from '@/utils/pack/parse-pack-text';
import { validatePack } from '@/utils/pack/validate-pack';
import { buildHostilePack, stringifyWithForbiddenKeys } from '../../security/hostile-packs.mjs';
import { generateHostileUrls } from '../../security/hostile-urls.mjs';
import { generatePayloads } from '../../security/payloads.mjs';

const PAYLOADS = generatePayloads();
const { pack, displayed } = buildHostilePack(PAYLOADS);
const NOW = Date.parse('2026-11-26T12:00:00Z');
const OUR_TAGS = new Set(['section', 'header', 'footer', 'p', 'h2', 'h3', 'button', 'div', 'bdi', 'span', 'strong', 'ul', 'ol', 'li', 'a', 'dl', 'dt', 'dd', 'details', 'summary', 'br']);

let db: KbDatabase;
beforeAll(async () => {
  db = openKb(`security-chain-${process.pid}`);
  const parsed = parsePackText(stringifyWithForbiddenKeys(pack, { payloadKeys: PAYLOADS.slice(0, 30).map((p) => p.text) }));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const result = validatePack(parsed.value);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  await importPack(db, result.pack, 'hostile', result.warnings);
});
afterAll(async () => {
  await db.delete();
});

function check(data: CardData | null, expected: string[]): string[] {
  if (!data) return ['no card data'];
  const problems: string[] = [];
  const { container } = render(<Card data={data} now={NOW} staleAfterDays={30} onNotThis={() => {}} onClose={() => {}} />);
  const text = container.textContent ?? '';
  for (const s of expected) if (!text.includes(s)) problems.push(`not shown as written: ${s.slice(0, 80)}`);
  for (const el of container.querySelectorAll('*')) {
    if (!OUR_TAGS.has(el.localName)) problems.push(`element <${el.localName}>`);
    for (const a of el.attributes) if (/^on/i.test(a.name)) problems.push(`<${el.localName} ${a.name}>`);
  }
  for (const a of container.querySelectorAll('a')) {
    const href = a.getAttribute('href') ?? '';
    const protocol = new URL(href).protocol;
    const ok = protocol === 'https:' || protocol === 'http:' || (protocol === 'mailto:' && a.classList.contains('bs-report'));
    if (!ok) problems.push(`link ${href}`);
    if (!/\bnoopener\b/.test(a.rel) || !/\bnoreferrer\b/.test(a.rel)) problems.push(`rel of ${href}: ${a.rel}`);
    if (protocol !== 'mailto:' && !text.includes(new URL(href).hostname)) problems.push(`host of ${href} not shown`);
  }
  cleanup();
  return problems;
}

describe('the hostile pack through validation, the KB and card data into cards', () => {
  it.each(pack.entities.map((e) => [e.name, e] as const))('entity card: %s', async (_name, entity) => {
    const data = await getCardData(db, { kind: entity.kind, id: entity.id, date: '2026-11-26' });
    expect(check(data, displayed[entity.id]!)).toEqual([]);
  });

  it('round card and the talks card', async () => {
    const round = await getCardData(db, { kind: 'round', id: 'round-q1', date: '2026-11-26' });
    expect(check(round, displayed['round:round-q1']!)).toEqual([]);
    const talks = await getCardData(db, { kind: 'talks', id: 'talks', date: '2026-11-26' });
    expect(talks?.type).toBe('round');
    expect(check(talks, displayed['round:round-q1']!)).toEqual([]);
  });

  it('figure card', async () => {
    const data = await getCardData(db, { kind: 'figure', id: 'quill-count', claimId: 'c1', value: 4321, date: '2026-11-26' });
    expect(check(data, displayed['figure:quill-count']!)).toEqual([]);
  });

  it('all payloads are shown by some card', async () => {
    const texts: string[] = [];
    for (const e of pack.entities) texts.push(...(displayed[e.id] ?? []));
    texts.push(...displayed['round:round-q1']!, ...displayed['figure:quill-count']!);
    const all = texts.join('\n');
    expect(PAYLOADS.filter((p) => !all.includes(p.text)).map((p) => p.id)).toEqual([]);
  });
});

describe('hostile URLs that reach the KB unvalidated never reach a view as links', () => {
  it('entity, round and figure cards drop every non-web source link', async () => {
    const urls = generateHostileUrls();
    const kb = openKb(`security-chain-urls-${process.pid}`);
    try {
      // Written straight to the KB, past the validator, as a database from an older version or a tampered one could be.
      const tampered: StoryPack = structuredClone(pack);
      tampered.id = 'tampered-urls';
      tampered.reportUrl = 'javascript:alert(1)';
      tampered.sources = urls.map((u, i) => ({ id: `u${i}`, url: u.url, publisher: `Publisher ${u.id}`, tier: 'outlet' }));
      const ids = tampered.sources.map((s) => s.id);
      for (const e of tampered.entities) e.sources = ids;
      for (const r of tampered.rounds) r.sources = ids;
      for (const c of tampered.figures[0]!.claims) c.sources = ids;
      await importPack(kb, tampered, 'tampered');
      const cards = [
        await getCardData(kb, { kind: 'person', id: 'zarvan-kelm' }),
        await getCardData(kb, { kind: 'round', id: 'round-q1' }),
        await getCardData(kb, { kind: 'figure', id: 'quill-count', claimId: 'c1' }),
      ];
      for (const card of cards) {
        expect(card).not.toBeNull();
        expect(card!.reportUrl).toBeUndefined();
        const links = [...card!.sources, ...(card!.type === 'figure' ? card!.claims.flatMap((c) => c.sources) : [])];
        for (const link of links) {
          const protocol = new URL(link.url).protocol;
          expect(['http:', 'https:'], link.url).toContain(protocol);
          expect(link.host).toBe(new URL(link.url).hostname);
        }
        expect(check(card, [])).toEqual([]);
      }
    } finally {
      await kb.delete();
    }
  });
});
