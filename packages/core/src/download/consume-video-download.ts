import {
  APICallError,
  VideoDownloadError,
  VideoJobAbortedError,
  type VideoModelV3VideoData,
} from '@videogen/provider-spec';
import { isRetryableError, isVideoDownloadRetryable, retryRequest } from '@videogen/provider-utils';
import type { CallOutcome } from '../generate-video/run-video-calls';
import { ignoreEvents } from '../generate-video/run-video-calls';
import type { VideoDownloadFunction, VideoEvent, VideoModel, VideoStream } from '../types';
import { createProgressThrottle } from '../util/progress';

/** A body that broke off while being consumed (as opposed to a failed request). */
class BodyBrokeError extends Error {
  constructor(readonly cause: unknown) {
    super('The download broke off.');
  }
}

/** What the downloads of one call's videos share: the outcome, the downloader and where events go. */
export type CallDownloadContext = {
  outcome: CallOutcome;
  download: VideoDownloadFunction;
  model: Pick<VideoModel, 'doDownload'>;
  abortSignal: AbortSignal;
  headers?: Record<string, string | undefined>;
  emit: (event: VideoEvent) => void;
  maxRetries?: number;
};

/**
 * Downloads one `url` video of a call and hands the stream to `consume`
 * (read into memory, written to a file …), reporting `download-progress`
 * events. The downloader retries the request; a body that breaks while being
 * consumed, and a 404 on a result the status just called completed (storage
 * that is eventually consistent), are fetched again, a bounded number of
 * times. The job itself is never submitted again. What still fails is a
 * `VideoDownloadError` carrying the job (resumable with `waitForVideo` /
 * `saveVideoFromJob`).
 */
export async function consumeVideoDownload<T>({
  outcome,
  videoIndex,
  video,
  download,
  model,
  abortSignal,
  headers,
  emit,
  maxRetries,
  consume,
}: CallDownloadContext & {
  videoIndex: number;
  video: Extract<VideoModelV3VideoData, { type: 'url' }>;
  consume: (videoStream: VideoStream) => Promise<T>;
}): Promise<{ value: T; mediaType: string }> {
  const progress =
    emit === ignoreEvents
      ? undefined
      : createProgressThrottle(({ bytes, totalBytes }) =>
          emit({
            type: 'download-progress',
            callIndex: outcome.callIndex,
            ...(outcome.job ? { job: outcome.job } : {}),
            videoIndex,
            bytes,
            ...(totalBytes !== undefined ? { totalBytes } : {}),
          }),
        );
  const result = await retryRequest(
    async () => {
      const videoStream = await download({ video, model, abortSignal, headers, onProgress: progress?.update });
      try {
        return { value: await consume(videoStream), mediaType: videoStream.mediaType };
      } catch (error) {
        throw new BodyBrokeError(error);
      }
    },
    {
      maxRetries,
      abortSignal,
      // The downloader already retried 429, 5xx and network errors of the request itself.
      shouldRetry: (error) =>
        error instanceof BodyBrokeError
          ? isRetryableError(error.cause)
          : APICallError.isInstance(error) && error.statusCode === 404,
    },
  ).catch((caught: unknown) => {
    const error = caught instanceof BodyBrokeError ? caught.cause : caught;
    if (abortSignal.aborted) {
      if (VideoJobAbortedError.isInstance(error)) throw error;
      throw new VideoJobAbortedError({ job: outcome.job, cause: abortSignal.reason });
    }
    if (VideoDownloadError.isInstance(error)) throw error;
    throw new VideoDownloadError({
      job: outcome.job,
      videoIndex,
      url: video.url,
      cause: error,
      isRetryable: isVideoDownloadRetryable(error),
    });
  });
  progress?.flush();
  return result;
}
