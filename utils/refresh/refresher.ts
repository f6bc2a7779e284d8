/**
 * The background refresh of remote packs and feeds (DESIGN.md, "The service worker keeps no state"): everything it
 * needs to know between wakes is in the KB — the schedule (`nextDue`), the validators, the failure count and a
 * per-source lock with an expiry. Each source's new data is written in one transaction, so a refresh that dies at any
 * point leaves the previous data, and the next refresh (once the lock has expired) completes it. DOM-free; the
 * clock, randomness, fetch and permission check are injected so tests can run a simulated week.
 */
import type { KbDatabase } from '../kb/db';
import { bumpKbRevision } from '../kb/active-packs';
import { importPack } from '../kb/import-pack';
import { PACK_CONTENT_TABLES, type ArticleRow, type SourceConfigRow } from '../kb/records';
import type { MatcherIndex } from '../matcher/matcher-index';
import type { StoryPack } from '../model/pack';
import { compareVersions } from '../pack/compare-versions';
import { validatePackText } from '../pack/parse-pack-text';
import { capArticles, toArticles, type FeedArticle } from '../sources/feed-items';
import { fetchFeed } from '../sources/fetch-feed';
import { fetchSource, type FetchSourceOptions } from '../sources/fetch-source';
import { looksLikeHtml } from '../sources/looks-like-html';
import type { SourceRequest } from '../sources/request-record';
import { isDue, nextDue } from '../sources/schedule';
import { articleMentions, extractReported, isReportedPackId, pruneReported, reportedPackId, type PackFacts } from './reported';
import { deletePack, readPackFacts, loadStoredPack } from './pack-store';

/** A lock older than this belongs to a refresh that died (fetches time out long before). */
export const LOCK_TTL_MS = 2 * 60_000;
export const MAX_PARALLEL = 4;
export const ARTICLE_CAPS = { perSource: 200, maxAgeDays: 180 } as const;
export const HELD_UPDATE_PREFIX = 'held-update:';

export const GONE_ERROR = 'The source no longer exists (410)';
export const HTML_INSTEAD_OF_PACK =
  'The address returned a web page, not a story pack (perhaps a login or error page). Check the pack address.';
/** Shown, not counted as a failure: a feed that suddenly lists nothing is more likely broken than quiet. */
export const EMPTY_FEED = 'The feed returned no items; the earlier items are kept';
export function permissionError(url: string): string {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the address as it is
  }
  return `Backstory no longer has permission to read ${host}`;
}

export interface HeldUpdate {
  pack: StoryPack;
  warnings: string[];
  version: string;
  entities: number;
  currentEntities: number;
  at: number;
}

export interface RefreshEvent {
  sourceId: string;
  phase: 'start' | 'end';
  /** The KB content changed (new pack data, a source disabled): tabs should repaint. */
  kbChanged: boolean;
}

export interface RefresherDeps {
  now(): number;
  random(): number;
  fetchImpl?: typeof fetch;
  /** Told about every request made for a source (the network log). */
  recordRequest?(request: SourceRequest): void | Promise<void>;
  hasOriginPermission(url: string): Promise<boolean>;
  /** The matcher index of the current KB, for reading feed items. */
  getIndex(): Promise<MatcherIndex>;
  onChange(event: RefreshEvent): void;
  timeoutMs?: number;
  maxBytes?: number;
  /** Identifies this worker life's locks. */
  owner?: string;
  /**
   * Only one background context runs per profile (MV3 service worker, Firefox event page): a lock held by another
   * owner belongs to an earlier, dead worker and is stale at once. Off in tests that run two refreshers together.
   */
  exclusive?: boolean;
  /** Test hook, called inside each source's write transaction before anything is written. */
  beforeWrite?(sourceId: string): void | Promise<void>;
}

export type RefreshOutcome =
  | { id: string; status: 'updated' | 'not-modified' | 'held' }
  | { id: string; status: 'skipped'; reason: 'locked' | 'disabled' | 'not-due' | 'not-remote' | 'missing' }
  | { id: string; status: 'error'; error: string };

export interface Refresher {
  /** Refreshes one source (due or not), or every enabled remote source. */
  refresh(id?: string): Promise<RefreshOutcome[]>;
  /** Refreshes the enabled remote sources whose `nextDue` has passed. */
  refreshDue(): Promise<RefreshOutcome[]>;
  /** Applies a held-back pack update. */
  confirmPackUpdate(id: string): Promise<{ ok: true } | { ok: false; error: string }>;
  /** Ids of the sources this worker is refreshing now. */
  running(): ReadonlySet<string>;
}

