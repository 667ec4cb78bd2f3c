import type { Experimental_VideoModelV3 } from '@ai-sdk/provider';
import type { VideoModelV3 } from '@videogen/provider-spec';
import { describe, expectTypeOf, it } from 'vitest';
import type { GoogleVideoModel } from './google-video-model';
import type { GoogleVideoModelId } from './google-video-model-options';
import type { VertexVideoModel } from './vertex-video-model';

describe('types', () => {
  it('Veo models are videogen and Vercel AI SDK video models', () => {
    expectTypeOf<GoogleVideoModel>().toMatchTypeOf<VideoModelV3>();
    expectTypeOf<GoogleVideoModel>().toMatchTypeOf<Experimental_VideoModelV3>();
    expectTypeOf<VertexVideoModel>().toMatchTypeOf<VideoModelV3>();
  });

  it('model ids are an open union', () => {
    expectTypeOf<'veo-3.1-generate-preview'>().toMatchTypeOf<GoogleVideoModelId>();
    expectTypeOf<'veo-9-something'>().toMatchTypeOf<GoogleVideoModelId>();
  });
});
