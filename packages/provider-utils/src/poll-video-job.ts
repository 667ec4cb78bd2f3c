import {
  APICallError,
  InvalidResponseDataError,
  TypeValidationError,
  VideoJobFailedError,
  VideoJobInterruptedError,
  VideoJobTimeoutError,
  type VideoJob,
  type VideoModelV3CompletedStatus,
  type VideoModelV3OperationOptions,
  type VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { delay, isAbortError } from '@ai-sdk/provider-utils';
import { raceAbort } from './abort';
import { getRetryAfterMs, isRetryableError } from './retry';

/** Default time between two status requests. */
export const DEFAULT_POLL_INTERVAL_MS = 2000;
/** Default longest wait for one job before a {@link VideoJobTimeoutError}. */
export const DEFAULT_POLL_TIMEOUT_MS = 30 * 60 * 1000;
/** Default longest time one status request may take before it is abandoned and sent again. */
export const DEFAULT_STATUS_REQUEST_TIMEOUT_MS = 60_000;
/**
 * While a wait is younger than this, a model interval longer than {@link DEFAULT_POLL_INTERVAL_MS}
 * is not used yet: the status is asked every 2 s, so a short job (a fast model, the emulator) is not
 * found ten seconds late; after it, the model's own (the vendor's) pace.
 */
export const POLL_FAST_START_MS = 30_000;
/** Longest backoff between two status requests after failures (unless the interval or a hint is longer). */
const MAX_FAILURE_BACKOFF_MS = 60_000;

/** How a job is waited for. Every field is optional. */
export type PollSettings = {
  /**
   * Time between the starts of two status requests, in ms. A minimum (a provider's rate limit is never
   * beaten), and also the schedule: the time a request takes is not added to it, so that the polls do not
   * drift later and later. Default: the model's `pollIntervalMs`, else 2000; a model interval above
   * 2000 starts at 2000 for the first 30 s of the wait ({@link POLL_FAST_START_MS}).
   */
  intervalMs?: number;
  /**
   * Longest wait for the job, in ms, after which a `VideoJobTimeoutError`
   * carrying the job is thrown (the job keeps running and can be resumed).
   * Default: 30 minutes.
   */
  timeoutMs?: number;
  /**
   * Replaces the timer between polls. A durable workflow engine passes its own
   * sleep (e.g. `step.sleep`) so that it owns the waiting. Must reject when the
   * abort signal fires. Default: an abortable `setTimeout`.
   */
  delay?: (ms: number, options: { abortSignal?: AbortSignal }) => Promise<void>;
  /**
   * Longest time one status request may take, in ms: a request that hangs longer is abandoned and
   * sent again (like any transient failure). A `doWatch` stream that sends nothing for this long is
   * closed and the job is polled instead. Default: 60000.
   */
  requestTimeoutMs?: number;
};

/** The status methods of a model, as the polling loop needs them. */
export type PollableVideoModel = {
  doStatus(options: VideoModelV3OperationOptions): PromiseLike<VideoModelV3StatusResult>;
  doWatch?(options: VideoModelV3OperationOptions): AsyncIterable<VideoModelV3StatusResult>;
  /** The model's recommended poll interval in ms (`VideoModelV3.pollIntervalMs`); `poll.intervalMs` wins. */
  pollIntervalMs?: number;
};

/** Options of {@link pollVideoJob}. */
export type PollVideoJobOptions = {
  /** The model whose job it is. */
  model: PollableVideoModel;
  /** The job (its `operation` is passed to the model; the whole job goes into errors). */
  job: VideoJob;
  /** Intervals, timeout and the sleep function. */
  poll?: PollSettings;
  /**
   * @deprecated Ignored: a status request is free and idempotent and the job is paid, so transient
   * failures (5xx, 429, network errors, hung or malformed answers) are retried until `poll.timeoutMs`.
   */
  maxRetries?: number;
  /** Ends the wait promptly with the signal's reason. */
  abortSignal?: AbortSignal;
  /** Extra headers for the status requests. */
  headers?: Record<string, string | undefined>;
  /** Called with every status the provider reports, including the last. */
  onStatus?: (status: VideoModelV3StatusResult) => void;
  /**
   * Resolves when news of the job arrived another way (a webhook): the loop
   * then asks for the status at once instead of waiting out the interval.
   */
  wakeUp?: () => Promise<unknown>;
  /**
   * Time between the starts of two status requests while `wakeUp` has not
   * resolved (the polling fallback of a webhook that may never come), in ms.
   * Default: the poll interval.
   */
  wakeUpFallbackIntervalMs?: number;
  /**
   * The job was submitted just now: wait one interval before
   * the first status request, since it cannot be done yet. Default: `false`,
   * so that a resumed job is checked at once. Has no effect on a model with
   * `doWatch` (the stream starts at once).
   */
  justStarted?: boolean;
  /** The clock, for tests. Default: `Date.now`. */
  now?: () => number;
};

/**
 * Waits for a job to end: the one polling loop of videogen.
 *
 * Uses the model's `doWatch` stream where it has one (pushed status, e.g.
 * SSE) and falls back to `doStatus` polling when the stream breaks. It sends
 * a status request one interval after the start of the previous one, or after
 * the provider's hint (`pollAfterMs`). The interval is `poll.intervalMs`, else the model's
 * `pollIntervalMs` (after a 2 s start for the first 30 s when it is longer), else 2000. A failed status request is transient (5xx, 429, 408, network error,
 * a hung or malformed answer) and asked again until the timeout, after `Retry-After` and with a
 * backoff that is never shorter than the interval; or permanent (401, 403, 404 of the job, any
 * other refusal) and ends the wait. The job is never submitted again. Resolves with the completed
 * status; throws `VideoJobFailedError` (the provider's reason), `VideoJobTimeoutError` (its
 * `cause` is the last failure, if any) or `VideoJobInterruptedError` (a permanent answer), both
 * carrying the job, or the abort reason.
 */
export async function pollVideoJob(options: PollVideoJobOptions): Promise<VideoModelV3CompletedStatus> {
  const { model, job, poll = {}, abortSignal, headers, onStatus, now = Date.now } = options;
  const startedAt = now();
  const steadyIntervalMs = poll.intervalMs ?? model.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  // The caller's interval is used as it is; the model's starts at the default for the first 30 s.
  const intervalAt = (time: number) =>
    poll.intervalMs === undefined && time - startedAt < POLL_FAST_START_MS
      ? Math.min(steadyIntervalMs, DEFAULT_POLL_INTERVAL_MS)
      : steadyIntervalMs;
  const requestTimeoutMs = poll.requestTimeoutMs ?? DEFAULT_STATUS_REQUEST_TIMEOUT_MS;
  const timeoutMs = poll.timeoutMs ?? DEFAULT_POLL_TIMEOUT_MS;
  const sleep = poll.delay ?? ((ms: number, sleepOptions: { abortSignal?: AbortSignal }) => delay(ms, sleepOptions));
  const deadline = now() + timeoutMs;

  // One controller covers the timeout and the caller's abort, so that a
  // pending request or sleep ends at once in either case.
  const controller = new AbortController();
  const onAbort = () => controller.abort(abortSignal?.reason);
  if (abortSignal?.aborted) throw abortSignal.reason;
  abortSignal?.addEventListener('abort', onAbort, { once: true });
  // The last transient failure, reported as the timeout's cause.
  let lastFailure: unknown;
  // The error (and its stack trace) is only built when the timeout fires.
  const timer = setTimeout(
    () => controller.abort(new VideoJobTimeoutError({ job, timeoutMs, cause: lastFailure })),
    Math.max(0, deadline - now()),
  );
  const signal = controller.signal;

  const settle = (status: VideoModelV3StatusResult): VideoModelV3CompletedStatus | undefined => {
    onStatus?.(status);
    if (status.status === 'completed') return status;
    if (status.status === 'failed') {
      throw new VideoJobFailedError({
        message: status.error.message,
        code: status.error.code,
        contentFiltered: status.error.contentFiltered,
        job,
      });
    }
    return undefined;
  };

  try {
    if (model.doWatch) {
      const watched = await watchStatus(model.doWatch.bind(model), {
        operation: job.operation,
        signal,
        headers,
        idleTimeoutMs: requestTimeoutMs,
        settle,
      });
      if (watched) return watched;
      // The stream broke, ended or went quiet: fall back to polling below.
    }

    // Without a stream, a resumed job is asked at once; a job submitted just
    // now (or whose stream broke) is asked after one interval.
    let first = !model.doWatch && !options.justStarted;
    let wakeUp = options.wakeUp;
    const currentIntervalMs = () =>
      wakeUp ? (options.wakeUpFallbackIntervalMs ?? steadyIntervalMs) : intervalAt(now());
    // When the next status request is due. The interval runs from the start of
    // the previous request (its last attempt), so a slow answer does not push
    // every later poll back.
    let nextPollAt = now() + currentIntervalMs();
    // Consecutive failed status requests, for the backoff.
    let failures = 0;
    for (;;) {
      if (!first) {
        // Sleeps even when the poll is already due (a request outlasted the interval): 0 ms still lets
        // timers (the timeout, the caller's abort) and I/O run, which instant answers would starve.
        const waitMs = Math.max(0, Math.min(nextPollAt, deadline) - now());
        const woken = await sleepOrWake(sleep, waitMs, signal, wakeUp);
        // A webhook wakes the loop once; after that it polls on its interval.
        if (woken) wakeUp = undefined;
      }
      first = false;
      const sentAt = now();
      let status: VideoModelV3StatusResult;
      try {
        status = await requestStatus(model, { operation: job.operation, signal, headers, requestTimeoutMs });
      } catch (error) {
        if (signal.aborted || !isTransientPollFailure(error)) throw error;
        lastFailure = error;
        failures++;
        nextPollAt = now() + failureDelayMs(error, failures, currentIntervalMs(), now);
        continue;
      }
      failures = 0;
      const done = settle(status);
      if (done) return done;
      nextPollAt =
        status.status === 'pending' && status.pollAfterMs !== undefined
          ? now() + status.pollAfterMs
          : sentAt + currentIntervalMs();
    }
  } catch (error) {
    if (signal.aborted) {
      // Our own abort: report the reason (the timeout error, or the caller's abort).
      throw signal.reason;
    }
    if (VideoJobFailedError.isInstance(error) || isAbortError(error)) throw error;
    throw new VideoJobInterruptedError({ job, cause: error });
  } finally {
    clearTimeout(timer);
    abortSignal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Follows the model's status stream until it settles the job. Returns `undefined` when the stream
 * broke (an HTTP error, a dropped connection, a malformed event), ended, or sent nothing for
 * `idleTimeoutMs` (a hung stream): the caller then polls. A failed job and an abort are thrown.
 */
async function watchStatus(
  doWatch: NonNullable<PollableVideoModel['doWatch']>,
  {
    operation,
    signal,
    headers,
    idleTimeoutMs,
    settle,
  }: {
    operation: VideoJob['operation'];
    signal: AbortSignal;
    headers: Record<string, string | undefined> | undefined;
    idleTimeoutMs: number;
    settle: (status: VideoModelV3StatusResult) => VideoModelV3CompletedStatus | undefined;
  },
): Promise<VideoModelV3CompletedStatus | undefined> {
  const streamController = new AbortController();
  const forward = () => streamController.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const armIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => streamController.abort(new StatusRequestTimeoutError(idleTimeoutMs)), idleTimeoutMs);
  };
  try {
    armIdleTimer();
    const iterator = doWatch({ operation, abortSignal: streamController.signal, headers })[Symbol.asyncIterator]();
    try {
      for (;;) {
        // A stream that ignores its signal must not hold the wait either.
        const next = await raceAbort(iterator.next(), streamController.signal);
        if (next.done) return undefined;
        armIdleTimer();
        const done = settle(next.value);
        if (done) return done;
      }
    } finally {
      // Closes the stream (and its connection) when we leave it early.
      void Promise.resolve(iterator.return?.()).catch(() => {});
    }
  } catch (error) {
    if (VideoJobFailedError.isInstance(error) || signal.aborted) throw error;
    return undefined;
  } finally {
    clearTimeout(idleTimer);
    signal.removeEventListener('abort', forward);
    if (!streamController.signal.aborted) streamController.abort('done');
  }
}

/** Sends one status request, abandoned (and reported as a transient failure) when it hangs. */
async function requestStatus(
  model: PollableVideoModel,
  {
    operation,
    signal,
    headers,
    requestTimeoutMs,
  }: {
    operation: VideoJob['operation'];
    signal: AbortSignal;
    headers: Record<string, string | undefined> | undefined;
    requestTimeoutMs: number;
  },
): Promise<VideoModelV3StatusResult> {
  const requestController = new AbortController();
  const forward = () => requestController.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  const timer = setTimeout(
    () => requestController.abort(new StatusRequestTimeoutError(requestTimeoutMs)),
    requestTimeoutMs,
  );
  try {
    // A status request that ignores its signal must not outlast its timeout (or the wait).
    return await raceAbort(
      model.doStatus({ operation, abortSignal: requestController.signal, headers }),
      requestController.signal,
    );
  } catch (error) {
    if (!signal.aborted && requestController.signal.aborted) throw requestController.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', forward);
  }
}

/** A status request that got no answer in time. */
class StatusRequestTimeoutError extends Error {
  readonly isRetryable = true;
  constructor(timeoutMs: number) {
    super(`The status request got no answer within ${timeoutMs} ms.`);
    this.name = 'StatusRequestTimeoutError';
  }
}

/**
 * Whether a failed status request may be asked again: any answer that is not a refusal of the
 * request itself. 5xx, 408, 409, 425, 429, network errors, hung requests and malformed answers
 * (bad JSON, an unexpected shape) are transient; other 4xx (401, 403, 404 of the job …) and errors
 * of the caller's input (an operation that does not parse) are permanent.
 */
export function isTransientPollFailure(error: unknown): boolean {
  if (isAbortError(error)) return false;
  if (APICallError.isInstance(error)) {
    const statusCode = error.statusCode;
    // A 2xx (or no status) that failed to parse is a malformed answer.
    if (statusCode === undefined || statusCode < 400) return true;
    if (statusCode === 425) return true;
    return isRetryableError(error);
  }
  if (TypeValidationError.isInstance(error) || InvalidResponseDataError.isInstance(error)) return true;
  if (error instanceof SyntaxError) return true; // JSON.parse of a broken body
  return isRetryableError(error);
}

/** The wait before asking again after `failures` failed status requests in a row. */
function failureDelayMs(error: unknown, failures: number, intervalMs: number, now: () => number): number {
  const hinted = APICallError.isInstance(error) ? getRetryAfterMs(error.responseHeaders, now) : undefined;
  // The first retry comes after one interval (or the hint); later ones back off exponentially, with
  // up to 20% jitter so that many jobs hit by the same outage do not retry in step.
  const backoff =
    failures <= 1
      ? intervalMs
      : Math.min(intervalMs * 2 ** (failures - 1), Math.max(intervalMs, MAX_FAILURE_BACKOFF_MS)) *
        (1 + Math.random() * 0.2);
  return Math.max(intervalMs, hinted ?? 0, backoff);
}

async function sleepOrWake(
  sleep: (ms: number, options: { abortSignal?: AbortSignal }) => Promise<void>,
  ms: number,
  signal: AbortSignal,
  wakeUp: (() => Promise<unknown>) | undefined,
): Promise<boolean> {
  if (!wakeUp) {
    await sleep(ms, { abortSignal: signal });
    return false;
  }
  let woken = false;
  const sleepController = new AbortController();
  const forward = () => sleepController.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  try {
    await Promise.race([
      sleep(ms, { abortSignal: sleepController.signal }),
      wakeUp().then(() => {
        woken = true;
        sleepController.abort('woken');
      }),
    ]).catch((error) => {
      if (signal.aborted) throw signal.reason;
      if (!sleepController.signal.aborted) throw error;
    });
  } finally {
    signal.removeEventListener('abort', forward);
    if (!sleepController.signal.aborted) sleepController.abort('done');
  }
  return woken;
}
