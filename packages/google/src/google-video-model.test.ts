import {
  APICallError,
  DownloadTooLargeError,
  InvalidArgumentError,
  VideoJobAbortedError,
  VideoJobFailedError,
  type VideoModelV3CallOptions,
  type VideoModelV3StartOptions,
} from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import failedOperation from './__fixtures__/google-video-operation-failed.json';
import filteredOperation from './__fixtures__/google-video-operation-filtered.json';
import runningOperation from './__fixtures__/google-video-operation-running.json';
import succeededOperation from './__fixtures__/google-video-operation-succeeded.json';
import startResponse from './__fixtures__/google-video-start.json';
import invalidArgumentError from './__fixtures__/google-error-invalid-argument.json';
import { createGoogle } from './google-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'AIzaTEST-distinctive-key-7f3c9e';
const BASE = 'https://generativelanguage.googleapis.com/v1beta';
const MODEL = 'veo-3.1-generate-preview';
const OPERATION_NAME = 'models/veo-3.1-generate-preview/operations/b2s1c9x0abcd';
const FILE_URI = `${BASE}/files/3xk9q2m1abcd:download?alt=media`;
const STORAGE_URL = 'https://video-downloads.googleusercontent.com/veo/3xk9q2m1abcd.mp4';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PNG_BASE64 = 'iVBORw0KGgoBAgM=';
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9]);
const JPEG_BASE64 = '/9j/4AkJ';
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 7, 7]);
const MP4_BASE64 = 'AAAAGGZ0eXBpc29tBwc=';

const server = createTestServer({
  [`${BASE}/models/:modelAction`]: { response: { type: 'json-value', body: startResponse } },
  [`${BASE}/models/:model/operations/:id`]: { response: { type: 'json-value', body: runningOperation } },
  [`${BASE}/files/:file`]: { response: { type: 'redirect', location: STORAGE_URL, status: 302 } },
  [STORAGE_URL]: { response: { type: 'binary', body: MP4, headers: { 'content-type': 'video/mp4' } } },
  'https://images.example.com/:file': {
    response: { type: 'binary', body: JPEG, headers: { 'content-type': 'image/jpeg' } },
  },
  'http://127.0.0.1:8080/:file': {
    response: { type: 'binary', body: JPEG, headers: { 'content-type': 'image/jpeg' } },
  },
  'https://elsewhere.example.com/*': { response: { type: 'json-value', body: runningOperation } },
});

const defaultOptions = createCallOptions({
  prompt: 'A ghostly woman on a rope swing slowly fades away',
  providerOptions: { google: { pollIntervalMs: 10 } },
});

function createBasicModel(modelId: string = MODEL, settings: Parameters<typeof createGoogle>[0] = {}) {
  return createGoogle({ apiKey: API_KEY, ...settings }).video(modelId);
}

function predictCalls() {
  return server.calls.filter((call) => call.requestUrl.includes(':predictLongRunning'));
}

async function start(options: Partial<VideoModelV3StartOptions> = {}, modelId?: string) {
  return createBasicModel(modelId).doStart({ ...defaultOptions, ...options });
}

describe('constructor', () => {
  it('exposes provider, model id, videos per call and capabilities', () => {
    const model = createBasicModel();
    expect(model.provider).toBe('google.video');
    expect(model.modelId).toBe(MODEL);
    expect(model.specificationVersion).toBe('v3');
    expect(model.maxVideosPerCall).toBe(1);
    expect(createBasicModel('veo-2.0-generate-001').maxVideosPerCall).toBe(2);
    expect(model.capabilities).toStrictEqual({
      durations: [4, 6, 8],
      resolutions: ['1280x720', '720x1280', '1920x1080', '1080x1920', '3840x2160', '2160x3840'],
      aspectRatios: ['16:9', '9:16'],
      imageRoles: ['first_frame', 'last_frame', 'reference'],
      referenceKinds: ['image', 'video'],
      maxReferences: 3,
      maxVideosPerCall: 1,
      seed: false,
      audio: true,
      sourceVideo: [
        { operation: 'extend', origins: ['job', 'data'], maxDuration: 141, mediaTypes: ['video/mp4'], durations: [8] },
      ],
    });
    expect(createBasicModel('veo-2.0-generate-001').capabilities).toMatchObject({
      durations: [5, 6, 8],
      resolutions: ['1280x720', '720x1280'],
      imageRoles: ['first_frame', 'last_frame'],
      referenceKinds: [],
      audio: false,
    });
    expect(createBasicModel('veo-3.1-lite-generate-preview').capabilities).toMatchObject({
      resolutions: ['1280x720', '720x1280', '1920x1080', '1080x1920'],
    });
  });

  it('leaves a model of unknown family unvalidated', () => {
    const model = createBasicModel('veo-9-experimental');
    expect(model.maxVideosPerCall).toBeUndefined();
    expect(model.capabilities).toStrictEqual({ seed: false });
  });
});

