import { VideoJobFailedError, getErrorMessage, type VideoJob } from '@videogen/provider-spec';
import type { VideoEventError } from '../types';

/** An error as plain JSON for an `error` event: name, message, and the job when the error carries one. */
export function serializeError(error: unknown): VideoEventError {
  const name =
    error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
      ? String((error as { name: unknown }).name)
      : 'Error';
  const result: VideoEventError = { name, message: getErrorMessage(error) };
  const job = (error as { job?: VideoJob } | undefined)?.job;
  if (job && typeof job === 'object') result.job = JSON.parse(JSON.stringify(job)) as VideoJob;
  if (VideoJobFailedError.isInstance(error)) {
    if (error.code !== undefined) result.code = error.code;
    result.contentFiltered = error.contentFiltered;
  }
  return result;
}
