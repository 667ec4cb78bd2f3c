import type {
  VideoModelV3,
  VideoModelV3CallOptions,
  VideoModelV3Capabilities,
  VideoModelV3DownloadOptions,
  VideoModelV3GenerateResult,
  VideoModelV3OperationOptions,
  VideoModelV3StartOptions,
  VideoModelV3StartResult,
  VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { combineHeaders } from '@ai-sdk/provider-utils';
import {
  createJsonResponseHandler,
  fetchWithCredentials,
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
  type StandardSchema,
} from '@videogen/provider-utils';
import type { AlibabaConfig } from './alibaba-config';
import { alibabaFailedResponseHandler } from './alibaba-error';
import {
  alibabaCancelResponseSchema,
  alibabaCreateResponseSchema,
  alibabaTaskSchema,
  mapAlibabaTask,
  parseAlibabaOperation,
  type AlibabaVideoOperation,
} from './alibaba-operation';
import {
  ALIBABA_DEFAULT_POLL_INTERVAL_MS,
  alibabaVideoModelOptionsSchema,
  toVideoModelV3Capabilities,
  type AlibabaVideoModelId,
} from './alibaba-video-model-options';
import { prepareAlibabaRequest } from './alibaba-video-request';

/** Wan on DashScope (`alibaba.video(modelId)`). */
export class AlibabaVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /**
   * Default time between status requests, for generateVideo and doGenerate
   * alike: 15 s, as DashScope's video references advise. `providerOptions.alibaba.pollIntervalMs` wins.
   */
  readonly pollIntervalMs = ALIBABA_DEFAULT_POLL_INTERVAL_MS;
  /** One video per task. */
  readonly maxVideosPerCall = 1;

  constructor(
    readonly modelId: AlibabaVideoModelId,
    private readonly config: AlibabaConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  /** What this model accepts (`undefined` fields: unknown). See the model table in the README. */
  get capabilities(): VideoModelV3Capabilities {
    return (this.#capabilities ??= toVideoModelV3Capabilities(this.modelId));
  }

  #capabilities: VideoModelV3Capabilities | undefined;

  /** The origin of the configured base URL: the only one the credential headers go to. */
  private get credentialOrigin(): string {
    return new URL(this.config.baseURL).origin;
  }

  private parseOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
    return parseProviderOptions({ provider: 'alibaba', providerOptions, schema: alibabaVideoModelOptionsSchema });
  }

  private response(headers: Record<string, string> | undefined) {
    return { timestamp: this.config._internal?.currentDate?.() ?? new Date(), modelId: this.modelId, headers };
  }

  /** One call through the shared HTTP layer: a JSON `POST` with `body`, else a `GET`. */
  private async callApi<T>(
    path: string,
    {
      body,
      schema,
      headers,
      abortSignal,
    }: {
      body?: unknown;
      schema: StandardSchema<T>;
      headers?: Record<string, string | undefined>;
      abortSignal?: AbortSignal;
    },
  ) {
    const request = {
      url: `${this.config.baseURL}/api/v1${path}`,
      headers: combineHeaders(await this.config.headers(), headers),
      credentialOrigin: this.credentialOrigin,
      failedResponseHandler: alibabaFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(schema),
      abortSignal,
      fetch: this.config.fetch,
    };
    return body === undefined ? getFromApi(request) : postJsonToApi({ ...request, body });
  }

  /**
   * `POST /api/v1/services/aigc/{video-generation|image2video}/video-synthesis`
   * with `X-DashScope-Async: enable`; the `task_id` is the job reference.
   */
  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    const { task, body, ossResources, warnings } = prepareAlibabaRequest({ model: this, options, providerOptions });
    const { value, responseHeaders } = await this.callApi(`/services/aigc/${task}/video-synthesis`, {
      body,
      schema: alibabaCreateResponseSchema,
      headers: combineHeaders(
        { 'X-DashScope-Async': 'enable', ...(ossResources ? { 'X-DashScope-OssResourceResolve': 'enable' } : {}) },
        options.headers,
      ),
      abortSignal: options.abortSignal,
    });
    const operation: AlibabaVideoOperation = { taskId: value.output.task_id };
    return {
      operation,
      warnings,
      providerMetadata: {
        alibaba: { taskId: value.output.task_id, ...(value.request_id ? { requestId: value.request_id } : {}) },
      },
      response: this.response(responseHeaders),
    };
  }

  /** `GET /api/v1/tasks/{task_id}`. */
  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { taskId } = parseAlibabaOperation(options.operation);
    const { value, responseHeaders } = await this.callApi(`/tasks/${encodeURIComponent(taskId)}`, {
      schema: alibabaTaskSchema,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    return mapAlibabaTask(value, { taskId, response: this.response(responseHeaders) });
  }

  /** `POST /api/v1/tasks/{task_id}/cancel`: DashScope cancels tasks that are still `PENDING` only. */
  async doCancel(options: VideoModelV3OperationOptions): Promise<void> {
    const { taskId } = parseAlibabaOperation(options.operation);
    await this.callApi(`/tasks/${encodeURIComponent(taskId)}/cancel`, {
      body: {},
      schema: alibabaCancelResponseSchema,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
  }

  /**
   * Fetches a video. DashScope's `video_url` is a signed OSS URL on another
   * origin, so it is fetched without the key (the key goes only to the
   * configured base URL's origin), through the private-network guard unless
   * `allowPrivateNetwork`.
   */
  async doDownload(options: VideoModelV3DownloadOptions): Promise<Response> {
    return fetchWithCredentials({
      url: options.video.url,
      credentialHeaders: await this.config.headers(),
      credentialOrigin: this.credentialOrigin,
      headers: options.headers,
      allowPrivateNetwork: options.allowPrivateNetwork,
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
  }

  async doGenerate(options: VideoModelV3CallOptions): Promise<VideoModelV3GenerateResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    return generateVideoFromJob({
      model: this,
      options,
      poll: { intervalMs: providerOptions?.pollIntervalMs, timeoutMs: providerOptions?.pollTimeoutMs },
      allowPrivateNetwork: providerOptions?.allowPrivateNetwork,
    });
  }
}
