import { AISDKError, getErrorMessage } from '@ai-sdk/provider';
import type { VideoJob } from '../video-model/v3/video-model-v3-job';

const name = 'VideoGen_VideoDownloadError';
const marker = `videogen.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * The job completed but one of its videos could not be downloaded (after the
 * download's own retries): a 404 that did not clear, a server error, a body
 * that broke off or was too large. The job is paid and done: fetch its videos
 * again with `waitForVideo({ model, job: error.job })` or
 * `saveVideoFromJob({ model, job: error.job, path })` instead of paying for a
 * new one (while the provider still keeps the result). The download's error
 * is `cause`.
 */
export class VideoDownloadError extends AISDKError {
  private readonly [symbol] = true;

  /** The completed job. `undefined` only for a model without job methods (nothing to resume). */
  readonly job: VideoJob | undefined;
  /** Index of the video that failed among the videos of the job (0 for the first). */
  readonly videoIndex: number;
  /** The video's URL without its query string (which may hold a signature), when it had one. */
  readonly url: string | undefined;
  /**
   * Whether downloading again may succeed (a network error, 404, 429 or 5xx), as opposed to a
   * limit that will fail the same way (`DownloadTooLargeError`).
   */
  readonly isRetryable: boolean;

  constructor({
    job,
    videoIndex,
    url,
    cause,
    isRetryable,
  }: {
    job: VideoJob | undefined;
    videoIndex: number;
    url?: string;
    cause: unknown;
    isRetryable: boolean;
  }) {
    const safeUrl = url === undefined || url.startsWith('data:') ? undefined : stripQuery(url);
    super({
      name,
      message:
        `Downloading video ${videoIndex} of the completed job` +
        (job ? ` (${job.provider}, ${job.modelId})` : '') +
        ` failed: ${getErrorMessage(cause)}` +
        (job
          ? ' The job is done and paid; download it again with waitForVideo({ job: error.job }) or saveVideoFromJob({ job: error.job, path }).'
          : ''),
      cause,
    });
    this.job = job;
    this.videoIndex = videoIndex;
    this.url = safeUrl;
    this.isRetryable = isRetryable;
  }

  static isInstance(error: unknown): error is VideoDownloadError {
    return AISDKError.hasMarker(error, marker);
  }
}

function stripQuery(url: string): string {
  const index = url.search(/[?#]/);
  return index === -1 ? url : url.slice(0, index);
}
