import { InvalidArgumentError, type VideoJob } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import { createXai } from './xai-provider';
import { XaiVideoModel } from './xai-video-model';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

// sourceVideo (edit, extend) × origin (job, url, data): the exact request, and every refusal
// before anything is paid for.

const BASE_URL = 'https://api.x.ai/v1';
const REQUEST_ID = 'new-request';
const SOURCE_ID = 'source-request';
const SOURCE_URL = 'https://vidgen.x.ai/xai-vidgen-bucket/xai-video-source.mp4';
const OTHER_URL = 'https://cdn.example.com/clip.mp4';
const MP4_BYTES = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 109, 112, 52, 50, 0, 0, 0, 0]);
const MP4_DATA_URL = `data:video/mp4;base64,${Buffer.from(MP4_BYTES).toString('base64')}`;
const PNG_BYTES = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
const PROMPT = 'The lantern drifts higher';

const done = (url = SOURCE_URL) => ({
  status: 'done',
  model: 'grok-imagine-video',
  video: { url, duration: 6, respect_moderation: true },
});

const server = createTestServer({
  [`${BASE_URL}/videos/edits`]: { response: { type: 'json-value', body: { request_id: REQUEST_ID } } },
  [`${BASE_URL}/videos/extensions`]: { response: { type: 'json-value', body: { request_id: REQUEST_ID } } },
  [`${BASE_URL}/videos/generations`]: { response: { type: 'json-value', body: { request_id: REQUEST_ID } } },
  [`${BASE_URL}/videos/:id`]: { response: { type: 'json-value', body: done() } },
});

const job: VideoJob = {
  specificationVersion: 'v3',
  provider: 'xai.video',
  modelId: 'grok-imagine-video',
  operation: { requestId: SOURCE_ID },
};

function createModel(modelId = 'grok-imagine-video') {
  return new XaiVideoModel(modelId, {
    provider: 'xai.video',
    baseURL: BASE_URL,
    headers: async () => ({ authorization: 'Bearer xai-test-key' }),
  });
}

const start = (options: Partial<ReturnType<typeof createCallOptions>>, modelId?: string) =>
  createModel(modelId).doStart(createCallOptions({ prompt: PROMPT, ...options }));

describe('capabilities.sourceVideo', () => {
  it('grok-imagine-video edits (≤ 8.7 s) and extends (2..15 s, adding 2..10 s) MP4s from a job, a URL or bytes', () => {
    expect(createModel().capabilities.sourceVideo).toStrictEqual([
      { operation: 'edit', origins: ['job', 'url', 'data'], maxDuration: 8.7, mediaTypes: ['video/mp4'] },
      {
        operation: 'extend',
        origins: ['job', 'url', 'data'],
        maxDuration: 15,
        mediaTypes: ['video/mp4'],
        durations: { min: 2, max: 10 },
      },
    ]);
    expect(createModel('grok-imagine-video-1.5').capabilities.sourceVideo).toBeUndefined();
    expect(createModel('grok-imagine-video-2').capabilities.sourceVideo).toHaveLength(2);
  });
});

