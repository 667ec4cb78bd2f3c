import { VERSION as AI_SDK_PROVIDER_UTILS_VERSION } from '@ai-sdk/provider-utils';
import { APICallError, InvalidArgumentError, VideoJobAbortedError, VideoJobFailedError } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import completedFixture from './__fixtures__/openrouter-video-status-completed.json';
import error402Fixture from './__fixtures__/openrouter-error-402.json';
import failedFixture from './__fixtures__/openrouter-video-status-failed.json';
import modelsFixture from './__fixtures__/openrouter-video-models.json';
import submitFixture from './__fixtures__/openrouter-video-submit.json';
import { createOpenRouter, type OpenRouterProviderSettings } from './openrouter-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const BASE = 'https://openrouter.ai/api/v1';
const JOB_ID = 'gen-vid-1761234567-AbCdEfGhIjKlMnOpQrSt';
const API_KEY = 'sk-or-test-key';
const VIDEO_BYTES = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 109, 112, 52, 50]);
// Node 21+ has navigator.userAgent ('Node.js/22'), which @ai-sdk/provider-utils prefers to process.version.
const RUNTIME = globalThis.navigator?.userAgent?.toLowerCase() ?? `node.js/${process.version}`;
const USER_AGENT = `videogen/openrouter/0.0.0-test ai-sdk/provider-utils/${AI_SDK_PROVIDER_UTILS_VERSION} runtime/${RUNTIME}`;
const TIMESTAMP = new Date('2026-05-01T12:00:00.000Z');
// Inputs are checked by their bytes (validateVideoCallOptions): a PNG signature and a JPEG start.
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_BASE64 = '/9j/4AAQ';

const server = createTestServer({
  // Before `/videos/:id`, which would match `/videos/models` too.
  [`${BASE}/videos/models`]: { response: { type: 'json-value', body: modelsFixture } },
  [`${BASE}/videos`]: { response: { type: 'json-value', status: 202, body: submitFixture } },
  [`${BASE}/videos/:id/content`]: {
    response: { type: 'binary', body: VIDEO_BYTES, headers: { 'content-type': 'video/mp4' } },
  },
  [`${BASE}/videos/:id`]: { response: { type: 'json-value', body: completedFixture } },
  'https://storage.example.com/*': {
    response: { type: 'binary', body: VIDEO_BYTES, headers: { 'content-type': 'video/mp4' } },
  },
  'https://evil.example.com/*': { response: { type: 'json-value', body: completedFixture } },
});

const defaultOptions = createCallOptions({ prompt: 'A serene mountain landscape at sunset' });

function createProvider(settings: OpenRouterProviderSettings = {}) {
  return createOpenRouter({ apiKey: API_KEY, _internal: { currentDate: () => TIMESTAMP }, ...settings });
}

function createBasicModel(modelId = 'google/veo-3.1', settings: OpenRouterProviderSettings = {}) {
  return createProvider(settings).video(modelId);
}

const postCalls = () => server.calls.filter((call) => call.requestMethod === 'POST');
const modelsCalls = () => server.calls.filter((call) => call.route === `${BASE}/videos/models`);

describe('constructor', () => {
  it('exposes the provider id, the model id and one video per call', () => {
    const model = createBasicModel('kwaivgi/kling-v3.0-std');
    expect(model.provider).toBe('openrouter.video');
    expect(model.modelId).toBe('kwaivgi/kling-v3.0-std');
    expect(model.specificationVersion).toBe('v3');
    expect(model.maxVideosPerCall).toBe(1);
  });

  it('polls every 10 s by default, OpenRouter’s documented guidance (every 10–30 s)', () => {
    expect(createBasicModel().pollIntervalMs).toBe(10_000);
  });

  it('has no doCancel, because OpenRouter has no cancel endpoint', () => {
    expect((createBasicModel() as { doCancel?: unknown }).doCancel).toBeUndefined();
  });
});

