import {
  APICallError,
  InvalidArgumentError,
  NoSuchModelError,
  UnsupportedFunctionalityError,
  VideoJobFailedError,
  VideoJobTimeoutError,
  type JSONValue,
  type SharedV3ProviderMetadata,
  type SharedV3Warning,
  type VideoJob,
} from '@videogen/provider-spec';
import { VideoJobInDoubtError } from './video-job-in-doubt-error';
import type { VideoJobRecord, VideoJobState } from './video-job-store';

/** One video of a completed job, as kept in Redis: where to get it, never its bytes. */
export type VideoJobVideo = {
  /**
   * The provider's URL. Some need the provider's credentials (OpenAI,
   * OpenRouter, Gemini): download those with `getVideoStatus({ model, job })`
   * and `download(index)`, or `saveVideoFromJob`, in a follow-up job.
   * Absent when the provider returned the bytes inline.
   */
  url?: string;
  /** The media type, when known. */
  mediaType?: string;
};

type StatusBase = {
  /** Your idempotency key. */
  key: string;
  /** `'provider:model-id'`. */
  model: string;
  /** When the job was added (ms since the epoch). */
  createdAt: number;
  /** When its state last changed (ms since the epoch). */
  updatedAt: number;
  /** True once `cancel(key)` was called and the worker has not acted on it yet. */
  cancelRequested?: boolean;
};

/** Where a queued video job stands, as `VideoQueue.get(key)` reports it. */
export type VideoJobStatus =
  | (StatusBase & {
      /** Waiting for a worker to submit it. */
      state: 'queued';
    })
  | (StatusBase & {
      /** A worker is sending the submission right now. */
      state: 'submitting';
    })
  | (StatusBase & {
      /** The provider accepted the job and is rendering it. */
      state: 'pending';
      /** The provider's job reference: `waitForVideo` / `getVideoStatus` take it. */
      job: VideoJob;
      /** Progress 0..100, only when the provider reports it. */
      progress?: number;
      /** Position in the provider's queue, only when reported. */
      queuePosition?: number;
      /** The provider's own status word, when known. */
      providerStatus?: string;
    })
  | (StatusBase & {
      state: 'completed';
      job: VideoJob;
      /** The videos (URLs and media types; nothing is downloaded). */
      videos: VideoJobVideo[];
      warnings: SharedV3Warning[];
      providerMetadata: SharedV3ProviderMetadata | undefined;
    })
  | (StatusBase & {
      state: 'failed';
      /** The job reference, when the provider accepted the job. */
      job?: VideoJob;
      /**
       * The typed reason: `VideoJobFailedError` (the provider's), `VideoJobTimeoutError`,
       * `VideoJobInDoubtError`, `APICallError` (the provider refused the submission),
       * `InvalidArgumentError`, `NoSuchModelError` …
       */
      error: Error;
    })
  | (StatusBase & {
      state: 'cancelled';
      job?: VideoJob;
      /** Set when the provider cannot cancel (its API has none): the job may still run there. */
      cancelNote?: string;
    })
  | (StatusBase & {
      /**
       * A worker stopped between sending the submission and storing the
       * answer. Never submitted again by itself: adopted when the provider's
       * webhook names the job, else failed with `VideoJobInDoubtError` after
       * the worker's `inDoubtTimeoutMs`.
       */
      state: 'in-doubt';
      /** When it was found in doubt (ms since the epoch). */
      inDoubtSince: number;
    });

/** The small result kept for a completed job. */
export type StoredResult = {
  videos: VideoJobVideo[];
  warnings: SharedV3Warning[];
  providerMetadata?: SharedV3ProviderMetadata;
};

/** An error as kept in Redis. */
export type StoredError = {
  name: string;
  message: string;
  code?: string | number;
  contentFiltered?: boolean;
  providerMessage?: string;
  statusCode?: number;
  url?: string;
  argument?: string;
  timeoutMs?: number;
  inDoubtSince?: number;
  modelId?: string;
  job?: VideoJob;
};

