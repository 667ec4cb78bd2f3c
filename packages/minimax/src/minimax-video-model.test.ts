import {
  APICallError,
  InvalidArgumentError,
  UnsupportedFunctionalityError,
  type VideoModelV3StartOptions,
} from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import { createMiniMax } from './minimax-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'mm-TEST-distinctive-key-41c2aa';
const BASE = 'https://api.minimax.io';
const CDN_URL = 'https://cdn.minimax-files.example/output/380417759821825.mp4?Expires=1796412610';
const H3_URL = 'https://video-product.cdn.minimax.io/inference_output/424010985738629/output.mp4';
const TASK_ID = '380415226536193';
const FILE_ID = '380417759821825';
const H3_TASK_ID = '424010985738629';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9]);
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 7, 7]);
const OK = { status_code: 0, status_msg: 'success' };

const v1Created = { task_id: TASK_ID, base_resp: OK };
const v1Processing = { task_id: TASK_ID, status: 'Processing', base_resp: OK };
const v1Success = {
  task_id: TASK_ID,
  status: 'Success',
  file_id: FILE_ID,
  video_width: 1366,
  video_height: 768,
  base_resp: OK,
};
const v1File = {
  file: {
    file_id: 380417759821825,
    bytes: 4812207,
    created_at: 1796380210,
    filename: 'output_aigc.mp4',
    purpose: 'video_generation',
    download_url: CDN_URL,
  },
  base_resp: OK,
};
const h3Succeeded = {
  task: {
    id: H3_TASK_ID,
    model: 'MiniMax-H3',
    status: 'succeeded',
    created_at: 1785125529,
    updated_at: 1785125946,
    content: { url: H3_URL },
    resolution: '2K',
    duration: 5,
    usage: { total_seconds: 5, input_seconds: 0, output_seconds: 5, input_image_count: 0 },
    ratio: '16:9',
    task_type: 'generation',
    modality: 'video',
  },
};

const server = createTestServer({
  [`${BASE}/v1/video_generation`]: { response: { type: 'json-value', body: v1Created } },
  [`${BASE}/v1/query/video_generation`]: { response: { type: 'json-value', body: v1Processing } },
  [`${BASE}/v1/files/retrieve`]: { response: { type: 'json-value', body: v1File } },
  [`${BASE}/v2/video_generation`]: { response: { type: 'json-value', body: { task_id: H3_TASK_ID } } },
  [`${BASE}/v2/video_generation/:id`]: {
    response: { type: 'json-value', body: { task_id: H3_TASK_ID, action: 'cancelled', status: 'cancelled' } },
  },
  [`${BASE}/v2/query/video_generation/:id`]: { response: { type: 'json-value', body: h3Succeeded } },
  [`${BASE}/files/:file`]: { response: { type: 'binary', body: MP4, headers: { 'content-type': 'video/mp4' } } },
  'https://proxy.example.com/minimax/v1/video_generation': { response: { type: 'json-value', body: v1Created } },
  'https://cdn.minimax-files.example/*': {
    response: { type: 'binary', body: MP4, headers: { 'content-type': 'video/mp4' } },
  },
});

const PROMPT = 'A fox looks up at falling snow [Push in]';
const defaultOptions = createCallOptions({ prompt: PROMPT, providerOptions: { minimax: { pollIntervalMs: 10 } } });

function model(modelId = 'MiniMax-Hailuo-2.3', settings: Parameters<typeof createMiniMax>[0] = {}) {
  return createMiniMax({ apiKey: API_KEY, ...settings }).video(modelId);
}

async function start(options: Partial<VideoModelV3StartOptions> = {}, modelId?: string) {
  return model(modelId).doStart({ ...defaultOptions, ...options });
}

const imageUrl = { type: 'url' as const, url: 'https://images.example.com/fox.jpg' };
const imageBytes = { type: 'file' as const, mediaType: 'image/jpeg', data: JPEG };