describe('doStart', () => {
  it('sends every field of the create request, with the key and the user agent', async () => {
    const result = await createBasicModel().doStart({
      ...defaultOptions,
      duration: 8,
      resolution: '1920x1080',
      aspectRatio: '16:9',
      seed: 0,
      generateAudio: true,
      frameImages: [
        { frameType: 'first_frame', image: { type: 'url', url: 'https://example.com/first.png' } },
        { frameType: 'last_frame', image: { type: 'file', mediaType: 'image/png', data: PNG_BYTES } },
      ],
      webhookUrl: 'https://app.example/webhooks/openrouter',
      providerOptions: {
        openrouter: {
          previousJobId: 'gen-vid-previous',
          sessionId: 'session-1',
          user: 'user-42',
          creativity: 0.5,
          upscaleFactor: 2,
          provider: { options: { 'google-vertex': { parameters: { negativePrompt: 'blurry' } } } },
        },
      },
    });

    expect(postCalls()).toHaveLength(1);
    const [post] = postCalls();
    expect(post.requestUrl).toBe(`${BASE}/videos`);
    expect(post.requestHeaders).toStrictEqual({
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
    });
    expect(post.requestBodyJson).toStrictEqual({
      model: 'google/veo-3.1',
      prompt: 'A serene mountain landscape at sunset',
      duration: 8,
      // 1920x1080 is in the model's supported_sizes, so it goes as `size` (and no aspect_ratio beside it).
      size: '1920x1080',
      seed: 0,
      generate_audio: true,
      frame_images: [
        { type: 'image_url', image_url: { url: 'https://example.com/first.png' }, frame_type: 'first_frame' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' }, frame_type: 'last_frame' },
      ],
      callback_url: 'https://app.example/webhooks/openrouter',
      previous_job_id: 'gen-vid-previous',
      provider: { options: { 'google-vertex': { parameters: { negativePrompt: 'blurry' } } } },
      session_id: 'session-1',
      user: 'user-42',
      creativity: 0.5,
      upscale_factor: 2,
    });
    expect(result).toStrictEqual({
      operation: { id: JOB_ID, pollingUrl: `${BASE}/videos/${JOB_ID}` },
      warnings: [],
      providerMetadata: { openrouter: { id: JOB_ID, status: 'pending' } },
      response: { timestamp: TIMESTAMP, modelId: 'google/veo-3.1', headers: expect.any(Object) },
    });
  });

  it('sends resolution + aspect_ratio when the model lists no matching size', async () => {
    await createBasicModel('kwaivgi/kling-v3.0-std').doStart({
      ...defaultOptions,
      resolution: '1280x720',
      duration: 5,
    });
    expect(postCalls()[0].requestBodyJson).toStrictEqual({
      model: 'kwaivgi/kling-v3.0-std',
      prompt: 'A serene mountain landscape at sunset',
      duration: 5,
      resolution: '720p',
      aspect_ratio: '16:9',
    });
  });

  it('maps a portrait size to the resolution name of its short side', async () => {
    await createBasicModel('kwaivgi/kling-v3.0-std').doStart({ ...defaultOptions, resolution: '1080x1920' });
    expect(postCalls()[0].requestBodyJson).toMatchObject({ resolution: '1080p', aspect_ratio: '9:16' });
  });

  it('sends OpenRouter resolution names and sizes from provider options as given', async () => {
    await createBasicModel('bytedance/seedance-2.0').doStart({
      ...defaultOptions,
      aspectRatio: '1:1',
      providerOptions: { openrouter: { resolution: '1K' } },
    });
    expect(postCalls()[0].requestBodyJson).toStrictEqual({
      model: 'bytedance/seedance-2.0',
      prompt: 'A serene mountain landscape at sunset',
      resolution: '1K',
      aspect_ratio: '1:1',
    });
  });

  it('sends a size that maps to no name as size when the model lists nothing', async () => {
    await createBasicModel('bytedance/seedance-2.0').doStart({ ...defaultOptions, resolution: '1024x1024' });
    expect(postCalls()[0].requestBodyJson).toMatchObject({ size: '1024x1024' });
    expect(postCalls()[0].requestBodyJson).not.toHaveProperty('aspect_ratio');
  });

  it('keeps seed 0 and generate_audio false', async () => {
    await createBasicModel().doStart({ ...defaultOptions, seed: 0, generateAudio: false });
    expect(postCalls()[0].requestBodyJson).toMatchObject({ seed: 0, generate_audio: false });
  });

  it('maps the Vercel-style image to a first frame', async () => {
    await createBasicModel().doStart({
      ...defaultOptions,
      image: { type: 'file', mediaType: 'image/jpeg', data: JPEG_BASE64 },
    });
    expect(postCalls()[0].requestBodyJson.frame_images).toStrictEqual([
      { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${JPEG_BASE64}` }, frame_type: 'first_frame' },
    ]);
  });

  it('maps references by kind to image_url, video_url and audio_url', async () => {
    const result = await createBasicModel('bytedance/seedance-2.0').doStart({
      ...defaultOptions,
      inputReferences: [
        { type: 'url', url: 'https://example.com/style.webp' },
        { type: 'url', url: 'https://example.com/motion.mp4' },
        { type: 'file', mediaType: 'audio/mpeg', data: new Uint8Array([9, 9]) },
        { type: 'url', url: 'data:video/webm;base64,AAAA' },
      ],
    });
    expect(postCalls()[0].requestBodyJson.input_references).toStrictEqual([
      { type: 'image_url', image_url: { url: 'https://example.com/style.webp' } },
      { type: 'video_url', video_url: { url: 'https://example.com/motion.mp4' } },
      { type: 'audio_url', audio_url: { url: 'data:audio/mpeg;base64,CQk=' } },
      { type: 'video_url', video_url: { url: 'data:video/webm;base64,AAAA' } },
    ]);
    expect(result.warnings).toStrictEqual([]);
  });

  it('sends frames and references together, warning that frame_images wins', async () => {
    const result = await createBasicModel().doStart({
      ...defaultOptions,
      image: { type: 'url', url: 'https://example.com/first.png' },
      inputReferences: [{ type: 'url', url: 'https://example.com/ref.png' }],
    });
    const body = postCalls()[0].requestBodyJson;
    expect(body.frame_images).toHaveLength(1);
    expect(body.input_references).toHaveLength(1);
    expect(result.warnings).toStrictEqual([{ type: 'other', message: expect.stringContaining('frame_images') }]);
  });

  it('passes provider options under the slug as given, flat or nested under parameters', async () => {
    await createBasicModel().doStart({
      ...defaultOptions,
      providerOptions: {
        openrouter: {
          provider: {
            options: {
              'google-vertex': { negativePrompt: 'blurry' },
              'google-ai-studio': { parameters: { personGeneration: 'allow_adult' } },
            },
          },
        },
      },
    });
    expect(postCalls()[0].requestBodyJson.provider).toStrictEqual({
      options: {
        'google-vertex': { negativePrompt: 'blurry' },
        'google-ai-studio': { parameters: { personGeneration: 'allow_adult' } },
      },
    });
  });

  it('uses providerOptions.openrouter.callbackUrl over the webhookUrl', async () => {
    await createBasicModel().doStart({
      ...defaultOptions,
      webhookUrl: 'https://core.example/hook',
      providerOptions: { openrouter: { callbackUrl: 'https://app.example/hook' } },
    });
    expect(postCalls()[0].requestBodyJson.callback_url).toBe('https://app.example/hook');
  });

  it('keeps an absolute polling URL on the configured origin', async () => {
    server.urls[`${BASE}/videos`].response = {
      type: 'json-value',
      status: 202,
      body: { id: JOB_ID, polling_url: `${BASE}/videos/${JOB_ID}?via=absolute`, status: 'pending' },
    };
    const { operation } = await createBasicModel().doStart(defaultOptions);
    expect(operation).toStrictEqual({ id: JOB_ID, pollingUrl: `${BASE}/videos/${JOB_ID}?via=absolute` });
  });

  it('keeps a gateway path prefix on a root-relative /api/v1/ polling URL', async () => {
    const gateway = 'https://gateway.example/openrouter/api/v1';
    const fetch = vi.fn(
      async (_url: RequestInfo | URL, _init?: RequestInit) =>
        new Response(JSON.stringify({ id: JOB_ID, polling_url: `/api/v1/videos/${JOB_ID}`, status: 'pending' }), {
          status: 202,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const { operation } = await createOpenRouter({ apiKey: API_KEY, baseURL: `${gateway}/`, fetch })
      .video('google/veo-3.1')
      .doStart({ ...defaultOptions, providerOptions: { openrouter: { validateCapabilities: false } } });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0]).toBe(`${gateway}/videos`);
    expect(operation).toStrictEqual({
      id: JOB_ID,
      pollingUrl: `https://gateway.example/openrouter/api/v1/videos/${JOB_ID}`,
    });
  });

  it('resolves a root-relative polling URL against the origin when the base URL has no /api/v1 suffix', async () => {
    const fetch = vi.fn(
      async (_url: RequestInfo | URL, _init?: RequestInit) =>
        new Response(JSON.stringify({ id: JOB_ID, polling_url: `/api/v1/videos/${JOB_ID}`, status: 'pending' }), {
          status: 202,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const { operation } = await createOpenRouter({ apiKey: API_KEY, baseURL: 'https://proxy.example/or/v1', fetch })
      .video('google/veo-3.1')
      .doStart({ ...defaultOptions, providerOptions: { openrouter: { validateCapabilities: false } } });
    expect(operation).toStrictEqual({ id: JOB_ID, pollingUrl: `https://proxy.example/api/v1/videos/${JOB_ID}` });
  });

  it('never puts the key into the operation', async () => {
    const { operation } = await createBasicModel().doStart(defaultOptions);
    expect(JSON.stringify(operation)).not.toContain(API_KEY);
  });

  it('does not send a blank prompt next to an image', async () => {
    await createBasicModel().doStart({
      ...defaultOptions,
      prompt: '  ',
      image: { type: 'url', url: 'https://example.com/first.png' },
    });
    expect(postCalls()[0].requestBodyJson).not.toHaveProperty('prompt');
  });

  it('rejects a blank prompt without an image before any POST', async () => {
    await expect(createBasicModel().doStart({ ...defaultOptions, prompt: ' ' })).rejects.toMatchObject({
      argument: 'prompt',
    });
    expect(postCalls()).toHaveLength(0);
  });

  it('rejects a frame whose bytes are not an image before any POST', async () => {
    await expect(
      createBasicModel().doStart({
        ...defaultOptions,
        image: { type: 'file', mediaType: 'image/png', data: new Uint8Array([1, 2, 3]) },
      }),
    ).rejects.toMatchObject({ argument: 'image' });
    expect(postCalls()).toHaveLength(0);
  });

  it('rejects unknown provider options before any request', async () => {
    await expect(
      createBasicModel().doStart({ ...defaultOptions, providerOptions: { openrouter: { negativePrompt: 'x' } } }),
    ).rejects.toSatisfy(InvalidArgumentError.isInstance);
    expect(server.calls).toHaveLength(0);
  });
});

describe('provider options schema', () => {
  it.each([
    ['an unknown key under provider', { provider: { options: {}, order: ['google-vertex'] } }],
    ['slug options that are not an object', { provider: { options: { 'google-vertex': 'fast' } } }],
    ['an empty previousJobId', { previousJobId: '' }],
    ['a callbackUrl that is not a URL', { callbackUrl: 'not a url' }],
    ['a size that is not WxH', { size: '720p' }],
    ['a zero pollIntervalMs', { pollIntervalMs: 0 }],
    ['a negative upscaleFactor', { upscaleFactor: -2 }],
    ['a string validateCapabilities', { validateCapabilities: 'no' }],
  ])('rejects %s before any request', async (_case, openrouter) => {
    const error = await createBasicModel()
      .doStart({ ...defaultOptions, providerOptions: { openrouter } })
      .catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'providerOptions' });
    expect(server.calls).toHaveLength(0);
  });

  it('explains a rejected option in plain English, naming the allowed keys', async () => {
    const error = await createBasicModel()
      .doStart({ ...defaultOptions, providerOptions: { openrouter: { pollIntervalMs: 'fast', negativePrompt: 'x' } } })
      .catch((caught: unknown) => caught);
    const message = (error as Error).message;
    expect(message).toContain('providerOptions.openrouter.pollIntervalMs: expected number');
    expect(message).toContain('unknown key "negativePrompt"');
  });

  it('names the expected size format', async () => {
    const error = await createBasicModel()
      .doStart({ ...defaultOptions, providerOptions: { openrouter: { size: '720p' } } })
      .catch((caught: unknown) => caught);
    expect(String((error as Error).cause)).toContain('size must be WIDTHxHEIGHT, e.g. 1280x720');
  });
});

describe('validation against the model listing', () => {
  it('fetches the listing without paying first, then submits', async () => {
    await createBasicModel().doStart({ ...defaultOptions, duration: 6 });
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `GET ${BASE}/videos/models`,
      `POST ${BASE}/videos`,
    ]);
    expect(modelsCalls()[0].requestHeaders).toStrictEqual({
      authorization: `Bearer ${API_KEY}`,
      'user-agent': USER_AGENT,
    });
  });

  it('rejects a duration the model does not list, naming the nearest, before any POST', async () => {
    const error = await createBasicModel()
      .doStart({ ...defaultOptions, duration: 5 })
      .catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'duration' });
    // The shared wording of validateVideoCallOptions (was "does not support duration 5 s. Supported durations: …").
    expect((error as Error).message).toBe(
      'openrouter.video model google/veo-3.1 does not accept a duration of 5 s. Allowed: 4, 6, 8. Nearest allowed: 6 s.',
    );
    expect(postCalls()).toHaveLength(0);
  });

  it('rejects a non-integer duration without any request', async () => {
    await expect(createBasicModel().doStart({ ...defaultOptions, duration: 4.5 })).rejects.toMatchObject({
      argument: 'duration',
    });
    expect(server.calls).toHaveLength(0);
  });

  it('rejects n > 1 without any request', async () => {
    await expect(createBasicModel().doStart({ ...defaultOptions, n: 2 })).rejects.toMatchObject({ argument: 'n' });
    expect(server.calls).toHaveLength(0);
  });

  it('rejects an aspect ratio the model does not list', async () => {
    await expect(createBasicModel().doStart({ ...defaultOptions, aspectRatio: '1:1' })).rejects.toThrow(
      'openrouter.video model google/veo-3.1 does not accept aspectRatio "1:1". Allowed: 16:9, 9:16.',
    );
    expect(postCalls()).toHaveLength(0);
  });

  it('rejects a resolution the model does not list, with the allowed values', async () => {
    // The allowed sizes are the listed ones and those of the listed names in the listed ratios (here the same).
    await expect(createBasicModel().doStart({ ...defaultOptions, resolution: '854x480' })).rejects.toThrow(
      'openrouter.video model google/veo-3.1 does not accept resolution "854x480". Allowed: 1280x720, 720x1280, 1920x1080, 1080x1920.',
    );
    expect(postCalls()).toHaveLength(0);
  });

  it('rejects a resolution that contradicts the aspect ratio', async () => {
    await expect(
      createBasicModel().doStart({ ...defaultOptions, resolution: '1280x720', aspectRatio: '9:16' }),
    ).rejects.toMatchObject({ argument: 'aspectRatio' });
    expect(postCalls()).toHaveLength(0);
  });

  it('rejects a resolution whose aspect ratio the model does not list, when it lists no sizes or names', async () => {
    server.urls[`${BASE}/videos/models`].response = {
      type: 'json-value',
      body: { data: [{ id: 'acme/wide', supported_aspect_ratios: ['16:9', '9:16'] }] },
    };
    await expect(createBasicModel('acme/wide').doStart({ ...defaultOptions, resolution: '720x720' })).rejects.toThrow(
      'openrouter.video model acme/wide does not accept resolution 720x720: its aspect ratio 1:1 is not one of 16:9, 9:16.',
    );
    await createBasicModel('acme/wide').doStart({ ...defaultOptions, resolution: '854x480' });
    expect(postCalls()[0].requestBodyJson).toMatchObject({ resolution: '480p', aspect_ratio: '16:9' });
  });

  it('rejects a size from provider options that the model does not list', async () => {
    await expect(
      createBasicModel().doStart({ ...defaultOptions, providerOptions: { openrouter: { size: '640x360' } } }),
    ).rejects.toThrow('Supported sizes: 1280x720, 720x1280, 1920x1080, 1080x1920.');
    expect(postCalls()).toHaveLength(0);
  });

  it('rejects a frame role the model does not take', async () => {
    await expect(
      createBasicModel('kwaivgi/kling-v3.0-std').doStart({
        ...defaultOptions,
        frameImages: [{ frameType: 'last_frame', image: { type: 'url', url: 'https://example.com/last.png' } }],
      }),
    ).rejects.toThrow(
      'openrouter.video model kwaivgi/kling-v3.0-std does not take a last-frame image (image roles it takes: first_frame, reference).',
    );
    expect(postCalls()).toHaveLength(0);
  });

  it('rejects audio on a model that cannot generate it', async () => {
    await expect(
      createBasicModel('kwaivgi/kling-v3.0-std').doStart({ ...defaultOptions, generateAudio: true }),
    ).rejects.toMatchObject({ argument: 'generateAudio' });
    expect(postCalls()).toHaveLength(0);
  });

  it('drops a seed the model ignores, with a warning', async () => {
    const result = await createBasicModel('kwaivgi/kling-v3.0-std').doStart({ ...defaultOptions, seed: 7 });
    expect(postCalls()[0].requestBodyJson).not.toHaveProperty('seed');
    expect(result.warnings).toStrictEqual([
      {
        type: 'unsupported',
        feature: 'seed',
        details: 'openrouter.video model kwaivgi/kling-v3.0-std takes no seed; it was not sent.',
      },
    ]);
  });

  it('warns about passthrough keys the model does not allow, in both nesting forms', async () => {
    const result = await createBasicModel().doStart({
      ...defaultOptions,
      providerOptions: {
        openrouter: {
          provider: {
            options: {
              'google-vertex': { parameters: { negativePrompt: 'blur', enhancePrompt: true } },
              'google-ai-studio': { personGeneration: 'allow_adult', sampleCount: 2 },
            },
          },
        },
      },
    });
    expect(result.warnings).toStrictEqual([
      { type: 'other', message: expect.stringContaining('provider.options.google-vertex: enhancePrompt not in') },
      { type: 'other', message: expect.stringContaining('provider.options.google-ai-studio: sampleCount not in') },
    ]);
    expect(postCalls()).toHaveLength(1);
  });

  it('warns about fps and the adaptive aspect ratio, which OpenRouter does not take', async () => {
    const result = await createBasicModel().doStart({
      ...defaultOptions,
      fps: 24,
      aspectRatio: 'adaptive',
      idempotencyKey: 'key-1',
    });
    expect(
      result.warnings.map((warning) => (warning.type === 'other' ? warning.message : warning.feature)),
    ).toStrictEqual(['fps', 'aspectRatio']);
    // POST /videos takes no idempotency key; core adds one to every submission, so it is dropped quietly.
    expect(JSON.stringify(postCalls()[0].requestBodyJson)).not.toContain('key-1');
    expect(postCalls()[0].requestHeaders).not.toHaveProperty('idempotency-key');
    expect(postCalls()[0].requestBodyJson).not.toHaveProperty('aspect_ratio');
    expect(postCalls()[0].requestBodyJson).not.toHaveProperty('fps');
  });

  it('submits with a warning when the listing cannot be fetched', async () => {
    server.urls[`${BASE}/videos/models`].response = { type: 'error', status: 500, body: 'upstream down' };
    const result = await createBasicModel().doStart({ ...defaultOptions, duration: 5 });
    expect(postCalls()).toHaveLength(1);
    expect(postCalls()[0].requestBodyJson.duration).toBe(5);
    expect(result.warnings).toStrictEqual([
      { type: 'other', message: expect.stringMatching(/could not be fetched .*not validated before submitting/) },
    ]);
  });

  it('submits with a warning when the model is not in the listing', async () => {
    const result = await createBasicModel('acme/new-video-model').doStart({ ...defaultOptions, duration: 7 });
    expect(postCalls()).toHaveLength(1);
    expect(result.warnings).toStrictEqual([
      {
        type: 'other',
        message:
          "acme/new-video-model is not in OpenRouter's video model list; the options were not validated before submitting.",
      },
    ]);
  });

  it('finds a model by its canonical slug', async () => {
    await expect(
      createBasicModel('kwaivgi/kling-v3.0-std-20260429').doStart({ ...defaultOptions, duration: 4 }),
    ).rejects.toThrow('Allowed: 3, 5, 10, 15. Nearest allowed: 5 s.');
  });

  it('skips the listing with validateCapabilities: false', async () => {
    const result = await createBasicModel().doStart({
      ...defaultOptions,
      duration: 5,
      resolution: '1280x720',
      providerOptions: { openrouter: { validateCapabilities: false } },
    });
    expect(modelsCalls()).toHaveLength(0);
    expect(postCalls()[0].requestBodyJson).toMatchObject({ duration: 5, resolution: '720p', aspect_ratio: '16:9' });
    expect(result.warnings).toStrictEqual([]);
  });

  it('caches the listing per provider instance', async () => {
    const provider = createProvider();
    await provider.video('google/veo-3.1').doStart(defaultOptions);
    await provider.video('kwaivgi/kling-v3.0-std').doStart(defaultOptions);
    await provider.videoModels();
    expect(modelsCalls()).toHaveLength(1);
    expect(postCalls()).toHaveLength(2);

    await createProvider().video('google/veo-3.1').doStart(defaultOptions);
    expect(modelsCalls()).toHaveLength(2);
  });
});

