/**
 * The one message protocol of Backstory, declared once. Each map lists request → response per channel.
 * Content scripts run in the page's origin: their messages are untrusted and may only read, plus the single
 * "not this" write for their own site. Extension pages (popup, options) may change state.
 */
import type { Mention, ScanContext } from '../model/mention';
import type { CardData, LatestRoundView, SourceView } from './views';

/** A request with no fields besides its type. */
export type Empty = Record<never, never>;

/** Content script → background. */
export interface ContentRequests {
  scan: { req: { text: string; context: ScanContext }; res: { mentions: Mention[] } };
  card: { req: { kind: Mention['kind']; id: string; claimId?: string; date?: string; value?: number }; res: CardData | null };
  /** Asks for the `::highlight()` rules under this page load's random names, injected only on pages with mentions. */
  'inject-styles': { req: { names: HighlightNames }; res: { ok: boolean } };
}

export interface HighlightNames {
  entity: string;
  talks: string;
  figure: string;
}

/** Extension pages → background. */
export interface PageRequests {
  'latest-round': { req: Empty; res: LatestRoundView | null };
  'list-sources': { req: Empty; res: SourceView[] };
}

/** Popup → content script of the active tab. */
export interface TabRequests {
  'page-mentions': { req: Empty; res: { total: number; byKind: Partial<Record<Mention['kind'], number>> } };
}

export type ContentType = keyof ContentRequests;
export type PageType = keyof PageRequests;
export type TabType = keyof TabRequests;
export type BackgroundType = ContentType | PageType;
export type BackgroundRequests = ContentRequests & PageRequests;

export type Envelope<M, K extends keyof M> = M[K] extends { req: infer R } ? { type: K } & R : never;
export type Reply<M, K extends keyof M> = M[K] extends { res: infer R } ? R : never;

export const CONTENT_TYPES: readonly ContentType[] = ['scan', 'card', 'inject-styles'];
export const PAGE_TYPES: readonly PageType[] = ['latest-round', 'list-sources'];

export function isContentType(type: unknown): type is ContentType {
  return typeof type === 'string' && (CONTENT_TYPES as readonly string[]).includes(type);
}
export function isPageType(type: unknown): type is PageType {
  return typeof type === 'string' && (PAGE_TYPES as readonly string[]).includes(type);
}
