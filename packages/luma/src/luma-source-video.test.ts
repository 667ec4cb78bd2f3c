import { APICallError, InvalidArgumentError, type VideoJob } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import completedGeneration from './__fixtures__/luma-generation-completed.json';
import dreamingGeneration from './__fixtures__/luma-generation-dreaming.json';
import failedGeneration from './__fixtures__/luma-generation-moderated.json';
import queuedGeneration from './__fixtures__/luma-generation-queued.json';
import { createLuma } from './luma-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

// sourceVideo (extend from a job, video-to-video from a job or a URL), and the gateway
// operations: list with offset cursors, delete, public download links, the static catalog.

const API_KEY = 'luma-TEST-distinctive-key-4e2a91';
const BASE = 'https://api.lumalabs.ai/dream-machine/v1';
const SOURCE_ID = 'a0b1c2d3-0000-4000-8000-000000000001';
const SOURCE_URL = completedGeneration.assets.video;
const OTHER_URL = 'https://cdn.example.com/clip.mp4';
const PROMPT = 'The tiger rolls around';
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 7, 7]);

const server = createTestServer({
  [`${BASE}/generations/video`]: { response: { type: 'json-value', body: queuedGeneration, status: 201 } },
  [`${BASE}/generations/video/modify`]: { response: { type: 'json-value', body: queuedGeneration, status: 201 } },
  [`${BASE}/generations/:id`]: { response: { type: 'json-value', body: completedGeneration } },
  [`${BASE}/generations`]: { response: { type: 'json-value', body: { generations: [] } } },
});

const job: VideoJob = {
  specificationVersion: 'v3',
  provider: 'luma.video',
  modelId: 'ray-2',
  operation: { id: SOURCE_ID },
};

const model = (modelId = 'ray-2') => createLuma({ apiKey: API_KEY }).video(modelId);
const start = (options: Partial<ReturnType<typeof createCallOptions>>, modelId?: string) =>
  model(modelId).doStart(createCallOptions({ prompt: PROMPT, ...options }));

