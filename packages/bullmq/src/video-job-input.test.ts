import { createVideoProviderRegistry, generateVideo, InvalidArgumentError, type VideoJob } from '@videogen/core';
import { createMockJobModel, mockCompletedStatus } from '@videogen/core/test';
import type { VideoModelV3Capabilities } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { validateAddOptions, withSourceVideoModel } from './video-job-input';

// Issue 21: a source video through the queue. Queue data is JSON in Redis: URLs and jobs pass as
// they are, bytes are refused with what to do instead. No Redis needed for these checks.

const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 0, 1]);
const capabilities: VideoModelV3Capabilities = {
  sourceVideo: [{ operation: 'extend', origins: ['job', 'url', 'data'] }],
};
const job = (provider = 'mock.video', modelId = 'extender'): VideoJob => ({
  specificationVersion: 'v3',
  provider,
  modelId,
  operation: { id: 'source-1' },
});

function setup() {
  const extender = createMockJobModel({ provider: 'mock.video', modelId: 'extender', capabilities });
  const maker = createMockJobModel({
    provider: 'other.video',
    modelId: 'maker',
    statuses: [mockCompletedStatus([{ type: 'url', url: 'https://cdn.other.example/v.mp4', mediaType: 'video/mp4' }])],
  });
  const registry = createVideoProviderRegistry({
    mock: { videoModel: () => extender },
    other: { videoModel: () => maker },
  });
  return { extender, maker, registry };
}

const add = (sourceVideo: unknown, registry?: ReturnType<typeof setup>['registry']) =>
  validateAddOptions(
    { key: 'k-1', model: 'mock:extender', prompt: 'and then it rains', sourceVideo: sourceVideo as never },
    registry,
  );

describe('sourceVideo in the queue', () => {
  it('stores a URL and a job as they are, and a generated video as its job', async () => {
    const { registry, extender } = setup();
    expect(
      (await add({ operation: 'extend', video: 'https://cdn.example.com/a.mp4' }, registry)).input.sourceVideo,
    ).toStrictEqual({ operation: 'extend', video: 'https://cdn.example.com/a.mp4' });
    expect((await add({ operation: 'extend', video: job() }, registry)).input.sourceVideo).toStrictEqual({
      operation: 'extend',
      video: job(),
    });
    const { video } = await generateVideo({ model: extender, prompt: 'a fox', poll: { intervalMs: 1 } });
    const stored = (await add({ operation: 'extend', video }, registry)).input.sourceVideo;
    expect(stored).toStrictEqual({ operation: 'extend', video: video.job, index: 0 });
    expect(JSON.parse(JSON.stringify(stored))).toStrictEqual(stored);
    // The dry run submits nothing.
    expect(extender.startCalls).toHaveLength(1);
  });

  it('refuses bytes (and a generated video without a job) with what to do instead, before anything is queued', async () => {
    for (const video of [MP4, MP4.buffer, { uint8Array: MP4, mediaType: 'video/mp4', base64: '' }]) {
      const error = await add({ operation: 'extend', video }).catch((caught: unknown) => caught);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        argument: 'sourceVideo.video',
        message:
          'sourceVideo.video must be a URL, a base64 string or a VideoJob: a queued job is stored in Redis, so bytes are not taken. Upload the video and pass its URL, or pass the job that made it.',
      });
    }
  });

  it("checks the operation against the registry's model before queueing", async () => {
    const { registry } = setup();
    await expect(add({ operation: 'remix', video: 'https://cdn.example.com/a.mp4' }, registry)).rejects.toMatchObject({
      argument: 'sourceVideo',
      message: 'mock.video model extender cannot remix a video (operations it supports: extend).',
    });
  });

  it("finds another provider's job model in the worker's registry", async () => {
    const { registry, extender, maker } = setup();
    const input = { prompt: 'x', sourceVideo: { operation: 'extend' as const, video: job('other.video', 'maker') } };
    expect(withSourceVideoModel(input, registry, extender).sourceVideo?.model).toBe(maker);
    // The same model's job needs none; an unknown provider is left to core (which says what to do).
    expect(
      withSourceVideoModel({ ...input, sourceVideo: { ...input.sourceVideo, video: job() } }, registry, extender),
    ).toStrictEqual({
      ...input,
      sourceVideo: { ...input.sourceVideo, video: job() },
    });
    const unknown = { ...input, sourceVideo: { ...input.sourceVideo, video: job('nobody.video', 'x') } };
    expect(withSourceVideoModel(unknown, registry, extender)).toBe(unknown);
    // add() runs the lookup: the other provider's job resolves to its public URL, checked by the extender.
    await expect(add({ operation: 'extend', video: job('other.video', 'maker') }, registry)).resolves.toBeDefined();
    expect(maker.statusCalls).toHaveLength(1);
  });
});