describe('doStart', () => {
  it('sends text-to-video to :predictLongRunning with the key only in x-goog-api-key', async () => {
    const result = await start();

    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE}/models/${MODEL}:predictLongRunning`);
    expect(call.requestQuery).toStrictEqual({});
    const { 'user-agent': userAgent, ...headers } = call.requestHeaders;
    expect(headers).toStrictEqual({ 'content-type': 'application/json', 'x-goog-api-key': API_KEY });
    expect(userAgent).toMatch(/^videogen\/google\/0\.0\.0-test( |$)/);
    expect(call.requestBodyJson).toStrictEqual({
      instances: [{ prompt: 'A ghostly woman on a rope swing slowly fades away' }],
      parameters: { sampleCount: 1 },
    });

    expect(result.operation).toStrictEqual({ name: OPERATION_NAME });
    expect(result.warnings).toStrictEqual([]);
    expect(result.providerMetadata).toStrictEqual({ google: { operationName: OPERATION_NAME } });
    expect(result.response.modelId).toBe(MODEL);
    expect(result.response.timestamp).toBeInstanceOf(Date);
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it('maps aspect ratio, duration and a WxH resolution (which implies the aspect ratio)', async () => {
    await start({ resolution: '1080x1920', duration: 8 });
    expect(server.calls[0].requestBodyJson.parameters).toStrictEqual({
      aspectRatio: '9:16',
      durationSeconds: 8,
      resolution: '1080p',
      sampleCount: 1,
    });
  });

  it('sends durationSeconds as a JSON number and 720p as is', async () => {
    await start({ aspectRatio: '16:9', duration: 4, resolution: '1280x720' });
    expect(server.calls[0].requestBodyJson.parameters).toStrictEqual({
      aspectRatio: '16:9',
      durationSeconds: 4,
      resolution: '720p',
      sampleCount: 1,
    });
  });

  it('sends 8 s when 4k leaves no other duration', async () => {
    await start({ resolution: '3840x2160' });
    expect(server.calls[0].requestBodyJson.parameters).toStrictEqual({
      aspectRatio: '16:9',
      durationSeconds: 8,
      resolution: '4k',
      sampleCount: 1,
    });
  });

  it('sends first and last frame as bytesBase64Encoded + mimeType (never inlineData)', async () => {
    await start({
      prompt: 'fade away',
      image: { type: 'file', mediaType: 'image/png', data: PNG },
      frameImages: [{ frameType: 'last_frame', image: { type: 'file', mediaType: 'image/jpeg', data: JPEG_BASE64 } }],
      duration: 6,
      providerOptions: {
        google: { negativePrompt: 'cartoon, low quality', personGeneration: 'allow_adult', enhancePrompt: true },
      },
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      instances: [
        {
          prompt: 'fade away',
          image: { bytesBase64Encoded: PNG_BASE64, mimeType: 'image/png' },
          lastFrame: { bytesBase64Encoded: JPEG_BASE64, mimeType: 'image/jpeg' },
        },
      ],
      parameters: {
        durationSeconds: 6,
        negativePrompt: 'cartoon, low quality',
        personGeneration: 'allow_adult',
        sampleCount: 1,
        enhancePrompt: true,
      },
    });
  });

  it('accepts frameImages first_frame as the image and an image without a prompt', async () => {
    await start({
      prompt: undefined,
      frameImages: [{ frameType: 'first_frame', image: { type: 'file', mediaType: 'image/png', data: PNG } }],
    });
    expect(server.calls[0].requestBodyJson.instances).toStrictEqual([
      { image: { bytesBase64Encoded: PNG_BASE64, mimeType: 'image/png' } },
    ]);
  });

  it('fetches a URL input itself (no credentials) and sends it encoded', async () => {
    await start({ image: { type: 'url', url: 'https://images.example.com/cat.jpg' } });
    expect(server.calls).toHaveLength(2);
    const [imageCall, predictCall] = server.calls;
    expect(imageCall.requestUrl).toBe('https://images.example.com/cat.jpg');
    expect(imageCall.requestHeaders['x-goog-api-key']).toBeUndefined();
    expect(predictCall.requestBodyJson.instances[0].image).toStrictEqual({
      bytesBase64Encoded: JPEG_BASE64,
      mimeType: 'image/jpeg',
    });
  });

  it('refuses a URL input over the size limit before submitting', async () => {
    server.urls['https://images.example.com/:file'].response = {
      type: 'binary',
      body: new Uint8Array(2048),
      headers: { 'content-type': 'image/png' },
    };
    await expect(
      start({
        image: { type: 'url', url: 'https://images.example.com/big.png' },
        providerOptions: { google: { maxInputFileBytes: 1024 } },
      }),
    ).rejects.toSatisfy((error) => DownloadTooLargeError.isInstance(error));
    expect(predictCalls()).toHaveLength(0);
  });

  it('refuses an input URL on loopback before fetching it, unless providerOptions.google.allowPrivateNetwork', async () => {
    const image = { type: 'url', url: 'http://127.0.0.1:8080/cat.jpg' } as const;
    const error = await start({ image }).catch((error: unknown) => error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/private|loopback/i);
    expect(server.calls).toHaveLength(0);

    await start({ image, providerOptions: { google: { allowPrivateNetwork: true } } });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      'http://127.0.0.1:8080/cat.jpg',
      `${BASE}/models/${MODEL}:predictLongRunning`,
    ]);
    expect(server.calls[0].requestHeaders['x-goog-api-key']).toBeUndefined();
  });

  it('sends up to 3 reference images with referenceType ASSET as the SDK does (per-file override accepted in either case)', async () => {
    await start({
      prompt: 'The woman from the photos walks on the beach',
      inputReferences: [
        { type: 'file', mediaType: 'image/png', data: PNG },
        { type: 'file', mediaType: 'image/jpeg', data: JPEG },
        {
          type: 'file',
          mediaType: 'image/png',
          data: PNG_BASE64,
          providerOptions: { google: { referenceType: 'style' } },
        },
      ],
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      instances: [
        {
          prompt: 'The woman from the photos walks on the beach',
          referenceImages: [
            { image: { bytesBase64Encoded: PNG_BASE64, mimeType: 'image/png' }, referenceType: 'ASSET' },
            { image: { bytesBase64Encoded: JPEG_BASE64, mimeType: 'image/jpeg' }, referenceType: 'ASSET' },
            { image: { bytesBase64Encoded: PNG_BASE64, mimeType: 'image/png' }, referenceType: 'STYLE' },
          ],
        },
      ],
      parameters: { durationSeconds: 8, sampleCount: 1 },
    });
  });

  it('rejects a bad per-file referenceType before fetching any input', async () => {
    const error = await start({
      prompt: 'The woman from the photos walks on the beach',
      inputReferences: [
        { type: 'url', url: 'https://images.example.com/never-fetched.png' },
        { type: 'file', mediaType: 'image/png', data: PNG, providerOptions: { google: { referenceType: 'subject' } } },
      ],
    }).catch((error: unknown) => error);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      argument: 'inputReferences[].providerOptions.google',
      message:
        'Invalid reference image options: inputReferences[].providerOptions.google.referenceType: expected one of "asset", "style", "ASSET", "STYLE"',
    });
    expect(server.calls).toHaveLength(0);
  });

  it('extends a previous generation by its URI (video: { uri })', async () => {
    await start({ prompt: 'The camera pulls back', inputReferences: [{ type: 'url', url: FILE_URI }] });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      instances: [{ prompt: 'The camera pulls back', video: { uri: FILE_URI } }],
      parameters: { durationSeconds: 8, sampleCount: 1 },
    });
  });

  it('extends a video given as bytes (encodedVideo + encoding)', async () => {
    await start({
      prompt: 'Continue',
      inputReferences: [{ type: 'file', mediaType: 'video/mp4', data: MP4 }],
      resolution: '1280x720',
      duration: 8,
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      instances: [{ prompt: 'Continue', video: { encodedVideo: MP4_BASE64, encoding: 'video/mp4' } }],
      parameters: { aspectRatio: '16:9', durationSeconds: 8, resolution: '720p', sampleCount: 1 },
    });
  });

  it('sends sampleCount for n > 1 on Veo 2', async () => {
    await start({ n: 2, duration: 5 }, 'veo-2.0-generate-001');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/models/veo-2.0-generate-001:predictLongRunning`);
    expect(server.calls[0].requestBodyJson.parameters).toStrictEqual({ durationSeconds: 5, sampleCount: 2 });
  });

  it('takes 720p on Veo 2 without sending a resolution (Veo 2 always renders 720p)', async () => {
    await start({ resolution: '1280x720' }, 'veo-2.0-generate-001');
    expect(server.calls[0].requestBodyJson.parameters).toStrictEqual({ aspectRatio: '16:9', sampleCount: 1 });
  });

  it('adds webhookConfig with the URL and user metadata', async () => {
    await start({
      webhookUrl: 'https://hooks.example.com/veo',
      providerOptions: { google: { webhookUserMetadata: { jobId: 'job-42' } } },
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      instances: [{ prompt: defaultOptions.prompt }],
      parameters: { sampleCount: 1 },
      webhookConfig: { uris: ['https://hooks.example.com/veo'], userMetadata: { jobId: 'job-42' } },
    });
  });

  it('sends a model id of unknown family as is, without capability checks', async () => {
    await start({ duration: 7, resolution: '1920x1080' }, 'veo-9-experimental');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/models/veo-9-experimental:predictLongRunning`);
    expect(server.calls[0].requestBodyJson.parameters).toStrictEqual({
      aspectRatio: '16:9',
      durationSeconds: 7,
      resolution: '1080p',
      sampleCount: 1,
    });
  });

  it('sends the call headers', async () => {
    await start({ headers: { 'x-request-tag': 'abc' } });
    expect(server.calls[0].requestHeaders['x-request-tag']).toBe('abc');
  });
});

describe('capability errors (before any HTTP request)', () => {
  const png = { type: 'file', mediaType: 'image/png', data: PNG } as const;
  const cases: Array<[string, Partial<VideoModelV3CallOptions>, string, string, RegExp]> = [
    [
      'a duration the model does not take',
      { duration: 5 },
      MODEL,
      'duration',
      // Policy (video parameters guide): the shared wording, naming the nearest allowed duration.
      /Allowed: 4, 6, 8\. Nearest allowed: 6 s/,
    ],
    ['a non-8 s duration at 1080p', { duration: 4, resolution: '1920x1080' }, MODEL, 'duration', /8 s with 1080p/],
    [
      'a non-8 s duration with references',
      { duration: 6, inputReferences: [png] },
      MODEL,
      'duration',
      /reference images/,
    ],
    [
      'a non-8 s duration when extending',
      { duration: 4, inputReferences: [{ type: 'url', url: FILE_URI }] },
      MODEL,
      'duration',
      /extension/,
    ],
    ['Veo 3 durations on Veo 2', { duration: 4 }, 'veo-2.0-generate-001', 'duration', /5, 6, 8/],
    [
      '4k on Lite',
      { resolution: '3840x2160' },
      'veo-3.1-lite-generate-preview',
      'resolution',
      /resolution "3840x2160"\. Allowed: 1280x720, 720x1280, 1920x1080, 1080x1920\./,
    ],
    [
      '1080p on Veo 2',
      { resolution: '1920x1080' },
      'veo-2.0-generate-001',
      'resolution',
      /Allowed: 1280x720, 720x1280\./,
    ],
    ['an unknown size', { resolution: '1024x1024' }, MODEL, 'resolution', /resolution "1024x1024"/],
    [
      'an unknown size on a model of unknown family',
      { resolution: '1024x1024' },
      'veo-9-experimental',
      'resolution',
      /720p, 1080p or 4k in 16:9 or 9:16/,
    ],
    [
      'a size that contradicts the aspect ratio',
      { resolution: '1920x1080', aspectRatio: '9:16' },
      MODEL,
      // Policy: a resolution and an aspect ratio that disagree are the aspect ratio's error.
      'aspectRatio',
      /does not match resolution 1920x1080 \(16:9\)/,
    ],
    ['a square aspect ratio', { aspectRatio: '1:1' }, MODEL, 'aspectRatio', /Allowed: 16:9, 9:16/],
    [
      'reference images on Veo 3.0',
      { inputReferences: [png] },
      'veo-3.0-generate-001',
      'inputReferences',
      /does not take reference images/,
    ],
    ['four reference images', { inputReferences: [png, png, png, png] }, MODEL, 'inputReferences', /at most 3/],
    [
      'references with a first frame',
      { inputReferences: [png], image: png },
      MODEL,
      'inputReferences',
      /only on their own/,
    ],
    ['references without a prompt', { inputReferences: [png], prompt: undefined }, MODEL, 'prompt', /prompt/],
    [
      'extension on Veo 2',
      { inputReferences: [{ type: 'url', url: FILE_URI }] },
      'veo-2.0-generate-001',
      'inputReferences',
      /does not take video references/,
    ],
    [
      'extension at 1080p',
      { inputReferences: [{ type: 'url', url: FILE_URI }], resolution: '1920x1080' },
      MODEL,
      'resolution',
      /720p only/,
    ],
    [
      'two videos to extend',
      {
        inputReferences: [
          { type: 'url', url: FILE_URI },
          { type: 'url', url: FILE_URI },
        ],
      },
      MODEL,
      'inputReferences',
      /one video/,
    ],
    [
      'audio input',
      { inputReferences: [{ type: 'url', url: 'https://x.example/a.mp3' }] },
      MODEL,
      'inputReferences',
      /does not take audio references/,
    ],
    [
      'a last frame without a first frame',
      { frameImages: [{ frameType: 'last_frame', image: png }] },
      MODEL,
      'frameImages',
      /first frame/,
    ],
    ['n = 2 on Veo 3.1', { n: 2 }, MODEL, 'n', /at most 1/],
    ['n = 3 on Veo 2', { n: 3 }, 'veo-2.0-generate-001', 'n', /at most 2/],
    ['no prompt and no image', { prompt: undefined }, MODEL, 'prompt', /Give a text prompt, an image or both/],
    ['a blank prompt and no image', { prompt: '  ' }, MODEL, 'prompt', /the prompt is empty/],
    [
      'generateAudio: true on silent Veo 2 (policy: an error, it was a warning)',
      { generateAudio: true },
      'veo-2.0-generate-001',
      'generateAudio',
      /cannot generate audio/,
    ],
    ['a fractional n', { n: 1.5 }, MODEL, 'n', /whole number/],
    [
      'a gs:// input on the Gemini API',
      { image: { type: 'url', url: 'gs://bucket/cat.png' } },
      MODEL,
      'image',
      /got a gs: URL/,
    ],
  ];

  it.each(cases)('rejects %s', async (_name, options, modelId, argument, message) => {
    const error = await start(options, modelId).catch((error: unknown) => error);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument });
    expect((error as Error).message).toMatch(message);
    expect(server.calls).toHaveLength(0);
  });

  it('rejects personGeneration values no region accepts', async () => {
    await expect(
      start({ image: png, providerOptions: { google: { personGeneration: 'allow_all' } } }),
    ).rejects.toMatchObject({ argument: 'providerOptions.google.personGeneration', message: /allow_adult/ });
    await expect(start({ providerOptions: { google: { personGeneration: 'dont_allow' } } })).rejects.toMatchObject({
      argument: 'providerOptions.google.personGeneration',
    });
    await expect(
      start({ image: png, providerOptions: { google: { personGeneration: 'allow_all' } } }, 'veo-2.0-generate-001'),
    ).rejects.toMatchObject({ argument: 'providerOptions.google.personGeneration' });
    expect(server.calls).toHaveLength(0);
  });

  it('rejects unknown provider options (strict schema)', async () => {
    const error = await start({ providerOptions: { google: { durationSeconds: 8 } } }).catch((error: unknown) => error);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    // Since the move to zod/mini, @videogen/provider-utils' parseProviderOptions names the problem after the prefix.
    expect(error).toMatchObject({
      argument: 'providerOptions',
      message:
        'invalid google provider options: providerOptions.google: unknown key "durationSeconds" (allowed: negativePrompt, personGeneration, enhancePrompt, pollIntervalMs, pollTimeoutMs, maxInputFileBytes, allowPrivateNetwork, webhookUserMetadata)',
    });
    expect(String((error as Error).cause)).toMatch(/durationSeconds/);
    expect(server.calls).toHaveLength(0);
  });
});

describe('warnings', () => {
  it('warns about seed, fps and generateAudio: false, and sends none of them', async () => {
    const result = await start({ seed: 0, fps: 24, generateAudio: false });
    expect(server.calls[0].requestBodyJson.parameters).toStrictEqual({ sampleCount: 1 });
    expect(result.warnings).toStrictEqual([
      // The shared wording (validateVideoCallOptions): capabilities say seed: false.
      { type: 'unsupported', feature: 'seed', details: `google.video model ${MODEL} takes no seed; it was not sent.` },
      { type: 'unsupported', feature: 'generateAudio', details: expect.stringContaining('always generates audio') },
      { type: 'unsupported', feature: 'fps', details: expect.stringContaining('does not take fps') },
    ]);
  });

  it('takes generateAudio: true on Veo 3 silently (audio is always on)', async () => {
    const result = await start({ generateAudio: true });
    expect(result.warnings).toStrictEqual([]);
  });

  it('takes generateAudio: false on silent Veo 2 without a warning (it changes nothing)', async () => {
    const result = await start({ generateAudio: false }, 'veo-2.0-generate-001');
    expect(result.warnings).toStrictEqual([]);
    expect(server.calls[0].requestBodyJson.parameters).toStrictEqual({ sampleCount: 1 });
  });

  it("warns about aspectRatio 'adaptive' and sends no aspect ratio (policy: it was an error)", async () => {
    const result = await start({ aspectRatio: 'adaptive' });
    expect(server.calls[0].requestBodyJson.parameters).toStrictEqual({ sampleCount: 1 });
    expect(result.warnings).toStrictEqual([
      {
        type: 'unsupported',
        feature: 'aspectRatio',
        details: `google.video model ${MODEL} has no adaptive aspect ratio; none was sent.`,
      },
    ]);
  });

  it('warns about webhook user metadata without a webhook URL', async () => {
    const result = await start({ providerOptions: { google: { webhookUserMetadata: { a: 1 } } } });
    expect(server.calls[0].requestBodyJson.webhookConfig).toBeUndefined();
    expect(result.warnings).toStrictEqual([
      {
        type: 'unsupported',
        feature: 'providerOptions.google.webhookUserMetadata',
        details: 'webhookUserMetadata is sent only with a webhook URL.',
      },
    ]);
  });
});

describe('doStatus', () => {
  const operation = { name: OPERATION_NAME };

  it('GETs the operation by name and reports a running one as pending', async () => {
    const status = await createBasicModel().doStatus({ operation });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/${OPERATION_NAME}`);
    expect(server.calls[0].requestHeaders['x-goog-api-key']).toBe(API_KEY);
    expect(status).toStrictEqual({ status: 'pending', providerStatus: 'running' });
  });

  it('treats done: false like an absent done and reports progress only from metadata', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = {
      type: 'json-value',
      body: { name: OPERATION_NAME, done: false, metadata: { progressPercent: 42 } },
    };
    expect(await createBasicModel().doStatus({ operation })).toStrictEqual({
      status: 'pending',
      providerStatus: 'running',
      progress: 42,
    });
  });

  it('maps a succeeded operation to url videos with metadata', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = { type: 'json-value', body: succeededOperation };
    const status = await createBasicModel().doStatus({ operation });
    expect(status).toStrictEqual({
      status: 'completed',
      videos: [{ type: 'url', url: FILE_URI, mediaType: 'video/mp4' }],
      warnings: [],
      providerMetadata: { google: { operationName: OPERATION_NAME, videoUris: [FILE_URI] } },
      response: { timestamp: expect.any(Date), modelId: MODEL, headers: expect.any(Object) },
    });
  });

  it('maps inline video bytes (video.video or encodedVideo) to base64 videos', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = {
      type: 'json-value',
      body: {
        name: OPERATION_NAME,
        done: true,
        response: {
          generateVideoResponse: {
            generatedSamples: [
              { video: { video: MP4_BASE64 } },
              { video: { encodedVideo: 'AAAA', encoding: 'video/webm' } },
            ],
          },
        },
      },
    };
    const status = await createBasicModel().doStatus({ operation });
    expect(status).toMatchObject({
      status: 'completed',
      videos: [
        { type: 'base64', data: MP4_BASE64, mediaType: 'video/mp4' },
        { type: 'base64', data: 'AAAA', mediaType: 'video/webm' },
      ],
      providerMetadata: { google: { operationName: OPERATION_NAME, videoUris: [] } },
    });
  });

  it('maps a fully filtered operation to failed, content filtered, with Google reasons', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = { type: 'json-value', body: filteredOperation };
    expect(await createBasicModel().doStatus({ operation })).toStrictEqual({
      status: 'failed',
      error: {
        code: 'RAI_MEDIA_FILTERED',
        message: 'We encountered an issue with the audio for your prompt. You will not be charged for this request.',
        contentFiltered: true,
      },
      providerMetadata: {
        google: {
          operationName: OPERATION_NAME,
          raiMediaFilteredCount: 1,
          raiMediaFilteredReasons: [
            'We encountered an issue with the audio for your prompt. You will not be charged for this request.',
          ],
        },
      },
    });
  });

  it('maps a partly filtered operation to completed with a warning', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = {
      type: 'json-value',
      body: {
        name: OPERATION_NAME,
        done: true,
        response: {
          generateVideoResponse: {
            generatedSamples: [{ video: { uri: FILE_URI } }],
            raiMediaFilteredCount: 1,
            raiMediaFilteredReasons: ['One video was filtered.'],
          },
        },
      },
    };
    const status = await createBasicModel('veo-2.0-generate-001').doStatus({ operation });
    expect(status).toMatchObject({
      status: 'completed',
      videos: [{ type: 'url', url: FILE_URI }],
      warnings: [{ type: 'other', message: "Google's safety filters removed 1 video(s): One video was filtered." }],
      providerMetadata: {
        google: {
          raiMediaFilteredCount: 1,
          raiMediaFilteredReasons: ['One video was filtered.'],
          videoUris: [FILE_URI],
        },
      },
    });
  });

  it('maps an operation error to failed, keeping code and message', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = { type: 'json-value', body: failedOperation };
    expect(await createBasicModel().doStatus({ operation })).toStrictEqual({
      status: 'failed',
      error: { code: 3, message: 'The prompt was blocked by our safety policy.' },
      providerMetadata: { google: { operationName: OPERATION_NAME } },
    });
  });

  it('reports a done operation without videos or reasons as failed', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = {
      type: 'json-value',
      body: { name: OPERATION_NAME, done: true, response: { generateVideoResponse: {} } },
    };
    expect(await createBasicModel().doStatus({ operation })).toMatchObject({
      status: 'failed',
      error: { code: 'NO_VIDEO' },
    });
  });

  it('rejects an operation that is not a Veo operation without any request', async () => {
    for (const bad of [{ id: 'x' }, { name: 'https://evil.example/x' }, { name: 'models/../../x' }, 'x']) {
      await expect(createBasicModel().doStatus({ operation: bad })).rejects.toMatchObject({ argument: 'operation' });
    }
    expect(server.calls).toHaveLength(0);
  });

  it('resumes from the JSON operation with a new provider instance', async () => {
    const { operation: started } = await start();
    const stored = JSON.stringify({ operation: started });
    expect(stored).not.toContain(API_KEY);

    server.urls[`${BASE}/models/:model/operations/:id`].response = { type: 'json-value', body: succeededOperation };
    const resumed = createGoogle({ apiKey: 'another-key' }).video(MODEL);
    const status = await resumed.doStatus({ operation: JSON.parse(stored).operation });
    expect(status.status).toBe('completed');
    expect(server.calls[1].requestUrl).toBe(`${BASE}/${OPERATION_NAME}`);
    expect(server.calls[1].requestHeaders['x-goog-api-key']).toBe('another-key');
  });
});

