import { DEFAULT_WEBHOOK_TOLERANCE_SECONDS } from './webhook-crypto';

/** Default time a delivery key is remembered: twice the default timestamp tolerance (600 s). */
export const DEFAULT_REPLAY_WINDOW_SECONDS = 2 * DEFAULT_WEBHOOK_TOLERANCE_SECONDS;

/** Default most keys the in-memory store keeps. */
export const DEFAULT_REPLAY_STORE_MAX_ENTRIES = 100_000;

/**
 * Where a {@link ReplayGuard} remembers the keys it has seen. Implement it
 * over a shared store when several instances receive webhooks, e.g. Redis:
 *
 * ```ts
 * const store: ReplayGuardStore = {
 *   add: async (key, ttlMs) => (await redis.set(key, '1', 'PX', ttlMs, 'NX')) === 'OK',
 *   delete: async (key) => void (await redis.del(key)),
 * };
 * ```
 */
export type ReplayGuardStore = {
  /**
   * Records `key` for `ttlMs` milliseconds unless it is already recorded, and
   * returns whether it was new. Must be atomic (check and set in one step,
   * like Redis `SET key 1 NX PX ttlMs`): two concurrent calls with the same
   * key must not both return `true`.
   */
  add(key: string, ttlMs: number): boolean | PromiseLike<boolean>;
  /** Forgets `key` (used by {@link ReplayGuard.release}). */
  delete(key: string): void | PromiseLike<void>;
};

/** Settings of {@link createReplayGuard}. */
export type ReplayGuardSettings = {
  /**
   * How long a key is remembered, in seconds. Default: 600, twice the
   * verifiers' default `toleranceSeconds`, so that a delivery is remembered
   * for as long as its signed timestamp is accepted (a timestamp may lie up
   * to `toleranceSeconds` in the future). Keep it at least
   * `2 × toleranceSeconds`; make it longer (e.g. a day) to also skip the
   * provider's own retries of a delivery you already handled (fal retries
   * for 2 hours).
   */
  windowSeconds?: number;
  /** Where keys are kept. Default: an in-memory store of this process ({@link createInMemoryReplayStore}). */
  store?: ReplayGuardStore;
  /** Prefix of every key in the store. Default: `'videogen:webhook:'`. */
  keyPrefix?: string;
};

/**
 * Remembers the deliveries a webhook route has handled, so that a replayed
 * (or re-delivered) delivery is handled once. Key it by **signed** data only
 * (what the verifier returns), never by an unsigned header.
 */
export type ReplayGuard = {
  /**
   * Records `key` and returns `true` the first time it is seen within the
   * window, `false` for a repeat (answer it with 2xx and do nothing).
   */
  claim(key: string): Promise<boolean>;
  /** Forgets `key`, when handling a claimed delivery failed and the provider's retry should be handled. */
  release(key: string): Promise<void>;
};

/**
 * Creates a {@link ReplayGuard}: call `claim(key)` after a delivery was
 * verified, with a key from the signed data (OpenRouter: `idempotencyKey`;
 * fal: `request_id`; OpenAI: the event's `id`; Standard Webhooks: the
 * `webhook-id` header, which is signed).
 *
 * @example
 * const guard = createReplayGuard(); // in memory; pass `store` for several instances
 * const { payload, idempotencyKey } = await verifyOpenRouterWebhook({ body, headers, secret });
 * if (!(await guard.claim(`openrouter:${idempotencyKey}`))) return new Response(null, { status: 204 });
 */
export function createReplayGuard(settings: ReplayGuardSettings = {}): ReplayGuard {
  const { windowSeconds = DEFAULT_REPLAY_WINDOW_SECONDS, keyPrefix = 'videogen:webhook:' } = settings;
  if (!(windowSeconds > 0) || !Number.isFinite(windowSeconds)) {
    throw new RangeError(`windowSeconds must be a positive number of seconds, got ${windowSeconds}.`);
  }
  const store = settings.store ?? createInMemoryReplayStore();
  const ttlMs = Math.ceil(windowSeconds * 1000);
  return {
    async claim(key) {
      return await store.add(keyPrefix + key, ttlMs);
    },
    async release(key) {
      await store.delete(keyPrefix + key);
    },
  };
}

/**
 * A {@link ReplayGuardStore} in this process's memory: each key is kept
 * until its time is up, at most `maxEntries` keys (the oldest are dropped
 * first). It protects one instance only; use a shared store (Redis …) when
 * several instances receive webhooks.
 */
export function createInMemoryReplayStore({
  maxEntries = DEFAULT_REPLAY_STORE_MAX_ENTRIES,
  now = Date.now,
}: {
  /** Most keys kept. Default: 100 000. */
  maxEntries?: number;
  /** The clock in ms, for tests. Default: `Date.now`. */
  now?: () => number;
} = {}): ReplayGuardStore {
  // Insertion order is expiry order when every key gets the same time to live.
  const expiries = new Map<string, number>();
  const sweep = (time: number) => {
    for (const [key, expiresAt] of expiries) {
      if (expiresAt > time) break;
      expiries.delete(key);
    }
  };
  return {
    add(key, ttlMs) {
      const time = now();
      sweep(time);
      const expiresAt = expiries.get(key);
      if (expiresAt !== undefined && expiresAt > time) return false;
      expiries.delete(key);
      expiries.set(key, time + ttlMs);
      while (expiries.size > maxEntries) expiries.delete(expiries.keys().next().value as string);
      return true;
    },
    delete(key) {
      expiries.delete(key);
    },
  };
}
