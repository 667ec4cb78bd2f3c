import {
  APICallError,
  InvalidArgumentError,
  VideoJobAbortedError,
  VideoJobFailedError,
  VideoJobTimeoutError,
  type VideoModelV3CallOptions,
  type VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { pollVideoJob } from '@videogen/provider-utils';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import completed from './__fixtures__/openai-video-completed.json';
import invalidSeconds from './__fixtures__/openai-error-invalid-seconds.json';
import failedModeration from './__fixtures__/openai-video-failed-moderation.json';
import inProgress from './__fixtures__/openai-video-in-progress.json';
import queued from './__fixtures__/openai-video-queued.json';
import remixQueued from './__fixtures__/openai-video-remix-queued.json';
import { createOpenAI } from './openai-provider';
import { getOpenAIVideoUsage } from './openai-operation';
import { OpenAIVideoModel } from './openai-video-model';
import {
  getOpenAIVideoModelCapabilities,
  OPENAI_VIDEO_MODEL_IDS,
  openaiVideoModelCapabilities,
} from './openai-video-model-options';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));
// A developer's OPENAI_BASE_URL must not redirect these tests.
vi.stubEnv('OPENAI_BASE_URL', '');

const BASE_URL = 'https://api.openai.com/v1';
const VIDEO_ID = queued.id;
const CONTENT_URL = `${BASE_URL}/videos/${VIDEO_ID}/content`;
const MP4_BYTES = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 109, 112, 52, 50]);
const PNG_BYTES = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]);
const GIF_BYTES = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');

const server = createTestServer({
  [`${BASE_URL}/videos`]: { response: { type: 'json-value', body: queued, headers: { 'x-request-id': 'req_create' } } },
  [`${BASE_URL}/videos/:id`]: { response: { type: 'json-value', body: completed } },
  [`${BASE_URL}/videos/:id/remix`]: { response: { type: 'json-value', body: remixQueued } },
  [`${BASE_URL}/videos/:id/content`]: { response: { type: 'binary', body: MP4_BYTES } },
  'https://cdn.example.com/:file': { response: { type: 'binary', body: MP4_BYTES } },
  'https://127.0.0.1/:file': { response: { type: 'binary', body: MP4_BYTES } },
});

const defaultOptions = createCallOptions({ prompt: 'A calico cat playing a piano on stage' });

const fixedDate = new Date('2026-01-02T03:04:05Z');

function createBasicModel(modelId = 'sora-2') {
  return new OpenAIVideoModel(modelId, {
    provider: 'openai.video',
    baseURL: BASE_URL,
    headers: () => ({ authorization: 'Bearer sk-test-key', 'user-agent': 'videogen/openai/0.0.0-test' }),
    _internal: { currentDate: () => fixedDate },
  });
}

function createProviderModel(modelId = 'sora-2') {
  return createOpenAI({ apiKey: 'sk-test-key', organization: 'org-1', project: 'proj-1' }).video(modelId);
}

const fastPoll = { openai: { pollIntervalMs: 10 } };

describe('constructor', () => {
  it('exposes provider, model id, one video per call and the capability table', () => {
    const model = createBasicModel('sora-2');
    expect(model.provider).toBe('openai.video');
    expect(model.modelId).toBe('sora-2');
    expect(model.specificationVersion).toBe('v3');
    expect(model.maxVideosPerCall).toBe(1);
    expect(model.capabilities).toStrictEqual({
      durations: [4, 8, 12, 16, 20],
      resolutions: ['1280x720', '720x1280'],
      aspectRatios: ['16:9', '9:16'],
      imageRoles: ['first_frame'],
      referenceKinds: [],
      maxReferences: 0,
      maxVideosPerCall: 1,
      seed: false,
      audio: true,
      maxPromptLength: 32_000,
      requiresPrompt: true,
      imageMediaTypes: ['image/jpeg', 'image/png', 'image/webp'],
      sourceVideo: [
        { operation: 'remix', origins: ['job'] },
        { operation: 'edit', origins: ['job', 'data'] },
        { operation: 'extend', origins: ['job', 'data'], maxDuration: 100, durations: [4, 8, 12, 16, 20] },
      ],
    });
    expect(model.pollIntervalMs).toBe(5000);
    expect('doCancel' in model).toBe(false);
  });

  it('gives sora-2-pro and its dated ids the pro sizes, dated sora-2 ids the sora-2 sizes', () => {
    const proSizes = ['1280x720', '720x1280', '1024x1792', '1792x1024', '1920x1080', '1080x1920'];
    expect(createBasicModel('sora-2-pro').capabilities.resolutions).toStrictEqual(proSizes);
    expect(createBasicModel('sora-2-pro-2025-10-06').capabilities.resolutions).toStrictEqual(proSizes);
    expect(createBasicModel('sora-2-2025-12-08').capabilities.resolutions).toStrictEqual(['1280x720', '720x1280']);
    expect(createBasicModel('sora-2-pro').capabilities.aspectRatios).toStrictEqual(['16:9', '9:16', '7:4', '4:7']);
    // An Azure deployment name or gateway alias: the widest known set.
    expect(createBasicModel('my-sora-deployment').capabilities.resolutions).toStrictEqual(proSizes);
  });
});