describe('doStart with sourceVideo', () => {
  it('edit × url: POST /videos/edits with the URL as video.url, the key and the user agent', async () => {
    const result = await createXai({ apiKey: 'xai-test-key' })
      .video('grok-imagine-video')
      .doStart(
        createCallOptions({
          prompt: PROMPT,
          sourceVideo: { operation: 'edit', video: { type: 'url', url: OTHER_URL } },
          providerOptions: { xai: { user: 'u-1' } },
        }),
      );
    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE_URL}/videos/edits`);
    expect(call.requestHeaders.authorization).toBe('Bearer xai-test-key');
    expect(call.requestHeaders['content-type']).toBe('application/json');
    expect(call.requestHeaders['user-agent']).toMatch(/videogen\/xai\/0\.0\.0-test/);
    expect(call.requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video',
      prompt: PROMPT,
      video: { url: OTHER_URL },
      user: 'u-1',
    });
    expect(result.operation).toStrictEqual({ requestId: REQUEST_ID });
    expect(result.providerMetadata).toStrictEqual({ xai: { requestId: REQUEST_ID, mode: 'edit' } });
  });

  it('edit × data: bytes go inline as a data:video/mp4 URL', async () => {
    await start({
      sourceVideo: { operation: 'edit', video: { type: 'file', data: MP4_BYTES, mediaType: 'video/mp4' } },
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video',
      prompt: PROMPT,
      video: { url: MP4_DATA_URL },
    });
  });

  it('extend × data: a data: URL is sent as it is, with the added duration', async () => {
    await start({ duration: 4, sourceVideo: { operation: 'extend', video: { type: 'url', url: MP4_DATA_URL } } });
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/extensions`);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video',
      prompt: PROMPT,
      video: { url: MP4_DATA_URL },
      duration: 4,
    });
  });

  it("extend × job: the job's video URL is looked up (GET /videos/{id}, free) and sent; nothing is uploaded", async () => {
    const result = await start({ duration: 3, sourceVideo: { operation: 'extend', job } });
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `GET ${BASE_URL}/videos/${SOURCE_ID}`,
      `POST ${BASE_URL}/videos/extensions`,
    ]);
    expect(server.calls[1].requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video',
      prompt: PROMPT,
      video: { url: SOURCE_URL },
      duration: 3,
    });
    expect(result.providerMetadata).toStrictEqual({ xai: { requestId: REQUEST_ID, mode: 'extension' } });
  });

  it("edit × job: the completed status's videoUrl (or the job's video URL) is used without a lookup", async () => {
    await start({ sourceVideo: { operation: 'edit', job, providerMetadata: { xai: { videoUrl: SOURCE_URL } } } });
    await start({ sourceVideo: { operation: 'edit', job, video: { type: 'url', url: OTHER_URL } } });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      `${BASE_URL}/videos/edits`,
      `${BASE_URL}/videos/edits`,
    ]);
    expect(server.calls[0].requestBodyJson.video).toStrictEqual({ url: SOURCE_URL });
    expect(server.calls[1].requestBodyJson.video).toStrictEqual({ url: OTHER_URL });
  });

  it('a job of another provider is sent by its video (its id means nothing to xAI)', async () => {
    await start({
      sourceVideo: {
        operation: 'edit',
        job: { ...job, provider: 'luma.video', operation: { id: 'gen' } },
        video: { type: 'url', url: OTHER_URL },
      },
    });
    expect(server.calls[0].requestBodyJson.video).toStrictEqual({ url: OTHER_URL });
  });

  it('warns for what an edit keeps (duration, resolution) as with providerOptions.xai.mode', async () => {
    const result = await start({
      duration: 5,
      resolution: '1280x720',
      sourceVideo: { operation: 'edit', video: { type: 'url', url: OTHER_URL } },
    });
    expect(result.warnings.map((warning) => (warning as { feature: string }).feature)).toStrictEqual([
      'resolution',
      'duration',
    ]);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'grok-imagine-video',
      prompt: PROMPT,
      video: { url: OTHER_URL },
    });
  });
});

