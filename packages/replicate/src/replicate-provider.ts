import {
  LoadAPIKeyError,
  registerVideoProvider,
  type VideoModelV3CatalogEntry,
  type VideoModelV3ListJobsOptions,
  type VideoModelV3ListJobsResult,
  type VideoProviderV3,
  type VideoProviderV3ListModelsOptions,
} from '@videogen/provider-spec';
import { withoutTrailingSlash, withUserAgentSuffix, type FetchFunction } from '@ai-sdk/provider-utils';
import { defaultFetch, staticVideoModelCatalog } from '@videogen/provider-utils';
import { ReplicateVideoModel } from './replicate-video-model';
import {
  REPLICATE_VIDEO_MODEL_IDS,
  replicateVideoModelCapabilities,
  toVideoModelV3Capabilities,
  type ReplicateVideoModelId,
} from './replicate-video-model-options';
import { VERSION } from './version';

/** Environment variable read for the token (the one Replicate's SDKs read). */
export const REPLICATE_API_TOKEN_ENVIRONMENT_VARIABLE = 'REPLICATE_API_TOKEN';

export interface ReplicateProviderSettings {
  /**
   * Replicate API token (`r8_…`), sent only in the `Authorization: Bearer`
   * header to the base URL's origin. Default: the `REPLICATE_API_TOKEN`
   * environment variable, read when the first request is made.
   */
  apiKey?: string;
  /** Base URL for API calls, e.g. a proxy. Default: `https://api.replicate.com/v1`. */
  baseURL?: string;
  /** Extra headers sent with every request to the API's origin (never to `replicate.delivery`). */
  headers?: Record<string, string>;
  /**
   * Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from
   * `@videogen/provider-utils`.
   */
  fetch?: FetchFunction;
}

export interface ReplicateProvider extends VideoProviderV3 {
  /** A Replicate video model (`owner/name` or `owner/name:version`). */
  (modelId: ReplicateVideoModelId): ReplicateVideoModel;
  /** A Replicate video model (`owner/name` or `owner/name:version`). */
  videoModel(modelId: ReplicateVideoModelId): ReplicateVideoModel;
  /** A Replicate video model (alias of `videoModel`). */
  video(modelId: ReplicateVideoModelId): ReplicateVideoModel;
  /**
   * The known video models (static table: Replicate's model list is not a
   * video catalog, and a collection lookup would not say which inputs a model takes).
   */
  listVideoModels(options?: VideoProviderV3ListModelsOptions): Promise<VideoModelV3CatalogEntry[]>;
  /** The account's predictions (`GET /v1/predictions`), newest first, one page at a time. */
  listJobs(options?: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult>;
}

/** Creates a provider for Replicate's predictions API. */
export function createReplicate(options: ReplicateProviderSettings = {}): ReplicateProvider {
  const baseURL = withoutTrailingSlash(options.baseURL) ?? 'https://api.replicate.com/v1';

  let headers: Readonly<Record<string, string>> | undefined;
  const getHeaders = async () =>
    (headers ??= Object.freeze(
      withUserAgentSuffix(
        { Authorization: `Bearer ${loadReplicateApiToken(options.apiKey)}`, ...options.headers },
        `videogen/replicate/${VERSION}`,
      ),
    ));

  const createVideoModel = (modelId: ReplicateVideoModelId) =>
    new ReplicateVideoModel(modelId, {
      provider: 'replicate.video',
      baseURL,
      headers: getHeaders,
      fetch: options.fetch ?? defaultFetch,
    });

  const provider = function (modelId: ReplicateVideoModelId) {
    if (new.target) throw new Error('The Replicate provider function cannot be called with the new keyword.');
    return createVideoModel(modelId);
  } as ReplicateProvider;

  Object.assign(provider, {
    specificationVersion: 'v3',
    videoModel: createVideoModel,
    video: createVideoModel,
    listVideoModels: async () =>
      staticVideoModelCatalog({
        provider: 'replicate.video',
        modelIds: REPLICATE_VIDEO_MODEL_IDS,
        capabilities: toVideoModelV3Capabilities,
        names: Object.fromEntries(
          Object.entries(replicateVideoModelCapabilities).map(([modelId, entry]) => [modelId, entry.name]),
        ),
      }),
    // Listing is account-wide: any model instance lists every prediction.
    listJobs: (listOptions: VideoModelV3ListJobsOptions = {}) =>
      createVideoModel(REPLICATE_VIDEO_MODEL_IDS[0]).doListJobs(listOptions),
  });
  return provider;
}

/**
 * Default Replicate provider (token from `REPLICATE_API_TOKEN`, read at the
 * first request). Importing the package registers it as `'replicate'`, so that
 * core resolves `'replicate:bytedance/seedance-1-lite'`.
 */
export const replicate = createReplicate();

registerVideoProvider('replicate', replicate);

function loadReplicateApiToken(apiKey: string | undefined): string {
  if (typeof apiKey === 'string') return apiKey;
  if (apiKey !== undefined) throw new LoadAPIKeyError({ message: 'The Replicate API token must be a string.' });
  const value = typeof process !== 'undefined' ? process.env?.[REPLICATE_API_TOKEN_ENVIRONMENT_VARIABLE] : undefined;
  if (value) return value;
  throw new LoadAPIKeyError({
    message: `Replicate API token is missing. Pass it using the apiKey option or set the ${REPLICATE_API_TOKEN_ENVIRONMENT_VARIABLE} environment variable.`,
  });
}
