import type {
  Experimental_VideoModelV4,
  Experimental_VideoModelV4CallOptions,
  Experimental_VideoModelV4OperationStatusResult,
  Experimental_VideoModelV4VideoData,
} from '@ai-sdk/provider';
import type { createFal } from '@ai-sdk/fal';
import type { toVercelVideoModel } from '@videogen/core';
import type {
  VideoModelV4,
  VideoModelV4CallOptions,
  VideoModelV4StatusResult,
  VideoModelV4VideoData,
} from '@videogen/provider-spec';
import { describe, expectTypeOf, it } from 'vitest';

// Assignments: a type error here fails the test (vitest typecheck).
describe('VideoModelV4 and Experimental_VideoModelV4 of @ai-sdk/provider 4', () => {
  it('a videogen V4 model (with every optional member) is a Vercel V4 model', () => {
    const full = {} as Required<VideoModelV4>;
    const minimal = {} as VideoModelV4;
    const wrapped = {} as ReturnType<typeof toVercelVideoModel>;
    const asVercel: Experimental_VideoModelV4[] = [full, minimal, wrapped];
    expectTypeOf(asVercel).not.toBeAny();
  });

  it('a Vercel V4 model (the interface, and @ai-sdk/fal 3) is a videogen V4 model', () => {
    const vercel = {} as Experimental_VideoModelV4;
    const fal = {} as ReturnType<ReturnType<typeof createFal>['video']>;
    const asVideogen: VideoModelV4[] = [vercel, fal];
    expectTypeOf(asVideogen).not.toBeAny();
  });

  it('call options, video data and statuses pass both ways', () => {
    const options: [Experimental_VideoModelV4CallOptions, VideoModelV4CallOptions] = [
      {} as VideoModelV4CallOptions,
      {} as Experimental_VideoModelV4CallOptions,
    ];
    const videos: [Experimental_VideoModelV4VideoData, VideoModelV4VideoData] = [
      {} as VideoModelV4VideoData,
      {} as Experimental_VideoModelV4VideoData,
    ];
    const statuses: [Experimental_VideoModelV4OperationStatusResult, VideoModelV4StatusResult] = [
      {} as VideoModelV4StatusResult,
      {} as Experimental_VideoModelV4OperationStatusResult,
    ];
    expectTypeOf(options).not.toBeAny();
    expectTypeOf(videos).not.toBeAny();
    expectTypeOf(statuses).not.toBeAny();
  });

  it('a V3 model is not a V4 model', () => {
    type V3Like = Omit<VideoModelV4, 'specificationVersion'> & { specificationVersion: 'v3' };
    expectTypeOf<V3Like>().not.toMatchTypeOf<VideoModelV4>();
  });
});
