import { getDefaultVideoProviders, LoadAPIKeyError } from '@videogen/provider-spec';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMiniMax, minimax } from './minimax-provider';
import { MiniMaxVideoModel } from './minimax-video-model';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createMiniMax', () => {
  it('makes models through the function, videoModel and video', () => {
    const provider = createMiniMax({ apiKey: 'k' });
    for (const created of [
      provider('MiniMax-Hailuo-2.3'),
      provider.videoModel('MiniMax-H3'),
      provider.video('I2V-01'),
    ]) {
      expect(created).toBeInstanceOf(MiniMaxVideoModel);
      expect(created.provider).toBe('minimax.video');
    }
    expect(provider.specificationVersion).toBe('v3');
  });

  it('cannot be called with new', () => {
    const provider = createMiniMax({ apiKey: 'k' });
    expect(() => new (provider as unknown as new (id: string) => unknown)('MiniMax-H3')).toThrow(/new keyword/);
  });

  it('reads the key lazily: a missing key is a LoadAPIKeyError at the first request, not at import', async () => {
    vi.stubEnv('MINIMAX_API_KEY', '');
    const model = createMiniMax().video('MiniMax-Hailuo-2.3');
    const error = await model.doStatus({ operation: { taskId: '1', api: 'v1' } }).catch((e: unknown) => e);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('MINIMAX_API_KEY');
  });

  it('registers the default instance as "minimax"', () => {
    expect(getDefaultVideoProviders().get('minimax')).toBe(minimax);
  });
});
