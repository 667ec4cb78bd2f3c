import { APICallError, InvalidArgumentError, type VideoModelV3StartOptions } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import created from './__fixtures__/bytedance-task-created.json';
import invalidParameter from './__fixtures__/bytedance-error-invalid-parameter.json';
import failedModeration from './__fixtures__/bytedance-task-failed-moderation.json';
import running from './__fixtures__/bytedance-task-running.json';
import succeeded from './__fixtures__/bytedance-task-succeeded.json';
import { createByteDance } from './bytedance-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'ark-TEST-distinctive-key-5c1e8a';
const BASE = 'https://ark.ap-southeast.bytepluses.com/api/v3';
const TASKS = `${BASE}/contents/generations/tasks`;
const TASK_ID = 'cgt-20261204101500-k3j9q';
const MODEL = 'seedance-1-5-pro-251215';
const VIDEO_URL = succeeded.content.video_url;
const STORAGE = 'https://ark-content-generation-ap-southeast-1.tos-ap-southeast-1.volces.com/seedance/:file';
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 7, 7]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PNG_BASE64 = 'iVBORw0KGgoBAgM=';

const server = createTestServer({
  [TASKS]: { response: { type: 'json-value', body: created } },
  [`${TASKS}/:id`]: { response: { type: 'json-value', body: running } },
  [STORAGE]: { response: { type: 'binary', body: MP4, headers: { 'content-type': 'video/mp4' } } },
  'https://ark.cn-beijing.volces.com/api/v3/contents/generations/tasks': {
    response: { type: 'json-value', body: created },
  },
  'https://elsewhere.example.com/*': { response: { type: 'json-value', body: running } },
});

const PROMPT = 'A paper boat drifts across a rain puddle at dusk';
const defaultOptions = createCallOptions({ prompt: PROMPT, providerOptions: { bytedance: { pollIntervalMs: 10 } } });

function createModel(modelId: string = MODEL, settings: Parameters<typeof createByteDance>[0] = {}) {
  return createByteDance({ apiKey: API_KEY, ...settings }).video(modelId);
}

async function start(options: Partial<VideoModelV3StartOptions> = {}, modelId?: string) {
  return createModel(modelId).doStart({ ...defaultOptions, ...options });
}

function lastBody() {
  return server.calls.at(-1)?.requestBodyJson;
}

describe('constructor', () => {
  it('exposes provider, model id, poll interval and capabilities', () => {
    const model = createModel();
    expect(model.provider).toBe('bytedance.video');
    expect(model.modelId).toBe(MODEL);
    expect(model.maxVideosPerCall).toBe(1);
    expect(model.pollIntervalMs).toBe(3000);
    expect(model.capabilities).toMatchObject({
      durations: { min: 4, max: 12 },
      aspectRatios: ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'],
      imageRoles: ['first_frame', 'last_frame'],
      referenceKinds: [],
      maxReferences: 0,
      maxVideosPerCall: 1,
      seed: true,
      audio: true,
      inputUrlSchemes: ['http', 'https', 'data', 'asset'],
    });
    expect(model.capabilities.resolutions).toContain('1280x720');
    expect(model.capabilities.resolutions).not.toContain('3840x2160');
    expect(createModel('dreamina-seedance-2-0-260128').capabilities).toMatchObject({
      durations: { min: 4, max: 15 },
      imageRoles: ['first_frame', 'last_frame', 'reference'],
      referenceKinds: ['image', 'video', 'audio'],
      maxReferences: 15,
    });
    expect(createModel('dreamina-seedance-2-0-260128').capabilities.resolutions).toContain('3840x2160');
    expect(createModel('seedance-1-0-lite-t2v-250428').capabilities).toMatchObject({ imageRoles: [], audio: false });
    // Volcengine ids map onto their BytePlus twins.
    expect(createModel('doubao-seedance-2-0-260128').capabilities).toStrictEqual(
      createModel('dreamina-seedance-2-0-260128').capabilities,
    );
    expect(createModel('doubao-seedance-1-5-pro-251215').capabilities).toStrictEqual(model.capabilities);
  });

  it('leaves an endpoint id unvalidated', () => {
    expect(createModel('ep-20261204-abcde').capabilities).toStrictEqual({
      maxVideosPerCall: 1,
      inputUrlSchemes: ['http', 'https', 'data', 'asset'],
    });
  });
});