describe('doStart with sourceVideo', () => {
  it('extend × job: POST /generations/video with keyframes.frame0 = the generation, the key and user agent', async () => {
    const result = await start({ duration: 9, sourceVideo: { operation: 'extend', job } });
    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE}/generations/video`);
    expect(call.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.requestHeaders['user-agent']).toMatch(/videogen\/luma\/0\.0\.0-test/);
    expect(call.requestBodyJson).toStrictEqual({
      model: 'ray-2',
      prompt: PROMPT,
      duration: '9s',
      keyframes: { frame0: { type: 'generation', id: SOURCE_ID } },
    });
    expect(result.operation).toStrictEqual({ id: queuedGeneration.id });
  });

  it('extend × job towards a last-frame image (frame1), and a job given with its video too', async () => {
    await start({
      sourceVideo: { operation: 'extend', job, video: { type: 'url', url: SOURCE_URL } },
      frameImages: [{ frameType: 'last_frame', image: { type: 'url', url: 'https://cdn.example.com/end.png' } }],
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'ray-2',
      prompt: PROMPT,
      keyframes: {
        frame0: { type: 'generation', id: SOURCE_ID },
        frame1: { type: 'image', url: 'https://cdn.example.com/end.png' },
      },
    });
  });

  it('video-to-video × url: POST /generations/video/modify with media.url and the default mode adhere_1', async () => {
    await start({ sourceVideo: { operation: 'video-to-video', video: { type: 'url', url: OTHER_URL } } });
    expect(server.calls[0].requestUrl).toBe(`${BASE}/generations/video/modify`);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      generation_type: 'modify_video',
      model: 'ray-2',
      media: { url: OTHER_URL },
      mode: 'adhere_1',
      prompt: PROMPT,
    });
  });

  it("video-to-video × job: the generation's assets.video is looked up (free) and sent with modifyMode", async () => {
    await start(
      { sourceVideo: { operation: 'video-to-video', job }, providerOptions: { luma: { modifyMode: 'reimagine_2' } } },
      'ray-flash-2',
    );
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `GET ${BASE}/generations/${SOURCE_ID}`,
      `POST ${BASE}/generations/video/modify`,
    ]);
    expect(server.calls[1].requestBodyJson).toStrictEqual({
      generation_type: 'modify_video',
      model: 'ray-flash-2',
      media: { url: SOURCE_URL },
      mode: 'reimagine_2',
      prompt: PROMPT,
    });
  });

  it("video-to-video × job: the completed status's videoUrl is used without a lookup", async () => {
    await start({
      sourceVideo: { operation: 'video-to-video', job, providerMetadata: { luma: { videoUrl: SOURCE_URL } } },
    });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([`${BASE}/generations/video/modify`]);
    expect(server.calls[0].requestBodyJson.media).toStrictEqual({ url: SOURCE_URL });
  });
});

describe('refusals before anything is paid for', () => {
  const url = { type: 'url', url: OTHER_URL } as const;

  it('extends only a job of this provider (Luma takes no video file to extend)', async () => {
    await expect(start({ sourceVideo: { operation: 'extend', video: url } })).rejects.toMatchObject({
      argument: 'sourceVideo',
      message: expect.stringContaining('no file'),
    });
    await expect(
      start({ sourceVideo: { operation: 'extend', job: { ...job, provider: 'xai.video' }, video: url } }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses edit and remix, video-to-video on ray-1-6, bytes (no upload) and a second video of a job', async () => {
    await expect(start({ sourceVideo: { operation: 'edit', video: url } })).rejects.toMatchObject({
      message: expect.stringContaining('operations it supports: extend, video-to-video'),
    });
    await expect(start({ sourceVideo: { operation: 'remix', job } })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(start({ sourceVideo: { operation: 'video-to-video', video: url } }, 'ray-1-6')).rejects.toMatchObject({
      argument: 'sourceVideo',
    });
    await expect(
      start({
        sourceVideo: { operation: 'video-to-video', video: { type: 'file', data: MP4, mediaType: 'video/mp4' } },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('public http(s) URL') });
    await expect(start({ sourceVideo: { operation: 'extend', job, index: 1 } })).rejects.toMatchObject({
      message: expect.stringContaining('index 1'),
    });
    expect(server.calls).toHaveLength(0);
  });

  it('refuses sourceVideo together with providerOptions.luma.modify / startGenerationId, and a first frame on extend', async () => {
    await expect(
      start({
        sourceVideo: { operation: 'video-to-video', video: url },
        providerOptions: { luma: { modify: { videoUrl: OTHER_URL, mode: 'flex_1' } } },
      }),
    ).rejects.toMatchObject({ argument: 'sourceVideo', message: expect.stringContaining('not both') });
    await expect(
      start({ sourceVideo: { operation: 'extend', job }, providerOptions: { luma: { startGenerationId: SOURCE_ID } } }),
    ).rejects.toMatchObject({ argument: 'sourceVideo' });
    await expect(
      start({
        sourceVideo: { operation: 'extend', job },
        image: { type: 'url', url: 'https://cdn.example.com/a.png' },
      }),
    ).rejects.toMatchObject({ argument: 'sourceVideo' });
    await expect(
      start({ providerOptions: { luma: { modify: { videoUrl: OTHER_URL, mode: 'flex_1' }, modifyMode: 'flex_2' } } }),
    ).rejects.toMatchObject({ argument: 'providerOptions.luma.modifyMode' });
    await expect(start({ prompt: '', sourceVideo: { operation: 'extend', job } })).rejects.toMatchObject({
      argument: 'prompt',
    });
    expect(server.calls).toHaveLength(0);
  });

  it('warns that modifyMode without a video-to-video source is not sent', async () => {
    const result = await start({ providerOptions: { luma: { modifyMode: 'flex_2' } } });
    expect(result.warnings).toStrictEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'providerOptions.luma.modifyMode' }),
    ]);
    expect(server.calls[0].requestBodyJson).toStrictEqual({ model: 'ray-2', prompt: PROMPT });
  });

  it('refuses a source generation that has no video yet after its (free) lookup, before any POST', async () => {
    server.urls[`${BASE}/generations/:id`].response = { type: 'json-value', body: dreamingGeneration };
    await expect(start({ sourceVideo: { operation: 'video-to-video', job } })).rejects.toMatchObject({
      argument: 'sourceVideo',
      message: `The Luma generation ${SOURCE_ID} has no video to restyle: it is still running.`,
    });
    expect(server.calls.map((call) => call.requestMethod)).toStrictEqual(['GET']);
  });
});

describe('doListJobs / listJobs', () => {
  const generation = (id: string, state: string, extra: Record<string, unknown> = {}) => ({
    ...completedGeneration,
    id,
    state,
    assets: state === 'completed' ? completedGeneration.assets : null,
    failure_reason: state === 'failed' ? 'Advanced moderation failed' : null,
    ...extra,
  });

  it('sends limit and the cursor as offset, maps each generation, and gives the next offset as the cursor', async () => {
    server.urls[`${BASE}/generations`].response = {
      type: 'json-value',
      body: {
        generations: [
          generation('g-1', 'dreaming'),
          generation('g-2', 'completed'),
          generation('g-3', 'failed'),
          generation('g-4', 'completed', { model: 'ray-flash-2' }),
          generation('g-5', 'completed', { generation_type: 'image' }),
        ],
        count: 5,
        has_more: true,
        limit: 5,
        offset: 10,
      },
    };
    const page = await model().doListJobs({ limit: 5, after: '10' });
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/generations?limit=5&offset=10`);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(page).toStrictEqual({
      jobs: [
        {
          operation: { id: 'g-1' },
          modelId: 'ray-2',
          status: 'pending',
          providerStatus: 'dreaming',
          createdAt: new Date('2026-11-30T10:20:00.000Z'),
          providerMetadata: { luma: { generationId: 'g-1' } },
        },
        {
          operation: { id: 'g-2' },
          modelId: 'ray-2',
          status: 'completed',
          providerStatus: 'completed',
          createdAt: new Date('2026-11-30T10:20:00.000Z'),
          providerMetadata: { luma: { generationId: 'g-2', videoUrl: SOURCE_URL } },
        },
        {
          operation: { id: 'g-3' },
          modelId: 'ray-2',
          status: 'failed',
          providerStatus: 'failed',
          createdAt: new Date('2026-11-30T10:20:00.000Z'),
          error: { message: 'Advanced moderation failed', contentFiltered: true },
          providerMetadata: { luma: { generationId: 'g-3' } },
        },
      ],
      nextCursor: '15',
    });
  });

  it('filters by status on the page (Luma cannot), lists every model at the provider, ends without has_more', async () => {
    server.urls[`${BASE}/generations`].response = {
      type: 'json-value',
      body: {
        generations: [generation('g-1', 'dreaming'), generation('g-4', 'completed', { model: 'ray-flash-2' })],
        has_more: false,
      },
    };
    const page = await createLuma({ apiKey: API_KEY }).listJobs({ status: 'completed' });
    expect(server.calls[0].requestUrl).toBe(`${BASE}/generations`);
    expect(page).toStrictEqual({
      jobs: [expect.objectContaining({ operation: { id: 'g-4' }, modelId: 'ray-flash-2', status: 'completed' })],
    });
    const canceled = await createLuma({ apiKey: API_KEY }).listJobs({ status: 'canceled' });
    expect(canceled.jobs).toStrictEqual([]);
  });

  it('a listed job resumes with doStatus', async () => {
    server.urls[`${BASE}/generations`].response = {
      type: 'json-value',
      body: { generations: [completedGeneration], has_more: false },
    };
    const [listed] = (await model().doListJobs({})).jobs;
    const status = await model().doStatus({ operation: listed.operation });
    expect(status).toMatchObject({ status: 'completed', videos: [{ type: 'url', url: SOURCE_URL }] });
  });

  it('refuses a cursor that is not an offset and a limit below 1, without a request', async () => {
    await expect(model().doListJobs({ after: 'abc' })).rejects.toMatchObject({ argument: 'after' });
    await expect(model().doListJobs({ limit: 0 })).rejects.toMatchObject({ argument: 'limit' });
    expect(server.calls).toHaveLength(0);
  });
});

