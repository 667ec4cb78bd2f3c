import {
  VideoJobAbortedError,
  type SharedV3ProviderMetadata,
  type SharedV3Warning,
  type VideoJob,
  type VideoModelV3,
  type VideoModelV3ResponseMetadata,
  type VideoModelV3StartOptions,
  type VideoModelV3StartResult,
  type VideoModelV3StatusResult,
  type VideoModelV3VideoData,
} from '@videogen/provider-spec';
import {
  createAbortError,
  createLinkedAbortController,
  isSubmissionRetrySafe,
  mergeProviderMetadata,
  raceAbort,
  retryRequest,
} from '@videogen/provider-utils';
import { generateId } from '@ai-sdk/provider-utils';
import type { VideoUsage } from '../util/usage';
import type { PollOptions, VideoEvent, WebhookFactory } from '../types';
import { runWithConcurrency } from '../util/run-with-concurrency';
import type { PreparedCallOptions } from './prepare-call';
import { waitForJob } from './wait-for-job';

/**
 * The emitter of a generation nobody listens to (no `onProgress`, no stream):
 * its events are not even built.
 */
export const ignoreEvents = (_event: VideoEvent): void => {};

/** Default most provider calls at once. */
export const DEFAULT_MAX_CONCURRENCY = 4;

/** What one provider call produced, before its videos are downloaded. */
export type CallOutcome = {
  callIndex: number;
  /** Index of this call's first video among all videos of the generation. */
  firstVideoIndex: number;
  job: VideoJob | undefined;
  videos: VideoModelV3VideoData[];
  warnings: SharedV3Warning[];
  providerMetadata: SharedV3ProviderMetadata | undefined;
  response: VideoModelV3ResponseMetadata;
  /** What the call used, as the provider reported it. */
  usage?: VideoUsage;
};

/** Turns a completed call's videos into whatever the caller wants (bytes, files). */
export type HandleVideos<T> = (outcome: CallOutcome, abortSignal: AbortSignal) => Promise<T>;

/** The most videos per call: the option, the model's value (or function), its capabilities, else 1. */
export async function resolveMaxVideosPerCall(
  model: VideoModelV3,
  option: number | undefined,
  capabilitiesMax: number | undefined,
): Promise<number> {
  if (option !== undefined) return option;
  const value =
    typeof model.maxVideosPerCall === 'function'
      ? await model.maxVideosPerCall({ modelId: model.modelId })
      : model.maxVideosPerCall;
  return value ?? capabilitiesMax ?? 1;
}

/** Splits `n` videos into per-call counts of at most `maxPerCall`. */
export function splitVideoCount(n: number, maxPerCall: number): number[] {
  const count = Math.ceil(n / maxPerCall);
  return Array.from({ length: count }, (_, index) => Math.min(maxPerCall, n - index * maxPerCall));
}

/** Whether a model can run a job that core orchestrates. */
export function hasJobMethods(model: VideoModelV3): boolean {
  return typeof model.doStart === 'function' && typeof model.doStatus === 'function';
}

/**
 * Runs the provider calls of one generation: bounded concurrency, siblings
 * aborted (and their jobs cancelled) when one fails, each call submitted once
 * (retried only where the submission cannot have been accepted), waited for
 * with the shared polling loop, then handed to `handleVideos`.
 */
export async function runVideoCalls<T>({
  model,
  callOptions,
  callCounts,
  maxConcurrency = DEFAULT_MAX_CONCURRENCY,
  maxRetries,
  abortSignal,
  headers,
  poll,
  webhook,
  emit,
  handleVideos,
}: {
  model: VideoModelV3;
  callOptions: PreparedCallOptions;
  callCounts: number[];
  maxConcurrency?: number;
  maxRetries?: number;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  poll?: PollOptions;
  webhook?: WebhookFactory;
  emit: (event: VideoEvent) => void;
  handleVideos: HandleVideos<T>;
}): Promise<Array<{ outcome: CallOutcome; value: T }>> {
  const { controller, dispose } = createLinkedAbortController(abortSignal);
  const signal = controller.signal;
  try {
    const tasks = callCounts.map((callN, callIndex) => async () => {
      let job: VideoJob | undefined;
      const firstVideoIndex = callCounts.slice(0, callIndex).reduce((sum, count) => sum + count, 0);
      try {
        const outcome: CallOutcome = {
          ...(hasJobMethods(model)
            ? await runJobCall({
                model,
                options: { ...callOptions, n: callN, headers },
                callIndex,
                maxRetries,
                signal,
                poll,
                webhook,
                emit,
                onJob: (created) => {
                  job = created;
                },
              })
            : await runGenerateCall({
                model,
                options: { ...callOptions, n: callN, headers },
                callIndex,
                maxRetries,
                signal,
                webhook: webhook !== undefined,
              })),
          firstVideoIndex,
        };
        if (emit !== ignoreEvents)
          emit({
            type: 'completed',
            callIndex,
            ...(outcome.job ? { job: outcome.job } : {}),
            videos: outcome.videos.map((video, index) => ({
              index,
              mediaType: video.mediaType,
              ...(video.type === 'url' && !model.doDownload && /^https?:/i.test(video.url) ? { url: video.url } : {}),
            })),
            ...(outcome.usage !== undefined ? { usage: outcome.usage } : {}),
          });
        const value = await handleVideos(outcome, signal);
        return { outcome, value };
      } catch (error) {
        if (signal.aborted && !VideoJobAbortedError.isInstance(error)) {
          throw new VideoJobAbortedError({ job, cause: signal.reason });
        }
        throw error;
      }
    });
    return await runWithConcurrency(tasks, {
      concurrency: maxConcurrency,
      onFailure: () => {
        if (!signal.aborted) controller.abort(createAbortError('Another call of this generation failed.'));
      },
    });
  } finally {
    dispose();
  }
}

