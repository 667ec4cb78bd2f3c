import { AISDKError } from '@videogen/provider-spec';

const name = 'VideoGen_VideoJobInDoubtError';
const marker = `videogen.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * A worker stopped between sending a job's submission and storing the
 * provider's answer, so nobody knows whether the provider accepted (and
 * charges for) it. The queue never submits such a job again by itself: it
 * waits for the provider's webhook to name the job, and fails with this error
 * when none came in time. Resubmitting is the caller's choice (add the job
 * again under a new key).
 */
export class VideoJobInDoubtError extends AISDKError {
  private readonly [symbol] = true;

  /** The caller's idempotency key of the job. */
  readonly key: string;
  /** When the job was found in doubt (ms since the epoch). */
  readonly inDoubtSince: number;

  constructor({ key, inDoubtSince, cause }: { key: string; inDoubtSince: number; cause?: unknown }) {
    super({
      name,
      message:
        `The submission of video job "${key}" may or may not have reached the provider (a worker stopped before ` +
        `storing its answer), and no webhook named it since ${new Date(inDoubtSince).toISOString()}. ` +
        'It was not submitted again; check the provider, and add it under a new key to pay for a new job.',
      cause,
    });
    this.key = key;
    this.inDoubtSince = inDoubtSince;
  }

  static isInstance(error: unknown): error is VideoJobInDoubtError {
    return AISDKError.hasMarker(error, marker);
  }
}
