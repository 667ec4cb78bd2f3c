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
import { minimaxVideoModelCapabilities, type MiniMaxVideoModelId } from './minimax-video-model-options';
import { MiniMaxVideoModel } from './minimax-video-model';
import { VERSION } from './version';

/** The environment variable read for the key. */
export const MINIMAX_API_KEY_ENVIRONMENT_VARIABLE = 'MINIMAX_API_KEY';

/** The global API host (keys are region-bound: Mainland China keys use `https://api.minimaxi.com`). */
export const MINIMAX_DEFAULT_BASE_URL = 'https://api.minimax.io';

export interface MiniMaxProviderSettings {
  /**
   * MiniMax API key, sent only as `Authorization: Bearer <key>` to the base
   * URL's origin. Default: the `MINIMAX_API_KEY` environment variable, read
   * when the first request is made.
   */
  apiKey?: string;
  /**
   * API host, without `/v1`. Default: `https://api.minimax.io` (global);
   * `https://api.minimaxi.com` for Mainland China keys.
   */
  baseURL?: string;
  /** Extra headers sent with every request to the API's origin (never to the download host). */
  headers?: Record<string, string>;
  /** Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from `@videogen/provider-utils`. */
  fetch?: FetchFunction;
}

export interface MiniMaxProvider extends VideoProviderV3 {
  /** A MiniMax video model (Hailuo on v1, H3 on v2). */
  (modelId: MiniMaxVideoModelId): MiniMaxVideoModel;
  /** A MiniMax video model (Hailuo on v1, H3 on v2). */
  videoModel(modelId: MiniMaxVideoModelId): MiniMaxVideoModel;
  /** A MiniMax video model (alias of `videoModel`). */
  video(modelId: MiniMaxVideoModelId): MiniMaxVideoModel;
  /** The MiniMax models the package knows, with their capabilities (`source: 'static'`: MiniMax lists no video models). */
  listVideoModels(): Promise<VideoModelV3CatalogEntry[]>;
  /** One page of the account's v2 (H3) tasks of the last 7 days; the v1 API lists nothing. */
  listJobs(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult>;
}

/** Creates a provider for MiniMax video generation (Hailuo and H3). */
export function createMiniMax(options: MiniMaxProviderSettings = {}): MiniMaxProvider {
  const baseURL = withoutTrailingSlash(options.baseURL) ?? MINIMAX_DEFAULT_BASE_URL;

  // Built once per instance on the first request (the key is still read lazily; a missing key
  // is reported on every attempt rather than cached). Frozen: callers only spread it.
  let headers: Readonly<Record<string, string>> | undefined;
  const getHeaders = async () =>
    (headers ??= Object.freeze(
      withUserAgentSuffix(
        { Authorization: `Bearer ${loadMiniMaxApiKey(options.apiKey)}`, ...options.headers },
        `videogen/minimax/${VERSION}`,
      ),
    ));

  const createVideoModel = (modelId: MiniMaxVideoModelId) =>
    new MiniMaxVideoModel(modelId, {
      provider: 'minimax.video',
      baseURL,
      headers: getHeaders,
      fetch: options.fetch ?? defaultFetch,
    });

  const provider = function (modelId: MiniMaxVideoModelId) {
    if (new.target) throw new Error('The MiniMax provider function cannot be called with the new keyword.');
    return createVideoModel(modelId);
  } as MiniMaxProvider;

  Object.assign(provider, {
    specificationVersion: 'v3',
    videoModel: createVideoModel,
    video: createVideoModel,
    // MiniMax publishes no video model list: the package's table, with each model's capabilities.
    listVideoModels: async () =>
      staticVideoModelCatalog({
        provider: 'minimax.video',
        modelIds: Object.keys(minimaxVideoModelCapabilities),
        capabilities: (modelId) => createVideoModel(modelId).capabilities,
      }),
    // Only the v2 API lists tasks (those of every v2 model of the account).
    listJobs: (listOptions: VideoModelV3ListJobsOptions) => {
      const listJobs = createVideoModel('MiniMax-H3').doListJobs;
      if (!listJobs) throw new Error('unreachable: MiniMax-H3 is a v2 model');
      return listJobs(listOptions);
    },
  });
  return provider;
}

/**
 * Default MiniMax provider (key from `MINIMAX_API_KEY`, read at the first
 * request). Importing the package registers it as `'minimax'`, so that core
 * resolves `'minimax:MiniMax-Hailuo-2.3'`.
 */
export const minimax = createMiniMax();

registerVideoProvider('minimax', minimax);

function loadMiniMaxApiKey(apiKey: string | undefined): string {
  if (typeof apiKey === 'string') return apiKey;
  if (apiKey !== undefined) throw new LoadAPIKeyError({ message: 'The MiniMax API key must be a string.' });
  const value = typeof process !== 'undefined' ? process.env?.[MINIMAX_API_KEY_ENVIRONMENT_VARIABLE] : undefined;
  if (value) return value;
  throw new LoadAPIKeyError({
    message: `MiniMax API key is missing. Pass it using the apiKey option or set the ${MINIMAX_API_KEY_ENVIRONMENT_VARIABLE} environment variable.`,
  });
}
