import type { Experimental_VideoModelV3 } from '@ai-sdk/provider';
import type { VideoModelV3 } from '@videogen/provider-spec';
import { describe, expectTypeOf, it } from 'vitest';
import type { OpenAIProvider } from './openai-provider';
import type { OpenAIVideoModel } from './openai-video-model';
import type { OpenAIVideoModelId } from './openai-video-model-options';

describe('OpenAIVideoModel types', () => {
  it('is a videogen VideoModelV3 and a Vercel Experimental_VideoModelV3', () => {
    expectTypeOf<OpenAIVideoModel>().toMatchTypeOf<VideoModelV3>();
    expectTypeOf<OpenAIVideoModel>().toMatchTypeOf<Experimental_VideoModelV3>();
  });

  it('takes the known model ids and any string', () => {
    expectTypeOf<'sora-2-pro'>().toMatchTypeOf<OpenAIVideoModelId>();
    expectTypeOf<'my-azure-deployment'>().toMatchTypeOf<OpenAIVideoModelId>();
    expectTypeOf<OpenAIProvider['video']>().returns.toEqualTypeOf<OpenAIVideoModel>();
    // @ts-expect-error a model id is a string
    expectTypeOf<number>().toMatchTypeOf<OpenAIVideoModelId>();
  });
});
