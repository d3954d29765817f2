/**
 * The counts cache on its own (api/projects/counts-cache.ts): single-flight per key, keys apart
 * per scope, off at 0 s, and expiry on a clock the test moves (lru-cache's `perf`), never a sleep.
 */
import { type CountsCacheOptions, createCountsCache } from '../../api/projects/counts-cache';

const SCOPED_TO_GENT = `WorkflowType = 'procurementWorkflow' AND Organisation = 'Stad Gent'`;
const SCOPED_TO_BRUGGE = `WorkflowType = 'procurementWorkflow' AND Organisation = 'Stad Brugge'`;

/** A counting function that says how often it ran and answers only when the test lets it. */
function heldCounting() {
  const started: ((value: number) => void)[] = [];
  const count = jest.fn(
    () =>
      new Promise<number>((resolve) => {
        started.push(resolve);
      }),
  );
  const answer = (index: number, value: number) => (started[index] as (value: number) => void)(value);
  return { count, answer };
}

/** A cache on clocks the test moves: monotonic ms for the TTL, wall ms for `countedAt`. */
function cacheOnTestClocks(options: Omit<CountsCacheOptions, 'monotonicNow' | 'wallClock'>) {
  const clock = { monotonic: 1_000, wall: Date.parse('2026-11-30T10:00:00Z') };
  const cache = createCountsCache({
    ...options,
    monotonicNow: () => clock.monotonic,
    wallClock: () => clock.wall,
  });
  const advance = (ms: number) => {
    clock.monotonic += ms;
    clock.wall += ms;
  };
  return { cache, clock, advance };
}

const key = (query: string) => ({ query, counting: 'matching' });

test('concurrent requests for the same counts share one counting and its answer', async () => {
  const { cache } = cacheOnTestClocks({ ttlSeconds: 5 });
  const { count, answer } = heldCounting();
  const first = cache.counted(key(SCOPED_TO_GENT), count);
  const second = cache.counted(key(SCOPED_TO_GENT), count);
  // The second waits for the counting the first started: one call, not two.
  await Promise.resolve();
  expect(count).toHaveBeenCalledTimes(1);
  answer(0, 42);
  const [a, b] = await Promise.all([first, second]);
  expect(a).toEqual(b);
  expect(a.counts).toBe(42);
  expect(count).toHaveBeenCalledTimes(1);
});

test('a later request within the TTL is answered from the entry, with the time it was counted', async () => {
  const { cache, clock, advance } = cacheOnTestClocks({ ttlSeconds: 5 });
  const countedAt = clock.wall;
  let calls = 0;
  const count = () => Promise.resolve(++calls);
  expect((await cache.counted(key(SCOPED_TO_GENT), count)).counts).toBe(1);
  advance(5_000);
  const again = await cache.counted(key(SCOPED_TO_GENT), count);
  expect(again).toEqual({ counts: 1, countedAt: new Date(countedAt) });
  expect(calls).toBe(1);
});

test('an entry older than the TTL is counted afresh, never served stale', async () => {
  const { cache, clock, advance } = cacheOnTestClocks({ ttlSeconds: 5 });
  let calls = 0;
  const count = () => Promise.resolve(++calls);
  await cache.counted(key(SCOPED_TO_GENT), count);
  advance(5_001);
  const afresh = await cache.counted(key(SCOPED_TO_GENT), count);
  expect(afresh).toEqual({ counts: 2, countedAt: new Date(clock.wall) });
});

test('the TTL runs from when the counting began, so a slow counting leaves its entry less time', async () => {
  const { cache, advance } = cacheOnTestClocks({ ttlSeconds: 5 });
  const { count, answer } = heldCounting();
  const first = cache.counted(key(SCOPED_TO_GENT), count);
  advance(3_000);
  answer(0, 7);
  await first;
  advance(2_001);
  const afterTtl = cache.counted(key(SCOPED_TO_GENT), count);
  await Promise.resolve();
  expect(count).toHaveBeenCalledTimes(2);
  answer(1, 8);
  expect((await afterTtl).counts).toBe(8);
});

test('different scopes and different counts of one query are counted apart', async () => {
  const { cache } = cacheOnTestClocks({ ttlSeconds: 5 });
  const count = jest.fn((answer: number) => Promise.resolve(answer));
  const gent = await cache.counted(key(SCOPED_TO_GENT), () => count(1));
  const brugge = await cache.counted(key(SCOPED_TO_BRUGGE), () => count(2));
  const gentPerStep = await cache.counted({ query: SCOPED_TO_GENT, counting: { fixed: {} } }, () => count(3));
  expect([gent.counts, brugge.counts, gentPerStep.counts]).toEqual([1, 2, 3]);
  expect(count).toHaveBeenCalledTimes(3);
});

test('at 0 seconds every request counts afresh, concurrent ones too', async () => {
  const { cache, clock, advance } = cacheOnTestClocks({ ttlSeconds: 0 });
  let calls = 0;
  const count = () => Promise.resolve(++calls);
  const [a, b] = await Promise.all([
    cache.counted(key(SCOPED_TO_GENT), count),
    cache.counted(key(SCOPED_TO_GENT), count),
  ]);
  expect([a.counts, b.counts].sort()).toEqual([1, 2]);
  advance(10);
  expect(await cache.counted(key(SCOPED_TO_GENT), count)).toEqual({
    counts: 3,
    countedAt: new Date(clock.wall),
  });
});

test('a failed counting is not kept: the next request counts again', async () => {
  const { cache } = cacheOnTestClocks({ ttlSeconds: 5 });
  const count = jest
    .fn<Promise<number>, []>()
    .mockRejectedValueOnce(new Error('visibility unavailable'))
    .mockResolvedValueOnce(9);
  await expect(cache.counted(key(SCOPED_TO_GENT), count)).rejects.toThrow('visibility unavailable');
  expect((await cache.counted(key(SCOPED_TO_GENT), count)).counts).toBe(9);
  expect(count).toHaveBeenCalledTimes(2);
});

test('the cache holds at most maxEntries counts: the least recently used is counted again', async () => {
  const { cache } = cacheOnTestClocks({ ttlSeconds: 5, maxEntries: 2 });
  const count = jest.fn(() => Promise.resolve(1));
  for (const organisation of ['A', 'B', 'C', 'A']) {
    await cache.counted(key(`Organisation = '${organisation}'`), count);
  }
  // A, B, C fill it and push A out; A is then counted again.
  expect(count).toHaveBeenCalledTimes(4);
  await cache.counted(key(`Organisation = 'C'`), count);
  expect(count).toHaveBeenCalledTimes(4);
});