async function runJobCall({
  model,
  options,
  callIndex,
  maxRetries,
  signal,
  poll,
  webhook,
  emit,
  onJob,
}: {
  model: VideoModelV3;
  options: Omit<VideoModelV3StartOptions, 'abortSignal'>;
  callIndex: number;
  maxRetries: number | undefined;
  signal: AbortSignal;
  poll: PollOptions | undefined;
  webhook: WebhookFactory | undefined;
  emit: (event: VideoEvent) => void;
  onJob: (job: VideoJob) => void;
}): Promise<Omit<CallOutcome, 'firstVideoIndex'>> {
  const hook = webhook ? await raceAbort(Promise.resolve(webhook()), signal) : undefined;
  const start = await submitJob({
    model,
    options: { ...options, ...(hook ? { webhookUrl: hook.url } : {}), idempotencyKey: generateId() },
    maxRetries,
    signal,
  });
  const job: VideoJob = {
    specificationVersion: 'v3',
    provider: model.provider,
    modelId: model.modelId,
    operation: start.operation,
  };
  onJob(job);
  emit({ type: 'job-created', callIndex, job });

  const completed = await waitForJob({
    model: model as Parameters<typeof waitForJob>[0]['model'],
    job,
    poll,
    maxRetries,
    abortSignal: signal,
    headers: options.headers,
    webhookReceived: hook?.received,
    onStatus: emit === ignoreEvents ? undefined : createStatusEmitter(emit, callIndex, job),
    // A job submitted just now cannot be done yet: no status request before one
    // interval. With a webhook the loop keeps its check right after submitting
    // (its next one only comes when the webhook arrives or after the long fallback interval).
    justStarted: hook === undefined,
  });
  return {
    callIndex,
    job,
    videos: completed.videos,
    warnings: [...start.warnings, ...completed.warnings],
    providerMetadata: mergeProviderMetadata(start.providerMetadata, completed.providerMetadata),
    response: completed.response,
    ...(completed.usage !== undefined ? { usage: completed.usage } : {}),
  };
}

/**
 * Submits a job once: retried only when the provider cannot have accepted it
 * (429, 503, connection refused), always with the same idempotency key. When
 * the caller aborts while a submission is in flight and the provider accepts
 * it anyway, the new job is cancelled as soon as its reference arrives.
 */
export async function submitJob({
  model,
  options,
  maxRetries,
  signal,
}: {
  model: VideoModelV3;
  options: Omit<VideoModelV3StartOptions, 'abortSignal'>;
  maxRetries: number | undefined;
  signal: AbortSignal | undefined;
}): Promise<VideoModelV3StartResult> {
  let inFlight: PromiseLike<VideoModelV3StartResult> | undefined;
  if (signal?.aborted) throw signal.reason;
  try {
    return await raceAbort(
      retryRequest(
        () => {
          inFlight = model.doStart!({ ...options, abortSignal: signal });
          return inFlight;
        },
        { maxRetries, abortSignal: signal, shouldRetry: isSubmissionRetrySafe },
      ),
      signal,
    );
  } catch (error) {
    if (signal?.aborted && inFlight && model.doCancel) {
      Promise.resolve(inFlight)
        .then((start) => model.doCancel!({ operation: start.operation, headers: options.headers }))
        .catch(() => {});
    }
    throw error;
  }
}

async function runGenerateCall({
  model,
  options,
  callIndex,
  maxRetries,
  signal,
  webhook,
}: {
  model: VideoModelV3;
  options: Omit<Parameters<VideoModelV3['doGenerate']>[0], 'abortSignal'>;
  callIndex: number;
  maxRetries: number | undefined;
  signal: AbortSignal;
  webhook: boolean;
}): Promise<Omit<CallOutcome, 'firstVideoIndex'>> {
  if (signal.aborted) throw signal.reason;
  // doGenerate submits a paid job: retried only when it cannot have been accepted.
  const result = await raceAbort(
    retryRequest(() => model.doGenerate({ ...options, abortSignal: signal }), {
      maxRetries,
      abortSignal: signal,
      shouldRetry: isSubmissionRetrySafe,
    }),
    signal,
  );
  return {
    callIndex,
    job: undefined,
    videos: result.videos,
    warnings: webhook
      ? [
          ...result.warnings,
          {
            type: 'unsupported',
            feature: 'webhook',
            details: `${model.provider} model ${model.modelId} has no doStart; the webhook was not used.`,
          },
        ]
      : result.warnings,
    providerMetadata: result.providerMetadata,
    ...(result.usage !== undefined ? { usage: result.usage } : {}),
    response: result.response,
  };
}

/** Reports each status, leaving out repeats of the same one. */
export function createStatusEmitter(
  emit: (event: VideoEvent) => void,
  callIndex: number,
  job: VideoJob,
): (status: VideoModelV3StatusResult) => void {
  let lastKey: string | undefined;
  return (status) => {
    const event: VideoEvent = {
      type: 'status',
      callIndex,
      job,
      status: status.status,
      ...(status.status === 'pending' && status.providerStatus !== undefined
        ? { providerStatus: status.providerStatus }
        : {}),
      ...(status.status === 'pending' && status.progress !== undefined ? { progress: status.progress } : {}),
      ...(status.status === 'pending' && status.queuePosition !== undefined
        ? { queuePosition: status.queuePosition }
        : {}),
      ...(status.usage !== undefined ? { usage: status.usage } : {}),
    };
    const key = JSON.stringify([event.status, event.providerStatus, event.progress, event.queuePosition, event.usage]);
    if (key === lastKey) return;
    lastKey = key;
    emit(event);
  };
}