describe('refusals before anything is paid for', () => {
  const url = { type: 'url', url: OTHER_URL } as const;

  it('refuses grok-imagine-video-1.5 (no edits or extensions) and the remix and video-to-video operations', async () => {
    await expect(
      start({ sourceVideo: { operation: 'edit', video: url } }, 'grok-imagine-video-1.5'),
    ).rejects.toMatchObject({ argument: 'sourceVideo', message: expect.stringContaining('takes no source video') });
    await expect(start({ sourceVideo: { operation: 'remix', video: url } })).rejects.toMatchObject({
      argument: 'sourceVideo',
      message: expect.stringContaining('operations it supports: edit, extend'),
    });
    await expect(start({ sourceVideo: { operation: 'video-to-video', video: url } })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(server.calls).toHaveLength(0);
  });

  it('refuses a file that is not a video, a non-MP4 video, and an extension adding 11 s', async () => {
    await expect(
      start({ sourceVideo: { operation: 'edit', video: { type: 'file', data: PNG_BYTES, mediaType: 'image/png' } } }),
    ).rejects.toMatchObject({ argument: 'sourceVideo', message: expect.stringContaining('not a video') });
    await expect(
      start({ sourceVideo: { operation: 'extend', video: { type: 'url', url: 'https://cdn.example.com/a.mov' } } }),
    ).rejects.toMatchObject({ message: expect.stringContaining('video/mp4') });
    await expect(start({ duration: 11, sourceVideo: { operation: 'extend', video: url } })).rejects.toMatchObject({
      argument: 'duration',
    });
    expect(server.calls).toHaveLength(0);
  });

  it('refuses sourceVideo together with providerOptions.xai.mode / videoUrl, images, a blank prompt, index 1', async () => {
    await expect(
      start({ sourceVideo: { operation: 'edit', video: url }, providerOptions: { xai: { videoUrl: OTHER_URL } } }),
    ).rejects.toMatchObject({ argument: 'sourceVideo', message: expect.stringContaining('not both') });
    await expect(
      start({ sourceVideo: { operation: 'extend', video: url }, providerOptions: { xai: { mode: 'extend-video' } } }),
    ).rejects.toMatchObject({ argument: 'sourceVideo' });
    await expect(
      start({
        sourceVideo: { operation: 'edit', video: url },
        image: { type: 'url', url: 'https://cdn.example.com/a.png' },
      }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(start({ prompt: ' ', sourceVideo: { operation: 'edit', video: url } })).rejects.toMatchObject({
      argument: 'prompt',
    });
    await expect(start({ sourceVideo: { operation: 'edit', job, index: 1 } })).rejects.toMatchObject({
      argument: 'sourceVideo',
      message: expect.stringContaining('index 1'),
    });
    expect(server.calls).toHaveLength(0);
  });

  it('refuses a source job that has no video yet after its (free) status lookup, before any POST', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = { type: 'json-value', status: 202, body: { status: 'pending' } };
    await expect(start({ sourceVideo: { operation: 'extend', job } })).rejects.toMatchObject({
      argument: 'sourceVideo',
      message: `The xAI job ${SOURCE_ID} has no video to extend: it is still running.`,
    });
    expect(server.calls.map((call) => call.requestMethod)).toStrictEqual(['GET']);
  });
});

describe('doGetDownloadUrl', () => {
  it("returns the completed job's public URL (no documented expiry) and refuses a running job", async () => {
    const model = createModel();
    expect(await model.doGetDownloadUrl({ operation: { requestId: SOURCE_ID } })).toStrictEqual({
      url: SOURCE_URL,
      mediaType: 'video/mp4',
    });
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/${SOURCE_ID}`);
    await expect(model.doGetDownloadUrl({ operation: { requestId: SOURCE_ID }, index: 1 })).rejects.toMatchObject({
      argument: 'index',
    });
    server.urls[`${BASE_URL}/videos/:id`].response = { type: 'empty', status: 202 };
    await expect(model.doGetDownloadUrl({ operation: { requestId: SOURCE_ID } })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});

describe('listVideoModels', () => {
  it("lists the package's models with the capabilities the model class reports (xAI has no video model list)", async () => {
    const provider = createXai({ apiKey: 'k' });
    const catalog = await provider.listVideoModels();
    expect(catalog.map(({ modelId, name, source, provider: id }) => ({ modelId, name, source, id }))).toStrictEqual([
      { modelId: 'grok-imagine-video', name: 'Grok Imagine Video', source: 'static', id: 'xai.video' },
      { modelId: 'grok-imagine-video-1.5', name: 'Grok Imagine Video 1.5', source: 'static', id: 'xai.video' },
    ]);
    expect(catalog[0].capabilities).toStrictEqual(provider.video('grok-imagine-video').capabilities);
    expect(catalog[1].capabilities.sourceVideo).toBeUndefined();
    expect(server.calls).toHaveLength(0);
    expect('listJobs' in provider).toBe(false);
  });
});
