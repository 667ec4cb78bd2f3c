import { APICallError, InvalidArgumentError, type VideoModelV3StatusResult } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import { createXai } from './xai-provider';
import { XaiVideoModel } from './xai-video-model';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const BASE_URL = 'https://api.x.ai/v1';
const REQUEST_ID = '7c1e9a2b-3f40-4d1e-9b55-2a6f0c8e1d34';
const VIDEO_URL = 'https://vidgen.x.ai/xai-vidgen-bucket/xai-video-5b2d0c4e.mp4';
const MP4_BYTES = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 109, 112, 52, 50]);
const PNG_BYTES = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
const PROMPT = 'A paper lantern drifts over a night market';

const done = {
  status: 'done',
  model: 'grok-imagine-video',
  progress: 100,
  video: { url: VIDEO_URL, duration: 6, respect_moderation: true },
  usage: { cost_in_usd_ticks: 3_000_000_000 },
};

const server = createTestServer({
  [`${BASE_URL}/videos/generations`]: { response: { type: 'json-value', body: { request_id: REQUEST_ID } } },
  [`${BASE_URL}/videos/edits`]: { response: { type: 'json-value', body: { request_id: REQUEST_ID } } },
  [`${BASE_URL}/videos/extensions`]: { response: { type: 'json-value', body: { request_id: REQUEST_ID } } },
  [`${BASE_URL}/videos/:id`]: { response: { type: 'json-value', body: done } },
  'https://proxy.example.com/v1/videos/:id': { response: { type: 'json-value', body: done } },
  'https://elsewhere.example.com/status/:id': { response: { type: 'json-value', body: done } },
  'https://vidgen.x.ai/xai-vidgen-bucket/:file': { response: { type: 'binary', body: MP4_BYTES } },
});

const defaultOptions = createCallOptions({ prompt: PROMPT });
const fixedDate = new Date('2026-01-02T03:04:05Z');

function createModel(modelId = 'grok-imagine-video', baseURL = BASE_URL) {
  return new XaiVideoModel(modelId, {
    provider: 'xai.video',
    baseURL,
    headers: async () => ({ authorization: 'Bearer xai-test-key' }),
    _internal: { currentDate: () => fixedDate },
  });
}

const startOf = (modelId?: string) => (options: Partial<typeof defaultOptions> & Record<string, unknown>) =>
  createModel(modelId).doStart({ ...defaultOptions, ...options });

describe('capabilities', () => {
  it('describes grok-imagine-video: 1..15 s, 480p/720p in seven ratios, first frame and up to 7 references', () => {
    const model = createModel();
    expect(model.provider).toBe('xai.video');
    expect(model.maxVideosPerCall).toBe(1);
    expect(model.pollIntervalMs).toBe(5000);
    expect('doCancel' in model).toBe(false);
    expect(model.capabilities).toStrictEqual({
      durations: { min: 1, max: 15 },
      resolutions: [
        '480x480',
        '854x480',
        '480x854',
        '640x480',
        '480x640',
        '720x480',
        '480x720',
        '720x720',
        '1280x720',
        '720x1280',
        '960x720',
        '720x960',
        '1080x720',
        '720x1080',
      ],
      aspectRatios: ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'],
      imageRoles: ['first_frame', 'reference'],
      referenceKinds: ['image'],
      maxReferences: 7,
      maxVideosPerCall: 1,
      seed: false,
      audio: true,
      requiresPrompt: true,
      // Pinned in xai-source-video.test.ts.
      sourceVideo: expect.any(Array),
    });
  });

  it('gives grok-imagine-video-1.5 1080p and a last frame', () => {
    const capabilities = createModel('grok-imagine-video-1.5').capabilities;
    expect(capabilities.resolutions).toContain('1920x1080');
    expect(capabilities.imageRoles).toStrictEqual(['first_frame', 'last_frame', 'reference']);
    expect(createModel().capabilities.resolutions).not.toContain('1920x1080');
  });
});