describe('constructor', () => {
  it('exposes provider, model id, poll interval and the capabilities of each model', () => {
    const hailuo = model();
    expect(hailuo.provider).toBe('minimax.video');
    expect(hailuo.modelId).toBe('MiniMax-Hailuo-2.3');
    expect(hailuo.specificationVersion).toBe('v3');
    expect(hailuo.maxVideosPerCall).toBe(1);
    expect(hailuo.pollIntervalMs).toBe(10_000);
    expect(hailuo.api).toBe('v1');
    expect(hailuo.capabilities).toStrictEqual({
      durations: [6, 10],
      resolutions: ['1366x768', '768x1366', '1920x1080', '1080x1920'],
      imageRoles: ['first_frame'],
      referenceKinds: [],
      maxReferences: 0,
      maxVideosPerCall: 1,
      seed: false,
      audio: false,
      maxPromptLength: 2000,
      imageMediaTypes: ['image/jpeg', 'image/png', 'image/webp'],
    });
    expect(model('MiniMax-Hailuo-02').capabilities).toMatchObject({
      resolutions: ['1366x768', '768x1366', '910x512', '512x910', '1920x1080', '1080x1920'],
      imageRoles: ['first_frame', 'last_frame'],
    });
    expect(model('I2V-01').capabilities).toMatchObject({ durations: [6], resolutions: ['1280x720', '720x1280'] });
    expect(model('S2V-01').capabilities).toMatchObject({
      imageRoles: ['reference'],
      referenceKinds: ['image'],
      maxReferences: 1,
    });
    const h3 = model('MiniMax-H3');
    expect(h3.api).toBe('v2');
    expect(h3.capabilities).toMatchObject({
      durations: { min: 4, max: 15 },
      aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
      imageRoles: ['first_frame', 'last_frame', 'reference'],
      referenceKinds: ['image', 'video', 'audio'],
      maxReferences: 15,
      requiresPrompt: true,
      maxPromptLength: 7000,
    });
    expect(h3.capabilities.resolutions).toContain('2560x1440');
  });

  it('leaves an unknown id unvalidated, on v2 when it names an H model', () => {
    expect(model('MiniMax-Hailuo-9').capabilities).toStrictEqual({ maxVideosPerCall: 1, seed: false });
    expect(model('MiniMax-Hailuo-9').api).toBe('v1');
    expect(model('MiniMax-H4').api).toBe('v2');
  });

  it('has doCancel only on v2 models', () => {
    expect(model().doCancel).toBeUndefined();
    expect(typeof model('MiniMax-H3').doCancel).toBe('function');
  });
});

