import { InvalidArgumentError, type VideoJob } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import completedFixture from './__fixtures__/openrouter-video-status-completed.json';
import modelsFixture from './__fixtures__/openrouter-video-models.json';
import submitFixture from './__fixtures__/openrouter-video-submit.json';
import { createOpenRouter } from './openrouter-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const BASE = 'https://openrouter.ai/api/v1';
const API_KEY = 'sk-or-test-key';
const SOURCE_ID = 'gen-vid-1761234567-SourceJob00000000000';
const MP4_BYTES = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 109, 112, 52, 50, 0, 0, 0, 0]);

const server = createTestServer({
  [`${BASE}/videos/models`]: { response: { type: 'json-value', body: modelsFixture } },
  [`${BASE}/videos`]: { response: { type: 'json-value', status: 202, body: submitFixture } },
  [`${BASE}/videos/:id`]: { response: { type: 'json-value', body: completedFixture } },
});

function provider(settings: Parameters<typeof createOpenRouter>[0] = {}) {
  return createOpenRouter({ apiKey: API_KEY, ...settings });
}

const sourceJob: VideoJob = {
  specificationVersion: 'v3',
  provider: 'openrouter.video',
  modelId: 'google/veo-3.1',
  operation: { id: SOURCE_ID, pollingUrl: `${BASE}/videos/${SOURCE_ID}` },
};
const postCalls = () => server.calls.filter((call) => call.requestMethod === 'POST');