describe('doStart: generations', () => {
  it('sends text-to-video to /videos/generations with the key, user agent and exact body', async () => {
    const model = createXai({ apiKey: 'xai-test-key', headers: { 'x-extra': '1' } }).video('grok-imagine-video');
    const result = await model.doStart({ ...defaultOptions, duration: 6, aspectRatio: '16:9' });

    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE_URL}/videos/generations`);
    expect(call.requestHeaders.authorization).toBe('Bearer xai-test-key');
    expect(call.requestHeaders['content-type']).toBe('application/json');
    expect(call.requestHeaders['x-extra']).toBe('1');
    expect(call.requestHeaders['user-agent']).toMatch(/videogen\/xai\/0\.0\.0-test/);
    expect(call.requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video',
      prompt: PROMPT,
      duration: 6,
      aspect_ratio: '16:9',
    });
    expect(result.operation).toStrictEqual({ requestId: REQUEST_ID });
    expect(result.warnings).toStrictEqual([]);
    expect(result.providerMetadata).toStrictEqual({ xai: { requestId: REQUEST_ID, mode: 'generation' } });
  });

  it('sends a resolution as its label with the matching aspect ratio', async () => {
    await startOf()({ resolution: '720x1280' });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video',
      prompt: PROMPT,
      aspect_ratio: '9:16',
      resolution: '720p',
    });
  });

  it('sends 1080p on grok-imagine-video-1.5 and refuses it on grok-imagine-video before any request', async () => {
    await startOf('grok-imagine-video-1.5')({ resolution: '1920x1080' });
    expect(server.calls[0].requestBodyJson.resolution).toBe('1080p');
    await expect(startOf()({ resolution: '1920x1080' })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.calls).toHaveLength(1);
  });

  it('sends a first frame URL as image.url, and bytes as a data URL', async () => {
    await startOf()({ image: { type: 'url', url: 'https://cdn.example.com/lantern.png' } });
    expect(server.calls[0].requestBodyJson.image).toStrictEqual({ url: 'https://cdn.example.com/lantern.png' });

    await startOf()({
      frameImages: [{ frameType: 'first_frame', image: { type: 'file', data: PNG_BYTES, mediaType: 'image/png' } }],
    });
    expect(server.calls[1].requestBodyJson.image).toStrictEqual({
      url: `data:image/png;base64,${Buffer.from(PNG_BYTES).toString('base64')}`,
    });
  });

  it('sends a last frame as last_frame on grok-imagine-video-1.5 and refuses it on grok-imagine-video', async () => {
    await startOf('grok-imagine-video-1.5')({
      frameImages: [
        { frameType: 'first_frame', image: { type: 'url', url: 'https://cdn.example.com/a.png' } },
        { frameType: 'last_frame', image: { type: 'url', url: 'https://cdn.example.com/b.png' } },
      ],
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video-1.5',
      prompt: PROMPT,
      image: { url: 'https://cdn.example.com/a.png' },
      last_frame: { url: 'https://cdn.example.com/b.png' },
    });
    await expect(
      startOf()({
        frameImages: [{ frameType: 'last_frame', image: { type: 'url', url: 'https://cdn.example.com/b.png' } }],
      }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.calls).toHaveLength(1);
  });

  it('sends reference images (inputReferences and providerOptions.xai.referenceImageUrls) as reference_images', async () => {
    await startOf()({
      inputReferences: [
        { type: 'url', url: 'https://cdn.example.com/cat.png' },
        { type: 'file', data: PNG_BYTES, mediaType: 'image/png' },
      ],
      providerOptions: { xai: { mode: 'reference-to-video', referenceImageUrls: ['https://cdn.example.com/dog.png'] } },
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video',
      prompt: PROMPT,
      reference_images: [
        { url: 'https://cdn.example.com/cat.png' },
        { url: `data:image/png;base64,${Buffer.from(PNG_BYTES).toString('base64')}` },
        { url: 'https://cdn.example.com/dog.png' },
      ],
    });
  });

  it('refuses a start frame with reference images, more than 7 references and reference-to-video without any', async () => {
    const url = { type: 'url', url: 'https://cdn.example.com/cat.png' } as const;
    await expect(startOf()({ image: url, inputReferences: [url] })).rejects.toMatchObject({
      argument: 'inputReferences',
    });
    await expect(
      startOf()({ providerOptions: { xai: { referenceImageUrls: Array(8).fill('https://cdn.example.com/x.png') } } }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(startOf()({ providerOptions: { xai: { mode: 'reference-to-video' } } })).rejects.toMatchObject({
      argument: 'inputReferences',
    });
    await expect(startOf()({ resolution: '1920x1080', inputReferences: [url] })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(server.calls).toHaveLength(0);
  });

  it('sends generate_audio and user; warns for fps, seed, webhookUrl and an adaptive aspect ratio', async () => {
    const result = await startOf()({
      generateAudio: false,
      fps: 24,
      seed: 1,
      aspectRatio: 'adaptive',
      webhookUrl: 'https://example.com/hook',
      providerOptions: { xai: { user: 'user-1' } },
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video',
      prompt: PROMPT,
      generate_audio: false,
      user: 'user-1',
    });
    expect(result.warnings.map((warning) => (warning as { feature: string }).feature).sort()).toStrictEqual([
      'aspectRatio',
      'fps',
      'seed',
      'webhookUrl',
    ]);
  });

  it('refuses n > 1, a duration outside 1..15, a blank prompt and unknown provider options before any request', async () => {
    await expect(startOf()({ n: 2 })).rejects.toMatchObject({ argument: 'n' });
    await expect(startOf()({ duration: 16 })).rejects.toMatchObject({ argument: 'duration' });
    await expect(startOf()({ prompt: ' ' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(startOf()({ providerOptions: { xai: { nope: 1 } } })).rejects.toBeDefined();
    expect(server.calls).toHaveLength(0);
  });

  it("turns xAI's error body into an APICallError with its code and message, never the key", async () => {
    server.urls[`${BASE_URL}/videos/generations`].response = {
      type: 'error',
      status: 400,
      body: { code: 'Client specified an invalid argument', error: 'Incorrect API key provided: xa***ey.' },
    };
    const error = await startOf()({}).catch((caught) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe('Client specified an invalid argument: Incorrect API key provided: xa***ey.');
    expect(error.statusCode).toBe(400);
    expect(JSON.stringify(error)).not.toContain('xai-test-key');

    server.urls[`${BASE_URL}/videos/generations`].response = {
      type: 'error',
      status: 422,
      body: { error: { message: 'prompt: field required', type: 'invalid_request_error', code: 'missing' } },
    };
    await expect(startOf()({})).rejects.toMatchObject({ message: 'prompt: field required', statusCode: 422 });
  });
});

describe('doStart: edits and extensions', () => {
  const video = 'https://cdn.example.com/source.mp4';

  it('sends an edit to /videos/edits with the source video; warns for what an edit keeps', async () => {
    const result = await startOf()({
      duration: 6,
      resolution: '1280x720',
      providerOptions: { xai: { mode: 'edit-video', videoUrl: video, user: 'user-1' } },
    });
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/edits`);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video',
      prompt: PROMPT,
      video: { url: video },
      user: 'user-1',
    });
    expect(result.warnings.map((warning) => (warning as { feature: string }).feature).sort()).toStrictEqual([
      'duration',
      'resolution',
    ]);
    expect(result.providerMetadata).toStrictEqual({ xai: { requestId: REQUEST_ID, mode: 'edit' } });
  });

  it('treats videoUrl without a mode as an edit (as @ai-sdk/xai does)', async () => {
    await startOf()({ providerOptions: { xai: { videoUrl: video } } });
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/edits`);
  });

  it('sends an extension to /videos/extensions with the added duration, and no user', async () => {
    const result = await startOf()({
      duration: 4,
      providerOptions: { xai: { mode: 'extend-video', videoUrl: video, user: 'user-1' } },
    });
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/extensions`);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video',
      prompt: PROMPT,
      video: { url: video },
      duration: 4,
    });
    expect(result.warnings).toStrictEqual([]);
  });

  it('refuses an extension of 1 or 11+ s, a mode without videoUrl, and images with a source video', async () => {
    const extend = { xai: { mode: 'extend-video', videoUrl: video } };
    await expect(startOf()({ duration: 1, providerOptions: extend })).rejects.toMatchObject({
      argument: 'duration',
      message: expect.stringContaining('Nearest allowed: 2 s'),
    });
    await expect(startOf()({ duration: 11, providerOptions: extend })).rejects.toMatchObject({ argument: 'duration' });
    await expect(startOf()({ providerOptions: { xai: { mode: 'edit-video' } } })).rejects.toMatchObject({
      argument: 'providerOptions.xai.videoUrl',
    });
    await expect(
      startOf()({ image: { type: 'url', url: 'https://cdn.example.com/a.png' }, providerOptions: extend }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.calls).toHaveLength(0);
  });
});

