import {
  LoadAPIKeyError,
  registerVideoProvider,
  type VideoModelV3CatalogEntry,
  type VideoModelV3ListJobsOptions,
  type VideoModelV3ListJobsResult,
  type VideoProviderV3,
} from '@videogen/provider-spec';
import { withoutTrailingSlash, withUserAgentSuffix, type FetchFunction } from '@ai-sdk/provider-utils';
import { defaultFetch, staticVideoModelCatalog } from '@videogen/provider-utils';
import type { LumaConfig } from './luma-config';
import { listLumaJobs } from './luma-jobs';
import {
  lumaVideoModelCapabilities,
  toLumaVideoModelCapabilities,
  type LumaVideoModelId,
} from './luma-video-model-options';
import { LumaVideoModel } from './luma-video-model';
import { VERSION } from './version';

/** Environment variables read for the key, in this order (`LUMAAI_API_KEY` is the official SDK's). */
export const LUMA_API_KEY_ENVIRONMENT_VARIABLES = ['LUMA_API_KEY', 'LUMAAI_API_KEY'] as const;

export interface LumaProviderSettings {
  /**
   * Luma API key (lumalabs.ai/dream-machine/api/keys), sent only in the
   * `Authorization: Bearer` header. Defaults to the `LUMA_API_KEY`, then
   * `LUMAAI_API_KEY` environment variable, read when the first request is made.
   */
  apiKey?: string;
  /** Base URL for API calls. Default: `https://api.lumalabs.ai/dream-machine/v1`. */
  baseURL?: string;
  /** Extra headers sent with every request to the API's origin. */
  headers?: Record<string, string>;
  /**
   * Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from
   * `@videogen/provider-utils`.
   */
  fetch?: FetchFunction;
}

export interface LumaProvider extends VideoProviderV3 {
  /** A Dream Machine (Ray) model. */
  (modelId: LumaVideoModelId): LumaVideoModel;
  /** A Dream Machine (Ray) model. */
  videoModel(modelId: LumaVideoModelId): LumaVideoModel;
  /** A Dream Machine (Ray) model (alias of `videoModel`). */
  video(modelId: LumaVideoModelId): LumaVideoModel;
  /**
   * The known Dream Machine models with their capabilities (`source: 'static'`): Luma's API
   * has no model list.
   */
  listVideoModels(): Promise<VideoModelV3CatalogEntry[]>;
  /**
   * The account's video generations of every model, newest first (`GET /generations`, the cursor
   * is the offset; `status` filters the page Luma returned). Each job's `operation` resumes with
   * any Luma model's `doStatus`.
   */
  listJobs(options?: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult>;
}

/** Display names of the known model ids. */
const LUMA_MODEL_NAMES: Readonly<Record<string, string>> = {
  'ray-2': 'Ray 2',
  'ray-flash-2': 'Ray Flash 2',
  'ray-1-6': 'Ray 1.6',
};

/** Creates a provider for the Luma Dream Machine API. */
export function createLuma(options: LumaProviderSettings = {}): LumaProvider {
  const baseURL = withoutTrailingSlash(options.baseURL) ?? 'https://api.lumalabs.ai/dream-machine/v1';

  // Built once per provider instance, on the first request (the key is still read lazily).
  let headers: Readonly<Record<string, string>> | undefined;
  const getHeaders = async () =>
    (headers ??= Object.freeze(
      withUserAgentSuffix(
        { authorization: `Bearer ${loadLumaApiKey(options.apiKey)}`, ...options.headers },
        `videogen/luma/${VERSION}`,
      ),
    ));

  const config: LumaConfig = {
    provider: 'luma.video',
    baseURL,
    headers: getHeaders,
    fetch: options.fetch ?? defaultFetch,
  };
  const createVideoModel = (modelId: LumaVideoModelId) => new LumaVideoModel(modelId, config);

  const provider = function (modelId: LumaVideoModelId) {
    if (new.target) throw new Error('The Luma provider function cannot be called with the new keyword.');
    return createVideoModel(modelId);
  } as LumaProvider;

  Object.assign(provider, {
    specificationVersion: 'v3',
    videoModel: createVideoModel,
    video: createVideoModel,
    listVideoModels: async () =>
      staticVideoModelCatalog({
        provider: 'luma.video',
        modelIds: Object.keys(lumaVideoModelCapabilities),
        capabilities: toLumaVideoModelCapabilities,
        names: LUMA_MODEL_NAMES,
      }),
    listJobs: (listOptions: VideoModelV3ListJobsOptions = {}) => listLumaJobs(config, listOptions),
  });
  return provider;
}

/**
 * Default Luma provider (key from the environment, read at the first
 * request). Importing the package registers it as `'luma'`, so that core
 * resolves `'luma:ray-2'`.
 */
export const luma = createLuma();

registerVideoProvider('luma', luma);

function loadLumaApiKey(apiKey: string | undefined): string {
  if (typeof apiKey === 'string') return apiKey;
  if (apiKey !== undefined) throw new LoadAPIKeyError({ message: 'The Luma API key must be a string.' });
  const env = typeof process !== 'undefined' ? process.env : undefined;
  for (const name of LUMA_API_KEY_ENVIRONMENT_VARIABLES) {
    const value = env?.[name];
    if (value) return value;
  }
  throw new LoadAPIKeyError({
    message:
      'Luma API key is missing. Pass it using the apiKey option or set one of the environment variables ' +
      `${LUMA_API_KEY_ENVIRONMENT_VARIABLES.join(', ')}.`,
  });
}