describe('polling and usage', () => {
  it("polls every 10 s by default (Google's samples), for generateVideo and doGenerate alike", () => {
    expect(createBasicModel().pollIntervalMs).toBe(10_000);
  });

  it('reports no usage: a Veo operation carries none, and none is invented', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = [
      { type: 'json-value', body: runningOperation },
      { type: 'json-value', body: succeededOperation },
    ];
    const model = createBasicModel();
    const pending = await model.doStatus({ operation: { name: OPERATION_NAME } });
    const completed = await model.doStatus({ operation: { name: OPERATION_NAME } });
    expect(completed.status).toBe('completed');
    expect(pending).not.toHaveProperty('usage');
    expect(completed).not.toHaveProperty('usage');
  });
});

describe('credentials stay on the configured origin', () => {
  it('follows a status redirect to another origin without the key', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = {
      type: 'redirect',
      location: 'https://elsewhere.example.com/operation',
      status: 307,
    };
    const status = await createBasicModel().doStatus({
      operation: { name: OPERATION_NAME },
      headers: { 'x-tag': 't' },
    });
    expect(status.status).toBe('pending');
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      `${BASE}/${OPERATION_NAME}`,
      'https://elsewhere.example.com/operation',
    ]);
    expect(server.calls[0].requestHeaders['x-goog-api-key']).toBe(API_KEY);
    expect(server.calls[1].requestHeaders['x-goog-api-key']).toBeUndefined();
    expect(server.calls[1].requestHeaders['x-tag']).toBeUndefined();
  });

  it('sends the key to the configured base URL origin (a proxy), not to the default host', async () => {
    const proxyBase = 'https://elsewhere.example.com/google/v1beta';
    server.urls['https://elsewhere.example.com/*'].response = { type: 'json-value', body: startResponse };
    await createBasicModel(MODEL, { baseURL: proxyBase }).doStart(defaultOptions);
    expect(server.calls[0].requestUrl).toBe(`${proxyBase}/models/${MODEL}:predictLongRunning`);
    expect(server.calls[0].requestHeaders['x-goog-api-key']).toBe(API_KEY);
  });
});

