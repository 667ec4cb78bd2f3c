import {
  InvalidArgumentError,
  registerVideoProvider,
  getDefaultVideoProviders,
  type VideoJob,
  type VideoModelV3Capabilities,
  type VideoModelV3VideoData,
} from '@videogen/provider-spec';
import { afterEach, describe, expect, it } from 'vitest';
import { startVideo } from '../jobs/start-video';
import { waitForVideo } from '../jobs/wait-for-video';
import { streamVideo } from '../stream/stream-video';
import { createMockJobModel, mockCompletedStatus, MockVideoModelV3 } from '../test';
import { generateVideo } from './generate-video';

// Issue 21: one provider-neutral way to extend, edit, remix or restyle a video.

/** The first bytes of an MP4 (an `ftyp` box), enough to be recognised as video/mp4. */
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 0, 1, 0x69, 0x73]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const poll = { intervalMs: 1 };

const EXTEND_ALL: VideoModelV3Capabilities = {
  sourceVideo: [
    { operation: 'extend', origins: ['job', 'url', 'data'] },
    { operation: 'edit', origins: ['data'] },
  ],
};

const completedWith = (
  videos: VideoModelV3VideoData[] = [{ type: 'binary', data: MP4, mediaType: 'video/mp4' }],
  providerMetadata?: Record<string, Record<string, string>>,
) => ({ ...mockCompletedStatus(videos), ...(providerMetadata ? { providerMetadata } : {}) });

async function refusal(run: () => Promise<unknown>): Promise<InvalidArgumentError> {
  let thrown: unknown;
  try {
    await run();
  } catch (error) {
    thrown = error;
  }
  expect(InvalidArgumentError.isInstance(thrown), String(thrown)).toBe(true);
  return thrown as InvalidArgumentError;
}

describe('sourceVideo as a file', () => {
  it('sends bytes, a URL and a data: URL as the spec file, with the operation', async () => {
    const model = createMockJobModel({ capabilities: EXTEND_ALL });
    await generateVideo({ model, prompt: 'keep going', sourceVideo: { operation: 'extend', video: MP4 }, poll });
    await generateVideo({
      model,
      prompt: 'keep going',
      sourceVideo: { operation: 'extend', video: new URL('https://cdn.example.com/clip.mp4') },
      poll,
    });
    await generateVideo({
      model,
      prompt: 'keep going',
      sourceVideo: { operation: 'extend', video: `data:video/mp4;base64,${Buffer.from(MP4).toString('base64')}` },
      poll,
    });
    expect(model.startCalls.map((call) => call.sourceVideo)).toStrictEqual([
      { operation: 'extend', video: { type: 'file', mediaType: 'video/mp4', data: MP4 } },
      { operation: 'extend', video: { type: 'url', url: 'https://cdn.example.com/clip.mp4' } },
      { operation: 'extend', video: { type: 'file', mediaType: 'video/mp4', data: MP4 } },
    ]);
    expect(model.statusCalls.every((call) => JSON.stringify(call.operation).startsWith('{"id":"job-'))).toBe(true);
  });

  it('refuses an operation the model lacks, a model without capabilities, an image and an empty prompt, before paying', async () => {
    const model = createMockJobModel({ capabilities: EXTEND_ALL });
    const remix = await refusal(() =>
      generateVideo({ model, prompt: 'x', sourceVideo: { operation: 'remix', video: MP4 } }),
    );
    expect(remix.message).toBe(
      'mock-provider model mock-model-id cannot remix a video (operations it supports: extend, edit).',
    );
    const foreign = createMockJobModel({ provider: 'vercel.video' });
    const none = await refusal(() =>
      generateVideo({ model: foreign, prompt: 'x', sourceVideo: { operation: 'edit', video: MP4 } }),
    );
    expect(none.message).toBe('vercel.video model mock-model-id cannot edit a video; it takes no source video.');
    const image = await refusal(() =>
      generateVideo({ model, prompt: 'x', sourceVideo: { operation: 'edit', video: PNG } }),
    );
    expect(image.message).toBe('sourceVideo is not a video: its bytes are image/png.');
    const empty = await refusal(() =>
      generateVideo({ model, prompt: '  ', sourceVideo: { operation: 'extend', video: MP4 } }),
    );
    expect(empty.message).toBe(
      'mock-provider model mock-model-id needs a text prompt to extend a video; the prompt is empty.',
    );
    await refusal(() => startVideo({ model, prompt: 'x', sourceVideo: { operation: 'remix', video: MP4 } }));
    await refusal(() => streamVideo({ model, prompt: 'x', sourceVideo: { operation: 'remix', video: MP4 } }).result);
    expect(model.startCalls).toHaveLength(0);
    expect(foreign.startCalls).toHaveLength(0);
  });
});

