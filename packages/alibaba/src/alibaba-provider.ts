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
import { ALIBABA_VIDEO_MODEL_IDS, type AlibabaVideoModelId } from './alibaba-video-model-options';
import { AlibabaVideoModel } from './alibaba-video-model';
import { VERSION } from './version';

/** Environment variables read for the key, in this order. */
export const ALIBABA_API_KEY_ENVIRONMENT_VARIABLES = ['DASHSCOPE_API_KEY', 'ALIBABA_API_KEY'] as const;

/** DashScope's regional endpoints (keys, models and hosts must be in the same region). */
export const ALIBABA_REGION_BASE_URLS = {
  /** Singapore (international). */
  'ap-southeast-1': 'https://dashscope-intl.aliyuncs.com',
  /** China (Beijing). */
  'cn-beijing': 'https://dashscope.aliyuncs.com',
  /** US (Virginia). */
  'us-east-1': 'https://dashscope-us.aliyuncs.com',
} as const;

/** A DashScope region. */
export type AlibabaRegion = keyof typeof ALIBABA_REGION_BASE_URLS;

export interface AlibabaProviderSettings {
  /**
   * DashScope (Model Studio) API key, sent only as `Authorization: Bearer …`.
   * Defaults to the `DASHSCOPE_API_KEY`, then `ALIBABA_API_KEY` environment
   * variable, read when the first request is made.
   */
  apiKey?: string;
  /**
   * The region whose endpoint is used: `ap-southeast-1` (Singapore),
   * `cn-beijing` or `us-east-1` (Virginia). Ignored when `baseURL` is set.
   * Default: `ap-southeast-1`.
   */
  region?: AlibabaRegion;
  /**
   * Base URL without `/api/v1`, e.g. a workspace domain
   * `https://{WorkspaceId}.ap-southeast-1.maas.aliyuncs.com` or a proxy.
   * Default: the region's endpoint (`https://dashscope-intl.aliyuncs.com`).
   */
  baseURL?: string;
  /** Workspace id, sent as `X-DashScope-WorkSpace`. Default: none (the key's default workspace). */
  workspace?: string;
  /** Extra headers sent with every request to the API's origin (never to the video's storage). */
  headers?: Record<string, string>;
  /**
   * Custom fetch, e.g. for middleware or tests. Default: `defaultFetch` from
   * `@videogen/provider-utils`.
   */
  fetch?: FetchFunction;
}

export interface AlibabaProvider extends VideoProviderV3 {
  /** A Wan model on DashScope. */
  (modelId: AlibabaVideoModelId): AlibabaVideoModel;
  /** A Wan model on DashScope. */
  videoModel(modelId: AlibabaVideoModelId): AlibabaVideoModel;
  /** A Wan model on DashScope (alias of `videoModel`). */
  video(modelId: AlibabaVideoModelId): AlibabaVideoModel;
  /** The Wan models the package knows, with their capabilities (`source: 'static'`: DashScope lists no video models). */
  listVideoModels(): Promise<VideoModelV3CatalogEntry[]>;
  /** One page of the account's DashScope video tasks (last 24 h), as a model's `doListJobs`. */
  listJobs(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult>;
}

/** Creates a provider for Wan on Alibaba Cloud Model Studio (DashScope). */
export function createAlibaba(options: AlibabaProviderSettings = {}): AlibabaProvider {
  const region = options.region ?? 'ap-southeast-1';
  const regionURL = ALIBABA_REGION_BASE_URLS[region];
  if (!regionURL && options.baseURL === undefined) {
    throw new Error(
      `Unknown DashScope region ${JSON.stringify(region)}; use ${Object.keys(ALIBABA_REGION_BASE_URLS).join(', ')} or baseURL.`,
    );
  }
  const baseURL = withoutTrailingSlash(options.baseURL) ?? regionURL;

  let headers: Readonly<Record<string, string>> | undefined;
  const getHeaders = async () =>
    (headers ??= Object.freeze(
      withUserAgentSuffix(
        {
          Authorization: `Bearer ${loadAlibabaApiKey(options.apiKey)}`,
          ...(options.workspace !== undefined ? { 'X-DashScope-WorkSpace': options.workspace } : {}),
          ...options.headers,
        },
        `videogen/alibaba/${VERSION}`,
      ),
    ));

  const createVideoModel = (modelId: AlibabaVideoModelId) =>
    new AlibabaVideoModel(modelId, {
      provider: 'alibaba.video',
      baseURL,
      headers: getHeaders,
      fetch: options.fetch ?? defaultFetch,
    });

  const provider = function (modelId: AlibabaVideoModelId) {
    if (new.target) throw new Error('The Alibaba provider function cannot be called with the new keyword.');
    return createVideoModel(modelId);
  } as AlibabaProvider;

  Object.assign(provider, {
    specificationVersion: 'v3',
    videoModel: createVideoModel,
    video: createVideoModel,
    // DashScope publishes no video model list: the package's table, with each model's capabilities.
    listVideoModels: async () =>
      staticVideoModelCatalog({
        provider: 'alibaba.video',
        modelIds: ALIBABA_VIDEO_MODEL_IDS,
        capabilities: (modelId) => createVideoModel(modelId).capabilities,
      }),
    // The task list is per account, not per model.
    listJobs: (listOptions: VideoModelV3ListJobsOptions) => createVideoModel('wan2.6-t2v').doListJobs(listOptions),
  });
  return provider;
}

/**
 * Default Wan provider (Singapore endpoint, key from the environment, read at
 * the first request). Importing the package registers it as `'alibaba'`, so
 * that core resolves `'alibaba:wan2.6-t2v'`.
 */
export const alibaba = createAlibaba();

registerVideoProvider('alibaba', alibaba);

function loadAlibabaApiKey(apiKey: string | undefined): string {
  if (typeof apiKey === 'string') return apiKey;
  if (apiKey !== undefined) throw new LoadAPIKeyError({ message: 'The DashScope API key must be a string.' });
  const env = typeof process !== 'undefined' ? process.env : undefined;
  for (const name of ALIBABA_API_KEY_ENVIRONMENT_VARIABLES) {
    const value = env?.[name];
    if (value) return value;
  }
  throw new LoadAPIKeyError({
    message:
      'DashScope API key is missing. Pass it using the apiKey option or set one of the environment variables ' +
      `${ALIBABA_API_KEY_ENVIRONMENT_VARIABLES.join(', ')}.`,
  });
}