type Fetched =
  | { kind: 'pack'; pack: StoryPack; warnings: string[]; finalUrl: string; etag?: string; lastModified?: string; maxAgeSeconds?: number }
  | { kind: 'feed'; title: string; articles: FeedArticle[]; items: number; finalUrl: string; etag?: string; lastModified?: string; maxAgeSeconds?: number }
  | { kind: 'not-modified'; finalUrl: string; maxAgeSeconds?: number }
  | { kind: 'gone' }
  | { kind: 'error'; error: string; retryAfterSeconds?: number };

const packTables = (db: KbDatabase) => [...PACK_CONTENT_TABLES.map((name) => db.table(name)), db.packs, db.sourceConfigs, db.meta];

export function heldKey(sourceId: string): string {
  return HELD_UPDATE_PREFIX + sourceId;
}

function isRemote(config: SourceConfigRow): config is SourceConfigRow & { url: string } {
  return (config.kind === 'pack' || config.kind === 'feed') && typeof config.url === 'string';
}

export function createRefresher(db: KbDatabase, deps: RefresherDeps): Refresher {
  const owner = deps.owner ?? `w-${Math.floor(deps.random() * 1e12).toString(36)}`;
  /** A listener's failure (no page open to receive a broadcast) must never stop a refresh. */
  const notify = (event: RefreshEvent): void => {
    try {
      deps.onChange(event);
    } catch {
      // nobody listening
    }
  };
  const active = new Set<string>();

  function isStale(config: SourceConfigRow, now: number): boolean {
    const since = config.refreshingSince;
    if (since === undefined) return true;
    if (now - since > LOCK_TTL_MS || since - now > LOCK_TTL_MS) return true;
    if (config.refreshOwner === owner) return !active.has(config.id);
    return deps.exclusive === true;
  }

  /** Takes the source's lock; undefined when another refresh holds a live one. */
  async function acquire(id: string): Promise<{ config: SourceConfigRow; since: number } | 'locked' | 'missing'> {
    return db.transaction('rw', db.sourceConfigs, async () => {
      const config = await db.sourceConfigs.get(id);
      if (!config) return 'missing' as const;
      const now = deps.now();
      if (!isStale(config, now)) return 'locked' as const;
      await db.sourceConfigs.update(id, { refreshingSince: now, refreshOwner: owner });
      return { config: { ...config, refreshingSince: now, refreshOwner: owner }, since: now };
    });
  }

  function holdsLock(config: SourceConfigRow | undefined, since: number): boolean {
    return config?.refreshingSince === since && config.refreshOwner === owner;
  }

  async function fetchOne(config: SourceConfigRow & { url: string }): Promise<Fetched> {
    // The validators were stored with the final address they came from (`validatorUrl`); a source's address only
    // changes by remove + add, which drops them, so they always belong to this source.
    const opts: FetchSourceOptions = {
      ...(config.etag ? { etag: config.etag } : {}),
      ...(config.lastModified ? { lastModified: config.lastModified } : {}),
      ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
      ...(deps.maxBytes !== undefined ? { maxBytes: deps.maxBytes } : {}),
      ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
      ...(deps.recordRequest ? { record: (r) => deps.recordRequest?.({ ...r, sourceId: config.id, sourceTitle: config.title }) } : {}),
      now: deps.now,
    };
    if (config.kind === 'feed') {
      const result = await fetchFeed(config.url, opts);
      if (result.status === 'ok') {
        const now = deps.now();
        const articles = toArticles(result.feed.items, config.id, now);
        return {
          kind: 'feed',
          title: result.feed.title,
          articles,
          items: result.feed.items.length,
          finalUrl: result.finalUrl,
          ...pick(result, 'etag', 'lastModified', 'maxAgeSeconds'),
        };
      }
      return settle(result);
    }
    const result = await fetchSource(config.url, opts);
    if (result.status !== 'ok') return settle(result);
    if (looksLikeHtml(result.body, result.contentType)) return { kind: 'error', error: HTML_INSTEAD_OF_PACK };
    const checked = validatePackText(result.body);
    if (!checked.ok) {
      const more = checked.errors.length > 1 ? ` (and ${checked.errors.length - 1} more problems)` : '';
      return { kind: 'error', error: `The story pack is not valid: ${checked.errors[0] ?? 'unknown problem'}${more}` };
    }
    return {
      kind: 'pack',
      pack: checked.pack,
      warnings: checked.warnings,
      finalUrl: result.finalUrl,
      ...pick(result, 'etag', 'lastModified', 'maxAgeSeconds'),
    };
  }

  function settle(result: Awaited<ReturnType<typeof fetchSource>>): Fetched {
    if (result.status === 'not-modified') return { kind: 'not-modified', finalUrl: result.finalUrl, ...pick(result, 'maxAgeSeconds') };
    if (result.status === 'gone') return { kind: 'gone' };
    if (result.status === 'error') return { kind: 'error', error: result.error, ...pick(result, 'retryAfterSeconds') };
    return { kind: 'error', error: 'Unexpected answer' };
  }

  /** Status after an attempt: the schedule, validators and plain-words error. */
  function statusPatch(config: SourceConfigRow, fetched: Fetched, now: number): Partial<SourceConfigRow> {
    const base = { lastAttempt: now, refreshingSince: undefined, refreshOwner: undefined, permissionMissing: undefined };
    if (fetched.kind === 'error') {
      const failures = (config.failures ?? 0) + 1;
      return {
        ...base,
        failures,
        lastError: fetched.error,
        nextDue: nextDue({
          now,
          intervalMinutes: config.intervalMinutes,
          failures,
          random: deps.random,
          ...(config.lastSuccess !== undefined ? { lastSuccess: config.lastSuccess } : {}),
          ...(fetched.retryAfterSeconds !== undefined ? { retryAfterSeconds: fetched.retryAfterSeconds } : {}),
        }),
      };
    }
    if (fetched.kind === 'gone') {
      return { ...base, enabled: false, failures: 0, lastError: GONE_ERROR, nextDue: undefined };
    }
    const validators =
      fetched.kind === 'not-modified'
        ? {}
        : { etag: fetched.etag, lastModified: fetched.lastModified, validatorUrl: fetched.finalUrl };
    return {
      ...base,
      ...validators,
      failures: 0,
      lastError: undefined,
      lastSuccess: now,
      nextDue: nextDue({
        now,
        intervalMinutes: config.intervalMinutes,
        failures: 0,
        lastSuccess: now,
        random: deps.random,
        ...(fetched.maxAgeSeconds !== undefined ? { maxAgeSeconds: fetched.maxAgeSeconds } : {}),
      }),
      ...(fetched.kind === 'feed' ? { items: fetched.items } : {}),
      ...(fetched.kind === 'pack' ? { items: fetched.pack.entities.length } : {}),
    };
  }

  /** Writes one source's result and status in one transaction; false when the lock was taken over meanwhile. */
  async function store(config: SourceConfigRow, since: number, fetched: Fetched): Promise<{ written: boolean; kbChanged: boolean; held: boolean }> {
    const now = deps.now();
    // Reading feed items needs the matcher index, which must not be built inside the write transaction.
    let reported: StoryPack | null | undefined;
    let articles: ArticleRow[] | undefined;
    if (fetched.kind === 'feed') {
      const index = await deps.getIndex();
      const previous = await db.articles.where('sourceId').equals(config.id).toArray();
      const merged = capArticles([...fetched.articles, ...previous.map(toFeedArticle)], { ...ARTICLE_CAPS, now });
      articles = merged.map((a) => ({ url: a.url, id: a.id, sourceId: a.sourceId, title: a.title, date: a.date, summary: a.summary, ...articleMentions(index, a) }));
      const facts = await readPackFacts(db);
      reported = extractReported(index, merged, facts, { sourceId: config.id, feedTitle: fetched.title || config.title, now });
    }

    const tables = [...packTables(db), db.articles];
    return db.transaction('rw', tables, async () => {
      const current = await db.sourceConfigs.get(config.id);
      if (!current || !holdsLock(current, since)) return { written: false, kbChanged: false, held: false };
      await deps.beforeWrite?.(config.id);
      let kbChanged = false;
      let held = false;
      const patch = statusPatch(current, fetched, now);
      if (fetched.kind === 'pack') {
        const existing = await db.packs.get(fetched.pack.id);
        const owner = existing && existing.sourceId !== config.id ? await db.sourceConfigs.get(existing.sourceId) : undefined;
        if (existing && owner?.enabled && compareVersions(existing.version, fetched.pack.version) > 0) {
          // Another source (e.g. the bundled pack) holds a newer copy of this pack: never downgrade it.
          patch.lastError = `Version ${fetched.pack.version} is older than the copy in use (${existing.version}); the newer copy is kept.`;
          await db.sourceConfigs.update(config.id, patch);
          return { written: true, kbChanged: false, held: false };
        }
        const currentEntities = existing ? await db.entities.where('packId').equals(existing.id).primaryKeys() : [];
        const kept = new Set(fetched.pack.entities.map((e) => e.id));
        const dropped = currentEntities.filter((key) => !kept.has(String((key as [string, string])[1]))).length;
        if (currentEntities.length > 0 && dropped * 2 > currentEntities.length) {
          const hold: HeldUpdate = {
            pack: fetched.pack,
            warnings: fetched.warnings,
            version: fetched.pack.version,
            entities: fetched.pack.entities.length,
            currentEntities: currentEntities.length,
            at: now,
          };
          await db.meta.put({ key: heldKey(config.id), value: hold });
          held = true;
          patch.lastError = `Update to version ${hold.version} held back: it would remove ${dropped} of ${currentEntities.length} entities. Confirm it to apply.`;
        } else {
          await importPack(db, fetched.pack, config.id, fetched.warnings);
          await db.meta.delete(heldKey(config.id));
          await pruneAllReported(db);
          kbChanged = true;
        }
      } else if (fetched.kind === 'feed' && articles) {
        await db.articles.where('sourceId').equals(config.id).delete();
        await db.articles.bulkPut(articles);
        kbChanged = await replaceReported(db, config.id, reported ?? null);
      } else if (fetched.kind === 'gone') {
        await bumpKbRevision(db);
        kbChanged = true;
      }
      if (fetched.kind === 'feed' && fetched.items === 0) patch.lastError = EMPTY_FEED;
      // Keep `title` of a feed current; a pack source's title is its pack's.
      if (fetched.kind === 'feed' && fetched.title) patch.title = fetched.title;
      if (fetched.kind === 'pack') patch.title = fetched.pack.title;
      await db.sourceConfigs.update(config.id, patch);
      return { written: true, kbChanged, held };
    });
  }

  async function release(id: string, since: number, patch: Partial<SourceConfigRow>): Promise<void> {
    await db.transaction('rw', db.sourceConfigs, async () => {
      const current = await db.sourceConfigs.get(id);
      if (holdsLock(current, since)) await db.sourceConfigs.update(id, { ...patch, refreshingSince: undefined, refreshOwner: undefined });
    });
  }

  /** Refreshes running in this worker life: a second request for the same source waits for the first. */
  const inProgress = new Map<string, Promise<RefreshOutcome>>();

  async function refreshOne(id: string, force: boolean): Promise<RefreshOutcome> {
    const running = inProgress.get(id);
    if (running) return running;
    const started = startOne(id, force);
    inProgress.set(id, started);
    try {
      return await started;
    } finally {
      if (inProgress.get(id) === started) inProgress.delete(id);
    }
  }

  async function startOne(id: string, force: boolean): Promise<RefreshOutcome> {
    const initial = await db.sourceConfigs.get(id);
    if (!initial) return { id, status: 'skipped', reason: 'missing' };
    if (!isRemote(initial)) return { id, status: 'skipped', reason: 'not-remote' };
    if (!initial.enabled) return { id, status: 'skipped', reason: 'disabled' };
    if (!force && !isDue(initial, deps.now())) return { id, status: 'skipped', reason: 'not-due' };
    active.add(id);
    try {
      return await withSlot(() => lockAndRefresh(id));
    } finally {
      active.delete(id);
    }
  }

  /** At most MAX_PARALLEL sources are fetched at once, however many `refresh` calls overlap. */
  let free = MAX_PARALLEL;
  const queue: (() => void)[] = [];
  async function withSlot<T>(run: () => Promise<T>): Promise<T> {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => queue.push(resolve));
    try {
      return await run();
    } finally {
      const next = queue.shift();
      if (next) next();
      else free++;
    }
  }

  async function lockAndRefresh(id: string): Promise<RefreshOutcome> {
    {
      const lock = await acquire(id);
      if (lock === 'missing') return { id, status: 'skipped', reason: 'missing' };
      if (lock === 'locked') return { id, status: 'skipped', reason: 'locked' };
      const { config, since } = lock;
      notify({ sourceId: id, phase: 'start', kbChanged: false });
      let kbChanged = false;
      try {
        const url = config.url as string;
        if (!(await deps.hasOriginPermission(url))) {
          const now = deps.now();
          const error = permissionError(url);
          await release(id, since, {
            lastAttempt: now,
            permissionMissing: true,
            lastError: error,
            nextDue: now + Math.max(15, config.intervalMinutes) * 60_000,
          });
          return { id, status: 'error', error };
        }
        // Whatever goes wrong in fetching or reading (a parser bug, a bad byte), the status says so and the lock goes.
        const fetched = await fetchOne(config as SourceConfigRow & { url: string }).catch(
          (error: unknown): Fetched => ({ kind: 'error', error: `Unexpected problem while reading the source: ${(error as Error)?.message ?? String(error)}` }),
        );
        let result: Awaited<ReturnType<typeof store>>;
        try {
          result = await store(config, since, fetched);
        } catch (error) {
          // The write failed (quota, a bad row): the transaction rolled back and the previous data stands.
          const message = `The new data could not be saved: ${(error as Error).message}`;
          await release(id, since, { lastAttempt: deps.now(), lastError: message, failures: (config.failures ?? 0) + 1 });
          return { id, status: 'error', error: message };
        }
        kbChanged = result.kbChanged;
        if (!result.written) return { id, status: 'skipped', reason: 'locked' };
        if (fetched.kind === 'error') return { id, status: 'error', error: fetched.error };
        if (fetched.kind === 'gone') return { id, status: 'error', error: GONE_ERROR };
        if (result.held) return { id, status: 'held' };
        return { id, status: fetched.kind === 'not-modified' ? 'not-modified' : 'updated' };
      } finally {
        notify({ sourceId: id, phase: 'end', kbChanged });
      }
    }
  }

  async function runAll(ids: readonly string[], force: boolean): Promise<RefreshOutcome[]> {
    const outcomes: RefreshOutcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        try {
          outcomes.push(await refreshOne(id, force));
        } catch (error) {
          outcomes.push({ id, status: 'error', error: (error as Error).message });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL, ids.length) }, worker));
    return outcomes;
  }

  async function remoteIds(filter: (c: SourceConfigRow) => boolean): Promise<string[]> {
    const configs = await db.sourceConfigs.toArray();
    return configs.filter((c) => isRemote(c) && c.enabled && filter(c)).map((c) => c.id);
  }

  return {
    async refresh(id) {
      if (id !== undefined) return [await refreshOne(id, true)];
      return runAll(await remoteIds(() => true), true);
    },
    async refreshDue() {
      const now = deps.now();
      return runAll(await remoteIds((c) => isDue(c, now)), false);
    },
    async confirmPackUpdate(id) {
      const held = (await db.meta.get(heldKey(id)))?.value as HeldUpdate | undefined;
      if (!held?.pack) return { ok: false, error: 'There is no held-back update for this source.' };
      const config = await db.sourceConfigs.get(id);
      if (!config) return { ok: false, error: 'No such source.' };
      await db.transaction('rw', packTables(db), async () => {
        await importPack(db, held.pack, id, held.warnings);
        await db.meta.delete(heldKey(id));
        await db.sourceConfigs.update(id, { lastError: undefined, items: held.pack.entities.length, title: held.pack.title });
        await pruneAllReported(db);
      });
      notify({ sourceId: id, phase: 'end', kbChanged: true });
      return { ok: true };
    },
    running: () => active,
  };
}

