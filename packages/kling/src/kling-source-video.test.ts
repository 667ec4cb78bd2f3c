import { InvalidArgumentError, type VideoJob, type VideoModelV3SourceVideo } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import { createKling } from './kling-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const BASE = 'https://api-singapore.klingai.com';
const VIDEO_URL = 'https://cdn.klingai.example.com/e3c1.mp4';
const CREATED_AT = 1781080778802;

const envelope = (data: unknown) => ({ code: 0, message: 'SUCCEED', request_id: 'req-1', data });
const task = (taskId: string, status: string, extra: Record<string, unknown> = {}) => ({
  task_id: taskId,
  task_status: status,
  task_status_msg: '',
  task_info: {},
  created_at: CREATED_AT,
  updated_at: CREATED_AT,
  ...extra,
});
const succeededTask = task('867283741759111202', 'succeed', {
  final_unit_deduction: '1',
  task_result: {
    videos: [
      { id: 'e3c1', url: VIDEO_URL, duration: '5' },
      { id: 'f4d2', url: 'https://cdn.klingai.example.com/f4d2.mp4', duration: '5' },
    ],
  },
});

const server = createTestServer({
  [`${BASE}/v1/videos/:endpoint`]: {
    response: { type: 'json-value', body: envelope(task('990000000000000001', 'submitted')) },
  },
  [`${BASE}/v1/videos/:endpoint/:id`]: { response: { type: 'json-value', body: envelope(succeededTask) } },
});

const kling = createKling({ accessKey: 'AK-test', secretKey: 'SK-test' });

const job: VideoJob = {
  specificationVersion: 'v3',
  provider: 'kling.video',
  modelId: 'kling-v2-6',
  operation: { taskId: '867283741759111202', endpoint: 'image2video' },
};

function start(sourceVideo: VideoModelV3SourceVideo, options: Record<string, unknown> = {}) {
  return kling.video('kling-v2-6').doStart({
    ...createCallOptions({ prompt: 'The corgi paddles back to the beach' }),
    sourceVideo,
    ...options,
  });
}

