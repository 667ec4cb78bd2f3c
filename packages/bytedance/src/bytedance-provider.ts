import {
  InvalidArgumentError,
  LoadAPIKeyError,
  registerVideoProvider,
  type VideoModelV3CatalogEntry,
  type VideoModelV3ListJobsOptions,
  type VideoModelV3ListJobsResult,
  type VideoProviderV3,
} from '@videogen/provider-spec';
import { withoutTrailingSlash, withUserAgentSuffix, type FetchFunction } from '@ai-sdk/provider-utils';
import { defaultFetch, staticVideoModelCatalog } from '@videogen/provider-utils';
import { ByteDanceVideoModel } from './bytedance-video-model';
import { BYTEDANCE_VIDEO_MODEL_IDS, type ByteDanceVideoModelId } from './bytedance-video-model-options';
import { VERSION } from './version';

/** Environment variable read for the key (the one ByteDance's SDKs and the Vercel AI SDK read). */
export const BYTEDANCE_API_KEY_ENVIRONMENT_VARIABLE = 'ARK_API_KEY';

/** The Ark API base URL of each region that runs Seedance. */
export const BYTEDANCE_BASE_URLS = {
  /** BytePlus ModelArk, international (Johor). */
  'ap-southeast': 'https://ark.ap-southeast.bytepluses.com/api/v3',
  /** Volcengine Ark, China (Beijing). Model ids there start with `doubao-`. */
  'cn-beijing': 'https://ark.cn-beijing.volces.com/api/v3',
} as const;

/** A region that runs Seedance. */
export type ByteDanceRegion = keyof typeof BYTEDANCE_BASE_URLS;

export interface ByteDanceProviderSettings {
  /**
   * Ark API key, sent only in the `Authorization: Bearer` header. Keys are
   * bound to their region. Default: the `ARK_API_KEY` environment variable,
   * read when the first request is made.
   */
  apiKey?: string;
  /**
   * `'ap-southeast'` (BytePlus ModelArk, international) or `'cn-beijing'`
   * (Volcengine Ark, China). Ignored when `baseURL` is set. Default: `'ap-southeast'`.
   */
  region?: ByteDanceRegion;
  /** Base URL for API calls, e.g. a proxy. Default: the region's, `https://ark.ap-southeast.bytepluses.com/api/v3`. */
  baseURL?: string;
  /** Extra headers sent with every request to the API's origin (never to storage links). */
  headers?: Record<string, string>;
  /**
   * Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from
   * `@videogen/provider-utils`.
   */
  fetch?: FetchFunction;
}

export interface ByteDanceProvider extends VideoProviderV3 {
  /** A Seedance model. */
  (modelId: ByteDanceVideoModelId): ByteDanceVideoModel;
  /** A Seedance model. */
  videoModel(modelId: ByteDanceVideoModelId): ByteDanceVideoModel;
  /** A Seedance model (alias of `videoModel`). */
  video(modelId: ByteDanceVideoModelId): ByteDanceVideoModel;
  /** The Seedance models the package knows, with their capabilities (`source: 'static'`: Ark lists no models). */
  listVideoModels(): Promise<VideoModelV3CatalogEntry[]>;
  /** One page of the account's Seedance tasks (last 7 days), as a model's `doListJobs`. */
  listJobs(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult>;
}

/** Creates a provider for Seedance on BytePlus ModelArk or Volcengine Ark. */
export function createByteDance(options: ByteDanceProviderSettings = {}): ByteDanceProvider {
  const region = options.region ?? 'ap-southeast';
  const regionURL = BYTEDANCE_BASE_URLS[region];
  if (!regionURL && options.baseURL === undefined) {
    throw new InvalidArgumentError({
      argument: 'region',
      message: `Unknown ByteDance region ${String(region)}; use ${Object.keys(BYTEDANCE_BASE_URLS).join(' or ')}, or set baseURL.`,
    });
  }
  const baseURL = withoutTrailingSlash(options.baseURL) ?? regionURL;

  let headers: Readonly<Record<string, string>> | undefined;
  const getHeaders = async () =>
    (headers ??= Object.freeze(
      withUserAgentSuffix(
        { Authorization: `Bearer ${loadByteDanceApiKey(options.apiKey)}`, ...options.headers },
        `videogen/bytedance/${VERSION}`,
      ),
    ));

  const createVideoModel = (modelId: ByteDanceVideoModelId) =>
    new ByteDanceVideoModel(modelId, {
      provider: 'bytedance.video',
      baseURL,
      headers: getHeaders,
      fetch: options.fetch ?? defaultFetch,
    });

  const provider = function (modelId: ByteDanceVideoModelId) {
    if (new.target) throw new Error('The ByteDance provider function cannot be called with the new keyword.');
    return createVideoModel(modelId);
  } as ByteDanceProvider;

  Object.assign(provider, {
    specificationVersion: 'v3',
    videoModel: createVideoModel,
    video: createVideoModel,
    // Ark publishes no model list: the package's table, with each model's capabilities.
    listVideoModels: async () =>
      staticVideoModelCatalog({
        provider: 'bytedance.video',
        modelIds: BYTEDANCE_VIDEO_MODEL_IDS,
        capabilities: (modelId) => createVideoModel(modelId).capabilities,
      }),
    // The task list is per account, not per model.
    listJobs: (listOptions: VideoModelV3ListJobsOptions) =>
      createVideoModel('seedance-1-0-pro-250528').doListJobs(listOptions),
  });
  return provider;
}

/**
 * Default Seedance provider on BytePlus ModelArk (key from `ARK_API_KEY`,
 * read at the first request). Importing the package registers it as
 * `'bytedance'`, so that core resolves `'bytedance:seedance-1-0-pro-250528'`.
 */
export const bytedance = createByteDance();

registerVideoProvider('bytedance', bytedance);

function loadByteDanceApiKey(apiKey: string | undefined): string {
  if (typeof apiKey === 'string') return apiKey;
  if (apiKey !== undefined) throw new LoadAPIKeyError({ message: 'The ByteDance API key must be a string.' });
  const value = typeof process !== 'undefined' ? process.env?.[BYTEDANCE_API_KEY_ENVIRONMENT_VARIABLE] : undefined;
  if (value) return value;
  throw new LoadAPIKeyError({
    message: `ByteDance Ark API key is missing. Pass it using the apiKey option or set the ${BYTEDANCE_API_KEY_ENVIRONMENT_VARIABLE} environment variable.`,
  });
}
