import {
  APICallError,
  InvalidArgumentError,
  VideoJobAbortedError,
  VideoJobFailedError,
  type VideoModelV3StartOptions,
} from '@videogen/provider-spec';
import { createCallOptions, createTestServer, type TestServerResponse } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import { createFal } from './fal-provider';
import type { FalVideoModel } from './fal-video-model';
import submitFixture from './__fixtures__/fal-video-submit.json';
import statusCompletedFixture from './__fixtures__/fal-video-status-completed.json';
import statusInQueueFixture from './__fixtures__/fal-video-status-in-queue.json';
import statusInProgressFixture from './__fixtures__/fal-video-status-in-progress.json';
import resultFixture from './__fixtures__/fal-video-result.json';
import validationErrorFixture from './__fixtures__/fal-video-result-validation-error.json';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const BASE = 'https://queue.fal.run';
const REQUEST_ID = '80e732af-660e-45cd-bd63-580e4f2a94cc';
const API_KEY = 'fal-test-key-0123456789';
const USER_AGENT = expect.stringMatching(/^videogen\/fal\/0\.0\.0-test ai-sdk\/provider-utils\//);
const APP_URL = `${BASE}/fal-ai/veo3.1/requests/${REQUEST_ID}`;

const defaultOptions = createCallOptions({ prompt: 'A red fox runs through fresh snow at dawn' });

const sse = (...events: unknown[]): TestServerResponse => ({
  type: 'stream-chunks',
  chunks: events.map((event) => `data: ${JSON.stringify(event)}\n\n`),
});

const server = createTestServer({
  // Specific queue routes first: msw uses the first route that matches.
  [`${BASE}/workflows/:owner/:app/requests/:id/status`]: {
    response: { type: 'json-value', status: 202, body: statusInQueueFixture },
  },
  [`${BASE}/:owner/:app/requests/:id/status/stream`]: {
    response: sse(statusInQueueFixture, statusInProgressFixture, statusCompletedFixture),
  },
  [`${BASE}/:owner/:app/requests/:id/status`]: {
    response: { type: 'json-value', status: 202, body: statusInQueueFixture },
  },
  [`${BASE}/:owner/:app/requests/:id/cancel`]: {
    response: { type: 'json-value', status: 202, body: { status: 'CANCELLATION_REQUESTED' } },
  },
  [`${BASE}/:owner/:app/requests/:id`]: {
    response: { type: 'json-value', body: resultFixture, headers: { 'x-fal-billable-units': '8' } },
  },
  // Submissions to any endpoint id.
  [`${BASE}/*`]: { response: { type: 'json-value', body: submitFixture } },
  // Another origin a result may redirect to.
  'https://results.example.com/r.json': { response: { type: 'json-value', body: resultFixture } },
});

function createBasicModel(endpointId = 'fal-ai/veo3.1', settings: Parameters<typeof createFal>[0] = {}) {
  return createFal({ apiKey: API_KEY, ...settings }).video(endpointId) as FalVideoModel;
}

async function submitBody(endpointId: string, options: Partial<VideoModelV3StartOptions>) {
  const model = createBasicModel(endpointId);
  const result = await model.doStart({ ...defaultOptions, ...options });
  return { body: server.calls[0].requestBodyJson, result, call: server.calls[0] };
}

// A PNG signature: the shared input check reads image bytes before anything is sent.
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngDataUri = 'data:image/png;base64,iVBORw0KGgo=';
const firstUrl = 'https://example.com/first.png';
const lastUrl = 'https://example.com/last.png';

describe('constructor', () => {
  it('exposes provider, model id and the spec version', () => {
    const model = createBasicModel('fal-ai/kling-video/v2.6/pro/image-to-video');
    expect(model.provider).toBe('fal.video');
    expect(model.modelId).toBe('fal-ai/kling-video/v2.6/pro/image-to-video');
    expect(model.specificationVersion).toBe('v3');
    expect(model.maxVideosPerCall).toBe(1);
  });

  it('derives capabilities from the endpoint table', () => {
    expect(createBasicModel('fal-ai/veo3.1').capabilities).toStrictEqual({
      durations: [4, 6, 8],
      aspectRatios: ['16:9', '9:16'],
      resolutions: ['1280x720', '720x1280', '1920x1080', '1080x1920'],
      imageRoles: [],
      maxVideosPerCall: 1,
      seed: true,
      audio: true,
      requiresPrompt: true,
    });
    expect(createBasicModel('fal-ai/veo3.1/reference-to-video').capabilities).toMatchObject({
      imageRoles: ['reference'],
      referenceKinds: ['image'],
      maxReferences: 3,
      durations: [8],
    });
    expect(createBasicModel('fal-ai/kling-video/v2.6/pro/image-to-video').capabilities).toStrictEqual({
      durations: [5, 10],
      imageRoles: ['first_frame', 'last_frame'],
      maxVideosPerCall: 1,
      seed: false,
      audio: true,
      requiresPrompt: true,
    });
  });

  it('leaves capabilities of an unknown endpoint unknown', () => {
    expect(createBasicModel('someone/custom-video-app').capabilities).toStrictEqual({ maxVideosPerCall: 1 });
  });
});

describe('doStart', () => {
  it('submits text-to-video to the full endpoint id with the exact headers and body', async () => {
    const { call, result } = await submitBody('fal-ai/veo3.1', {
      aspectRatio: '9:16',
      resolution: '1080x1920',
      duration: 6,
      seed: 0,
      generateAudio: false,
      providerOptions: { fal: { negativePrompt: 'blurry, low quality' } },
    });
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE}/fal-ai/veo3.1`);
    expect(call.requestHeaders).toStrictEqual({
      authorization: `Key ${API_KEY}`,
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'x-fal-queue-priority': 'normal',
    });
    expect(call.requestBodyJson).toStrictEqual({
      prompt: 'A red fox runs through fresh snow at dawn',
      duration: '6s',
      aspect_ratio: '9:16',
      resolution: '1080p',
      generate_audio: false,
      seed: 0,
      negative_prompt: 'blurry, low quality',
    });
    expect(result.warnings).toStrictEqual([]);
    expect(result.operation).toStrictEqual({
      requestId: REQUEST_ID,
      endpointId: 'fal-ai/veo3.1',
      statusUrl: `${APP_URL}/status`,
      responseUrl: APP_URL,
      cancelUrl: `${APP_URL}/cancel`,
    });
    expect(result.providerMetadata).toStrictEqual({ fal: { requestId: REQUEST_ID } });
    expect(result.response.modelId).toBe('fal-ai/veo3.1');
    expect(result.response.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('sends only the prompt when no option is set', async () => {
    const { body } = await submitBody('fal-ai/veo3.1', {});
    expect(body).toStrictEqual({ prompt: 'A red fox runs through fresh snow at dawn' });
  });

  it('derives the aspect ratio from the resolution when none is given', async () => {
    const { body } = await submitBody('fal-ai/veo3.1', { resolution: '1280x720' });
    expect(body).toStrictEqual({ prompt: defaultOptions.prompt, aspect_ratio: '16:9', resolution: '720p' });
  });

  it.each([
    ['fal-ai/veo3.1/first-last-frame-to-video', 'first_frame_url', 'last_frame_url'],
    ['fal-ai/kling-video/v2.6/pro/image-to-video', 'start_image_url', 'end_image_url'],
    ['fal-ai/kling-video/v2.5-turbo/pro/image-to-video', 'image_url', 'tail_image_url'],
    ['fal-ai/minimax/hailuo-02/standard/image-to-video', 'image_url', 'end_image_url'],
    ['fal-ai/luma-dream-machine/ray-2/image-to-video', 'image_url', 'end_image_url'],
    ['someone/custom-video-app', 'image_url', 'end_image_url'],
  ])('sends first and last frame of %s as %s and %s', async (endpointId, firstField, lastField) => {
    const { body, call } = await submitBody(endpointId, {
      frameImages: [
        { frameType: 'first_frame', image: { type: 'file', mediaType: 'image/png', data: png } },
        { frameType: 'last_frame', image: { type: 'url', url: lastUrl } },
      ],
    });
    expect(call.requestUrl).toBe(`${BASE}/${endpointId}`);
    expect(body).toStrictEqual({ prompt: defaultOptions.prompt, [firstField]: pngDataUri, [lastField]: lastUrl });
  });

  it('takes the Vercel-style image option as the first frame and base64 strings as data URIs', async () => {
    const { body } = await submitBody('fal-ai/veo3.1/image-to-video', {
      image: { type: 'file', mediaType: 'image/jpeg', data: '/9j/4AAQ' },
      aspectRatio: 'adaptive',
      duration: 8,
    });
    expect(body).toStrictEqual({
      prompt: defaultOptions.prompt,
      image_url: 'data:image/jpeg;base64,/9j/4AAQ',
      duration: '8s',
      aspect_ratio: 'auto',
    });
  });

  it('sends reference images under the endpoint name', async () => {
    const references = [
      { type: 'url' as const, url: firstUrl },
      { type: 'file' as const, mediaType: 'image/png', data: png },
    ];
    const veo = await submitBody('fal-ai/veo3.1/reference-to-video', { inputReferences: references, duration: 8 });
    expect(veo.body).toStrictEqual({
      prompt: defaultOptions.prompt,
      image_urls: [firstUrl, pngDataUri],
      duration: '8s',
    });
  });

  it('sends reference images of an unknown endpoint as reference_image_urls', async () => {
    const { body } = await submitBody('someone/custom-video-app', {
      inputReferences: [{ type: 'url', url: firstUrl }],
    });
    expect(body).toStrictEqual({ prompt: defaultOptions.prompt, reference_image_urls: [firstUrl] });
  });

  it('maps every option of an unknown endpoint generically', async () => {
    const { body, result } = await submitBody('someone/custom-video-app', {
      aspectRatio: '4:3',
      resolution: '960x720',
      duration: 7,
      seed: 42,
      generateAudio: true,
      providerOptions: { fal: { negativePrompt: 'text' } },
    });
    expect(body).toStrictEqual({
      prompt: defaultOptions.prompt,
      duration: '7',
      aspect_ratio: '4:3',
      resolution: '720p',
      generate_audio: true,
      seed: 42,
      negative_prompt: 'text',
    });
    expect(result.warnings).toStrictEqual([]);
  });

  it('sends Kling and Hailuo durations as bare digit strings', async () => {
    expect((await submitBody('fal-ai/kling-video/v2.5-turbo/pro/text-to-video', { duration: 10 })).body).toStrictEqual({
      prompt: defaultOptions.prompt,
      duration: '10',
    });
    server.calls.length = 0;
    const hailuo = await submitBody('fal-ai/minimax/hailuo-02/standard/image-to-video', {
      image: { type: 'url', url: firstUrl },
      duration: 6,
      resolution: '1366x768',
    });
    expect(hailuo.body).toStrictEqual({
      prompt: defaultOptions.prompt,
      image_url: firstUrl,
      duration: '6',
      resolution: '768P',
    });
  });

  it('adds fal_webhook to the submit URL', async () => {
    const { call } = await submitBody('fal-ai/veo3.1', { webhookUrl: 'https://app.example/api/fal/webhook?x=1' });
    expect(call.requestUrl).toBe(
      `${BASE}/fal-ai/veo3.1?fal_webhook=${encodeURIComponent('https://app.example/api/fal/webhook?x=1')}`,
    );
    expect(call.requestQuery).toStrictEqual({ fal_webhook: 'https://app.example/api/fal/webhook?x=1' });
  });

  it('submits endpoints of other owners and of the workflows and comfy namespaces to their full id', async () => {
    for (const endpointId of ['bytedance/seedance-2/pro', 'workflows/acme/my-flow/run', 'comfy/acme/my-graph']) {
      server.calls.length = 0;
      const { call } = await submitBody(endpointId, {});
      expect(call.requestUrl).toBe(`${BASE}/${endpointId}`);
    }
  });

  it('does not keep queue URLs that are on another origin', async () => {
    server.urls[`${BASE}/*`].response = {
      type: 'json-value',
      body: {
        request_id: REQUEST_ID,
        status_url: `https://evil.example/fal-ai/veo3.1/requests/${REQUEST_ID}/status`,
        response_url: `https://evil.example/fal-ai/veo3.1/requests/${REQUEST_ID}`,
        cancel_url: `https://user:pw@queue.fal.run/fal-ai/veo3.1/requests/${REQUEST_ID}/cancel`,
      },
    };
    const { result } = await submitBody('fal-ai/veo3.1', {});
    expect(result.operation).toStrictEqual({ requestId: REQUEST_ID, endpointId: 'fal-ai/veo3.1' });
  });
});

describe('validation before submitting', () => {
  const rejects = async (
    endpointId: string,
    options: Partial<VideoModelV3StartOptions>,
    argument: string,
    message: RegExp,
  ) => {
    const model = createBasicModel(endpointId);
    await expect(model.doStart({ ...defaultOptions, ...options })).rejects.toSatisfy(
      (error: unknown) =>
        InvalidArgumentError.isInstance(error) && error.argument === argument && message.test(error.message),
    );
    expect(server.calls).toHaveLength(0);
  };

  it('rejects a duration the endpoint cannot make, listing the allowed values', async () => {
    await rejects('fal-ai/veo3.1', { duration: 5 }, 'duration', /Allowed: 4, 6, 8\. Nearest allowed: 6 s/);
    await rejects('fal-ai/kling-video/v2.6/pro/text-to-video', { duration: 7 }, 'duration', /5, 10/);
    await rejects('someone/custom-video-app', { duration: 0 }, 'duration', /greater than 0/);
  });

  it('rejects an aspect ratio or resolution the endpoint cannot take', async () => {
    await rejects('fal-ai/veo3.1', { aspectRatio: '4:3' }, 'aspectRatio', /Allowed: 16:9, 9:16/);
    await rejects('fal-ai/veo3.1', { resolution: '3840x2160' }, 'resolution', /1280x720.*1920x1080/);
    await rejects('fal-ai/veo3.1', { resolution: '1280x720', aspectRatio: '9:16' }, 'aspectRatio', /does not match/);
    await rejects('fal-ai/veo3.1', { resolution: 'big' as never }, 'resolution', /"WxH"/);
    // Endpoints whose resolutions have no aspect ratio list: fal's labels, by short side.
    await rejects(
      'fal-ai/minimax/hailuo-02/standard/image-to-video',
      { image: { type: 'url', url: firstUrl }, resolution: '1920x1080' },
      'resolution',
      /512P .*768P/,
    );
  });

  it('rejects images the endpoint cannot take, and missing required images', async () => {
    await rejects('fal-ai/veo3.1', { image: { type: 'url', url: firstUrl } }, 'image', /does not take a first-frame/);
    await rejects(
      'fal-ai/veo3.1/image-to-video',
      { frameImages: [{ frameType: 'last_frame', image: { type: 'url', url: lastUrl } }] },
      'frameImages',
      /does not take a last-frame/,
    );
    await rejects('fal-ai/veo3.1/image-to-video', {}, 'frameImages', /needs a first frame/);
    await rejects(
      'fal-ai/veo3.1/first-last-frame-to-video',
      { image: { type: 'url', url: firstUrl } },
      'frameImages',
      /needs a last frame/,
    );
    await rejects(
      'fal-ai/veo3.1',
      { inputReferences: [{ type: 'url', url: firstUrl }] },
      'inputReferences',
      /does not take reference images/,
    );
    await rejects(
      'fal-ai/veo3.1/reference-to-video',
      { inputReferences: Array.from({ length: 4 }, () => ({ type: 'url' as const, url: firstUrl })) },
      'inputReferences',
      /at most 3/,
    );
    await rejects(
      'someone/custom-video-app',
      { inputReferences: [{ type: 'url', url: 'https://example.com/clip.mp4' }] },
      'inputReferences',
      /reference images only/,
    );
  });

  it('accepts a required image given through providerOptions.fal.input', async () => {
    const { body } = await submitBody('fal-ai/veo3.1/image-to-video', {
      providerOptions: { fal: { input: { image_url: firstUrl } } },
    });
    expect(body).toStrictEqual({ prompt: defaultOptions.prompt, image_url: firstUrl });
  });

  it('rejects unknown provider options (strict schema) and a bad webhook URL', async () => {
    const model = createBasicModel();
    await expect(
      model.doStart({ ...defaultOptions, providerOptions: { fal: { negative_prompt: 'x' } } }),
    ).rejects.toSatisfy(
      (error: unknown) =>
        InvalidArgumentError.isInstance(error) && /negative_prompt/.test(String((error as Error).cause)),
    );
    await expect(model.doStart({ ...defaultOptions, webhookUrl: 'ftp://x' })).rejects.toSatisfy((error: unknown) =>
      InvalidArgumentError.isInstance(error),
    );
    expect(server.calls).toHaveLength(0);
  });
});

describe('warnings', () => {
  it('reports every option the endpoint cannot take', async () => {
    const { body, result } = await submitBody('fal-ai/kling-video/v2.1/master/image-to-video', {
      image: { type: 'url', url: firstUrl },
      aspectRatio: '16:9',
      resolution: '1920x1080',
      fps: 30,
      seed: 7,
      generateAudio: false,
    });
    expect(body).toStrictEqual({ prompt: defaultOptions.prompt, image_url: firstUrl });
    expect(result.warnings.map((warning) => ('feature' in warning ? warning.feature : warning.message))).toStrictEqual([
      'seed',
      'aspectRatio',
      'resolution',
      'fps',
    ]);
    expect(result.warnings[0]).toMatchObject({ type: 'unsupported', feature: 'seed' });
  });

  it('rejects n > 1 (one video per request; core splits n) and audio on a silent endpoint', async () => {
    const model = createBasicModel('fal-ai/kling-video/v2.1/master/text-to-video');
    await expect(model.doStart({ ...defaultOptions, n: 2 })).rejects.toSatisfy(
      (error: unknown) =>
        InvalidArgumentError.isInstance(error) && error.argument === 'n' && /at most 1 video/.test(error.message),
    );
    await expect(model.doStart({ ...defaultOptions, generateAudio: true })).rejects.toSatisfy(
      (error: unknown) => InvalidArgumentError.isInstance(error) && error.argument === 'generateAudio',
    );
    expect(server.calls).toHaveLength(0);
  });

  it('requires a prompt on known endpoints; a blank prompt is not sent to other endpoints', async () => {
    await expect(
      createBasicModel('fal-ai/veo3.1/image-to-video').doStart({
        ...defaultOptions,
        prompt: '  ',
        image: { type: 'url', url: firstUrl },
      }),
    ).rejects.toSatisfy((error: unknown) => InvalidArgumentError.isInstance(error) && error.argument === 'prompt');
    expect(server.calls).toHaveLength(0);
    const { body } = await submitBody('someone/custom-video-app', {
      prompt: ' ',
      image: { type: 'url', url: firstUrl },
    });
    expect(body).toStrictEqual({ image_url: firstUrl });
  });

  it('warns about a negative prompt the endpoint cannot take', async () => {
    const { body, result } = await submitBody('fal-ai/minimax/hailuo-02/standard/text-to-video', {
      providerOptions: { fal: { negativePrompt: 'x' } },
    });
    expect(body).toStrictEqual({ prompt: defaultOptions.prompt });
    expect(result.warnings).toStrictEqual([
      {
        type: 'unsupported',
        feature: 'providerOptions.fal.negativePrompt',
        details: 'fal-ai/minimax/hailuo-02/standard/text-to-video takes no negative prompt.',
      },
    ]);
  });

  it('never rounds a duration: an error naming the nearest allowed one, or sent as given to other endpoints', async () => {
    await expect(createBasicModel('fal-ai/veo3.1').doStart({ ...defaultOptions, duration: 7.6 })).rejects.toSatisfy(
      (error: unknown) =>
        InvalidArgumentError.isInstance(error) &&
        error.argument === 'duration' &&
        /Nearest allowed: 8 s/.test(error.message),
    );
    const { body, result } = await submitBody('someone/custom-video-app', { duration: 7.5 });
    expect(body).toStrictEqual({ prompt: defaultOptions.prompt, duration: '7.5' });
    expect(result.warnings).toStrictEqual([]);
  });

  it("warns when 'adaptive' cannot be honoured", async () => {
    const { body, result } = await submitBody('fal-ai/veo3.1', { aspectRatio: 'adaptive' });
    expect(body).toStrictEqual({ prompt: defaultOptions.prompt });
    expect(result.warnings).toMatchObject([{ type: 'unsupported', feature: 'aspectRatio' }]);
  });
});

describe('provider options', () => {
  it('passes providerOptions.fal.input through verbatim, after the mapped options', async () => {
    const { body } = await submitBody('fal-ai/kling-video/v2.5-turbo/pro/text-to-video', {
      duration: 5,
      providerOptions: {
        fal: { input: { cfg_scale: 0.3, duration: '10', camera: { pan: 'left', speed: [1, 2] }, enabled: null } },
      },
    });
    expect(body).toStrictEqual({
      prompt: defaultOptions.prompt,
      duration: '10',
      cfg_scale: 0.3,
      camera: { pan: 'left', speed: [1, 2] },
      enabled: null,
    });
  });

  it('sends the queue headers', async () => {
    const { call } = await submitBody('fal-ai/veo3.1', {
      headers: { 'x-custom': 'yes' },
      providerOptions: {
        fal: {
          queuePriority: 'low',
          requestTimeoutSeconds: 120,
          runnerHint: 'warm-1',
          noRetry: true,
          objectExpirationSeconds: 3600,
        },
      },
    });
    expect(call.requestHeaders).toStrictEqual({
      authorization: `Key ${API_KEY}`,
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'x-custom': 'yes',
      'x-fal-queue-priority': 'low',
      'x-fal-request-timeout': '120',
      'x-fal-runner-hint': 'warm-1',
      'x-fal-no-retry': '1',
      'x-fal-object-lifecycle-preference': '{"expiration_duration_seconds":3600}',
    });
  });

  it('keeps logs and useStatusStream in the operation', async () => {
    const { result } = await submitBody('fal-ai/veo3.1', {
      providerOptions: { fal: { logs: true, useStatusStream: false } },
    });
    expect(result.operation).toMatchObject({ logs: true, useStatusStream: false });
  });
});

describe('doStatus', () => {
  const operation = {
    requestId: REQUEST_ID,
    endpointId: 'fal-ai/veo3.1',
    statusUrl: `${APP_URL}/status`,
    responseUrl: APP_URL,
    cancelUrl: `${APP_URL}/cancel`,
  };

  it('reports the queue position as a queue position, never as progress', async () => {
    const status = await createBasicModel().doStatus({ operation });
    expect(status).toStrictEqual({ status: 'pending', providerStatus: 'IN_QUEUE', queuePosition: 2 });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${APP_URL}/status?logs=0`);
    expect(server.calls[0].requestHeaders).toStrictEqual({ authorization: `Key ${API_KEY}`, 'user-agent': USER_AGENT });
  });

  it('reports IN_PROGRESS as pending', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      status: 202,
      body: statusInProgressFixture,
    };
    expect(await createBasicModel().doStatus({ operation })).toStrictEqual({
      status: 'pending',
      providerStatus: 'IN_PROGRESS',
    });
  });

  it('fetches the result when COMPLETED and maps video, content type, size and metadata', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      body: statusCompletedFixture,
    };
    const status = await createBasicModel().doStatus({ operation });
    expect(server.calls.map((call) => [call.requestMethod, call.requestUrl])).toStrictEqual([
      ['GET', `${APP_URL}/status?logs=0`],
      ['GET', APP_URL],
    ]);
    expect(server.calls[1].requestHeaders).toStrictEqual({ authorization: `Key ${API_KEY}`, 'user-agent': USER_AGENT });
    expect(status).toStrictEqual({
      status: 'completed',
      videos: [{ type: 'url', url: 'https://v3.fal.media/files/rabbit/abc123_output.mp4', mediaType: 'video/mp4' }],
      warnings: [],
      providerMetadata: {
        fal: {
          requestId: REQUEST_ID,
          metrics: { inference_time: 41 },
          seed: 1234,
          timings: { inference: 40.2 },
          billableUnits: 8,
          hasNsfwConcepts: [false],
          videos: [
            {
              url: 'https://v3.fal.media/files/rabbit/abc123_output.mp4',
              contentType: 'video/mp4',
              fileName: 'output.mp4',
              fileSize: 4471245,
            },
          ],
        },
      },
      usage: { billedUnits: { quantity: 8, unit: 'units' } },
      response: {
        timestamp: expect.any(Date),
        modelId: 'fal-ai/veo3.1',
        headers: expect.objectContaining({ 'x-fal-billable-units': '8' }),
      },
    });
  });

  it('follows a redirect of the result request without the key when it leaves the configured origin', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      body: statusCompletedFixture,
    };
    server.urls[`${BASE}/:owner/:app/requests/:id`].response = {
      type: 'redirect',
      status: 307,
      location: 'https://results.example.com/r.json',
    };
    server.urls['https://results.example.com/r.json'].response = {
      type: 'json-value',
      body: resultFixture,
      headers: { 'x-fal-billable-units': '2.5' },
    };
    // A custom fetch: the private-network guard then resolves no host names (no DNS in tests).
    const fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);
    const status = await createBasicModel('fal-ai/veo3.1', { fetch }).doStatus({ operation });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      `${APP_URL}/status?logs=0`,
      APP_URL,
      'https://results.example.com/r.json',
    ]);
    expect(server.calls[1].requestHeaders).toMatchObject({ authorization: `Key ${API_KEY}` });
    expect(server.calls[2].requestHeaders).toStrictEqual({ 'user-agent': USER_AGENT });
    expect(status).toMatchObject({ status: 'completed', usage: { billedUnits: { quantity: 2.5, unit: 'units' } } });
  });

  it('reports no usage when the result has no x-fal-billable-units header', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      body: statusCompletedFixture,
    };
    server.urls[`${BASE}/:owner/:app/requests/:id`].response = { type: 'json-value', body: resultFixture };
    const status = await createBasicModel().doStatus({ operation });
    expect(status).toMatchObject({ status: 'completed', providerMetadata: { fal: { seed: 1234 } } });
    expect(status).not.toHaveProperty('usage');
    expect(status).not.toHaveProperty('providerMetadata.fal.billableUnits');
  });

  it('asks for logs and returns them when the operation says so', async () => {
    const logs = [{ message: 'Generating…', level: 'INFO', source: 'USER', timestamp: '2026-05-01T10:30:01.456Z' }];
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      body: { ...statusCompletedFixture, logs },
    };
    const status = await createBasicModel().doStatus({ operation: { ...operation, logs: true } });
    expect(server.calls[0].requestUrl).toBe(`${APP_URL}/status?logs=1`);
    expect(status).toMatchObject({ status: 'completed', providerMetadata: { fal: { logs } } });
  });

  it('turns a failed request (error body on the result) into a failed status with fal’s message', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      body: statusCompletedFixture,
    };
    server.urls[`${BASE}/:owner/:app/requests/:id`].response = {
      type: 'error',
      status: 422,
      body: validationErrorFixture,
    };
    expect(await createBasicModel().doStatus({ operation })).toStrictEqual({
      status: 'failed',
      error: {
        code: 'image_too_large',
        message: 'image_url: Image dimensions are too large. Maximum allowed is 4096x4096.',
      },
      providerMetadata: { fal: { requestId: REQUEST_ID, metrics: { inference_time: 41 } } },
    });
  });

  it('marks content policy failures as content-filtered', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      body: statusCompletedFixture,
    };
    server.urls[`${BASE}/:owner/:app/requests/:id`].response = {
      type: 'error',
      status: 422,
      body: {
        detail: [
          { loc: ['body', 'prompt'], msg: 'The content could not be processed.', type: 'content_policy_violation' },
        ],
      },
    };
    expect(await createBasicModel().doStatus({ operation })).toMatchObject({
      status: 'failed',
      error: { code: 'content_policy_violation', contentFiltered: true },
    });
  });

  it('turns a request-level error stored as the result into a failed status', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      body: statusCompletedFixture,
    };
    server.urls[`${BASE}/:owner/:app/requests/:id`].response = {
      type: 'error',
      status: 504,
      body: { detail: 'Request timed out', error_type: 'request_timeout' },
      headers: { 'x-fal-error-type': 'request_timeout' },
    };
    expect(await createBasicModel().doStatus({ operation })).toMatchObject({
      status: 'failed',
      error: { code: 'request_timeout', message: 'Request timed out (request_timeout)' },
    });
  });

  it('throws (so the poll is retried) when the result cannot be reached', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      body: statusCompletedFixture,
    };
    server.urls[`${BASE}/:owner/:app/requests/:id`].response = {
      type: 'error',
      status: 503,
      body: '<html>bad gateway</html>',
    };
    await expect(createBasicModel().doStatus({ operation })).rejects.toSatisfy(
      (error: unknown) => APICallError.isInstance(error) && error.statusCode === 503 && error.isRetryable,
    );
  });

  it('reports a completed result without a video as failed', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      body: statusCompletedFixture,
    };
    server.urls[`${BASE}/:owner/:app/requests/:id`].response = { type: 'json-value', body: { images: [] } };
    expect(await createBasicModel().doStatus({ operation })).toMatchObject({
      status: 'failed',
      error: { code: 'no_video', message: expect.stringContaining('output keys: images') },
    });
  });

  it('builds the queue URLs from owner/app only when the operation has none', async () => {
    const model = createBasicModel('fal-ai/kling-video/v2.6/pro/image-to-video');
    await model.doStatus({
      operation: { requestId: REQUEST_ID, endpointId: 'fal-ai/kling-video/v2.6/pro/image-to-video' },
    });
    expect(server.calls[0].requestUrl).toBe(`${BASE}/fal-ai/kling-video/requests/${REQUEST_ID}/status?logs=0`);
  });

  it('keeps the namespace for workflows/ and comfy/ endpoint ids', async () => {
    await createBasicModel('workflows/acme/my-flow/run').doStatus({
      operation: { requestId: REQUEST_ID, endpointId: 'workflows/acme/my-flow/run' },
    });
    expect(server.calls[0].requestUrl).toBe(`${BASE}/workflows/acme/my-flow/requests/${REQUEST_ID}/status?logs=0`);
  });

  it('never sends the key to a queue URL on another origin: it derives the URL from the base URL instead', async () => {
    const seen: string[] = [];
    const spyFetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(String(input));
      return globalThis.fetch(input, init);
    });
    const model = createBasicModel('fal-ai/veo3.1', { fetch: spyFetch });
    await model.doStatus({
      operation: {
        requestId: REQUEST_ID,
        endpointId: 'fal-ai/veo3.1',
        statusUrl: `https://evil.example/fal-ai/veo3.1/requests/${REQUEST_ID}/status`,
        responseUrl: `https://evil.example/steal`,
      },
    });
    expect(seen).toStrictEqual([`${APP_URL}/status?logs=0`]);
  });

  it('resumes from a JSON operation with a new provider instance', async () => {
    const start = await createBasicModel().doStart({ ...defaultOptions });
    const stored = JSON.stringify(start.operation);
    expect(stored).not.toContain(API_KEY);
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      body: statusCompletedFixture,
    };

    const resumed = createFal({ apiKey: 'another-key' }).video('fal-ai/veo3.1');
    const status = await resumed.doStatus!({ operation: JSON.parse(stored) });
    expect(status.status).toBe('completed');
    expect(server.calls.slice(1).map((call) => [call.requestUrl, call.requestHeaders.authorization])).toStrictEqual([
      [`${APP_URL}/status?logs=0`, 'Key another-key'],
      [APP_URL, 'Key another-key'],
    ]);
  });

  it('rejects an operation that is not a fal job reference', async () => {
    await expect(createBasicModel().doStatus({ operation: { id: 'x' } })).rejects.toSatisfy((error: unknown) =>
      InvalidArgumentError.isInstance(error),
    );
    await expect(
      createBasicModel().doStatus({ operation: { requestId: 'x', endpointId: '../../etc' } }),
    ).rejects.toSatisfy((error: unknown) => InvalidArgumentError.isInstance(error));
    expect(server.calls).toHaveLength(0);
  });
});

describe('doWatch and doGenerate', () => {
  const fast = { fal: { pollIntervalMs: 10 } };

  it('watches the SSE status stream and returns the video', async () => {
    const model = createBasicModel();
    const result = await model.doGenerate({ ...defaultOptions, providerOptions: fast });
    expect(server.calls.map((call) => [call.requestMethod, call.requestUrl])).toStrictEqual([
      ['POST', `${BASE}/fal-ai/veo3.1`],
      ['GET', `${APP_URL}/status/stream?logs=0`],
      ['GET', APP_URL],
    ]);
    expect(server.calls[1].requestHeaders).toStrictEqual({
      accept: 'text/event-stream',
      authorization: `Key ${API_KEY}`,
      'user-agent': USER_AGENT,
    });
    expect(result.videos).toStrictEqual([
      { type: 'url', url: 'https://v3.fal.media/files/rabbit/abc123_output.mp4', mediaType: 'video/mp4' },
    ]);
    expect(result.providerMetadata?.fal).toMatchObject({ requestId: REQUEST_ID, billableUnits: 8, seed: 1234 });
    expect(result.usage).toStrictEqual({ billedUnits: { quantity: 8, unit: 'units' } });
  });

  it("polls at fal's queue default (500 ms) when no interval is given", async () => {
    // Timeouts and the clock are faked (the poll schedule reads the clock, and real time passing on a
    // loaded machine would make a poll due early); requests settle on real I/O turns.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const settle = async (calls: number) => {
      for (let turn = 0; turn < 200 && server.calls.length < calls; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    try {
      server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = [
        { type: 'json-value', status: 202, body: statusInQueueFixture },
        { type: 'json-value', body: statusCompletedFixture },
      ];
      const model = createBasicModel();
      expect(model.pollIntervalMs).toBe(500);
      const generating = model.doGenerate({ ...defaultOptions, providerOptions: { fal: { useStatusStream: false } } });
      await settle(2);
      expect(server.calls).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(499);
      await settle(3);
      expect(server.calls).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      await settle(4);
      expect(server.calls).toHaveLength(4);
      expect((await generating).videos).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('yields pending statuses from the stream, then the completed one', async () => {
    const statuses = [];
    for await (const status of createBasicModel().doWatch({
      operation: { requestId: REQUEST_ID, endpointId: 'fal-ai/veo3.1', statusUrl: `${APP_URL}/status` },
    })) {
      statuses.push(status.status === 'completed' ? 'completed' : status);
    }
    expect(statuses).toStrictEqual([
      { status: 'pending', providerStatus: 'IN_QUEUE', queuePosition: 2 },
      { status: 'pending', providerStatus: 'IN_PROGRESS' },
      'completed',
    ]);
  });

  it('falls back to polling when the stream fails', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status/stream`].response = { type: 'error', status: 500 };
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = [
      { type: 'json-value', status: 202, body: statusInProgressFixture },
      { type: 'json-value', body: statusCompletedFixture },
    ];
    const result = await createBasicModel().doGenerate({ ...defaultOptions, providerOptions: fast });
    expect(server.calls.map((call) => [call.requestMethod, call.requestUrl])).toStrictEqual([
      ['POST', `${BASE}/fal-ai/veo3.1`],
      ['GET', `${APP_URL}/status/stream?logs=0`],
      ['GET', `${APP_URL}/status?logs=0`],
      ['GET', `${APP_URL}/status?logs=0`],
      ['GET', APP_URL],
    ]);
    expect(result.videos).toHaveLength(1);
  });

  it('falls back to polling when the stream ends before completion', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status/stream`].response = sse(statusInQueueFixture);
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = {
      type: 'json-value',
      body: statusCompletedFixture,
    };
    const result = await createBasicModel().doGenerate({ ...defaultOptions, providerOptions: fast });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      `${BASE}/fal-ai/veo3.1`,
      `${APP_URL}/status/stream?logs=0`,
      `${APP_URL}/status?logs=0`,
      APP_URL,
    ]);
    expect(result.videos).toHaveLength(1);
  });

  it('polls only when useStatusStream is false', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status`].response = [
      { type: 'json-value', status: 202, body: statusInQueueFixture },
      { type: 'json-value', body: statusCompletedFixture },
    ];
    await createBasicModel().doGenerate({
      ...defaultOptions,
      providerOptions: { fal: { pollIntervalMs: 10, useStatusStream: false } },
    });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      `${BASE}/fal-ai/veo3.1`,
      `${APP_URL}/status?logs=0`,
      `${APP_URL}/status?logs=0`,
      APP_URL,
    ]);
  });

  it('throws the job-failed error with fal’s message when the request failed', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id`].response = {
      type: 'error',
      status: 422,
      body: validationErrorFixture,
    };
    const error = await createBasicModel()
      .doGenerate({ ...defaultOptions, providerOptions: fast })
      .catch((caught: unknown) => caught);
    expect(VideoJobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'image_too_large',
      providerMessage: 'image_url: Image dimensions are too large. Maximum allowed is 4096x4096.',
      job: { provider: 'fal.video', modelId: 'fal-ai/veo3.1', operation: { requestId: REQUEST_ID } },
    });
  });

  it('cancels the request at fal when the call is aborted', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/status/stream`].response = { type: 'hang' };
    const controller = new AbortController();
    const generating = createBasicModel().doGenerate({
      ...defaultOptions,
      providerOptions: fast,
      abortSignal: controller.signal,
    });
    await vi.waitFor(() =>
      expect(server.calls.map((call) => call.route)).toContain(`${BASE}/:owner/:app/requests/:id/status/stream`),
    );
    controller.abort();
    const error = await generating.catch((caught: unknown) => caught);
    expect(VideoJobAbortedError.isInstance(error)).toBe(true);
    expect(await (error as VideoJobAbortedError).cancellation).toBe('cancelled');
    const cancel = server.calls.find((call) => call.requestMethod === 'PUT');
    expect(cancel?.requestUrl).toBe(`${APP_URL}/cancel`);
    expect(cancel?.requestHeaders).toStrictEqual({ authorization: `Key ${API_KEY}`, 'user-agent': USER_AGENT });
  });
});

describe('doCancel', () => {
  const operation = { requestId: REQUEST_ID, endpointId: 'fal-ai/veo3.1', cancelUrl: `${APP_URL}/cancel` };

  it('PUTs the cancel URL (202 CANCELLATION_REQUESTED)', async () => {
    await createBasicModel().doCancel({ operation, headers: { 'x-trace': 't1' } });
    expect(server.calls.map((call) => [call.requestMethod, call.requestUrl])).toStrictEqual([
      ['PUT', `${APP_URL}/cancel`],
    ]);
    expect(server.calls[0].requestHeaders).toStrictEqual({
      authorization: `Key ${API_KEY}`,
      'user-agent': USER_AGENT,
      'x-trace': 't1',
    });
    expect(server.calls[0].requestBodyJson).toBeUndefined();
  });

  it('builds the cancel URL from the base URL when the operation has none', async () => {
    await createBasicModel().doCancel({ operation: { requestId: REQUEST_ID, endpointId: 'fal-ai/veo3.1/fast' } });
    expect(server.calls.map((call) => [call.requestMethod, call.requestUrl])).toStrictEqual([
      ['PUT', `${APP_URL}/cancel`],
    ]);
  });

  it('treats ALREADY_COMPLETED as done', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/cancel`].response = {
      type: 'error',
      status: 400,
      body: { status: 'ALREADY_COMPLETED' },
    };
    await expect(createBasicModel().doCancel({ operation })).resolves.toBeUndefined();
  });

  it('throws for NOT_FOUND', async () => {
    server.urls[`${BASE}/:owner/:app/requests/:id/cancel`].response = {
      type: 'error',
      status: 404,
      body: { status: 'NOT_FOUND' },
    };
    await expect(createBasicModel().doCancel({ operation })).rejects.toSatisfy(
      (error: unknown) => APICallError.isInstance(error) && error.statusCode === 404,
    );
  });
});
