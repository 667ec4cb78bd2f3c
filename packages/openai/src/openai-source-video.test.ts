import { APICallError, InvalidArgumentError, type VideoJob } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import completed from './__fixtures__/openai-video-completed.json';
import failedModeration from './__fixtures__/openai-video-failed-moderation.json';
import inProgress from './__fixtures__/openai-video-in-progress.json';
import remixQueued from './__fixtures__/openai-video-remix-queued.json';
import { createOpenAI } from './openai-provider';
import { OpenAIVideoModel } from './openai-video-model';
import { OPENAI_VIDEO_MODEL_IDS } from './openai-video-model-options';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));
vi.stubEnv('OPENAI_BASE_URL', '');

const BASE_URL = 'https://api.openai.com/v1';
const SOURCE_ID = completed.id;
const MP4_BYTES = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 109, 112, 52, 50, 0, 0, 0, 0]);
const PNG_BYTES = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
const edited = { ...remixQueued, id: 'video_edit789', remixed_from_video_id: null };
const extended = { ...remixQueued, id: 'video_ext789', seconds: '16', remixed_from_video_id: null };

const server = createTestServer({
  [`${BASE_URL}/videos/edits`]: { response: { type: 'json-value', body: edited } },
  [`${BASE_URL}/videos/extensions`]: { response: { type: 'json-value', body: extended } },
  [`${BASE_URL}/videos/:id/remix`]: { response: { type: 'json-value', body: remixQueued } },
  [`${BASE_URL}/videos/:id`]: {
    response: { type: 'json-value', body: { id: SOURCE_ID, object: 'video.deleted', deleted: true } },
  },
  [`${BASE_URL}/videos`]: {
    response: {
      type: 'json-value',
      body: {
        object: 'list',
        data: [inProgress, completed, failedModeration],
        first_id: inProgress.id,
        last_id: failedModeration.id,
        has_more: true,
      },
    },
  },
  'https://cdn.example.com/:file': { response: { type: 'binary', body: MP4_BYTES } },
});

function model(modelId = 'sora-2') {
  return new OpenAIVideoModel(modelId, {
    provider: 'openai.video',
    baseURL: BASE_URL,
    headers: () => ({ authorization: 'Bearer sk-test-key', 'user-agent': 'videogen/openai/0.0.0-test' }),
  });
}

const ownJob: VideoJob = {
  specificationVersion: 'v3',
  provider: 'openai.video',
  modelId: 'sora-2',
  operation: { videoId: SOURCE_ID },
};
const mp4File = { type: 'file', data: MP4_BYTES, mediaType: 'video/mp4' } as const;

function start(sourceVideo: NonNullable<Parameters<OpenAIVideoModel['doStart']>[0]['sourceVideo']>, extra = {}) {
  return model().doStart(createCallOptions({ prompt: 'Make it snow', sourceVideo, ...extra }));
}

describe('capabilities.sourceVideo', () => {
  it.each(OPENAI_VIDEO_MODEL_IDS)('%s: remix from its own job, edit and extend from a job or a file', (modelId) => {
    expect(model(modelId).capabilities.sourceVideo).toStrictEqual([
      { operation: 'remix', origins: ['job'] },
      { operation: 'edit', origins: ['job', 'data'] },
      { operation: 'extend', origins: ['job', 'data'], maxDuration: 100, durations: [4, 8, 12, 16, 20] },
    ]);
  });
});

