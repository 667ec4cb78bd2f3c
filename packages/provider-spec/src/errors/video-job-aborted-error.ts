import { AISDKError } from '@ai-sdk/provider';
import type { VideoJob } from '../video-model/v3/video-model-v3-job';

const name = 'AbortError';
const marker = 'videogen.error.VideoGen_VideoJobAbortedError';
const symbol = Symbol.for(marker);

/**
 * The caller aborted while a job existed. `name` is `'AbortError'` so that
 * ordinary abort handling recognises it; `job` is the job (cancelled at the
 * provider when `cancelled` is true, otherwise still resumable).
 */
export class VideoJobAbortedError extends AISDKError {
  private readonly [symbol] = true;

  /** The job that was being waited for. */
  readonly job: VideoJob | undefined;
  /** Whether the job was cancelled at the provider. */
  readonly cancelled: boolean;

  constructor({ job, cancelled = false, cause }: { job?: VideoJob; cancelled?: boolean; cause?: unknown }) {
    super({
      name,
      message:
        'The video job was aborted' +
        (job
          ? cancelled
            ? ` and cancelled at the provider (${job.provider}, ${job.modelId}).`
            : ` (${job.provider}, ${job.modelId}); the job was not cancelled at the provider and can be resumed.`
          : '.'),
      cause,
    });
    this.job = job;
    this.cancelled = cancelled;
  }

  static isInstance(error: unknown): error is VideoJobAbortedError {
    return AISDKError.hasMarker(error, marker);
  }
}
