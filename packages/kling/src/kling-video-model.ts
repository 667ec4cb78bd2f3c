import {
  APICallError,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3GenerateResult,
  type VideoModelV3OperationOptions,
  type VideoModelV3StartOptions,
  type VideoModelV3StartResult,
  type VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { combineHeaders } from '@ai-sdk/provider-utils';
import {
  createJsonResponseHandler,
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
} from '@videogen/provider-utils';
import type { KlingConfig } from './kling-config';
import { klingFailedResponseHandler } from './kling-error';
import {
  klingTaskResponseSchema,
  mapKlingTask,
  parseKlingOperation,
  type KlingTaskResponse,
  type KlingVideoOperation,
} from './kling-operation';
import {
  KLING_DEFAULT_POLL_INTERVAL_MS,
  klingVideoModelOptionsSchema,
  toKlingVideoModelV3Capabilities,
  type KlingVideoModelId,
} from './kling-video-model-options';
import { prepareKlingRequest } from './kling-video-request';

/** A Kling video model (`kling.video(modelId)`). */
export class KlingVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /**
   * Default time between status requests, for generateVideo and doGenerate
   * alike: 5 s (Kling documents none; the Vercel AI SDK polls Kling every
   * 5 s). `providerOptions.kling.pollIntervalMs` wins.
   */
  readonly pollIntervalMs = KLING_DEFAULT_POLL_INTERVAL_MS;
  /** Kling makes one video per task. */
  readonly maxVideosPerCall = 1;

  #capabilities: VideoModelV3Capabilities | undefined;

  constructor(
    readonly modelId: KlingVideoModelId,
    private readonly config: KlingConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  /** What this model accepts (`undefined` fields: unknown). See the capability table in the README. */
  get capabilities(): VideoModelV3Capabilities {
    return (this.#capabilities ??= toKlingVideoModelV3Capabilities(this.modelId));
  }

  /** The origin of the configured base URL: the only one the credential headers go to. */
  private get credentialOrigin(): string {
    return new URL(this.config.baseURL).origin;
  }

  private parseOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
    return parseProviderOptions({ provider: 'kling', providerOptions, schema: klingVideoModelOptionsSchema });
  }

  /**
   * One call through the shared HTTP layer: a JSON `POST` with `body`, else a
   * `GET`; the credential only to `credentialOrigin`; Kling's error body (and
   * an HTTP 200 whose `code` is not 0) as an `APICallError`.
   */
  private async callApi(
    url: string,
    {
      body,
      headers,
      abortSignal,
    }: { body?: unknown; headers?: Record<string, string | undefined>; abortSignal?: AbortSignal },
  ): Promise<{ task: NonNullable<KlingTaskResponse['data']>; responseHeaders: Record<string, string> | undefined }> {
    const request = {
      url,
      headers: combineHeaders(await this.config.headers(), headers),
      credentialOrigin: this.credentialOrigin,
      failedResponseHandler: klingFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(klingTaskResponseSchema),
      abortSignal,
      fetch: this.config.fetch,
    };
    const { value, responseHeaders, rawValue } =
      body === undefined ? await getFromApi(request) : await postJsonToApi({ ...request, body });
    if (value.code !== 0 || !value.data) {
      throw new APICallError({
        message: `${value.code}: ${value.message ?? 'Kling answered without a task.'}`,
        url,
        requestBodyValues: body ?? {},
        statusCode: 200,
        responseHeaders,
        responseBody: JSON.stringify(rawValue),
        data: value,
        isRetryable: value.code >= 5000,
      });
    }
    return { task: value.data, responseHeaders };
  }

  private response(headers: Record<string, string> | undefined) {
    return { timestamp: this.config._internal?.currentDate?.() ?? new Date(), modelId: this.modelId, headers };
  }

  /** `POST {baseURL}/v1/videos/{text2video | image2video | multi-image2video | video-extend}`. */
  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    const { endpoint, body, warnings } = prepareKlingRequest({ model: this, options, providerOptions });
    const { task, responseHeaders } = await this.callApi(`${this.config.baseURL}/v1/videos/${endpoint}`, {
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    const operation: KlingVideoOperation = { taskId: task.task_id, endpoint };
    return {
      operation,
      warnings,
      providerMetadata: { kling: { taskId: task.task_id, endpoint } },
      response: this.response(responseHeaders),
    };
  }

  /** `GET {baseURL}/v1/videos/{endpoint}/{taskId}` (the family the task was created on). */
  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { taskId, endpoint } = parseKlingOperation(options.operation);
    const { task, responseHeaders } = await this.callApi(
      `${this.config.baseURL}/v1/videos/${endpoint}/${encodeURIComponent(taskId)}`,
      { headers: options.headers, abortSignal: options.abortSignal },
    );
    return mapKlingTask(task, { endpoint, response: this.response(responseHeaders) });
  }

  // No doCancel: Kling documents no cancel or delete endpoint.
  // No doDownload: result URLs are public (anti-hotlink CDN links), fetched without credentials.

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
