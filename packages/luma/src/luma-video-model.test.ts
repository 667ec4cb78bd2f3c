import {
  APICallError,
  InvalidArgumentError,
  VideoJobFailedError,
  type VideoModelV3CallOptions,
  type VideoModelV3StartOptions,
} from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import invalidError from './__fixtures__/luma-error-invalid.json';
import completedGeneration from './__fixtures__/luma-generation-completed.json';
import dreamingGeneration from './__fixtures__/luma-generation-dreaming.json';
import failedGeneration from './__fixtures__/luma-generation-failed.json';
import moderatedGeneration from './__fixtures__/luma-generation-moderated.json';
import queuedGeneration from './__fixtures__/luma-generation-queued.json';
import { createLuma } from './luma-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'luma-TEST-distinctive-key-4e2a91';
const BASE = 'https://api.lumalabs.ai/dream-machine/v1';
const MODEL = 'ray-2';
const ID = 'd6a1c3f0-2b7e-4a59-8c11-0f3e9b2a7d45';
const PREVIOUS_ID = 'a0b1c2d3-0000-4000-8000-000000000001';
const VIDEO_URL = `https://storage.cdn-luma.com/dream_machine/${ID}/video_0.mp4`;
const THUMB_URL = `https://storage.cdn-luma.com/dream_machine/${ID}/video_0_thumb.jpg`;
const IMAGE_URL = 'https://cdn.example.com/tiger.jpg';
const END_URL = 'https://cdn.example.com/tiger-end.png';
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 7, 7]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

const server = createTestServer({
  [`${BASE}/generations/video`]: { response: { type: 'json-value', body: queuedGeneration, status: 201 } },
  [`${BASE}/generations/video/modify`]: { response: { type: 'json-value', body: queuedGeneration, status: 201 } },
  [`${BASE}/generations/:id`]: { response: { type: 'json-value', body: dreamingGeneration } },
  [VIDEO_URL]: { response: { type: 'binary', body: MP4, headers: { 'content-type': 'video/mp4' } } },
  'https://elsewhere.example.com/generations/:id': { response: { type: 'json-value', body: dreamingGeneration } },
  'https://proxy.example.com/luma/generations/video': {
    response: { type: 'json-value', body: queuedGeneration, status: 201 },
  },
});

const defaultOptions = createCallOptions({
  prompt: 'A tiger walking in snow',
  providerOptions: { luma: { pollIntervalMs: 10 } },
});

function createModel(modelId: string = MODEL, settings: Parameters<typeof createLuma>[0] = {}) {
  return createLuma({ apiKey: API_KEY, ...settings }).video(modelId);
}

async function start(options: Partial<VideoModelV3StartOptions> = {}, modelId?: string) {
  return createModel(modelId).doStart({ ...defaultOptions, ...options });
}

function sentBody() {
  return server.calls[0].requestBodyJson;
}