describe('doStart', () => {
  it('sends a JSON create with seconds as a string and size from the aspect ratio', async () => {
    const result = await createProviderModel().doStart({ ...defaultOptions, duration: 8, aspectRatio: '16:9' });

    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE_URL}/videos`);
    expect(call.requestBodyJson).toStrictEqual({
      model: 'sora-2',
      prompt: 'A calico cat playing a piano on stage',
      seconds: '8',
      size: '1280x720',
    });
    expect(call.requestHeaders['content-type']).toBe('application/json');
    expect(call.requestHeaders.authorization).toBe('Bearer sk-test-key');
    expect(call.requestHeaders['openai-organization']).toBe('org-1');
    expect(call.requestHeaders['openai-project']).toBe('proj-1');
    expect(call.requestHeaders['user-agent']).toMatch(/^videogen\/openai\/0\.0\.0-test ai-sdk\/provider-utils\//);
    expect(call.requestHeaders['idempotency-key']).toBeUndefined();

    expect(result.operation).toStrictEqual({ videoId: VIDEO_ID });
    expect(result.warnings).toStrictEqual([]);
  });

  it('omits seconds and size when neither duration nor size is given (API defaults)', async () => {
    await createBasicModel().doStart({ ...defaultOptions });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'sora-2',
      prompt: 'A calico cat playing a piano on stage',
    });
  });

  it.each([4, 8, 12, 16, 20])('accepts %i seconds and sends it as a string', async (duration) => {
    await createBasicModel().doStart({ ...defaultOptions, duration });
    expect(server.calls[0].requestBodyJson.seconds).toBe(String(duration));
  });

  it.each([
    ['sora-2', { aspectRatio: '9:16' }, '720x1280'],
    ['sora-2', { resolution: '720x1280' }, '720x1280'],
    ['sora-2-pro', { aspectRatio: '16:9' }, '1280x720'],
    ['sora-2-pro', { aspectRatio: '7:4' }, '1792x1024'],
    ['sora-2-pro', { aspectRatio: '4:7' }, '1024x1792'],
    ['sora-2-pro', { resolution: '1920x1080' }, '1920x1080'],
    ['sora-2-pro', { resolution: '1080x1920', aspectRatio: '9:16' }, '1080x1920'],
  ] as const)('%s with %o sends size %s', async (modelId, sizeOptions, size) => {
    await createBasicModel(modelId).doStart({ ...defaultOptions, ...sizeOptions });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: modelId,
      prompt: defaultOptions.prompt,
      size,
    });
  });

  it('sends a URL first frame as JSON input_reference.image_url', async () => {
    await createBasicModel().doStart({
      ...defaultOptions,
      resolution: '1280x720',
      image: { type: 'url', url: 'https://example.com/first-frame.png' },
    });
    expect(server.calls[0].requestHeaders['content-type']).toBe('application/json');
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'sora-2',
      prompt: defaultOptions.prompt,
      size: '1280x720',
      input_reference: { image_url: 'https://example.com/first-frame.png' },
    });
  });

  it('sends a data URL first frame (from frameImages) as JSON input_reference.image_url', async () => {
    const dataUrl = 'data:image/jpeg;base64,/9j/4AAQ';
    await createBasicModel().doStart({
      ...defaultOptions,
      frameImages: [{ frameType: 'first_frame', image: { type: 'url', url: dataUrl } }],
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'sora-2',
      prompt: defaultOptions.prompt,
      input_reference: { image_url: dataUrl },
    });
  });

  it('sends a first frame given as bytes as multipart with an input_reference file part', async () => {
    await createProviderModel('sora-2-pro').doStart({
      ...defaultOptions,
      duration: 12,
      resolution: '1792x1024',
      image: { type: 'file', mediaType: 'image/png', data: PNG_BYTES },
    });

    const call = server.calls[0];
    expect(call.requestUrl).toBe(`${BASE_URL}/videos`);
    expect(call.requestHeaders['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(call.requestHeaders.authorization).toBe('Bearer sk-test-key');
    const form = await call.requestBodyMultipart();
    expect(Object.keys(form).sort()).toStrictEqual(['input_reference', 'model', 'prompt', 'seconds', 'size']);
    expect(form.model).toBe('sora-2-pro');
    expect(form.prompt).toBe(defaultOptions.prompt);
    expect(form.seconds).toBe('12');
    expect(form.size).toBe('1792x1024');
    const file = form.input_reference as File;
    expect(file.name).toBe('input_reference.png');
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toStrictEqual(PNG_BYTES);
  });

  it('decodes a base64 first frame into the multipart file', async () => {
    await createBasicModel().doStart({
      ...defaultOptions,
      image: { type: 'file', mediaType: 'image/jpeg', data: Buffer.from(JPEG_BYTES).toString('base64') },
    });
    const form = await server.calls[0].requestBodyMultipart();
    const file = form.input_reference as File;
    expect(file.name).toBe('input_reference.jpg');
    expect(file.type).toBe('image/jpeg');
    expect(new Uint8Array(await file.arrayBuffer())).toStrictEqual(JPEG_BYTES);
  });

  it('sends the idempotency key as Idempotency-Key', async () => {
    await createBasicModel().doStart({ ...defaultOptions, idempotencyKey: 'idem-123' });
    expect(server.calls[0].requestHeaders['idempotency-key']).toBe('idem-123');
  });

  it('returns the job metadata and response information', async () => {
    const result = await createBasicModel().doStart({ ...defaultOptions });
    expect(result.providerMetadata).toStrictEqual({
      openai: {
        id: VIDEO_ID,
        status: 'queued',
        progress: 0,
        model: 'sora-2',
        size: '1280x720',
        seconds: '8',
        createdAt: 1758941485,
        completedAt: null,
        expiresAt: null,
        remixedFromVideoId: null,
      },
    });
    expect(result.response).toMatchObject({ timestamp: fixedDate, modelId: 'sora-2' });
    expect(result.response.headers?.['x-request-id']).toBe('req_create');
  });

  it('remixes with providerOptions.openai.remixVideoId', async () => {
    const result = await createBasicModel().doStart({
      ...defaultOptions,
      prompt: 'Shift the color palette to teal, sand, and rust, with a warm backlight.',
      duration: 8,
      providerOptions: { openai: { remixVideoId: VIDEO_ID } },
    });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE_URL}/videos/${VIDEO_ID}/remix`);
    expect(call.requestBodyJson).toStrictEqual({
      prompt: 'Shift the color palette to teal, sand, and rust, with a warm backlight.',
    });
    expect(result.operation).toStrictEqual({ videoId: 'video_remix456' });
    expect(result.providerMetadata?.openai.remixedFromVideoId).toBe(VIDEO_ID);
    expect(result.warnings).toStrictEqual([
      {
        type: 'unsupported',
        feature: 'duration',
        details: 'A remix keeps the size and duration of the source video and takes only a prompt.',
      },
    ]);
  });
});

