import { InvalidArgumentError, type VideoJob, type VideoModelV3Capabilities } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { resolveSourceVideo } from './source-video';
import { validateVideoCallOptions } from './video-parameters';

const model = { provider: 'acme.video', modelId: 'clip-1' };
const job: VideoJob = {
  specificationVersion: 'v3',
  provider: 'acme.video',
  modelId: 'clip-1',
  operation: { id: 'j1' },
};
const otherJob: VideoJob = { ...job, provider: 'other.video' };
// An MP4's first bytes: size, `ftyp`, brand `isom`.
const mp4 = new Uint8Array([
  0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0, 0x69, 0x73, 0x6f, 0x6d,
]);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

const capabilities: VideoModelV3Capabilities = {
  sourceVideo: [
    { operation: 'extend', origins: ['job', 'url'], requiresPrompt: false },
    { operation: 'edit', origins: ['url', 'data'], mediaTypes: ['video/mp4'], maxBytes: 64 },
  ],
};

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('resolveSourceVideo', () => {
  it('uses the provider’s own job id where the model takes one', () => {
    const resolved = resolveSourceVideo(
      { operation: 'extend', job, video: { type: 'url', url: 'https://cdn.example/v.mp4' } },
      capabilities,
      model,
    );
    expect(resolved).toMatchObject({ origin: 'job', job, index: 0, operation: 'extend' });
  });

  it('falls back to the URL for another provider’s job, and refuses a foreign job alone', () => {
    const video = { type: 'url' as const, url: 'https://cdn.example/v.mp4' };
    expect(resolveSourceVideo({ operation: 'extend', job: otherJob, video }, capabilities, model)).toMatchObject({
      origin: 'url',
      video,
      job: undefined,
    });
    expect(message(() => resolveSourceVideo({ operation: 'extend', job: otherJob }, capabilities, model))).toBe(
      'The job is from other.video, not acme.video; pass the video itself (a public http(s) URL).',
    );
  });

  it('refuses an operation the model does not list, naming the ones it has', () => {
    expect(message(() => resolveSourceVideo({ operation: 'remix', job }, capabilities, model))).toContain(
      'cannot remix a video (operations it supports: extend, edit).',
    );
    expect(message(() => resolveSourceVideo({ operation: 'extend', job }, {}, model))).toContain(
      'it takes no source video.',
    );
  });

  it('takes bytes where the model takes data, and checks they are a video of an allowed type and size', () => {
    expect(
      resolveSourceVideo(
        { operation: 'edit', video: { type: 'file', mediaType: 'video/mp4', data: mp4 } },
        capabilities,
        model,
      ).origin,
    ).toBe('data');
    expect(
      message(() =>
        resolveSourceVideo(
          { operation: 'edit', video: { type: 'file', mediaType: 'video/mp4', data: png } },
          capabilities,
          model,
        ),
      ),
    ).toContain('sourceVideo is not a video: its bytes are image/png.');
    expect(
      message(() =>
        resolveSourceVideo(
          { operation: 'edit', video: { type: 'url', url: 'https://cdn.example/v.webm' } },
          capabilities,
          model,
        ),
      ),
    ).toContain('takes source videos of type video/mp4; got video/webm.');
    const big = new Uint8Array(65);
    big.set(mp4);
    expect(
      message(() =>
        resolveSourceVideo(
          { operation: 'edit', video: { type: 'file', mediaType: 'video/mp4', data: big } },
          capabilities,
          model,
        ),
      ),
    ).toContain('at most 64 bytes; got 65.');
  });

  it('reads the length of a file in hand and refuses one longer than the operation takes', () => {
    const box = (type: string, ...content: number[][]) => {
      const body = content.flat();
      const size = 8 + body.length;
      return [
        size >>> 24,
        (size >>> 16) & 255,
        (size >>> 8) & 255,
        size & 255,
        ...[...type].map((c) => c.charCodeAt(0)),
        ...body,
      ];
    };
    const u32 = (value: number) => [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
    // mvhd version 0: flags, created, modified, timescale 1000, duration in ms.
    const clip = (ms: number) =>
      new Uint8Array([
        ...box('ftyp', [0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]),
        ...box('moov', box('mvhd', [0, 0, 0, 0], u32(0), u32(0), u32(1000), u32(ms))),
      ]);
    const limited = { sourceVideo: [{ operation: 'edit' as const, origins: ['data' as const], maxDuration: 8.7 }] };
    const edit = (ms: number) => () =>
      resolveSourceVideo(
        { operation: 'edit', video: { type: 'file', mediaType: 'video/mp4', data: clip(ms) } },
        limited,
        model,
      );
    expect(edit(8700)().origin).toBe('data');
    expect(message(edit(14_000))).toBe(
      'acme.video model clip-1 takes source videos of at most 8.7 s to edit; this one is 14 s long.',
    );
  });

  it('refuses bytes where the model only takes a URL or its own job', () => {
    expect(
      message(() =>
        resolveSourceVideo(
          { operation: 'extend', video: { type: 'file', mediaType: 'video/mp4', data: mp4 } },
          capabilities,
          model,
        ),
      ),
    ).toContain('as a public http(s) URL; got bytes.');
  });
});

describe('validateVideoCallOptions with a source video', () => {
  const base = {
    prompt: undefined,
    aspectRatio: undefined,
    resolution: undefined,
    duration: undefined,
    fps: undefined,
    seed: undefined,
    image: undefined,
    frameImages: undefined,
    inputReferences: undefined,
    generateAudio: undefined,
  };

  it('lets an operation that needs no prompt go without one, and requires one otherwise', () => {
    expect(
      validateVideoCallOptions(capabilities, { ...base, sourceVideo: { operation: 'extend', job } }, model),
    ).toEqual([]);
    expect(
      message(() =>
        validateVideoCallOptions(
          capabilities,
          { ...base, sourceVideo: { operation: 'edit', video: { type: 'url', url: 'https://cdn.example/v.mp4' } } },
          model,
        ),
      ),
    ).toContain('needs a text prompt to edit a video; the prompt is empty.');
  });
});
