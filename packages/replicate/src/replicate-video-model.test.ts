import { APICallError, InvalidArgumentError, type VideoModelV3StartOptions } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import inputValidation from './__fixtures__/replicate-error-input-validation.json';
import failedModeration from './__fixtures__/replicate-prediction-failed-moderation.json';
import processing from './__fixtures__/replicate-prediction-processing.json';
import starting from './__fixtures__/replicate-prediction-starting.json';
import succeeded from './__fixtures__/replicate-prediction-succeeded.json';
import { createReplicate } from './replicate-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'r8_TEST-distinctive-token-9f3a1c';
const BASE = 'https://api.replicate.com/v1';
const ID = starting.id;
const VERSION_ID = 'a5fd550893da3b6f67997812759065652454ddaca10e96b83b59cbae1814cb36';
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 7, 7]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PNG_BASE64 = 'iVBORw0KGgoBAgM=';

const server = createTestServer({
  [`${BASE}/models/:owner/:name/predictions`]: { response: { type: 'json-value', body: starting, status: 201 } },
  [`${BASE}/predictions`]: { response: { type: 'json-value', body: starting, status: 201 } },
  [`${BASE}/deployments/:owner/:name/predictions`]: { response: { type: 'json-value', body: starting, status: 201 } },
  [`${BASE}/predictions/:id`]: { response: { type: 'json-value', body: processing } },
  [`${BASE}/predictions/:id/cancel`]: { response: { type: 'json-value', body: { ...processing, status: 'canceled' } } },
  [`${BASE}/files`]: {
    response: {
      type: 'json-value',
      status: 201,
      body: { id: 'ZjFjMmU0', name: 'input.png', urls: { get: `${BASE}/files/ZjFjMmU0` } },
    },
  },
  'https://replicate.delivery/*': { response: { type: 'binary', body: MP4, headers: { 'content-type': 'video/mp4' } } },
  'https://proxy.example.com/v1/*': { response: { type: 'json-value', body: starting, status: 201 } },
});

const PROMPT = 'A hummingbird hovers near a red flower';
const defaultOptions = createCallOptions({ prompt: PROMPT, providerOptions: { replicate: { pollIntervalMs: 10 } } });
const BIRD = { type: 'url', url: 'https://example.com/bird.jpg', mediaType: 'image/jpeg' } as const;
const FLOWER = { type: 'url', url: 'https://example.com/flower.png', mediaType: 'image/png' } as const;

function createModel(modelId = 'bytedance/seedance-1-lite', settings: Parameters<typeof createReplicate>[0] = {}) {
  return createReplicate({ apiKey: API_KEY, ...settings }).video(modelId);
}

async function start(options: Partial<VideoModelV3StartOptions> = {}, modelId?: string) {
  return createModel(modelId).doStart({ ...defaultOptions, ...options });
}

function lastCall() {
  const call = server.calls.at(-1);
  if (!call) throw new Error('no request');
  return call;
}

function prediction(fields: Record<string, unknown>) {
  return { type: 'json-value' as const, body: { ...succeeded, ...fields } };
}