describe('constructor', () => {
  it('exposes provider, model id, poll interval, videos per call and capabilities', () => {
    const model = createModel();
    expect(model.provider).toBe('luma.video');
    expect(model.modelId).toBe(MODEL);
    expect(model.specificationVersion).toBe('v3');
    expect(model.pollIntervalMs).toBe(5000);
    expect(model.maxVideosPerCall).toBe(1);
    expect(model.capabilities).toStrictEqual({
      durations: [5, 9],
      resolutions: [
        '540x540',
        '960x540',
        '540x960',
        '720x540',
        '540x720',
        '1260x540',
        '540x1260',
        '720x720',
        '1280x720',
        '720x1280',
        '960x720',
        '720x960',
        '1680x720',
        '720x1680',
        '1080x1080',
        '1920x1080',
        '1080x1920',
        '1440x1080',
        '1080x1440',
        '2520x1080',
        '1080x2520',
        '2160x2160',
        '3840x2160',
        '2160x3840',
        '2880x2160',
        '2160x2880',
        '5040x2160',
        '2160x5040',
      ],
      aspectRatios: ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21'],
      imageRoles: ['first_frame', 'last_frame'],
      referenceKinds: [],
      maxReferences: 0,
      maxVideosPerCall: 1,
      seed: false,
      audio: false,
      inputUrlSchemes: ['http', 'https'],
      sourceVideo: [
        { operation: 'extend', origins: ['job'] },
        { operation: 'video-to-video', origins: ['job', 'url'] },
      ],
    });
    expect(createModel('ray-flash-2').capabilities).toStrictEqual(model.capabilities);
  });

  it('checks only aspect ratios on ray-1-6 (its limits are not documented) and nothing model-specific on an unknown id', () => {
    const ray16 = createModel('ray-1-6').capabilities;
    expect(ray16.aspectRatios).toStrictEqual(['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21']);
    expect(ray16.durations).toBeUndefined();
    expect(ray16.resolutions).toBeUndefined();
    // Luma modifies with ray-2 and ray-flash-2 only.
    expect(ray16.sourceVideo).toStrictEqual([{ operation: 'extend', origins: ['job'] }]);
    const unknown = createModel('ray-9').capabilities;
    expect(unknown.aspectRatios).toBeUndefined();
    expect(unknown.imageRoles).toStrictEqual(['first_frame', 'last_frame']);
  });
});

