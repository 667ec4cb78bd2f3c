import {
  LoadAPIKeyError,
  registerVideoProvider,
  type VideoModelV3CatalogEntry,
  type VideoProviderV3,
  type VideoProviderV3ListModelsOptions,
} from '@videogen/provider-spec';
import { withoutTrailingSlash, withUserAgentSuffix, type FetchFunction } from '@ai-sdk/provider-utils';
import { defaultFetch, staticVideoModelCatalog } from '@videogen/provider-utils';
import { RUNWAY_API_VERSION, RUNWAY_VIDEO_MODEL_IDS, type RunwayVideoModelId } from './runway-video-model-options';
import { RunwayVideoModel } from './runway-video-model';
import { VERSION } from './version';

/** Environment variables read for the key, in this order (the first is `@runwayml/sdk`'s). */
export const RUNWAY_API_KEY_ENVIRONMENT_VARIABLES = ['RUNWAYML_API_SECRET', 'RUNWAY_API_KEY'] as const;

export interface RunwayProviderSettings {
  /**
   * Runway API key (`key_…`), sent only as `Authorization: Bearer …` to the
   * base URL's origin. Default: the `RUNWAYML_API_SECRET`, then
   * `RUNWAY_API_KEY` environment variable, read when the first request is made.
   */
  apiKey?: string;
  /** Base URL for API calls. Default: `https://api.dev.runwayml.com`. */
  baseURL?: string;
  /** The `X-Runway-Version` header, required on every request. Default: `'2024-11-06'`. */
  runwayVersion?: string;
  /** Extra headers sent with every request to the API's origin (never to output or upload storage). */
  headers?: Record<string, string>;
  /** Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from `@videogen/provider-utils`. */
  fetch?: FetchFunction;
}

export interface RunwayProvider extends VideoProviderV3 {
  /** A Runway video model. */
  (modelId: RunwayVideoModelId): RunwayVideoModel;
  /** A Runway video model. */
  videoModel(modelId: RunwayVideoModelId): RunwayVideoModel;
  /** A Runway video model (alias of `videoModel`). */
  video(modelId: RunwayVideoModelId): RunwayVideoModel;
  /**
   * The known Runway models with their capabilities (`source: 'static'`: the
   * Runway API lists no models or prices). There is no `listJobs`: the Runway
   * API lists no tasks.
   */
  listVideoModels(options?: VideoProviderV3ListModelsOptions): Promise<VideoModelV3CatalogEntry[]>;
}

/** Creates a provider for the Runway API. */
export function createRunway(options: RunwayProviderSettings = {}): RunwayProvider {
  const baseURL = withoutTrailingSlash(options.baseURL) ?? 'https://api.dev.runwayml.com';

  // Built once per instance on the first request (the key is still read lazily).
  let headers: Readonly<Record<string, string>> | undefined;
  const getHeaders = async () =>
    (headers ??= Object.freeze(
      withUserAgentSuffix(
        {
          authorization: `Bearer ${loadRunwayApiKey(options.apiKey)}`,
          'x-runway-version': options.runwayVersion ?? RUNWAY_API_VERSION,
          ...options.headers,
        },
        `videogen/runway/${VERSION}`,
      ),
    ));

  const createVideoModel = (modelId: RunwayVideoModelId) =>
    new RunwayVideoModel(modelId, {
      provider: 'runway.video',
      baseURL,
      headers: getHeaders,
      fetch: options.fetch ?? defaultFetch,
    });

  const provider = function (modelId: RunwayVideoModelId) {
    if (new.target) throw new Error('The Runway provider function cannot be called with the new keyword.');
    return createVideoModel(modelId);
  } as RunwayProvider;

  Object.assign(provider, {
    specificationVersion: 'v3',
    videoModel: createVideoModel,
    video: createVideoModel,
    listVideoModels: async () =>
      staticVideoModelCatalog({
        provider: 'runway.video',
        modelIds: RUNWAY_VIDEO_MODEL_IDS,
        capabilities: (modelId) => createVideoModel(modelId).capabilities,
      }),
  });
  return provider;
}

/**
 * Default Runway provider (key from the environment, read at the first
 * request). Importing the package registers it as `'runway'`, so that core
 * resolves `'runway:gen4.5'`.
 */
export const runway = createRunway();

registerVideoProvider('runway', runway);

function loadRunwayApiKey(apiKey: string | undefined): string {
  if (typeof apiKey === 'string') return apiKey;
  if (apiKey !== undefined) throw new LoadAPIKeyError({ message: 'The Runway API key must be a string.' });
  const env = typeof process !== 'undefined' ? process.env : undefined;
  for (const name of RUNWAY_API_KEY_ENVIRONMENT_VARIABLES) {
    const value = env?.[name];
    if (value) return value;
  }
  throw new LoadAPIKeyError({
    message:
      'Runway API key is missing. Pass it using the apiKey option or set one of the environment variables ' +
      `${RUNWAY_API_KEY_ENVIRONMENT_VARIABLES.join(', ')}.`,
  });
}