describe('constructor', () => {
  it('exposes provider, model id, poll interval and the capabilities of a known model', () => {
    const model = createModel();
    expect(model.provider).toBe('replicate.video');
    expect(model.modelId).toBe('bytedance/seedance-1-lite');
    expect(model.maxVideosPerCall).toBe(1);
    expect(model.pollIntervalMs).toBe(2000);
    expect(model.capabilities).toMatchObject({
      durations: { min: 2, max: 12 },
      aspectRatios: ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', '9:21'],
      fps: [24],
      imageRoles: ['first_frame', 'last_frame', 'reference'],
      referenceKinds: ['image'],
      maxReferences: 4,
      seed: true,
      audio: false,
      requiresPrompt: true,
    });
    expect(model.capabilities.resolutions).toContain('1920x1080');
    expect(model.capabilities.sourceVideo).toBeUndefined();
  });

  it('declares the source video of MiniMax H3 (edit through its reference video) and nothing for the others', () => {
    expect(createModel('minimax/h3-highspeed').capabilities.sourceVideo).toStrictEqual([
      {
        operation: 'edit',
        origins: ['url', 'data'],
        maxDuration: 15,
        maxBytes: 50 * 1024 * 1024,
        mediaTypes: ['video/mp4', 'video/quicktime'],
      },
    ]);
    expect(createModel('kwaivgi/kling-v2.1').capabilities).toMatchObject({
      durations: [5, 10],
      imageRoles: ['first_frame', 'last_frame'],
      seed: false,
    });
    // A pinned version of a known model is the same model.
    expect(createModel(`bytedance/seedance-1-lite:${VERSION_ID}`).capabilities).toStrictEqual(
      createModel().capabilities,
    );
  });

  it('refuses nothing on a guess for an unknown model', () => {
    expect(createModel('acme/new-video-model').capabilities).toStrictEqual({ maxVideosPerCall: 1 });
  });
});

