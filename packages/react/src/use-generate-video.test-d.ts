import { describe, expectTypeOf, it } from 'vitest';
import {
  useGenerateVideo,
  type VideoGenerationError,
  type VideoGenerationResult,
  type VideoJob,
  type VideoRouteInput,
} from './index';

describe('useGenerateVideo types', () => {
  it('with api: the route input, live progress and resume', () => {
    const helpers = useGenerateVideo({ api: '/api/video' });
    expectTypeOf(helpers.generate).parameter(0).toEqualTypeOf<VideoRouteInput>();
    expectTypeOf(helpers.progress).toEqualTypeOf<number | undefined>();
    expectTypeOf(helpers.queuePosition).toEqualTypeOf<number | undefined>();
    expectTypeOf(helpers.resume).toEqualTypeOf<
      (job: VideoJob | string) => Promise<VideoGenerationResult | undefined>
    >();
    expectTypeOf(helpers.result).toEqualTypeOf<VideoGenerationResult | undefined>();
    expectTypeOf(helpers.error).toEqualTypeOf<VideoGenerationError | undefined>();
    expectTypeOf(helpers.status).toEqualTypeOf<'idle' | 'generating' | 'success' | 'error'>();
    // @ts-expect-error the prompt is required
    void helpers.generate({ duration: 4 });
  });

  it('with api and a custom input type', () => {
    const helpers = useGenerateVideo<{ prompt: string; style: 'anime' | 'film' }>({ api: '/api/video' });
    expectTypeOf(helpers.generate).parameter(0).toEqualTypeOf<{ prompt: string; style: 'anime' | 'film' }>();
  });

  it('with a fetcher returning a Response: input from the fetcher, live progress', () => {
    const helpers = useGenerateVideo({
      fetcher: async (input: { text: string; seconds: 4 | 8 }) => fetch('/x', { body: JSON.stringify(input) }),
    });
    expectTypeOf(helpers.generate).parameter(0).toEqualTypeOf<{ text: string; seconds: 4 | 8 }>();
    expectTypeOf(helpers.progress).toEqualTypeOf<number | undefined>();
    expectTypeOf(helpers.resume).toBeFunction();
  });

  it('with a fetcher returning a finished result: no live progress, no resume, the raw result typed', () => {
    const helpers = useGenerateVideo({
      fetcher: async (prompt: string) => ({ videos: [{ url: `/v/${prompt}.mp4` }], credits: 3 }),
      onResult: (result) => {
        expectTypeOf(result.raw.credits).toEqualTypeOf<number>();
      },
    });
    expectTypeOf(helpers.generate).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(helpers.progress).toEqualTypeOf<undefined>();
    expectTypeOf(helpers.queuePosition).toEqualTypeOf<undefined>();
    expectTypeOf(helpers.resume).toBeNever();
    expectTypeOf(helpers.result).toEqualTypeOf<
      (VideoGenerationResult & { raw: { videos: { url: string }[]; credits: number } }) | undefined
    >();
  });

  it('api and fetcher are exclusive', () => {
    // @ts-expect-error either api or fetcher
    useGenerateVideo({ api: '/api/video', fetcher: async (input: string) => new Response(input) });
  });
});