describe('doStatus', () => {
  const operation = { id: JOB_ID, pollingUrl: `${BASE}/videos/${JOB_ID}` };

  it.each(['pending', 'in_progress'])('maps %s to pending with the provider status', async (status) => {
    server.urls[`${BASE}/videos/:id`].response = {
      type: 'json-value',
      body: { id: JOB_ID, polling_url: `/api/v1/videos/${JOB_ID}`, status },
    };
    expect(await createBasicModel().doStatus({ operation })).toStrictEqual({
      status: 'pending',
      providerStatus: status,
    });
  });

  it('keeps waiting on a status it does not know', async () => {
    server.urls[`${BASE}/videos/:id`].response = {
      type: 'json-value',
      body: { id: JOB_ID, status: 'queued_upstream' },
    };
    expect(await createBasicModel().doStatus({ operation })).toStrictEqual({
      status: 'pending',
      providerStatus: 'queued_upstream',
    });
  });

  it('maps completed to url videos with usage and generation id in the metadata', async () => {
    const result = await createBasicModel().doStatus({ operation });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/videos/${JOB_ID}`);
    expect(server.calls[0].requestHeaders).toStrictEqual({
      authorization: `Bearer ${API_KEY}`,
      'user-agent': USER_AGENT,
    });
    expect(result).toStrictEqual({
      status: 'completed',
      videos: [{ type: 'url', url: `${BASE}/videos/${JOB_ID}/content?index=0`, mediaType: 'video/mp4' }],
      warnings: [],
      usage: { costUsd: 3.2, raw: { cost: 3.2, is_byok: false } },
      providerMetadata: {
        openrouter: {
          id: JOB_ID,
          status: 'completed',
          generationId: 'gen-1761234600-XyZ123',
          usage: { cost: 3.2, isByok: false },
        },
      },
      response: { timestamp: TIMESTAMP, modelId: 'google/veo-3.1', headers: expect.any(Object) },
    });
  });

  it('falls back to urls, then to the content endpoint', async () => {
    server.urls[`${BASE}/videos/:id`].response = [
      {
        type: 'json-value',
        body: {
          id: JOB_ID,
          status: 'completed',
          urls: ['https://storage.example.com/a.mp4', '/api/v1/videos/x/content?index=1'],
        },
      },
      { type: 'json-value', body: { id: JOB_ID, status: 'completed', unsigned_urls: [] } },
    ];
    const model = createBasicModel();
    const first = await model.doStatus({ operation });
    const second = await model.doStatus({ operation });
    expect(first.status === 'completed' && first.videos).toStrictEqual([
      { type: 'url', url: 'https://storage.example.com/a.mp4', mediaType: 'video/mp4' },
      { type: 'url', url: `${BASE}/videos/x/content?index=1`, mediaType: 'video/mp4' },
    ]);
    expect(second.status === 'completed' && second.videos).toStrictEqual([
      { type: 'url', url: `${BASE}/videos/${JOB_ID}/content?index=0`, mediaType: 'video/mp4' },
    ]);
  });

  it('maps failed to a failed status with OpenRouter’s reason', async () => {
    server.urls[`${BASE}/videos/:id`].response = { type: 'json-value', body: failedFixture };
    expect(await createBasicModel().doStatus({ operation })).toStrictEqual({
      status: 'failed',
      error: {
        code: 'failed',
        message: 'Provider rejected the request: content policy violation',
        contentFiltered: true,
      },
      providerMetadata: { openrouter: { id: JOB_ID, status: 'failed' } },
    });
  });

  it.each([
    ['cancelled', 'Cancelled by an administrator', 'Cancelled by an administrator'],
    ['expired', undefined, 'The video job expired before it completed.'],
    ['failed', 'Upstream timeout', 'Upstream timeout'],
  ])('maps %s to a failed status with code = status', async (status, error, message) => {
    server.urls[`${BASE}/videos/:id`].response = { type: 'json-value', body: { id: JOB_ID, status, error } };
    expect(await createBasicModel().doStatus({ operation })).toStrictEqual({
      status: 'failed',
      error: { code: status, message, contentFiltered: false },
      providerMetadata: { openrouter: { id: JOB_ID, status } },
    });
  });

  it('polls a relative polling URL resolved against the origin', async () => {
    await createBasicModel().doStatus({ operation: { id: JOB_ID, pollingUrl: `/api/v1/videos/${JOB_ID}` } });
    expect(server.calls[0].requestUrl).toBe(`${BASE}/videos/${JOB_ID}`);
  });

  it('polls and lists videos under a gateway path prefix', async () => {
    const gateway = 'https://gateway.example/openrouter/api/v1';
    const fetch = vi.fn(
      async (_url: RequestInfo | URL, _init?: RequestInit) =>
        new Response(
          JSON.stringify({
            id: JOB_ID,
            status: 'completed',
            urls: [`/api/v1/videos/${JOB_ID}/content?index=0`, '/files/other.mp4', 'relative/next.mp4'],
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
    );
    const result = await createOpenRouter({ apiKey: API_KEY, baseURL: gateway, fetch })
      .video('google/veo-3.1')
      .doStatus({ operation: { id: JOB_ID, pollingUrl: `/api/v1/videos/${JOB_ID}` } });
    expect(fetch.mock.calls.map(([url]) => url)).toStrictEqual([`${gateway}/videos/${JOB_ID}`]);
    expect(
      result.status === 'completed' && result.videos.map((video) => video.type === 'url' && video.url),
    ).toStrictEqual([
      `${gateway}/videos/${JOB_ID}/content?index=0`,
      // Only OpenRouter's own /api/v1/ paths keep the prefix; other root-relative URLs resolve against the origin.
      'https://gateway.example/files/other.mp4',
      `${gateway}/relative/next.mp4`,
    ]);
  });

  it('never sends the key to a polling URL on another origin: polls /videos/{id} instead', async () => {
    await createBasicModel().doStatus({
      operation: { id: JOB_ID, pollingUrl: `https://evil.example.com/api/v1/videos/${JOB_ID}` },
    });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([`${BASE}/videos/${JOB_ID}`]);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('refuses a polling URL on another scheme of the same host', async () => {
    await createBasicModel().doStatus({
      operation: { id: JOB_ID, pollingUrl: `http://openrouter.ai/api/v1/videos/${JOB_ID}` },
    });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([`${BASE}/videos/${JOB_ID}`]);
  });

  it('follows a redirect of the status request to another origin without the key', async () => {
    server.urls[`${BASE}/videos/:id`].response = {
      type: 'redirect',
      location: `https://evil.example.com/api/v1/videos/${JOB_ID}`,
    };
    const result = await createBasicModel().doStatus({ operation });
    expect(result.status).toBe('completed');
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      `${BASE}/videos/${JOB_ID}`,
      `https://evil.example.com/api/v1/videos/${JOB_ID}`,
    ]);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(server.calls[1].requestHeaders).toStrictEqual({ 'user-agent': USER_AGENT });
  });

  it('polls /videos/{id} when the operation has no polling URL', async () => {
    await createBasicModel().doStatus({ operation: { id: 'gen-vid-a/b' } });
    expect(server.calls[0].requestUrl).toBe(`${BASE}/videos/gen-vid-a%2Fb`);
  });

  it('resumes from JSON with a new provider instance', async () => {
    const { operation: started } = await createBasicModel().doStart(defaultOptions);
    const stored = JSON.parse(JSON.stringify(started));
    server.calls.length = 0;

    const resumed = await createOpenRouter({ apiKey: 'sk-or-other-process' }).video('google/veo-3.1').doStatus({
      operation: stored,
    });
    expect(resumed.status).toBe('completed');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/videos/${JOB_ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer sk-or-other-process');
  });

  it('rejects an operation that is not an OpenRouter one', async () => {
    await expect(createBasicModel().doStatus({ operation: { requestId: 'x' } })).rejects.toMatchObject({
      argument: 'operation',
    });
    expect(server.calls).toHaveLength(0);
  });
});