describe('doStart', () => {
  it('posts to /models/{owner}/{name}/predictions with the token only in Authorization', async () => {
    const result = await start({ duration: 5 });
    const call = lastCall();
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE}/models/bytedance/seedance-1-lite/predictions`);
    const { 'user-agent': userAgent, ...headers } = call.requestHeaders;
    expect(headers).toStrictEqual({ 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` });
    expect(userAgent).toMatch(/^videogen\/replicate\/0\.0\.0-test( |$)/);
    expect(call.requestBodyJson).toStrictEqual({ input: { prompt: PROMPT, duration: 5 } });
    expect(result.operation).toStrictEqual({ id: ID });
    expect(result.warnings).toStrictEqual([]);
    expect(result.providerMetadata).toStrictEqual({ replicate: { predictionId: ID, version: 'hidden' } });
  });

  it('runs owner/name:version and a bare version id through /predictions with the version id', async () => {
    await start({}, `acme/video:${VERSION_ID}`);
    expect(lastCall().requestUrl).toBe(`${BASE}/predictions`);
    expect(lastCall().requestBodyJson).toStrictEqual({ version: VERSION_ID, input: { prompt: PROMPT } });
    await start({}, VERSION_ID);
    expect(lastCall().requestBodyJson).toStrictEqual({ version: VERSION_ID, input: { prompt: PROMPT } });
  });

  it('runs a deployment through /deployments/{owner}/{name}/predictions (as an unknown model)', async () => {
    const model = createModel('deployments/acme/video-prod');
    expect(model.capabilities).toStrictEqual({ maxVideosPerCall: 1 });
    await model.doStart({ ...defaultOptions, duration: 5 });
    expect(lastCall().requestUrl).toBe(`${BASE}/deployments/acme/video-prod/predictions`);
    expect(lastCall().requestBodyJson).toStrictEqual({ input: { prompt: PROMPT, duration: 5 } });
  });

  it('refuses a malformed model id before any request', async () => {
    const before = server.calls.length;
    await expect(start({}, 'not a model')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(start({}, 'a/b:c:d')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.calls.length).toBe(before);
  });

  it('maps Seedance: first and last frame, resolution, aspect ratio, fps and seed to its input names', async () => {
    await start({
      frameImages: [
        { frameType: 'first_frame', image: BIRD },
        { frameType: 'last_frame', image: { type: 'file', mediaType: 'image/png', data: PNG } },
      ],
      resolution: '1920x1080',
      fps: 24,
      seed: 0,
      duration: 8,
    });
    expect(lastCall().requestBodyJson).toStrictEqual({
      input: {
        prompt: PROMPT,
        duration: 8,
        resolution: '1080p',
        aspect_ratio: '16:9',
        image: BIRD.url,
        last_frame_image: `data:image/png;base64,${PNG_BASE64}`,
        fps: 24,
        seed: 0,
      },
    });
  });

  it('maps Seedance reference images and refuses them with a frame or at 1080p', async () => {
    await start({ inputReferences: [BIRD, FLOWER], aspectRatio: '9:16' });
    expect(lastCall().requestBodyJson).toStrictEqual({
      input: { prompt: PROMPT, aspect_ratio: '9:16', reference_images: [BIRD.url, FLOWER.url] },
    });
    await expect(start({ inputReferences: [BIRD], image: FLOWER })).rejects.toMatchObject({
      argument: 'inputReferences',
    });
    await expect(start({ inputReferences: [BIRD], resolution: '1920x1080' })).rejects.toMatchObject({
      argument: 'resolution',
    });
  });

  it('maps Kling v2.1: start_image, mode from the resolution, end_image only in pro mode', async () => {
    await start({ image: BIRD, resolution: '1280x720', duration: 10 }, 'kwaivgi/kling-v2.1');
    expect(lastCall().requestBodyJson).toStrictEqual({
      input: { prompt: PROMPT, duration: 10, mode: 'standard', start_image: BIRD.url },
    });
    const result = await start(
      {
        frameImages: [
          { frameType: 'first_frame', image: BIRD },
          { frameType: 'last_frame', image: FLOWER },
        ],
        resolution: '1920x1080',
        seed: 7,
        aspectRatio: '16:9',
      },
      'kwaivgi/kling-v2.1',
    );
    expect(lastCall().requestBodyJson).toStrictEqual({
      input: { prompt: PROMPT, mode: 'pro', start_image: BIRD.url, end_image: FLOWER.url },
    });
    expect(result.warnings.map((warning) => (warning as { feature: string }).feature).sort()).toStrictEqual([
      'aspectRatio',
      'seed',
    ]);
  });

  it('refuses Kling v2.1 calls it cannot take before any request', async () => {
    const before = server.calls.length;
    await expect(start({}, 'kwaivgi/kling-v2.1')).rejects.toMatchObject({ argument: 'image' });
    await expect(
      start(
        {
          frameImages: [
            { frameType: 'first_frame', image: BIRD },
            { frameType: 'last_frame', image: FLOWER },
          ],
        },
        'kwaivgi/kling-v2.1',
      ),
    ).rejects.toMatchObject({ argument: 'frameImages' });
    await expect(start({ image: BIRD, duration: 7 }, 'kwaivgi/kling-v2.1')).rejects.toMatchObject({
      argument: 'duration',
    });
    await expect(start({ image: BIRD, generateAudio: true }, 'kwaivgi/kling-v2.1')).rejects.toMatchObject({
      argument: 'generateAudio',
    });
    expect(server.calls.length).toBe(before);
  });

  it('maps Wan 2.5: size from resolution and aspect ratio, the audio reference, seed', async () => {
    const result = await start(
      {
        resolution: '1080x1920',
        seed: 3,
        duration: 5,
        inputReferences: [{ type: 'url', url: 'https://example.com/voice.mp3', mediaType: 'audio/mpeg' }],
        generateAudio: false,
      },
      'wan-video/wan-2.5-t2v-fast',
    );
    expect(lastCall().requestBodyJson).toStrictEqual({
      input: { prompt: PROMPT, duration: 5, audio: 'https://example.com/voice.mp3', size: '1080*1920', seed: 3 },
    });
    expect(result.warnings).toStrictEqual([
      {
        type: 'unsupported',
        feature: 'generateAudio',
        details: 'replicate.video model wan-video/wan-2.5-t2v-fast always generates audio; it cannot be turned off.',
      },
    ]);
    await start({ aspectRatio: '16:9' }, 'wan-video/wan-2.5-t2v-fast');
    expect(lastCall().requestBodyJson).toStrictEqual({ input: { prompt: PROMPT, size: '1280*720' } });
    await expect(start({ image: BIRD }, 'wan-video/wan-2.5-t2v-fast')).rejects.toMatchObject({ argument: 'image' });
  });

  it('maps MiniMax H3: frames, references by kind, adaptive ratio', async () => {
    await start(
      {
        aspectRatio: 'adaptive',
        inputReferences: [
          BIRD,
          { type: 'url', url: 'https://example.com/walk.mp4', mediaType: 'video/mp4' },
          { type: 'url', url: 'https://example.com/voice.mp3', mediaType: 'audio/mpeg' },
        ],
      },
      'minimax/h3-highspeed',
    );
    expect(lastCall().requestBodyJson).toStrictEqual({
      input: {
        prompt: PROMPT,
        reference_image_urls: [BIRD.url],
        reference_video_urls: ['https://example.com/walk.mp4'],
        reference_audio_urls: ['https://example.com/voice.mp3'],
        ratio: 'adaptive',
      },
    });
    await start(
      {
        frameImages: [
          { frameType: 'first_frame', image: BIRD },
          { frameType: 'last_frame', image: FLOWER },
        ],
        duration: 6,
      },
      'minimax/h3-highspeed',
    );
    expect(lastCall().requestBodyJson).toStrictEqual({
      input: { prompt: PROMPT, duration: 6, first_frame_image: BIRD.url, last_frame_image: FLOWER.url },
    });
  });

  it('sends the common options of an unknown model under the names every listed model shares, and warns for the rest', async () => {
    const result = await start(
      { duration: 6, seed: 11, aspectRatio: '16:9', image: BIRD, fps: 30 },
      'acme/new-video-model',
    );
    expect(lastCall().requestUrl).toBe(`${BASE}/models/acme/new-video-model/predictions`);
    expect(lastCall().requestBodyJson).toStrictEqual({ input: { prompt: PROMPT, duration: 6, seed: 11 } });
    await start({ duration: 4.5 }, 'acme/new-video-model');
    expect(lastCall().requestBodyJson).toStrictEqual({ input: { prompt: PROMPT, duration: 4.5 } });
    await expect(start({ duration: 4.5 })).rejects.toMatchObject({ argument: 'duration' });
    expect(result.warnings.map((warning) => (warning as { feature: string }).feature)).toStrictEqual([
      'aspectRatio',
      'fps',
      'image',
    ]);
    expect(result.warnings[0]).toMatchObject({ details: expect.stringContaining('providerOptions.replicate.input') });
  });

  it("merges providerOptions.replicate.input last, so the model's own inputs win", async () => {
    await start(
      {
        duration: 6,
        providerOptions: {
          replicate: { input: { negative_prompt: 'blur', first_frame: BIRD.url, duration: 8, camera_fixed: true } },
        },
      },
      'acme/new-video-model',
    );
    expect(lastCall().requestBodyJson).toStrictEqual({
      input: { prompt: PROMPT, duration: 8, negative_prompt: 'blur', first_frame: BIRD.url, camera_fixed: true },
    });
  });

  it('refuses an unknown provider option (strict schema)', async () => {
    await expect(start({ providerOptions: { replicate: { negativePrompt: 'x' } } })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });

  it('sends the webhook with the completed filter, Prefer: wait and Cancel-After', async () => {
    await start({
      webhookUrl: 'https://hooks.example.com/replicate',
      providerOptions: { replicate: { waitSeconds: 5, cancelAfter: '15m' } },
    });
    expect(lastCall().requestBodyJson).toStrictEqual({
      input: { prompt: PROMPT },
      webhook: 'https://hooks.example.com/replicate',
      webhook_events_filter: ['completed'],
    });
    expect(lastCall().requestHeaders).toMatchObject({ prefer: 'wait=5', 'cancel-after': '15m' });
    await start({
      webhookUrl: 'https://hooks.example.com/replicate',
      providerOptions: { replicate: { webhookEventsFilter: ['start', 'completed'] } },
    });
    expect(lastCall().requestBodyJson.webhook_events_filter).toStrictEqual(['start', 'completed']);
  });

  it("turns Replicate's problem-details error into an APICallError with its title and detail", async () => {
    server.urls[`${BASE}/models/:owner/:name/predictions`].response = {
      type: 'error',
      status: 422,
      body: inputValidation,
    };
    const error = await start().catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 422,
      message: 'Input validation failed: - input: prompt is required',
      isRetryable: false,
    });
    expect(String((error as Error).message)).not.toContain(API_KEY);
  });

  it('sends the token to a configured base URL on another host', async () => {
    await createModel('bytedance/seedance-1-lite', { baseURL: 'https://proxy.example.com/v1/' }).doStart(
      defaultOptions,
    );
    expect(lastCall().requestUrl).toBe('https://proxy.example.com/v1/models/bytedance/seedance-1-lite/predictions');
    expect(lastCall().requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });
});