describe('sourceVideo (extend)', () => {
  it('sends the video id of the completed status’s providerMetadata to video-extend, without a status request', async () => {
    const result = await start({
      operation: 'extend',
      job,
      index: 1,
      providerMetadata: {
        kling: {
          videos: [
            { id: 'e3c1', url: VIDEO_URL },
            { id: 'f4d2', url: 'https://x.example/f.mp4' },
          ],
        },
      },
    });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestMethod).toBe('POST');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v1/videos/video-extend`);
    expect(server.calls[0].requestHeaders['content-type']).toBe('application/json');
    expect(server.calls[0].requestHeaders.authorization).toMatch(/^Bearer ey/);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      video_id: 'f4d2',
      prompt: 'The corgi paddles back to the beach',
    });
    expect(result.operation).toStrictEqual({ taskId: '990000000000000001', endpoint: 'video-extend' });
  });

  it('reads the video id from the job’s status when no providerMetadata is given (on the job’s own family path)', async () => {
    await start({ operation: 'extend', job });
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `GET ${BASE}/v1/videos/image2video/867283741759111202`,
      `POST ${BASE}/v1/videos/video-extend`,
    ]);
    expect(server.calls[1].requestBodyJson).toStrictEqual({
      video_id: 'e3c1',
      prompt: 'The corgi paddles back to the beach',
    });
  });

  it('extends without a prompt (optional for video-extend), and a video file beside the job is not uploaded', async () => {
    await start(
      {
        operation: 'extend',
        job,
        video: { type: 'url', url: VIDEO_URL },
        providerMetadata: { kling: { videos: [{ id: 'e3c1' }] } },
      },
      { prompt: undefined, providerOptions: { kling: { negativePrompt: 'blur' } } },
    );
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestBodyJson).toStrictEqual({ video_id: 'e3c1', negative_prompt: 'blur' });
  });

  it('keeps providerOptions.kling.extendVideoId working, and refuses it together with sourceVideo', async () => {
    await kling.video('kling-v2-6').doStart({
      ...createCallOptions({ prompt: 'On' }),
      providerOptions: { kling: { extendVideoId: 'e3c1' } },
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({ video_id: 'e3c1', prompt: 'On' });
    server.calls.length = 0;
    await expect(
      start({ operation: 'extend', job }, { providerOptions: { kling: { extendVideoId: 'e3c1' } } }),
    ).rejects.toSatisfy((error) => InvalidArgumentError.isInstance(error) && /not both/.test(String(error)));
    expect(server.calls).toHaveLength(0);
  });

  it.each([
    [
      'edit (not a Kling operation)',
      { operation: 'edit', job },
      /cannot edit a video \(operations it supports: extend\)/,
    ],
    ['video-to-video', { operation: 'video-to-video', job }, /cannot restyle/],
    [
      'a URL without a job (Kling extends only its own videos)',
      { operation: 'extend', video: { type: 'url', url: VIDEO_URL } },
      /takes the video to extend as no file/,
    ],
    [
      'a job of another provider',
      { operation: 'extend', job: { ...job, provider: 'runway.video' }, video: { type: 'url', url: VIDEO_URL } },
      /takes the video to extend as no file/,
    ],
    ['nothing', { operation: 'extend' }, /needs a video \(a file or URL\) or a job/],
  ] as const)('refuses %s before any request', async (_label, sourceVideo, message) => {
    const error = await start(sourceVideo as VideoModelV3SourceVideo).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses frames with a source video', async () => {
    await expect(
      start({ operation: 'extend', job }, { image: { type: 'url', url: 'https://images.example.com/a.png' } }),
    ).rejects.toSatisfy((error) => InvalidArgumentError.isInstance(error));
    expect(server.calls).toHaveLength(0);
  });

  it('refuses a job that has not completed, after its one status request and without creating a task', async () => {
    server.urls[`${BASE}/v1/videos/:endpoint/:id`].response = {
      type: 'json-value',
      body: envelope(task('867283741759111202', 'processing')),
    };
    const error = await start({ operation: 'extend', job }).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/is pending; Kling extends the video of a completed job/);
    expect(server.calls.map((call) => call.requestMethod)).toStrictEqual(['GET']);
  });
});

describe('doListJobs / listJobs', () => {
  const listRoute = `${BASE}/v1/videos/:endpoint`;

  it('reads a family page with pageNum/pageSize and maps each task; a full page continues on the same family', async () => {
    server.urls[listRoute].response = {
      type: 'json-value',
      body: envelope([
        task('3', 'failed', { task_status_msg: 'Failure to pass the risk control system' }),
        task('2', 'succeed', { task_info: { external_task_id: 'job-42' } }),
      ]),
    };
    const page = await kling.video('kling-v2-6').doListJobs({ limit: 2 });
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v1/videos/text2video?pageNum=1&pageSize=2`);
    expect(server.calls[0].requestHeaders.authorization).toMatch(/^Bearer ey/);
    expect(page).toStrictEqual({
      jobs: [
        {
          operation: { taskId: '3', endpoint: 'text2video' },
          status: 'failed',
          providerStatus: 'failed',
          createdAt: new Date(CREATED_AT),
          error: { message: 'Failure to pass the risk control system', contentFiltered: true },
          providerMetadata: { kling: { taskId: '3', endpoint: 'text2video' } },
        },
        {
          operation: { taskId: '2', endpoint: 'text2video' },
          status: 'completed',
          providerStatus: 'succeed',
          createdAt: new Date(CREATED_AT),
          providerMetadata: { kling: { taskId: '2', endpoint: 'text2video', externalTaskId: 'job-42' } },
        },
      ],
      nextCursor: 'text2video:2',
    });
  });

  it('moves to the next family after a short page, and past an empty family page in the same call', async () => {
    server.urls[listRoute].response = { type: 'json-value', body: envelope([task('5', 'processing')]) };
    const short = await kling.video('kling-v2-6').doListJobs({ limit: 2, after: 'text2video:2' });
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v1/videos/text2video?pageNum=2&pageSize=2`);
    expect(short.nextCursor).toBe('image2video:1');
    expect(short.jobs[0]).toMatchObject({ status: 'pending', providerStatus: 'processing' });

    server.calls.length = 0;
    server.urls[listRoute].response = ({ request }) =>
      ({
        type: 'json-value',
        body: envelope(request.url.includes('video-extend') ? [task('9', 'submitted')] : []),
      }) as const;
    const last = await kling.video('kling-v2-6').doListJobs({ limit: 2, after: 'multi-image2video:1' });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      `${BASE}/v1/videos/multi-image2video?pageNum=1&pageSize=2`,
      `${BASE}/v1/videos/video-extend?pageNum=1&pageSize=2`,
    ]);
    expect(last).toStrictEqual({
      jobs: [
        {
          operation: { taskId: '9', endpoint: 'video-extend' },
          status: 'pending',
          providerStatus: 'submitted',
          createdAt: new Date(CREATED_AT),
          providerMetadata: { kling: { taskId: '9', endpoint: 'video-extend' } },
        },
      ],
    });
  });

  it('filters the page by status (Kling filters none), and the provider lists the same', async () => {
    server.urls[listRoute].response = {
      type: 'json-value',
      body: envelope([task('3', 'failed'), task('2', 'succeed'), task('1', 'succeed')]),
    };
    const page = await kling.listJobs({ status: 'completed', limit: 3 });
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v1/videos/text2video?pageNum=1&pageSize=3`);
    expect(page.jobs.map((listed) => listed.operation)).toStrictEqual([
      { taskId: '2', endpoint: 'text2video' },
      { taskId: '1', endpoint: 'text2video' },
    ]);
    expect(page.nextCursor).toBe('text2video:2');
  });

  it.each([
    [{ after: 'nonsense' }, /Not a Kling list cursor/],
    [{ after: 'text2video:1001' }, /Not a Kling list cursor/],
    [{ limit: 501 }, /1 to 500 tasks per page/],
    [{ limit: 0 }, /1 to 500 tasks per page/],
  ])('refuses %o before any request', async (options, message) => {
    const error = await kling.listJobs(options).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(server.calls).toHaveLength(0);
  });
});

