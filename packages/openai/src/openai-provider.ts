import {
  registerVideoProvider,
  type VideoModelV3CatalogEntry,
  type VideoModelV3ListJobsOptions,
  type VideoModelV3ListJobsResult,
  type VideoProviderV3,
  type VideoProviderV3ListModelsOptions,
} from '@videogen/provider-spec';
import {
  loadApiKey,
  loadOptionalSetting,
  withUserAgentSuffix,
  withoutTrailingSlash,
  type FetchFunction,
} from '@ai-sdk/provider-utils';
import type { OpenAIConfig } from './openai-config';
import { listOpenAIJobs } from './openai-jobs';
import { OpenAIVideoModel } from './openai-video-model';
import {
  getOpenAIVideoModelCapabilities,
  OPENAI_VIDEO_MODEL_IDS,
  type OpenAIVideoModelId,
} from './openai-video-model-options';
import { createOpenAIVideos, type OpenAIVideos } from './openai-videos';
import { VERSION } from './version';
import { defaultFetch, staticVideoModelCatalog } from '@videogen/provider-utils';

/** Settings of {@link createOpenAI}. */
export interface OpenAIProviderSettings {
  /**
   * API key. Default: the `OPENAI_API_KEY` environment variable, read at the
   * first request (so importing `openai` never throws).
   */
  apiKey?: string;
  /**
   * Base URL of the API. Default: the `OPENAI_BASE_URL` environment variable,
   * else `https://api.openai.com/v1`. Azure OpenAI:
   * `https://<resource>.openai.azure.com/openai/v1`; a gateway: its
   * OpenAI-compatible URL. The key is sent only to this URL's origin.
   */
  baseURL?: string;
  /** Sent as `OpenAI-Organization`. */
  organization?: string;
  /** Sent as `OpenAI-Project`. */
  project?: string;
  /**
   * The header that carries the key. Default: `'Authorization'`, sent as
   * `Bearer <key>`. Any other name (Azure OpenAI: `'api-key'`) carries the
   * bare key. When `headers` already sets this header, no key is loaded.
   */
  apiKeyHeader?: string;
  /**
   * Query parameters added to every API URL, for endpoints that need them,
   * e.g. `{ 'api-version': 'preview' }` on older Azure OpenAI deployments.
   * Never put a key here; use `apiKeyHeader`.
   */
  queryParams?: Record<string, string>;
  /**
   * Extra headers for every request (they override the defaults). They are
   * treated as credentials: sent only to the base URL's origin.
   */
  headers?: Record<string, string>;
  /**
   * Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from
   * `@videogen/provider-utils` (the runtime's `fetch`, or undici's `request`
   * with the global dispatcher on Node). Redirects are followed by videogen's
   * HTTP layer, which sends the headers only to the base URL's origin.
   */
  fetch?: FetchFunction;
}

/** The OpenAI provider: video models, and job helpers close to the API. */
export interface OpenAIProvider extends VideoProviderV3 {
  /** A video model, e.g. `openai('sora-2')`. */
  (modelId: OpenAIVideoModelId): OpenAIVideoModel;
  /** A video model, e.g. `openai.video('sora-2-pro')`. */
  video(modelId: OpenAIVideoModelId): OpenAIVideoModel;
  /** A video model (the spec's name for {@link OpenAIProvider.video}). */
  videoModel(modelId: OpenAIVideoModelId): OpenAIVideoModel;
  /** Remix, list, retrieve, delete and content downloads. */
  readonly videos: OpenAIVideos;
  /**
   * The known Sora models (`OPENAI_VIDEO_MODEL_IDS`) with their capabilities,
   * from this package's table (`source: 'static'`, no price: the Videos API
   * publishes no catalog). Sends no request.
   */
  listVideoModels(options?: VideoProviderV3ListModelsOptions): Promise<VideoModelV3CatalogEntry[]>;
  /**
   * One page of the account's videos across models, newest first
   * (`GET /videos`; same as a model's `doListJobs`).
   */
  listJobs(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult>;
}

/** Default base URL. */
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * Creates an OpenAI provider for the Videos API (Sora) or an endpoint with
 * the same wire format (Azure OpenAI, gateways).
 */
export function createOpenAI(options: OpenAIProviderSettings = {}): OpenAIProvider {
  // An empty OPENAI_BASE_URL counts as unset.
  const baseURL =
    withoutTrailingSlash(
      loadOptionalSetting({ settingValue: options.baseURL, environmentVariableName: 'OPENAI_BASE_URL' }),
    ) || OPENAI_DEFAULT_BASE_URL;
  const apiKeyHeader = (options.apiKeyHeader ?? 'authorization').toLowerCase();

  // Built once per provider instance, at the first request (the key is
  // still read lazily; a failed load is not cached, so setting the key later
  // works). Frozen because every request shares the object.
  let headers: Readonly<Record<string, string | undefined>> | undefined;
  const getHeaders = (): Record<string, string | undefined> => (headers ??= Object.freeze(buildHeaders()));

  const buildHeaders = (): Record<string, string | undefined> => {
    const customHeaders = Object.fromEntries(
      Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const auth: Record<string, string> = {};
    if (customHeaders[apiKeyHeader] === undefined) {
      const apiKey = loadApiKey({
        apiKey: options.apiKey,
        environmentVariableName: 'OPENAI_API_KEY',
        description: 'OpenAI',
      });
      auth[apiKeyHeader] = apiKeyHeader === 'authorization' ? `Bearer ${apiKey}` : apiKey;
    }
    return withUserAgentSuffix(
      {
        ...auth,
        'openai-organization': options.organization,
        'openai-project': options.project,
        ...customHeaders,
      },
      `videogen/openai/${VERSION}`,
    );
  };

  const config: OpenAIConfig = {
    provider: 'openai.video',
    baseURL,
    headers: getHeaders,
    queryParams: options.queryParams,
    fetch: options.fetch ?? defaultFetch,
  };

  const createVideoModel = (modelId: OpenAIVideoModelId) => new OpenAIVideoModel(modelId, config);

  const provider = function (modelId: OpenAIVideoModelId) {
    if (new.target) {
      throw new Error('The OpenAI provider function cannot be called with the new keyword.');
    }
    return createVideoModel(modelId);
  } as OpenAIProvider;

  Object.assign(provider, {
    specificationVersion: 'v3' as const,
    video: createVideoModel,
    videoModel: createVideoModel,
    videos: createOpenAIVideos(config),
    listVideoModels: async () =>
      staticVideoModelCatalog({
        provider: config.provider,
        modelIds: OPENAI_VIDEO_MODEL_IDS,
        capabilities: getOpenAIVideoModelCapabilities,
      }),
    listJobs: (listOptions: VideoModelV3ListJobsOptions = {}) => listOpenAIJobs(config, listOptions),
  });

  return provider;
}

/** Default OpenAI provider instance (key from `OPENAI_API_KEY`). */
export const openai = createOpenAI();

// `'openai:sora-2'` model strings resolve to the default instance once the
// package is imported (package.json lists the built files in `sideEffects`).
registerVideoProvider('openai', openai);
