import type { VideoModelV3 } from '../../video-model/v3/video-model-v3';
import type { VideoModelV3Capabilities } from '../../video-model/v3/video-model-v3-capabilities';
import type {
  VideoModelV3ListJobsOptions,
  VideoModelV3ListJobsResult,
} from '../../video-model/v3/video-model-v3-jobs-list';

/** What a provider's API charges for a model, where it publishes a price. */
export type VideoModelV3Pricing = {
  /** ISO 4217 currency code. Default: `'USD'`. */
  currency?: string;
  /** Price per second of output video. */
  perSecond?: number;
  /** Price per video. */
  perVideo?: number;
  /** Anything more the API says (per resolution, with audio …), verbatim. */
  details?: Record<string, unknown>;
};

/** One model in a provider's catalog (added in 0.4). */
export type VideoModelV3CatalogEntry = {
  /** The model id, as `videoModel(modelId)` takes it. */
  modelId: string;
  /** The provider id of the model, e.g. `'fal.video'`. */
  provider: string;
  /** A display name, when the API or the provider's table has one. */
  name?: string;
  /** What the model accepts; `{}` when unknown. */
  capabilities: VideoModelV3Capabilities;
  /** The price, only where the API publishes it (never invented). */
  pricing?: VideoModelV3Pricing;
  /** `'live'`: from the API's own model list; `'static'`: from the provider package's table. */
  source: 'live' | 'static';
};

/** Options of `listVideoModels`. */
export type VideoProviderV3ListModelsOptions = {
  /** Bypass the cached live list and ask the API again. Default: `false`. */
  refresh?: boolean;
  /** Aborts the request. */
  abortSignal?: AbortSignal;
};

/**
 * A provider of video models, specification version 3.
 */
export type VideoProviderV3 = {
  /** The spec version. */
  readonly specificationVersion?: 'v3';
  /**
   * Returns the video model with the given id.
   * @throws NoSuchModelError when the provider knows it has no such model.
   */
  videoModel(modelId: string): VideoModelV3;
  /**
   * The provider's video models with their capabilities and prices (optional,
   * added in 0.4): the API's live list where it has one (cached; `refresh`
   * asks again), otherwise the package's static table.
   */
  listVideoModels?(options?: VideoProviderV3ListModelsOptions): PromiseLike<Array<VideoModelV3CatalogEntry>>;
  /**
   * Lists the account's jobs across the provider's models, where the API can
   * (optional, added in 0.4). Same as a model's `doListJobs`.
   */
  listJobs?(options: VideoModelV3ListJobsOptions): PromiseLike<VideoModelV3ListJobsResult>;
};
