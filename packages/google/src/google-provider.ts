import {
  LoadAPIKeyError,
  registerVideoProvider,
  type VideoModelV3CatalogEntry,
  type VideoProviderV3,
  type VideoProviderV3ListModelsOptions,
} from '@videogen/provider-spec';
import { withoutTrailingSlash, withUserAgentSuffix, type FetchFunction } from '@ai-sdk/provider-utils';
import type { GoogleVideoModelId } from './google-video-model-options';
import { GoogleVideoModel } from './google-video-model';
import { VERSION } from './version';
import { cachedVideoModelCatalog, createJsonResponseHandler, defaultFetch, getFromApi } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see google-error.ts).
import * as z from 'zod/v4/mini';
import { googleFailedResponseHandler } from './google-error';

/** Environment variables read for the key, in this order. */
export const GOOGLE_API_KEY_ENVIRONMENT_VARIABLES = [
  'GOOGLE_GENERATIVE_AI_API_KEY',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
] as const;

export interface GoogleProviderSettings {
  /**
   * Gemini API key, sent only in the `x-goog-api-key` header (never as
   * `?key=`). Defaults to the `GOOGLE_GENERATIVE_AI_API_KEY`, then
   * `GEMINI_API_KEY`, then `GOOGLE_API_KEY` environment variable, read when
   * the first request is made.
   */
  apiKey?: string;
  /** Base URL for API calls. Default: `https://generativelanguage.googleapis.com/v1beta`. */
  baseURL?: string;
  /** Extra headers sent with every request to the API's origin (never to storage redirects). */
  headers?: Record<string, string>;
  /**
   * Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from
   * `@videogen/provider-utils`: a keep-alive `node:http` fetch on Node, the
   * global `fetch` elsewhere or when it was replaced (msw, test stubs).
   */
  fetch?: FetchFunction;
}

export interface GoogleProvider extends VideoProviderV3 {
  /** A Veo model on the Gemini API. */
  (modelId: GoogleVideoModelId): GoogleVideoModel;
  /** A Veo model on the Gemini API. */
  videoModel(modelId: GoogleVideoModelId): GoogleVideoModel;
  /** A Veo model on the Gemini API (alias of `videoModel`). */
  video(modelId: GoogleVideoModelId): GoogleVideoModel;
  /**
   * The Veo models the key can use, live from the Gemini API's model list
   * (`GET /v1beta/models`, every page; the models whose
   * `supportedGenerationMethods` include `predictLongRunning`), with each
   * model's capabilities from this package's table (`{}` for an unknown
   * family) and Google's display name. No prices (the API publishes none).
   * Cached for 10 minutes per provider instance; `refresh: true` asks again.
   */
  listVideoModels(options?: VideoProviderV3ListModelsOptions): Promise<VideoModelV3CatalogEntry[]>;
}

/** One page of `GET /v1beta/models` (only the fields read). */
const googleModelListSchema = z.object({
  models: z.nullish(
    z.array(
      z.object({
        name: z.string(),
        displayName: z.nullish(z.string()),
        supportedGenerationMethods: z.nullish(z.array(z.string())),
      }),
    ),
  ),
  nextPageToken: z.nullish(z.string()),
});

/** Most pages read from the model list (1000 models each): a guard against a looping page token. */
const MAX_MODEL_LIST_PAGES = 20;

/** Creates a provider for Veo on the Gemini API. */
export function createGoogle(options: GoogleProviderSettings = {}): GoogleProvider {
  const baseURL = withoutTrailingSlash(options.baseURL) ?? 'https://generativelanguage.googleapis.com/v1beta';

  // Built once per provider instance, on the first request (so the key is still read lazily, and a
  // missing key is reported on every attempt rather than cached). Frozen: callers only spread it.
  let headers: Readonly<Record<string, string>> | undefined;
  const getHeaders = async () =>
    (headers ??= Object.freeze(
      withUserAgentSuffix(
        { 'x-goog-api-key': loadGoogleApiKey(options.apiKey), ...options.headers },
        `videogen/google/${VERSION}`,
      ),
    ));

  const createVideoModel = (modelId: GoogleVideoModelId) =>
    new GoogleVideoModel(modelId, {
      provider: 'google.video',
      baseURL,
      headers: getHeaders,
      fetch: options.fetch ?? defaultFetch,
    });

  const provider = function (modelId: GoogleVideoModelId) {
    if (new.target) throw new Error('The Google provider function cannot be called with the new keyword.');
    return createVideoModel(modelId);
  } as GoogleProvider;

  const listVideoModels = cachedVideoModelCatalog(async ({ abortSignal }) => {
    const entries: VideoModelV3CatalogEntry[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_MODEL_LIST_PAGES; page++) {
      const url = new URL(`${baseURL}/models`);
      url.searchParams.set('pageSize', '1000');
      if (pageToken) url.searchParams.set('pageToken', pageToken);
      const { value } = await getFromApi({
        url: url.toString(),
        headers: await getHeaders(),
        credentialOrigin: new URL(baseURL).origin,
        failedResponseHandler: googleFailedResponseHandler,
        successfulResponseHandler: createJsonResponseHandler(googleModelListSchema),
        abortSignal,
        fetch: options.fetch ?? defaultFetch,
      });
      for (const model of value.models ?? []) {
        if (!model.supportedGenerationMethods?.includes('predictLongRunning')) continue;
        const modelId = model.name.replace(/^models\//, '');
        entries.push({
          modelId,
          provider: 'google.video',
          ...(model.displayName ? { name: model.displayName } : {}),
          capabilities: createVideoModel(modelId).capabilities,
          source: 'live',
        });
      }
      pageToken = value.nextPageToken || undefined;
      if (!pageToken) break;
    }
    return entries;
  });

  Object.assign(provider, {
    specificationVersion: 'v3',
    videoModel: createVideoModel,
    video: createVideoModel,
    listVideoModels,
  });
  return provider;
}

/**
 * Default Veo provider on the Gemini API (key from the environment, read at
 * the first request). Importing the package registers it as `'google'`, so
 * that core resolves `'google:veo-3.1-generate-preview'`.
 */
export const google = createGoogle();

registerVideoProvider('google', google);

function loadGoogleApiKey(apiKey: string | undefined): string {
  if (typeof apiKey === 'string') return apiKey;
  if (apiKey !== undefined) throw new LoadAPIKeyError({ message: 'The Google API key must be a string.' });
  const env = typeof process !== 'undefined' ? process.env : undefined;
  for (const name of GOOGLE_API_KEY_ENVIRONMENT_VARIABLES) {
    const value = env?.[name];
    if (value) return value;
  }
  throw new LoadAPIKeyError({
    message:
      'Google API key is missing. Pass it using the apiKey option or set one of the environment variables ' +
      `${GOOGLE_API_KEY_ENVIRONMENT_VARIABLES.join(', ')}.`,
  });
}