/** Turns a record into the status that `get` returns. */
export function toVideoJobStatus(record: VideoJobRecord): VideoJobStatus {
  const base: StatusBase = {
    key: record.key,
    model: record.model,
    createdAt: Number(record.createdAt),
    updatedAt: Number(record.updatedAt),
    ...(record.cancelRequested === '1' ? { cancelRequested: true } : {}),
  };
  const job = record.job ? (JSON.parse(record.job) as VideoJob) : undefined;
  const state = record.state as VideoJobState;
  switch (state) {
    case 'queued':
    case 'submitting':
      return { ...base, state };
    case 'in-doubt':
      return { ...base, state, inDoubtSince: Number(record.inDoubtSince) };
    case 'pending':
      return {
        ...base,
        state,
        job: job!,
        ...(record.progress !== undefined ? { progress: Number(record.progress) } : {}),
        ...(record.queuePosition !== undefined ? { queuePosition: Number(record.queuePosition) } : {}),
        ...(record.providerStatus !== undefined ? { providerStatus: record.providerStatus } : {}),
      };
    case 'completed': {
      const result = JSON.parse(record.result ?? '{"videos":[],"warnings":[]}') as StoredResult;
      return {
        ...base,
        state,
        job: job!,
        videos: result.videos,
        warnings: result.warnings,
        providerMetadata: result.providerMetadata,
      };
    }
    case 'failed':
      return {
        ...base,
        state,
        ...(job ? { job } : {}),
        error: toError(JSON.parse(record.error ?? '{"name":"Error","message":"failed"}') as StoredError, record.key),
      };
    case 'cancelled':
      return {
        ...base,
        state,
        ...(job ? { job } : {}),
        ...(record.cancelNote ? { cancelNote: record.cancelNote } : {}),
      };
    default:
      throw new Error(`Unknown video job state "${String(state)}" for key ${record.key}.`);
  }
}

/** Keeps what a typed error needs to be rebuilt (never headers or bodies, which may hold secrets). */
export function serializeError(error: unknown, job?: VideoJob): StoredError {
  const base = error instanceof Error ? error : new Error(String(error));
  const stored: StoredError = { name: base.name, message: base.message };
  const errorJob = (error as { job?: VideoJob } | undefined)?.job ?? job;
  if (errorJob) stored.job = errorJob;
  if (VideoJobFailedError.isInstance(error)) {
    stored.code = error.code;
    stored.contentFiltered = error.contentFiltered;
    stored.providerMessage = error.providerMessage;
  } else if (VideoJobTimeoutError.isInstance(error)) {
    stored.timeoutMs = error.timeoutMs;
  } else if (VideoJobInDoubtError.isInstance(error)) {
    stored.inDoubtSince = error.inDoubtSince;
  } else if (APICallError.isInstance(error)) {
    stored.statusCode = error.statusCode;
    stored.url = redactUrl(error.url);
  } else if (InvalidArgumentError.isInstance(error)) {
    stored.argument = error.argument;
  } else if (NoSuchModelError.isInstance(error)) {
    stored.modelId = error.modelId;
  }
  return JSON.parse(JSON.stringify(stored)) as StoredError;
}

/** Rebuilds the typed error of a failed job. */
export function toError(stored: StoredError, key: string): Error {
  const { job } = stored;
  switch (stored.name) {
    case 'VideoGen_VideoJobFailedError':
      return new VideoJobFailedError({
        message: stored.providerMessage ?? stored.message,
        code: stored.code,
        contentFiltered: stored.contentFiltered,
        job,
      });
    case 'VideoGen_VideoJobTimeoutError':
      return new VideoJobTimeoutError({ job, timeoutMs: stored.timeoutMs ?? 0 });
    case 'VideoGen_VideoJobInDoubtError':
      return new VideoJobInDoubtError({ key, inDoubtSince: stored.inDoubtSince ?? 0 });
    case 'AI_APICallError':
      return Object.assign(
        new APICallError({
          message: stored.message,
          url: stored.url ?? '',
          requestBodyValues: {},
          statusCode: stored.statusCode,
          isRetryable: false,
        }),
        job ? { job } : {},
      );
    case 'AI_InvalidArgumentError':
      return new InvalidArgumentError({ argument: stored.argument ?? 'input', message: stored.message });
    case 'AI_NoSuchModelError':
      return new NoSuchModelError({ modelId: stored.modelId ?? '', modelType: 'videoModel', message: stored.message });
    case 'AI_UnsupportedFunctionalityError':
      return new UnsupportedFunctionalityError({ functionality: 'video job', message: stored.message });
    default: {
      const error = new Error(stored.message);
      error.name = stored.name;
      return Object.assign(error, job ? { job } : {});
    }
  }
}

/** A URL without its query (a key passed as `?key=` must never be stored). */
function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const index = url.indexOf('?');
  return index === -1 ? url : url.slice(0, index);
}

/** The result of a completed status, made small: URLs and media types only. */
export function toStoredResult(status: {
  videos: Array<{ type: string; url?: string; mediaType?: string }>;
  warnings: SharedV3Warning[];
  providerMetadata?: SharedV3ProviderMetadata;
}): StoredResult {
  return {
    videos: status.videos.map((video) => ({
      ...(video.type === 'url' && video.url ? { url: video.url } : {}),
      ...(video.mediaType ? { mediaType: video.mediaType } : {}),
    })),
    warnings: status.warnings,
    ...(status.providerMetadata
      ? { providerMetadata: status.providerMetadata as Record<string, Record<string, JSONValue>> }
      : {}),
  };
}
