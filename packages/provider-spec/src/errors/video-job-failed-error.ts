import { AISDKError } from '@ai-sdk/provider';
import type { VideoJob } from '../video-model/v3/video-model-v3-job';

const name = 'VideoGen_VideoJobFailedError';
const marker = `videogen.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * The provider ran the job and it ended without a video: the provider's
 * reason (code and message, verbatim), whether a content filter blocked it,
 * and the job reference.
 */
export class VideoJobFailedError extends AISDKError {
  private readonly [symbol] = true;

  /** The provider's error code, when it gives one. */
  readonly code: string | number | undefined;
  /** True when a safety or moderation filter blocked the output. */
  readonly contentFiltered: boolean;
  /** The failed job. */
  readonly job: VideoJob | undefined;
  /** The provider's message, verbatim. */
  readonly providerMessage: string;

  constructor({
    message,
    code,
    contentFiltered = false,
    job,
    cause,
  }: {
    /** The provider's message. */
    message: string;
    code?: string | number;
    contentFiltered?: boolean;
    job?: VideoJob;
    cause?: unknown;
  }) {
    const prefix = contentFiltered ? 'Video job was blocked by a content filter' : 'Video job failed';
    const where = job ? ` (${job.provider}, ${job.modelId})` : '';
    const codeText = code !== undefined ? ` [${code}]` : '';
    super({ name, message: `${prefix}${where}${codeText}: ${message}`, cause });
    this.code = code;
    this.contentFiltered = contentFiltered;
    this.job = job;
    this.providerMessage = message;
  }

  static isInstance(error: unknown): error is VideoJobFailedError {
    return AISDKError.hasMarker(error, marker);
  }
}