describe('doStart', () => {
  it('posts text-to-video to /contents/generations/tasks with the key only in Authorization', async () => {
    const result = await start();
    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(TASKS);
    const { 'user-agent': userAgent, ...headers } = call.requestHeaders;
    expect(headers).toStrictEqual({ 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` });
    expect(userAgent).toMatch(/^videogen\/bytedance\/0\.0\.0-test( |$)/);
    expect(call.requestBodyJson).toStrictEqual({ model: MODEL, content: [{ type: 'text', text: PROMPT }] });
    expect(result.operation).toStrictEqual({ id: TASK_ID });
    expect(result.warnings).toStrictEqual([]);
    expect(result.providerMetadata).toStrictEqual({ bytedance: { taskId: TASK_ID } });
    expect(result.response.modelId).toBe(MODEL);
  });

  it('maps resolution, aspect ratio, duration, seed, audio and the webhook URL to the wire names', async () => {
    await start({
      resolution: '1920x1080',
      duration: 5,
      seed: 42,
      generateAudio: false,
      webhookUrl: 'https://hooks.example.com/ark?videogen_token=s3cret',
    });
    expect(lastBody()).toStrictEqual({
      model: MODEL,
      content: [{ type: 'text', text: PROMPT }],
      ratio: '16:9',
      resolution: '1080p',
      duration: 5,
      seed: 42,
      generate_audio: false,
      callback_url: 'https://hooks.example.com/ark?videogen_token=s3cret',
    });
  });

  it("sends aspectRatio 'adaptive' as ratio adaptive", async () => {
    await start({ aspectRatio: 'adaptive' });
    expect(lastBody()).toMatchObject({ ratio: 'adaptive' });
  });

  it('sends a first frame (URL) and a last frame (bytes as a data URL) with their roles', async () => {
    await start({
      frameImages: [
        { frameType: 'first_frame', image: { type: 'url', url: 'https://example.com/a.png' } },
        { frameType: 'last_frame', image: { type: 'file', mediaType: 'image/png', data: PNG } },
      ],
    });
    expect(lastBody()).toStrictEqual({
      model: MODEL,
      content: [
        { type: 'text', text: PROMPT },
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' }, role: 'first_frame' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` }, role: 'last_frame' },
      ],
    });
  });

  it('sends image (first frame) as an asset:// id as given', async () => {
    await start({ image: { type: 'url', url: 'asset://asset-2026-abc', mediaType: 'image/png' } });
    expect(lastBody()).toMatchObject({
      content: [
        { type: 'text', text: PROMPT },
        { type: 'image_url', image_url: { url: 'asset://asset-2026-abc' }, role: 'first_frame' },
      ],
    });
  });

  it('sends reference images, videos and audio (Seedance 2.0) with their roles', async () => {
    await start(
      {
        inputReferences: [
          { type: 'url', url: 'https://example.com/cat.png', mediaType: 'image/png' },
          { type: 'url', url: 'https://example.com/walk.mp4', mediaType: 'video/mp4' },
          { type: 'url', url: 'https://example.com/voice.mp3', mediaType: 'audio/mpeg' },
        ],
      },
      'dreamina-seedance-2-0-260128',
    );
    expect(lastBody()).toStrictEqual({
      model: 'dreamina-seedance-2-0-260128',
      content: [
        { type: 'text', text: PROMPT },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png' }, role: 'reference_image' },
        { type: 'video_url', video_url: { url: 'https://example.com/walk.mp4' }, role: 'reference_video' },
        { type: 'audio_url', audio_url: { url: 'https://example.com/voice.mp3' }, role: 'reference_audio' },
      ],
    });
  });

  it('sends the provider options under their wire names', async () => {
    await start({
      providerOptions: {
        bytedance: {
          watermark: true,
          cameraFixed: true,
          returnLastFrame: true,
          draft: true,
          serviceTier: 'default',
          executionExpiresAfter: 3600,
          safetyIdentifier: 'user-hash-1',
        },
      },
    });
    expect(lastBody()).toStrictEqual({
      model: MODEL,
      content: [{ type: 'text', text: PROMPT }],
      watermark: true,
      camera_fixed: true,
      return_last_frame: true,
      draft: true,
      service_tier: 'default',
      execution_expires_after: 3600,
      safety_identifier: 'user-hash-1',
    });
  });

  it('renders a draft task in full (draft_task item)', async () => {
    await start({ providerOptions: { bytedance: { draftTaskId: 'cgt-draft-1' } } });
    expect(lastBody()).toStrictEqual({
      model: MODEL,
      content: [
        { type: 'text', text: PROMPT },
        { type: 'draft_task', draft_task: { id: 'cgt-draft-1' } },
      ],
    });
  });

  it('sends frames, priority and web search only to the models that have them', async () => {
    await start({ providerOptions: { bytedance: { frames: 121 } } }, 'seedance-1-0-pro-250528');
    expect(lastBody()).toMatchObject({ frames: 121 });
    await start({ providerOptions: { bytedance: { priority: 3, webSearch: true } } }, 'dreamina-seedance-2-0-260128');
    expect(lastBody()).toMatchObject({ priority: 3, tools: [{ type: 'web_search' }] });
    for (const [bytedance, modelId] of [
      [{ frames: 121 }, MODEL],
      [{ frames: 30 }, 'seedance-1-0-pro-250528'],
      [{ draft: true }, 'dreamina-seedance-2-0-260128'],
      [{ serviceTier: 'flex' }, 'dreamina-seedance-2-0-260128'],
      [{ priority: 1 }, MODEL],
      [{ cameraFixed: true }, 'dreamina-seedance-2-0-260128'],
    ] as const) {
      await expect(start({ providerOptions: { bytedance } }, modelId)).rejects.toBeInstanceOf(InvalidArgumentError);
    }
  });

  it('sends frames instead of duration when both are given, with a warning', async () => {
    const result = await start(
      { duration: 5, providerOptions: { bytedance: { frames: 121 } } },
      'seedance-1-0-pro-250528',
    );
    expect(lastBody()).toStrictEqual({
      model: 'seedance-1-0-pro-250528',
      content: [{ type: 'text', text: PROMPT }],
      frames: 121,
    });
    expect(result.warnings).toStrictEqual([expect.objectContaining({ type: 'unsupported', feature: 'duration' })]);
  });

  it('warns that fps is not taken, and does not send it', async () => {
    const result = await start({ fps: 30 });
    expect(result.warnings).toStrictEqual([expect.objectContaining({ type: 'unsupported', feature: 'fps' })]);
    expect(lastBody()).not.toHaveProperty('fps');
  });

  it('refuses what the model cannot take before any request', async () => {
    const cases: Array<[Partial<VideoModelV3StartOptions>, string, string?]> = [
      [{ duration: 20 }, 'duration'],
      [{ duration: 3 }, 'duration'],
      [{ resolution: '3840x2160' }, 'resolution'],
      [{ aspectRatio: '2:1' }, 'aspectRatio'],
      [{ resolution: '1280x720', aspectRatio: '9:16' }, 'aspectRatio'],
      [{ n: 2 }, 'n'],
      [{ seed: 2 ** 33 }, 'seed'],
      [{ generateAudio: true }, 'generateAudio', 'seedance-1-0-pro-250528'],
      [
        { frameImages: [{ frameType: 'last_frame', image: { type: 'url', url: 'https://example.com/z.png' } }] },
        'frameImages',
      ],
      [
        { inputReferences: [{ type: 'url', url: 'https://example.com/cat.png', mediaType: 'image/png' }] },
        'inputReferences',
      ],
      [{ image: { type: 'url', url: 'https://example.com/a.png' } }, 'image', 'seedance-1-0-lite-t2v-250428'],
      [{}, 'image', 'seedance-1-0-lite-i2v-250428'],
      [
        {
          image: { type: 'url', url: 'https://example.com/a.png' },
          inputReferences: [{ type: 'url', url: 'https://example.com/cat.png', mediaType: 'image/png' }],
        },
        'inputReferences',
        'dreamina-seedance-2-0-260128',
      ],
      [
        { inputReferences: [{ type: 'url', url: 'https://example.com/voice.mp3', mediaType: 'audio/mpeg' }] },
        'inputReferences',
        'dreamina-seedance-2-0-260128',
      ],
      [{ image: { type: 'url', url: 'ftp://example.com/a.png' } }, 'image'],
    ];
    for (const [options, argument, modelId] of cases) {
      const error = await start(options, modelId).catch((caught: unknown) => caught);
      expect(error, JSON.stringify(options)).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument, JSON.stringify(options)).toBe(argument);
    }
    expect(server.calls).toHaveLength(0);
  });

  it('refuses unknown provider options', async () => {
    await expect(start({ providerOptions: { bytedance: { cfgScale: 3 } } })).rejects.toThrow(/cfgScale/);
    expect(server.calls).toHaveLength(0);
  });

  it("turns ByteDance's error body into an APICallError with its code and message, never the key", async () => {
    server.urls[TASKS].response = { type: 'error', status: 400, body: JSON.stringify(invalidParameter) };
    const error = (await start().catch((caught: unknown) => caught)) as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe(`InvalidParameter: ${invalidParameter.error.message}`);
    expect(error.data).toStrictEqual(invalidParameter);
    expect(error.isRetryable).toBe(false);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
    expect(error.message).not.toContain(API_KEY);
  });

  it('reads a bare { message } error body and marks 429 retryable', async () => {
    server.urls[TASKS].response = {
      type: 'error',
      status: 429,
      body: JSON.stringify({ message: 'Too many requests', code: 'RateLimitExceeded.EndpointRPMExceeded' }),
    };
    const error = (await start().catch((caught: unknown) => caught)) as APICallError;
    expect(error.message).toBe('RateLimitExceeded.EndpointRPMExceeded: Too many requests');
    expect(error.isRetryable).toBe(true);
  });

  it("sends to Volcengine Ark with region 'cn-beijing'", async () => {
    await createByteDance({ apiKey: API_KEY, region: 'cn-beijing' })
      .video('doubao-seedance-1-5-pro-251215')
      .doStart(defaultOptions);
    expect(server.calls[0].requestUrl).toBe('https://ark.cn-beijing.volces.com/api/v3/contents/generations/tasks');
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });
});

