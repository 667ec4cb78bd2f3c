import {
  APICallError,
  DownloadTooLargeError,
  VideoDownloadError,
  VideoJobAbortedError,
  type VideoJob,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3GenerateResult,
  type VideoModelV3OperationOptions,
  type VideoModelV3StartOptions,
  type VideoModelV3StartResult,
  type VideoModelV3VideoData,
} from '@videogen/provider-spec';
import { isAbortError } from '@ai-sdk/provider-utils';
import { isDetachError } from './abort';
import { pollVideoJob, type PollSettings, type PollableVideoModel } from './poll-video-job';
import { readBytesWithLimit } from './limit-bytes';
import { mergeProviderMetadata } from './provider-metadata';
import { isRetryableError, retryRequest } from './retry';

/** The job methods a model needs for {@link generateVideoFromJob}. */
export type JobVideoModel = PollableVideoModel &
  Pick<VideoModelV3, 'provider' | 'modelId' | 'doCancel' | 'doDownload'> & {
    doStart(options: VideoModelV3StartOptions): PromiseLike<VideoModelV3StartResult>;
  };

/** Largest video `doGenerate` reads into memory. Default: 2 GiB. */
export const DEFAULT_MAX_VIDEO_BYTES = 2 * 1024 ** 3;

/**
 * Implements `doGenerate` from `doStart` + `doStatus`, so that the two paths
 * cannot drift: submits once, waits with the shared polling loop, cancels the
 * job at the provider when the caller aborts, and (when the model has
 * `doDownload`) returns videos behind credentials as bytes, because a caller
 * of `doGenerate` (e.g. the Vercel AI SDK) cannot fetch them without the key.
 * Polls at `poll.intervalMs`, else the model's `pollIntervalMs`, else 2000 ms.
 * A download that still fails after its retries throws a `VideoDownloadError`
 * carrying the job (resumable with core's `waitForVideo`).
 */
export async function generateVideoFromJob({
  model,
  options,
  poll,
  maxRetries,
  maxVideoBytes = DEFAULT_MAX_VIDEO_BYTES,
  allowPrivateNetwork,
}: {
  model: JobVideoModel;
  options: VideoModelV3CallOptions;
  poll?: PollSettings;
  maxRetries?: number;
  maxVideoBytes?: number;
  /**
   * Let `doDownload` follow the video to loopback or a private network (a
   * local emulator, tests). Callers of `doGenerate` such as the Vercel AI SDK
   * cannot pass core's `createDownload` setting, so a provider passes its own
   * provider option here. Default: `false`.
   */
  allowPrivateNetwork?: boolean;
}): Promise<VideoModelV3GenerateResult> {
  const start = await model.doStart(options);
  const job: VideoJob = {
    specificationVersion: 'v3',
    provider: model.provider,
    modelId: model.modelId,
    operation: start.operation,
  };
  const completed = await waitOrCancel({
    model,
    job,
    abortSignal: options.abortSignal,
    headers: options.headers,
    wait: (abortSignal) =>
      pollVideoJob({ model, job, poll, maxRetries, abortSignal, headers: options.headers, justStarted: true }),
  });

  const videos: VideoModelV3VideoData[] = [];
  for (const [videoIndex, video] of completed.videos.entries()) {
    if (video.type === 'url' && model.doDownload) {
      const doDownload = model.doDownload.bind(model);
      const data = await downloadCompletedVideo({
        job,
        videoIndex,
        url: video.url,
        abortSignal: options.abortSignal,
        maxRetries,
        download: async () => {
          const response = await doDownload({
            video,
            abortSignal: options.abortSignal,
            headers: options.headers,
            ...(allowPrivateNetwork ? { allowPrivateNetwork } : {}),
          });
          return await readBytesWithLimit(response, { maxBytes: maxVideoBytes, url: video.url });
        },
      });
      videos.push({ type: 'binary', data, mediaType: video.mediaType });
    } else {
      videos.push(video);
    }
  }

  return {
    videos,
    warnings: [...start.warnings, ...completed.warnings],
    providerMetadata: mergeProviderMetadata(start.providerMetadata, completed.providerMetadata),
    ...(completed.usage !== undefined ? { usage: completed.usage } : {}),
    response: completed.response,
  };
}

