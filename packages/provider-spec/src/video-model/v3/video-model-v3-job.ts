import type { JSONValue } from '@ai-sdk/provider';
import type { SharedV3ProviderMetadata } from '../../shared/v3/shared-v3-provider-metadata';
import type { SharedV3Warning } from '../../shared/v3/shared-v3-warning';
import type { VideoModelV3CallOptions } from './video-model-v3-call-options';
import type { VideoModelV3ResponseMetadata } from './video-model-v3-response';
import type { VideoModelV3Usage } from './video-model-v3-usage';
import type { VideoModelV3VideoData } from './video-model-v3-video-data';

/**
 * The provider's reference to a submitted job (an id, polling URLs …) as
 * plain JSON: it can be stored in a database and resumed by another process.
 * Only the provider that created it reads its inside.
 */
export type VideoModelV3Operation = JSONValue;

/**
 * A job as callers hold it: plain JSON that survives `JSON.stringify` /
 * `JSON.parse`, naming the model that can resume it.
 */
export type VideoJob = {
  /** The spec version that produced the job. */
  specificationVersion: 'v3';
  /** The provider id of the model, e.g. `'fal.video'`. */
  provider: string;
  /** The model id, e.g. `'fal-ai/veo3.1'`. */
  modelId: string;
  /** The provider's job reference. */
  operation: VideoModelV3Operation;
};

/** Options of `doStart`: the call options, plus what only a job submission takes. */
export type VideoModelV3StartOptions = VideoModelV3CallOptions & {
  /**
   * A URL the provider calls when the job ends, where the API takes one
   * (fal `fal_webhook`, OpenRouter `callback_url`, Gemini `webhookConfig`).
   * A provider that cannot take it reports an `unsupported` warning.
   */
  webhookUrl?: string;
  /**
   * A key that makes a repeated submission of the same job harmless, sent
   * where the API takes one. Core reuses it across retries of one submission.
   */
  idempotencyKey?: string;
};

/** Result of `doStart`. */
export type VideoModelV3StartResult = {
  /** The job reference to pass to `doStatus` / `doCancel`. */
  operation: VideoModelV3Operation;
  /** Options the provider could not honour. */
  warnings: Array<SharedV3Warning>;
  /** Provider-specific metadata, keyed by provider id. */
  providerMetadata?: SharedV3ProviderMetadata;
  /** The submission's response. */
  response: VideoModelV3ResponseMetadata;
};

/** Options of `doStatus`, `doWatch` and `doCancel`. */
export type VideoModelV3OperationOptions = {
  /** The job reference from `doStart`. */
  operation: VideoModelV3Operation;
  /** Aborts the request(s). */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers. */
  headers?: Record<string, string | undefined>;
};

/** The job is still queued or running. */
export type VideoModelV3PendingStatus = {
  status: 'pending';
  /**
   * The provider's own status word, e.g. `'queued'`, `'in_progress'`,
   * `'IN_QUEUE'`. For display and logs.
   */
  providerStatus?: string;
  /** Progress 0..100, only when the provider reports it. Never estimated. */
  progress?: number;
  /** Position in the provider's queue (0 = next), only when reported. */
  queuePosition?: number;
  /** The provider's hint of when to ask again, in milliseconds. */
  pollAfterMs?: number;
  /** Usage reported so far, when the provider reports it while running (optional, added in 0.2). */
  usage?: VideoModelV3Usage;
};

/** The job finished with videos. */
export type VideoModelV3CompletedStatus = {
  status: 'completed';
  /** The videos, not yet downloaded where they are URLs. */
  videos: Array<VideoModelV3VideoData>;
  /** Warnings (from the result, e.g. fewer videos than asked for). */
  warnings: Array<SharedV3Warning>;
  /** What the job used, as the provider reports it (optional, added in 0.2). */
  usage?: VideoModelV3Usage;
  /** Provider-specific metadata, keyed by provider id. */
  providerMetadata?: SharedV3ProviderMetadata;
  /** The response that reported completion. */
  response: VideoModelV3ResponseMetadata;
};

/** Why a job failed, in the provider's words. */
export type VideoModelV3JobError = {
  /** The provider's error code, when it gives one. */
  code?: string | number;
  /** The provider's message, verbatim. */
  message: string;
  /** True when a safety or moderation filter blocked the output. */
  contentFiltered?: boolean;
};

/** The job ended without videos. */
export type VideoModelV3FailedStatus = {
  status: 'failed';
  /** The provider's reason. */
  error: VideoModelV3JobError;
  /** What the job used before it ended, when the provider reports it (optional, added in 0.2). */
  usage?: VideoModelV3Usage;
  /** Provider-specific metadata, keyed by provider id. */
  providerMetadata?: SharedV3ProviderMetadata;
};

/** What `doStatus` reports. */
export type VideoModelV3StatusResult =
  | VideoModelV3PendingStatus
  | VideoModelV3CompletedStatus
  | VideoModelV3FailedStatus;

/** Options of `doDownload`. */
export type VideoModelV3DownloadOptions = {
  /** A `url` video from this model's `doStatus` / `doGenerate`. */
  video: Extract<VideoModelV3VideoData, { type: 'url' }>;
  /** Aborts the download. */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers (e.g. `Range`). */
  headers?: Record<string, string | undefined>;
  /**
   * Allow the video URL (or a redirect) to reach loopback or a private
   * network when it is not on the provider's configured origin. Core passes
   * `createDownload`'s `allowPrivateNetwork`. Default: `false`: such a
   * target is refused before any request.
   */
  allowPrivateNetwork?: boolean;
};