describe('doGenerate', () => {
  it('submits, polls, and downloads: the key goes to the API origin, not to the storage redirect', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = [
      { type: 'json-value', body: runningOperation },
      { type: 'json-value', body: succeededOperation },
    ];
    const result = await createBasicModel().doGenerate(defaultOptions);

    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `POST ${BASE}/models/${MODEL}:predictLongRunning`,
      `GET ${BASE}/${OPERATION_NAME}`,
      `GET ${BASE}/${OPERATION_NAME}`,
      `GET ${FILE_URI}`,
      `GET ${STORAGE_URL}`,
    ]);
    const [fileCall, storageCall] = server.calls.slice(3);
    expect(fileCall.requestHeaders['x-goog-api-key']).toBe(API_KEY);
    expect(storageCall.requestHeaders['x-goog-api-key']).toBeUndefined();
    expect(JSON.stringify(storageCall.requestHeaders)).not.toContain(API_KEY);
    for (const call of server.calls) expect(call.requestUrl).not.toMatch(/[?&]key=/);

    expect(result.videos).toStrictEqual([{ type: 'binary', data: MP4, mediaType: 'video/mp4' }]);
    expect(result.warnings).toStrictEqual([]);
    expect(result.providerMetadata).toStrictEqual({
      google: { operationName: OPERATION_NAME, videoUris: [FILE_URI] },
    });
    expect(result.response.modelId).toBe(MODEL);
  });

  it('throws VideoJobFailedError with contentFiltered for a filtered operation', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = { type: 'json-value', body: filteredOperation };
    const error = await createBasicModel()
      .doGenerate(defaultOptions)
      .catch((error: unknown) => error);
    expect(VideoJobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ contentFiltered: true, code: 'RAI_MEDIA_FILTERED' });
    expect((error as Error).message).toContain('We encountered an issue with the audio');
  });

  it('stops waiting on abort and reports that the job cannot be cancelled at Google', async () => {
    const controller = new AbortController();
    const promise = createBasicModel().doGenerate({ ...defaultOptions, abortSignal: controller.signal });
    await vi.waitFor(() => expect(server.calls.length).toBeGreaterThanOrEqual(2));
    controller.abort();
    const error = await promise.catch((error: unknown) => error);
    expect(VideoJobAbortedError.isInstance(error)).toBe(true);
    await expect((error as VideoJobAbortedError).cancellation).resolves.toBe('unsupported');
    expect((error as VideoJobAbortedError).job?.operation).toStrictEqual({ name: OPERATION_NAME });
  });

  it('does not call the API when the request is invalid', async () => {
    await expect(createBasicModel().doGenerate({ ...defaultOptions, duration: 7 })).rejects.toSatisfy((error) =>
      InvalidArgumentError.isInstance(error),
    );
    expect(server.calls).toHaveLength(0);
  });
});

