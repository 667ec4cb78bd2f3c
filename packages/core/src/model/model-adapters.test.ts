import {
  NoSuchModelError,
  VideoJobFailedError,
  registerVideoProvider,
  type VideoModelV3,
  type VideoModelV4,
  type VideoModelV4StatusResult,
} from '@videogen/provider-spec';
import { afterEach, describe, expect, it } from 'vitest';
import { generateVideo } from '../generate-video/generate-video';
import { startVideo } from '../jobs/start-video';
import { waitForVideo } from '../jobs/wait-for-video';
import { createMockJobModel } from '../test';
import { resolveVideoModel } from './as-video-model';
import { toVercelVideoModel } from './to-vercel-video-model';

const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
const response = { timestamp: new Date(0), modelId: 'm-4', headers: undefined };

/** A V4 model (as @ai-sdk/fal 3 makes them): job methods only, statuses in V4's shape. */
function createV4Model(statuses: VideoModelV4StatusResult[]) {
  const startCalls: Array<Record<string, unknown>> = [];
  let index = 0;
  const model: VideoModelV4 = {
    specificationVersion: 'v4',
    provider: 'vercel.video',
    modelId: 'm-4',
    maxVideosPerCall: 1,
    async doStart(options) {
      startCalls.push({ prompt: options.prompt, headers: options.headers });
      return { operation: { id: 'op-1' }, warnings: [], response };
    },
    async doStatus() {
      return statuses[Math.min(index++, statuses.length - 1)];
    },
  };
  return { model, startCalls };
}

const completed: VideoModelV4StatusResult = {
  status: 'completed',
  videos: [
    { type: 'binary', data: MP4, mediaType: 'video/mp4' },
    { type: 'uploaded', mediaType: 'video/mp4' },
  ],
  warnings: [{ type: 'deprecated', setting: 'loop', message: 'use repeat' }],
  response,
};

describe('V4 models in core', () => {
  it('generateVideo runs a V4 model with only job methods; uploaded videos and V4 warnings become V3 warnings', async () => {
    const { model, startCalls } = createV4Model([{ status: 'pending', response }, completed]);
    const result = await generateVideo({ model, prompt: 'a kite', poll: { intervalMs: 1 } });
    expect(result.video.uint8Array).toStrictEqual(MP4);
    expect(result.videos).toHaveLength(1);
    expect(result.warnings).toStrictEqual([
      { type: 'other', message: 'loop is deprecated: use repeat' },
      { type: 'other', message: '1 video(s) were delivered to caller-managed storage and are not returned.' },
    ]);
    // The idempotency key travels as the header ai 7 uses for V4 models.
    expect((startCalls[0].headers as Record<string, string>)['idempotency-key']).toEqual(expect.any(String));
  });

  it("a V4 { status: 'error' } is a VideoJobFailedError with the reason, code and job", async () => {
    const { model } = createV4Model([
      { status: 'error', error: 'The prompt was flagged', code: 'policy', contentFiltered: true, response },
    ]);
    const error = await generateVideo({ model, prompt: 'x', poll: { intervalMs: 1 } }).catch((caught) => caught);
    expect(VideoJobFailedError.isInstance(error)).toBe(true);
    expect(error.message).toContain('The prompt was flagged');
    expect(error.job).toMatchObject({ provider: 'vercel.video', modelId: 'm-4', operation: { id: 'op-1' } });
  });

  it('startVideo and waitForVideo take a V4 model; the adapter is made once per model', async () => {
    const { model } = createV4Model([completed]);
    expect(resolveVideoModel(model)).toBe(resolveVideoModel(model));
    expect(resolveVideoModel(model).specificationVersion).toBe('v3');
    const { job } = await startVideo({ model, prompt: 'a boat' });
    const result = await waitForVideo({ model, job: JSON.stringify(job), poll: { intervalMs: 1 } });
    expect(result.video.uint8Array).toStrictEqual(MP4);
  });
});