describe('doStart (v1)', () => {
  it('sends text-to-video to /v1/video_generation with the key only in Authorization', async () => {
    const result = await start();
    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE}/v1/video_generation`);
    const { 'user-agent': userAgent, ...headers } = call.requestHeaders;
    expect(headers).toStrictEqual({ 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` });
    expect(userAgent).toMatch(/^videogen\/minimax\/0\.0\.0-test( |$)/);
    expect(call.requestBodyJson).toStrictEqual({ model: 'MiniMax-Hailuo-2.3', prompt: PROMPT });
    expect(result.operation).toStrictEqual({ taskId: TASK_ID, api: 'v1' });
    expect(result.warnings).toStrictEqual([]);
    expect(result.providerMetadata).toStrictEqual({ minimax: { taskId: TASK_ID, api: 'v1' } });
  });

  it('maps duration, resolution, provider options and the webhook URL to the wire names', async () => {
    await start({
      duration: 10,
      resolution: '1366x768',
      webhookUrl: 'https://hooks.example.com/minimax?videogen_token=s3cret',
      providerOptions: { minimax: { promptOptimizer: false, fastPretreatment: true, aigcWatermark: true } },
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'MiniMax-Hailuo-2.3',
      prompt: PROMPT,
      duration: 10,
      resolution: '768P',
      prompt_optimizer: false,
      fast_pretreatment: true,
      callback_url: 'https://hooks.example.com/minimax?videogen_token=s3cret',
      aigc_watermark: true,
    });
  });

  it('sends a first frame URL as given and bytes as a data URL', async () => {
    await start({ image: imageUrl });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'MiniMax-Hailuo-2.3',
      prompt: PROMPT,
      first_frame_image: 'https://images.example.com/fox.jpg',
    });
    await start({ prompt: undefined, image: imageBytes }, 'I2V-01');
    expect(server.calls[1].requestBodyJson).toStrictEqual({
      model: 'I2V-01',
      first_frame_image: 'data:image/jpeg;base64,/9j/4AkJ',
    });
  });

  it('sends first and last frame (Hailuo 02), and 512P from a first frame', async () => {
    await start(
      {
        resolution: '910x512',
        frameImages: [
          { frameType: 'first_frame', image: imageUrl },
          { frameType: 'last_frame', image: { type: 'url', url: 'https://images.example.com/end.png' } },
        ],
      },
      'MiniMax-Hailuo-02',
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'MiniMax-Hailuo-02',
      prompt: PROMPT,
      first_frame_image: 'https://images.example.com/fox.jpg',
      last_frame_image: 'https://images.example.com/end.png',
      resolution: '512P',
    });
  });

  it('sends a subject reference (S2V-01)', async () => {
    await start({ inputReferences: [imageUrl] }, 'S2V-01');
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'S2V-01',
      prompt: PROMPT,
      subject_reference: [{ type: 'character', image: ['https://images.example.com/fox.jpg'] }],
    });
  });

  it('warns about aspect ratio, fps and seed, which v1 does not take', async () => {
    const result = await start({ aspectRatio: '16:9', fps: 24, seed: 7 });
    expect(server.calls[0].requestBodyJson).toStrictEqual({ model: 'MiniMax-Hailuo-2.3', prompt: PROMPT });
    expect(result.warnings.map((warning) => (warning as { feature: string }).feature).sort()).toStrictEqual([
      'aspectRatio',
      'fps',
      'seed',
    ]);
  });

  it.each([
    ['an image-to-video model without an image', { prompt: PROMPT }, 'I2V-01', 'image'],
    [
      'a last frame without a first',
      { frameImages: [{ frameType: 'last_frame', image: imageUrl }] },
      'MiniMax-Hailuo-02',
      'frameImages',
    ],
    [
      'a last frame on a model without one',
      {
        frameImages: [
          { frameType: 'first_frame', image: imageUrl },
          { frameType: 'last_frame', image: imageUrl },
        ],
      },
      'MiniMax-Hailuo-2.3',
      'frameImages',
    ],
    ['1080P at 10 s', { resolution: '1920x1080', duration: 10 }, 'MiniMax-Hailuo-2.3', 'duration'],
    ['512P without a first frame', { resolution: '910x512' }, 'MiniMax-Hailuo-02', 'resolution'],
    ['a duration the model lacks', { duration: 8 }, 'MiniMax-Hailuo-2.3', 'duration'],
    ['a resolution the model lacks', { resolution: '1280x720' }, 'MiniMax-Hailuo-2.3', 'resolution'],
    ['a subject model without its reference', { prompt: PROMPT }, 'S2V-01', 'inputReferences'],
    ['an image on a text-only model', { image: imageUrl }, 'T2V-01', 'image'],
    ['a prompt over 2000 characters', { prompt: 'x'.repeat(2001) }, 'MiniMax-Hailuo-2.3', 'prompt'],
    ['n above 1', { n: 2 }, 'MiniMax-Hailuo-2.3', 'n'],
    ['generateAudio on a silent model', { generateAudio: true }, 'MiniMax-Hailuo-2.3', 'generateAudio'],
    [
      'v2 content items',
      { providerOptions: { minimax: { content: [] } } },
      'MiniMax-Hailuo-2.3',
      'providerOptions.minimax.content',
    ],
  ] as const)('refuses %s before any request', async (_, options, modelId, argument) => {
    const error = await start(options as Partial<VideoModelV3StartOptions>, modelId).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(server.calls).toHaveLength(0);
  });

  it('turns a base_resp error inside HTTP 200 into an APICallError (auth: not retryable, no key)', async () => {
    const body = {
      task_id: '',
      base_resp: {
        status_code: 1004,
        status_msg: "login fail: Please carry the API secret key in the 'Authorization' field of the request header",
      },
    };
    server.urls[`${BASE}/v1/video_generation`].response = { type: 'json-value', body };
    const error = await start().catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.message).toBe(
      "login fail: Please carry the API secret key in the 'Authorization' field of the request header (1004)",
    );
    expect(apiError.statusCode).toBe(401);
    expect(apiError.isRetryable).toBe(false);
    expect(apiError.data).toStrictEqual({ ...body, httpStatus: 200 });
    expect(JSON.stringify(apiError)).not.toContain(API_KEY);
  });

  it('treats a base_resp rate limit (1002) as a 429 that may be retried and resubmitted', async () => {
    server.urls[`${BASE}/v1/video_generation`].response = {
      type: 'json-value',
      body: { task_id: '', base_resp: { status_code: 1002, status_msg: 'rate limit exceeded(RPM)' } },
    };
    const error = (await start().catch((e: unknown) => e)) as APICallError;
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toBe('rate limit exceeded(RPM) (1002)');
  });

  it('reads a non-2xx error body', async () => {
    server.urls[`${BASE}/v1/video_generation`].response = {
      type: 'error',
      status: 500,
      body: { base_resp: { status_code: 1000, status_msg: 'unknown error' } },
    };
    const error = (await start().catch((e: unknown) => e)) as APICallError;
    expect(error.statusCode).toBe(500);
    expect(error.message).toBe('unknown error (1000)');
  });
});