describe('doDownload', () => {
  const video = { type: 'url', url: FILE_URI, mediaType: 'video/mp4' } as const;

  function expectNoKey(error: unknown) {
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.message).not.toContain(API_KEY);
    expect(apiError.url).not.toContain(API_KEY);
    expect(JSON.stringify(apiError.responseHeaders ?? {})).not.toContain(API_KEY);
    expect(JSON.stringify(apiError)).not.toContain(API_KEY);
    expect(String(apiError.responseBody ?? '')).not.toContain(API_KEY);
  }

  it('streams the video after following the redirect without the key', async () => {
    const response = await createBasicModel().doDownload({ video });
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(MP4);
    expect(server.calls[0].requestHeaders['x-goog-api-key']).toBe(API_KEY);
    expect(server.calls[1].requestUrl).toBe(STORAGE_URL);
    expect(server.calls[1].requestHeaders['x-goog-api-key']).toBeUndefined();
  });

  it('fails at storage with an error that carries no key', async () => {
    server.urls[STORAGE_URL].response = {
      type: 'error',
      status: 403,
      body: '<Error><Code>AccessDenied</Code></Error>',
      headers: { 'x-guploader-uploadid': 'abc' },
    };
    const error = await createBasicModel()
      .doDownload({ video })
      .catch((error: unknown) => error);
    expect(error).toMatchObject({ statusCode: 403, url: STORAGE_URL });
    expectNoKey(error);
  });

  it('fails at the API origin with an error that carries no key', async () => {
    server.urls[`${BASE}/files/:file`].response = {
      type: 'error',
      status: 404,
      body: { error: { code: 404, message: 'File not found.', status: 'NOT_FOUND' } },
    };
    const error = await createBasicModel()
      .doDownload({ video })
      .catch((error: unknown) => error);
    expect(error).toMatchObject({ statusCode: 404, url: `${BASE}/files/3xk9q2m1abcd:download` });
    expect((error as Error).message).toContain('File not found.');
    expectNoKey(error);
  });

  it('never sends the key to a video URL on another origin', async () => {
    const response = await createBasicModel().doDownload({
      video: { type: 'url', url: STORAGE_URL, mediaType: 'video/mp4' },
    });
    expect(response.ok).toBe(true);
    expect(server.calls[0].requestHeaders['x-goog-api-key']).toBeUndefined();
  });
});

