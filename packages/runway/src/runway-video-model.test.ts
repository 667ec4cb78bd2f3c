import {
  APICallError,
  getDefaultVideoProviders,
  InvalidArgumentError,
  LoadAPIKeyError,
  type VideoModelV3CallOptions,
} from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import { createRunway, runway } from './runway-provider';
import { RunwayVideoModel } from './runway-video-model';
import { RUNWAY_DEFAULT_POLL_INTERVAL_MS } from './runway-video-model-options';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const BASE_URL = 'https://api.dev.runwayml.com';
const API_KEY = `key_${'ab'.repeat(64)}`;
const TASK_ID = '3f2a7c9e-1b4d-4e8f-a0c2-5d6e7f8a9b0c';
const OUTPUT_URL = `https://runway-output.example.net/${TASK_ID}.mp4?sig=abc`;
const PNG_BYTES = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgoBAgM=';
const MP4_BYTES = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 109, 112, 52, 50]);

const server = createTestServer({
  [`${BASE_URL}/v1/text_to_video`]: {
    response: { type: 'json-value', body: { id: TASK_ID, estimatedCost: { credits: 60 } } },
  },
  [`${BASE_URL}/v1/image_to_video`]: { response: { type: 'json-value', body: { id: TASK_ID } } },
  [`${BASE_URL}/v1/video_to_video`]: { response: { type: 'json-value', body: { id: TASK_ID } } },
  [`${BASE_URL}/v1/tasks/:id`]: {
    response: {
      type: 'json-value',
      body: { id: TASK_ID, status: 'SUCCEEDED', output: [OUTPUT_URL], cost: { credits: 60 } },
    },
  },
  [`${BASE_URL}/v1/uploads`]: {
    response: {
      type: 'json-value',
      body: {
        uploadUrl: 'https://uploads.runway.example/bucket',
        fields: { key: 'uploads/abc', policy: 'p' },
        runwayUri: 'runway://uploads/abc',
      },
    },
  },
  'https://uploads.runway.example/bucket': { response: { type: 'empty', status: 204 } },
  'https://runway-output.example.net/:file': { response: { type: 'binary', body: MP4_BYTES } },
  'https://proxy.example.com/runway/v1/text_to_video': { response: { type: 'json-value', body: { id: TASK_ID } } },
});

const fixedDate = new Date('2026-01-02T03:04:05Z');

function createModel(modelId = 'gen4.5') {
  return createRunway({ apiKey: API_KEY }).video(modelId);
}

function options(overrides: Partial<VideoModelV3CallOptions> = {}) {
  return createCallOptions({ prompt: 'Slow dolly-in as leaves fall', ...overrides });
}

function expectApiHeaders(headers: Record<string, string>, extra: Record<string, string> = {}) {
  const { 'user-agent': userAgent, ...rest } = headers;
  expect(rest).toStrictEqual({
    authorization: `Bearer ${API_KEY}`,
    'x-runway-version': '2024-11-06',
    ...extra,
  });
  expect(userAgent).toMatch(/^videogen\/runway\/0\.0\.0-test( |$)/);
}

describe('provider', () => {
  it('creates models through every entry point and registers the default instance', () => {
    const provider = createRunway({ apiKey: API_KEY });
    expect(provider('gen4.5')).toBeInstanceOf(RunwayVideoModel);
    expect(provider.videoModel('gen4.5').modelId).toBe('gen4.5');
    expect(provider.video('veo3.1').provider).toBe('runway.video');
    expect(() => new (provider as unknown as new (id: string) => unknown)('gen4.5')).toThrow(/new keyword/);
    expect(getDefaultVideoProviders().get('runway')).toBe(runway);
  });

  it('reads the key lazily: a missing key is a LoadAPIKeyError before any request', async () => {
    vi.stubEnv('RUNWAYML_API_SECRET', '');
    vi.stubEnv('RUNWAY_API_KEY', '');
    await expect(createRunway().video('gen4.5').doStart(options())).rejects.toBeInstanceOf(LoadAPIKeyError);
    expect(server.calls).toHaveLength(0);
    vi.unstubAllEnvs();
  });

  it('reads RUNWAYML_API_SECRET, as the Runway SDK does', async () => {
    vi.stubEnv('RUNWAYML_API_SECRET', 'key_env');
    await createRunway().video('gen4.5').doStart(options());
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer key_env');
    vi.unstubAllEnvs();
  });

  it('sends the configured runwayVersion and headers, and the key to a configured base URL on another host', async () => {
    const model = createRunway({
      apiKey: API_KEY,
      baseURL: 'https://proxy.example.com/runway/',
      runwayVersion: '2025-01-01',
      headers: { 'x-team': 'video' },
    }).video('gen4.5');
    await model.doStart(options());
    const call = server.calls[0];
    expect(call.requestUrl).toBe('https://proxy.example.com/runway/v1/text_to_video');
    expect(call.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.requestHeaders['x-runway-version']).toBe('2025-01-01');
    expect(call.requestHeaders['x-team']).toBe('video');
  });
});