describe('usage', () => {
  const operation = { id: JOB_ID };

  it('maps usage.cost to costUsd and keeps OpenRouter’s usage object as raw', async () => {
    server.urls[`${BASE}/videos/:id`].response = {
      type: 'json-value',
      body: { ...completedFixture, usage: { cost: 0.25, is_byok: false, cost_details: { upstream: 0.2 } } },
    };
    const result = await createBasicModel().doStatus({ operation });
    expect(result.status === 'completed' && result.usage).toStrictEqual({
      costUsd: 0.25,
      raw: { cost: 0.25, is_byok: false, cost_details: { upstream: 0.2 } },
    });
  });

  it('leaves costUsd out for a BYOK job (cost null); raw says is_byok', async () => {
    server.urls[`${BASE}/videos/:id`].response = {
      type: 'json-value',
      body: { ...completedFixture, usage: { cost: null, is_byok: true } },
    };
    const result = await createBasicModel().doStatus({ operation });
    expect(result.status === 'completed' && result.usage).toStrictEqual({ raw: { cost: null, is_byok: true } });
    expect(result.status === 'completed' && result.providerMetadata).toMatchObject({
      openrouter: { usage: { cost: null, isByok: true } },
    });
  });

  it('has no usage when OpenRouter reports none', async () => {
    server.urls[`${BASE}/videos/:id`].response = {
      type: 'json-value',
      body: { id: JOB_ID, status: 'completed', unsigned_urls: [`${BASE}/videos/${JOB_ID}/content?index=0`] },
    };
    const result = await createBasicModel().doStatus({ operation });
    expect(result.status).toBe('completed');
    expect(result).not.toHaveProperty('usage');
  });

  it('carries usage reported on a failed job', async () => {
    server.urls[`${BASE}/videos/:id`].response = {
      type: 'json-value',
      body: { ...failedFixture, usage: { cost: 0.1, is_byok: false } },
    };
    const result = await createBasicModel().doStatus({ operation });
    expect(result).toMatchObject({ status: 'failed', usage: { costUsd: 0.1, raw: { cost: 0.1, is_byok: false } } });
  });
});