describe('errors', () => {
  it("turns Google's error body into an APICallError with Google's status and message", async () => {
    server.urls[`${BASE}/models/:modelAction`].response = {
      type: 'error',
      status: 400,
      body: invalidArgumentError,
    };
    const error = await start().catch((error: unknown) => error);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 400,
      isRetryable: false,
      message: `INVALID_ARGUMENT: Invalid value at 'parameters' (durationSeconds), "5"`,
      data: invalidArgumentError,
    });
    expect(JSON.stringify(error)).not.toContain(API_KEY);
    expect(predictCalls()).toHaveLength(1);
  });

  it('marks 429 RESOURCE_EXHAUSTED as retryable and never retries a submission itself', async () => {
    server.urls[`${BASE}/models/:modelAction`].response = {
      type: 'error',
      status: 429,
      body: { error: { code: 429, message: 'Quota exceeded.', status: 'RESOURCE_EXHAUSTED' } },
    };
    await expect(start()).rejects.toMatchObject({ statusCode: 429, isRetryable: true });
    expect(predictCalls()).toHaveLength(1);
  });

  it('reports a status request failure as an APICallError', async () => {
    server.urls[`${BASE}/models/:model/operations/:id`].response = {
      type: 'error',
      status: 404,
      body: { error: { code: 404, message: 'Operation not found.', status: 'NOT_FOUND' } },
    };
    await expect(createBasicModel().doStatus({ operation: { name: OPERATION_NAME } })).rejects.toMatchObject({
      statusCode: 404,
      message: 'NOT_FOUND: Operation not found.',
    });
  });
});