describe('capability errors (before any request)', () => {
  it.each([
    [
      { duration: 10 },
      'duration',
      'does not accept a duration of 10 s. Allowed: 4, 8, 12, 16, 20. Nearest allowed: 12 s.',
    ],
    [{ duration: 5.5 }, 'duration', 'duration of 5.5 s'],
    [{ resolution: '1920x1080' }, 'resolution', 'does not accept resolution "1920x1080". Allowed: 1280x720, 720x1280.'],
    [{ resolution: '1792x1024' }, 'resolution', '"1792x1024"'],
    [{ aspectRatio: '1:1' }, 'aspectRatio', 'does not accept aspectRatio "1:1". Allowed: 16:9, 9:16.'],
    [{ aspectRatio: '7:4' }, 'aspectRatio', '"7:4"'],
    // Policy (video-parameters): only a listed ratio; 32:18 is no longer reduced to 16:9.
    [{ aspectRatio: '32:18' }, 'aspectRatio', '"32:18"'],
    [{ resolution: '1280x720', aspectRatio: '9:16' }, 'aspectRatio', 'does not match resolution 1280x720'],
    [{ prompt: undefined }, 'prompt', 'needs a text prompt'],
    [{ prompt: '   ' }, 'prompt', 'needs a text prompt'],
    [{ prompt: 'x'.repeat(32_001) }, 'prompt', 'at most 32000 characters'],
    [
      { image: { type: 'file', mediaType: 'image/gif', data: GIF_BYTES } },
      'image',
      'image is image/gif; the model takes images as image/jpeg, image/png, image/webp',
    ],
    [
      { image: { type: 'file', mediaType: 'image/gif', data: PNG_BYTES } },
      'image',
      'labelled image/gif, but its bytes are image/png',
    ],
    [{ image: { type: 'url', url: 'https://example.com/clip.mp4' } }, 'image', 'got video/mp4'],
    // Policy (video-parameters): these were warnings; the model's capabilities refuse them, as core does.
    [{ n: 2 }, 'n', 'makes at most 1 video(s) per request; got n = 2'],
    [
      { frameImages: [{ frameType: 'last_frame', image: { type: 'url', url: 'https://example.com/b.png' } }] },
      'frameImages',
      'does not take a last-frame image',
    ],
    [
      { inputReferences: [{ type: 'url', url: 'https://example.com/ref.png' }] },
      'inputReferences',
      'does not take reference images',
    ],
  ] as const)('%o → InvalidArgumentError(%s)', async (override, argument, message) => {
    const promise = createBasicModel('sora-2').doStart({ ...defaultOptions, ...override } as VideoModelV3CallOptions);
    await expect(promise).rejects.toSatisfy(
      (error: unknown) => InvalidArgumentError.isInstance(error) && error.argument === argument,
    );
    await expect(promise).rejects.toThrow(message);
    expect(server.calls).toHaveLength(0);
  });

  it.each([
    [{ remixVideoId: '' }],
    [{ remixVideoId: 42 }],
    [{ pollIntervalMs: 0 }],
    [{ pollIntervalMs: -10 }],
    [{ pollIntervalMs: '10' }],
    [{ pollIntervalMs: Number.POSITIVE_INFINITY }],
    [{ pollTimeoutMs: 0 }],
    [{ pollTimeoutMs: null }],
  ])('rejects the provider options %o before any request', async (openai) => {
    const promise = createBasicModel().doStart({
      ...defaultOptions,
      providerOptions: { openai },
    } as VideoModelV3CallOptions);
    await expect(promise).rejects.toSatisfy(
      (error: unknown) => InvalidArgumentError.isInstance(error) && error.argument === 'providerOptions',
    );
    await expect(promise).rejects.toThrow(/openai/);
    expect(server.calls).toHaveLength(0);
  });

  it('names the problem and the allowed keys in the message', async () => {
    await expect(
      createBasicModel().doStart({ ...defaultOptions, providerOptions: { openai: { size: '1280x720' } } }),
    ).rejects.toThrow(
      'invalid openai provider options: providerOptions.openai: unknown key "size" (allowed: remixVideoId, pollIntervalMs, pollTimeoutMs)',
    );
    await expect(
      createBasicModel().doStart({ ...defaultOptions, providerOptions: { openai: { pollIntervalMs: 0 } } }),
    ).rejects.toThrow('invalid openai provider options: providerOptions.openai.pollIntervalMs: expected number > 0');
  });

  it('accepts every documented provider option', async () => {
    await createBasicModel().doStart({
      ...defaultOptions,
      providerOptions: { openai: { remixVideoId: 'video_src', pollIntervalMs: 0.5, pollTimeoutMs: 60_000 } },
    });
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/video_src/remix`);
  });

  it('rejects unknown provider options (strict schema)', async () => {
    await expect(
      createBasicModel().doStart({ ...defaultOptions, providerOptions: { openai: { size: '1280x720' } } }),
    ).rejects.toThrow(/openai/);
    expect(server.calls).toHaveLength(0);
  });
});

describe('warnings', () => {
  it('reports every option the API cannot honour', async () => {
    const result = await createBasicModel().doStart({
      ...defaultOptions,
      fps: 24,
      seed: 0,
      generateAudio: false,
      aspectRatio: 'adaptive',
      frameImages: [{ frameType: 'first_frame', image: { type: 'url', url: 'https://example.com/a.png' } }],
      webhookUrl: 'https://app.example.com/hook',
    });
    // n > 1, a last frame and references are errors now (see capability errors).
    expect(
      result.warnings.map((warning) => (warning.type === 'other' ? warning.message : warning.feature)),
    ).toStrictEqual(['seed', 'fps', 'generateAudio', 'webhookUrl', 'aspectRatio']);
    expect(result.warnings.every((warning) => warning.type === 'unsupported')).toBe(true);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'sora-2',
      prompt: defaultOptions.prompt,
      input_reference: { image_url: 'https://example.com/a.png' },
    });
  });

  it('does not warn for generateAudio: true (Sora 2 always has audio)', async () => {
    const result = await createBasicModel().doStart({ ...defaultOptions, generateAudio: true });
    expect(result.warnings).toStrictEqual([]);
  });
});

describe('doStatus', () => {
  it('maps queued and in_progress to pending with the reported progress', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = [
      { type: 'json-value', body: queued },
      { type: 'json-value', body: inProgress },
    ];
    const model = createBasicModel();
    expect(await model.doStatus({ operation: { videoId: VIDEO_ID } })).toStrictEqual({
      status: 'pending',
      providerStatus: 'queued',
      progress: 0,
    });
    expect(await model.doStatus({ operation: { videoId: VIDEO_ID } })).toStrictEqual({
      status: 'pending',
      providerStatus: 'in_progress',
      progress: 33,
    });
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/${VIDEO_ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer sk-test-key');
  });

  it('maps completed to a credentialed content URL with thumbnail and spritesheet URLs in the metadata', async () => {
    const status = await createBasicModel().doStatus({ operation: { videoId: VIDEO_ID } });
    expect(status).toStrictEqual({
      status: 'completed',
      videos: [{ type: 'url', url: CONTENT_URL, mediaType: 'video/mp4' }],
      warnings: [],
      providerMetadata: {
        openai: {
          id: VIDEO_ID,
          status: 'completed',
          progress: 100,
          model: 'sora-2',
          size: '1280x720',
          seconds: '8',
          createdAt: 1758941485,
          completedAt: 1758941602,
          expiresAt: 1759027885,
          remixedFromVideoId: null,
          thumbnailUrl: `${CONTENT_URL}?variant=thumbnail`,
          spritesheetUrl: `${CONTENT_URL}?variant=spritesheet`,
        },
      },
      // The Video object's `seconds` ("8") is the usage the API reports.
      usage: { videoSeconds: 8 },
      response: { timestamp: fixedDate, modelId: 'sora-2', headers: expect.any(Object) },
    });
  });

  it('maps a moderation failure to failed + contentFiltered', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = { type: 'json-value', body: failedModeration };
    const status = await createBasicModel().doStatus({ operation: { videoId: 'video_abc123' } });
    expect(status).toMatchObject({
      status: 'failed',
      error: {
        code: 'moderation_blocked',
        message: 'Your request was blocked by our moderation system.',
        contentFiltered: true,
      },
    });
  });

  it('maps another failure to failed without contentFiltered', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = {
      type: 'json-value',
      body: { ...failedModeration, error: { code: 'internal_error', message: 'Video generation failed.' } },
    };
    const status = await createBasicModel().doStatus({ operation: { videoId: 'video_abc123' } });
    expect(status.status === 'failed' && status.error).toStrictEqual({
      code: 'internal_error',
      message: 'Video generation failed.',
      contentFiltered: false,
    });
  });

  it('takes null for the optional fields and ignores unknown ones (lenient schema)', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = {
      type: 'json-value',
      body: { id: VIDEO_ID, status: 'in_progress', progress: null, model: null, error: null, future_field: { a: 1 } },
    };
    const result = await createBasicModel().doStatus({ operation: { videoId: VIDEO_ID } });
    expect(result).toStrictEqual({ status: 'pending', providerStatus: 'in_progress' });
  });

  it('rejects a status response without a status', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = { type: 'json-value', body: { id: VIDEO_ID } };
    await expect(createBasicModel().doStatus({ operation: { videoId: VIDEO_ID } })).rejects.toSatisfy(
      (error: unknown) => APICallError.isInstance(error) && /Invalid JSON response/.test(error.message),
    );
  });

  it('rejects an operation that is not an OpenAI one', async () => {
    await expect(createBasicModel().doStatus({ operation: { id: 'x' } })).rejects.toSatisfy(
      (error: unknown) => InvalidArgumentError.isInstance(error) && error.argument === 'operation',
    );
    expect(server.calls).toHaveLength(0);
  });

  it('resumes from a stored JSON operation with a new provider instance', async () => {
    const started = await createOpenAI({ apiKey: 'sk-first-key' })
      .video('sora-2')
      .doStart({ ...defaultOptions });
    const stored = JSON.stringify(started.operation);
    expect(stored).not.toContain('sk-first-key');
    expect(stored).not.toContain('http');

    const resumed = createOpenAI({ apiKey: 'sk-second-key' }).video('sora-2');
    const status = await resumed.doStatus({ operation: JSON.parse(stored) });
    expect(status.status).toBe('completed');
    expect(server.calls[1].requestUrl).toBe(`${BASE_URL}/videos/${VIDEO_ID}`);
    expect(server.calls[1].requestHeaders.authorization).toBe('Bearer sk-second-key');
  });
});

describe('polling', () => {
  it('reports the progress sequence until completion', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = [
      { type: 'json-value', body: queued },
      { type: 'json-value', body: inProgress },
      { type: 'json-value', body: { ...inProgress, progress: 80 } },
      { type: 'json-value', body: completed },
    ];
    const statuses: VideoModelV3StatusResult[] = [];
    const model = createBasicModel();
    const done = await pollVideoJob({
      model,
      job: {
        specificationVersion: 'v3',
        provider: model.provider,
        modelId: model.modelId,
        operation: { videoId: VIDEO_ID },
      },
      poll: { intervalMs: 10 },
      onStatus: (status) => statuses.push(status),
    });
    expect(statuses.map((status) => (status.status === 'pending' ? status.progress : status.status))).toStrictEqual([
      0,
      33,
      80,
      'completed',
    ]);
    expect(done.videos).toStrictEqual([{ type: 'url', url: CONTENT_URL, mediaType: 'video/mp4' }]);
  });
});

describe('doGenerate', () => {
  it('submits, polls and downloads the content with credentials', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = [
      { type: 'json-value', body: inProgress },
      { type: 'json-value', body: completed },
    ];
    const result = await createProviderModel().doGenerate({
      ...defaultOptions,
      duration: 4,
      providerOptions: fastPoll,
    });

    expect(result.videos).toStrictEqual([{ type: 'binary', data: MP4_BYTES, mediaType: 'video/mp4' }]);
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `POST ${BASE_URL}/videos`,
      `GET ${BASE_URL}/videos/${VIDEO_ID}`,
      `GET ${BASE_URL}/videos/${VIDEO_ID}`,
      `GET ${CONTENT_URL}`,
    ]);
    const download = server.calls[3];
    expect(download.requestHeaders.authorization).toBe('Bearer sk-test-key');
    expect(download.requestHeaders['openai-organization']).toBe('org-1');
    expect(download.requestHeaders.accept).toBe('application/binary');
    expect(result.providerMetadata?.openai).toMatchObject({ id: VIDEO_ID, status: 'completed', progress: 100 });
    expect(result.warnings).toStrictEqual([]);
  });

  it('follows a redirect to another origin without the credentials', async () => {
    server.urls[`${BASE_URL}/videos/:id/content`].response = {
      type: 'redirect',
      location: 'https://cdn.example.com/video.mp4?sig=abc',
    };
    const result = await createProviderModel().doGenerate({ ...defaultOptions, providerOptions: fastPoll });

    expect(result.videos).toStrictEqual([{ type: 'binary', data: MP4_BYTES, mediaType: 'video/mp4' }]);
    const [apiHop, cdnHop] = server.calls.slice(-2);
    expect(apiHop.requestUrl).toBe(CONTENT_URL);
    expect(apiHop.requestHeaders.authorization).toBe('Bearer sk-test-key');
    expect(cdnHop.requestUrl).toBe('https://cdn.example.com/video.mp4?sig=abc');
    expect(cdnHop.requestHeaders.authorization).toBeUndefined();
    expect(cdnHop.requestHeaders['openai-organization']).toBeUndefined();
    expect(cdnHop.requestHeaders['openai-project']).toBeUndefined();
    expect(cdnHop.requestHeaders.accept).toBe('application/binary');
    expect(JSON.stringify(cdnHop.requestHeaders)).not.toContain('sk-test-key');
  });

  it('retries a 429 status poll after retry-after-ms', async () => {
    const times: number[] = [];
    server.urls[`${BASE_URL}/videos/:id`].response = ({ callNumber }) => {
      times.push(Date.now());
      return callNumber === 0
        ? {
            type: 'error',
            status: 429,
            body: {
              error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' },
            },
            headers: { 'retry-after-ms': '150', 'x-request-id': 'req_429' },
          }
        : { type: 'json-value', body: completed };
    };
    const result = await createBasicModel().doGenerate({ ...defaultOptions, providerOptions: fastPoll });

    expect(result.videos).toHaveLength(1);
    expect(times).toHaveLength(2);
    const waited = times[1] - times[0];
    // The hint (150 ms), not the default backoff (1000 ms ± 20%).
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThan(700);
  });

  it('throws VideoJobFailedError with contentFiltered for a moderated job', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = { type: 'json-value', body: failedModeration };
    const promise = createBasicModel().doGenerate({ ...defaultOptions, providerOptions: fastPoll });
    await expect(promise).rejects.toSatisfy(
      (error: unknown) =>
        VideoJobFailedError.isInstance(error) &&
        error.contentFiltered &&
        error.code === 'moderation_blocked' &&
        error.providerMessage === 'Your request was blocked by our moderation system.',
    );
    // No download was attempted.
    expect(server.calls.some((call) => call.requestUrl.includes('/content'))).toBe(false);
  });

  it('throws VideoJobFailedError without contentFiltered for another failure', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = {
      type: 'json-value',
      body: { ...failedModeration, error: { code: 'internal_error', message: 'Video generation failed.' } },
    };
    await expect(createBasicModel().doGenerate({ ...defaultOptions, providerOptions: fastPoll })).rejects.toSatisfy(
      (error: unknown) =>
        VideoJobFailedError.isInstance(error) && !error.contentFiltered && error.code === 'internal_error',
    );
  });
});

describe('abort', () => {
  it('ends doGenerate promptly with VideoJobAbortedError; there is no cancel endpoint', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = { type: 'hang' };
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const error = await createBasicModel()
      .doGenerate({ ...defaultOptions, providerOptions: fastPoll, abortSignal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(VideoJobAbortedError.isInstance(error)).toBe(true);
    const aborted = error as VideoJobAbortedError;
    expect(aborted.job?.operation).toStrictEqual({ videoId: VIDEO_ID });
    expect(await aborted.cancellation).toBe('unsupported');
    expect(server.calls.every((call) => call.requestMethod !== 'DELETE')).toBe(true);
  });
});

describe('doDownload', () => {
  it('downloads the thumbnail URL from the metadata with credentials', async () => {
    const webp = new Uint8Array([82, 73, 70, 70]);
    server.urls[`${BASE_URL}/videos/:id/content`].response = {
      type: 'binary',
      body: webp,
      headers: { 'content-type': 'image/webp' },
    };
    const model = createBasicModel();
    const status = await model.doStatus({ operation: { videoId: VIDEO_ID } });
    const thumbnailUrl = status.status === 'completed' ? (status.providerMetadata?.openai.thumbnailUrl as string) : '';
    const response = await model.doDownload({ video: { type: 'url', url: thumbnailUrl, mediaType: 'image/webp' } });
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(webp);
    const call = server.calls[1];
    expect(call.requestUrl).toBe(`${CONTENT_URL}?variant=thumbnail`);
    expect(call.requestQuery).toStrictEqual({ variant: 'thumbnail' });
    expect(call.requestHeaders.authorization).toBe('Bearer sk-test-key');
    expect(call.requestHeaders.accept).toBe('application/binary');
  });

  it('throws an APICallError without the key for a failed download', async () => {
    server.urls[`${BASE_URL}/videos/:id/content`].response = {
      type: 'error',
      status: 404,
      body: { error: { message: 'Video not found', type: 'invalid_request_error', param: null, code: null } },
    };
    const promise = createBasicModel().doDownload({ video: { type: 'url', url: CONTENT_URL, mediaType: 'video/mp4' } });
    await expect(promise).rejects.toSatisfy(
      (error: unknown) =>
        APICallError.isInstance(error) && error.statusCode === 404 && !JSON.stringify(error).includes('sk-test-key'),
    );
  });
});

describe('errors', () => {
  it('turns the error envelope into an APICallError with OpenAI message, data and request id', async () => {
    server.urls[`${BASE_URL}/videos`].response = {
      type: 'error',
      status: 400,
      body: invalidSeconds,
      headers: { 'x-request-id': 'req_abc123' },
    };
    const promise = createBasicModel().doStart({ ...defaultOptions, duration: 12 });
    await expect(promise).rejects.toMatchObject({
      statusCode: 400,
      isRetryable: false,
      message: "Invalid value: '10'. Supported values are: '4', '8', and '12'. (request id: req_abc123)",
      data: {
        message: "Invalid value: '10'. Supported values are: '4', '8', and '12'.",
        type: 'invalid_request_error',
        code: 'invalid_value',
        param: 'seconds',
        requestId: 'req_abc123',
      },
    });
    await expect(promise).rejects.toSatisfy(
      (error: unknown) => APICallError.isInstance(error) && !error.message.includes('sk-test-key'),
    );
  });

  it('does not retry a submission by itself', async () => {
    server.urls[`${BASE_URL}/videos`].response = {
      type: 'error',
      status: 500,
      body: { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } },
    };
    await expect(createBasicModel().doStart({ ...defaultOptions })).rejects.toMatchObject({
      statusCode: 500,
      isRetryable: true,
    });
    expect(server.calls).toHaveLength(1);
  });

  it('keeps polling through 5xx until the wait times out, with the job and the last failure', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = {
      type: 'error',
      status: 503,
      body: { error: { message: 'Service unavailable', type: 'server_error', param: null, code: null } },
      headers: { 'retry-after-ms': '5' },
    };
    await expect(
      createBasicModel().doGenerate({
        ...defaultOptions,
        providerOptions: { openai: { pollIntervalMs: 10, pollTimeoutMs: 300 } },
      }),
    ).rejects.toSatisfy(
      (error) =>
        VideoJobTimeoutError.isInstance(error) &&
        error.job !== undefined &&
        /Service unavailable/.test(String((error.cause as Error).message)),
    );
    // More than the two retries a single request gets.
    expect(server.calls.filter((call) => call.requestMethod === 'GET').length).toBeGreaterThan(3);
  });
});

describe('known model ids', () => {
  it('OPENAI_VIDEO_MODEL_IDS lists the ids of the capability table', () => {
    expect(OPENAI_VIDEO_MODEL_IDS).toStrictEqual([
      'sora-2',
      'sora-2-pro',
      'sora-2-2025-10-06',
      'sora-2-2025-12-08',
      'sora-2-pro-2025-10-06',
    ]);
    expect(Object.keys(openaiVideoModelCapabilities).sort()).toStrictEqual([...OPENAI_VIDEO_MODEL_IDS].sort());
  });

  it('an id named like an Object.prototype member is an unknown id (widest set), not a table entry', () => {
    for (const modelId of ['constructor', 'toString', '__proto__']) {
      expect(getOpenAIVideoModelCapabilities(modelId)).toStrictEqual(getOpenAIVideoModelCapabilities('sora-2-pro'));
    }
  });
});

describe('usage', () => {
  it("doStatus and doGenerate report the Video object's seconds as usage.videoSeconds", async () => {
    const status = await createBasicModel().doStatus({ operation: { videoId: VIDEO_ID } });
    expect(status.status === 'completed' && status.usage).toStrictEqual({ videoSeconds: 8 });

    const result = await createBasicModel().doGenerate({ ...defaultOptions, providerOptions: fastPoll });
    expect(result.usage).toStrictEqual({ videoSeconds: 8 });
  });

  it('a completed video without seconds has no usage (never estimated)', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = { type: 'json-value', body: { ...completed, seconds: null } };
    const status = await createBasicModel().doStatus({ operation: { videoId: VIDEO_ID } });
    expect(status.status).toBe('completed');
    expect('usage' in status).toBe(false);
  });

  it.each([
    ['8', { videoSeconds: 8 }],
    ['20', { videoSeconds: 20 }],
    [12, { videoSeconds: 12 }],
    [null, undefined],
    [undefined, undefined],
    ['', undefined],
    ['abc', undefined],
    ['0', undefined],
  ] as const)('seconds %o → %o', (seconds, usage) => {
    expect(getOpenAIVideoUsage({ seconds })).toStrictEqual(usage);
  });
});

describe('poll interval', () => {
  it('passes the openai-poll-after-ms header of a pending status on as pollAfterMs', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = {
      type: 'json-value',
      body: inProgress,
      headers: { 'openai-poll-after-ms': '1500' },
    };
    const status = await createBasicModel().doStatus({ operation: { videoId: VIDEO_ID } });
    expect(status).toStrictEqual({ status: 'pending', providerStatus: 'in_progress', progress: 33, pollAfterMs: 1500 });
  });

  it("doGenerate asks every 2 s for the first 30 s, then at the model's 5000 ms, when no interval is given", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      server.urls[`${BASE_URL}/videos/:id`].response = [
        ...Array.from({ length: 16 }, () => ({ type: 'json-value' as const, body: inProgress })),
        { type: 'json-value', body: completed },
      ];
      const generating = createBasicModel().doGenerate({ ...defaultOptions });
      const statusRequests = () => server.calls.filter((call) => call.requestUrl === `${BASE_URL}/videos/${VIDEO_ID}`);
      // A new job is first asked about after one (fast-start) interval of 2 s …
      await vi.advanceTimersByTimeAsync(1999);
      expect(statusRequests()).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(statusRequests()).toHaveLength(1);
      // … every 2 s until the wait is 30 s old (15 requests) …
      await vi.advanceTimersByTimeAsync(28_000);
      expect(statusRequests()).toHaveLength(15);
      // … then every 5000 ms, the model's interval.
      await vi.advanceTimersByTimeAsync(4999);
      expect(statusRequests()).toHaveLength(15);
      await vi.advanceTimersByTimeAsync(1);
      expect(statusRequests()).toHaveLength(16);
      await vi.advanceTimersByTimeAsync(5000);
      await generating;
      expect(statusRequests()).toHaveLength(17);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('private network', () => {
  const redirectToLoopback = () => {
    server.urls[`${BASE_URL}/videos/:id/content`].response = {
      type: 'redirect',
      location: 'https://127.0.0.1/video.mp4',
    };
  };

  it('doDownload refuses a redirect to a private address by default', async () => {
    redirectToLoopback();
    await expect(
      createBasicModel().doDownload({ video: { type: 'url', url: CONTENT_URL, mediaType: 'video/mp4' } }),
    ).rejects.toThrow(/127\.0\.0\.1/);
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([CONTENT_URL]);
  });

  it('doDownload forwards allowPrivateNetwork, and the key stays on the API origin', async () => {
    redirectToLoopback();
    const response = await createBasicModel().doDownload({
      video: { type: 'url', url: CONTENT_URL, mediaType: 'video/mp4' },
      allowPrivateNetwork: true,
    });
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(MP4_BYTES);
    const [apiHop, loopbackHop] = server.calls;
    expect(apiHop.requestHeaders.authorization).toBe('Bearer sk-test-key');
    expect(loopbackHop.requestUrl).toBe('https://127.0.0.1/video.mp4');
    expect(loopbackHop.requestHeaders.authorization).toBeUndefined();
  });
});