describe('string model ids (default registry)', () => {
  afterEach(() => {
    globalThis.VIDEOGEN_DEFAULT_VIDEO_PROVIDER = undefined;
  });

  it("resolves 'provider:modelId' through registered providers, V3 or V4", async () => {
    const v3 = createMockJobModel({
      modelId: 'tiny-1',
      statuses: [
        {
          status: 'completed',
          videos: [{ type: 'binary', data: MP4, mediaType: 'video/mp4' }],
          warnings: [],
          response,
        },
      ],
    });
    const asked: string[] = [];
    registerVideoProvider('tiny', {
      videoModel: (id) => {
        asked.push(id);
        return v3;
      },
    });
    const result = await generateVideo({ model: 'tiny:fal-ai/veo3.1/fast', prompt: 'x', poll: { intervalMs: 1 } });
    expect(result.video.uint8Array).toStrictEqual(MP4);
    expect(asked).toStrictEqual(['fal-ai/veo3.1/fast']);

    const { model: v4 } = createV4Model([completed]);
    registerVideoProvider('vercel', { videoModel: () => v4 });
    expect(resolveVideoModel('vercel:m-4').specificationVersion).toBe('v3');
  });

  it('an unknown provider or an id without one is a NoSuchModelError, before any request', async () => {
    await expect(generateVideo({ model: 'nobody:x', prompt: 'x' })).rejects.toSatisfy(
      (error) => NoSuchModelError.isInstance(error) && /No video provider "nobody"/.test((error as Error).message),
    );
    expect(() => resolveVideoModel('no-separator')).toThrow(NoSuchModelError);
  });

  it('globalThis.VIDEOGEN_DEFAULT_VIDEO_PROVIDER resolves every string, like ai’s AI_SDK_DEFAULT_PROVIDER', () => {
    const { model } = createV4Model([completed]);
    globalThis.VIDEOGEN_DEFAULT_VIDEO_PROVIDER = { videoModel: () => model };
    expect(resolveVideoModel('anything').provider).toBe('vercel.video');
  });
});

describe('toVercelVideoModel (a videogen model for ai 7)', () => {
  function v3Model(status: NonNullable<Parameters<typeof createMockJobModel>[0]>['statuses']) {
    return createMockJobModel({
      provider: 'tiny.video',
      modelId: 'tiny-1',
      statuses: status,
      download: () => new Response(MP4, { headers: { 'content-type': 'video/mp4' } }),
    });
  }

  it('pending carries the response V4 requires; completed url videos come as bytes through doDownload', async () => {
    const model = toVercelVideoModel(
      v3Model([
        { status: 'pending', progress: 20 },
        {
          status: 'completed',
          videos: [{ type: 'url', url: 'https://api.tiny.test/v1/jobs/1/content', mediaType: 'video/mp4' }],
          warnings: [],
          response,
        },
      ]),
    );
    expect(model.specificationVersion).toBe('v4');
    const pending = await model.doStatus!({ operation: {} });
    expect(pending).toMatchObject({ status: 'pending', progress: 20, response: { modelId: 'tiny-1' } });
    const done = await model.doStatus!({ operation: {} });
    expect(done).toMatchObject({
      status: 'completed',
      videos: [{ type: 'binary', data: MP4, mediaType: 'video/mp4' }],
    });
  });

  it.each([
    [{ message: 'GPU exploded', code: 'internal' }, 'tiny.video job failed (internal): GPU exploded'],
    [
      { message: 'Policy violation', code: 'moderation_blocked', contentFiltered: true },
      'tiny.video job was blocked by a content filter (moderation_blocked): Policy violation',
    ],
    [
      { message: 'request was cancelled', code: 'cancelled' },
      'tiny.video job was cancelled (cancelled): request was cancelled',
    ],
    [{ message: 'job expired', code: 'expired' }, 'tiny.video job expired (expired): job expired'],
  ])('failed %j is V4 error %j', async (jobError, message) => {
    const model = toVercelVideoModel(v3Model([{ status: 'failed', error: jobError }]));
    const status = await model.doStatus!({ operation: {} });
    expect(status).toMatchObject({ status: 'error', error: message, code: jobError.code });
    expect('response' in status).toBe(true);
  });

  it("ai 7's idempotency-key header becomes the start option; a V4 model is returned as it is", async () => {
    const inner = v3Model([]);
    const model = toVercelVideoModel(inner);
    await model.doStart!({
      prompt: 'x',
      n: 1,
      aspectRatio: undefined,
      resolution: undefined,
      duration: undefined,
      fps: undefined,
      seed: undefined,
      image: undefined,
      frameImages: undefined,
      inputReferences: undefined,
      generateAudio: undefined,
      providerOptions: {},
      headers: { 'Idempotency-Key': 'aisdk_vid_1' },
    });
    expect(inner.startCalls[0].idempotencyKey).toBe('aisdk_vid_1');
    const { model: v4 } = createV4Model([]);
    expect(toVercelVideoModel(v4)).toBe(v4);
    expect(toVercelVideoModel(inner as VideoModelV3, { webhooks: true }).handleWebhookOption).toBeTypeOf('function');
    expect(model.handleWebhookOption).toBeUndefined();
  });
});