describe('a generated video carries its job', () => {
  it('result.video has its job, index and provider metadata; the same provider gets the job id and the bytes', async () => {
    const model = createMockJobModel({
      capabilities: EXTEND_ALL,
      statuses: [completedWith(undefined, { mock: { videoId: 'v-1' } })],
    });
    const first = await generateVideo({ model, prompt: 'a fox', poll });
    expect(first.video.job).toStrictEqual(first.jobs[0]);
    expect(first.video.index).toBe(0);
    expect(first.video.providerMetadata).toStrictEqual({ mock: { videoId: 'v-1' } });

    await generateVideo({
      model,
      prompt: 'the fox jumps',
      sourceVideo: { operation: 'extend', video: first.video },
      poll,
    });
    expect(model.startCalls[1].sourceVideo).toStrictEqual({
      operation: 'extend',
      video: { type: 'file', mediaType: 'video/mp4', data: MP4 },
      job: first.jobs[0],
      index: 0,
      providerMetadata: { mock: { videoId: 'v-1' } },
    });

    // Another provider's model gets the bytes only.
    const other = createMockJobModel({ provider: 'other.video', capabilities: EXTEND_ALL });
    await generateVideo({ model: other, prompt: 'x', sourceVideo: { operation: 'edit', video: first.video }, poll });
    expect(other.startCalls[0].sourceVideo).toStrictEqual({
      operation: 'edit',
      video: { type: 'file', mediaType: 'video/mp4', data: MP4 },
    });
  });
});

describe('a generated video for a model that takes only URLs', () => {
  it("is sent by its job's public URL", async () => {
    const source = createMockJobModel({
      provider: 'src.video',
      modelId: 'src-1',
      statuses: [completedWith([{ type: 'url', url: 'https://cdn.src.example/v.mp4', mediaType: 'video/mp4' }])],
    });
    const first = await generateVideo({
      model: source,
      prompt: 'a fox',
      poll,
      download: async () => ({ stream: new Response(MP4).body!, mediaType: 'video/mp4' }),
    });
    const urlsOnly = createMockJobModel({ capabilities: { sourceVideo: [{ operation: 'extend', origins: ['url'] }] } });
    await generateVideo({
      model: urlsOnly,
      prompt: 'x',
      sourceVideo: { operation: 'extend', video: first.video, model: source },
      poll,
    });
    expect(urlsOnly.startCalls[0].sourceVideo).toStrictEqual({
      operation: 'extend',
      index: 0,
      video: { type: 'url', url: 'https://cdn.src.example/v.mp4', mediaType: 'video/mp4' },
    });
  });
});