describe('capabilities', () => {
  it('describes gen4.5 (the two text-to-video ratios and six image-to-video ratios)', () => {
    expect(createModel('gen4.5').capabilities).toStrictEqual({
      durations: { min: 2, max: 10 },
      resolutions: ['1280x720', '720x1280', '1104x832', '960x960', '832x1104', '1584x672'],
      aspectRatios: ['16:9', '9:16', '4:3', '1:1', '3:4', '33:14'],
      imageRoles: ['first_frame'],
      referenceKinds: [],
      maxReferences: 0,
      maxVideosPerCall: 1,
      seed: true,
      audio: false,
      maxPromptLength: 1000,
      requiresPrompt: true,
      inputUrlSchemes: ['http', 'https', 'data', 'runway'],
    });
  });

  it('describes veo3.1 (first and last frame, audio) and aleph2 (video-to-video only)', () => {
    const veo = createModel('veo3.1').capabilities;
    expect(veo.imageRoles).toStrictEqual(['first_frame', 'last_frame']);
    expect(veo.durations).toStrictEqual([4, 6, 8]);
    expect(veo.audio).toBe(true);
    expect(veo.resolutions).toStrictEqual(['1280x720', '720x1280', '1080x1920', '1920x1080']);
    const aleph = createModel('aleph2').capabilities;
    expect(aleph.imageRoles).toStrictEqual([]);
    expect(aleph.durations).toBeUndefined();
    expect(aleph.resolutions).toBeUndefined();
    expect(createModel('gen4_aleph').capabilities.imageRoles).toStrictEqual(['reference']);
  });

  it('polls every 6 s by default (Runway SDK), one video per call', () => {
    const model = createModel();
    expect(model.pollIntervalMs).toBe(6000);
    expect(RUNWAY_DEFAULT_POLL_INTERVAL_MS).toBe(6000);
    expect(model.maxVideosPerCall).toBe(1);
  });
});