describe('doDelete', () => {
  it('sends DELETE /generations/{id} (204), and resolves for a generation already gone (404)', async () => {
    server.urls[`${BASE}/generations/:id`].response = [
      { type: 'empty', status: 204 },
      { type: 'error', status: 404, body: JSON.stringify({ detail: 'Generation not found' }) },
      { type: 'error', status: 401, body: JSON.stringify({ detail: 'Invalid API key' }) },
    ];
    await model().doDelete({ operation: { id: SOURCE_ID } });
    expect(server.calls[0].requestMethod).toBe('DELETE');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/generations/${SOURCE_ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    await model().doDelete({ operation: { id: SOURCE_ID } });
    const error = await model()
      .doDelete({ operation: { id: SOURCE_ID } })
      .catch((caught) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401 });
  });
});

describe('doGetDownloadUrl', () => {
  it("returns the completed generation's public CDN URL (no documented expiry) and refuses a failed one", async () => {
    expect(await model().doGetDownloadUrl({ operation: { id: SOURCE_ID } })).toStrictEqual({
      url: SOURCE_URL,
      mediaType: 'video/mp4',
    });
    server.urls[`${BASE}/generations/:id`].response = { type: 'json-value', body: failedGeneration };
    await expect(model().doGetDownloadUrl({ operation: { id: SOURCE_ID } })).rejects.toMatchObject({
      argument: 'operation',
      message: 'The Luma generation a0b1c2d3-0000-4000-8000-000000000001 has no video yet: it failed.',
    });
  });
});

describe('listVideoModels', () => {
  it("lists the package's models with the capabilities the model class reports (Luma has no model list)", async () => {
    const provider = createLuma({ apiKey: API_KEY });
    const catalog = await provider.listVideoModels();
    expect(catalog.map(({ modelId, name, source }) => ({ modelId, name, source }))).toStrictEqual([
      { modelId: 'ray-2', name: 'Ray 2', source: 'static' },
      { modelId: 'ray-flash-2', name: 'Ray Flash 2', source: 'static' },
      { modelId: 'ray-1-6', name: 'Ray 1.6', source: 'static' },
    ]);
    expect(catalog[0]).toMatchObject({ provider: 'luma.video', capabilities: provider.video('ray-2').capabilities });
    expect(server.calls).toHaveLength(0);
  });
});