describe('doStart', () => {
  it('sends text-to-video to POST /generations/video with the key only in Authorization', async () => {
    const result = await start();

    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE}/generations/video`);
    const { 'user-agent': userAgent, ...headers } = call.requestHeaders;
    expect(headers).toStrictEqual({ 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` });
    expect(userAgent).toMatch(/^videogen\/luma\/0\.0\.0-test( |$)/);
    expect(call.requestBodyJson).toStrictEqual({ model: 'ray-2', prompt: 'A tiger walking in snow' });

    expect(result.operation).toStrictEqual({ id: ID });
    expect(result.warnings).toStrictEqual([]);
    expect(result.providerMetadata).toStrictEqual({ luma: { generationId: ID, state: 'queued' } });
    expect(result.response.modelId).toBe(MODEL);
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it('maps a WxH resolution to its label and aspect ratio, the duration to "5s"/"9s"', async () => {
    await start({ resolution: '1080x1920', duration: 9 });
    expect(sentBody()).toStrictEqual({
      model: 'ray-2',
      prompt: 'A tiger walking in snow',
      aspect_ratio: '9:16',
      resolution: '1080p',
      duration: '9s',
    });
  });

  it('sends an aspect ratio alone, and 4k / 540p labels', async () => {
    await start({ aspectRatio: '21:9', duration: 5 });
    await start({ resolution: '3840x2160' });
    await start({ resolution: '960x540', aspectRatio: '16:9' });
    expect(server.calls.map((call) => call.requestBodyJson)).toStrictEqual([
      { model: 'ray-2', prompt: 'A tiger walking in snow', aspect_ratio: '21:9', duration: '5s' },
      { model: 'ray-2', prompt: 'A tiger walking in snow', aspect_ratio: '16:9', resolution: '4k' },
      { model: 'ray-2', prompt: 'A tiger walking in snow', aspect_ratio: '16:9', resolution: '540p' },
    ]);
  });

  it('sends a first frame as keyframes.frame0 { type: image, url }', async () => {
    await start({ image: { type: 'url', url: IMAGE_URL } });
    expect(sentBody()).toStrictEqual({
      model: 'ray-2',
      prompt: 'A tiger walking in snow',
      keyframes: { frame0: { type: 'image', url: IMAGE_URL } },
    });
  });

  it('sends a last frame alone as keyframes.frame1, and first + last frame together, without a prompt', async () => {
    await start({ frameImages: [{ frameType: 'last_frame', image: { type: 'url', url: END_URL } }] });
    await start({
      prompt: undefined,
      frameImages: [
        { frameType: 'first_frame', image: { type: 'url', url: IMAGE_URL } },
        { frameType: 'last_frame', image: { type: 'url', url: END_URL } },
      ],
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'ray-2',
      prompt: 'A tiger walking in snow',
      keyframes: { frame1: { type: 'image', url: END_URL } },
    });
    expect(server.calls[1].requestBodyJson).toStrictEqual({
      model: 'ray-2',
      keyframes: { frame0: { type: 'image', url: IMAGE_URL }, frame1: { type: 'image', url: END_URL } },
    });
  });

  it('extends a generation (frame0), reverse-extends (frame1) and interpolates between two', async () => {
    await start({ providerOptions: { luma: { startGenerationId: PREVIOUS_ID } } });
    await start({ providerOptions: { luma: { endGenerationId: PREVIOUS_ID } } });
    await start({ providerOptions: { luma: { startGenerationId: PREVIOUS_ID, endGenerationId: ID } } });
    expect(server.calls.map((call) => call.requestBodyJson.keyframes)).toStrictEqual([
      { frame0: { type: 'generation', id: PREVIOUS_ID } },
      { frame1: { type: 'generation', id: PREVIOUS_ID } },
      { frame0: { type: 'generation', id: PREVIOUS_ID }, frame1: { type: 'generation', id: ID } },
    ]);
  });

  it('mixes a generation and an image keyframe (extend towards an end frame)', async () => {
    await start({
      frameImages: [{ frameType: 'last_frame', image: { type: 'url', url: END_URL } }],
      providerOptions: { luma: { startGenerationId: PREVIOUS_ID } },
    });
    expect(sentBody().keyframes).toStrictEqual({
      frame0: { type: 'generation', id: PREVIOUS_ID },
      frame1: { type: 'image', url: END_URL },
    });
  });

  it('sends loop, concepts and the webhook URL as callback_url', async () => {
    await start({
      webhookUrl: 'https://hooks.example.com/luma?videogen_token=s3cret',
      providerOptions: { luma: { loop: true, concepts: ['dolly_zoom', 'orbit_left'] } },
    });
    expect(sentBody()).toStrictEqual({
      model: 'ray-2',
      prompt: 'A tiger walking in snow',
      loop: true,
      concepts: [{ key: 'dolly_zoom' }, { key: 'orbit_left' }],
      callback_url: 'https://hooks.example.com/luma?videogen_token=s3cret',
    });
  });

  it('sends a model id of unknown family as is, with the duration as given', async () => {
    await start({ duration: 7, aspectRatio: '16:9' }, 'ray-9');
    expect(sentBody()).toStrictEqual({
      model: 'ray-9',
      prompt: 'A tiger walking in snow',
      aspect_ratio: '16:9',
      duration: '7s',
    });
  });

  it('sends the key to a configured baseURL on another host, and the call headers', async () => {
    await createModel(MODEL, { baseURL: 'https://proxy.example.com/luma/' }).doStart({
      ...defaultOptions,
      headers: { 'x-request-tag': 'abc' },
    });
    expect(server.calls[0].requestUrl).toBe('https://proxy.example.com/luma/generations/video');
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(server.calls[0].requestHeaders['x-request-tag']).toBe('abc');
  });

  it("reports Luma's error body as an APICallError with its detail, never the key", async () => {
    server.urls[`${BASE}/generations/video`].response = { type: 'error', status: 400, body: invalidError };
    const error = await start().catch((error: unknown) => error);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 400,
      message: invalidError.detail,
      data: { detail: invalidError.detail },
    });
    expect(JSON.stringify(error)).not.toContain(API_KEY);
  });

  it('reads a FastAPI validation list in detail', async () => {
    server.urls[`${BASE}/generations/video`].response = {
      type: 'error',
      status: 422,
      body: { detail: [{ loc: ['body', 'duration'], msg: 'Input should be 5s or 9s', type: 'enum' }] },
    };
    await expect(start()).rejects.toMatchObject({
      statusCode: 422,
      message: 'body.duration: Input should be 5s or 9s',
    });
  });

  it('marks 429 as retryable with its Retry-After', async () => {
    server.urls[`${BASE}/generations/video`].response = {
      type: 'error',
      status: 429,
      body: { detail: 'Too many requests' },
      headers: { 'retry-after': '3' },
    };
    await expect(start()).rejects.toMatchObject({
      statusCode: 429,
      isRetryable: true,
      message: 'Too many requests',
      responseHeaders: expect.objectContaining({ 'retry-after': '3' }),
    });
  });
});

