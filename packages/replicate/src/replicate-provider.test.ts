import { getDefaultVideoProviders, LoadAPIKeyError } from '@videogen/provider-spec';
import { describe, expect, it, vi } from 'vitest';
import { createReplicate, replicate } from './replicate-provider';
import { ReplicateVideoModel } from './replicate-video-model';

describe('createReplicate', () => {
  it('makes models by call, videoModel and video, and refuses new', () => {
    const provider = createReplicate({ apiKey: 'r8_x' });
    expect(provider('bytedance/seedance-1-lite')).toBeInstanceOf(ReplicateVideoModel);
    expect(provider.videoModel('a/b').modelId).toBe('a/b');
    expect(provider.video('a/b').provider).toBe('replicate.video');
    expect(provider.specificationVersion).toBe('v3');
    // biome-ignore lint/suspicious/noExplicitAny: testing the runtime guard
    expect(() => new (provider as any)('a/b')).toThrow(/new keyword/);
  });

  it('reads REPLICATE_API_TOKEN lazily and reports a missing token as LoadAPIKeyError before any request', async () => {
    vi.stubEnv('REPLICATE_API_TOKEN', '');
    const fetch = vi.fn();
    const model = createReplicate({ fetch }).video('a/b');
    await expect(model.doStatus({ operation: { id: 'abc' } })).rejects.toBeInstanceOf(LoadAPIKeyError);
    expect(fetch).not.toHaveBeenCalled();
    vi.unstubAllEnvs();
  });

  it('registers the default instance as replicate', () => {
    expect(getDefaultVideoProviders().get('replicate')).toBe(replicate);
  });
});
