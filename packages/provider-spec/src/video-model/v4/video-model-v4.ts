import type { SharedV4ProviderMetadata } from '../../shared/v4/shared-v4-provider-metadata';
import type { SharedV4Warning } from '../../shared/v4/shared-v4-warning';
import type { GetVideoModelV4CapabilitiesFunction, VideoModelV4Capabilities } from './video-model-v4-capabilities';
import type { VideoModelV4CallOptions } from './video-model-v4-call-options';
import type {
  VideoModelV4DownloadOptions,
  VideoModelV4OperationOptions,
  VideoModelV4OperationWebhook,
  VideoModelV4StartOptions,
  VideoModelV4StartResult,
  VideoModelV4StatusResult,
} from './video-model-v4-job';
import type { VideoModelV4ResponseMetadata } from './video-model-v4-response';
import type { VideoModelV4Usage } from './video-model-v4-usage';
import type { VideoModelV4VideoData } from './video-model-v4-video-data';

/** Returns the most videos one call can produce for a model. */
export type GetMaxVideosPerCallFunctionV4 = (options: {
  modelId: string;
}) => PromiseLike<number | undefined> | number | undefined;

/** Result of `doGenerate`. */
export type VideoModelV4GenerateResult = {
  /** The videos as URLs (readable without credentials), base64 strings, bytes or upload confirmations. */
  videos: Array<VideoModelV4VideoData>;
  /** Options the provider could not honour. */
  warnings: Array<SharedV4Warning>;
  /** What the call used, as the provider reports it. */
  usage?: VideoModelV4Usage;
  /** Provider-specific metadata, keyed by provider id. */
  providerMetadata?: SharedV4ProviderMetadata;
  /** Response information. */
  response: VideoModelV4ResponseMetadata;
};

/** A webhook endpoint the caller created for one job. */
export type VideoModelV4WebhookFactory = () => PromiseLike<{
  url: string;
  received: PromiseLike<VideoModelV4OperationWebhook>;
}>;

/**
 * A video generation model, specification version 4.
 *
 * Structurally compatible with `Experimental_VideoModelV4` of
 * `@ai-sdk/provider` 4 (the Vercel AI SDK 7), in both directions. What
 * changed from V3, and why it is a new version:
 * - `doGenerate` is optional when `doStart` and `doStatus` exist;
 * - `doStatus` reports a failed job as `{ status: 'error', error: string }`
 *   (V3: `'failed'` with an error object) and every status carries `response`;
 * - a `url` video must be readable without credentials (the SDK downloads it
 *   with a plain fetch), and a video may be `'uploaded'` to caller storage;
 * - `handleWebhookOption` says whether the API calls webhooks.
 * videogen's optional additions (capabilities, `doWatch`, `doCancel`,
 * `doDownload`, `usage`, progress on pending) are ignored by the Vercel AI SDK.
 */
export type VideoModelV4 = {
  /** The spec version this model implements. */
  readonly specificationVersion: 'v4';
  /** Provider id, e.g. `'fal.video'`. */
  readonly provider: string;
  /** Model id as the provider names it. */
  readonly modelId: string;
  /** Most videos one call can produce: a number, `undefined` (default 1), or a function. */
  readonly maxVideosPerCall: number | undefined | GetMaxVideosPerCallFunctionV4;
  /** What the model accepts, as a table or a function that looks it up. `undefined`: unknown. */
  readonly capabilities?: VideoModelV4Capabilities | GetVideoModelV4CapabilitiesFunction;

  /** Generates videos in one call that resolves when they are ready. Optional when `doStart`/`doStatus` exist. */
  doGenerate?(options: VideoModelV4CallOptions): PromiseLike<VideoModelV4GenerateResult>;

  /**
   * Present when the API calls webhooks: calls the caller's factory and
   * returns the URL to pass to `doStart` and the promise of the call.
   * Absent: callers poll.
   */
  // Method syntax: its parameter is compared both ways, so that `@ai-sdk/provider` 4 releases
  // that type webhook bodies as mutable or as readonly JSON both fit.
  handleWebhookOption?(options: { webhook: VideoModelV4WebhookFactory }): PromiseLike<{
    webhookUrl: string;
    received: PromiseLike<VideoModelV4OperationWebhook>;
  }>;

  /** Submits a job and returns its reference at once. Must not create two paid jobs by retrying. */
  doStart?(options: VideoModelV4StartOptions): PromiseLike<VideoModelV4StartResult>;

  /** Asks the provider once where a job stands. Safe to repeat. */
  doStatus?(options: VideoModelV4OperationOptions): PromiseLike<VideoModelV4StatusResult>;

  /** Streams status changes until a terminal status, which is the last item. */
  doWatch?(options: VideoModelV4OperationOptions): AsyncIterable<VideoModelV4StatusResult>;

  /** Cancels a job at the provider, where the API can. */
  doCancel?(options: VideoModelV4OperationOptions): PromiseLike<void>;

  /**
   * Fetches a `url` video with the provider's credentials, sent only to the
   * provider's own origin. Returns the streaming response.
   */
  doDownload?(options: VideoModelV4DownloadOptions): PromiseLike<Response>;
};
