import type { VideoJob } from '@videogen/core';

const marker = 'videogen.react.error';
const symbol = Symbol.for(marker);

/**
 * Why a generation in `useGenerateVideo` failed: an `error` event of the
 * route (the job failed, timed out, was content-filtered …), an HTTP error
 * of the route, a network error, or a stream that ended early.
 */
export class VideoGenerationError extends Error {
  private readonly [symbol] = true;

  /**
   * The job when one existed; it may still be running at the provider (a
   * timeout, a dropped connection): `resume(error.job)` re-attaches to it.
   */
  readonly job: VideoJob | undefined;
  /** The provider's error code for a failed job, when it gave one. */
  readonly code: string | number | undefined;
  /** True when a content filter blocked the output. */
  readonly contentFiltered: boolean | undefined;
  /** The HTTP status when the route answered with an error. */
  readonly statusCode: number | undefined;

  constructor({
    name,
    message,
    job,
    code,
    contentFiltered,
    statusCode,
    cause,
  }: {
    /** The original error's name, e.g. `'VideoGen_VideoJobFailedError'`. */
    name: string;
    message: string;
    job?: VideoJob;
    code?: string | number;
    contentFiltered?: boolean;
    statusCode?: number;
    cause?: unknown;
  }) {
    super(message, { cause });
    this.name = name;
    this.job = job;
    this.code = code;
    this.contentFiltered = contentFiltered;
    this.statusCode = statusCode;
  }

  /** True for a `VideoGenerationError`, also across bundles. */
  static isInstance(error: unknown): error is VideoGenerationError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[symbol] === true;
  }
}
