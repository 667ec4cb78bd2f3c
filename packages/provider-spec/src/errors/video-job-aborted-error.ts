import { AISDKError } from '@ai-sdk/provider';
import type { VideoJob } from '../video-model/v3/video-model-v3-job';

const name = 'AbortError';
const marker = 'videogen.error.VideoGen_VideoJobAbortedError';
const symbol = Symbol.for(marker);

/** How the cancel request that followed an abort went. */
export type VideoJobCancellation = 'cancelled' | 'unsupported' | 'failed' | 'not-requested';

/**
 * The caller aborted while a job existed. `name` is `'AbortError'` so that
 * ordinary abort handling recognises it. `job` is the job; `cancellation`
 * settles when the provider has answered the cancel request (the abort
 * itself is not delayed by it): `'cancelled'`, `'unsupported'` (the API
 * cannot cancel; the job runs on and can be resumed), `'failed'`, or
 * `'not-requested'`.
 */
export class VideoJobAbortedError extends AISDKError {
  private readonly [symbol] = true;

  /** The job that was being waited for. */
  readonly job: VideoJob | undefined;
  /** Settles with the outcome of the cancel request at the provider. */
  readonly cancellation: Promise<VideoJobCancellation>;

  constructor({
    job,
    cancellation = Promise.resolve('not-requested'),
    cause,
  }: {
    job?: VideoJob;
    cancellation?: Promise<VideoJobCancellation>;
    cause?: unknown;
  }) {
    super({
      name,
      message:
        'The video job was aborted' +
        (job
          ? ` (${job.provider}, ${job.modelId}); await error.cancellation to learn whether the provider cancelled it.`
          : '.'),
      cause,
    });
    this.job = job;
    this.cancellation = cancellation;
  }

  static isInstance(error: unknown): error is VideoJobAbortedError {
    return AISDKError.hasMarker(error, marker);
  }
}
