import {
  LoadAPIKeyError,
  NoSuchModelError,
  registerVideoProvider,
  type VideoModelV3,
  type VideoModelV3CatalogEntry,
  type VideoProviderV3,
  type VideoProviderV3ListModelsOptions,
} from '@videogen/provider-spec';
import {
  loadApiKey,
  loadOptionalSetting,
  withoutTrailingSlash,
  withUserAgentSuffix,
  type FetchFunction,
} from '@ai-sdk/provider-utils';
import { FalVideoModel } from './fal-video-model';
import { falEndpointCapabilities, getFalVideoModelCapabilities, type FalVideoModelId } from './fal-video-model-options';
import { VERSION } from './version';
import { defaultFetch, staticVideoModelCatalog } from '@videogen/provider-utils';

/** Settings of {@link createFal}. */
export interface FalProviderSettings {
  /**
   * fal API key, sent as `Authorization: Key <key>`. Default: the `FAL_KEY`
   * environment variable, else `FAL_API_KEY`, read when the first request is
   * made (so that importing `fal` never throws) and then kept by the provider
   * instance (a later change of the variable needs a new `createFal()`).
   */
  apiKey?: string;
  /**
   * Base URL of the queue API. Default: `https://queue.fal.run`. Point it at
   * your own proxy or at the videogen emulator. The key is sent only to this
   * URL's origin.
   */
  baseURL?: string;
  /** Extra headers sent with every request (read on the first request). */
  headers?: Record<string, string>;
  /**
   * Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from
   * `@videogen/provider-utils`: a keep-alive `node:http` fetch on Node, the
   * global `fetch` elsewhere or when it was replaced (msw, test stubs).
   */
  fetch?: FetchFunction;
}

/** A fal provider: a function and an object that return fal video models. */
export interface FalProvider extends VideoProviderV3 {
  /** The video model of a fal endpoint id (any endpoint). */
  (endpointId: FalVideoModelId): VideoModelV3;
  /** The video model of a fal endpoint id (any endpoint). */
  videoModel(endpointId: FalVideoModelId): VideoModelV3;
  /** Alias of {@link FalProvider.videoModel}. */
  video(endpointId: FalVideoModelId): VideoModelV3;
  /**
   * The endpoints this package has a capability table for (`source: 'static'`,
   * no prices): fal's queue API lists no models. Any other fal endpoint id
   * still works with `videoModel`.
   */
  listVideoModels(options?: VideoProviderV3ListModelsOptions): Promise<VideoModelV3CatalogEntry[]>;
}

/** Default queue API base URL. */
export const FAL_DEFAULT_BASE_URL = 'https://queue.fal.run';

/**
 * Creates a fal provider. Each instance keeps its own key, base URL and
 * fetch: two instances never share state.
 */
export function createFal(options: FalProviderSettings = {}): FalProvider {
  const baseURL = withoutTrailingSlash(options.baseURL) ?? FAL_DEFAULT_BASE_URL;

  // The headers do not change per request: built on the first request (so
  // that the key is read lazily) and kept by this instance only. A missing key
  // is not cached: the next request looks again.
  let headers: Readonly<Record<string, string | undefined>> | undefined;
  const getHeaders = () => {
    if (headers !== undefined) return headers;
    // An empty variable counts as unset, so that FAL_KEY="" falls through to FAL_API_KEY.
    const fromEnvironment = (name: string) =>
      loadOptionalSetting({ settingValue: undefined, environmentVariableName: name }) || undefined;
    const apiKey = loadApiKey({
      apiKey: options.apiKey ?? fromEnvironment('FAL_KEY') ?? fromEnvironment('FAL_API_KEY') ?? missingKey(),
      environmentVariableName: 'FAL_KEY',
      apiKeyParameterName: 'apiKey',
      description: 'fal',
    });
    headers = Object.freeze(
      withUserAgentSuffix({ Authorization: `Key ${apiKey}`, ...options.headers }, `videogen/fal/${VERSION}`),
    );
    return headers;
  };

  const createVideoModel = (endpointId: FalVideoModelId) => {
    const normalized = normalizeEndpointId(endpointId);
    if (normalized === undefined) {
      throw new NoSuchModelError({
        modelId: String(endpointId),
        modelType: 'videoModel',
        message: `${JSON.stringify(endpointId)} is not a fal endpoint id; use owner/app[/path], e.g. fal-ai/veo3.1.`,
      });
    }
    return new FalVideoModel(normalized, {
      provider: 'fal.video',
      baseURL,
      headers: getHeaders,
      fetch: options.fetch ?? defaultFetch,
    });
  };

  const provider = function (endpointId: FalVideoModelId) {
    if (new.target) throw new Error('The fal provider function cannot be called with the new keyword.');
    return createVideoModel(endpointId);
  } as unknown as FalProvider;
  Object.defineProperty(provider, 'specificationVersion', { value: 'v3', enumerable: true });
  provider.videoModel = createVideoModel;
  provider.video = createVideoModel;
  provider.listVideoModels = async () =>
    staticVideoModelCatalog({
      provider: 'fal.video',
      modelIds: Object.keys(falEndpointCapabilities),
      capabilities: getFalVideoModelCapabilities,
    });
  return provider;
}

/**
 * Default fal provider instance (key from `FAL_KEY` / `FAL_API_KEY`).
 * Importing the package registers it as `'fal'`, so that string model ids
 * such as `'fal:fal-ai/veo3.1/fast'` resolve in `@videogen/core`.
 */
export const fal = createFal();
// A side effect of importing the package (listed in package.json `sideEffects`).
registerVideoProvider('fal', fal);

function missingKey(): never {
  throw new LoadAPIKeyError({
    message:
      "fal API key is missing. Pass it using the 'apiKey' setting or the FAL_KEY (or FAL_API_KEY) environment variable.",
  });
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;

/**
 * A valid endpoint id, or `undefined`: `owner/app[/path…]` with URL-safe
 * segments (no `..`, no query or fragment), or the legacy `<number>-<app>`
 * form, which fal reads as `<number>/<app>`.
 */
function normalizeEndpointId(endpointId: unknown): string | undefined {
  if (typeof endpointId !== 'string') return undefined;
  const legacy = /^([0-9]+)-([a-zA-Z0-9-]+)$/.exec(endpointId);
  const id = legacy ? `${legacy[1]}/${legacy[2]}` : endpointId;
  const segments = id.split('/');
  if (segments.length < 2 || !segments.every((segment) => SEGMENT.test(segment) && segment !== '..')) return undefined;
  return id;
}