describe('doStart (v2, MiniMax-H3)', () => {
  it('sends text-to-video as a content array with the required fields', async () => {
    const result = await start({}, 'MiniMax-H3');
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE}/v2/video_generation`);
    expect(call.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.requestBodyJson).toStrictEqual({
      model: 'MiniMax-H3',
      content: [{ type: 'text', text: PROMPT }],
      resolution: '768P',
      duration: 6,
      ratio: '16:9',
    });
    expect(result.operation).toStrictEqual({ taskId: H3_TASK_ID, api: 'v2' });
  });

  it('maps resolution, aspect ratio, duration, webhook and watermark', async () => {
    await start(
      {
        resolution: '1440x2560',
        duration: 12,
        webhookUrl: 'https://hooks.example.com/h3',
        providerOptions: { minimax: { aigcWatermark: false } },
      },
      'MiniMax-H3',
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'MiniMax-H3',
      content: [{ type: 'text', text: PROMPT }],
      resolution: '2K',
      duration: 12,
      ratio: '9:16',
      callback_url: 'https://hooks.example.com/h3',
      aigc_watermark: false,
    });
  });

  it('sends first and last frames with their roles and no ratio (frames decide)', async () => {
    const result = await start(
      {
        aspectRatio: '1:1',
        frameImages: [
          { frameType: 'first_frame', image: imageBytes },
          { frameType: 'last_frame', image: imageUrl },
        ],
      },
      'MiniMax-H3',
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'MiniMax-H3',
      content: [
        { type: 'text', text: PROMPT },
        { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AkJ' }, role: 'first_frame' },
        { type: 'image_url', image_url: { url: 'https://images.example.com/fox.jpg' }, role: 'last_frame' },
      ],
      resolution: '768P',
      duration: 6,
    });
    expect(result.warnings).toMatchObject([{ type: 'unsupported', feature: 'aspectRatio' }]);
  });

  it('sends reference images, videos and audio, and uploaded files from provider options', async () => {
    await start(
      {
        aspectRatio: 'adaptive',
        inputReferences: [
          imageUrl,
          { type: 'url', url: 'https://media.example.com/clip.mp4', mediaType: 'video/mp4' },
          { type: 'url', url: 'https://media.example.com/voice.mp3', mediaType: 'audio/mpeg' },
        ],
        providerOptions: {
          minimax: { content: [{ type: 'image_url', url: 'mm_file://991', role: 'reference_image' }] },
        },
      },
      'MiniMax-H3',
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'MiniMax-H3',
      content: [
        { type: 'text', text: PROMPT },
        { type: 'image_url', image_url: { url: 'https://images.example.com/fox.jpg' }, role: 'reference_image' },
        { type: 'video_url', video_url: { url: 'https://media.example.com/clip.mp4' }, role: 'reference_video' },
        { type: 'audio_url', audio_url: { url: 'https://media.example.com/voice.mp3' }, role: 'reference_audio' },
        { type: 'image_url', image_url: { url: 'mm_file://991' }, role: 'reference_image' },
      ],
      resolution: '768P',
      duration: 6,
      ratio: 'adaptive',
    });
  });

  it('sends 16:9 with a warning for adaptive text-to-video (it needs a concrete ratio)', async () => {
    const result = await start({ aspectRatio: 'adaptive' }, 'MiniMax-H3');
    expect(server.calls[0].requestBodyJson.ratio).toBe('16:9');
    expect(result.warnings).toMatchObject([{ type: 'unsupported', feature: 'aspectRatio' }]);
  });

  it.each([
    ['frames with references', { image: imageUrl, inputReferences: [imageUrl] }, 'inputReferences'],
    ['no prompt', { prompt: undefined, image: imageUrl }, 'prompt'],
    ['a duration above 15 s', { duration: 16 }, 'duration'],
    [
      'four reference videos',
      { inputReferences: Array(4).fill({ type: 'url', url: 'https://m.example.com/a.mp4', mediaType: 'video/mp4' }) },
      'inputReferences',
    ],
  ] as const)('refuses %s before any request', async (_, options, argument) => {
    const error = await start(options as Partial<VideoModelV3StartOptions>, 'MiniMax-H3').catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(server.calls).toHaveLength(0);
  });

  it("reads v2's error body (real HTTP status)", async () => {
    server.urls[`${BASE}/v2/video_generation`].response = {
      type: 'error',
      status: 400,
      body: {
        type: 'error',
        error: {
          type: 'bad_request_error',
          message: 'invalid params, content must include a non-empty text item (prompt is required) (2013)',
          http_code: '400',
        },
        request_id: '0217abc',
      },
    };
    const error = (await start({}, 'MiniMax-H3').catch((e: unknown) => e)) as APICallError;
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe(
      'invalid params, content must include a non-empty text item (prompt is required) (2013)',
    );
  });
});

describe('doStatus (v1)', () => {
  const operation = { taskId: TASK_ID, api: 'v1' };

  it.each(['Preparing', 'Queueing', 'Processing'])('maps %s to pending with one query', async (status) => {
    server.urls[`${BASE}/v1/query/video_generation`].response = {
      type: 'json-value',
      body: { task_id: TASK_ID, status, base_resp: OK },
    };
    const result = await model().doStatus({ operation });
    expect(result).toStrictEqual({ status: 'pending', providerStatus: status });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v1/query/video_generation?task_id=${TASK_ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("resolves the finished task's file id to its download URL", async () => {
    server.urls[`${BASE}/v1/query/video_generation`].response = { type: 'json-value', body: v1Success };
    const result = await model().doStatus({ operation });
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `GET ${BASE}/v1/query/video_generation?task_id=${TASK_ID}`,
      `GET ${BASE}/v1/files/retrieve?file_id=${FILE_ID}`,
    ]);
    expect(server.calls[1].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(result).toMatchObject({
      status: 'completed',
      videos: [{ type: 'url', url: CDN_URL, mediaType: 'video/mp4' }],
      warnings: [],
      providerMetadata: {
        minimax: {
          taskId: TASK_ID,
          status: 'Success',
          fileId: FILE_ID,
          videoWidth: 1366,
          videoHeight: 768,
          bytes: 4812207,
          downloadUrl: CDN_URL,
        },
      },
    });
    // v1 reports no usage.
    expect(result).not.toHaveProperty('usage');
  });

  it("maps Fail with a sensitive-output code to a content-filtered failure with MiniMax's reason", async () => {
    server.urls[`${BASE}/v1/query/video_generation`].response = {
      type: 'json-value',
      body: { task_id: TASK_ID, status: 'Fail', base_resp: { status_code: 1027, status_msg: 'output new_sensitive' } },
    };
    expect(await model().doStatus({ operation })).toStrictEqual({
      status: 'failed',
      error: { code: 1027, message: 'output new_sensitive', contentFiltered: true },
      providerMetadata: { minimax: { taskId: TASK_ID, status: 'Fail' } },
    });
    expect(server.calls).toHaveLength(1);
  });

  it('maps Fail with another code to a failure that is not content filtered', async () => {
    server.urls[`${BASE}/v1/query/video_generation`].response = {
      type: 'json-value',
      body: { task_id: TASK_ID, status: 'Fail', base_resp: { status_code: 1013, status_msg: 'internal error' } },
    };
    expect(await model().doStatus({ operation })).toMatchObject({
      status: 'failed',
      error: { code: 1013, message: 'internal error' },
    });
  });

  it('throws an APICallError for a base_resp error without a task status', async () => {
    server.urls[`${BASE}/v1/query/video_generation`].response = {
      type: 'json-value',
      body: { task_id: '', base_resp: { status_code: 2013, status_msg: 'invalid params, task_id' } },
    };
    const error = (await model()
      .doStatus({ operation })
      .catch((e: unknown) => e)) as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('invalid params, task_id (2013)');
  });

  it('throws an APICallError when the file retrieval fails inside HTTP 200', async () => {
    server.urls[`${BASE}/v1/query/video_generation`].response = { type: 'json-value', body: v1Success };
    server.urls[`${BASE}/v1/files/retrieve`].response = {
      type: 'json-value',
      body: { base_resp: { status_code: 1024, status_msg: 'internal error' } },
    };
    const error = (await model()
      .doStatus({ operation })
      .catch((e: unknown) => e)) as APICallError;
    expect(error.statusCode).toBe(500);
    expect(error.isRetryable).toBe(true);
  });

  it('refuses a foreign operation before any request', async () => {
    for (const bad of [{ name: 'x' }, { taskId: '../x', api: 'v1' }, { taskId: '1', api: 'v3' }, 'abc']) {
      const error = await model()
        .doStatus({ operation: bad })
        .catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
    }
    expect(server.calls).toHaveLength(0);
  });
});

describe('doStatus (v2)', () => {
  const operation = { taskId: H3_TASK_ID, api: 'v2' };
  const task = (fields: Record<string, unknown>) => ({
    type: 'json-value' as const,
    body: { task: { id: H3_TASK_ID, model: 'MiniMax-H3', usage: {}, ...fields } },
  });

  it('maps queued and running to pending', async () => {
    for (const status of ['queued', 'running']) {
      server.urls[`${BASE}/v2/query/video_generation/:id`].response = task({ status });
      expect(await model('MiniMax-H3').doStatus({ operation })).toStrictEqual({
        status: 'pending',
        providerStatus: status,
      });
    }
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v2/query/video_generation/${H3_TASK_ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('maps succeeded to the inline URL with the usage MiniMax reports', async () => {
    const result = await model('MiniMax-H3').doStatus({ operation });
    expect(server.calls).toHaveLength(1);
    expect(result).toMatchObject({
      status: 'completed',
      videos: [{ type: 'url', url: H3_URL, mediaType: 'video/mp4' }],
      usage: {
        videoSeconds: 5,
        billedUnits: { quantity: 5, unit: 'seconds' },
        raw: { total_seconds: 5, input_seconds: 0, output_seconds: 5, input_image_count: 0 },
      },
      providerMetadata: {
        minimax: {
          taskId: H3_TASK_ID,
          status: 'succeeded',
          resolution: '2K',
          duration: 5,
          ratio: '16:9',
          videoUrl: H3_URL,
        },
      },
    });
  });

  it('maps token usage', async () => {
    server.urls[`${BASE}/v2/query/video_generation/:id`].response = task({
      status: 'succeeded',
      content: { url: H3_URL },
      usage: { output_seconds: 6, total_tokens: 300, prompt_tokens: 100, completion_tokens: 200 },
    });
    expect((await model('MiniMax-H3').doStatus({ operation })) as { usage: unknown }).toMatchObject({
      usage: { videoSeconds: 6, inputTokens: 100, outputTokens: 200, totalTokens: 300 },
    });
  });

  it('maps failed (sensitive content), cancelled and expired', async () => {
    server.urls[`${BASE}/v2/query/video_generation/:id`].response = task({
      status: 'failed',
      error: { code: '1026', message: 'video description contains sensitive content' },
    });
    expect(await model('MiniMax-H3').doStatus({ operation })).toMatchObject({
      status: 'failed',
      error: { code: '1026', message: 'video description contains sensitive content', contentFiltered: true },
    });
    for (const status of ['cancelled', 'expired']) {
      server.urls[`${BASE}/v2/query/video_generation/:id`].response = task({ status });
      expect(await model('MiniMax-H3').doStatus({ operation })).toMatchObject({
        status: 'failed',
        error: { code: status, message: `The MiniMax task was ${status}.` },
      });
    }
  });
});

describe('doCancel', () => {
  it('deletes a v2 task', async () => {
    await model('MiniMax-H3').doCancel?.({ operation: { taskId: H3_TASK_ID, api: 'v2' } });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestMethod).toBe('DELETE');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v2/video_generation/${H3_TASK_ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('refuses a v1 task (no cancel in v1) without a request', async () => {
    const error = await model('MiniMax-H3')
      .doCancel?.({ operation: { taskId: TASK_ID, api: 'v1' } })
      .catch((e: unknown) => e);
    expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
    expect(server.calls).toHaveLength(0);
  });
});

describe('doDownload', () => {
  it('fetches the CDN URL without the key, and an API-origin URL with it', async () => {
    const response = await model().doDownload({ video: { type: 'url', url: CDN_URL, mediaType: 'video/mp4' } });
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(MP4);
    expect(server.calls[0].requestHeaders.authorization).toBeUndefined();
    await (
      await model().doDownload({ video: { type: 'url', url: `${BASE}/files/1.mp4`, mediaType: 'video/mp4' } })
    ).arrayBuffer();
    expect(server.calls[1].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('sends the key to a configured base URL on another host', async () => {
    const proxied = createMiniMax({ apiKey: API_KEY, baseURL: 'https://proxy.example.com/minimax/' });
    const result = await proxied.video('MiniMax-Hailuo-2.3').doStart(defaultOptions);
    expect(result.operation).toStrictEqual({ taskId: TASK_ID, api: 'v1' });
    expect(server.calls[0].requestUrl).toBe('https://proxy.example.com/minimax/v1/video_generation');
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });
});

describe('doGenerate', () => {
  it('creates, polls, resolves the file and downloads the video (v1)', async () => {
    server.urls[`${BASE}/v1/query/video_generation`].response = [
      { type: 'json-value', body: { task_id: TASK_ID, status: 'Queueing', base_resp: OK } },
      { type: 'json-value', body: v1Processing },
      { type: 'json-value', body: v1Success },
    ];
    const result = await model().doGenerate(defaultOptions);
    expect(result.videos).toStrictEqual([{ type: 'binary', data: MP4, mediaType: 'video/mp4' }]);
    expect(server.calls.map((call) => `${call.requestMethod} ${new URL(call.requestUrl).pathname}`)).toStrictEqual([
      'POST /v1/video_generation',
      'GET /v1/query/video_generation',
      'GET /v1/query/video_generation',
      'GET /v1/query/video_generation',
      'GET /v1/files/retrieve',
      'GET /output/380417759821825.mp4',
    ]);
    expect(server.calls[5].requestHeaders.authorization).toBeUndefined();
  });

  it("reports a failed task with the job and MiniMax's reason", async () => {
    server.urls[`${BASE}/v1/query/video_generation`].response = {
      type: 'json-value',
      body: { task_id: TASK_ID, status: 'Fail', base_resp: { status_code: 1026, status_msg: 'input new_sensitive' } },
    };
    const error = (await model()
      .doGenerate(defaultOptions)
      .catch((e: unknown) => e)) as { message: string; job?: { operation: unknown } };
    expect(error.message).toContain('input new_sensitive');
    expect(error.job?.operation).toStrictEqual({ taskId: TASK_ID, api: 'v1' });
  });
});