describe('doStatus', () => {
  const status = (model = createModel()) => model.doStatus({ operation: { requestId: REQUEST_ID } });

  it('reads a 202 with an empty body as pending, and a 202 with progress as pending with progress', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = [
      { type: 'empty', status: 202 },
      { type: 'json-value', status: 202, body: { status: 'pending', progress: 40 } },
    ];
    expect(await status()).toStrictEqual({ status: 'pending', providerStatus: 'pending' });
    expect(await status()).toStrictEqual({ status: 'pending', providerStatus: 'pending', progress: 40 });
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/${REQUEST_ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer xai-test-key');
  });

  it('maps done to completed with the video, the cost in US dollars and the seconds xAI reports', async () => {
    expect(await status()).toStrictEqual({
      status: 'completed',
      videos: [{ type: 'url', url: VIDEO_URL, mediaType: 'video/mp4' }],
      warnings: [],
      usage: { costUsd: 0.3, videoSeconds: 6, raw: { cost_in_usd_ticks: 3_000_000_000 } },
      providerMetadata: {
        xai: {
          requestId: REQUEST_ID,
          model: 'grok-imagine-video',
          videoUrl: VIDEO_URL,
          duration: 6,
          costInUsdTicks: 3_000_000_000,
        },
      },
      response: { timestamp: fixedDate, modelId: 'grok-imagine-video', headers: expect.any(Object) },
    } satisfies VideoModelV3StatusResult);
  });

  it('reads a video URL without a status as done, and reports no usage when xAI reports none', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = { type: 'json-value', body: { video: { url: VIDEO_URL } } };
    const result = await status();
    expect(result.status).toBe('completed');
    expect('usage' in result).toBe(false);
  });

  it('maps a done job that moderation blocked to a content-filtered failure', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = {
      type: 'json-value',
      body: { status: 'done', model: 'grok-imagine-video', video: { url: '', duration: 6, respect_moderation: false } },
    };
    expect(await status()).toStrictEqual({
      status: 'failed',
      error: {
        code: 'moderation_blocked',
        message: 'xAI moderation blocked the video (video.respect_moderation: false).',
        contentFiltered: true,
      },
      providerMetadata: { xai: { requestId: REQUEST_ID, model: 'grok-imagine-video' } },
    });
  });

  it("maps failed to a failure with xAI's code and message (object or string error)", async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = [
      {
        type: 'json-value',
        body: {
          status: 'failed',
          model: '',
          error: { code: 'internal_error', message: 'Video generation failed, please retry.' },
        },
      },
      { type: 'json-value', body: { status: 'failed', error: 'Out of capacity.' } },
      { type: 'json-value', body: { status: 'failed' } },
    ];
    expect(await status()).toStrictEqual({
      status: 'failed',
      error: { code: 'internal_error', message: 'Video generation failed, please retry.' },
      providerMetadata: { xai: { requestId: REQUEST_ID } },
    });
    expect(await status()).toMatchObject({ status: 'failed', error: { message: 'Out of capacity.' } });
    expect(await status()).toMatchObject({
      status: 'failed',
      error: { message: 'The xAI video job failed without a message.' },
    });
  });

  it('maps expired and a done job without a URL to failures', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = [
      { type: 'json-value', body: { status: 'expired' } },
      { type: 'json-value', body: { status: 'done', video: { duration: 0, respect_moderation: true } } },
    ];
    expect(await status()).toMatchObject({ status: 'failed', error: { code: 'expired' } });
    expect(await status()).toMatchObject({ status: 'failed', error: { code: 'no_video' } });
  });

  it('treats queued and processing as pending', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = [
      { type: 'json-value', status: 202, body: { status: 'queued' } },
      { type: 'json-value', status: 202, body: { status: 'processing', progress: 10 } },
    ];
    expect(await status()).toStrictEqual({ status: 'pending', providerStatus: 'queued' });
    expect(await status()).toStrictEqual({ status: 'pending', providerStatus: 'processing', progress: 10 });
  });

  it('refuses an operation that is not an xAI one before any request', async () => {
    for (const operation of [{ videoId: 'x' }, { requestId: '../x' }, { requestId: '..' }, 'abc']) {
      await expect(createModel().doStatus({ operation })).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(server.calls).toHaveLength(0);
  });

  it('404 is an APICallError with the message', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = {
      type: 'error',
      status: 404,
      body: { code: 'not_found', error: 'Request not found.' },
    };
    await expect(status()).rejects.toMatchObject({ statusCode: 404, message: 'not_found: Request not found.' });
  });

  it('follows a status redirect to another origin without the key', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = {
      type: 'redirect',
      location: `https://elsewhere.example.com/status/${REQUEST_ID}`,
    };
    expect((await status()).status).toBe('completed');
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      `${BASE_URL}/videos/${REQUEST_ID}`,
      `https://elsewhere.example.com/status/${REQUEST_ID}`,
    ]);
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer xai-test-key');
    expect(server.calls[1].requestHeaders.authorization).toBeUndefined();
  });

  it('sends the key to a configured baseURL on another host', async () => {
    await createModel('grok-imagine-video', 'https://proxy.example.com/v1').doStatus({
      operation: { requestId: REQUEST_ID },
    });
    expect(server.calls[0].requestUrl).toBe(`https://proxy.example.com/v1/videos/${REQUEST_ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer xai-test-key');
  });
});

describe('doGenerate', () => {
  it('submits and polls through a 202; the public video URL is left to core to download without the key', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = [
      { type: 'empty', status: 202 },
      { type: 'json-value', body: done },
    ];
    const result = await createModel().doGenerate({
      ...defaultOptions,
      providerOptions: { xai: { pollIntervalMs: 1 } },
    });
    expect(result.videos).toStrictEqual([{ type: 'url', url: VIDEO_URL, mediaType: 'video/mp4' }]);
    expect(result.usage).toStrictEqual({ costUsd: 0.3, videoSeconds: 6, raw: { cost_in_usd_ticks: 3_000_000_000 } });
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `POST ${BASE_URL}/videos/generations`,
      `GET ${BASE_URL}/videos/${REQUEST_ID}`,
      `GET ${BASE_URL}/videos/${REQUEST_ID}`,
    ]);
  });
});
