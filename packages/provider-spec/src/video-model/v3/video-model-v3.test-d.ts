import type {
  Experimental_VideoModelV3,
  Experimental_VideoModelV3CallOptions,
  Experimental_VideoModelV3VideoData,
} from '@ai-sdk/provider';
import { describe, expectTypeOf, it } from 'vitest';
import type { VideoModelV3 } from './video-model-v3';
import type { VideoModelV3CallOptions } from './video-model-v3-call-options';
import type { VideoModelV3VideoData } from './video-model-v3-video-data';

describe('VideoModelV3 and the Vercel AI SDK', () => {
  it('a videogen model (with job methods) is a Vercel Experimental_VideoModelV3', () => {
    expectTypeOf<Required<VideoModelV3>>().toMatchTypeOf<Experimental_VideoModelV3>();
    expectTypeOf<VideoModelV3>().toMatchTypeOf<Experimental_VideoModelV3>();
  });

  it('a Vercel Experimental_VideoModelV3 is a videogen model', () => {
    expectTypeOf<Experimental_VideoModelV3>().toMatchTypeOf<VideoModelV3>();
  });

  it('call options and video data are the same shapes both ways', () => {
    // videogen adds one optional key, `sourceVideo`; everything else is identical, and
    // options pass both ways.
    expectTypeOf<Omit<VideoModelV3CallOptions, 'sourceVideo'>>().toEqualTypeOf<Experimental_VideoModelV3CallOptions>();
    expectTypeOf<Experimental_VideoModelV3CallOptions>().toMatchTypeOf<VideoModelV3CallOptions>();
    expectTypeOf<VideoModelV3CallOptions>().toMatchTypeOf<Experimental_VideoModelV3CallOptions>();
    expectTypeOf<VideoModelV3VideoData>().toEqualTypeOf<Experimental_VideoModelV3VideoData>();
  });

  it('rejects a model of another spec version', () => {
    type V2Model = Omit<VideoModelV3, 'specificationVersion'> & { specificationVersion: 'v2' };
    expectTypeOf<V2Model>().not.toMatchTypeOf<VideoModelV3>();
  });
});