describe('doDownload', () => {
  const video = { type: 'url' as const, url: `${BASE}/videos/${JOB_ID}/content?index=0`, mediaType: 'video/mp4' };

  it('fetches the content proxy with the key and Accept: video/mp4', async () => {
    const response = await createBasicModel().doDownload({ video });
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(VIDEO_BYTES);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestUrl).toBe(video.url);
    expect(server.calls[0].requestQuery).toStrictEqual({ index: '0' });
    expect(server.calls[0].requestHeaders).toStrictEqual({
      accept: 'video/mp4',
      authorization: `Bearer ${API_KEY}`,
      'user-agent': 'videogen/openrouter/0.0.0-test',
    });
  });

  it('follows a redirect to another origin without the key or the attribution headers', async () => {
    server.urls[`${BASE}/videos/:id/content`].response = {
      type: 'redirect',
      location: 'https://storage.example.com/signed/video.mp4?sig=abc',
    };
    const response = await createBasicModel('google/veo-3.1', {
      appTitle: 'My App',
      headers: { 'X-Custom': 'secret-ish' },
    }).doDownload({ video });
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(VIDEO_BYTES);
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      video.url,
      'https://storage.example.com/signed/video.mp4?sig=abc',
    ]);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(server.calls[1].requestHeaders).toStrictEqual({
      accept: 'video/mp4',
      'user-agent': 'videogen/openrouter/0.0.0-test',
    });
  });

  it('fetches a video URL on another origin without the key', async () => {
    await createBasicModel().doDownload({
      video: { type: 'url', url: 'https://storage.example.com/out.mp4', mediaType: 'video/mp4' },
    });
    expect(server.calls[0].requestHeaders).not.toHaveProperty('authorization');
  });

  it('reports a failed download without the key in the message', async () => {
    server.urls[`${BASE}/videos/:id/content`].response = {
      type: 'error',
      status: 410,
      body: { error: { code: 410, message: 'Video content has expired', metadata: null } },
    };
    const error = await createBasicModel()
      .doDownload({ video })
      .catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 410 });
    expect((error as Error).message).toContain('Video content has expired');
    expect((error as Error).message).not.toContain(API_KEY);
  });
});