describe('doStart with sourceVideo', () => {
  it('remix × job: POST /videos/{id}/remix with { prompt }', async () => {
    const result = await start({ operation: 'remix', job: ownJob });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE_URL}/videos/${SOURCE_ID}/remix`);
    expect(call.requestHeaders.authorization).toBe('Bearer sk-test-key');
    expect(call.requestHeaders['content-type']).toBe('application/json');
    expect(call.requestBodyJson).toStrictEqual({ prompt: 'Make it snow' });
    expect(result.operation).toStrictEqual({ videoId: remixQueued.id });
    expect(result.providerMetadata?.openai.remixedFromVideoId).toBe(SOURCE_ID);
  });

  it('edit × job: POST /videos/edits with JSON { video: { id }, prompt }; the job id, not the file, is sent', async () => {
    const result = await start(
      { operation: 'edit', job: ownJob, video: { type: 'url', url: 'https://cdn.example.com/a.mp4' } },
      { resolution: '1280x720' },
    );
    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE_URL}/videos/edits`);
    expect(call.requestHeaders['content-type']).toBe('application/json');
    expect(call.requestBodyJson).toStrictEqual({ video: { id: SOURCE_ID }, prompt: 'Make it snow' });
    expect(result.operation).toStrictEqual({ videoId: 'video_edit789' });
    expect(result.warnings).toStrictEqual([
      {
        type: 'unsupported',
        feature: 'resolution',
        details: 'An edit keeps the size and duration of the source video and takes only a prompt.',
      },
    ]);
  });

  it('extend × job: POST /videos/extensions with { video: { id }, prompt, seconds } (seconds as a string)', async () => {
    const result = await start({ operation: 'extend', job: ownJob }, { duration: 8 });
    const call = server.calls[0];
    expect(call.requestUrl).toBe(`${BASE_URL}/videos/extensions`);
    expect(call.requestBodyJson).toStrictEqual({ video: { id: SOURCE_ID }, prompt: 'Make it snow', seconds: '8' });
    expect(result.operation).toStrictEqual({ videoId: 'video_ext789' });
    expect(result.warnings).toStrictEqual([]);
  });

  it('takes the id from providerMetadata.openai.id when the job has no operation', async () => {
    await start({
      operation: 'extend',
      job: { ...ownJob, operation: undefined as never },
      providerMetadata: { openai: { id: 'video_meta' } },
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({ video: { id: 'video_meta' }, prompt: 'Make it snow' });
  });

  it('edit × data (bytes): multipart with prompt and the file as video (video.mp4, video/mp4)', async () => {
    await start({ operation: 'edit', video: mp4File });
    const call = server.calls[0];
    expect(call.requestUrl).toBe(`${BASE_URL}/videos/edits`);
    expect(call.requestHeaders['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await call.requestBodyMultipart();
    expect(Object.keys(form)).toStrictEqual(['prompt', 'video']);
    expect(form.prompt).toBe('Make it snow');
    const file = form.video as File;
    expect(file.name).toBe('video.mp4');
    expect(file.type).toBe('video/mp4');
    expect(new Uint8Array(await file.arrayBuffer())).toStrictEqual(MP4_BYTES);
  });

  it('extend × data (data: URL): multipart with prompt, seconds and the file', async () => {
    const dataUrl = `data:video/mp4;base64,${Buffer.from(MP4_BYTES).toString('base64')}`;
    await start({ operation: 'extend', video: { type: 'url', url: dataUrl } }, { duration: 12 });
    const form = await server.calls[0].requestBodyMultipart();
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/extensions`);
    expect(Object.keys(form)).toStrictEqual(['prompt', 'seconds', 'video']);
    expect(form.seconds).toBe('12');
    expect(new Uint8Array(await (form.video as File).arrayBuffer())).toStrictEqual(MP4_BYTES);
  });

  it('edit × an https URL (the API takes no URL): fetches it without the key, then uploads it', async () => {
    await start({ operation: 'edit', video: { type: 'url', url: 'https://cdn.example.com/source.mp4' } });
    expect(server.calls.map((call) => [call.requestMethod, call.requestUrl])).toStrictEqual([
      ['GET', 'https://cdn.example.com/source.mp4'],
      ['POST', `${BASE_URL}/videos/edits`],
    ]);
    expect(server.calls[0].requestHeaders.authorization).toBeUndefined();
    const form = await server.calls[1].requestBodyMultipart();
    expect(new Uint8Array(await (form.video as File).arrayBuffer())).toStrictEqual(MP4_BYTES);
  });

  it('keeps providerOptions.openai.remixVideoId working, and refuses it together with sourceVideo', async () => {
    await expect(
      start({ operation: 'remix', job: ownJob }, { providerOptions: { openai: { remixVideoId: SOURCE_ID } } }),
    ).rejects.toThrow(/either sourceVideo or providerOptions.openai.remixVideoId/);
    expect(server.calls).toHaveLength(0);
  });

  it.each([
    [
      { operation: 'video-to-video', video: mp4File },
      /cannot restyle \(video-to-video\) a video \(operations it supports: remix, edit, extend\)/,
    ],
    [{ operation: 'remix', video: mp4File }, /takes the video to remix as no file; got bytes/],
    [
      { operation: 'edit', job: { ...ownJob, provider: 'fal.video' } },
      /The job is from fal.video, not openai.video; pass the video itself/,
    ],
    [{ operation: 'edit', video: { type: 'file', data: PNG_BYTES, mediaType: 'video/mp4' } }, /not a video/],
    [{ operation: 'edit', job: { ...ownJob, operation: { id: 'x' } } }, /not an OpenAI video job/],
  ] as const)('refuses %j before any request', async (sourceVideo, message) => {
    const error = await start(sourceVideo as never).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses an empty prompt and an extension length the API does not take', async () => {
    await expect(start({ operation: 'edit', job: ownJob }, { prompt: ' ' })).rejects.toThrow(
      /needs a text prompt to edit/,
    );
    await expect(start({ operation: 'extend', job: ownJob }, { duration: 10 })).rejects.toThrow(/duration of 10 s/);
    expect(server.calls).toHaveLength(0);
  });
});

describe('jobs, links and the catalog', () => {
  it('doListJobs: GET /videos?limit&after&order=desc, mapped, next cursor = last_id while has_more', async () => {
    const result = await model().doListJobs({ limit: 3, after: 'video_prev' });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('GET');
    expect(call.requestUrl).toBe(`${BASE_URL}/videos?limit=3&after=video_prev&order=desc`);
    expect(call.requestHeaders.authorization).toBe('Bearer sk-test-key');
    expect(result.nextCursor).toBe(failedModeration.id);
    expect(result.jobs.map(({ providerMetadata, ...job }) => job)).toStrictEqual([
      {
        operation: { videoId: inProgress.id },
        modelId: inProgress.model,
        status: 'pending',
        providerStatus: 'in_progress',
        createdAt: new Date(inProgress.created_at * 1000),
        progress: inProgress.progress,
      },
      {
        operation: { videoId: completed.id },
        modelId: 'sora-2',
        status: 'completed',
        providerStatus: 'completed',
        createdAt: new Date(completed.created_at * 1000),
      },
      {
        operation: { videoId: failedModeration.id },
        modelId: failedModeration.model,
        status: 'failed',
        providerStatus: 'failed',
        createdAt: new Date(failedModeration.created_at * 1000),
        error: { code: 'moderation_blocked', message: failedModeration.error.message, contentFiltered: true },
      },
    ]);
    expect(result.jobs[1].providerMetadata?.openai.id).toBe(completed.id);
  });

  it('doListJobs filters the page by status (the API cannot) and ends without a cursor on the last page', async () => {
    server.urls[`${BASE_URL}/videos`].response = {
      type: 'json-value',
      body: {
        object: 'list',
        data: [inProgress, completed],
        first_id: inProgress.id,
        last_id: completed.id,
        has_more: false,
      },
    };
    const result = await model().doListJobs({ status: 'completed' });
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos?order=desc`);
    expect(result.jobs.map((job) => job.operation)).toStrictEqual([{ videoId: completed.id }]);
    expect(result.nextCursor).toBeUndefined();
  });

  it('doListJobs refuses a limit outside 1..100 before any request', async () => {
    await expect(model().doListJobs({ limit: 101 })).rejects.toThrow(InvalidArgumentError);
    expect(server.calls).toHaveLength(0);
  });

  it('doDelete: DELETE /videos/{id}; a video already gone (404) resolves; a running one (400) throws', async () => {
    await model().doDelete({ operation: { videoId: SOURCE_ID } });
    expect(server.calls[0].requestMethod).toBe('DELETE');
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/${SOURCE_ID}`);
    server.urls[`${BASE_URL}/videos/:id`].response = {
      type: 'error',
      status: 404,
      body: { error: { message: 'Video not found', type: 'invalid_request_error', param: null, code: null } },
    };
    await expect(model().doDelete({ operation: { videoId: 'video_gone' } })).resolves.toBeUndefined();
    server.urls[`${BASE_URL}/videos/:id`].response = {
      type: 'error',
      status: 400,
      body: { error: { message: 'still in progress', type: 'invalid_request_error', param: null, code: null } },
    };
    const error = await model()
      .doDelete({ operation: { videoId: 'video_running' } })
      .catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    await expect(model().doDelete({ operation: { id: 1 } })).rejects.toThrow(InvalidArgumentError);
  });

  it('doGetDownloadUrl resolves undefined (the content needs the key) without a request', async () => {
    await expect(model().doGetDownloadUrl({ operation: { videoId: SOURCE_ID } })).resolves.toBeUndefined();
    expect(server.calls).toHaveLength(0);
  });

  it('provider.listJobs is the same page across models; listVideoModels is the static table', async () => {
    const openai = createOpenAI({ apiKey: 'sk-test-key' });
    const page = await openai.listJobs({ limit: 1 });
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos?limit=1&order=desc`);
    expect(page.jobs).toHaveLength(3);
    const catalog = await openai.listVideoModels();
    expect(catalog.map((entry) => entry.modelId)).toStrictEqual([...OPENAI_VIDEO_MODEL_IDS]);
    expect(catalog[1]).toStrictEqual({
      modelId: 'sora-2-pro',
      provider: 'openai.video',
      capabilities: openai.video('sora-2-pro').capabilities,
      source: 'static',
    });
    expect(server.calls).toHaveLength(1);
  });
});