describe('source videos across specs (issue 21)', () => {
  /** A V4 model that records the options of each submission. */
  function createRecordingV4Model(capabilities?: VideoModelV4['capabilities']) {
    const startOptions: Array<Record<string, unknown>> = [];
    const model: VideoModelV4 = {
      specificationVersion: 'v4',
      provider: 'vercel.video',
      modelId: 'm-4',
      maxVideosPerCall: 1,
      ...(capabilities !== undefined ? { capabilities } : {}),
      async doStart(options) {
        const { abortSignal: _signal, headers: _headers, ...rest } = options;
        startOptions.push(rest);
        return { operation: { id: 'op-1' }, warnings: [], response };
      },
      async doStatus() {
        return {
          status: 'completed',
          videos: [{ type: 'binary', data: MP4, mediaType: 'video/mp4' }],
          warnings: [],
          response,
        };
      },
    };
    return { model, startOptions };
  }

  it('a V4 model gets a source video to edit or restyle as a reference video, with a warning saying so', async () => {
    const { model, startOptions } = createRecordingV4Model();
    const result = await generateVideo({
      model,
      prompt: 'make it snow',
      sourceVideo: { operation: 'edit', video: MP4 },
      poll: { intervalMs: 1 },
    });
    expect(startOptions[0].inputReferences).toStrictEqual([{ type: 'file', mediaType: 'video/mp4', data: MP4 }]);
    expect('sourceVideo' in startOptions[0]).toBe(false);
    expect(result.warnings).toStrictEqual([
      {
        type: 'other',
        message:
          "sourceVideo (edit) was sent to vercel.video model m-4 as a reference video in inputReferences, the only way the Vercel AI SDK 7's call options carry a video; what the model does with it is its own.",
      },
    ]);
    // A URL gets the media type V4 providers route reference videos by.
    await generateVideo({
      model,
      prompt: 'in watercolour',
      sourceVideo: { operation: 'video-to-video', video: 'https://cdn.example.com/clip.mp4' },
      poll: { intervalMs: 1 },
    });
    expect(startOptions[1].inputReferences).toStrictEqual([
      { type: 'url', url: 'https://cdn.example.com/clip.mp4', mediaType: 'video/mp4' },
    ]);
  });

  it('refuses what V4 cannot carry (an extension, a remix) and a V4 model that takes no video references, before submitting', async () => {
    const { model, startOptions } = createRecordingV4Model();
    await expect(
      generateVideo({ model, prompt: 'go on', sourceVideo: { operation: 'extend', video: MP4 } }),
    ).rejects.toMatchObject({
      argument: 'sourceVideo',
      message: 'vercel.video model m-4 cannot extend a video (operations it supports: video-to-video, edit).',
    });
    const imagesOnly = createRecordingV4Model({ referenceKinds: ['image'] });
    await expect(
      generateVideo({ model: imagesOnly.model, prompt: 'x', sourceVideo: { operation: 'edit', video: MP4 } }),
    ).rejects.toMatchObject({
      message: 'vercel.video model m-4 cannot edit a video; it takes no source video.',
    });
    // Called directly (not through core), the adapter refuses too, naming what is lost.
    const adapted = resolveVideoModel(model);
    await expect(
      adapted.doStart!({
        prompt: 'x',
        n: 1,
        aspectRatio: undefined,
        resolution: undefined,
        duration: undefined,
        fps: undefined,
        seed: undefined,
        image: undefined,
        frameImages: undefined,
        inputReferences: undefined,
        generateAudio: undefined,
        providerOptions: {},
        sourceVideo: {
          operation: 'remix',
          job: { specificationVersion: 'v3', provider: 'x', modelId: 'y', operation: 1 },
        },
      }),
    ).rejects.toThrow("'remix' would be lost");
    expect([...startOptions, ...imagesOnly.startOptions]).toHaveLength(0);
  });

  it('toVercelVideoModel: a video in V4 inputReferences becomes the source video of a videogen model that takes one', async () => {
    const model = createMockJobModel({
      capabilities: {
        sourceVideo: [
          { operation: 'extend', origins: ['data'] },
          { operation: 'video-to-video', origins: ['data'] },
        ],
      },
    });
    const wrapped = toVercelVideoModel(model);
    const v4Options = {
      prompt: 'x',
      n: 1,
      aspectRatio: undefined,
      resolution: undefined,
      duration: undefined,
      fps: undefined,
      seed: undefined,
      image: undefined,
      frameImages: undefined,
      inputReferences: [{ type: 'file' as const, mediaType: 'video/mp4', data: MP4 }],
      generateAudio: undefined,
      providerOptions: {},
    };
    await wrapped.doStart!(v4Options);
    expect(model.startCalls[0]).toMatchObject({
      inputReferences: undefined,
      sourceVideo: { operation: 'video-to-video', video: { type: 'file', mediaType: 'video/mp4', data: MP4 } },
    });
    // The operation V4 cannot say, named through providerOptions.videogen.
    await wrapped.doStart!({ ...v4Options, providerOptions: { videogen: { sourceVideoOperation: 'extend' } } });
    expect(model.startCalls[1].sourceVideo?.operation).toBe('extend');
    await expect(
      wrapped.doStart!({
        ...v4Options,
        inputReferences: undefined,
        providerOptions: { videogen: { sourceVideoOperation: 'extend' } },
      }),
    ).rejects.toMatchObject({ argument: 'providerOptions.videogen.sourceVideoOperation' });

    // Round trip: a wrapped videogen model handed back to videogen gets the source video as it is.
    await generateVideo({
      model: wrapped,
      prompt: 'go on',
      sourceVideo: { operation: 'extend', video: MP4 },
      poll: { intervalMs: 1 },
    });
    expect(model.startCalls.at(-1)).toMatchObject({
      inputReferences: undefined,
      sourceVideo: { operation: 'extend', video: { type: 'file', mediaType: 'video/mp4', data: MP4 } },
    });

    // A model that takes video references keeps them as references.
    const referenceModel = createMockJobModel({
      capabilities: { referenceKinds: ['image', 'video'], sourceVideo: [{ operation: 'edit', origins: ['data'] }] },
    });
    await toVercelVideoModel(referenceModel).doStart!(v4Options);
    expect(referenceModel.startCalls[0]).toMatchObject({ inputReferences: v4Options.inputReferences });
    expect(referenceModel.startCalls[0].sourceVideo).toBeUndefined();
  });
});