describe('doStart: text-to-video', () => {
  it('POSTs /v1/text_to_video with the key, the version header and Runway wire names', async () => {
    const model = createRunway({ apiKey: API_KEY });
    const result = await model.video('gen4.5').doStart(options({ aspectRatio: '9:16', duration: 8, seed: 1234 }));
    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE_URL}/v1/text_to_video`);
    expectApiHeaders(call.requestHeaders, { 'content-type': 'application/json' });
    expect(call.requestBodyJson).toStrictEqual({
      model: 'gen4.5',
      promptText: 'Slow dolly-in as leaves fall',
      ratio: '720:1280',
      duration: 8,
      seed: 1234,
    });
    expect(result.operation).toStrictEqual({ id: TASK_ID });
    expect(result.warnings).toStrictEqual([]);
    expect(result.providerMetadata).toStrictEqual({
      runway: { taskId: TASK_ID, endpoint: 'text_to_video', estimatedCredits: 60 },
    });
  });

  it("sends Runway's required ratio and duration when the call gives none (1280:720, 5 s)", async () => {
    await createModel('gen4.5').doStart(options());
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'gen4.5',
      promptText: 'Slow dolly-in as leaves fall',
      ratio: '1280:720',
      duration: 5,
    });
  });

  it('maps a resolution to the ratio, generateAudio to audio, and provider options (veo3.1)', async () => {
    const result = await createModel('veo3.1').doStart(
      options({
        resolution: '1080x1920',
        duration: 6,
        generateAudio: true,
        fps: 24,
        providerOptions: { runway: { negativePrompt: 'blur', publicFigureThreshold: 'low' } },
      }),
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'veo3.1',
      promptText: 'Slow dolly-in as leaves fall',
      ratio: '1080:1920',
      duration: 6,
      audio: true,
      contentModeration: { publicFigureThreshold: 'low' },
      negativePrompt: 'blur',
    });
    expect(result.warnings).toStrictEqual([
      {
        type: 'unsupported',
        feature: 'fps',
        details: 'runway.video model veo3.1 takes no frame rate; it renders at its own.',
      },
    ]);
  });

  it('warns about a webhook URL (Runway sends none) and adaptive aspect ratio', async () => {
    const result = await createModel('gen4.5').doStart({
      ...options({ aspectRatio: 'adaptive' }),
      webhookUrl: 'https://hooks.example.com/runway',
    });
    expect(result.warnings.map((warning) => (warning as { feature: string }).feature)).toStrictEqual([
      'aspectRatio',
      'webhookUrl',
    ]);
    expect(server.calls[0].requestBodyJson).not.toHaveProperty('webhookUrl');
  });

  it.each([
    ['a duration outside 2-10', { duration: 11 }, 'duration'],
    ['a fractional duration', { duration: 4.5 }, 'duration'],
    ['a ratio text-to-video does not take', { resolution: '1104x832' }, 'resolution'],
    ['an aspect ratio without a ratio', { aspectRatio: '2:1' }, 'aspectRatio'],
    ['a prompt over 1000 characters', { prompt: 'x'.repeat(1001) }, 'prompt'],
    ['an empty prompt (gen4.5 needs one)', { prompt: ' ' }, 'prompt'],
    ['n above 1', { n: 2 }, 'n'],
    ['audio on a silent model', { generateAudio: true }, 'generateAudio'],
    [
      'a last frame (gen4.5 takes none)',
      {
        image: { type: 'url', url: 'https://cdn.example.com/a.png' } as const,
        frameImages: [
          { frameType: 'last_frame', image: { type: 'url', url: 'https://cdn.example.com/b.png' } },
        ] as VideoModelV3CallOptions['frameImages'],
      },
      'frameImages',
    ],
  ])('refuses %s before any request', async (_label, overrides, argument) => {
    const error = await createModel('gen4.5')
      .doStart(options(overrides as Partial<VideoModelV3CallOptions>))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses text-to-video on an image-only model (gen4_turbo)', async () => {
    await expect(createModel('gen4_turbo').doStart(options())).rejects.toThrow(/has no text-to-video/);
    expect(server.calls).toHaveLength(0);
  });

  it('passes an unknown model through with the endpoint and ratio the call names', async () => {
    await createModel('seedance2').doStart(options({ aspectRatio: '16:9', duration: 5 }));
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'seedance2',
      promptText: 'Slow dolly-in as leaves fall',
      ratio: '16:9',
      duration: 5,
    });
  });
});

describe('doStart: image-to-video', () => {
  it('sends a first frame URL as promptImage (a string, as the SDK documents)', async () => {
    await createModel('gen4_turbo').doStart(
      options({ image: { type: 'url', url: 'https://cdn.example.com/hero.jpg' }, aspectRatio: '4:3', duration: 10 }),
    );
    const call = server.calls[0];
    expect(call.requestUrl).toBe(`${BASE_URL}/v1/image_to_video`);
    expect(call.requestBodyJson).toStrictEqual({
      model: 'gen4_turbo',
      promptText: 'Slow dolly-in as leaves fall',
      ratio: '1104:832',
      duration: 10,
      promptImage: 'https://cdn.example.com/hero.jpg',
    });
  });

  it('sends first and last frame as [{ uri, position }] and bytes as a data URI (veo3.1)', async () => {
    await createModel('veo3.1').doStart(
      options({
        frameImages: [
          { frameType: 'first_frame', image: { type: 'file', data: PNG_BYTES, mediaType: 'image/png' } },
          { frameType: 'last_frame', image: { type: 'url', url: PNG_DATA_URL } },
        ],
      }),
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'veo3.1',
      promptText: 'Slow dolly-in as leaves fall',
      ratio: '1280:720',
      promptImage: [
        { uri: 'data:image/png;base64,iVBORw0KGgoBAgM=', position: 'first' },
        { uri: PNG_DATA_URL, position: 'last' },
      ],
    });
  });

  it('takes a runway:// upload URI as is', async () => {
    await createModel('gen4.5').doStart(options({ image: { type: 'url', url: 'runway://uploads/xyz' } }));
    expect(server.calls[0].requestBodyJson.promptImage).toBe('runway://uploads/xyz');
  });

  it('uploads bytes too large for a data URI through /v1/uploads, storage without the key', async () => {
    const big = new Uint8Array(4_000_000);
    big.set(PNG_BYTES);
    await createModel('gen4.5').doStart(options({ image: { type: 'file', data: big, mediaType: 'image/png' } }));
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `POST ${BASE_URL}/v1/uploads`,
      'POST https://uploads.runway.example/bucket',
      `POST ${BASE_URL}/v1/image_to_video`,
    ]);
    expect(server.calls[0].requestBodyJson).toStrictEqual({ filename: 'input.png', type: 'ephemeral' });
    expectApiHeaders(server.calls[0].requestHeaders, { 'content-type': 'application/json' });
    const storage = server.calls[1];
    expect(storage.requestHeaders.authorization).toBeUndefined();
    expect(storage.requestHeaders['x-runway-version']).toBeUndefined();
    const form = await storage.requestBodyMultipart();
    expect(form.key).toBe('uploads/abc');
    expect(form.policy).toBe('p');
    expect((form.file as File).size).toBe(4_000_000);
    expect(server.calls[2].requestBodyJson.promptImage).toBe('runway://uploads/abc');
  });

  it('refuses a large input with uploadLargeInputs: false, before any request', async () => {
    const big = new Uint8Array(4_000_000);
    big.set(PNG_BYTES);
    await expect(
      createModel('gen4.5').doStart(
        options({
          image: { type: 'file', data: big, mediaType: 'image/png' },
          providerOptions: { runway: { uploadLargeInputs: false } },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses an image that is not one, and a non-image first frame, before any request', async () => {
    await expect(
      createModel('gen4.5').doStart(options({ image: { type: 'file', data: MP4_BYTES, mediaType: 'image/png' } })),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      createModel('gen4.5').doStart(options({ image: { type: 'url', url: 'ftp://example.com/a.png' } })),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.calls).toHaveLength(0);
  });
});

describe('doStart: video-to-video', () => {
  it('POSTs /v1/video_to_video with videoUri and keyframes (aleph2), warning about size and duration', async () => {
    const result = await createModel('aleph2').doStart(
      options({
        prompt: 'make it snow',
        aspectRatio: '16:9',
        duration: 5,
        providerOptions: {
          runway: {
            videoUri: 'https://cdn.example.com/in.mp4',
            keyframes: [{ uri: 'https://cdn.example.com/k.png', seconds: 1 }],
          },
        },
      }),
    );
    const call = server.calls[0];
    expect(call.requestUrl).toBe(`${BASE_URL}/v1/video_to_video`);
    expect(call.requestBodyJson).toStrictEqual({
      model: 'aleph2',
      promptText: 'make it snow',
      videoUri: 'https://cdn.example.com/in.mp4',
      keyframes: [{ uri: 'https://cdn.example.com/k.png', seconds: 1 }],
    });
    expect(result.warnings.map((warning) => (warning as { feature: string }).feature)).toStrictEqual([
      'aspectRatio',
      'duration',
    ]);
  });

  it('sends a reference image as references[{ type: "image", uri }] (gen4_aleph)', async () => {
    await createModel('gen4_aleph').doStart(
      options({
        prompt: 'restyle',
        inputReferences: [{ type: 'url', url: 'https://cdn.example.com/style.png' }],
        seed: 7,
        providerOptions: { runway: { videoUri: 'runway://uploads/video' } },
      }),
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'gen4_aleph',
      promptText: 'restyle',
      seed: 7,
      videoUri: 'runway://uploads/video',
      references: [{ type: 'image', uri: 'https://cdn.example.com/style.png' }],
    });
  });

  it('refuses an Aleph model without videoUri, and a video on a model without video-to-video', async () => {
    await expect(createModel('aleph2').doStart(options())).rejects.toThrow(/has no text-to-video/);
    await expect(
      createModel('gen4.5').doStart(
        options({ providerOptions: { runway: { videoUri: 'https://cdn.example.com/in.mp4' } } }),
      ),
    ).rejects.toThrow(/has no video-to-video/);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses a videoUri or keyframe that is no URI Runway takes, before any request', async () => {
    for (const runway of [
      { videoUri: 'ftp://example.com/in.mp4' },
      { videoUri: 'https://cdn.example.com/in.mp4', keyframes: [{ uri: 'file.png', at: 0.5 }] },
    ]) {
      const error = await createModel('aleph2')
        .doStart(options({ providerOptions: { runway } }))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toMatch(/^providerOptions\.runway\./);
    }
    expect(server.calls).toHaveLength(0);
  });

  it('refuses unknown provider options', async () => {
    await expect(
      createModel('gen4.5').doStart(options({ providerOptions: { runway: { ratio: '1280:720' } } })),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('doStatus', () => {
  const status = async (body: unknown) => {
    server.urls[`${BASE_URL}/v1/tasks/:id`].response = { type: 'json-value', body };
    const model = new RunwayVideoModel('gen4.5', {
      provider: 'runway.video',
      baseURL: BASE_URL,
      headers: async () => ({ authorization: `Bearer ${API_KEY}`, 'x-runway-version': '2024-11-06' }),
      _internal: { currentDate: () => fixedDate },
    });
    return model.doStatus({ operation: { id: TASK_ID } });
  };

  it('GETs /v1/tasks/{id} with the key and the version header', async () => {
    await createModel().doStatus({ operation: { id: TASK_ID } });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('GET');
    expect(call.requestUrl).toBe(`${BASE_URL}/v1/tasks/${TASK_ID}`);
    expectApiHeaders(call.requestHeaders);
  });

  it('maps PENDING and THROTTLED to pending without progress', async () => {
    const base = { id: TASK_ID, createdAt: '2026-11-30T10:15:02.118Z', estimatedCost: { credits: 60 } };
    expect(await status({ ...base, status: 'PENDING' })).toStrictEqual({
      status: 'pending',
      providerStatus: 'PENDING',
    });
    expect(await status({ ...base, status: 'THROTTLED' })).toStrictEqual({
      status: 'pending',
      providerStatus: 'THROTTLED',
    });
  });

  it('maps RUNNING with its 0..1 progress to percent', async () => {
    expect(await status({ id: TASK_ID, status: 'RUNNING', progress: 0.42 })).toStrictEqual({
      status: 'pending',
      providerStatus: 'RUNNING',
      progress: 42,
    });
    expect(await status({ id: TASK_ID, status: 'RUNNING' })).toStrictEqual({
      status: 'pending',
      providerStatus: 'RUNNING',
    });
  });

  it('maps SUCCEEDED to the output URLs, with usage from cost.credits only', async () => {
    expect(
      await status({
        id: TASK_ID,
        createdAt: '2026-11-30T10:15:02.118Z',
        status: 'SUCCEEDED',
        output: [OUTPUT_URL],
        cost: { credits: 60 },
      }),
    ).toStrictEqual({
      status: 'completed',
      videos: [{ type: 'url', url: OUTPUT_URL, mediaType: 'video/mp4' }],
      warnings: [],
      usage: { billedUnits: { quantity: 60, unit: 'credits' }, raw: { cost: { credits: 60 } } },
      providerMetadata: {
        runway: {
          taskId: TASK_ID,
          status: 'SUCCEEDED',
          createdAt: '2026-11-30T10:15:02.118Z',
          credits: 60,
          output: [OUTPUT_URL],
        },
      },
      response: { timestamp: fixedDate, modelId: 'gen4.5', headers: expect.any(Object) },
    });
    // SDK 3.x tasks report no cost: no usage is invented.
    const withoutCost = await status({ id: TASK_ID, status: 'SUCCEEDED', output: [OUTPUT_URL] });
    expect(withoutCost).not.toHaveProperty('usage');
  });

  it('maps FAILED with a SAFETY code to a content-filtered failure with Runway reason and code', async () => {
    expect(
      await status({
        id: TASK_ID,
        status: 'FAILED',
        failure: 'Your input was flagged by our content moderation system.',
        failureCode: 'SAFETY.INPUT.IMAGE',
        cost: { credits: 0 },
      }),
    ).toStrictEqual({
      status: 'failed',
      error: {
        code: 'SAFETY.INPUT.IMAGE',
        message: 'Your input was flagged by our content moderation system.',
        contentFiltered: true,
      },
      usage: { billedUnits: { quantity: 0, unit: 'credits' }, raw: { cost: { credits: 0 } } },
      providerMetadata: { runway: { taskId: TASK_ID, status: 'FAILED', credits: 0 } },
    });
    const preprocessing = await status({
      id: TASK_ID,
      status: 'FAILED',
      failure: 'Prompt flagged',
      failureCode: 'INPUT_PREPROCESSING.SAFETY.TEXT',
    });
    expect(preprocessing.status === 'failed' && preprocessing.error.contentFiltered).toBe(true);
  });

  it('maps other FAILED codes without contentFiltered, and CANCELLED to a failure', async () => {
    expect(
      await status({
        id: TASK_ID,
        status: 'FAILED',
        failure: 'Internal error',
        failureCode: 'INTERNAL.BAD_OUTPUT.CODE01',
      }),
    ).toStrictEqual({
      status: 'failed',
      error: { code: 'INTERNAL.BAD_OUTPUT.CODE01', message: 'Internal error' },
      providerMetadata: { runway: { taskId: TASK_ID, status: 'FAILED' } },
    });
    expect(await status({ id: TASK_ID, status: 'CANCELLED' })).toStrictEqual({
      status: 'failed',
      error: { code: 'CANCELLED', message: 'The Runway task was cancelled.' },
      providerMetadata: { runway: { taskId: TASK_ID, status: 'CANCELLED' } },
    });
  });

  it('refuses an operation that is not a Runway task before any request', async () => {
    for (const operation of [{ name: 'x' }, { id: '../etc' }, 'abc', null]) {
      await expect(createModel().doStatus({ operation })).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(server.calls).toHaveLength(0);
  });

  it("surfaces Runway's error body (message, issues) and never the key", async () => {
    server.urls[`${BASE_URL}/v1/tasks/:id`].response = {
      type: 'error',
      status: 404,
      body: JSON.stringify({ error: 'Task not found', docUrl: 'https://docs.dev.runwayml.com/api' }),
    };
    const error = await createModel()
      .doStatus({ operation: { id: TASK_ID } })
      .catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe('Task not found');
    expect((error as APICallError).statusCode).toBe(404);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
  });

  it('formats validation issues of a 400', async () => {
    server.urls[`${BASE_URL}/v1/text_to_video`].response = {
      type: 'error',
      status: 400,
      body: JSON.stringify({
        error: 'Validation of body failed',
        issues: [{ code: 'too_big', path: ['promptText'], message: 'Too long' }],
      }),
    };
    await expect(createModel().doStart(options())).rejects.toThrow('Validation of body failed (promptText: Too long)');
  });

  it('follows a redirect to another origin without the key', async () => {
    server.urls[`${BASE_URL}/v1/tasks/:id`].response = {
      type: 'redirect',
      location: 'https://runway-output.example.net/task.json',
    };
    server.urls['https://runway-output.example.net/:file'].response = {
      type: 'json-value',
      body: { id: TASK_ID, status: 'PENDING' },
    };
    await createModel().doStatus({ operation: { id: TASK_ID } });
    expect(server.calls[1].requestUrl).toBe('https://runway-output.example.net/task.json');
    expect(server.calls[1].requestHeaders.authorization).toBeUndefined();
    expect(server.calls[1].requestHeaders['x-runway-version']).toBeUndefined();
  });
});

describe('doCancel', () => {
  it('DELETEs /v1/tasks/{id} with Accept */*, as the SDK does', async () => {
    server.urls[`${BASE_URL}/v1/tasks/:id`].response = { type: 'empty', status: 204 };
    await createModel().doCancel({ operation: { id: TASK_ID } });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('DELETE');
    expect(call.requestUrl).toBe(`${BASE_URL}/v1/tasks/${TASK_ID}`);
    expectApiHeaders(call.requestHeaders, { accept: '*/*' });
  });

  it("throws Runway's error for an unknown task", async () => {
    server.urls[`${BASE_URL}/v1/tasks/:id`].response = {
      type: 'error',
      status: 404,
      body: JSON.stringify({ error: 'Task not found' }),
    };
    await expect(createModel().doCancel({ operation: { id: TASK_ID } })).rejects.toThrow('Task not found');
  });
});

describe('doGenerate', () => {
  it('starts and polls until SUCCEEDED; the output URL is returned for a download without the key', async () => {
    server.urls[`${BASE_URL}/v1/tasks/:id`].response = [
      { type: 'json-value', body: { id: TASK_ID, status: 'RUNNING', progress: 0.5 } },
      { type: 'json-value', body: { id: TASK_ID, status: 'SUCCEEDED', output: [OUTPUT_URL], cost: { credits: 25 } } },
    ];
    const result = await createModel().doGenerate(options({ providerOptions: { runway: { pollIntervalMs: 1 } } }));
    expect(result.videos).toStrictEqual([{ type: 'url', url: OUTPUT_URL, mediaType: 'video/mp4' }]);
    expect(result.usage).toStrictEqual({
      billedUnits: { quantity: 25, unit: 'credits' },
      raw: { cost: { credits: 25 } },
    });
    expect(server.calls.filter((call) => call.requestUrl.endsWith(`/v1/tasks/${TASK_ID}`))).toHaveLength(2);
  });
});
