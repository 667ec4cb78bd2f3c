import { getDefaultVideoProviders, LoadAPIKeyError } from '@videogen/provider-spec';
import { createCallOptions } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import { createXai, xai } from './xai-provider';

describe('createXai', () => {
  it('returns a function that is also an object, and refuses new', () => {
    const provider = createXai({ apiKey: 'k' });
    expect(provider('grok-imagine-video').modelId).toBe('grok-imagine-video');
    expect(provider.videoModel('grok-imagine-video-1.5').provider).toBe('xai.video');
    expect(provider.video('x').modelId).toBe('x');
    expect(() => new (provider as unknown as new (id: string) => unknown)('x')).toThrow();
  });

  it('throws a LoadAPIKeyError naming XAI_API_KEY when there is no key, before any request', async () => {
    vi.stubEnv('XAI_API_KEY', '');
    const model = createXai().video('grok-imagine-video');
    const error = await model.doStart(createCallOptions({ prompt: 'x' })).catch((caught) => caught);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toContain('XAI_API_KEY');
    vi.unstubAllEnvs();
  });
});

describe('registry', () => {
  it("registers the default instance as 'xai'", () => {
    expect(getDefaultVideoProviders().get('xai')).toBe(xai);
  });
});