describe('sourceVideo as a job', () => {
  const job = (provider = 'mock-provider', modelId = 'mock-model-id'): VideoJob => ({
    specificationVersion: 'v3',
    provider,
    modelId,
    operation: { id: 'source-1' },
  });

  it("sends the provider's own id (after one free status request) where the model takes it", async () => {
    const model = createMockJobModel({
      capabilities: EXTEND_ALL,
      statuses: [completedWith(undefined, { mock: { videoId: 'v-9' } })],
    });
    const { job: started } = await startVideo({
      model,
      prompt: 'more',
      sourceVideo: { operation: 'extend', video: JSON.stringify(job()) },
    });
    expect(model.startCalls[0].sourceVideo).toStrictEqual({
      operation: 'extend',
      index: 0,
      job: job(),
      providerMetadata: { mock: { videoId: 'v-9' } },
    });
    expect(model.statusCalls.map((call) => call.operation)).toStrictEqual([{ id: 'source-1' }]);
    // The new job's JSON does not need the source to be resumed.
    const result = await waitForVideo({ model, job: JSON.parse(JSON.stringify(started)), poll });
    expect(result.video.job).toStrictEqual(started);
  });

  it("a sibling model's job of the same provider is read through the call's model (the caller's settings)", async () => {
    const model = createMockJobModel({ capabilities: EXTEND_ALL });
    await generateVideo({
      model,
      prompt: 'x',
      sourceVideo: { operation: 'extend', video: job('mock-provider', 'other-model') },
      poll,
    });
    expect(model.statusCalls[0].operation).toStrictEqual({ id: 'source-1' });
    expect(model.startCalls[0].sourceVideo).toMatchObject({ job: job('mock-provider', 'other-model') });
  });

  it('refuses a source job that is pending, failed or has no such video, before paying', async () => {
    const pending = createMockJobModel({
      capabilities: EXTEND_ALL,
      statuses: [{ status: 'pending', providerStatus: 'queued' }],
    });
    const error = await refusal(() =>
      generateVideo({ model: pending, prompt: 'x', sourceVideo: { operation: 'extend', video: job() } }),
    );
    expect(error.message).toBe(
      'The source job (mock-provider model mock-model-id) has not finished yet (queued); wait for it (waitForVideo) before working on its video.',
    );
    const failed = createMockJobModel({
      capabilities: EXTEND_ALL,
      statuses: [{ status: 'failed', error: { message: 'moderated' } }],
    });
    expect(
      (
        await refusal(() =>
          generateVideo({ model: failed, prompt: 'x', sourceVideo: { operation: 'extend', video: job() } }),
        )
      ).message,
    ).toBe('The source job (mock-provider model mock-model-id) failed, so it has no video: moderated');
    const done = createMockJobModel({ capabilities: EXTEND_ALL });
    expect(
      (
        await refusal(() =>
          generateVideo({ model: done, prompt: 'x', sourceVideo: { operation: 'extend', video: job(), index: 2 } }),
        )
      ).message,
    ).toBe('The source job has 1 video(s); there is no video 2.');
    expect([pending, failed, done].flatMap((model) => model.startCalls)).toHaveLength(0);
  });

  it("another provider's job: its public URL where its model needs no credentials", async () => {
    const source = createMockJobModel({
      provider: 'src.video',
      modelId: 'src-1',
      statuses: [completedWith([{ type: 'url', url: 'https://cdn.src.example/v.mp4', mediaType: 'video/mp4' }])],
    });
    const model = createMockJobModel({ capabilities: EXTEND_ALL });
    await generateVideo({
      model,
      prompt: 'x',
      sourceVideo: { operation: 'extend', video: job('src.video', 'src-1'), model: source },
      poll,
    });
    expect(model.startCalls[0].sourceVideo).toStrictEqual({
      operation: 'extend',
      index: 0,
      video: { type: 'url', url: 'https://cdn.src.example/v.mp4', mediaType: 'video/mp4' },
    });
  });

  it("another provider's job behind credentials: downloaded through its own model for a model that takes files, refused for one that takes only URLs", async () => {
    const source = createMockJobModel({
      provider: 'src.video',
      modelId: 'src-1',
      statuses: [completedWith([{ type: 'url', url: 'https://api.src.example/content/1', mediaType: 'video/mp4' }])],
      download: () => new Response(MP4, { headers: { 'content-type': 'video/mp4' } }),
    });
    const takesFiles = createMockJobModel({ capabilities: EXTEND_ALL });
    await generateVideo({
      model: takesFiles,
      prompt: 'x',
      sourceVideo: { operation: 'edit', video: job('src.video', 'src-1'), model: source },
      poll,
    });
    expect(source.downloadCalls).toHaveLength(1);
    expect(takesFiles.startCalls[0].sourceVideo).toStrictEqual({
      operation: 'edit',
      index: 0,
      video: { type: 'file', mediaType: 'video/mp4', data: MP4 },
    });

    const urlsOnly = createMockJobModel({ capabilities: { sourceVideo: [{ operation: 'extend', origins: ['url'] }] } });
    const error = await refusal(() =>
      generateVideo({
        model: urlsOnly,
        prompt: 'x',
        sourceVideo: { operation: 'extend', video: job('src.video', 'src-1'), model: source },
      }),
    );
    expect(error.message).toBe(
      "mock-provider model mock-model-id takes the video to extend as a public URL, but the source video needs src.video's credentials to fetch. Save it and pass a public URL, or pass the file to a model that takes files.",
    );
    expect(source.downloadCalls).toHaveLength(1);
    expect(urlsOnly.startCalls).toHaveLength(0);
  });

  describe('finding the model of a foreign job', () => {
    afterEach(() => {
      getDefaultVideoProviders().delete('src');
    });

    it('uses the registered provider of the job, and says what to do when there is none', async () => {
      const model = createMockJobModel({ capabilities: EXTEND_ALL });
      const error = await refusal(() =>
        generateVideo({ model, prompt: 'x', sourceVideo: { operation: 'extend', video: job('src.video', 'src-1') } }),
      );
      expect(error.message).toBe(
        'The source job is from src.video model src-1, and mock-provider model mock-model-id cannot take its id. To look its video up, pass sourceVideo.model (the src.video model that made it) or import its provider package; or pass the video file itself.',
      );
      const source = createMockJobModel({
        provider: 'src.video',
        modelId: 'src-1',
        statuses: [completedWith([{ type: 'url', url: 'https://cdn.src.example/v.mp4', mediaType: 'video/mp4' }])],
      });
      registerVideoProvider('src', { videoModel: () => source });
      await generateVideo({
        model,
        prompt: 'x',
        sourceVideo: { operation: 'extend', video: job('src.video', 'src-1') },
        poll,
      });
      expect(model.startCalls[0].sourceVideo?.video).toStrictEqual({
        type: 'url',
        url: 'https://cdn.src.example/v.mp4',
        mediaType: 'video/mp4',
      });
      // A model that is not the job's is refused.
      const wrong = await refusal(() =>
        generateVideo({
          model,
          prompt: 'x',
          sourceVideo: { operation: 'extend', video: job('src.video', 'src-1'), model: new MockVideoModelV3() },
        }),
      );
      expect(wrong.message).toBe(
        'sourceVideo.model is mock-provider model mock-model-id, but the job belongs to src.video model src-1.',
      );
    });
  });
});

describe('streamVideo', () => {
  it('passes the source video through', async () => {
    const model = createMockJobModel({ capabilities: EXTEND_ALL });
    await streamVideo({ model, prompt: 'x', sourceVideo: { operation: 'edit', video: MP4 }, poll }).result;
    expect(model.startCalls[0].sourceVideo).toStrictEqual({
      operation: 'edit',
      video: { type: 'file', mediaType: 'video/mp4', data: MP4 },
    });
  });
});
