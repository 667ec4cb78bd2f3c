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
import { signKlingJwt } from './kling-auth';
import { KlingVideoModel } from './kling-video-model';
import { klingVideoModelCapabilities, type KlingVideoModelId } from './kling-video-model-options';
import { VERSION } from './version';

/** The default base URL: Kling's endpoint for servers outside China. */
export const KLING_DEFAULT_BASE_URL = 'https://api-singapore.klingai.com';

export interface KlingProviderSettings {
  /**
   * Access key (the JWT's `iss`). With `secretKey`, every request carries a
   * fresh HS256 JWT signed with the secret key (valid 30 minutes). Default:
   * the `KLING_ACCESS_KEY` environment variable, read at the first request.
   */
  accessKey?: string;
  /**
   * Secret key that signs the JWT; it is never sent. Default: the
   * `KLING_SECRET_KEY` environment variable, read at the first request.
   */
  secretKey?: string;
  /**
   * The newer API key, sent as `Authorization: Bearer <apiKey>` instead of a
   * signed JWT. Wins over `accessKey`/`secretKey` when given. Default: the
   * `KLING_API_KEY` environment variable, used when no access and secret key
   * are set.
   */
  apiKey?: string;
  /** Base URL for API calls. Default: `https://api-singapore.klingai.com`. */
  baseURL?: string;
  /** Extra headers sent with every request to the API's origin. */
  headers?: Record<string, string>;
  /**
   * Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from
   * `@videogen/provider-utils`.
   */
  fetch?: FetchFunction;
}

export interface KlingProvider extends VideoProviderV3 {
  /** A Kling video model. */
  (modelId: KlingVideoModelId): KlingVideoModel;
  /** A Kling video model. */
  videoModel(modelId: KlingVideoModelId): KlingVideoModel;
  /** A Kling video model (alias of `videoModel`). */
  video(modelId: KlingVideoModelId): KlingVideoModel;
  /**
   * The known Kling models with their capabilities (`source: 'static'`: Kling
   * publishes no model list or prices through its API).
   */
  listVideoModels(options?: VideoProviderV3ListModelsOptions): Promise<VideoModelV3CatalogEntry[]>;
  /** The account's tasks across every family, one page at a time (see `KlingVideoModel.doListJobs`). */
  listJobs(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult>;
}

/** Creates a provider for the Kling API. */
export function createKling(options: KlingProviderSettings = {}): KlingProvider {
  const baseURL = withoutTrailingSlash(options.baseURL) ?? KLING_DEFAULT_BASE_URL;

  // A new token per request (the key pair and the clock are read every time; nothing is cached).
  const getHeaders = async () =>
    withUserAgentSuffix(
      { authorization: `Bearer ${await loadKlingToken(options)}`, ...options.headers },
      `videogen/kling/${VERSION}`,
    );

  const createVideoModel = (modelId: KlingVideoModelId) =>
    new KlingVideoModel(modelId, {
      provider: 'kling.video',
      baseURL,
      headers: getHeaders,
      fetch: options.fetch ?? defaultFetch,
    });

  const provider = function (modelId: KlingVideoModelId) {
    if (new.target) throw new Error('The Kling provider function cannot be called with the new keyword.');
    return createVideoModel(modelId);
  } as KlingProvider;

  Object.assign(provider, {
    specificationVersion: 'v3',
    videoModel: createVideoModel,
    video: createVideoModel,
    listVideoModels: async () =>
      staticVideoModelCatalog({
        provider: 'kling.video',
        modelIds: Object.keys(klingVideoModelCapabilities),
        capabilities: (modelId) => createVideoModel(modelId).capabilities,
      }),
    // Kling's lists name no model and are the same on every model: any id serves.
    listJobs: (listOptions: VideoModelV3ListJobsOptions) => createVideoModel('kling-v1').doListJobs(listOptions),
  });
  return provider;
}

/**
 * Default Kling provider (keys from the environment, read at the first
 * request). Importing the package registers it as `'kling'`, so that core
 * resolves `'kling:kling-v2-6'`.
 */
export const kling = createKling();

registerVideoProvider('kling', kling);

async function loadKlingToken({ apiKey, accessKey, secretKey }: KlingProviderSettings): Promise<string> {
  for (const [name, value] of Object.entries({ apiKey, accessKey, secretKey })) {
    if (value !== undefined && typeof value !== 'string') {
      throw new LoadAPIKeyError({ message: `The Kling ${name} must be a string.` });
    }
  }
  if (apiKey) return apiKey;
  const env = typeof process !== 'undefined' ? process.env : undefined;
  const access = accessKey || env?.KLING_ACCESS_KEY;
  const secret = secretKey || env?.KLING_SECRET_KEY;
  if (access && secret) return signKlingJwt({ accessKey: access, secretKey: secret });
  if (access || secret) {
    throw new LoadAPIKeyError({
      message: `Kling ${access ? 'secret' : 'access'} key is missing. Pass accessKey and secretKey (or set KLING_ACCESS_KEY and KLING_SECRET_KEY).`,
    });
  }
  const envApiKey = env?.KLING_API_KEY;
  if (envApiKey) return envApiKey;
  throw new LoadAPIKeyError({
    message:
      'Kling credentials are missing. Pass accessKey and secretKey (or set KLING_ACCESS_KEY and KLING_SECRET_KEY), ' +
      'or pass apiKey (or set KLING_API_KEY).',
  });
}
