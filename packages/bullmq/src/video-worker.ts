import { cancelVideo, getVideoStatus, resolveVideoModel, startVideo, type VideoModelProvider } from '@videogen/core';
import {
  APICallError,
  InvalidArgumentError,
  LoadAPIKeyError,
  NoSuchModelError,
  UnsupportedFunctionalityError,
  VideoJobTimeoutError,
  type VideoJob,
  type VideoModelV3,
} from '@videogen/provider-spec';
import { getRetryAfterMs, isRetryableError, isSubmissionRetrySafe } from '@videogen/provider-utils';
import { type ConnectionOptions, DelayedError, type Job, Queue, RateLimitError, Worker } from 'bullmq';
import { bullJobId, DEFAULT_PREFIX, statusQueueName, submitQueueName } from './names';
import { type VideoJobInput, withSourceVideoModel } from './video-job-input';
import { VideoJobInDoubtError } from './video-job-in-doubt-error';
import { serializeError, toStoredResult } from './video-job-status';
import { type Transition, type VideoJobRecord, VideoJobStore } from './video-job-store';
import { ACTIVATION_ATTEMPTS } from './video-queue';

/** Default time between status checks when neither the job, the worker nor the model sets one: 5 s (provider hints win). */
export const DEFAULT_POLL_INTERVAL_MS = 5_000;
/** Default longest wait after the provider accepted a job: 30 minutes. */
export const DEFAULT_POLL_TIMEOUT_MS = 30 * 60_000;
/** Default time between status checks while a webhook is expected: one minute. */
export const DEFAULT_WEBHOOK_FALLBACK_INTERVAL_MS = 60_000;
/** Default time an in-doubt job waits for a webhook before it fails: one hour. */
export const DEFAULT_IN_DOUBT_TIMEOUT_MS = 60 * 60_000;
/** Default first delay before retrying a transient failure (doubled each time, up to a minute). */
export const DEFAULT_RETRY_DELAY_MS = 2_000;
/** Default longest time of one provider request: one minute. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** Default pause of a provider's queue after a 429 without `Retry-After`. */
export const DEFAULT_RATE_LIMIT_DELAY_MS = 1_000;

/** At most this many jobs of one phase per window, across every worker of every machine. */
export type VideoRateLimit = {
  /** Jobs (requests) per window. */
  max: number;
  /** The window, in ms. */
  durationMs: number;
};

/** Limits of one provider, shared by every worker through BullMQ's queue rate limiter. */
export type VideoProviderLimits = {
  /** Submissions (paid requests). Default: no limit but the provider's 429s. */
  submissions?: VideoRateLimit;
  /** Status checks. Default: no limit but the provider's 429s. */
  statusChecks?: VideoRateLimit;
};

/** What happened in one activation; for logs and metrics. */
export type VideoWorkerEvent =
  | { type: 'submitted'; key: string; job: VideoJob }
  | { type: 'status'; key: string; status: 'pending'; progress?: number; nextCheckInMs: number }
  | { type: 'completed'; key: string; job: VideoJob }
  | { type: 'failed'; key: string; error: unknown }
  | { type: 'cancelled'; key: string }
  | { type: 'in-doubt'; key: string }
  | { type: 'rate-limited'; key: string; provider: string; phase: 'submit' | 'status'; delayMs: number }
  | { type: 'retry'; key: string; phase: 'submit' | 'status'; delayMs: number; error: unknown };

