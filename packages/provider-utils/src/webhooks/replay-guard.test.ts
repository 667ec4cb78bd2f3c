import { describe, expect, it } from 'vitest';
import { createInMemoryReplayStore, createReplayGuard, type ReplayGuardStore } from './replay-guard';

describe('createReplayGuard', () => {
  it('claims a key once within the window and again after it', async () => {
    let clock = 1_000_000;
    const guard = createReplayGuard({ windowSeconds: 600, store: createInMemoryReplayStore({ now: () => clock }) });
    expect(await guard.claim('job-1-completed')).toBe(true);
    expect(await guard.claim('job-1-completed')).toBe(false);
    expect(await guard.claim('job-1-failed')).toBe(true);
    clock += 599_999;
    expect(await guard.claim('job-1-completed')).toBe(false);
    clock += 1;
    expect(await guard.claim('job-1-completed')).toBe(true);
  });

  it('forgets a released key, so that the provider’s retry is handled', async () => {
    const guard = createReplayGuard();
    expect(await guard.claim('evt_1')).toBe(true);
    await guard.release('evt_1');
    expect(await guard.claim('evt_1')).toBe(true);
  });

  it('passes prefixed keys and the window to a custom store (e.g. Redis SET NX PX)', async () => {
    const calls: Array<[string, number]> = [];
    const seen = new Set<string>();
    const store: ReplayGuardStore = {
      add: async (key, ttlMs) => {
        calls.push([key, ttlMs]);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      },
      delete: (key) => {
        seen.delete(key);
      },
    };
    const guard = createReplayGuard({ store, windowSeconds: 86_400, keyPrefix: 'app:' });
    expect(await guard.claim('a')).toBe(true);
    expect(await guard.claim('a')).toBe(false);
    expect(calls).toStrictEqual([
      ['app:a', 86_400_000],
      ['app:a', 86_400_000],
    ]);
  });

  it('keeps at most maxEntries keys in memory, dropping the oldest', async () => {
    const store = createInMemoryReplayStore({ maxEntries: 2 });
    const guard = createReplayGuard({ store });
    await guard.claim('a');
    await guard.claim('b');
    await guard.claim('c');
    expect(await guard.claim('c')).toBe(false);
    expect(await guard.claim('b')).toBe(false);
    expect(await guard.claim('a')).toBe(true);
  });

  it('refuses a window that is not a positive number', () => {
    expect(() => createReplayGuard({ windowSeconds: 0 })).toThrow(RangeError);
  });
});
