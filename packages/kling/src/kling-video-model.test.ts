import { APICallError, LoadAPIKeyError, VideoJobFailedError } from '@videogen/provider-spec';
import type { VideoModelV3StartOptions } from '@videogen/provider-spec';
import { hmacSha256 } from '@videogen/provider-utils';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKling, type KlingProviderSettings } from './kling-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const ACCESS_KEY = 'AK-distinctive-access-1c2d';
const SECRET_KEY = 'SK-distinctive-secret-9f8e';
const API_KEY = 'kling-api-key-distinctive-77aa';
const BASE = 'https://api-singapore.klingai.com';
const VIDEO_URL = 'https://cdn.klingai.example.com/e3c1.mp4';
const PNG_BASE64 = 'iVBORw0KGgoBAgM=';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

const envelope = (data: Record<string, unknown>) => ({
  code: 0,
  message: 'SUCCEED',
  request_id: '0f6b2a1c-7d3e',
  data,
});
const submitted = envelope({
  task_id: '867283741759111202',
  task_status: 'submitted',
  task_info: {},
  created_at: 1781080778802,
  updated_at: 1781080778802,
});
const processing = envelope({ task_id: '867283741759111202', task_status: 'processing', task_status_msg: '' });
const succeeded = envelope({
  task_id: '867283741759111202',
  task_status: 'succeed',
  task_status_msg: '',
  task_info: { external_task_id: 'job-42' },
  watermark_info: { enabled: false },
  final_unit_deduction: '5',
  task_result: { videos: [{ id: 'e3c1', url: VIDEO_URL, duration: '5.1' }] },
  created_at: 1781080778802,
  updated_at: 1781080861455,
});
const riskFailed = envelope({
  task_id: '867283741759111202',
  task_status: 'failed',
  task_status_msg: 'Failure to pass the risk control system',
});

const server = createTestServer({
  [`${BASE}/v1/videos/:endpoint`]: { response: { type: 'json-value', body: submitted } },
  [`${BASE}/v1/videos/:endpoint/:id`]: { response: { type: 'json-value', body: processing } },
  [VIDEO_URL]: { response: { type: 'binary', body: new Uint8Array([0, 0, 0, 8, 0x66, 0x74, 0x79, 0x70]) } },
  'https://elsewhere.example.com/*': { response: { type: 'json-value', body: processing } },
});

const defaultOptions = createCallOptions({ prompt: 'A corgi surfing a wave at sunset' });

function createModel(modelId = 'kling-v2-6', settings: KlingProviderSettings = {}) {
  return createKling({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, ...settings }).video(modelId);
}

async function start(options: Partial<VideoModelV3StartOptions> = {}, modelId?: string) {
  return createModel(modelId).doStart({ ...defaultOptions, ...options });
}