describe('file inputs', () => {
  const BIG = new Uint8Array(300 * 1024);
  BIG.set(PNG);

  it('uploads bytes over 256 KB to /v1/files (multipart content) and sends the file URL', async () => {
    await start({ image: { type: 'file', mediaType: 'image/png', data: BIG } });
    const [upload, create] = server.calls.slice(-2);
    expect(upload.requestMethod).toBe('POST');
    expect(upload.requestUrl).toBe(`${BASE}/files`);
    expect(upload.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    const form = await upload.requestBodyMultipart();
    expect(form.content).toBeInstanceOf(File);
    expect((form.content as File).size).toBe(BIG.length);
    expect((form.content as File).type).toBe('image/png');
    expect((form.content as File).name).toBe('input.png');
    expect(create.requestBodyJson).toStrictEqual({ input: { prompt: PROMPT, image: `${BASE}/files/ZjFjMmU0` } });
  });

  it("follows fileUpload: 'upload' uploads small files too, 'data-url' never uploads", async () => {
    await start({
      image: { type: 'file', mediaType: 'image/png', data: PNG },
      providerOptions: { replicate: { fileUpload: 'upload' } },
    });
    expect(server.calls.at(-2)?.requestUrl).toBe(`${BASE}/files`);
    const before = server.calls.length;
    await start({
      image: { type: 'file', mediaType: 'image/png', data: BIG },
      providerOptions: { replicate: { fileUpload: 'data-url' } },
    });
    expect(server.calls.length).toBe(before + 1);
    expect(lastCall().requestBodyJson.input.image).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });

  it('uploads nothing when the request is refused', async () => {
    const before = server.calls.length;
    await expect(
      start({ image: { type: 'file', mediaType: 'image/png', data: BIG }, duration: 99 }),
    ).rejects.toMatchObject({ argument: 'duration' });
    expect(server.calls.length).toBe(before);
  });
});

describe('source video', () => {
  const SOURCE = 'https://replicate.delivery/xezq/AbC123/source.mp4';

  it('edits a video URL with MiniMax H3 (its first reference video)', async () => {
    await start(
      {
        sourceVideo: { operation: 'edit', video: { type: 'url', url: SOURCE, mediaType: 'video/mp4' } },
        inputReferences: [{ type: 'url', url: 'https://example.com/walk.mp4', mediaType: 'video/mp4' }],
      },
      'minimax/h3-highspeed',
    );
    expect(lastCall().requestBodyJson).toStrictEqual({
      input: { prompt: PROMPT, reference_video_urls: [SOURCE, 'https://example.com/walk.mp4'] },
    });
  });

  it('sends a source video given as bytes as a data URL', async () => {
    await start(
      { sourceVideo: { operation: 'edit', video: { type: 'file', mediaType: 'video/mp4', data: MP4 } } },
      'minimax/h3-highspeed',
    );
    expect(lastCall().requestBodyJson.input.reference_video_urls[0]).toMatch(/^data:video\/mp4;base64,AAAAGGZ0eXBp/);
  });

  it('takes the video of a Replicate job (its output URL), never its id', async () => {
    const job = {
      specificationVersion: 'v3' as const,
      provider: 'replicate.video',
      modelId: 'x/y',
      operation: { id: ID },
    };
    await start(
      { sourceVideo: { operation: 'edit', job, video: { type: 'url', url: SOURCE } } },
      'minimax/h3-highspeed',
    );
    expect(lastCall().requestBodyJson.input.reference_video_urls).toStrictEqual([SOURCE]);
    await expect(start({ sourceVideo: { operation: 'edit', job } }, 'minimax/h3-highspeed')).rejects.toMatchObject({
      argument: 'sourceVideo',
    });
  });

  it('refuses an operation, a model or a file it cannot take, before any request', async () => {
    const before = server.calls.length;
    const video = { type: 'url', url: SOURCE, mediaType: 'video/mp4' } as const;
    await expect(start({ sourceVideo: { operation: 'extend', video } }, 'minimax/h3-highspeed')).rejects.toMatchObject({
      argument: 'sourceVideo',
    });
    await expect(start({ sourceVideo: { operation: 'edit', video } })).rejects.toMatchObject({
      argument: 'sourceVideo',
    });
    await expect(start({ sourceVideo: { operation: 'edit', video } }, 'acme/new-video-model')).rejects.toMatchObject({
      argument: 'sourceVideo',
    });
    await expect(
      start(
        { sourceVideo: { operation: 'edit', video: { type: 'file', mediaType: 'video/mp4', data: PNG } } },
        'minimax/h3-highspeed',
      ),
    ).rejects.toMatchObject({ argument: 'sourceVideo' });
    await expect(
      start(
        {
          sourceVideo: { operation: 'edit', video },
          inputReferences: [1, 2, 3].map((n) => ({
            type: 'url',
            url: `https://e.com/${n}.mp4`,
            mediaType: 'video/mp4',
          })),
        },
        'minimax/h3-highspeed',
      ),
    ).rejects.toMatchObject({ argument: 'sourceVideo' });
    await expect(
      start({ prompt: '', sourceVideo: { operation: 'edit', video } }, 'minimax/h3-highspeed'),
    ).rejects.toMatchObject({ argument: 'prompt' });
    expect(server.calls.length).toBe(before);
  });
});

describe('doStatus', () => {
  const model = createModel();
  const status = () => model.doStatus({ operation: { id: ID } });

  it('reads GET /predictions/{id}: starting is pending without progress', async () => {
    server.urls[`${BASE}/predictions/:id`].response = { type: 'json-value', body: starting };
    expect(await status()).toStrictEqual({ status: 'pending', providerStatus: 'starting' });
    expect(lastCall().requestMethod).toBe('GET');
    expect(lastCall().requestUrl).toBe(`${BASE}/predictions/${ID}`);
    expect(lastCall().requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("reports processing with the progress of the logs' last percentage", async () => {
    expect(await status()).toStrictEqual({ status: 'pending', providerStatus: 'processing', progress: 45 });
  });

  it('maps succeeded: the output URL, metrics as usage.raw, the metadata', async () => {
    server.urls[`${BASE}/predictions/:id`].response = { type: 'json-value', body: succeeded };
    const result = await status();
    expect(result).toMatchObject({
      status: 'completed',
      videos: [{ type: 'url', url: succeeded.output, mediaType: 'video/mp4' }],
      warnings: [],
      usage: { raw: { predict_time: 158.8, total_time: 161.49 } },
      providerMetadata: {
        replicate: {
          predictionId: ID,
          model: 'kwaivgi/kling-v2.1',
          version: 'hidden',
          createdAt: '2026-12-04T10:15:00.412345Z',
          startedAt: '2026-12-04T10:15:03.100000Z',
          completedAt: '2026-12-04T10:17:41.900000Z',
          metrics: { predict_time: 158.8, total_time: 161.49 },
          videoUrls: [succeeded.output],
        },
      },
      response: { modelId: 'bytedance/seedance-1-lite' },
    });
    expect(Object.keys((result as { usage: object }).usage)).toStrictEqual(['raw']);
  });

  it('maps an array of file outputs (and an object of them), leaving out what is not a video', async () => {
    server.urls[`${BASE}/predictions/:id`].response = [
      prediction({
        output: [
          'https://replicate.delivery/a/out-0.mp4',
          'https://replicate.delivery/a/poster.png',
          'https://replicate.delivery/a/out-1.webm',
        ],
      }),
      prediction({
        output: { video: 'https://replicate.delivery/a/v.mov', audio: 'https://replicate.delivery/a/a.wav' },
      }),
    ];
    expect(await status()).toMatchObject({
      videos: [
        { type: 'url', url: 'https://replicate.delivery/a/out-0.mp4', mediaType: 'video/mp4' },
        { type: 'url', url: 'https://replicate.delivery/a/out-1.webm', mediaType: 'video/webm' },
      ],
    });
    expect(await status()).toMatchObject({
      videos: [{ type: 'url', url: 'https://replicate.delivery/a/v.mov', mediaType: 'video/quicktime' }],
    });
  });

  it('maps a moderated failure with its code and contentFiltered', async () => {
    server.urls[`${BASE}/predictions/:id`].response = { type: 'json-value', body: failedModeration };
    expect(await status()).toMatchObject({
      status: 'failed',
      error: {
        code: 'ContentModerationError',
        message: 'ContentModerationError: Content flagged for: violence',
        contentFiltered: true,
      },
      usage: { raw: { predict_time: 3.1, total_time: 4.0 } },
    });
  });

  it('maps a plain failure, canceled, aborted, and a succeeded prediction whose output was removed', async () => {
    server.urls[`${BASE}/predictions/:id`].response = [
      prediction({ status: 'failed', output: null, error: 'CUDA out of memory' }),
      prediction({ status: 'canceled', output: null, metrics: null }),
      prediction({ status: 'aborted', output: null, metrics: null }),
      prediction({ output: null, data_removed: true, metrics: null }),
    ];
    expect(await status()).toMatchObject({ status: 'failed', error: { message: 'CUDA out of memory' } });
    expect((await status()) as unknown).toMatchObject({
      status: 'failed',
      error: { code: 'canceled', message: 'The prediction was canceled.' },
    });
    expect(await status()).toMatchObject({ status: 'failed', error: { code: 'aborted' } });
    expect(await status()).toMatchObject({ status: 'failed', error: { code: 'data_removed' } });
  });

  it('refuses an operation that is not a prediction id before any request', async () => {
    const before = server.calls.length;
    await expect(model.doStatus({ operation: { id: '../x' } })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(model.doStatus({ operation: 'abc' })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.calls.length).toBe(before);
  });
});

describe('doCancel', () => {
  it('posts /predictions/{id}/cancel', async () => {
    await createModel().doCancel({ operation: { id: ID } });
    expect(lastCall().requestMethod).toBe('POST');
    expect(lastCall().requestUrl).toBe(`${BASE}/predictions/${ID}/cancel`);
    expect(lastCall().requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });
});

describe('doGenerate', () => {
  it('submits, polls to completion and returns the public URL', async () => {
    server.urls[`${BASE}/predictions/:id`].response = [
      { type: 'json-value', body: processing },
      { type: 'json-value', body: succeeded },
    ];
    const result = await createModel().doGenerate(defaultOptions);
    expect(result.videos).toStrictEqual([{ type: 'url', url: succeeded.output, mediaType: 'video/mp4' }]);
    expect(result.usage).toStrictEqual({ raw: { predict_time: 158.8, total_time: 161.49 } });
    expect(server.calls.map((call) => call.requestMethod)).toStrictEqual(['POST', 'GET', 'GET']);
  });
});

describe('doListJobs', () => {
  const page = (results: unknown[], next: string | null = null) => ({
    type: 'json-value' as const,
    body: { next, previous: null, results },
  });
  const listed = (id: string, status: string) => ({ ...succeeded, id, status });

  it('reads GET /predictions and maps each prediction to a job that resumes', async () => {
    server.urls[`${BASE}/predictions`].response = page(
      [listed('aaa', 'succeeded'), listed('bbb', 'processing'), listed('ccc', 'failed'), listed('ddd', 'canceled')],
      `${BASE}/predictions?cursor=cD0yMDI2`,
    );
    const result = await createModel().doListJobs({});
    expect(lastCall().requestMethod).toBe('GET');
    expect(lastCall().requestUrl).toBe(`${BASE}/predictions`);
    expect(result.jobs.map((job) => [job.operation, job.status, job.providerStatus])).toStrictEqual([
      [{ id: 'aaa' }, 'completed', 'succeeded'],
      [{ id: 'bbb' }, 'pending', 'processing'],
      [{ id: 'ccc' }, 'failed', 'failed'],
      [{ id: 'ddd' }, 'canceled', 'canceled'],
    ]);
    expect(result.jobs[0]).toMatchObject({
      modelId: 'kwaivgi/kling-v2.1',
      createdAt: new Date('2026-12-04T10:15:00.412Z'),
    });
    expect(result.nextCursor).toBe('c=cD0yMDI2&o=0');
    await createModel().doListJobs({ after: result.nextCursor });
    expect(lastCall().requestUrl).toBe(`${BASE}/predictions?cursor=cD0yMDI2`);
  });

  it('filters by status locally and cuts the page at limit with a cursor into the page', async () => {
    server.urls[`${BASE}/predictions`].response = page([
      listed('aaa', 'succeeded'),
      listed('bbb', 'processing'),
      listed('ccc', 'succeeded'),
      listed('ddd', 'succeeded'),
    ]);
    const first = await createModel().doListJobs({ status: 'completed', limit: 2 });
    expect(first.jobs.map((job) => job.operation)).toStrictEqual([{ id: 'aaa' }, { id: 'ccc' }]);
    expect(first.nextCursor).toBe('o=3');
    const second = await createModel().doListJobs({ status: 'completed', limit: 2, after: first.nextCursor });
    expect(second.jobs.map((job) => job.operation)).toStrictEqual([{ id: 'ddd' }]);
    expect(second.nextCursor).toBeUndefined();
    await expect(createModel().doListJobs({ after: 'garbage' })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('is the provider-level listJobs too', async () => {
    server.urls[`${BASE}/predictions`].response = page([listed('aaa', 'starting')]);
    const provider = createReplicate({ apiKey: API_KEY });
    expect((await provider.listJobs({})).jobs).toMatchObject([{ operation: { id: 'aaa' }, status: 'pending' }]);
  });
});

describe('doGetDownloadUrl', () => {
  it("returns the output's replicate.delivery URL, expiring 1 hour after completion", async () => {
    server.urls[`${BASE}/predictions/:id`].response = { type: 'json-value', body: succeeded };
    expect(await createModel().doGetDownloadUrl({ operation: { id: ID } })).toStrictEqual({
      url: succeeded.output,
      mediaType: 'video/mp4',
      expiresAt: new Date('2026-12-04T11:17:41.900Z'),
    });
    await expect(createModel().doGetDownloadUrl({ operation: { id: ID }, index: 1 })).rejects.toMatchObject({
      argument: 'index',
    });
  });

  it('refuses a prediction that has not succeeded', async () => {
    await expect(createModel().doGetDownloadUrl({ operation: { id: ID } })).rejects.toMatchObject({
      argument: 'operation',
      message: expect.stringContaining('processing'),
    });
  });
});

describe('listVideoModels', () => {
  it('lists the known models from the static table with their capabilities', async () => {
    const entries = await createReplicate({ apiKey: API_KEY }).listVideoModels();
    expect(entries.map((entry) => entry.modelId)).toStrictEqual([
      'kwaivgi/kling-v2.1',
      'bytedance/seedance-1-lite',
      'wan-video/wan-2.5-t2v-fast',
      'minimax/h3-highspeed',
    ]);
    expect(entries[1]).toStrictEqual({
      modelId: 'bytedance/seedance-1-lite',
      provider: 'replicate.video',
      name: 'Seedance 1 Lite',
      capabilities: createModel().capabilities,
      source: 'static',
    });
  });
});