/**
 * Whether downloading a completed job's video again may succeed: whatever {@link isRetryableError}
 * retries (429, 5xx, network errors, a body that broke off), and a 404, because a provider's storage
 * is eventually consistent and may not serve a result yet that its status just called completed.
 * A size limit (`DownloadTooLargeError`) and other refusals are final.
 */
export function isVideoDownloadRetryable(error: unknown): boolean {
  if (DownloadTooLargeError.isInstance(error)) return false;
  if (APICallError.isInstance(error) && error.statusCode === 404) return true;
  return isRetryableError(error);
}

/**
 * Downloads one video of a completed job: the download (request and body) is retried by itself,
 * a bounded number of times, on {@link isVideoDownloadRetryable} failures; whatever still fails
 * becomes a `VideoDownloadError` carrying the job, so that the caller can fetch it again without
 * paying for a new one. An abort becomes a `VideoJobAbortedError` carrying the job.
 */
export async function downloadCompletedVideo<T>({
  job,
  videoIndex,
  url,
  abortSignal,
  maxRetries,
  download,
}: {
  job: VideoJob | undefined;
  videoIndex: number;
  url: string | undefined;
  abortSignal: AbortSignal | undefined;
  /** Retries of the whole download after the first attempt. Default: 2. */
  maxRetries?: number;
  download: () => Promise<T>;
}): Promise<T> {
  try {
    return await retryRequest(download, { maxRetries, abortSignal, shouldRetry: isVideoDownloadRetryable });
  } catch (error) {
    if (abortSignal?.aborted) {
      if (VideoJobAbortedError.isInstance(error)) throw error;
      throw new VideoJobAbortedError({ job, cause: abortSignal.reason });
    }
    if (VideoDownloadError.isInstance(error)) throw error;
    throw new VideoDownloadError({ job, videoIndex, url, cause: error, isRetryable: isVideoDownloadRetryable(error) });
  }
}

/**
 * Runs `wait` and, when the caller's signal aborts, asks the provider to
 * cancel the job. The returned promise rejects at once with a
 * `VideoJobAbortedError` carrying the job; its `cancellation` tells how the
 * cancel request went, without delaying the abort.
 */
export async function waitOrCancel<T>({
  model,
  job,
  abortSignal,
  headers,
  wait,
  cancelOnAbort = true,
}: {
  model: { doCancel?(options: VideoModelV3OperationOptions): PromiseLike<void> };
  job: VideoJob;
  abortSignal: AbortSignal | undefined;
  headers?: Record<string, string | undefined>;
  wait: (abortSignal: AbortSignal | undefined) => Promise<T>;
  /** Cancel the job at the provider on abort. Default: true. */
  cancelOnAbort?: boolean;
}): Promise<T> {
  try {
    return await wait(abortSignal);
  } catch (error) {
    if (!abortSignal?.aborted || !(isAbortError(error) || error === abortSignal.reason)) throw error;
    // A detach (the watcher went away) stops waiting but leaves the paid job running.
    if (isDetachError(abortSignal.reason)) {
      throw new VideoJobAbortedError({
        job,
        cancellation: Promise.resolve('not-requested'),
        cause: abortSignal.reason,
      });
    }
    const canCancel = cancelOnAbort && model.doCancel !== undefined;
    const cancellation: Promise<'cancelled' | 'unsupported' | 'failed'> = canCancel
      ? Promise.resolve(model.doCancel!({ operation: job.operation, headers }))
          .then(() => 'cancelled' as const)
          .catch(() => 'failed' as const)
      : Promise.resolve('unsupported' as const);
    throw new VideoJobAbortedError({ job, cancellation, cause: abortSignal.reason });
  }
}
