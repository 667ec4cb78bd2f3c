import type { SharedV3ProviderMetadata } from '../../shared/v3/shared-v3-provider-metadata';
import type { SharedV3Warning } from '../../shared/v3/shared-v3-warning';
import type { GetVideoModelV3CapabilitiesFunction, VideoModelV3Capabilities } from './video-model-v3-capabilities';
import type { VideoModelV3CallOptions } from './video-model-v3-call-options';
import type {
  VideoModelV3DownloadOptions,
  VideoModelV3OperationOptions,
  VideoModelV3StartOptions,
  VideoModelV3StartResult,
  VideoModelV3StatusResult,
} from './video-model-v3-job';
import type {
  VideoModelV3DownloadUrl,
  VideoModelV3DownloadUrlOptions,
  VideoModelV3ListJobsOptions,
  VideoModelV3ListJobsResult,
} from './video-model-v3-jobs-list';
import type { VideoModelV3ResponseMetadata } from './video-model-v3-response';
import type { VideoModelV3Usage } from './video-model-v3-usage';
import type { VideoModelV3VideoData } from './video-model-v3-video-data';

/** Returns the most videos one call can produce for a model. */
export type GetMaxVideosPerCallFunction = (options: {
  modelId: string;
}) => PromiseLike<number | undefined> | number | undefined;

/** Result of `doGenerate`. */
export type VideoModelV3GenerateResult = {
  /** The videos as URLs, base64 strings or bytes. */
  videos: Array<VideoModelV3VideoData>;
  /** Options the provider could not honour. */
  warnings: Array<SharedV3Warning>;
  /** What the call used, as the provider reports it (optional, added in 0.2). */
  usage?: VideoModelV3Usage;
  /** Provider-specific metadata, keyed by provider id. */
  providerMetadata?: SharedV3ProviderMetadata;
  /** Response information. */
  response: VideoModelV3ResponseMetadata;
};

/**
 * A video generation model, specification version 3.
 *
 * Structurally compatible with `Experimental_VideoModelV3` of
 * `@ai-sdk/provider`: a videogen model can be handed to the Vercel AI SDK's
 * `experimental_generateVideo`, and a Vercel model to videogen's
 * `generateVideo`. The job methods (`doStart`, `doStatus`, `doWatch`,
 * `doCancel`, `doDownload`) are optional additions that every videogen
 * provider implements; core uses them to make jobs resumable, observable and
 * cancellable.
 */
export type VideoModelV3 = {
  /** The spec version this model implements. */
  readonly specificationVersion: 'v3';
  /** Provider id, e.g. `'fal.video'`, `'openai.video'`. */
  readonly provider: string;
  /** Model id as the provider names it. */
  readonly modelId: string;
  /**
   * Most videos one call can produce: a number, `undefined` (core's default,
   * 1), or a function.
   */
  readonly maxVideosPerCall: number | undefined | GetMaxVideosPerCallFunction;
  /**
   * What the model accepts, as a table or a function that looks it up.
   * Optional; `undefined` means unknown.
   */
  readonly capabilities?: VideoModelV3Capabilities | GetVideoModelV3CapabilitiesFunction;
  /**
   * The provider's recommended time between two status requests of this model's jobs, in ms
   * (its rate limit and typical job length). Polling uses it when the caller sets no interval
   * (`poll.intervalMs` wins), on every path: core's `generateVideo` / `waitForVideo` and the model's
   * own `doGenerate`. A pending status's `pollAfterMs` still overrides it for one poll. Optional
   * (additive to V3); `undefined` means the default of 2000.
   */
  readonly pollIntervalMs?: number;

  /**
   * Generates videos in one call that resolves when they are ready: submits,
   * waits, returns. Videos behind credentials are returned as bytes here, so
   * that callers without the key (e.g. the Vercel AI SDK) can use them.
   */
  doGenerate(options: VideoModelV3CallOptions): PromiseLike<VideoModelV3GenerateResult>;

  /**
   * Submits a job and returns its reference at once, without waiting.
   * Must not retry by itself in a way that could create two paid jobs.
   */
  doStart?(options: VideoModelV3StartOptions): PromiseLike<VideoModelV3StartResult>;

  /** Asks the provider once where a job stands. Safe to repeat. */
  doStatus?(options: VideoModelV3OperationOptions): PromiseLike<VideoModelV3StatusResult>;

  /**
   * Streams status changes (e.g. over the provider's SSE endpoint) until a
   * terminal status, which is the last item. Where the stream breaks, callers
   * fall back to `doStatus` polling.
   */
  doWatch?(options: VideoModelV3OperationOptions): AsyncIterable<VideoModelV3StatusResult>;

  /** Cancels a job at the provider, where the API can. */
  doCancel?(options: VideoModelV3OperationOptions): PromiseLike<void>;

  /**
   * Fetches a `url` video of this model with the provider's credentials,
   * sent only to the provider's own origin (redirects to other origins are
   * followed without them). Returns the streaming response.
   */
  doDownload?(options: VideoModelV3DownloadOptions): PromiseLike<Response>;

  /**
   * Lists the account's jobs at the provider, one page at a time, where the API
   * can (optional, added in 0.4). Each listed job's `operation` resumes it.
   */
  doListJobs?(options: VideoModelV3ListJobsOptions): PromiseLike<VideoModelV3ListJobsResult>;

  /**
   * Deletes a job and its stored video at the provider, where the API can
   * (optional, added in 0.4). Deleting a job that is already gone resolves.
   */
  doDelete?(options: VideoModelV3OperationOptions): PromiseLike<void>;

  /**
   * Returns a link to a completed job's video that a browser can fetch without
   * credentials: the provider's own public URL and its expiry (optional, added
   * in 0.4). Resolves to `undefined` when the provider's video needs
   * credentials, so that the caller signs a link to its own server instead.
   */
  doGetDownloadUrl?(options: VideoModelV3DownloadUrlOptions): PromiseLike<VideoModelV3DownloadUrl | undefined>;
};