/** Settings of {@link createVideoWorker}. */
export type VideoWorkerSettings = {
  /** BullMQ's Redis connection (ioredis options or an instance). */
  connection: ConnectionOptions;
  /** Prefix of every Redis key; the same as the queue's. Default: `'videogen'`. */
  prefix?: string;
  /** Finds the model of `'provider:model-id'`, e.g. `createVideoProviderRegistry({ fal, openai })`. */
  registry: VideoModelProvider;
  /** The registry's provider names this worker serves (`['fal', 'openai']`); one queue pair each. */
  providers: readonly string[];
  /** Activations at once per provider and phase (submit, status) in this process. Default: 10. */
  concurrency?: number;
  /** Per-provider limits shared by every worker. Default: none. */
  limits?: Record<string, VideoProviderLimits>;
  /** How jobs are waited for; each job's `add({ poll })` wins. */
  poll?: {
    /**
     * Time between status checks in ms; the provider's `pollAfterMs` hint wins.
     * Default: 5000, or the model's `pollIntervalMs` when longer.
     */
    intervalMs?: number;
    /** Longest wait after the provider accepted a job, in ms; then it fails with a `VideoJobTimeoutError`. Default: 30 minutes. */
    timeoutMs?: number;
    /** Time between status checks while a webhook is expected, in ms. Default: 60000. */
    webhookFallbackIntervalMs?: number;
  };
  /**
   * Your webhook route (see `createVideoWebhookHandler`), e.g.
   * `'https://example.com/api/video-webhook'`. Each job is submitted with
   * `<url>?provider=<name>&key=<key>`, so a webhook names its job even when a
   * worker died before storing the job reference. Default: none (polling only).
   */
  webhookBaseUrl?: string;
  /** How long an in-doubt job waits for a webhook before it fails with `VideoJobInDoubtError`, in ms. Default: one hour. */
  inDoubtTimeoutMs?: number;
  /** First delay before a transient failure is retried, in ms (doubled each time, up to a minute). Default: 2000. */
  retryDelayMs?: number;
  /** Submissions retried after a 503 or a refused connection before the job fails. Default: 10. */
  maxSubmitRetries?: number;
  /**
   * Longest time one provider request may take, in ms, so that `close()`
   * never waits on a hung connection. A submission that times out is in
   * doubt (it may have arrived); a status check that times out is retried.
   * Default: 60000.
   */
  requestTimeoutMs?: number;
  /**
   * BullMQ worker options passed through (e.g. `lockDuration`,
   * `stalledInterval`: how fast a dead worker's jobs are taken over).
   * Default: BullMQ's, with `maxStalledCount: 100` (an activation is safe to repeat).
   */
  workerOptions?: {
    lockDuration?: number;
    stalledInterval?: number;
    maxStalledCount?: number;
    drainDelay?: number;
  };
  /** Receives what each activation did. Default: none. */
  onEvent?: (event: VideoWorkerEvent) => void;
  /** @internal Test hooks. */
  _internal?: {
    /** Called after the provider accepted a submission and before its reference is stored. */
    afterSubmit?: (key: string) => void | Promise<void>;
  };
};

/** A running worker. */
export type VideoWorker = {
  /** The BullMQ workers (one per provider and phase), e.g. for `on('error')`. */
  readonly workers: readonly Worker[];
  /** Resolves when every BullMQ worker is connected and fetching. */
  waitUntilReady(): Promise<void>;
  /**
   * Stops taking jobs, lets the running activations (one request each)
   * finish, and closes the connections. Parked jobs stay in Redis for the
   * next worker.
   */
  close(): Promise<void>;
};

type SubmitData = { key: string; input?: VideoJobInput };
type StatusData = { key: string };

/**
 * Starts the workers of the given providers. Each activation makes one
 * request, a submission or a status check, and then parks the job in Redis
 * (a delayed BullMQ job) until its next check is due: no process holds a job
 * while the provider renders.
 *
 * @example
 * const worker = createVideoWorker({
 *   connection, registry, providers: ['fal'],
 *   limits: { fal: { submissions: { max: 10, durationMs: 1000 } } },
 * });
 * process.on('SIGTERM', () => worker.close());
 */
