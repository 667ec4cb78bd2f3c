import {
  LoadAPIKeyError,
  type VideoModelV3CatalogEntry,
  type VideoProviderV3,
  type VideoProviderV3ListModelsOptions,
} from '@videogen/provider-spec';
import {
  loadOptionalSetting,
  loadSetting,
  withoutTrailingSlash,
  withUserAgentSuffix,
  type FetchFunction,
} from '@ai-sdk/provider-utils';
import { VERTEX_VIDEO_MODEL_IDS, type VertexVideoModelId } from './google-video-model-options';
import { VertexVideoModel } from './vertex-video-model';
import { VERSION } from './version';
import { defaultFetch, staticVideoModelCatalog } from '@videogen/provider-utils';

export interface VertexProviderSettings {
  /** Google Cloud project id. Defaults to the `GOOGLE_VERTEX_PROJECT` environment variable. */
  project?: string;
  /**
   * Region, e.g. `us-central1`, or `global`. Defaults to the
   * `GOOGLE_VERTEX_LOCATION` environment variable, then `us-central1`.
   */
  location?: string;
  /** An OAuth 2 access token (`gcloud auth print-access-token`), sent as `Authorization: Bearer`. */
  accessToken?: string;
  /**
   * Returns a fresh access token; called for every request (cache in your
   * function, e.g. with google-auth-library's `getAccessToken()`). Wins over `accessToken`.
   */
  getAccessToken?: () => string | PromiseLike<string>;
  /**
   * Base URL up to `/publishers/google`. Default:
   * `https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google`
   * (`https://aiplatform.googleapis.com/…` for `global`).
   */
  baseURL?: string;
  /** Extra headers sent with every request to Vertex AI. */
  headers?: Record<string, string>;
  /**
   * Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from
   * `@videogen/provider-utils`: a keep-alive `node:http` fetch on Node, the
   * global `fetch` elsewhere or when it was replaced (msw, test stubs).
   */
  fetch?: FetchFunction;
}

export interface VertexProvider extends VideoProviderV3 {
  /** A Veo model on Vertex AI. */
  (modelId: VertexVideoModelId): VertexVideoModel;
  /** A Veo model on Vertex AI. */
  videoModel(modelId: VertexVideoModelId): VertexVideoModel;
  /** A Veo model on Vertex AI (alias of `videoModel`). */
  video(modelId: VertexVideoModelId): VertexVideoModel;
  /**
   * The Veo model ids this package knows on Vertex AI, with their
   * capabilities (`source: 'static'`, no prices): Vertex's publisher model
   * list is not used. Makes no request and needs no token.
   */
  listVideoModels(options?: VideoProviderV3ListModelsOptions): Promise<VideoModelV3CatalogEntry[]>;
}

/**
 * Creates a provider for Veo on Vertex AI (Gemini Enterprise Agent
 * Platform): `:predictLongRunning` + `:fetchPredictOperation` with an OAuth
 * bearer token. This package does not mint tokens; pass `accessToken` or
 * `getAccessToken`.
 */
export function createVertex(options: VertexProviderSettings = {}): VertexProvider {
  const getBaseURL = () => {
    const configured = withoutTrailingSlash(options.baseURL);
    if (configured) return configured;
    const project = loadSetting({
      settingValue: options.project,
      environmentVariableName: 'GOOGLE_VERTEX_PROJECT',
      settingName: 'project',
      description: 'Google Vertex project',
    });
    const location =
      loadOptionalSetting({ settingValue: options.location, environmentVariableName: 'GOOGLE_VERTEX_LOCATION' }) ??
      'us-central1';
    const host = location === 'global' ? 'aiplatform.googleapis.com' : `${location}-aiplatform.googleapis.com`;
    return `https://${host}/v1/projects/${project}/locations/${location}/publishers/google`;
  };

  // The token may change per request (getAccessToken); the other headers are built once per instance.
  // They are lowercased by withUserAgentSuffix, so a custom `Authorization` header still wins, as before.
  let staticHeaders: Record<string, string> | undefined;
  const getHeaders = async () => {
    const token = options.getAccessToken ? await options.getAccessToken() : options.accessToken;
    if (!token) {
      throw new LoadAPIKeyError({
        message: 'Vertex AI needs an OAuth access token: pass accessToken or getAccessToken to createVertex.',
      });
    }
    staticHeaders ??= withUserAgentSuffix({ ...options.headers }, `videogen/google/${VERSION}`);
    // trim(): as Headers normalised it before (a token read from `gcloud` output ends with a newline).
    return { authorization: `Bearer ${token.trim()}`, ...staticHeaders };
  };

  const createVideoModel = (modelId: VertexVideoModelId) =>
    new VertexVideoModel(modelId, {
      provider: 'vertex.video',
      baseURL: getBaseURL,
      headers: getHeaders,
      fetch: options.fetch ?? defaultFetch,
    });

  const provider = function (modelId: VertexVideoModelId) {
    if (new.target) throw new Error('The Vertex provider function cannot be called with the new keyword.');
    return createVideoModel(modelId);
  } as VertexProvider;
  const listVideoModels = async () =>
    staticVideoModelCatalog({
      provider: 'vertex.video',
      modelIds: VERTEX_VIDEO_MODEL_IDS,
      capabilities: (modelId) => createVideoModel(modelId).capabilities,
    });
  Object.assign(provider, {
    specificationVersion: 'v3',
    videoModel: createVideoModel,
    video: createVideoModel,
    listVideoModels,
  });
  return provider;
}
