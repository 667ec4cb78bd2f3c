import {
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
 */
export async function generateVideoFromJob({
  model,
  options,
  poll,
  maxRetries,
  maxVideoBytes = DEFAULT_MAX_VIDEO_BYTES,
}: {
  model: JobVideoModel;
  options: VideoModelV3CallOptions;
  poll?: PollSettings;
  maxRetries?: number;
  maxVideoBytes?: number;
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
  for (const video of completed.videos) {
    if (video.type === 'url' && model.doDownload) {
      const response = await model.doDownload({ video, abortSignal: options.abortSignal, headers: options.headers });
      const data = await readBytesWithLimit(response, { maxBytes: maxVideoBytes, url: video.url });
      videos.push({ type: 'binary', data, mediaType: video.mediaType });
    } else {
      videos.push(video);
    }
  }

  return {
    videos,
    warnings: [...start.warnings, ...completed.warnings],
    providerMetadata: mergeProviderMetadata(start.providerMetadata, completed.providerMetadata),
    response: completed.response,
  };
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