export function createVideoWorker(settings: VideoWorkerSettings): VideoWorker {
  const {
    connection,
    registry,
    providers,
    concurrency = 10,
    limits = {},
    webhookBaseUrl,
    inDoubtTimeoutMs = DEFAULT_IN_DOUBT_TIMEOUT_MS,
    retryDelayMs = DEFAULT_RETRY_DELAY_MS,
    maxSubmitRetries = 10,
    requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
    onEvent = () => {},
  } = settings;
  const prefix = settings.prefix ?? DEFAULT_PREFIX;
  const timeoutMs = settings.poll?.timeoutMs ?? DEFAULT_POLL_TIMEOUT_MS;
  const webhookFallbackIntervalMs = settings.poll?.webhookFallbackIntervalMs ?? DEFAULT_WEBHOOK_FALLBACK_INTERVAL_MS;
  if (!Array.isArray(providers) || providers.length === 0) {
    throw new InvalidArgumentError({
      argument: 'providers',
      message: 'providers must list at least one provider name.',
    });
  }
  for (const provider of providers) {
    if (typeof provider !== 'string' || !/^[^:\s]+$/.test(provider)) {
      throw new InvalidArgumentError({
        argument: 'providers',
        message: `Provider names are the registry's names, without ":" (got ${JSON.stringify(provider)}).`,
      });
    }
  }

  const queues = new Map<string, Queue>();
  const queueFor = (name: string) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection, prefix });
      queues.set(name, queue);
    }
    return queue;
  };
  const store = new VideoJobStore(() => queueFor(statusQueueName(providers[0])).client, prefix);
  const models = new Map<string, VideoModelV3>();
  const modelOf = (id: string) => {
    let model = models.get(id);
    if (!model) {
      model = resolveVideoModel(registry.videoModel(id));
      models.set(id, model);
    }
    return model;
  };
  const update = (key: string, transition: Transition) =>
    store.transition(key, { ...transition, set: { ...transition.set, updatedAt: Date.now() } });
  const finish = (
    key: string,
    states: Transition['states'],
    state: 'completed' | 'failed' | 'cancelled',
    set: Transition['set'] = {},
  ) => update(key, { states, set: { ...set, state }, del: ['claim', 'cancelRequested'] });

  /** Moves the active BullMQ job back to Redis until `at`, and ends the activation. */
  const park = async (job: Job, token: string | undefined, at: number): Promise<never> => {
    await job.moveToDelayed(Math.max(at, Date.now()), token);
    throw new DelayedError();
  };
  /** Pauses the provider's queue for every worker (BullMQ's shared limiter) and puts the job back. */
  const rateLimit = async (
    key: string,
    provider: string,
    phase: 'submit' | 'status',
    error: APICallError,
  ): Promise<never> => {
    const delayMs = getRetryAfterMs(error.responseHeaders) ?? DEFAULT_RATE_LIMIT_DELAY_MS;
    const name = phase === 'submit' ? submitQueueName(provider) : statusQueueName(provider);
    await queueFor(name).rateLimit(delayMs);
    onEvent({ type: 'rate-limited', key, provider, phase, delayMs });
    throw new RateLimitError();
  };
  const backoff = (attempt: number) =>
    Math.min(60_000, retryDelayMs * 2 ** Math.min(attempt, 10)) * (0.8 + Math.random() * 0.4);
  const webhookUrlOf = (provider: string, key: string) => {
    if (!webhookBaseUrl) return undefined;
    const url = new URL(webhookBaseUrl);
    url.searchParams.set('provider', provider);
    url.searchParams.set('key', key);
    return url.toString();
  };
  const addStatusCheck = (provider: string, key: string, delay: number) =>
    queueFor(statusQueueName(provider)).add(
      'status',
      { key },
      {
        jobId: bullJobId(key),
        delay: Math.max(0, delay),
        attempts: ACTIVATION_ATTEMPTS,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  const firstCheckDelay = (record: VideoJobRecord) =>
    record.cancelRequested === '1' || record.webhookAt !== undefined
      ? 0
      : webhookBaseUrl
        ? webhookFallbackIntervalMs
        : intervalOf(record);
  // The job's interval, else the worker's, else 5 s or the model's own (`pollIntervalMs`) when longer:
  // a model's interval is tuned for one waiting process (fal's is 500 ms), not for thousands of jobs.
  const intervalOf = (record: VideoJobRecord) =>
    record.intervalMs
      ? Number(record.intervalMs)
      : (settings.poll?.intervalMs ?? Math.max(DEFAULT_POLL_INTERVAL_MS, modelOf(record.model).pollIntervalMs ?? 0));
  const timeoutOf = (record: VideoJobRecord) => (record.timeoutMs ? Number(record.timeoutMs) : timeoutMs);

  /** Cancels at the provider (where it can) and records the job as cancelled. */
  const cancelAtProvider = async (key: string, model: VideoModelV3, videoJob: VideoJob) => {
    let cancelNote: string | undefined;
    try {
      await cancelVideo({ model, job: videoJob });
    } catch (error) {
      if (!UnsupportedFunctionalityError.isInstance(error)) throw error;
      cancelNote = error.message;
    }
    await finish(key, ['pending', 'submitting', 'in-doubt'], 'cancelled', { cancelNote });
    onEvent({ type: 'cancelled', key });
  };

  async function processSubmit(provider: string, job: Job<SubmitData>, token: string | undefined): Promise<void> {
    const { key } = job.data;
    const record = await store.read(key);
    if (!record) return;
    switch (record.state) {
      case 'queued':
        break;
      case 'submitting': {
        // Claimed by an activation that never stored the answer: it may have
        // been sent. Never send it again on our own.
        const now = Date.now();
        const marked = await update(key, {
          states: ['submitting'],
          claim: record.claim,
          set: { state: 'in-doubt', inDoubtSince: now },
        });
        if (marked.applied) onEvent({ type: 'in-doubt', key });
        return park(job, token, now + inDoubtTimeoutMs);
      }
      case 'in-doubt': {
        const since = Number(record.inDoubtSince);
        if (record.cancelRequested === '1') {
          // No reference to cancel with: the job is given up here.
          await finish(key, ['in-doubt'], 'cancelled', {
            cancelNote: 'The submission was in doubt; nothing could be cancelled at the provider.',
          });
          onEvent({ type: 'cancelled', key });
          return;
        }
        if (Date.now() < since + inDoubtTimeoutMs) return park(job, token, since + inDoubtTimeoutMs);
        const error = new VideoJobInDoubtError({ key, inDoubtSince: since });
        await finish(key, ['in-doubt'], 'failed', { error: JSON.stringify(serializeError(error)) });
        onEvent({ type: 'failed', key, error });
        return;
      }
      case 'pending':
        // The reference is stored (perhaps adopted from a webhook): make sure it is checked.
        await addStatusCheck(provider, key, firstCheckDelay(record));
        return;
      default:
        return;
    }

    const claim = await update(key, {
      states: ['queued'],
      set: { state: 'submitting', claim: token ?? String(job.id), claimedAt: Date.now() },
    });
    if (!claim.applied) return processSubmit(provider, job, token);
    const claimToken = token ?? String(job.id);

    let model: VideoModelV3;
    let videoJob: VideoJob;
    try {
      if (!job.data.input) {
        throw new InvalidArgumentError({ argument: 'input', message: `The submission of "${key}" has no input.` });
      }
      model = modelOf(record.model);
      const abortSignal = AbortSignal.timeout(requestTimeoutMs);
      const started = await untilAborted(
        startVideo({
          ...withSourceVideoModel(job.data.input, registry, model),
          model,
          webhookUrl: webhookUrlOf(provider, key),
          idempotencyKey: key,
          abortSignal,
          // One request per activation: a 429 pauses the whole queue (below), other safe retries are parked.
          maxRetries: 0,
        }),
        abortSignal,
      );
      videoJob = started.job;
    } catch (error) {
      return handleSubmitError(provider, job, token, key, claimToken, record, error);
    }

    await settings._internal?.afterSubmit?.(key);
    const now = Date.now();
    const stored = await update(key, {
      states: ['submitting', 'in-doubt'],
      jobAbsent: true,
      set: {
        state: 'pending',
        job: JSON.stringify(videoJob),
        submittedAt: now,
        deadline: now + timeoutOf(record),
      },
      del: ['claim', 'inDoubtSince'],
    });
    onEvent({ type: 'submitted', key, job: videoJob });
    if (webhookBaseUrl !== undefined) await store.indexReference(provider, videoJob.operation, key);
    if (!stored.applied) {
      // Cancelled (or given up) while in doubt, or adopted meanwhile: keep the reference for the caller.
      await update(key, { jobAbsent: true, set: { job: JSON.stringify(videoJob) } });
      if (stored.state === 'cancelled') await cancelVideo({ model, job: videoJob }).catch(() => undefined);
      if (stored.state !== 'pending') return;
    }
    const current = (await store.read(key)) ?? record;
    await addStatusCheck(provider, key, firstCheckDelay(current));
  }

  async function handleSubmitError(
    provider: string,
    job: Job<SubmitData>,
    token: string | undefined,
    key: string,
    claimToken: string,
    record: VideoJobRecord,
    error: unknown,
  ): Promise<void> {
    if (isRefusedBeforeSending(error) || isRefusedByProvider(error)) {
      await finish(key, ['submitting'], 'failed', { error: JSON.stringify(serializeError(error)) });
      onEvent({ type: 'failed', key, error });
      return;
    }
    if (isSubmissionRetrySafe(error)) {
      // The provider cannot have accepted it: release the claim, then retry.
      const retries = Number(record.submitRetries ?? 0);
      if (APICallError.isInstance(error) && error.statusCode === 429) {
        await update(key, { states: ['submitting'], claim: claimToken, set: { state: 'queued' }, del: ['claim'] });
        return rateLimit(key, provider, 'submit', error);
      }
      if (retries >= maxSubmitRetries) {
        await finish(key, ['submitting'], 'failed', { error: JSON.stringify(serializeError(error)) });
        onEvent({ type: 'failed', key, error });
        return;
      }
      await update(key, {
        states: ['submitting'],
        claim: claimToken,
        set: { state: 'queued', submitRetries: retries + 1 },
        del: ['claim'],
      });
      const delayMs = backoff(retries);
      onEvent({ type: 'retry', key, phase: 'submit', delayMs, error });
      return park(job, token, Date.now() + delayMs);
    }
    // Anything else (a timeout, a reset connection, a 5xx): it may have been accepted.
    const now = Date.now();
    await update(key, { states: ['submitting'], claim: claimToken, set: { state: 'in-doubt', inDoubtSince: now } });
    onEvent({ type: 'in-doubt', key });
    return park(job, token, now + inDoubtTimeoutMs);
  }

  async function processStatus(provider: string, job: Job<StatusData>, token: string | undefined): Promise<void> {
    const { key } = job.data;
    const record = await store.read(key);
    if (record?.state !== 'pending' || !record.job) return;
    const videoJob = JSON.parse(record.job) as VideoJob;
    const model = modelOf(record.model);
    if (record.cancelRequested === '1') return cancelAtProvider(key, model, videoJob);
    const deadline = Number(record.deadline);
    if (Date.now() >= deadline) {
      const error = new VideoJobTimeoutError({ job: videoJob, timeoutMs: timeoutOf(record) });
      await finish(key, ['pending'], 'failed', { error: JSON.stringify(serializeError(error)) });
      onEvent({ type: 'failed', key, error });
      return;
    }

    let status: Awaited<ReturnType<typeof getVideoStatus>>;
    const abortSignal = AbortSignal.timeout(requestTimeoutMs);
    try {
      status = await untilAborted(getVideoStatus({ model, job: videoJob, maxRetries: 0, abortSignal }), abortSignal);
    } catch (error) {
      if (APICallError.isInstance(error) && error.statusCode === 429) return rateLimit(key, provider, 'status', error);
      if (abortSignal.aborted || isRetryableError(error)) {
        // Transient: asked again later, until the job's own deadline.
        const retries = Number(record.statusRetries ?? 0);
        await update(key, { states: ['pending'], set: { statusRetries: retries + 1 } });
        const delayMs = Math.min(backoff(retries), Math.max(0, deadline - Date.now()));
        onEvent({ type: 'retry', key, phase: 'status', delayMs, error });
        return park(job, token, Date.now() + delayMs);
      }
      await finish(key, ['pending'], 'failed', { error: JSON.stringify(serializeError(error, videoJob)) });
      onEvent({ type: 'failed', key, error });
      return;
    }

    switch (status.status) {
      case 'pending': {
        const webhookExpected = webhookBaseUrl !== undefined && record.webhookAt === undefined;
        const waitMs = status.pollAfterMs ?? (webhookExpected ? webhookFallbackIntervalMs : intervalOf(record));
        await update(key, {
          states: ['pending'],
          del: ['statusRetries'],
          set: {
            progress: status.progress,
            queuePosition: status.queuePosition,
            providerStatus: status.providerStatus,
          },
        });
        onEvent({ type: 'status', key, status: 'pending', progress: status.progress, nextCheckInMs: waitMs });
        return park(job, token, Math.min(deadline, Date.now() + waitMs));
      }
      case 'completed': {
        const result = toStoredResult(status);
        const done = await finish(key, ['pending'], 'completed', { result: JSON.stringify(result) });
        onEvent({ type: 'completed', key, job: videoJob });
        if (done.applied && record.followUp) {
          const followUp = JSON.parse(record.followUp) as { queue: string; name?: string };
          await queueFor(followUp.queue).add(
            followUp.name ?? 'video-completed',
            { key, model: record.model, job: videoJob, videos: result.videos },
            { jobId: bullJobId(key) },
          );
        }
        return;
      }
      case 'failed':
        await finish(key, ['pending'], 'failed', { error: JSON.stringify(serializeError(status.error)) });
        onEvent({ type: 'failed', key, error: status.error });
        return;
    }
  }

  /** When BullMQ gives up on an activation (it kept throwing, or stalled too often), the job must not hang. */
  const onBullFailed = async (job: Job<SubmitData | StatusData> | undefined, error: Error) => {
    if (!job) return;
    const willRetry = job.attemptsMade < (job.opts.attempts ?? 1) && !/stalled/i.test(error.message);
    if (willRetry) return;
    const key = job.data.key;
    const record = await store.read(key).catch(() => undefined);
    if (!record) return;
    if (record.state === 'submitting') {
      await update(key, { states: ['submitting'], set: { state: 'in-doubt', inDoubtSince: Date.now() } });
      return;
    }
    const videoJob = record.job ? (JSON.parse(record.job) as VideoJob) : undefined;
    await finish(key, ['queued', 'pending'], 'failed', { error: JSON.stringify(serializeError(error, videoJob)) });
  };

  const workerOptions = { maxStalledCount: 100, ...settings.workerOptions };
  const workers: Worker[] = [];
  for (const provider of providers) {
    const phases = [
      {
        name: submitQueueName(provider),
        limit: limits[provider]?.submissions,
        process: (job: Job, token?: string) => processSubmit(provider, job as Job<SubmitData>, token),
      },
      {
        name: statusQueueName(provider),
        limit: limits[provider]?.statusChecks,
        process: (job: Job, token?: string) => processStatus(provider, job as Job<StatusData>, token),
      },
    ];
    for (const phase of phases) {
      const worker = new Worker(phase.name, phase.process, {
        connection,
        prefix,
        concurrency,
        ...(phase.limit ? { limiter: { max: phase.limit.max, duration: phase.limit.durationMs } } : {}),
        ...workerOptions,
      });
      worker.on('failed', (job, error) => {
        onBullFailed(job, error).catch(() => undefined);
      });
      // Connection errors are retried by BullMQ; without a listener Node would throw them.
      worker.on('error', () => undefined);
      workers.push(worker);
    }
  }

  return {
    workers,
    async waitUntilReady() {
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}

/** Rejects with the signal's reason when it fires first (a model that ignores its signal must not hang the worker). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Thrown before any request was sent: bad input, missing key, a model without job methods. */
function isRefusedBeforeSending(error: unknown): boolean {
  return (
    InvalidArgumentError.isInstance(error) ||
    UnsupportedFunctionalityError.isInstance(error) ||
    NoSuchModelError.isInstance(error) ||
    LoadAPIKeyError.isInstance(error)
  );
}

/** The provider answered with a client error: it did not accept the job (408, 409 and 429 aside). */
function isRefusedByProvider(error: unknown): boolean {
  if (!APICallError.isInstance(error) || error.statusCode === undefined) return false;
  const status = error.statusCode;
  return status >= 400 && status < 500 && status !== 408 && status !== 409 && status !== 429;
}
