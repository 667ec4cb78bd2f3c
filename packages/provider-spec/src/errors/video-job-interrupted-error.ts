import { AISDKError, getErrorMessage } from '@ai-sdk/provider';
import type { VideoJob } from '../video-model/v3/video-model-v3-job';

const name = 'VideoGen_VideoJobInterruptedError';
const marker = `videogen.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * Waiting for a job broke off on a permanent answer to a status request (401,
 * 403, 404 of the job, another refusal); transient failures are retried until
 * the wait's timeout instead. The job itself may be fine (e.g. after fixing a
 * key): resume it with `waitForVideo({ model, job: error.job })`. The
 * request's error is `cause`.
 */
export class VideoJobInterruptedError extends AISDKError {
  private readonly [symbol] = true;

  /** The job, still running at the provider as far as anyone knows. */
  readonly job: VideoJob;

  constructor({ job, cause }: { job: VideoJob; cause: unknown }) {
    super({
      name,
      message: `Lost track of the video job (${job.provider}, ${job.modelId}): ${getErrorMessage(cause)} The job was not cancelled; resume it with waitForVideo({ job: error.job }).`,
      cause,
    });
    this.job = job;
  }

  static isInstance(error: unknown): error is VideoJobInterruptedError {
    return AISDKError.hasMarker(error, marker);
  }
}