describe('doGenerate', () => {
  it('submits once, polls until completed and returns the video bytes', async () => {
    server.urls[`${BASE}/videos/:id`].response = [
      { type: 'json-value', body: { id: JOB_ID, status: 'pending' } },
      { type: 'json-value', body: { id: JOB_ID, status: 'in_progress' } },
      { type: 'json-value', body: completedFixture },
    ];
    const result = await createBasicModel().doGenerate({
      ...defaultOptions,
      duration: 8,
      fps: 30,
      providerOptions: { openrouter: { pollIntervalMs: 10 } },
    });
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `GET ${BASE}/videos/models`,
      `POST ${BASE}/videos`,
      `GET ${BASE}/videos/${JOB_ID}`,
      `GET ${BASE}/videos/${JOB_ID}`,
      `GET ${BASE}/videos/${JOB_ID}`,
      `GET ${BASE}/videos/${JOB_ID}/content?index=0`,
    ]);
    expect(result).toStrictEqual({
      videos: [{ type: 'binary', data: VIDEO_BYTES, mediaType: 'video/mp4' }],
      warnings: [{ type: 'unsupported', feature: 'fps', details: expect.any(String) }],
      usage: { costUsd: 3.2, raw: { cost: 3.2, is_byok: false } },
      providerMetadata: {
        openrouter: {
          id: JOB_ID,
          status: 'completed',
          generationId: 'gen-1761234600-XyZ123',
          usage: { cost: 3.2, isByok: false },
        },
      },
      response: { timestamp: TIMESTAMP, modelId: 'google/veo-3.1', headers: expect.any(Object) },
    });
  });

  it('throws VideoJobFailedError with OpenRouter’s reason and the job', async () => {
    server.urls[`${BASE}/videos/:id`].response = { type: 'json-value', body: failedFixture };
    const error = await createBasicModel()
      .doGenerate({ ...defaultOptions, providerOptions: { openrouter: { pollIntervalMs: 10 } } })
      .catch((caught: unknown) => caught);
    expect(VideoJobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'failed',
      contentFiltered: true,
      providerMessage: 'Provider rejected the request: content policy violation',
      job: { provider: 'openrouter.video', modelId: 'google/veo-3.1', operation: { id: JOB_ID } },
    });
  });

  it('stops waiting on abort; the job is not cancelled, since OpenRouter cannot', async () => {
    server.urls[`${BASE}/videos/:id`].response = { type: 'json-value', body: { id: JOB_ID, status: 'in_progress' } };
    const controller = new AbortController();
    const promise = createBasicModel().doGenerate({
      ...defaultOptions,
      abortSignal: controller.signal,
      providerOptions: { openrouter: { pollIntervalMs: 10 } },
    });
    setTimeout(() => controller.abort(), 50);
    const error = await promise.catch((caught: unknown) => caught);
    expect(VideoJobAbortedError.isInstance(error)).toBe(true);
    expect(await (error as VideoJobAbortedError).cancellation).toBe('unsupported');
    expect((error as VideoJobAbortedError).job).toMatchObject({ operation: { id: JOB_ID } });
    expect(
      server.calls.filter((call) => call.requestMethod === 'DELETE' || call.requestMethod === 'POST'),
    ).toHaveLength(1);
  });
});