describe('sourceVideo (previous_job_id)', () => {
  it('declares extend (prompt optional) and edit from a job of the same model, listed or not', async () => {
    const expected = [
      { operation: 'extend', origins: ['job'], requiresPrompt: false },
      { operation: 'edit', origins: ['job'] },
    ];
    expect((await provider().video('google/veo-3.1').capabilities()).sourceVideo).toStrictEqual(expected);
    expect((await provider().video('acme/unlisted').capabilities()).sourceVideo).toStrictEqual(expected);
  });

  it.each(['extend', 'edit'] as const)(
    '%s × job: POST /videos with previous_job_id = the job id',
    async (operation) => {
      const result = await provider()
        .video('google/veo-3.1')
        .doStart(
          createCallOptions({
            prompt: 'The camera rises above the clouds',
            duration: 8,
            sourceVideo: { operation, job: sourceJob },
          }),
        );
      const [post] = postCalls();
      expect(post.requestUrl).toBe(`${BASE}/videos`);
      expect(post.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
      expect(post.requestHeaders['content-type']).toBe('application/json');
      expect(post.requestBodyJson).toStrictEqual({
        model: 'google/veo-3.1',
        prompt: 'The camera rises above the clouds',
        duration: 8,
        previous_job_id: SOURCE_ID,
      });
      expect(result.operation).toStrictEqual({
        id: submitFixture.id,
        pollingUrl: `https://openrouter.ai${submitFixture.polling_url}`,
      });
      expect(result.warnings).toStrictEqual([]);
    },
  );

  it('extends without a prompt (the prompt is not sent)', async () => {
    await provider()
      .video('google/veo-3.1')
      .doStart(createCallOptions({ prompt: undefined, sourceVideo: { operation: 'extend', job: sourceJob } }));
    expect(postCalls()[0].requestBodyJson).toStrictEqual({ model: 'google/veo-3.1', previous_job_id: SOURCE_ID });
  });

  it('works without the listing (validateCapabilities: false) and for a model the listing lacks', async () => {
    await provider()
      .video('acme/unlisted')
      .doStart(
        createCallOptions({
          prompt: 'more',
          sourceVideo: { operation: 'edit', job: { ...sourceJob, modelId: 'acme/unlisted' } },
          providerOptions: { openrouter: { validateCapabilities: false } },
        }),
      );
    expect(postCalls()[0].requestBodyJson).toStrictEqual({
      model: 'acme/unlisted',
      prompt: 'more',
      previous_job_id: SOURCE_ID,
    });
  });

  it('keeps providerOptions.openrouter.previousJobId, and refuses it together with sourceVideo', async () => {
    const model = provider().video('google/veo-3.1');
    await model.doStart(createCallOptions({ providerOptions: { openrouter: { previousJobId: 'gen-vid-x' } } }));
    expect(postCalls()[0].requestBodyJson.previous_job_id).toBe('gen-vid-x');
    await expect(
      model.doStart(
        createCallOptions({
          sourceVideo: { operation: 'edit', job: sourceJob },
          providerOptions: { openrouter: { previousJobId: 'gen-vid-x' } },
        }),
      ),
    ).rejects.toThrow(/either sourceVideo or providerOptions.openrouter.previousJobId/);
    expect(postCalls()).toHaveLength(1);
  });

  it.each([
    [{ operation: 'remix', job: sourceJob }, /cannot remix a video \(operations it supports: extend, edit\)/],
    [{ operation: 'video-to-video', job: sourceJob }, /cannot restyle/],
    [
      { operation: 'edit', video: { type: 'file', data: MP4_BYTES, mediaType: 'video/mp4' } },
      /takes the video to edit as no file; got bytes/,
    ],
    [
      { operation: 'extend', video: { type: 'url', url: 'https://cdn.example.com/a.mp4' } },
      /takes the video to extend as no file; got a URL/,
    ],
    [
      { operation: 'edit', job: { ...sourceJob, provider: 'fal.video' } },
      /The job is from fal.video, not openrouter.video/,
    ],
    [{ operation: 'edit', job: { ...sourceJob, modelId: 'google/veo-3.1-fast' } }, /only with the model that made it/],
    [{ operation: 'edit', job: { ...sourceJob, operation: { videoId: 'x' } } }, /not an OpenRouter video job/],
  ] as const)('refuses %j before submitting', async (sourceVideo, message) => {
    const error = await provider()
      .video('google/veo-3.1')
      .doStart(createCallOptions({ prompt: 'p', sourceVideo: sourceVideo as never }))
      .catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(postCalls()).toHaveLength(0);
  });

  it('refuses an edit without a prompt', async () => {
    await expect(
      provider()
        .video('google/veo-3.1')
        .doStart(createCallOptions({ prompt: undefined, sourceVideo: { operation: 'edit', job: sourceJob } })),
    ).rejects.toThrow(/needs a text prompt to edit/);
  });
});

describe('doGetDownloadUrl', () => {
  const operation = { id: SOURCE_ID };

  it('is undefined for unsigned_urls (the content proxy needs the key)', async () => {
    await expect(provider().video('google/veo-3.1').doGetDownloadUrl({ operation })).resolves.toBeUndefined();
    expect(server.calls.map((call) => [call.requestMethod, call.requestUrl])).toStrictEqual([
      ['GET', `${BASE}/videos/${SOURCE_ID}`],
    ]);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('returns the signed storage URL of urls[index] where the status lists one, without an expiry', async () => {
    server.urls[`${BASE}/videos/:id`].response = {
      type: 'json-value',
      body: {
        ...completedFixture,
        urls: ['https://storage.example.com/v/0.mp4?sig=a', 'https://storage.example.com/v/1.mp4?sig=b'],
      },
    };
    const model = provider().video('google/veo-3.1');
    await expect(model.doGetDownloadUrl({ operation, index: 1 })).resolves.toStrictEqual({
      url: 'https://storage.example.com/v/1.mp4?sig=b',
      mediaType: 'video/mp4',
    });
    await expect(model.doGetDownloadUrl({ operation, index: 2 })).resolves.toBeUndefined();
  });

  it('is undefined while the job runs, and for urls on the API origin (they need the key)', async () => {
    server.urls[`${BASE}/videos/:id`].response = [
      { type: 'json-value', body: { id: SOURCE_ID, polling_url: '/x', status: 'in_progress' } },
      { type: 'json-value', body: { ...completedFixture, urls: [`/api/v1/videos/${SOURCE_ID}/content?index=0`] } },
    ];
    const model = provider().video('google/veo-3.1');
    await expect(model.doGetDownloadUrl({ operation })).resolves.toBeUndefined();
    await expect(model.doGetDownloadUrl({ operation })).resolves.toBeUndefined();
  });

  it('has no doListJobs or doDelete (OpenRouter lists and deletes no jobs)', () => {
    const model = provider().video('google/veo-3.1');
    expect('doListJobs' in model).toBe(false);
    expect('doDelete' in model).toBe(false);
    expect('listJobs' in provider()).toBe(false);
  });
});

describe('listVideoModels', () => {
  it('is the live listing as catalog entries, with the price per second in USD and every SKU', async () => {
    const catalog = await provider().listVideoModels();
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([`${BASE}/videos/models`]);
    const openrouter = provider();
    expect(catalog[0]).toStrictEqual({
      modelId: 'google/veo-3.1',
      provider: 'openrouter.video',
      name: 'Google: Veo 3.1',
      capabilities: await openrouter.video('google/veo-3.1').capabilities(),
      pricing: { currency: 'USD', perSecond: 0.4, details: { video_seconds: '0.4' } },
      source: 'live',
    });
    // pricing_skus: null → no price (never invented).
    expect(catalog[1].modelId).toBe('kwaivgi/kling-v3.0-std');
    expect(catalog[1].pricing).toBeUndefined();
  });

  it('is cached; refresh: true asks again; works without a key', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', undefined);
    const openrouter = createOpenRouter();
    await openrouter.listVideoModels();
    await openrouter.listVideoModels();
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestHeaders.authorization).toBeUndefined();
    await openrouter.listVideoModels({ refresh: true });
    expect(server.calls).toHaveLength(2);
    vi.unstubAllEnvs();
  });
});
