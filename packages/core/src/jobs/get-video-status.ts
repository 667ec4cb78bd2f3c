import {
  UnsupportedFunctionalityError,
  VideoJobFailedError,
  type SharedV3ProviderMetadata,
  type SharedV3Warning,
  type VideoJob,
  type VideoModelV3,
  type VideoModelV3ResponseMetadata,
  type VideoModelV3VideoData,
} from '@videogen/provider-spec';
import { retryRequest } from '@videogen/provider-utils';
import { InvalidArgumentError } from '@videogen/provider-spec';
import { createDownload } from '../download/create-download';
import type { VideoUsage } from '../util/usage';
import type { DownloadProgress, VideoDownloadFunction, VideoStream } from '../types';
import { assertJobOfModel } from './assert-job';

/** Where a job stands, as {@link getVideoStatus} reports it. */
export type VideoStatus = (
  | {
      status: 'pending';
      job: VideoJob;
      /** Progress 0..100, only when the provider reports it. */
      progress?: number;
      /** Position in the provider's queue, only when reported. */
      queuePosition?: number;
      /** The provider's own status word, when known. */
      providerStatus?: string;
      /** The provider's hint of when to ask again, in ms, only when it gives one. */
      pollAfterMs?: number;
    }
  | {
      status: 'completed';
      job: VideoJob;
      /** The videos as the provider reports them (URLs are not fetched yet). */
      videos: VideoModelV3VideoData[];
      warnings: SharedV3Warning[];
      providerMetadata: SharedV3ProviderMetadata | undefined;
      response: VideoModelV3ResponseMetadata;
      /**
       * Streams video `index` (default 0) through the model (credentials stay
       * with the provider) and the downloader's size limit.
       */
      download: (
        index?: number,
        options?: { abortSignal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void },
      ) => Promise<VideoStream>;
    }
  | {
      status: 'failed';
      job: VideoJob;
      /** The provider's reason, as the typed error (not thrown). */
      error: VideoJobFailedError;
    }
) & {
  /** What the job used (so far), when the provider reports it; never estimated. */
  usage?: VideoUsage;
};

/**
 * Asks the provider once where a job stands (the status request is retried
 * on 429/5xx/network errors; the job is never submitted).
 *
 * @example
 * const status = await getVideoStatus({ model, job });
 * if (status.status === 'pending') console.log(status.progress);
 */
export async function getVideoStatus({
  model,
  job: jobInput,
  abortSignal,
  headers,
  maxRetries,
  download = createDownload(),
}: {
  /** The model that started the job. */
  model: VideoModelV3;
  /** The job, as an object or its JSON string. */
  job: VideoJob | string;
  /** Aborts the request. */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers. */
  headers?: Record<string, string | undefined>;
  /** Retries of the status request. Default: 2. */
  maxRetries?: number;
  /** The downloader used by `download()` of a completed status. Default: `createDownload()`. */
  download?: VideoDownloadFunction;
}): Promise<VideoStatus> {
  if (typeof model.doStatus !== 'function') {
    throw new UnsupportedFunctionalityError({
      functionality: 'getVideoStatus',
      message: `${model.provider} model ${model.modelId} has no doStatus, so a job's status cannot be asked for.`,
    });
  }
  const job = assertJobOfModel(model, jobInput);
  const status = await retryRequest(() => model.doStatus!({ operation: job.operation, abortSignal, headers }), {
    maxRetries,
    abortSignal,
  });
  const usage = status.usage !== undefined ? { usage: status.usage } : {};
  switch (status.status) {
    case 'pending':
      return {
        status: 'pending',
        job,
        ...usage,
        ...(status.progress !== undefined ? { progress: status.progress } : {}),
        ...(status.queuePosition !== undefined ? { queuePosition: status.queuePosition } : {}),
        ...(status.providerStatus !== undefined ? { providerStatus: status.providerStatus } : {}),
        ...(status.pollAfterMs !== undefined ? { pollAfterMs: status.pollAfterMs } : {}),
      };
    case 'failed':
      return {
        status: 'failed',
        job,
        ...usage,
        error: new VideoJobFailedError({
          message: status.error.message,
          code: status.error.code,
          contentFiltered: status.error.contentFiltered,
          job,
        }),
      };
    case 'completed':
      return {
        status: 'completed',
        job,
        ...usage,
        videos: status.videos,
        warnings: status.warnings,
        providerMetadata: status.providerMetadata,
        response: status.response,
        download: async (index = 0, options = {}) => {
          const video = status.videos[index];
          if (!video) {
            throw new InvalidArgumentError({
              argument: 'index',
              message: `The job has ${status.videos.length} video(s); there is no video ${index}.`,
            });
          }
          return await download({
            video,
            model,
            headers,
            abortSignal: options.abortSignal ?? abortSignal,
            onProgress: options.onProgress,
          });
        },
      };
  }
}