describe('errors', () => {
  it('turns a 402 body into an APICallError with OpenRouter’s message', async () => {
    server.urls[`${BASE}/videos`].response = { type: 'error', status: 402, body: error402Fixture };
    const error = await createBasicModel()
      .doStart(defaultOptions)
      .catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 402,
      isRetryable: false,
      message: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits',
      data: error402Fixture,
    });
    expect((error as Error).message).not.toContain(API_KEY);
  });

  it('marks a 429 retryable and keeps Retry-After', async () => {
    server.urls[`${BASE}/videos`].response = {
      type: 'error',
      status: 429,
      headers: { 'retry-after': '3' },
      body: { error: { code: 429, message: 'Rate limit exceeded', metadata: null } },
    };
    await expect(createBasicModel().doStart(defaultOptions)).rejects.toMatchObject({
      statusCode: 429,
      isRetryable: true,
      message: 'Rate limit exceeded',
      responseHeaders: expect.objectContaining({ 'retry-after': '3' }),
    });
  });

  it('names the upstream provider of an error', async () => {
    server.urls[`${BASE}/videos`].response = {
      type: 'error',
      status: 400,
      body: {
        error: { code: 400, message: 'duration 10 is not supported', metadata: { provider_name: 'Google Vertex' } },
        user_id: 'user_1',
      },
    };
    await expect(createBasicModel().doStart(defaultOptions)).rejects.toMatchObject({
      statusCode: 400,
      message: 'duration 10 is not supported (provider: Google Vertex)',
    });
  });

  it('makes a non-JSON 413 readable', async () => {
    server.urls[`${BASE}/videos`].response = { type: 'error', status: 413, body: 'Payload Too Large' };
    await expect(createBasicModel().doStart(defaultOptions)).rejects.toMatchObject({
      statusCode: 413,
      message:
        'OpenRouter returned HTTP 413: the request body is too large (OpenRouter accepts at most 50 MiB: pass large images and videos as https URLs instead of bytes) (Payload Too Large)',
    });
  });

  it('turns a status 404 into an APICallError', async () => {
    server.urls[`${BASE}/videos/:id`].response = {
      type: 'error',
      status: 404,
      body: { error: { code: 404, message: 'Video generation job not found', metadata: null } },
    };
    await expect(createBasicModel().doStatus({ operation: { id: JOB_ID } })).rejects.toMatchObject({
      statusCode: 404,
      message: 'Video generation job not found',
    });
  });

  it('refuses a body above 50 MiB before sending it', async () => {
    const big = new Uint8Array(40 * 1024 * 1024);
    big.set(PNG_BYTES);
    await expect(
      createBasicModel().doStart({
        ...defaultOptions,
        image: { type: 'file', mediaType: 'image/png', data: big },
        providerOptions: { openrouter: { validateCapabilities: false } },
      }),
    ).rejects.toThrow('OpenRouter accepts at most 50 MiB');
    expect(server.calls).toHaveLength(0);
  });
});

