import { createCallOptions } from './test/call-options';
import {
  APICallError,
  VideoDownloadError,
  VideoJobAbortedError,
  type VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateVideoFromJob, type JobVideoModel } from './generate-video-from-job';

const callOptions = createCallOptions();
const response = { timestamp: new Date(0), modelId: 'm', headers: undefined };

function createModel(statuses: VideoModelV3StatusResult[], extra: Partial<JobVideoModel> = {}): JobVideoModel {
  let index = 0;
  return {
    provider: 'test.video',
    modelId: 'm',
    doStart: vi.fn(async () => ({
      operation: { id: 'job-1' },
      warnings: [{ type: 'unsupported' as const, feature: 'fps' }],
      providerMetadata: { test: { submitted: true } },
      response,
    })),
    doStatus: vi.fn(async () => statuses[Math.min(index++, statuses.length - 1)]),
    ...extra,
  };
}

describe('generateVideoFromJob', () => {
  it('submits once, waits and merges warnings and metadata', async () => {
    const model = createModel([
      { status: 'pending' },
      {
        status: 'completed',
        videos: [{ type: 'url', url: 'https://cdn.example/v.mp4', mediaType: 'video/mp4' }],
        warnings: [{ type: 'other', message: 'late' }],
        providerMetadata: { test: { seed: 7 } },
        response,
      },
    ]);
    const result = await generateVideoFromJob({ model, options: callOptions, poll: { intervalMs: 1 } });
    expect(model.doStart).toHaveBeenCalledTimes(1);
    expect(result).toStrictEqual({
      videos: [{ type: 'url', url: 'https://cdn.example/v.mp4', mediaType: 'video/mp4' }],
      warnings: [
        { type: 'unsupported', feature: 'fps' },
        { type: 'other', message: 'late' },
      ],
      providerMetadata: { test: { submitted: true, seed: 7 } },
      response,
    });
  });

  it('returns credentialed videos as bytes through doDownload', async () => {
    const doDownload = vi.fn(async () => new Response(new Uint8Array([5, 6, 7])));
    const model = createModel(
      [
        {
          status: 'completed',
          videos: [{ type: 'url', url: 'https://api.example/content', mediaType: 'video/mp4' }],
          warnings: [],
          response,
        },
      ],
      { doDownload },
    );
    const result = await generateVideoFromJob({ model, options: callOptions });
    expect(result.videos).toStrictEqual([{ type: 'binary', data: new Uint8Array([5, 6, 7]), mediaType: 'video/mp4' }]);
    expect(doDownload).toHaveBeenCalledWith(
      expect.objectContaining({ video: { type: 'url', url: 'https://api.example/content', mediaType: 'video/mp4' } }),
    );
  });

  it('cancels the job at the provider when the caller aborts, without re-submitting', async () => {
    const doCancel = vi.fn(async () => {});
    const model = createModel([{ status: 'pending' }], { doCancel });
    const controller = new AbortController();
    const promise = generateVideoFromJob({
      model,
      options: { ...callOptions, abortSignal: controller.signal },
      poll: { intervalMs: 10_000 },
    });
    await vi.waitFor(() => expect(model.doStart).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A job submitted just now is first asked for after one interval.
    expect(model.doStatus).not.toHaveBeenCalled();
    controller.abort();
    const error = await promise.catch((caught) => caught);
    expect(VideoJobAbortedError.isInstance(error)).toBe(true);
    expect(error.name).toBe('AbortError');
    expect(error.job).toStrictEqual({
      specificationVersion: 'v3',
      provider: 'test.video',
      modelId: 'm',
      operation: { id: 'job-1' },
    });
    await expect(error.cancellation).resolves.toBe('cancelled');
    expect(doCancel).toHaveBeenCalledWith(expect.objectContaining({ operation: { id: 'job-1' } }));
    expect(model.doStart).toHaveBeenCalledTimes(1);
  });

  it('reports that a provider without cancel could not cancel', async () => {
    const model = createModel([{ status: 'pending' }]);
    const controller = new AbortController();
    const promise = generateVideoFromJob({
      model,
      options: { ...callOptions, abortSignal: controller.signal },
      poll: { intervalMs: 10_000 },
    });
    await vi.waitFor(() => expect(model.doStart).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(model.doStatus).not.toHaveBeenCalled();
    controller.abort();
    const error = await promise.catch((caught) => caught);
    await expect(error.cancellation).resolves.toBe('unsupported');
  });

  describe('download after completion', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    const completedAt = (url: string): VideoModelV3StatusResult => ({
      status: 'completed',
      videos: [{ type: 'url', url, mediaType: 'video/mp4' }],
      warnings: [],
      response,
    });
    const httpError = (statusCode: number) =>
      new APICallError({
        message: `HTTP ${statusCode}`,
        url: 'https://api.example/content',
        requestBodyValues: undefined,
        statusCode,
      });
    /** A body that sends two bytes and then breaks off. */
    const truncated = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new Uint8Array([1, 2]));
            controller.error(new TypeError('terminated'));
          },
        }),
      );
    const expectedJob = {
      specificationVersion: 'v3',
      provider: 'test.video',
      modelId: 'm',
      operation: { id: 'job-1' },
    };

    it('retries a 404 on a result the status just called completed (eventually consistent storage)', async () => {
      vi.useFakeTimers();
      const doDownload = vi
        .fn()
        .mockRejectedValueOnce(httpError(404))
        .mockResolvedValue(new Response(new Uint8Array([5, 6, 7])));
      const model = createModel([completedAt('https://api.example/content?sig=secret')], { doDownload });
      const promise = generateVideoFromJob({ model, options: callOptions, poll: { intervalMs: 1 } });
      await vi.runAllTimersAsync();
      const result = await promise;
      expect(result.videos).toStrictEqual([
        { type: 'binary', data: new Uint8Array([5, 6, 7]), mediaType: 'video/mp4' },
      ]);
      expect(doDownload).toHaveBeenCalledTimes(2);
      expect(model.doStart).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['a 404 that never clears', () => Promise.reject(httpError(404))],
      ['503 on every attempt', () => Promise.reject(httpError(503))],
      ['a body that always breaks off', () => Promise.resolve(truncated())],
      ['a dropped connection', () => Promise.reject(new TypeError('fetch failed'))],
    ])('%s: a bounded number of attempts, then a VideoDownloadError carrying the job', async (_name, answer) => {
      vi.useFakeTimers();
      const doDownload = vi.fn(answer);
      const model = createModel([completedAt('https://api.example/content?sig=secret')], { doDownload });
      const promise = generateVideoFromJob({ model, options: callOptions, poll: { intervalMs: 1 } });
      const caught = promise.catch((error: unknown) => error);
      await vi.runAllTimersAsync();
      const error = await caught;
      expect(VideoDownloadError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        job: expectedJob,
        videoIndex: 0,
        url: 'https://api.example/content',
        isRetryable: true,
      });
      expect((error as Error).message).not.toContain('secret');
      expect(doDownload).toHaveBeenCalledTimes(3);
      expect(model.doStart).toHaveBeenCalledTimes(1);
    });

    it('a download larger than the limit is not retried, and still carries the job', async () => {
      const doDownload = vi.fn(async () => new Response(new Uint8Array(10)));
      const model = createModel([completedAt('https://api.example/content')], { doDownload });
      const error = await generateVideoFromJob({
        model,
        options: callOptions,
        poll: { intervalMs: 1 },
        maxVideoBytes: 4,
      }).catch((caught) => caught);
      expect(VideoDownloadError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ job: expectedJob, isRetryable: false });
      expect(doDownload).toHaveBeenCalledTimes(1);
    });
  });
});
