import type { PageSettings } from '@/utils/messaging/views';
import type { Entry } from './mark-index';

/**
 * Which of the marks found are shown under the reader's settings: the kinds chosen, ids suppressed for this site
 * (stored, or chosen with "not this" a moment ago), and "first mention only".
 */
interface MarkFilter {
  passes(entry: Entry): boolean;
  /** The marks to show out of `all`; with "first mention only", each thing's first in reading order. */
  shown(all: readonly Entry[], inReadingOrder: (list: Entry[]) => Entry[]): Entry[];
  /** "Not this" on this page: hidden here at once, before the background's suppressions say so. */
  suppress(id: string): void;
  /** New settings arrived: their suppressions include the local ones, which are forgotten. */
  settle(): void;
}

export function createMarkFilter(settings: () => PageSettings | null): MarkFilter {
  let localSuppressed = new Set<string>();

  function passes(entry: Entry): boolean {
    const s = settings();
    if (!s?.active) return false;
    const { kind, id } = entry.mention;
    return s.kinds.includes(kind) && !s.suppressed.includes(id) && !localSuppressed.has(id);
  }

  return {
    passes,
    shown(all, inReadingOrder) {
      const passing = all.filter(passes);
      if (settings()?.markMode !== 'first') return passing;
      const seen = new Set<string>();
      return inReadingOrder(passing).filter((e) => {
        const key = `${e.mention.kind === 'figure' ? 'figure' : 'thing'}:${e.mention.id}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
    suppress: (id) => void localSuppressed.add(id),
    settle() {
      localSuppressed = new Set();
    },
  };
}
