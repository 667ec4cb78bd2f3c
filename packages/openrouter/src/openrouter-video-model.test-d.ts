import type { Experimental_VideoModelV3 } from '@ai-sdk/provider';
import type { VideoModelV3 } from '@videogen/provider-spec';
import { describe, expectTypeOf, it } from 'vitest';
import type { OpenRouterProvider } from './openrouter-provider';
import type { OpenRouterVideoModel } from './openrouter-video-model';
import type { OpenRouterVideoModelId, OpenRouterVideoModelOptions } from './openrouter-video-model-options';

describe('OpenRouter types', () => {
  it('models are videogen and Vercel AI SDK V3 video models', () => {
    expectTypeOf<OpenRouterVideoModel>().toMatchTypeOf<VideoModelV3>();
    expectTypeOf<OpenRouterVideoModel>().toMatchTypeOf<Experimental_VideoModelV3>();
  });

  it('model ids are an open union with the known ids suggested', () => {
    expectTypeOf<'google/veo-3.1'>().toMatchTypeOf<OpenRouterVideoModelId>();
    expectTypeOf<'acme/any-new-model'>().toMatchTypeOf<OpenRouterVideoModelId>();
    expectTypeOf<OpenRouterProvider['video']>().parameter(0).toEqualTypeOf<OpenRouterVideoModelId>();
  });

  it('provider options are typed', () => {
    expectTypeOf<OpenRouterVideoModelOptions['previousJobId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<OpenRouterVideoModelOptions['validateCapabilities']>().toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error unknown option
    const options: OpenRouterVideoModelOptions = { negativePrompt: 'x' };
    void options;
  });
});
