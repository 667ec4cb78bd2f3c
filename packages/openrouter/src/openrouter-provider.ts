import {
  cachedVideoModelCatalog,
  createJsonResponseHandler,
  defaultFetch,
  getFromApi,
  raceAbort,
} from '@videogen/provider-utils';
import {
  loadApiKey,
  loadOptionalSetting,
  withoutTrailingSlash,
  withUserAgentSuffix,
  type FetchFunction,
} from '@ai-sdk/provider-utils';
import {
  registerVideoProvider,
  type VideoModelV3CatalogEntry,
  type VideoProviderV3,
  type VideoProviderV3ListModelsOptions,
} from '@videogen/provider-spec';
import type { OpenRouterConfig } from './openrouter-config';
import { openrouterFailedResponseHandler } from './openrouter-error';
import { OpenRouterVideoModel } from './openrouter-video-model';
import type { OpenRouterVideoModelId } from './openrouter-video-model-options';
import {
  openrouterVideoModelsResponseSchema,
  toVideoModelCatalogEntry,
  toVideoModelInfos,
  type OpenRouterVideoModelInfo,
} from './openrouter-video-models';
import { VERSION } from './version';

/** Default base URL of the OpenRouter API. */
export const OPENROUTER_DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';

/** Default time the `GET /videos/models` listing is cached per provider instance: 5 minutes. */
export const OPENROUTER_DEFAULT_VIDEO_MODELS_TTL_MS = 5 * 60 * 1000;

/** Settings of {@link createOpenRouter}. */
export interface OpenRouterProviderSettings {
  /** OpenRouter API key. Default: the `OPENROUTER_API_KEY` environment variable, read at the first request. */
  apiKey?: string;
  /**
   * Base URL for API calls. Default: `https://openrouter.ai/api/v1`. The key is
   * sent only to this URL's origin.
   */
  baseURL?: string;
  /** Extra headers sent with every request to OpenRouter (never to other origins). */
  headers?: Record<string, string>;
  /**
   * Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from
   * `@videogen/provider-utils` (the runtime's `fetch`, or undici's `request`
   * with the global dispatcher on Node, so proxies and TLS settings apply).
   */
  fetch?: FetchFunction;
  /** Your app's URL, for OpenRouter's app attribution (`HTTP-Referer`). */
  appUrl?: string;
  /** Your app's name, for OpenRouter's app attribution (`X-OpenRouter-Title`). */
  appTitle?: string;
  /** Your app's categories, for app attribution (`X-OpenRouter-Categories`, comma-separated). */
  appCategories?: string[] | string;
  /** How long the model listing is cached, in ms. Default: 5 minutes. `0` disables the cache. */
  videoModelsCacheTtlMs?: number;
  /** Test hooks. @internal */
  _internal?: OpenRouterConfig['_internal'];
}

/** Options of {@link OpenRouterProvider.videoModels}. */
export type OpenRouterVideoModelsOptions = {
  /** Aborts this caller's wait (a shared request in flight continues for other callers). */
  abortSignal?: AbortSignal;
  /** Fetch the listing again even when the cached one is fresh. */
  refresh?: boolean;
};

/** The OpenRouter provider: video models and the video model listing. */
export interface OpenRouterProvider extends VideoProviderV3 {
  /** The video model with this id. */
  (modelId: OpenRouterVideoModelId): OpenRouterVideoModel;
  /** The video model with this id. */
  videoModel(modelId: OpenRouterVideoModelId): OpenRouterVideoModel;
  /** The video model with this id (alias of `videoModel`). */
  video(modelId: OpenRouterVideoModelId): OpenRouterVideoModel;
  /**
   * OpenRouter's video models with their capabilities (`GET /videos/models`),
   * cached per provider instance for `videoModelsCacheTtlMs`. Works without
   * an API key; sends it when there is one.
   */
  videoModels(options?: OpenRouterVideoModelsOptions): Promise<OpenRouterVideoModelInfo[]>;
  /**
   * OpenRouter's live video models (`GET /videos/models`) as the spec's
   * catalog: capabilities, and the price in USD where OpenRouter lists
   * `pricing_skus` (`perSecond` from `video_seconds`, every SKU in
   * `details`). Cached for `videoModelsCacheTtlMs`; `refresh: true` asks
   * again. Works without an API key.
   */
  listVideoModels(options?: VideoProviderV3ListModelsOptions): Promise<VideoModelV3CatalogEntry[]>;
}

