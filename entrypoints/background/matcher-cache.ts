import type { KbDatabase } from '@/utils/kb/db';
import { getKbRevision } from '@/utils/kb/active-packs';
import { loadPacks } from '@/utils/kb/load-packs';
import { buildIndex } from '@/utils/matcher/build-index';
import { matchMentions } from '@/utils/matcher/match-mentions';
import { MATCHER_INDEX_VERSION, type MatcherIndex } from '@/utils/matcher/matcher-index';
import type { Mention, ScanContext } from '@/utils/model/mention';

const INDEX_KEY = 'matcher-index';

interface StoredIndex {
  revision: number;
  index: MatcherIndex;
}

function isStoredIndex(value: unknown, revision: number): value is StoredIndex {
  const v = value as Partial<StoredIndex> | undefined;
  return v?.revision === revision && v.index?.version === MATCHER_INDEX_VERSION;
}

/**
 * One compiled matcher index per KB revision, built once and persisted, so a worker woken for a scan loads it
 * instead of rebuilding. Concurrent scans share one build.
 */
export function createMatcherCache(db: KbDatabase, whenReady: () => Promise<void>) {
  let cached: { revision: number; index: Promise<MatcherIndex> } | undefined;

  async function load(revision: number): Promise<MatcherIndex> {
    const stored = (await db.meta.get(INDEX_KEY))?.value;
    if (isStoredIndex(stored, revision)) return stored.index;
    const index = buildIndex(await loadPacks(db));
    await db.meta.put({ key: INDEX_KEY, value: { revision, index } satisfies StoredIndex });
    return index;
  }

  async function getIndex(): Promise<MatcherIndex> {
    await whenReady();
    const revision = await getKbRevision(db);
    if (cached?.revision !== revision) {
      const index = load(revision);
      cached = { revision, index };
      index.catch(() => {
        if (cached?.index === index) cached = undefined;
      });
    }
    return cached.index;
  }

  return {
    getIndex,
    async match(text: string, context: ScanContext): Promise<Mention[]> {
      return matchMentions(await getIndex(), text, context);
    },
  };
}
