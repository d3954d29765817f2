/**
 * A short-lived cache of project COUNTS (never of lists or of My work's sections), one per app,
 * shared by GET /api/projects/counts and the portfolio of My work.
 *
 * Why: SQL visibility cannot group a count by a search attribute (api/projects/counts.ts), so the
 * counts of every step and status are ~15 CountWorkflowExecutions at once, and the dev server's
 * SQLite serializes them: at 6,768 projects the route cost p50 92 ms (245 ms with a status filter)
 * and My work 160 ms, against 50 ms asked (issue 12). Counts a few seconds old are good enough for
 * a portfolio; visibility is eventually consistent anyway.
 *
 * Requests for the same counts while they are being made share that one fan-out (lru-cache's
 * `fetch`), so a burst of page loads costs Temporal's visibility rate limit per namespace
 * (`frontend.namespaceRPS.visibility`) one fan-out, not one per request.
 *
 * An entry is never served older than the TTL, counted from when its counting began (not when it
 * ended), so `countedAt` is at most `ttlSeconds` old. A failed count is not kept.
 */
import { LRUCache } from 'lru-cache';

/** Counts and when they were made. */
export interface Counted<T> {
  counts: T;
  countedAt: Date;
}

/**
 * What identifies counts: the full visibility query (it holds the caller's scope clause and the
 * filters, so two scopes never share) and what is counted of it (the steps, the statuses, a fixed
 * step or status).
 */
export interface CountsKey {
  query: string;
  counting: unknown;
}

export interface CountsCache {
  /** How old counts may be (s); 0: the cache is off. */
  readonly ttlSeconds: number;
  /** The counts of `key`: fresh from `count`, or from an entry (or a counting under way) younger than the TTL. */
  counted<T>(key: CountsKey, count: () => Promise<T>): Promise<Counted<T>>;
}

export interface CountsCacheOptions {
  ttlSeconds: number;
  /** Bound on the memory: the least recently used counts go first. */
  maxEntries?: number;
  /** Monotonic milliseconds for the entries' age (a test moves it instead of sleeping). */
  monotonicNow?: () => number;
  /** Wall-clock milliseconds for `countedAt`. */
  wallClock?: () => number;
}

/** One entry per scope and filter combination in use; a few kB each. */
const DEFAULT_MAX_ENTRIES = 1_000;

export function createCountsCache({
  ttlSeconds,
  maxEntries = DEFAULT_MAX_ENTRIES,
  monotonicNow = () => performance.now(),
  wallClock = Date.now,
}: CountsCacheOptions): CountsCache {
  const countNow = async <T>(count: () => Promise<T>): Promise<Counted<T>> => {
    const countedAt = new Date(wallClock());
    return { counts: await count(), countedAt };
  };
  if (ttlSeconds === 0) return { ttlSeconds, counted: (_key, count) => countNow(count) };

  const ttlMs = ttlSeconds * 1_000;
  const entries = new LRUCache<string, Counted<unknown>, () => Promise<unknown>>({
    max: maxEntries,
    ttl: ttlMs,
    // Read the clock on every look-up: lru-cache otherwise reuses one reading for 1 ms.
    ttlResolution: 0,
    perf: { now: monotonicNow },
    // Counts made when their entry was evicted meanwhile still answer the requests that waited.
    ignoreFetchAbort: true,
    fetchMethod: async (_key, _stale, { options, context }) => {
      const began = monotonicNow();
      const counted = await countNow(context);
      // The entry's age starts at set time, after the counting: subtract the counting's duration.
      options.ttl = Math.max(1, ttlMs - (monotonicNow() - began));
      return counted;
    },
  });

  return {
    ttlSeconds,
    async counted<T>(key: CountsKey, count: () => Promise<T>): Promise<Counted<T>> {
      const cached = await entries.fetch(JSON.stringify([key.query, key.counting]), { context: count });
      // One key always names one kind of counts (the caller's `counting`), so its entry holds a T.
      return (cached as Counted<T> | undefined) ?? countNow(count);
    },
  };
}