describe('doGetDownloadUrl', () => {
  it('returns the public CDN URL of the task’s video, valid for Kling’s 30 days from creation', async () => {
    const link = await kling.video('kling-v2-6').doGetDownloadUrl({ operation: job.operation, index: 1 });
    expect(server.calls[0].requestUrl).toBe(`${BASE}/v1/videos/image2video/867283741759111202`);
    expect(link).toStrictEqual({
      url: 'https://cdn.klingai.example.com/f4d2.mp4',
      mediaType: 'video/mp4',
      expiresAt: new Date(CREATED_AT + 30 * 24 * 3600 * 1000),
    });
  });

  it('refuses a task that is not completed and an index without a video', async () => {
    await expect(kling.video('kling-v2-6').doGetDownloadUrl({ operation: job.operation, index: 2 })).rejects.toThrow(
      /has no video at index 2/,
    );
    server.urls[`${BASE}/v1/videos/:endpoint/:id`].response = {
      type: 'json-value',
      body: envelope(task('867283741759111202', 'processing')),
    };
    await expect(kling.video('kling-v2-6').doGetDownloadUrl({ operation: job.operation })).rejects.toThrow(
      /is processing; a download link needs a completed task/,
    );
  });
});

describe('listVideoModels', () => {
  it('lists the known models with the capabilities the model reports, from the static table', async () => {
    const catalog = await kling.listVideoModels();
    expect(catalog.map((entry) => entry.modelId)).toStrictEqual([
      'kling-v1',
      'kling-v1-5',
      'kling-v1-6',
      'kling-v2-master',
      'kling-v2-1',
      'kling-v2-1-master',
      'kling-v2-5-turbo',
      'kling-v2-6',
      'kling-v3',
    ]);
    expect(catalog[7]).toStrictEqual({
      modelId: 'kling-v2-6',
      provider: 'kling.video',
      capabilities: kling.video('kling-v2-6').capabilities,
      source: 'static',
    });
    expect(catalog[7].capabilities.sourceVideo).toStrictEqual([
      { operation: 'extend', origins: ['job'], maxDuration: 180, requiresPrompt: false },
    ]);
    expect(server.calls).toHaveLength(0);
  });
});
