import {
  APICallError,
  VideoDownloadError,
  VideoJobAbortedError,
  VideoJobFailedError,
  VideoJobInterruptedError,
  VideoJobTimeoutError,
  type VideoModelV3CallOptions,
} from '@videogen/provider-spec';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MockVideoModelV3, createMockJobModel, mockCompletedStatus } from '../test';
import type { VideoEvent } from '../types';
import { waitForVideo } from '../jobs/wait-for-video';
import { generateVideo } from './generate-video';

const response = { timestamp: new Date(0), modelId: 'mock-model-id', headers: undefined };
const bytes = (...values: number[]) => new Uint8Array(values);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function generateOnlyModel(settings: ConstructorParameters<typeof MockVideoModelV3>[0] = {}) {
  const calls: VideoModelV3CallOptions[] = [];
  const model = new MockVideoModelV3({
    doGenerate: async (options) => {
      calls.push(options);
      return {
        videos: Array.from({ length: options.n }, (_, index) => ({
          type: 'binary' as const,
          data: bytes(calls.length, index),
          mediaType: 'video/mp4',
        })),
        warnings: [],
        response,
      };
    },
    ...settings,
  });
  return { model, calls };
}

function apiError(statusCode: number, headers: Record<string, string> = {}) {
  return new APICallError({
    message: `HTTP ${statusCode}`,
    url: 'https://api.example.com/jobs',
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('generateVideo with a doGenerate-only model', () => {
  it('passes every call option and returns the videos', async () => {
    const { model, calls } = generateOnlyModel();
    const result = await generateVideo({
      model,
      prompt: 'a cat',
      aspectRatio: '16:9',
      resolution: '1280x720',
      duration: 5,
      fps: 24,
      seed: 0,
      generateAudio: true,
      providerOptions: { mock: { a: 1 } },
      headers: { 'x-test': '1' },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toStrictEqual({
      prompt: 'a cat',
      n: 1,
      aspectRatio: '16:9',
      resolution: '1280x720',
      duration: 5,
      fps: 24,
      seed: 0,
      image: undefined,
      frameImages: undefined,
      inputReferences: undefined,
      generateAudio: true,
      providerOptions: { mock: { a: 1 } },
      headers: { 'x-test': '1' },
      abortSignal: expect.any(AbortSignal),
    });
    expect(result.video.uint8Array).toStrictEqual(bytes(1, 0));
    expect(result.video.mediaType).toBe('video/mp4');
    expect(result.jobs).toStrictEqual([]);
    expect(result.responses).toStrictEqual([response]);
    expect(result.providerMetadata).toStrictEqual({});
  });

  it('converts prompt images, last frames and references to files', async () => {
    const { model, calls } = generateOnlyModel();
    await generateVideo({
      model,
      prompt: { text: 'animate', image: PNG, lastFrame: 'data:image/jpeg;base64,/9j/AA==' },
      inputReferences: [
        'https://example.com/ref.png',
        { data: new URL('https://example.com/clip'), mediaType: 'video/mp4' },
      ],
    });
    expect(calls[0].image).toStrictEqual({ type: 'file', mediaType: 'image/png', data: PNG });
    expect(calls[0].frameImages).toStrictEqual([
      {
        frameType: 'last_frame',
        image: { type: 'file', mediaType: 'image/jpeg', data: bytes(0xff, 0xd8, 0xff, 0x00) },
      },
    ]);
    expect(calls[0].inputReferences).toStrictEqual([
      { type: 'url', url: 'https://example.com/ref.png' },
      { type: 'url', url: 'https://example.com/clip', mediaType: 'video/mp4' },
    ]);
  });

  it('reports a webhook it cannot use as a warning', async () => {
    const { model } = generateOnlyModel();
    const webhook = vi.fn(() => ({ url: 'https://example.com/hook', received: new Promise(() => {}) }));
    const result = await generateVideo({ model, prompt: 'x', webhook });
    expect(result.warnings).toStrictEqual([
      {
        type: 'unsupported',
        feature: 'webhook',
        details: 'mock-provider model mock-model-id has no doStart; the webhook was not used.',
      },
    ]);
    expect(webhook).not.toHaveBeenCalled();
  });

  it('retries doGenerate only when the submission cannot have been accepted', async () => {
    let attempts = 0;
    const model = new MockVideoModelV3({
      doGenerate: async () => {
        attempts++;
        throw apiError(500);
      },
    });
    await expect(generateVideo({ model, prompt: 'x' })).rejects.toMatchObject({ statusCode: 500 });
    expect(attempts).toBe(1);
  });
});

describe('input validation (before any call)', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['n', { n: 0 }],
    ['n', { n: 1.5 }],
    ['maxVideosPerCall', { maxVideosPerCall: 0 }],
    ['maxConcurrency', { maxConcurrency: 0 }],
    ['duration', { duration: 0 }],
    ['duration', { duration: -1 }],
    ['duration', { duration: Number.POSITIVE_INFINITY }],
    ['aspectRatio', { aspectRatio: '16/9' }],
    ['aspectRatio', { aspectRatio: '0:9' }],
    ['resolution', { resolution: '1280*720' }],
    ['resolution', { resolution: '720p' }],
    ['fps', { fps: 0 }],
    ['seed', { seed: 1.5 }],
    ['image', { image: 'not base64 !!' }],
    ['frameImages', { image: PNG, frameImages: [{ image: PNG, frameType: 'first_frame' }] }],
  ];
  it.each(cases)('rejects an invalid %s with an InvalidArgumentError', async (argument, settings) => {
    const { model, calls } = generateOnlyModel();
    await expect(generateVideo({ model, prompt: 'x', ...settings } as never)).rejects.toMatchObject({
      name: 'AI_InvalidArgumentError',
      argument,
    });
    expect(calls).toHaveLength(0);
  });

  it('passes seed 0 and "adaptive" through', async () => {
    const { model, calls } = generateOnlyModel();
    await generateVideo({ model, prompt: 'x', seed: 0, aspectRatio: 'adaptive' });
    expect(calls[0].seed).toBe(0);
    expect(calls[0].aspectRatio).toBe('adaptive');
  });

  it('validates against the capabilities and names the nearest duration', async () => {
    const { model, calls } = generateOnlyModel({
      capabilities: {
        durations: [4, 8, 12],
        resolutions: ['1280x720'],
        aspectRatios: ['16:9'],
        imageRoles: ['first_frame'],
      },
    });
    await expect(generateVideo({ model, prompt: 'x', duration: 7 })).rejects.toThrow(
      'does not accept a duration of 7 s. Allowed: 4, 8, 12. Nearest allowed: 8 s',
    );
    await expect(generateVideo({ model, prompt: 'x', resolution: '1920x1080' })).rejects.toThrow(
      'does not accept resolution "1920x1080". Allowed: 1280x720.',
    );
    await expect(generateVideo({ model, prompt: 'x', aspectRatio: '9:16' })).rejects.toMatchObject({
      argument: 'aspectRatio',
    });
    await expect(generateVideo({ model, prompt: { text: 'x', lastFrame: PNG } })).rejects.toMatchObject({
      argument: 'frameImages',
    });
    expect(calls).toHaveLength(0);
    await generateVideo({ model, prompt: 'x', duration: 8, resolution: '1280x720', aspectRatio: '16:9' });
    expect(calls).toHaveLength(1);
  });

  it('reads capabilities from an async function', async () => {
    const lookup = vi.fn(async () => ({ durations: { min: 2, max: 10, step: 2 } }));
    const { model } = generateOnlyModel();
    Object.assign(model, { capabilities: lookup });
    await expect(generateVideo({ model, prompt: 'x', duration: 11 })).rejects.toThrow('Nearest allowed: 10 s');
    await expect(generateVideo({ model, prompt: 'x', duration: 4 })).resolves.toBeDefined();
    expect(lookup).toHaveBeenCalled();
  });
});

describe('n-splitting', () => {
  it('splits n by the model maxVideosPerCall', async () => {
    const { model, calls } = generateOnlyModel({ maxVideosPerCall: 2 });
    const result = await generateVideo({ model, prompt: 'x', n: 5 });
    expect(calls.map((call) => call.n)).toStrictEqual([2, 2, 1]);
    expect(result.videos).toHaveLength(5);
    expect(result.responses).toHaveLength(3);
  });

  it('uses a maxVideosPerCall function of the model, and the option over it', async () => {
    const maxVideosPerCall = vi.fn(() => 3);
    const { model, calls } = generateOnlyModel({ maxVideosPerCall });
    await generateVideo({ model, prompt: 'x', n: 7 });
    expect(calls.map((call) => call.n)).toStrictEqual([3, 3, 1]);
    expect(maxVideosPerCall).toHaveBeenCalledWith({ modelId: 'mock-model-id' });
    calls.length = 0;
    await generateVideo({ model, prompt: 'x', n: 7, maxVideosPerCall: 4 });
    expect(calls.map((call) => call.n)).toStrictEqual([4, 3]);
  });

  it('runs at most maxConcurrency calls at once', async () => {
    let active = 0;
    let maxActive = 0;
    const model = createMockJobModel({
      statuses: [
        async () => {
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((resolve) => setTimeout(resolve, 5));
          active--;
          return mockCompletedStatus();
        },
      ],
    });
    const result = await generateVideo({ model, prompt: 'x', n: 10, maxConcurrency: 3, poll: { intervalMs: 1 } });
    expect(model.startCalls).toHaveLength(10);
    expect(maxActive).toBe(3);
    expect(result.videos).toHaveLength(10);
    expect(result.jobs.map((job) => job.operation)).toStrictEqual(
      Array.from({ length: 10 }, (_, i) => ({ id: `job-${i + 1}` })),
    );
  });

  it('aborts and cancels the siblings when one call fails', async () => {
    const model = createMockJobModel({
      statuses: [
        ({ operation }) =>
          (operation as { id: string }).id === 'job-2'
            ? { status: 'failed', error: { code: 'boom', message: 'exploded' } }
            : { status: 'pending' },
      ],
    });
    const error = await generateVideo({ model, prompt: 'x', n: 3, poll: { intervalMs: 10 } }).catch((caught) => caught);
    expect(VideoJobFailedError.isInstance(error)).toBe(true);
    expect(error.job.operation).toStrictEqual({ id: 'job-2' });
    expect(model.startCalls).toHaveLength(3);
    expect(
      model.cancelCalls.map((call) => call.operation).sort((a: any, b: any) => a.id.localeCompare(b.id)),
    ).toStrictEqual([{ id: 'job-1' }, { id: 'job-3' }]);
  });
});

describe('jobs: submission, polling and retries', () => {
  it('submits once, polls until completed and reports events in order', async () => {
    const model = createMockJobModel({
      statuses: [
        { status: 'pending', providerStatus: 'queued', queuePosition: 2 },
        { status: 'pending', providerStatus: 'running', progress: 40 },
        { status: 'pending', providerStatus: 'running', progress: 40 },
        mockCompletedStatus([{ type: 'url', url: 'https://cdn.example.com/v.mp4', mediaType: 'video/mp4' }]),
      ],
      download: () => new Response(bytes(9, 9, 9), { headers: { 'content-length': '3' } }),
    });
    const events: VideoEvent[] = [];
    const result = await generateVideo({
      model,
      prompt: 'x',
      poll: { intervalMs: 1 },
      onProgress: (event) => events.push(event),
    });
    const job = {
      specificationVersion: 'v3',
      provider: 'mock-provider',
      modelId: 'mock-model-id',
      operation: { id: 'job-1' },
    };
    expect(result.video.uint8Array).toStrictEqual(bytes(9, 9, 9));
    expect(result.jobs).toStrictEqual([job]);
    expect(events).toStrictEqual([
      { type: 'job-created', callIndex: 0, job },
      { type: 'status', callIndex: 0, job, status: 'pending', providerStatus: 'queued', queuePosition: 2 },
      { type: 'status', callIndex: 0, job, status: 'pending', providerStatus: 'running', progress: 40 },
      { type: 'status', callIndex: 0, job, status: 'completed' },
      { type: 'completed', callIndex: 0, job, videos: [{ index: 0, mediaType: 'video/mp4' }] },
      { type: 'download-progress', callIndex: 0, job, videoIndex: 0, bytes: 3, totalBytes: 3 },
    ]);
    expect(model.startCalls).toHaveLength(1);
    expect(model.downloadCalls[0].video.url).toBe('https://cdn.example.com/v.mp4');
  });

  it('retries a submission on 429, 503 and ECONNREFUSED with the same idempotency key', async () => {
    vi.useFakeTimers();
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const failures = [apiError(429, { 'retry-after': '1' }), apiError(503), refused];
    const model = createMockJobModel({
      start: (_options, callNumber) => {
        if (callNumber <= 3) throw failures[callNumber - 1];
        return { operation: { id: 'job-1' }, warnings: [], response };
      },
    });
    const promise = generateVideo({ model, prompt: 'x', maxRetries: 3 });
    await vi.runAllTimersAsync();
    await promise;
    expect(model.startCalls).toHaveLength(4);
    const keys = model.startCalls.map((call) => call.idempotencyKey);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toEqual(expect.any(String));
  });

  it.each([500, 400, 408])('does not retry a submission that failed with %i', async (status) => {
    const model = createMockJobModel({
      start: () => {
        throw apiError(status);
      },
    });
    await expect(generateVideo({ model, prompt: 'x' })).rejects.toMatchObject({ statusCode: status });
    expect(model.startCalls).toHaveLength(1);
  });

  it('honours Retry-After on a status poll (fake timers)', async () => {
    vi.useFakeTimers();
    const model = createMockJobModel({ statuses: [apiError(429, { 'retry-after': '7' }), mockCompletedStatus()] });
    const promise = generateVideo({ model, prompt: 'x', poll: { intervalMs: 1000 } });
    await vi.advanceTimersByTimeAsync(999);
    expect(model.statusCalls).toHaveLength(0); // submitted just now: first asked after one interval
    await vi.advanceTimersByTimeAsync(1);
    expect(model.statusCalls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(6999);
    expect(model.statusCalls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(model.statusCalls).toHaveLength(2);
    await expect(promise).resolves.toMatchObject({ videos: [expect.anything()] });
  });

  it('never submits again when polling fails permanently: the error carries the job', async () => {
    const model = createMockJobModel({ statuses: [apiError(403)] });
    const error = await generateVideo({ model, prompt: 'x', maxRetries: 0 }).catch((caught) => caught);
    expect(VideoJobInterruptedError.isInstance(error)).toBe(true);
    expect(error.job.operation).toStrictEqual({ id: 'job-1' });
    expect(model.startCalls).toHaveLength(1);
  });

  it('keeps polling through transient failures whatever maxRetries says, until the wait times out with the job', async () => {
    vi.useFakeTimers();
    const model = createMockJobModel({
      statuses: [
        apiError(500),
        apiError(503),
        apiError(429),
        apiError(500),
        { status: 'pending' },
        mockCompletedStatus(),
      ],
    });
    const promise = generateVideo({ model, prompt: 'x', maxRetries: 0, poll: { intervalMs: 100 } });
    await vi.runAllTimersAsync();
    await expect(promise).resolves.toMatchObject({ videos: [expect.anything()] });
    expect(model.statusCalls).toHaveLength(6);

    const failing = createMockJobModel({ statuses: [apiError(500)] });
    const timedOut = generateVideo({ model: failing, prompt: 'x', poll: { intervalMs: 100, timeoutMs: 10_000 } }).catch(
      (caught) => caught,
    );
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await timedOut;
    expect(VideoJobTimeoutError.isInstance(error)).toBe(true);
    expect(error.job.operation).toStrictEqual({ id: 'job-1' });
    expect(error.cause).toMatchObject({ statusCode: 500 });
    expect(failing.startCalls).toHaveLength(1);
  });

  it("polls at the model's pollIntervalMs unless the caller sets poll.intervalMs", async () => {
    vi.useFakeTimers(); // a frozen clock: the recorded sleeps are exact
    const sleeps: number[] = [];
    const delay = async (ms: number) => void sleeps.push(ms);
    const model = Object.assign(createMockJobModel({ statuses: [{ status: 'pending' }, mockCompletedStatus()] }), {
      pollIntervalMs: 750,
    });
    await generateVideo({ model, prompt: 'x', poll: { delay } });
    expect(sleeps).toStrictEqual([750, 750]); // the first status request of a job submitted just now: one interval
    sleeps.length = 0;
    const again = Object.assign(createMockJobModel({ statuses: [{ status: 'pending' }, mockCompletedStatus()] }), {
      pollIntervalMs: 750,
    });
    await generateVideo({ model: again, prompt: 'x', poll: { delay, intervalMs: 40 } });
    expect(sleeps).toStrictEqual([40, 40]);
  });

  it('never submits again when the download fails; the download is retried by itself, then fails with the job', async () => {
    vi.useFakeTimers();
    let downloads = 0;
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([{ type: 'url', url: 'https://cdn.example.com/v.mp4', mediaType: 'video/mp4' }])],
      download: () => {
        downloads++;
        throw apiError(502);
      },
    });
    const promise = generateVideo({ model, prompt: 'x', maxRetries: 2 }).catch((caught) => caught);
    await vi.runAllTimersAsync();
    const error = await promise;
    expect(VideoDownloadError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ cause: { statusCode: 502 }, videoIndex: 0, isRetryable: true });
    expect(error.job.operation).toStrictEqual({ id: 'job-1' });
    expect(downloads).toBe(3);
    expect(model.startCalls).toHaveLength(1);
  });

  it('a download that fails after completion is resumable with waitForVideo, without paying again', async () => {
    vi.useFakeTimers();
    let fail = true;
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([{ type: 'url', url: 'https://cdn.example.com/v.mp4', mediaType: 'video/mp4' }])],
      download: () => {
        if (fail) throw apiError(404);
        return new Response(new Uint8Array([9, 8]));
      },
    });
    const promise = generateVideo({ model, prompt: 'x' }).catch((caught) => caught);
    await vi.runAllTimersAsync();
    const error = await promise;
    expect(VideoDownloadError.isInstance(error)).toBe(true);
    fail = false;
    const resumed = waitForVideo({ model, job: JSON.stringify(error.job) });
    await vi.runAllTimersAsync();
    expect((await resumed).video.uint8Array).toStrictEqual(new Uint8Array([9, 8]));
    expect(model.startCalls).toHaveLength(1);
  });

  it('ends promptly on abort mid-sleep without any timer elapsing, and cancels the job', async () => {
    vi.useFakeTimers();
    const model = createMockJobModel({ statuses: [{ status: 'pending' }] });
    const controller = new AbortController();
    const promise = generateVideo({
      model,
      prompt: 'x',
      abortSignal: controller.signal,
      poll: { intervalMs: 5000 },
    }).catch((caught) => caught);
    await vi.advanceTimersByTimeAsync(1000); // mid-sleep, before the first status request
    expect(model.statusCalls).toHaveLength(0);
    const now = Date.now();
    controller.abort();
    const error = await promise; // would hang here if a timer had to elapse
    expect(Date.now()).toBe(now);
    expect(VideoJobAbortedError.isInstance(error)).toBe(true);
    expect(error.name).toBe('AbortError');
    expect(error.job.operation).toStrictEqual({ id: 'job-1' });
    expect(await error.cancellation).toBe('cancelled');
    expect(model.cancelCalls).toHaveLength(1);
  });

  it('aborts a submission in flight and cancels the job if the provider accepted it anyway', async () => {
    let accept!: () => void;
    const model = createMockJobModel({
      start: () =>
        new Promise((resolve) => {
          accept = () => resolve({ operation: { id: 'late' }, warnings: [], response });
        }),
    });
    const controller = new AbortController();
    const promise = generateVideo({ model, prompt: 'x', abortSignal: controller.signal }).catch((caught) => caught);
    await new Promise((resolve) => setTimeout(resolve, 1));
    controller.abort();
    const error = await promise;
    expect(error.name).toBe('AbortError');
    expect(error.job).toBeUndefined();
    accept();
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(model.cancelCalls.map((call) => call.operation)).toStrictEqual([{ id: 'late' }]);
  });

  it('submits nothing when the signal is already aborted', async () => {
    const model = createMockJobModel();
    const error = await generateVideo({ model, prompt: 'x', abortSignal: AbortSignal.abort() }).catch(
      (caught) => caught,
    );
    expect(error.name).toBe('AbortError');
    expect(model.startCalls).toHaveLength(0);
  });

  it('throws a VideoJobTimeoutError carrying the job', async () => {
    vi.useFakeTimers();
    const model = createMockJobModel({ statuses: [{ status: 'pending' }] });
    const promise = generateVideo({ model, prompt: 'x', poll: { intervalMs: 1000, timeoutMs: 10_000 } }).catch(
      (caught) => caught,
    );
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await promise;
    expect(VideoJobTimeoutError.isInstance(error)).toBe(true);
    expect(error.job).toStrictEqual({
      specificationVersion: 'v3',
      provider: 'mock-provider',
      modelId: 'mock-model-id',
      operation: { id: 'job-1' },
    });
    expect(model.startCalls).toHaveLength(1);
    expect(model.cancelCalls).toHaveLength(0);
  });

  it('reports an error event with the job', async () => {
    const model = createMockJobModel({
      statuses: [{ status: 'failed', error: { message: 'nsfw', contentFiltered: true } }],
    });
    const events: VideoEvent[] = [];
    await expect(generateVideo({ model, prompt: 'x', onProgress: (event) => events.push(event) })).rejects.toThrow(
      'nsfw',
    );
    expect(events.at(-1)).toStrictEqual({
      type: 'error',
      error: {
        name: 'VideoGen_VideoJobFailedError',
        message: 'Video job was blocked by a content filter (mock-provider, mock-model-id): nsfw',
        job: {
          specificationVersion: 'v3',
          provider: 'mock-provider',
          modelId: 'mock-model-id',
          operation: { id: 'job-1' },
        },
        contentFiltered: true,
      },
    });
  });
});

