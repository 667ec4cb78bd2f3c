import type {
  VideoJob,
  VideoModelV3,
  VideoModelV3CompletedStatus,
  VideoModelV3OperationOptions,
  VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { pollVideoJob, raceAbort, waitOrCancel } from '@videogen/provider-utils';
import type { PollOptions } from '../types';

/** Default time between status checks while a webhook is awaited. */
export const DEFAULT_WEBHOOK_FALLBACK_INTERVAL_MS = 60_000;

type StatusModel = Pick<VideoModelV3, 'doCancel' | 'pollIntervalMs'> & {
  doStatus(options: VideoModelV3OperationOptions): PromiseLike<VideoModelV3StatusResult>;
  doWatch?(options: VideoModelV3OperationOptions): AsyncIterable<VideoModelV3StatusResult>;
};

/**
 * Waits for a job with the shared polling loop (`pollVideoJob`), cancelling
 * it at the provider on abort (`waitOrCancel`), and with a webhook when one
 * was given.
 */
export async function waitForJob({
  model,
  job,
  poll = {},
  maxRetries,
  abortSignal,
  headers,
  webhookReceived,
  onStatus,
  cancelOnAbort = true,
  justStarted = false,
}: {
  model: StatusModel;
  job: VideoJob;
  poll?: PollOptions;
  maxRetries?: number;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  webhookReceived?: PromiseLike<unknown>;
  onStatus?: (status: VideoModelV3StatusResult) => void;
  cancelOnAbort?: boolean;
  /** The job was submitted just now: the first status request waits one interval (see `pollVideoJob`). */
  justStarted?: boolean;
}): Promise<VideoModelV3CompletedStatus> {
  // A status request that ignores its signal must not delay an abort.
  const pollable = {
    doStatus: (options: VideoModelV3OperationOptions) => raceAbort(model.doStatus(options), options.abortSignal),
    doWatch: model.doWatch ? (options: VideoModelV3OperationOptions) => model.doWatch!(options) : undefined,
    // The provider's default interval; the caller's poll.intervalMs wins.
    pollIntervalMs: model.pollIntervalMs,
  };

  // A failed webhook is not an error of the job: keep polling on the fallback interval.
  const received = webhookReceived
    ? Promise.resolve(webhookReceived).catch(() => new Promise<void>(() => {}))
    : undefined;
  const wakeUp = received ? () => received : undefined;
  const wakeUpFallbackIntervalMs = poll.webhookFallbackIntervalMs ?? DEFAULT_WEBHOOK_FALLBACK_INTERVAL_MS;

  return await waitOrCancel({
    model,
    job,
    abortSignal,
    headers,
    cancelOnAbort,
    wait: (signal) =>
      pollVideoJob({
        model: pollable,
        job,
        poll,
        maxRetries,
        abortSignal: signal,
        headers,
        onStatus,
        wakeUp,
        wakeUpFallbackIntervalMs,
        justStarted,
      }),
  });
}
