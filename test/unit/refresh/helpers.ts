import bundled from '@/data/us-iran-talks.pack.json';
import type { KbDatabase } from '@/utils/kb/db';
import { importPack } from '@/utils/kb/import-pack';
import { loadPacks } from '@/utils/kb/load-packs';
import { buildIndex } from '@/utils/matcher/build-index';
import type { MatcherIndex } from '@/utils/matcher/matcher-index';
import type { StoryPack } from '@/utils/model/pack';
import { createRefresher, type RefresherDeps } from '@/utils/refresh/refresher';

export function bundledPack(): StoryPack {
  return structuredClone(bundled) as unknown as StoryPack;
}

export const bundledIndex: MatcherIndex = buildIndex([bundledPack()]);

export async function withBundled(db: KbDatabase): Promise<void> {
  await importPack(db, bundledPack(), 'bundled');
}

/** A clock the test moves by hand. */
export function fakeClock(start = Date.parse('2026-07-01T08:00:00Z')) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
}

export function refresherFor(db: KbDatabase, clock: { now(): number }, extra: Partial<RefresherDeps> = {}) {
  const events: { sourceId: string; phase: string }[] = [];
  const refresher = createRefresher(db, {
    now: clock.now,
    random: () => 0.5,
    hasOriginPermission: async () => true,
    getIndex: async () => buildIndex(await loadPacks(db)),
    onChange: (e) => events.push(e),
    timeoutMs: 2000,
    ...extra,
  });
  return { refresher, events };
}

/** RSS text of our own making: `items` newest first. */
export function rss(title: string, items: { title: string; link: string; date: string; summary?: string }[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${escape(title)}</title><link>https://desk.example/</link>
${items
  .map(
    (i) => `<item><title>${escape(i.title)}</title><link>${escape(i.link)}</link><guid>${escape(i.link)}</guid>
<pubDate>${new Date(i.date).toUTCString()}</pubDate><description>${escape(i.summary ?? '')}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}
