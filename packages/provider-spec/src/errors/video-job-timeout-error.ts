import { AISDKError } from '@ai-sdk/provider';
import type { VideoJob } from '../video-model/v3/video-model-v3-job';

const name = 'VideoGen_VideoJobTimeoutError';
const marker = `videogen.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * Waiting for a job took longer than allowed. The job may still finish at
 * the provider: resume it with `waitForVideo({ model, job: error.job })`
 * instead of paying for a new one.
 */
export class VideoJobTimeoutError extends AISDKError {
  private readonly [symbol] = true;

  /** The job that is still running at the provider. */
  readonly job: VideoJob | undefined;
  /** How long the wait lasted, in milliseconds. */
  readonly timeoutMs: number;

  constructor({ job, timeoutMs, cause }: { job?: VideoJob; timeoutMs: number; cause?: unknown }) {
    super({
      name,
      message:
        `Timed out after ${timeoutMs} ms waiting for the video job` +
        (job
          ? ` (${job.provider}, ${job.modelId}); it may still finish: resume it with waitForVideo({ job: error.job }).`
          : '.'),
      cause,
    });
    this.job = job;
    this.timeoutMs = timeoutMs;
  }

  static isInstance(error: unknown): error is VideoJobTimeoutError {
    return AISDKError.hasMarker(error, marker);
  }
}
