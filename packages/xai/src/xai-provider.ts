import {
  LoadAPIKeyError,
  registerVideoProvider,
  type VideoModelV3CatalogEntry,
  type VideoProviderV3,
} from '@videogen/provider-spec';
import { withoutTrailingSlash, withUserAgentSuffix, type FetchFunction } from '@ai-sdk/provider-utils';
import { defaultFetch, staticVideoModelCatalog } from '@videogen/provider-utils';
import {
  getXaiVideoModelCapabilities,
  xaiVideoModelCapabilities,
  type XaiVideoModelId,
} from './xai-video-model-options';
import { XaiVideoModel } from './xai-video-model';
import { VERSION } from './version';

/** The environment variable read for the key. */
export const XAI_API_KEY_ENVIRONMENT_VARIABLE = 'XAI_API_KEY';

export interface XaiProviderSettings {
  /**
   * xAI API key, sent only in the `Authorization: Bearer` header. Defaults to
   * the `XAI_API_KEY` environment variable, read when the first request is made.
   */
  apiKey?: string;
  /** Base URL for API calls. Default: `https://api.x.ai/v1`. */
  baseURL?: string;
  /** Extra headers sent with every request to the API's origin (never to video URLs elsewhere). */
  headers?: Record<string, string>;
  /**
   * Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from
   * `@videogen/provider-utils`.
   */
  fetch?: FetchFunction;
}

export interface XaiProvider extends VideoProviderV3 {
  /** A Grok Imagine video model. */
  (modelId: XaiVideoModelId): XaiVideoModel;
  /** A Grok Imagine video model. */
  videoModel(modelId: XaiVideoModelId): XaiVideoModel;
  /** A Grok Imagine video model (alias of `videoModel`). */
  video(modelId: XaiVideoModelId): XaiVideoModel;
  /**
   * The known Grok Imagine video models with their capabilities (`source: 'static'`): xAI
   * publishes no video model list with prices, so this is the package's table.
   */
  listVideoModels(): Promise<VideoModelV3CatalogEntry[]>;
}

/** Display names of the known model ids. */
const XAI_MODEL_NAMES: Readonly<Record<string, string>> = {
  'grok-imagine-video': 'Grok Imagine Video',
  'grok-imagine-video-1.5': 'Grok Imagine Video 1.5',
};

/** Creates a provider for xAI's Grok Imagine video API. */
export function createXai(options: XaiProviderSettings = {}): XaiProvider {
  const baseURL = withoutTrailingSlash(options.baseURL) ?? 'https://api.x.ai/v1';

  // Built once per provider instance, on the first request (the key is still read lazily, and a
  // missing key is reported on every attempt rather than cached).
  let headers: Readonly<Record<string, string>> | undefined;
  const getHeaders = async () =>
    (headers ??= Object.freeze(
      withUserAgentSuffix(
        { authorization: `Bearer ${loadXaiApiKey(options.apiKey)}`, ...options.headers },
        `videogen/xai/${VERSION}`,
      ),
    ));

  const createVideoModel = (modelId: XaiVideoModelId) =>
    new XaiVideoModel(modelId, {
      provider: 'xai.video',
      baseURL,
      headers: getHeaders,
      fetch: options.fetch ?? defaultFetch,
    });

  const provider = function (modelId: XaiVideoModelId) {
    if (new.target) throw new Error('The xAI provider function cannot be called with the new keyword.');
    return createVideoModel(modelId);
  } as XaiProvider;

  Object.assign(provider, {
    specificationVersion: 'v3',
    videoModel: createVideoModel,
    video: createVideoModel,
    listVideoModels: async () =>
      staticVideoModelCatalog({
        provider: 'xai.video',
        modelIds: Object.keys(xaiVideoModelCapabilities),
        capabilities: getXaiVideoModelCapabilities,
        names: XAI_MODEL_NAMES,
      }),
  });
  return provider;
}

/**
 * Default xAI provider (key from `XAI_API_KEY`, read at the first request).
 * Importing the package registers it as `'xai'`, so that core resolves
 * `'xai:grok-imagine-video'`.
 */
export const xai = createXai();

registerVideoProvider('xai', xai);

function loadXaiApiKey(apiKey: string | undefined): string {
  if (typeof apiKey === 'string') return apiKey;
  if (apiKey !== undefined) throw new LoadAPIKeyError({ message: 'The xAI API key must be a string.' });
  const value = typeof process !== 'undefined' ? process.env?.[XAI_API_KEY_ENVIRONMENT_VARIABLE] : undefined;
  if (value) return value;
  throw new LoadAPIKeyError({
    message: `xAI API key is missing. Pass it using the apiKey option or set the ${XAI_API_KEY_ENVIRONMENT_VARIABLE} environment variable.`,
  });
}