function decodeJwt(token: string) {
  const [header, payload] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  return { header, payload };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe('constructor', () => {
  it('exposes provider, model id, poll interval and capabilities', () => {
    const model = createModel();
    expect(model.provider).toBe('kling.video');
    expect(model.modelId).toBe('kling-v2-6');
    expect(model.pollIntervalMs).toBe(5000);
    expect(model.maxVideosPerCall).toBe(1);
    expect(model.capabilities).toStrictEqual({
      durations: [5, 10],
      resolutions: ['1280x720', '720x1280', '720x720', '1920x1080', '1080x1920', '1080x1080'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      imageRoles: ['first_frame', 'last_frame', 'reference'],
      referenceKinds: ['image'],
      maxReferences: 4,
      maxVideosPerCall: 1,
      seed: false,
      audio: true,
      maxPromptLength: 2500,
      requiresPrompt: false,
      imageMediaTypes: ['image/jpeg', 'image/png'],
      sourceVideo: [{ operation: 'extend', origins: ['job'], maxDuration: 180, requiresPrompt: false }],
    });
    expect(createModel('kling-v3').capabilities.durations).toStrictEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(createModel('kling-v1').capabilities.audio).toBe(false);
    expect(createModel('kling-v9-future').capabilities).toStrictEqual({
      seed: false,
      sourceVideo: [{ operation: 'extend', origins: ['job'], maxDuration: 180, requiresPrompt: false }],
    });
  });
});

describe('authentication', () => {
  it('signs a fresh HS256 JWT per request with the secret key, which is never sent', async () => {
    vi.useFakeTimers({ now: new Date('2026-06-10T08:00:00Z'), toFake: ['Date'] });
    await start();
    const authorization = server.calls[0].requestHeaders.authorization;
    expect(authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const token = authorization.slice('Bearer '.length);
    const now = Math.floor(Date.parse('2026-06-10T08:00:00Z') / 1000);
    expect(decodeJwt(token)).toStrictEqual({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { iss: ACCESS_KEY, exp: now + 1800, nbf: now - 5 },
    });
    const [header, payload, signature] = token.split('.');
    const expected = Buffer.from(await hmacSha256(SECRET_KEY, `${header}.${payload}`)).toString('base64url');
    expect(signature).toBe(expected);
    expect(JSON.stringify(server.calls[0].requestHeaders)).not.toContain(SECRET_KEY);

    vi.setSystemTime(new Date('2026-06-10T08:10:00Z'));
    await createModel().doStatus({ operation: { taskId: '1', endpoint: 'text2video' } });
    const second = decodeJwt(server.calls[1].requestHeaders.authorization.slice(7));
    expect(second.payload.nbf).toBe(now + 600 - 5);
  });

  it('sends the newer API key as a bearer token', async () => {
    await createModel('kling-v2-6', { accessKey: undefined, secretKey: undefined, apiKey: API_KEY }).doStart(
      defaultOptions,
    );
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('reads KLING_ACCESS_KEY / KLING_SECRET_KEY, then KLING_API_KEY, at the first request', async () => {
    vi.stubEnv('KLING_ACCESS_KEY', ACCESS_KEY);
    vi.stubEnv('KLING_SECRET_KEY', SECRET_KEY);
    const model = createKling().video('kling-v2-6');
    await model.doStart(defaultOptions);
    expect(decodeJwt(server.calls[0].requestHeaders.authorization.slice(7)).payload.iss).toBe(ACCESS_KEY);

    vi.stubEnv('KLING_ACCESS_KEY', '');
    vi.stubEnv('KLING_SECRET_KEY', '');
    vi.stubEnv('KLING_API_KEY', API_KEY);
    await model.doStart(defaultOptions);
    expect(server.calls[1].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('is a LoadAPIKeyError without credentials, or with half a key pair, before any request', async () => {
    vi.stubEnv('KLING_ACCESS_KEY', '');
    vi.stubEnv('KLING_SECRET_KEY', '');
    vi.stubEnv('KLING_API_KEY', '');
    const error = await createKling()
      .video('kling-v2-6')
      .doStart(defaultOptions)
      .catch((e: unknown) => e);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    const half = await createKling({ accessKey: ACCESS_KEY })
      .video('kling-v2-6')
      .doStart(defaultOptions)
      .catch((e: unknown) => e);
    expect(half).toMatchObject({ message: expect.stringMatching(/secret key is missing/) });
    expect(server.calls).toHaveLength(0);
  });
});

describe('doStart', () => {
  it('sends text-to-video to /v1/videos/text2video', async () => {
    const result = await start();
    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE}/v1/videos/text2video`);
    const { 'user-agent': userAgent, authorization, ...headers } = call.requestHeaders;
    expect(headers).toStrictEqual({ 'content-type': 'application/json' });
    expect(authorization).toMatch(/^Bearer /);
    expect(userAgent).toMatch(/^videogen\/kling\/0\.0\.0-test( |$)/);
    expect(call.requestBodyJson).toStrictEqual({
      model_name: 'kling-v2-6',
      prompt: 'A corgi surfing a wave at sunset',
    });
    expect(result.operation).toStrictEqual({ taskId: '867283741759111202', endpoint: 'text2video' });
    expect(result.warnings).toStrictEqual([]);
    expect(result.providerMetadata).toStrictEqual({
      kling: { taskId: '867283741759111202', endpoint: 'text2video' },
    });
  });

  it('maps resolution to mode, aspect ratio, duration as a string, audio, and every option', async () => {
    await start({
      resolution: '1080x1920',
      duration: 10,
      generateAudio: true,
      webhookUrl: 'https://hooks.example.com/kling',
      providerOptions: {
        kling: {
          negativePrompt: 'blur',
          cameraControl: { type: 'simple', config: { zoom: 5 } },
          watermark: true,
          externalTaskId: 'job-42',
          voiceIds: ['voice-a'],
        },
      },
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model_name: 'kling-v2-6',
      prompt: 'A corgi surfing a wave at sunset',
      negative_prompt: 'blur',
      mode: 'pro',
      sound: 'on',
      aspect_ratio: '9:16',
      duration: '10',
      camera_control: { type: 'simple', config: { zoom: 5 } },
      voice_list: [{ voice_id: 'voice-a' }],
      watermark_info: { enabled: true },
      callback_url: 'https://hooks.example.com/kling',
      external_task_id: 'job-42',
    });
  });

  it('sends multi-shot on kling-v3 (customize with multi_prompt, durations as strings)', async () => {
    await start(
      {
        prompt: undefined,
        duration: 6,
        providerOptions: {
          kling: {
            multiShot: true,
            multiPrompt: [
              { index: 1, prompt: 'Wide shot of the beach', duration: 2 },
              { index: 2, prompt: 'Close-up of the corgi', duration: '4' },
            ],
          },
        },
      },
      'kling-v3',
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model_name: 'kling-v3',
      duration: '6',
      multi_shot: true,
      shot_type: 'customize',
      multi_prompt: [
        { index: 1, prompt: 'Wide shot of the beach', duration: '2' },
        { index: 2, prompt: 'Close-up of the corgi', duration: '4' },
      ],
    });
  });

  it('sends a first frame URL as is and a last frame from bytes as raw base64 to image2video', async () => {
    const result = await start({
      image: { type: 'url', url: 'https://images.example.com/cat.png' },
      frameImages: [{ frameType: 'last_frame', image: { type: 'file', data: PNG, mediaType: 'image/png' } }],
      aspectRatio: '16:9',
    });
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v1/videos/image2video`);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model_name: 'kling-v2-6',
      image: 'https://images.example.com/cat.png',
      image_tail: PNG_BASE64,
      prompt: 'A corgi surfing a wave at sunset',
    });
    expect(result.operation).toStrictEqual({ taskId: '867283741759111202', endpoint: 'image2video' });
    expect(result.warnings).toStrictEqual([expect.objectContaining({ type: 'unsupported', feature: 'aspectRatio' })]);
  });

  it('maps resolution to mode for image2video without an aspect ratio or a warning', async () => {
    const result = await start({
      image: { type: 'url', url: 'https://images.example.com/cat.png' },
      resolution: '1920x1080',
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model_name: 'kling-v2-6',
      image: 'https://images.example.com/cat.png',
      prompt: 'A corgi surfing a wave at sunset',
      mode: 'pro',
    });
    expect(result.warnings).toStrictEqual([]);
  });

  it('sends a data: URL first frame without its prefix, and a last frame alone', async () => {
    await start({ image: { type: 'url', url: `data:image/png;base64,${PNG_BASE64}` } }, 'kling-v2-1');
    expect(server.calls[0].requestBodyJson).toMatchObject({ model_name: 'kling-v2-1', image: PNG_BASE64 });
    await start({
      frameImages: [{ frameType: 'last_frame', image: { type: 'file', data: PNG_BASE64, mediaType: 'image/png' } }],
    });
    expect(server.calls[1].requestBodyJson).toStrictEqual({
      model_name: 'kling-v2-6',
      image_tail: PNG_BASE64,
      prompt: 'A corgi surfing a wave at sunset',
    });
  });

  it('sends reference images to multi-image2video as image_list', async () => {
    const result = await start(
      {
        aspectRatio: '1:1',
        inputReferences: [
          { type: 'url', url: 'https://images.example.com/a.jpg' },
          { type: 'file', data: PNG, mediaType: 'image/png' },
        ],
      },
      'kling-v1-6',
    );
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v1/videos/multi-image2video`);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model_name: 'kling-v1-6',
      image_list: [{ image: 'https://images.example.com/a.jpg' }, { image: PNG_BASE64 }],
      prompt: 'A corgi surfing a wave at sunset',
      aspect_ratio: '1:1',
    });
    expect(result.operation).toMatchObject({ endpoint: 'multi-image2video' });
  });

  it('extends a Kling video through video-extend with providerOptions.kling.extendVideoId', async () => {
    const result = await start({
      duration: 5,
      providerOptions: { kling: { extendVideoId: 'e3c1', negativePrompt: 'blur' } },
    });
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v1/videos/video-extend`);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      video_id: 'e3c1',
      prompt: 'A corgi surfing a wave at sunset',
      negative_prompt: 'blur',
    });
    expect(result.operation).toMatchObject({ endpoint: 'video-extend' });
    expect(result.warnings).toStrictEqual([expect.objectContaining({ feature: 'duration' })]);
  });

  it('warns for what Kling does not take (fps, seed, adaptive, cfg_scale on v2 models) and sends none of it', async () => {
    const result = await start({
      fps: 30,
      seed: 7,
      aspectRatio: 'adaptive',
      providerOptions: { kling: { cfgScale: 0.7 } },
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model_name: 'kling-v2-6',
      prompt: 'A corgi surfing a wave at sunset',
    });
    expect(result.warnings.map((warning) => (warning as { feature: string }).feature).sort()).toStrictEqual([
      'aspectRatio',
      'fps',
      'providerOptions.kling.cfgScale',
      'seed',
    ]);
    await start({ providerOptions: { kling: { cfgScale: 0.7 } } }, 'kling-v1-6');
    expect(server.calls[1].requestBodyJson).toMatchObject({ cfg_scale: 0.7 });
  });

  const invalid: Array<[string, Partial<VideoModelV3StartOptions>, string, string | RegExp, string?]> = [
    ['a duration the model does not take', { duration: 7 }, 'duration', /Nearest allowed: 5 s/],
    ['a resolution other than 720p/1080p', { resolution: '3840x2160' }, 'resolution', /3840x2160/],
    ['n above 1', { n: 2 }, 'n', /1/],
    ['audio on a silent model', { generateAudio: true }, 'generateAudio', /audio/, 'kling-v1'],
    ['text-to-video on an image-only model', {}, 'image', /image-to-video only/, 'kling-v1-5'],
    [
      'mode against resolution',
      { resolution: '1280x720', providerOptions: { kling: { mode: 'pro' } } },
      'providerOptions.kling.mode',
      /std/,
    ],
    [
      'multi-shot on a model without it',
      { providerOptions: { kling: { multiShot: true } } },
      'providerOptions.kling.multiShot',
      /kling-v3/,
    ],
    [
      'shots that do not add up to the duration',
      {
        duration: 5,
        providerOptions: { kling: { multiShot: true, multiPrompt: [{ index: 1, prompt: 'a', duration: 2 }] } },
      },
      'providerOptions.kling.multiPrompt',
      /add up to 2 s/,
      'kling-v3',
    ],
    [
      'simple camera control with two axes',
      { providerOptions: { kling: { cameraControl: { type: 'simple', config: { zoom: 1, pan: 2 } } } } },
      'providerOptions.kling.cameraControl',
      /exactly one/,
    ],
    [
      'a last frame with camera control',
      {
        image: { type: 'url', url: 'https://images.example.com/a.png' },
        frameImages: [{ frameType: 'last_frame', image: { type: 'url', url: 'https://images.example.com/b.png' } }],
        providerOptions: { kling: { cameraControl: { type: 'down_back' } } },
      },
      'providerOptions.kling',
      /one at a time/,
    ],
    [
      'reference images with a first frame',
      {
        image: { type: 'url', url: 'https://images.example.com/a.png' },
        inputReferences: [{ type: 'url', url: 'https://images.example.com/b.png' }],
      },
      'inputReferences',
      /without a first or last frame/,
    ],
    [
      'a reference video',
      { inputReferences: [{ type: 'url', url: 'https://videos.example.com/a.mp4' }] },
      'inputReferences',
      /video/,
    ],
    [
      'voices without audio',
      { providerOptions: { kling: { voiceIds: ['v'] } } },
      'providerOptions.kling.voiceIds',
      /generateAudio/,
    ],
    [
      'a webp image',
      { image: { type: 'url', url: 'https://images.example.com/a', mediaType: 'image/webp' } },
      'image',
      /image\/webp/,
    ],
  ];
  it.each(invalid)('rejects %s before any request', async (_name, options, argument, message, modelId) => {
    await expect(start(options, modelId)).rejects.toMatchObject({ argument, message: expect.stringMatching(message) });
    expect(server.calls).toHaveLength(0);
  });

  it('rejects unknown provider options (strict schema)', async () => {
    await expect(start({ providerOptions: { kling: { model_name: 'x' } } })).rejects.toMatchObject({
      name: 'AI_InvalidArgumentError',
    });
    expect(server.calls).toHaveLength(0);
  });

  it("carries Kling's error code and message, never the keys", async () => {
    server.urls[`${BASE}/v1/videos/:endpoint`].response = {
      type: 'error',
      status: 400,
      body: JSON.stringify({ code: 1301, message: 'Request blocked by content security policy', request_id: 'r1' }),
    };
    const error = await start().catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 400,
      message: '1301: Request blocked by content security policy',
      data: { code: 1301, message: 'Request blocked by content security policy', request_id: 'r1' },
    });
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
  });

  it('treats an HTTP 200 with a non-zero code as an error', async () => {
    server.urls[`${BASE}/v1/videos/:endpoint`].response = {
      type: 'json-value',
      body: { code: 1201, message: 'model_name is invalid', request_id: 'r2' },
    };
    await expect(start()).rejects.toMatchObject({ message: '1201: model_name is invalid', statusCode: 200 });
  });

  it('sends the credential to a configured base URL on another host', async () => {
    server.urls['https://elsewhere.example.com/*'].response = { type: 'json-value', body: submitted };
    await createModel('kling-v2-6', { baseURL: 'https://elsewhere.example.com/kling/' }).doStart(defaultOptions);
    expect(server.calls[0].requestUrl).toBe('https://elsewhere.example.com/kling/v1/videos/text2video');
    expect(server.calls[0].requestHeaders.authorization).toMatch(/^Bearer /);
  });
});

