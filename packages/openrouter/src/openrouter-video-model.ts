import { combineHeaders, isAbortError } from '@ai-sdk/provider-utils';
import type {
  SharedV3Warning,
  VideoModelV3,
  VideoModelV3CallOptions,
  VideoModelV3DownloadOptions,
  VideoModelV3DownloadUrl,
  VideoModelV3DownloadUrlOptions,
  VideoModelV3GenerateResult,
  VideoModelV3OperationOptions,
  VideoModelV3StartOptions,
  VideoModelV3StartResult,
  VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import {
  createJsonResponseHandler,
  fetchWithCredentials,
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
} from '@videogen/provider-utils';
import type { OpenRouterConfig } from './openrouter-config';
import { openrouterFailedResponseHandler } from './openrouter-error';
import {
  getOpenRouterPollingUrl,
  mapOpenRouterJobToStatus,
  openrouterJobResponseSchema,
  openrouterSubmitResponseSchema,
  parseOpenRouterOperation,
  removeUndefined,
  resolveOpenRouterUrl,
  toOpenRouterOperation,
  type OpenRouterVideoOperation,
} from './openrouter-operation';
import {
  OPENROUTER_DEFAULT_POLL_INTERVAL_MS,
  openrouterVideoModelOptionsSchema,
  type OpenRouterVideoModelId,
  type OpenRouterVideoModelOptions,
} from './openrouter-video-model-options';
import {
  findVideoModelInfo,
  openrouterSourceVideoCapabilities,
  toCapabilities,
  type OpenRouterVideoModelCapabilities,
  type OpenRouterVideoModelInfo,
} from './openrouter-video-models';
import { checkOpenRouterCallSettings, getOpenRouterVideoRequest } from './openrouter-video-request';

/**
 * An OpenRouter video model (`POST /videos`, `GET /videos/{id}`,
 * `GET /videos/{id}/content`).
 *
 * - `doStart` validates the call against the model's entry in
 *   `GET /videos/models` before anything is paid for, then submits.
 * - `doStatus` maps all six job statuses, with the job's cost as `usage`.
 * - `doDownload` fetches the content proxy with the key, sent only to the
 *   configured origin.
 * - `sourceVideo` (extend, edit) sends the job's id as `previous_job_id`.
 * - `doGetDownloadUrl` returns a signed storage URL where OpenRouter's status
 *   lists one (`urls`), else `undefined` (the content proxy needs the key).
 * - No job listing or deletion: OpenRouter's API has neither.
 * - There is no `doCancel`: OpenRouter's API has no cancel endpoint, so an
 *   aborted call stops waiting but the job runs on (and is billed).
 */
export class OpenRouterVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /**
   * Default time between status requests, for generateVideo and doGenerate
   * alike: 10 s, within OpenRouter's documented "every 10–30 seconds".
   */
  readonly pollIntervalMs = OPENROUTER_DEFAULT_POLL_INTERVAL_MS;
  /** OpenRouter runs one video per job; core splits `n` into several jobs. */
  readonly maxVideosPerCall = 1;

  get provider(): string {
    return this.config.provider;
  }

  constructor(
    readonly modelId: OpenRouterVideoModelId,
    private readonly config: OpenRouterConfig,
  ) {}

  /**
   * What the model accepts, read from OpenRouter's model listing (cached per
   * provider instance). Resolves to `{ maxVideosPerCall: 1, sourceVideo }`
   * alone when the listing cannot be fetched or does not contain the model,
   * since unknown fields must not be used to reject a call. `sourceVideo`
   * (extend and edit of a job of the same model, `previous_job_id`) is the
   * same for every model.
   */
  readonly capabilities = async (options?: {
    abortSignal?: AbortSignal;
  }): Promise<OpenRouterVideoModelCapabilities> => {
    const { info } = await this.getModelInfo(options?.abortSignal);
    return info ? toCapabilities(info) : { maxVideosPerCall: 1, sourceVideo: openrouterSourceVideoCapabilities() };
  };

  async doGenerate(options: VideoModelV3CallOptions): Promise<VideoModelV3GenerateResult> {
    const openrouterOptions = await this.parseOptions(options);
    return generateVideoFromJob({
      model: this,
      options,
      poll: {
        intervalMs: openrouterOptions.pollIntervalMs,
        timeoutMs: openrouterOptions.pollTimeoutMs,
      },
    });
  }

  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const openrouterOptions = await this.parseOptions(options);
    checkOpenRouterCallSettings(options, this);
    const listing =
      openrouterOptions.validateCapabilities === false
        ? { info: undefined, warnings: [] }
        : await this.getModelInfo(options.abortSignal);
    const { body, warnings } = getOpenRouterVideoRequest({
      model: this,
      options,
      openrouterOptions,
      info: listing.info,
    });
    const timestamp = this.currentDate();

    const { value, responseHeaders } = await postJsonToApi({
      url: `${this.config.baseURL}/videos`,
      headers: combineHeaders(this.config.headers(), options.headers),
      body,
      credentialOrigin: this.config.baseURL,
      failedResponseHandler: openrouterFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(openrouterSubmitResponseSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });

    return {
      operation: toOpenRouterOperation(value, this.config.baseURL),
      warnings: [...listing.warnings, ...warnings],
      providerMetadata: { openrouter: removeUndefined({ id: value.id, status: value.status ?? undefined }) },
      response: { timestamp, modelId: this.modelId, headers: responseHeaders },
    };
  }

  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const operation = parseOpenRouterOperation(options.operation);
    const { value, responseHeaders } = await this.getJob(operation, options);
    return mapOpenRouterJobToStatus({
      job: value,
      operation,
      baseURL: this.config.baseURL,
      response: { timestamp: this.currentDate(), modelId: this.modelId, headers: responseHeaders },
    });
  }

  /**
   * A link a browser can fetch without the key: the job's signed storage URL
   * (`urls[index]` of `GET /videos/{id}`, on another origin than the API)
   * where OpenRouter gives one, with no expiry (OpenRouter documents none).
   * Otherwise `undefined`: `unsigned_urls` and the content proxy
   * (`/videos/{id}/content`) need the API key. Also `undefined` while the job
   * has not completed.
   */
  async doGetDownloadUrl(options: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl | undefined> {
    const operation = parseOpenRouterOperation(options.operation);
    const index = options.index ?? 0;
    const { value } = await this.getJob(operation, options);
    if (value.status !== 'completed') return undefined;
    const signed = value.urls?.[index];
    if (signed === undefined) return undefined;
    const url = resolveOpenRouterUrl(signed, this.config.baseURL);
    if (new URL(url).origin === new URL(this.config.baseURL).origin) return undefined;
    return { url, mediaType: 'video/mp4' };
  }

  private async getJob(operation: OpenRouterVideoOperation, options: VideoModelV3OperationOptions) {
    return getFromApi({
      url: getOpenRouterPollingUrl(operation, this.config.baseURL),
      headers: combineHeaders(this.config.headers(), options.headers),
      credentialOrigin: this.config.baseURL,
      failedResponseHandler: openrouterFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(openrouterJobResponseSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
  }

  /**
   * Fetches a video with the OpenRouter credentials, which go only to the
   * configured origin: a redirect to storage on another origin (or a signed
   * `urls` entry elsewhere) is fetched without them and must pass the
   * private-network guard unless `allowPrivateNetwork`. Sends
   * `Accept: video/mp4` as OpenRouter's SDK does.
   */
  async doDownload(options: VideoModelV3DownloadOptions): Promise<Response> {
    const { 'user-agent': userAgent, ...credentialHeaders } = this.config.headers();
    return fetchWithCredentials({
      url: options.video.url,
      credentialHeaders,
      credentialOrigin: this.config.baseURL,
      headers: { 'user-agent': userAgent, accept: 'video/mp4', ...options.headers },
      allowPrivateNetwork: options.allowPrivateNetwork,
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
  }

  private async parseOptions(options: VideoModelV3CallOptions): Promise<OpenRouterVideoModelOptions> {
    return (
      (await parseProviderOptions({
        provider: 'openrouter',
        providerOptions: options.providerOptions,
        schema: openrouterVideoModelOptionsSchema,
      })) ?? {}
    );
  }

  /**
   * The model's entry in the (cached) listing. A listing that cannot be had,
   * or that lacks the model, does not block the call: it is a warning, and
   * the call is not validated before submitting. An abort is thrown.
   */
  private async getModelInfo(
    abortSignal: AbortSignal | undefined,
  ): Promise<{ info: OpenRouterVideoModelInfo | undefined; warnings: SharedV3Warning[] }> {
    let models: OpenRouterVideoModelInfo[];
    try {
      models = await this.config.listVideoModels({ abortSignal });
    } catch (error) {
      if (isAbortError(error) || abortSignal?.aborted) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      return {
        info: undefined,
        warnings: [
          {
            type: 'other',
            message: `OpenRouter's video model list could not be fetched (${reason}); the options were not validated before submitting.`,
          },
        ],
      };
    }
    const info = findVideoModelInfo(models, this.modelId);
    return info
      ? { info, warnings: [] }
      : {
          info: undefined,
          warnings: [
            {
              type: 'other',
              message: `${this.modelId} is not in OpenRouter's video model list; the options were not validated before submitting.`,
            },
          ],
        };
  }

  private currentDate(): Date {
    return this.config._internal?.currentDate?.() ?? new Date();
  }
}