describe('doStatus', () => {
  const operation = { id: TASK_ID };

  it('gets the task and maps running to pending (no progress: the API reports none)', async () => {
    const status = await createModel().doStatus({ operation });
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${TASKS}/${TASK_ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(status).toStrictEqual({ status: 'pending', providerStatus: 'running' });
  });

  it('maps queued to pending', async () => {
    server.urls[`${TASKS}/:id`].response = { type: 'json-value', body: { ...running, status: 'queued' } };
    expect(await createModel().doStatus({ operation })).toStrictEqual({ status: 'pending', providerStatus: 'queued' });
  });

  it('maps succeeded to completed with the video, the last frame and the token usage', async () => {
    server.urls[`${TASKS}/:id`].response = { type: 'json-value', body: succeeded };
    const status = await createModel().doStatus({ operation });
    expect(status).toStrictEqual({
      status: 'completed',
      videos: [{ type: 'url', url: VIDEO_URL, mediaType: 'video/mp4' }],
      warnings: [],
      usage: {
        outputTokens: 103818,
        totalTokens: 103818,
        videoSeconds: 5,
        raw: { completion_tokens: 103818, total_tokens: 103818 },
      },
      providerMetadata: {
        bytedance: {
          taskId: TASK_ID,
          model: MODEL,
          seed: 48213,
          resolution: '720p',
          ratio: '16:9',
          framesPerSecond: 24,
          serviceTier: 'default',
          videoUrl: VIDEO_URL,
          lastFrameUrl: succeeded.content.last_frame_url,
        },
      },
      response: expect.objectContaining({ modelId: MODEL }),
    });
  });

  it('maps output moderation to a content-filtered failure with ByteDance code and message', async () => {
    server.urls[`${TASKS}/:id`].response = { type: 'json-value', body: failedModeration };
    const status = await createModel().doStatus({ operation });
    expect(status).toStrictEqual({
      status: 'failed',
      error: {
        code: 'OutputVideoSensitiveContentDetected',
        message: failedModeration.error.message,
        contentFiltered: true,
      },
      providerMetadata: { bytedance: { taskId: TASK_ID, model: MODEL, serviceTier: 'default' } },
    });
  });

  it('maps another failure without contentFiltered', async () => {
    server.urls[`${TASKS}/:id`].response = {
      type: 'json-value',
      body: { id: TASK_ID, status: 'failed', error: { code: 'InternalServiceError', message: 'boom' } },
    };
    expect(await createModel().doStatus({ operation })).toStrictEqual({
      status: 'failed',
      error: { code: 'InternalServiceError', message: 'boom' },
      providerMetadata: { bytedance: { taskId: TASK_ID } },
    });
  });

  it('maps cancelled and expired to failures with that code', async () => {
    for (const word of ['cancelled', 'expired']) {
      server.urls[`${TASKS}/:id`].response = { type: 'json-value', body: { id: TASK_ID, status: word } };
      const status = await createModel().doStatus({ operation });
      expect(status).toMatchObject({ status: 'failed', error: { code: word } });
    }
  });

  it('maps succeeded without a video to a failure', async () => {
    server.urls[`${TASKS}/:id`].response = { type: 'json-value', body: { id: TASK_ID, status: 'succeeded' } };
    expect(await createModel().doStatus({ operation })).toMatchObject({
      status: 'failed',
      error: { code: 'NO_VIDEO' },
    });
  });

  it('refuses an operation that is not a Seedance task before any request', async () => {
    for (const bad of [{ name: 'x' }, { id: '../other' }, 'cgt-1', null]) {
      await expect(createModel().doStatus({ operation: bad })).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(server.calls).toHaveLength(0);
  });

  it('follows a redirect to another origin without the key', async () => {
    server.urls[`${TASKS}/:id`].response = {
      type: 'redirect',
      location: 'https://elsewhere.example.com/task',
      status: 307,
    };
    await createModel().doStatus({ operation });
    expect(server.calls[1].requestUrl).toBe('https://elsewhere.example.com/task');
    expect(server.calls[1].requestHeaders.authorization).toBeUndefined();
  });

  it('sends the key to a configured baseURL on another host', async () => {
    const model = createModel(MODEL, { baseURL: 'https://elsewhere.example.com/api/v3/' });
    await model.doStatus({ operation });
    expect(server.calls[0].requestUrl).toBe(
      `https://elsewhere.example.com/api/v3/contents/generations/tasks/${TASK_ID}`,
    );
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });
});

describe('doCancel', () => {
  it('deletes the task', async () => {
    server.urls[`${TASKS}/:id`].response = { type: 'json-value', body: {} };
    await createModel().doCancel({ operation: { id: TASK_ID } });
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `DELETE ${TASKS}/${TASK_ID}`,
    ]);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("reports ByteDance's refusal of a running task", async () => {
    server.urls[`${TASKS}/:id`].response = {
      type: 'error',
      status: 400,
      body: JSON.stringify({
        error: { code: 'InvalidParameter', message: 'Task status running cannot be cancelled.' },
      }),
    };
    await expect(createModel().doCancel({ operation: { id: TASK_ID } })).rejects.toThrow(/running cannot be cancelled/);
  });
});

describe('doGenerate', () => {
  it('submits and polls; the signed link is returned as a URL (it needs no key)', async () => {
    server.urls[`${TASKS}/:id`].response = [
      { type: 'json-value', body: running },
      { type: 'json-value', body: succeeded },
    ];
    const result = await createModel().doGenerate(defaultOptions);
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `POST ${TASKS}`,
      `GET ${TASKS}/${TASK_ID}`,
      `GET ${TASKS}/${TASK_ID}`,
    ]);
    expect(result.videos).toStrictEqual([{ type: 'url', url: VIDEO_URL, mediaType: 'video/mp4' }]);
    expect(result.usage).toMatchObject({ outputTokens: 103818, totalTokens: 103818 });
    expect(result.providerMetadata?.bytedance).toMatchObject({ lastFrameUrl: succeeded.content.last_frame_url });
  });
});
