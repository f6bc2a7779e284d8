/**
 * The one message protocol of Backstory, declared once. Each map lists request → response per channel.
 * Content scripts run in the page's origin: their messages are untrusted and may only read, plus the single
 * "not this" write for their own site. Extension pages (popup, options) may change state.
 */
import type { Mention, MentionKind, ScanContext } from '../model/mention';
import type { Settings } from '../model/settings';
import type {
  ArticleView,
  CardData,
  ChangesView,
  ImportPlan,
  LatestRoundView,
  NetworkLogView,
  PageSettings,
  SourceView,
  SuppressionView,
  TimelineItem,
} from './views';

/** A request with no fields besides its type. */
export type Empty = Record<never, never>;

/** Content script → background. */
export interface ContentRequests {
  scan: { req: { text: string; context: ScanContext }; res: { mentions: Mention[] } };
  card: { req: { kind: Mention['kind']; id: string; claimId?: string; date?: string; value?: number }; res: CardData | null };
  /** Asks for the `::highlight()` rules under this page load's random names, injected only on pages with mentions. */
  'inject-styles': { req: { names: HighlightNames }; res: { ok: boolean } };
  /** What this page may show, computed for the sender's own site (from `sender.tab.url`, not the message). */
  'page-settings': { req: Empty; res: PageSettings };
  /** The one write a content script may ask for: hide this mention's target on the sender's own site. Rate-limited. */
  'not-this': { req: { id: string }; res: { ok: boolean } };
  /**
   * A card's "Refresh": opens the toolbar popup (or, where the browser will not open it from here, the options page),
   * where the reader refreshes. Changes nothing and fetches nothing itself. Rate-limited per tab.
   */
  'show-freshness': { req: Empty; res: { ok: boolean } };
}

interface HighlightNames {
  entity: string;
  talks: string;
  figure: string;
}

/** A plain-words failure an extension page can show as it is. */
export type Failure = { ok: false; error: string; /** Every problem found, with its place (e.g. a JSON path). */ problems?: string[] };
export type Done<T = Empty> = ({ ok: true } & T) | Failure;

/** Extension pages → background. */
interface PageRequests {
  'latest-round': { req: Empty; res: LatestRoundView | null };
  'timeline': { req: Empty; res: TimelineItem[] };
  /** Latest feed items, newest first. */
  'latest-articles': { req: { limit?: number }; res: ArticleView[] };
  /** What changed since the reader last opened the popup (`markSeen` records now as seen; never in private windows). */
  'whats-new': { req: { markSeen: boolean }; res: ChangesView };
  'list-sources': { req: Empty; res: SourceView[] };
  /** Validates the URL (https, or http for localhost), stores the source and starts its first refresh. */
  'add-source': { req: { url: string; kind: 'pack' | 'feed' }; res: Done<{ source: SourceView }> };
  'update-source': { req: { id: string; enabled?: boolean; intervalMinutes?: number }; res: Done };
  'remove-source': { req: { id: string }; res: Done };
  /** Refreshes one source, or all enabled ones; progress is broadcast as `sources-changed`. */
  'refresh': { req: { id?: string }; res: Done };
  /** Applies a held-back pack update that would drop more than half of the pack's entities. */
  'confirm-pack-update': { req: { id: string }; res: Done };
  'get-settings': { req: Empty; res: Settings };
  /** Merges `patch` into the settings, repairs them, stores them and tells open tabs. */
  'set-settings': { req: { patch: Partial<Settings> }; res: Settings };
  'list-suppressions': { req: Empty; res: SuppressionView[] };
  'remove-suppression': { req: { site: string; id: string }; res: Done };
  /** Everything Backstory keeps (sources, settings, the reader's own data, packs inline) as one JSON text. */
  'export-data': { req: Empty; res: { json: string; fileName: string } };
  /** Validates an export file and says what importing it would change, without changing anything. */
  'plan-import': { req: { json: string }; res: Done<{ plan: ImportPlan }> };
  'apply-import': { req: { json: string }; res: Done<{ plan: ImportPlan }> };
  /** Deletes every source but the bundled pack, all settings and all user data. */
  'reset': { req: Empty; res: Done };
  /** Every request Backstory made (kept a week), newest first, at most `limit` (default 200). */
  'network-log': { req: { limit?: number }; res: NetworkLogView };
  'clear-network-log': { req: Empty; res: Done };
}

/** Background → extension pages (broadcast with runtime.sendMessage; nobody needs to answer). */
export interface PageEvents {
  'sources-changed': { sources: SourceView[] };
  'kb-changed': Empty;
}

/** Background → content scripts (tabs.sendMessage). */
export interface ContentEvents {
  /** Settings, suppressions or the KB changed: ask for page settings again and repaint. */
  'settings-changed': Empty;
  /** The keyboard shortcut: move to the next (1) or previous (-1) mention and open its card with focus inside. */
  'navigate': { direction: 1 | -1 };
}

/** Popup → content script of the active tab. */
export interface TabRequests {
  'page-mentions': {
    req: Empty;
    res: {
      total: number;
      /** The page's host name, so the popup can offer "pause on this site" without tab URL access. */
      site?: string;
      byKind: Partial<Record<MentionKind, number>>;
      /** One entry per painted mention, in reading order (capped at 500). */
      items: { index: number; kind: MentionKind; label: string; text: string }[];
    };
  };
  /** Scrolls the page to a mention and opens its card. */
  'show-mention': { req: { index: number }; res: { ok: boolean } };
}

export type ContentType = keyof ContentRequests;
export type PageType = keyof PageRequests;
export type TabType = keyof TabRequests;
export type BackgroundType = ContentType | PageType;
export type BackgroundRequests = ContentRequests & PageRequests;

export type Envelope<M, K extends keyof M> = M[K] extends { req: infer R } ? { type: K } & R : never;
export type Reply<M, K extends keyof M> = M[K] extends { res: infer R } ? R : never;

const CONTENT_TYPES: readonly ContentType[] = ['scan', 'card', 'inject-styles', 'page-settings', 'not-this', 'show-freshness'];

export function isContentType(type: unknown): type is ContentType {
  return typeof type === 'string' && (CONTENT_TYPES as readonly string[]).includes(type);
}

/** What the background answers when a handler throws; `client.ts` turns it back into a thrown Error. */
interface ErrorReply {
  backstoryError: string;
}

export function errorReply(message: string): ErrorReply {
  return { backstoryError: message };
}

export function isErrorReply(value: unknown): value is ErrorReply {
  return typeof value === 'object' && value !== null && typeof (value as ErrorReply).backstoryError === 'string';
}