function pick<T extends object, K extends keyof T>(obj: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (obj[key] !== undefined) out[key] = obj[key];
  return out;
}

function toFeedArticle(row: ArticleRow): FeedArticle {
  return {
    id: row.id ?? `${row.sourceId}|${row.url}`,
    sourceId: row.sourceId,
    url: row.url,
    title: row.title,
    date: row.date ?? new Date(0).toISOString(),
    summary: row.summary ?? '',
  };
}

/**
 * Replaces a feed's reported pack (inside the caller's transaction). Importing bumps the KB revision, which
 * rebuilds the matcher index: done only when the reported facts changed.
 */
async function replaceReported(db: KbDatabase, sourceId: string, pack: StoryPack | null): Promise<boolean> {
  const packId = reportedPackId(sourceId);
  const stored = await db.packs.get(packId);
  if (!pack) {
    if (!stored) return false;
    await deletePack(db, packId);
    await bumpKbRevision(db);
    return true;
  }
  if (stored && fingerprint(await loadStoredPack(db, packId)) === fingerprint(pack)) return false;
  await importPack(db, pack, sourceId);
  return true;
}

function fingerprint(pack: StoryPack | undefined): string {
  return pack ? JSON.stringify([pack.rounds, pack.figures, pack.sources]) : '';
}

/** After a pack import: reported rounds and claims the packs now confirm disappear (inside the caller's transaction). */
async function pruneAllReported(db: KbDatabase): Promise<void> {
  const facts: PackFacts = await readPackFacts(db);
  for (const info of await db.packs.toArray()) {
    if (!isReportedPackId(info.id)) continue;
    const pack = await loadStoredPack(db, info.id);
    if (!pack) continue;
    const pruned = pruneReported(pack, facts);
    if (!pruned) await deletePack(db, info.id);
    else if (fingerprint(pruned) !== fingerprint(pack)) await importPack(db, pruned, info.sourceId);
  }
}