describe('doStatus', () => {
  const operation = { taskId: '867283741759111202', endpoint: 'image2video' };

  it('polls the family path of the task and maps submitted/processing to pending', async () => {
    server.urls[`${BASE}/v1/videos/:endpoint/:id`].response = { type: 'json-value', body: submitted };
    expect(await createModel().doStatus({ operation })).toStrictEqual({
      status: 'pending',
      providerStatus: 'submitted',
    });
    server.urls[`${BASE}/v1/videos/:endpoint/:id`].response = { type: 'json-value', body: processing };
    expect(await createModel().doStatus({ operation })).toStrictEqual({
      status: 'pending',
      providerStatus: 'processing',
    });
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v1/videos/image2video/867283741759111202`);
    expect(server.calls[0].requestHeaders.authorization).toMatch(/^Bearer /);
  });

  it('maps succeed to the videos, usage (seconds and units as reported) and metadata', async () => {
    server.urls[`${BASE}/v1/videos/:endpoint/:id`].response = { type: 'json-value', body: succeeded };
    const status = await createModel().doStatus({ operation });
    expect(status).toStrictEqual({
      status: 'completed',
      videos: [{ type: 'url', url: VIDEO_URL, mediaType: 'video/mp4' }],
      warnings: [],
      usage: {
        videoSeconds: 5.1,
        billedUnits: { quantity: 5, unit: 'units' },
        raw: { final_unit_deduction: '5' },
      },
      providerMetadata: {
        kling: {
          taskId: '867283741759111202',
          endpoint: 'image2video',
          externalTaskId: 'job-42',
          videos: [{ id: 'e3c1', url: VIDEO_URL, duration: '5.1' }],
        },
      },
      response: { timestamp: expect.any(Date), modelId: 'kling-v2-6', headers: expect.any(Object) },
    });
  });

  it('maps a risk-control failure to a content-filtered failure with Kling’s message', async () => {
    server.urls[`${BASE}/v1/videos/:endpoint/:id`].response = { type: 'json-value', body: riskFailed };
    expect(await createModel().doStatus({ operation })).toStrictEqual({
      status: 'failed',
      error: { message: 'Failure to pass the risk control system', contentFiltered: true },
      providerMetadata: { kling: { taskId: '867283741759111202', endpoint: 'image2video' } },
    });
  });

  it('maps another failure without contentFiltered (Kling gives a task failure no code)', async () => {
    server.urls[`${BASE}/v1/videos/:endpoint/:id`].response = {
      type: 'json-value',
      body: envelope({ task_id: '1', task_status: 'failed', task_status_msg: 'Internal render error' }),
    };
    const status = await createModel().doStatus({ operation });
    expect(status).toMatchObject({ status: 'failed', error: { message: 'Internal render error' } });
    expect((status as { error: object }).error).not.toHaveProperty('contentFiltered');
    expect((status as { error: object }).error).not.toHaveProperty('code');
  });

  it('rejects an operation that is not a Kling task without any request', async () => {
    for (const bad of [
      null,
      {},
      { taskId: '1' },
      { taskId: '../x', endpoint: 'text2video' },
      { taskId: '1', endpoint: 'cancel' },
    ]) {
      await expect(createModel().doStatus({ operation: bad as never })).rejects.toMatchObject({
        argument: 'operation',
      });
    }
    expect(server.calls).toHaveLength(0);
  });
});

describe('doGenerate', () => {
  it('polls until the video is ready and downloads it without credentials', async () => {
    server.urls[`${BASE}/v1/videos/:endpoint/:id`].response = [
      { type: 'json-value', body: processing },
      { type: 'json-value', body: succeeded },
    ];
    const result = await createModel().doGenerate({
      ...defaultOptions,
      providerOptions: { kling: { pollIntervalMs: 1 } },
    });
    expect(result.videos).toHaveLength(1);
    expect(result.usage).toMatchObject({ videoSeconds: 5.1 });
    const download = server.calls.find((call) => call.requestUrl === VIDEO_URL);
    expect(download?.requestHeaders.authorization).toBeUndefined();
  });

  it('fails with the job and Kling’s reason', async () => {
    server.urls[`${BASE}/v1/videos/:endpoint/:id`].response = { type: 'json-value', body: riskFailed };
    const error = await createModel()
      .doGenerate({ ...defaultOptions, providerOptions: { kling: { pollIntervalMs: 1 } } })
      .catch((e: unknown) => e);
    expect(VideoJobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ contentFiltered: true, job: { operation: { taskId: '867283741759111202' } } });
  });
});
