import { NoSuchModelError } from '@videogen/provider-spec';
import { describe, expect, it, vi } from 'vitest';
import { MockVideoModelV3 } from '../test';
import { createVideoProviderRegistry } from './video-provider-registry';

describe('createVideoProviderRegistry', () => {
  const fal = { videoModel: vi.fn((modelId: string) => new MockVideoModelV3({ provider: 'fal.video', modelId })) };
  const openai = {
    videoModel: vi.fn((modelId: string) => new MockVideoModelV3({ provider: 'openai.video', modelId })),
  };

  it('finds a model by provider:model, keeping separators inside the model id', () => {
    const registry = createVideoProviderRegistry({ fal, openai });
    const model = registry.videoModel('fal:fal-ai/veo3.1:fast');
    expect(model.provider).toBe('fal.video');
    expect(model.modelId).toBe('fal-ai/veo3.1:fast');
    expect(fal.videoModel).toHaveBeenCalledWith('fal-ai/veo3.1:fast');
  });

  it('takes another separator', () => {
    const registry = createVideoProviderRegistry({ openai }, { separator: ' > ' });
    expect(registry.videoModel('openai > sora-2').modelId).toBe('sora-2');
  });

  it('throws NoSuchModelError for an unknown provider or a malformed id', () => {
    const registry = createVideoProviderRegistry({ fal, openai });
    const error = (() => {
      try {
        registry.videoModel('google:veo-3' as never);
      } catch (caught) {
        return caught;
      }
    })();
    expect(NoSuchModelError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'No video provider "google" in the registry (registered providers: fal, openai).',
    );
    expect(() => registry.videoModel('sora-2' as never)).toThrow('expected "provider:modelId"');
    expect(() => registry.videoModel('toString:x' as never)).toThrow('No video provider "toString"');
  });
});

describe('createVideoProviderRegistry with V4 providers', () => {
  it('takes a provider of V4 models (as ai 7 providers are) and returns the model adapted to V3', () => {
    const v4Model = {
      specificationVersion: 'v4' as const,
      provider: 'vercel.video',
      modelId: 'm-4',
      maxVideosPerCall: 1,
      doStart: async () => ({
        operation: {},
        warnings: [],
        response: { timestamp: new Date(0), modelId: 'm-4', headers: undefined },
      }),
    };
    const registry = createVideoProviderRegistry({ vercel: { videoModel: () => v4Model } });
    const model = registry.videoModel('vercel:m-4');
    expect(model).toMatchObject({ specificationVersion: 'v3', provider: 'vercel.video', modelId: 'm-4' });
  });
});
