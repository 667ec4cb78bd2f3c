import type { SharedV4JSONValue } from '../../shared/v4/shared-v4-json';
import type { SharedV4ProviderMetadata } from '../../shared/v4/shared-v4-provider-metadata';
import type { SharedV4Warning } from '../../shared/v4/shared-v4-warning';
import type { VideoModelV4CallOptions } from './video-model-v4-call-options';
import type { VideoModelV4ResponseMetadata } from './video-model-v4-response';
import type { VideoModelV4Usage } from './video-model-v4-usage';
import type { VideoModelV4VideoData } from './video-model-v4-video-data';

/**
 * The provider's reference to a submitted job (an id, polling URLs …) as
 * plain JSON: it can be stored and resumed by another process.
 */
export type VideoModelV4Operation = SharedV4JSONValue;

/** Options of `doStart`: the call options, plus what only a job submission takes. */
export type VideoModelV4StartOptions = VideoModelV4CallOptions & {
  /** A URL the provider calls when the job ends, where the API takes one. */
  webhookUrl?: string;
  /**
   * A key that makes a repeated submission harmless, where the API takes one.
   * The Vercel AI SDK 7 sends it as the `idempotency-key` header instead;
   * a provider reads either.
   */
  idempotencyKey?: string;
};

/** Result of `doStart`. Same shape as `Experimental_VideoModelV4OperationStartResult`. */
export type VideoModelV4StartResult = {
  /** The job reference to pass to `doStatus` / `doCancel`. */
  operation: VideoModelV4Operation;
  /** Options the provider could not honour. */
  warnings: Array<SharedV4Warning>;
  /** Provider-specific metadata, keyed by provider id. */
  providerMetadata?: SharedV4ProviderMetadata;
  /** The submission's response. */
  response: VideoModelV4ResponseMetadata;
};

/** Options of `doStatus`, `doWatch` and `doCancel`. */
export type VideoModelV4OperationOptions = {
  /** The job reference from `doStart`. */
  operation: VideoModelV4Operation;
  /** Aborts the request(s). */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers. */
  headers?: Record<string, string | undefined>;
};

/** The job is still queued or running. */
export type VideoModelV4PendingStatus = {
  status: 'pending';
  /** The provider's own status word, e.g. `'queued'`, `'IN_QUEUE'`. For display and logs. */
  providerStatus?: string;
  /** Progress 0..100, only when the provider reports it. Never estimated. */
  progress?: number;
  /** Position in the provider's queue (0 = next), only when reported. */
  queuePosition?: number;
  /** The provider's hint of when to ask again, in milliseconds. */
  pollAfterMs?: number;
  /** Usage reported so far, when the provider reports it while running. */
  usage?: VideoModelV4Usage;
  /** Warnings. */
  warnings?: Array<SharedV4Warning>;
  /** Provider-specific metadata, keyed by provider id. */
  providerMetadata?: SharedV4ProviderMetadata;
  /** The response that reported the status. */
  response: VideoModelV4ResponseMetadata;
};

/** The job finished with videos. */
export type VideoModelV4CompletedStatus = {
  status: 'completed';
  /** The videos; a `url` is readable without credentials. */
  videos: Array<VideoModelV4VideoData>;
  /** Warnings (e.g. fewer videos than asked for). */
  warnings: Array<SharedV4Warning>;
  /** What the job used, as the provider reports it. */
  usage?: VideoModelV4Usage;
  /** Provider-specific metadata, keyed by provider id. */
  providerMetadata?: SharedV4ProviderMetadata;
  /** The response that reported completion. */
  response: VideoModelV4ResponseMetadata;
};

/**
 * The job ended without videos (failed, blocked by a content filter,
 * cancelled or expired). `error` is the human-readable reason with the
 * provider's words, as `Experimental_VideoModelV4OperationStatusResult`
 * expects; the optional fields keep what V3's `error` object carried.
 */
export type VideoModelV4ErrorStatus = {
  status: 'error';
  /** Why the job ended, including the provider's reason. */
  error: string;
  /** The provider's error code, when it gives one (e.g. `'cancelled'`). */
  code?: string | number;
  /** True when a safety or moderation filter blocked the output. */
  contentFiltered?: boolean;
  /** What the job used before it ended, when the provider reports it. */
  usage?: VideoModelV4Usage;
  /** Provider-specific metadata, keyed by provider id. */
  providerMetadata?: SharedV4ProviderMetadata;
  /** The response that reported the end. */
  response: VideoModelV4ResponseMetadata;
};

/** What `doStatus` reports. */
export type VideoModelV4StatusResult =
  | VideoModelV4PendingStatus
  | VideoModelV4CompletedStatus
  | VideoModelV4ErrorStatus;

/** A webhook call as the caller's server received it. Same shape as `Experimental_VideoModelV4OperationWebhook`. */
export type VideoModelV4OperationWebhook<TBody = SharedV4JSONValue> = {
  /** The request headers. */
  headers: Record<string, string>;
  /** The parsed body. */
  body: TBody;
};

/** Options of `doDownload`. */
export type VideoModelV4DownloadOptions = {
  /** A `url` video from this model's `doStatus` / `doGenerate`. */
  video: Extract<VideoModelV4VideoData, { type: 'url' }>;
  /** Aborts the download. */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers (e.g. `Range`). */
  headers?: Record<string, string | undefined>;
};