/** Creates an OpenRouter provider instance. */
export function createOpenRouter(options: OpenRouterProviderSettings = {}): OpenRouterProvider {
  const baseURL = withoutTrailingSlash(options.baseURL) ?? OPENROUTER_DEFAULT_BASE_URL;
  const cacheTtlMs = options.videoModelsCacheTtlMs ?? OPENROUTER_DEFAULT_VIDEO_MODELS_TTL_MS;
  const now = () => options._internal?.currentDate?.().getTime() ?? Date.now();
  const categories = Array.isArray(options.appCategories) ? options.appCategories.join(',') : options.appCategories;

  const buildHeaders = (apiKey: string | undefined) =>
    withUserAgentSuffix(
      {
        ...(apiKey !== undefined ? { Authorization: `Bearer ${apiKey}` } : {}),
        'HTTP-Referer': options.appUrl,
        'X-OpenRouter-Title': options.appTitle,
        'X-OpenRouter-Categories': categories || undefined,
        ...options.headers,
      },
      `videogen/openrouter/${VERSION}`,
    );

  // Built once per provider instance, at the first request (the key is read
  // then, not at import): none of these headers changes between requests.
  // A missing key throws and is not cached, so a later request tries again.
  let headers: Readonly<Record<string, string | undefined>> | undefined;
  const getHeaders = () =>
    (headers ??= Object.freeze(
      buildHeaders(
        loadApiKey({
          apiKey: options.apiKey,
          environmentVariableName: 'OPENROUTER_API_KEY',
          description: 'OpenRouter',
        }),
      ),
    ));

  let cache: { promise: Promise<OpenRouterVideoModelInfo[]>; fetchedAt: number } | undefined;

  const videoModels = ({ abortSignal, refresh = false }: OpenRouterVideoModelsOptions = {}) => {
    if (refresh || !cache || now() - cache.fetchedAt >= cacheTtlMs) {
      const entry = {
        fetchedAt: now(),
        promise: fetchVideoModels().then(
          (models) => {
            entry.fetchedAt = now();
            return models;
          },
          (error: unknown) => {
            // A failed listing is not cached: the next caller tries again.
            if (cache === entry) cache = undefined;
            throw error;
          },
        ),
      };
      cache = entry;
    }
    return raceAbort(cache.promise, abortSignal);
  };

  // Not tied to one caller's signal, since concurrent callers share it.
  const fetchVideoModels = async () => {
    const { value } = await getFromApi({
      url: `${baseURL}/videos/models`,
      // The listing needs no key: it is sent when there is one.
      credentialOrigin: baseURL,
      headers:
        headers ??
        buildHeaders(
          loadOptionalSetting({ settingValue: options.apiKey, environmentVariableName: 'OPENROUTER_API_KEY' }),
        ),
      failedResponseHandler: openrouterFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(openrouterVideoModelsResponseSchema),
      fetch: options.fetch ?? defaultFetch,
    });
    return toVideoModelInfos(value.data);
  };

  const listVideoModels = cachedVideoModelCatalog(
    async ({ abortSignal }) =>
      (await videoModels({ abortSignal, refresh: true })).map((model) =>
        toVideoModelCatalogEntry(model, 'openrouter.video'),
      ),
    { ttlMs: cacheTtlMs, now },
  );

  const createVideoModel = (modelId: OpenRouterVideoModelId) =>
    new OpenRouterVideoModel(modelId, {
      provider: 'openrouter.video',
      baseURL,
      headers: getHeaders,
      fetch: options.fetch ?? defaultFetch,
      listVideoModels: videoModels,
      _internal: options._internal,
    });

  const provider = function (modelId: OpenRouterVideoModelId) {
    if (new.target) {
      throw new Error('The OpenRouter provider function cannot be called with the new keyword.');
    }
    return createVideoModel(modelId);
  } as OpenRouterProvider;

  Object.assign(provider, {
    specificationVersion: 'v3',
    videoModel: createVideoModel,
    video: createVideoModel,
    videoModels,
    listVideoModels,
  });

  return provider;
}

/**
 * Default OpenRouter provider instance (key from `OPENROUTER_API_KEY`),
 * registered as `'openrouter'` for string model ids
 * (`generateVideo({ model: 'openrouter:google/veo-3.1' })`).
 */
export const openrouter = createOpenRouter();

// A side effect of importing the package: package.json lists this file (and the bundles) in `sideEffects`.
registerVideoProvider('openrouter', openrouter);