describe('modify (video-to-video)', () => {
  const SOURCE = 'https://cdn.example.com/source.mp4';

  it('sends POST /generations/video/modify with media, mode, prompt, first_frame and callback_url', async () => {
    const result = await start({
      image: { type: 'url', url: IMAGE_URL },
      webhookUrl: 'https://hooks.example.com/luma',
      providerOptions: { luma: { modify: { videoUrl: SOURCE, mode: 'flex_2' } } },
    });
    expect(server.calls[0].requestMethod).toBe('POST');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/generations/video/modify`);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sentBody()).toStrictEqual({
      generation_type: 'modify_video',
      model: 'ray-2',
      media: { url: SOURCE },
      mode: 'flex_2',
      prompt: 'A tiger walking in snow',
      first_frame: { url: IMAGE_URL },
      callback_url: 'https://hooks.example.com/luma',
    });
    expect(result.operation).toStrictEqual({ id: ID });
  });

  it('warns about what modify keeps from the source (duration, size, ratio) and has no field for', async () => {
    const result = await start({
      duration: 5,
      resolution: '1280x720',
      providerOptions: { luma: { loop: true, modify: { videoUrl: SOURCE, mode: 'adhere_1' } } },
    });
    expect(sentBody()).toStrictEqual({
      generation_type: 'modify_video',
      model: 'ray-2',
      media: { url: SOURCE },
      mode: 'adhere_1',
      prompt: 'A tiger walking in snow',
    });
    expect(result.warnings.map((warning) => (warning as { feature?: string }).feature)).toStrictEqual([
      'duration',
      'resolution',
      'providerOptions.luma.loop',
    ]);
  });

  it.each([
    [
      'on ray-1-6',
      { providerOptions: { luma: { modify: { videoUrl: SOURCE, mode: 'flex_1' } } } },
      'ray-1-6',
      /ray-2 or ray-flash-2/,
    ],
    [
      'with a last frame',
      {
        frameImages: [{ frameType: 'last_frame' as const, image: { type: 'url' as const, url: END_URL } }],
        providerOptions: { luma: { modify: { videoUrl: SOURCE, mode: 'flex_1' } } },
      },
      MODEL,
      /no last frame/,
    ],
    [
      'with a generation keyframe',
      { providerOptions: { luma: { startGenerationId: PREVIOUS_ID, modify: { videoUrl: SOURCE, mode: 'flex_1' } } } },
      MODEL,
      /no generation keyframes/,
    ],
  ])('refuses modify %s before any request', async (_name, options, modelId, message) => {
    await expect(start(options, modelId)).rejects.toMatchObject({
      argument: 'providerOptions.luma.modify',
      message: expect.stringMatching(message),
    });
    expect(server.calls).toHaveLength(0);
  });

  it('refuses a source that is not an http(s) URL and an unknown mode', async () => {
    for (const modify of [
      { videoUrl: 'data:video/mp4;base64,AAAA', mode: 'flex_1' },
      { videoUrl: SOURCE, mode: 'flex_9' },
    ]) {
      await expect(start({ providerOptions: { luma: { modify } } })).rejects.toMatchObject({
        argument: 'providerOptions',
      });
    }
    expect(server.calls).toHaveLength(0);
  });
});

describe('capability errors (before any HTTP request)', () => {
  const png = { type: 'file', mediaType: 'image/png', data: PNG } as const;
  const cases: Array<[string, Partial<VideoModelV3CallOptions>, string, string, RegExp]> = [
    ['a duration the model does not take', { duration: 6 }, MODEL, 'duration', /Allowed: 5, 9\. Nearest allowed: 5 s/],
    ['an unknown size', { resolution: '1000x1000' }, MODEL, 'resolution', /resolution "1000x1000"/],
    ['an aspect ratio Luma has not', { aspectRatio: '2:1' }, MODEL, 'aspectRatio', /Allowed: 1:1, 16:9/],
    [
      'a size that contradicts the aspect ratio',
      { resolution: '1920x1080', aspectRatio: '9:16' },
      MODEL,
      'aspectRatio',
      /does not match resolution 1920x1080/,
    ],
    ['image bytes (Luma takes URLs only)', { image: png }, MODEL, 'image', /only by http\(s\) URL/],
    [
      'a data: URL image',
      { image: { type: 'url', url: 'data:image/png;base64,iVBORw0KGgoBAgM=' } },
      MODEL,
      'image',
      /got a data: URL/,
    ],
    [
      'a reference image',
      { inputReferences: [{ type: 'url', url: IMAGE_URL }] },
      MODEL,
      'inputReferences',
      /does not take reference images/,
    ],
    [
      'a reference video',
      { inputReferences: [{ type: 'url', url: 'https://cdn.example.com/clip.mp4', mediaType: 'video/mp4' }] },
      MODEL,
      'inputReferences',
      /does not take video references/,
    ],
    ['n = 2', { n: 2 }, MODEL, 'n', /at most 1/],
    ['generateAudio: true (Ray is silent)', { generateAudio: true }, MODEL, 'generateAudio', /cannot generate audio/],
    ['no prompt and no keyframe', { prompt: undefined }, MODEL, 'prompt', /prompt/],
    [
      'a generation to extend without a prompt (the shared check sees no input)',
      { prompt: undefined, providerOptions: { luma: { startGenerationId: PREVIOUS_ID } } },
      MODEL,
      'prompt',
      /prompt/,
    ],
    [
      'a first frame and a generation to extend',
      { image: { type: 'url', url: IMAGE_URL }, providerOptions: { luma: { startGenerationId: PREVIOUS_ID } } },
      MODEL,
      'providerOptions.luma.startGenerationId',
      /not both/,
    ],
    [
      'a last frame and a generation to lead into',
      {
        frameImages: [{ frameType: 'last_frame', image: { type: 'url', url: END_URL } }],
        providerOptions: { luma: { endGenerationId: PREVIOUS_ID } },
      },
      MODEL,
      'providerOptions.luma.endGenerationId',
      /not both/,
    ],
  ];

  it.each(cases)('rejects %s', async (_name, options, modelId, argument, message) => {
    const error = await start(options, modelId).catch((error: unknown) => error);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument });
    expect((error as Error).message).toMatch(message);
    expect(server.calls).toHaveLength(0);
  });

  it('rejects unknown provider options and a malformed generation id', async () => {
    await expect(start({ providerOptions: { luma: { keyframes: {} } } })).rejects.toMatchObject({
      argument: 'providerOptions',
      message: expect.stringMatching(/unknown key "keyframes"/),
    });
    await expect(start({ providerOptions: { luma: { startGenerationId: '../x' } } })).rejects.toMatchObject({
      argument: 'providerOptions',
    });
    expect(server.calls).toHaveLength(0);
  });
});

describe('warnings', () => {
  it('warns about seed, fps and an adaptive aspect ratio, and sends none of them', async () => {
    const result = await start({ seed: 1, fps: 24, aspectRatio: 'adaptive', generateAudio: false });
    expect(sentBody()).toStrictEqual({ model: 'ray-2', prompt: 'A tiger walking in snow' });
    expect(result.warnings.map((warning) => (warning as { feature?: string }).feature)).toStrictEqual([
      'seed',
      'aspectRatio',
      'fps',
    ]);
  });
});

describe('doStatus', () => {
  const operation = { id: ID };

  it.each([
    ['queued', queuedGeneration],
    ['dreaming', dreamingGeneration],
  ])('maps %s to pending (Luma reports no progress)', async (state, body) => {
    server.urls[`${BASE}/generations/:id`].response = { type: 'json-value', body };
    const status = await createModel().doStatus({ operation });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/generations/${ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(status).toStrictEqual({ status: 'pending', providerStatus: state });
  });

  it('maps completed to the assets.video URL (no usage: Luma reports none)', async () => {
    server.urls[`${BASE}/generations/:id`].response = { type: 'json-value', body: completedGeneration };
    expect(await createModel().doStatus({ operation })).toStrictEqual({
      status: 'completed',
      videos: [{ type: 'url', url: VIDEO_URL, mediaType: 'video/mp4' }],
      warnings: [],
      providerMetadata: {
        luma: { generationId: ID, state: 'completed', thumbnailUrl: THUMB_URL, videoUrl: VIDEO_URL },
      },
      response: { timestamp: expect.any(Date), modelId: MODEL, headers: expect.any(Object) },
    });
  });

  it("maps failed to Luma's failure_reason", async () => {
    server.urls[`${BASE}/generations/:id`].response = { type: 'json-value', body: failedGeneration };
    expect(await createModel().doStatus({ operation })).toStrictEqual({
      status: 'failed',
      error: { message: 'Generation failed: internal error' },
      providerMetadata: { luma: { generationId: ID, state: 'failed' } },
    });
  });

  it('maps a moderation failure to content filtered', async () => {
    server.urls[`${BASE}/generations/:id`].response = { type: 'json-value', body: moderatedGeneration };
    expect(await createModel().doStatus({ operation })).toStrictEqual({
      status: 'failed',
      error: { message: 'Advanced moderation failed', contentFiltered: true },
      providerMetadata: { luma: { generationId: ID, state: 'failed' } },
    });
  });

  it('reports completed without a video URL as failed', async () => {
    server.urls[`${BASE}/generations/:id`].response = {
      type: 'json-value',
      body: { ...completedGeneration, assets: null },
    };
    expect(await createModel().doStatus({ operation })).toMatchObject({
      status: 'failed',
      error: { code: 'NO_VIDEO' },
    });
  });

  it('rejects a job reference that is not a Luma generation without any request', async () => {
    for (const bad of [{ name: 'x' }, { id: '../../credits' }, null, 'id']) {
      await expect(createModel().doStatus({ operation: bad as never })).rejects.toMatchObject({
        argument: 'operation',
      });
    }
    expect(server.calls).toHaveLength(0);
  });

  it('follows a status redirect to another origin without the key', async () => {
    server.urls[`${BASE}/generations/:id`].response = {
      type: 'redirect',
      location: `https://elsewhere.example.com/generations/${ID}`,
      status: 307,
    };
    expect(await createModel().doStatus({ operation })).toStrictEqual({
      status: 'pending',
      providerStatus: 'dreaming',
    });
    expect(server.calls).toHaveLength(2);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(server.calls[1].requestUrl).toBe(`https://elsewhere.example.com/generations/${ID}`);
    expect(server.calls[1].requestHeaders.authorization).toBeUndefined();
  });

  it('has no doCancel (Luma can only delete a generation)', () => {
    expect((createModel() as { doCancel?: unknown }).doCancel).toBeUndefined();
  });
});

describe('doGenerate', () => {
  it('starts, polls until completed and downloads the public video without the key', async () => {
    server.urls[`${BASE}/generations/:id`].response = [
      { type: 'json-value', body: dreamingGeneration },
      { type: 'json-value', body: completedGeneration },
    ];
    const result = await createModel().doGenerate(defaultOptions);
    expect(result.videos).toHaveLength(1);
    const download = server.calls.find((call) => call.requestUrl === VIDEO_URL);
    expect(download?.requestHeaders.authorization).toBeUndefined();
  });

  it('throws a VideoJobFailedError carrying the job for a failed generation', async () => {
    server.urls[`${BASE}/generations/:id`].response = { type: 'json-value', body: moderatedGeneration };
    const error = await createModel()
      .doGenerate(defaultOptions)
      .catch((error: unknown) => error);
    expect(VideoJobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      contentFiltered: true,
      message: expect.stringContaining('Advanced moderation failed'),
    });
  });
});