describe('webhooks', () => {
  it('passes the webhook URL, checks at once when the webhook arrives, and polls slowly until then', async () => {
    vi.useFakeTimers();
    let deliver!: () => void;
    const factory = vi.fn(async () => ({
      url: 'https://example.com/hooks/1',
      received: new Promise<void>((resolve) => {
        deliver = resolve;
      }),
    }));
    let done = false;
    const model = createMockJobModel({ statuses: [() => (done ? mockCompletedStatus() : { status: 'pending' })] });
    const promise = generateVideo({ model, prompt: 'x', webhook: factory, poll: { intervalMs: 1000 } });
    await vi.advanceTimersByTimeAsync(0);
    expect(model.startCalls[0].webhookUrl).toBe('https://example.com/hooks/1');
    expect(model.statusCalls).toHaveLength(1); // once right after submitting
    await vi.advanceTimersByTimeAsync(30_000);
    expect(model.statusCalls).toHaveLength(1); // no 1 s polling while waiting for the webhook
    done = true;
    deliver();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.statusCalls).toHaveLength(2);
    await expect(promise).resolves.toMatchObject({ videos: [expect.anything()] });
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('falls back to polling when no webhook arrives', async () => {
    vi.useFakeTimers();
    let polls = 0;
    const model = createMockJobModel({
      statuses: [() => (++polls >= 3 ? mockCompletedStatus() : { status: 'pending' })],
    });
    const promise = generateVideo({
      model,
      prompt: 'x',
      n: 2,
      webhook: () => ({ url: 'https://example.com/hook', received: new Promise(() => {}) }),
      poll: { webhookFallbackIntervalMs: 20_000 },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(model.statusCalls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(model.statusCalls).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(promise).resolves.toMatchObject({ videos: [expect.anything(), expect.anything()] });
  });
});
