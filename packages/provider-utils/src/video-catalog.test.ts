import type { VideoModelV3CatalogEntry } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { cachedVideoModelCatalog, staticVideoModelCatalog } from './video-catalog';

describe('staticVideoModelCatalog', () => {
  it('lists every model id with its capabilities, names where given, and no price', () => {
    expect(
      staticVideoModelCatalog({
        provider: 'acme.video',
        modelIds: ['a', 'b'],
        capabilities: (id) => (id === 'a' ? { durations: [5] } : undefined),
        names: { a: 'Model A' },
      }),
    ).toEqual([
      { modelId: 'a', provider: 'acme.video', name: 'Model A', capabilities: { durations: [5] }, source: 'static' },
      { modelId: 'b', provider: 'acme.video', capabilities: {}, source: 'static' },
    ]);
  });
});

describe('cachedVideoModelCatalog', () => {
  const entry = (modelId: string): VideoModelV3CatalogEntry => ({
    modelId,
    provider: 'acme.video',
    capabilities: {},
    source: 'live',
  });

  it('asks once, reuses the answer until the ttl or a refresh, and never caches a failure', async () => {
    let time = 0;
    let calls = 0;
    let fail = false;
    const list = cachedVideoModelCatalog(
      async () => {
        calls++;
        if (fail) throw new Error('down');
        return [entry(`m${calls}`)];
      },
      { ttlMs: 1000, now: () => time },
    );
    const [first, second] = await Promise.all([list(), list()]);
    expect(first).toEqual([entry('m1')]);
    expect(second).toBe(first);
    time = 999;
    expect(await list()).toEqual([entry('m1')]);
    expect(await list({ refresh: true })).toEqual([entry('m2')]);
    time = 2000;
    fail = true;
    await expect(list()).rejects.toThrow('down');
    fail = false;
    expect(await list()).toEqual([entry('m4')]);
    expect(calls).toBe(4);
  });
});