describe('capabilities', () => {
  it('reads the listing: sorted durations, sizes, ratios, frame roles, audio and seed', async () => {
    const model = createBasicModel();
    expect(typeof model.capabilities).toBe('function');
    expect(await model.capabilities()).toStrictEqual({
      maxVideosPerCall: 1,
      durations: [4, 6, 8],
      resolutions: ['1280x720', '720x1280', '1920x1080', '1080x1920'],
      aspectRatios: ['16:9', '9:16'],
      imageRoles: ['first_frame', 'last_frame', 'reference'],
      seed: true,
      audio: true,
      resolutionNames: ['720p', '1080p'],
      sizes: ['1280x720', '720x1280', '1920x1080', '1080x1920'],
      allowedPassthroughParameters: ['negativePrompt', 'personGeneration'],
      sourceVideo: [
        { operation: 'extend', origins: ['job'], requiresPrompt: false },
        { operation: 'edit', origins: ['job'] },
      ],
    });
  });

  it('derives sizes from resolution names and aspect ratios when the model lists none', async () => {
    expect(await createBasicModel('kwaivgi/kling-v3.0-std').capabilities()).toStrictEqual({
      maxVideosPerCall: 1,
      durations: [3, 5, 10, 15],
      resolutions: ['1280x720', '720x1280', '720x720', '1920x1080', '1080x1920', '1080x1080'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      imageRoles: ['first_frame', 'reference'],
      seed: false,
      audio: false,
      resolutionNames: ['720p', '1080p'],
      allowedPassthroughParameters: [],
      sourceVideo: [
        { operation: 'extend', origins: ['job'], requiresPrompt: false },
        { operation: 'edit', origins: ['job'] },
      ],
    });
  });

  it('leaves unknown what the listing does not say', async () => {
    expect(await createBasicModel('bytedance/seedance-2.0').capabilities()).toStrictEqual({
      maxVideosPerCall: 1,
      allowedPassthroughParameters: ['camera_fixed'],
      sourceVideo: [
        { operation: 'extend', origins: ['job'], requiresPrompt: false },
        { operation: 'edit', origins: ['job'] },
      ],
    });
    expect(await createBasicModel('acme/unlisted').capabilities()).toStrictEqual({
      maxVideosPerCall: 1,
      sourceVideo: [
        { operation: 'extend', origins: ['job'], requiresPrompt: false },
        { operation: 'edit', origins: ['job'] },
      ],
    });
  });

  it('does not block when the listing fails', async () => {
    server.urls[`${BASE}/videos/models`].response = { type: 'error', status: 500 };
    expect(await createBasicModel().capabilities()).toStrictEqual({
      maxVideosPerCall: 1,
      sourceVideo: [
        { operation: 'extend', origins: ['job'], requiresPrompt: false },
        { operation: 'edit', origins: ['job'] },
      ],
    });
  });
});
