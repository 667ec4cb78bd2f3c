import type {
  VideoModelV3,
  VideoModelV3CallOptions,
  VideoModelV3Capabilities,
  VideoModelV3GenerateResult,
  VideoModelV3OperationOptions,
  VideoModelV3StartOptions,
  VideoModelV3StartResult,
  VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { combineHeaders } from '@ai-sdk/provider-utils';
import {
  createJsonResponseHandler,
  deleteFromApi,
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
  type StandardSchema,
} from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see bytedance-error.ts).
import * as z from 'zod/v4/mini';
import type { ByteDanceConfig } from './bytedance-config';
import { byteDanceFailedResponseHandler } from './bytedance-error';
import {
  byteDanceCreatedTaskSchema,
  byteDanceTaskSchema,
  mapByteDanceTask,
  parseByteDanceOperation,
  type ByteDanceVideoOperation,
} from './bytedance-operation';
import {
  BYTEDANCE_DEFAULT_POLL_INTERVAL_MS,
  byteDanceVideoModelOptionsSchema,
  toVideoModelV3Capabilities,
  type ByteDanceVideoModelId,
} from './bytedance-video-model-options';
import { prepareByteDanceRequest } from './bytedance-video-request';

/** The DELETE answer (`{}`): read, not used. */
const deletedSchema = z.unknown();

/**
 * Seedance through the content-generation tasks API
 * (`{baseURL}/contents/generations/tasks`), on BytePlus ModelArk or
 * Volcengine Ark. One video per task; the video URL is a signed storage
 * link that needs no key: `doGenerate` returns it as a URL and core's
 * download fetches it without credentials (no `doDownload`).
 */
export class ByteDanceVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /** One video per task; core splits `n`. */
  readonly maxVideosPerCall = 1;
  /**
   * Default time between status requests: 3 s (ByteDance gives no figure;
   * the Vercel AI SDK's Seedance provider polls every 3 s).
   * `providerOptions.bytedance.pollIntervalMs` wins.
   */
  readonly pollIntervalMs = BYTEDANCE_DEFAULT_POLL_INTERVAL_MS;

  constructor(
    readonly modelId: ByteDanceVideoModelId,
    private readonly config: ByteDanceConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  /** What this model accepts (`undefined` fields: unknown). See the capability table in the README. */
  get capabilities(): VideoModelV3Capabilities {
    return (this.#capabilities ??= toVideoModelV3Capabilities(this.modelId));
  }

  #capabilities: VideoModelV3Capabilities | undefined;

  /** The origin of the configured base URL: the only one the key goes to. */
  private get credentialOrigin(): string {
    return new URL(this.config.baseURL).origin;
  }

  private get tasksURL(): string {
    return `${this.config.baseURL}/contents/generations/tasks`;
  }

  private parseOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
    return parseProviderOptions({ provider: 'bytedance', providerOptions, schema: byteDanceVideoModelOptionsSchema });
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    schema: StandardSchema<T>,
    options: { headers?: Record<string, string | undefined>; abortSignal?: AbortSignal; body?: unknown },
  ) {
    const request = {
      url,
      headers: combineHeaders(await this.config.headers(), options.headers),
      credentialOrigin: this.credentialOrigin,
      failedResponseHandler: byteDanceFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(schema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    };
    if (method === 'POST') return postJsonToApi({ ...request, body: options.body });
    return method === 'GET' ? getFromApi(request) : deleteFromApi(request);
  }

  private response(headers: Record<string, string> | undefined) {
    return { timestamp: this.config._internal?.currentDate?.() ?? new Date(), modelId: this.modelId, headers };
  }

  /** `POST {baseURL}/contents/generations/tasks`; the task id is the job reference. */
  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    const { body, warnings } = prepareByteDanceRequest({ model: this, options, providerOptions });
    const { value, responseHeaders } = await this.request('POST', this.tasksURL, byteDanceCreatedTaskSchema, {
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    const operation: ByteDanceVideoOperation = { id: value.id };
    return {
      operation,
      warnings,
      providerMetadata: { bytedance: { taskId: value.id } },
      response: this.response(responseHeaders),
    };
  }

  /** `GET {baseURL}/contents/generations/tasks/{id}`. */
  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { id } = parseByteDanceOperation(options.operation);
    const { value, responseHeaders } = await this.request(
      'GET',
      `${this.tasksURL}/${id}`,
      byteDanceTaskSchema,
      options,
    );
    return mapByteDanceTask(value, this.response(responseHeaders));
  }

  /**
   * `DELETE {baseURL}/contents/generations/tasks/{id}`: a queued task becomes
   * `cancelled`; a running one cannot be cancelled (the API answers with an
   * error); a finished one's record is deleted.
   */
  async doCancel(options: VideoModelV3OperationOptions): Promise<void> {
    const { id } = parseByteDanceOperation(options.operation);
    await this.request('DELETE', `${this.tasksURL}/${id}`, deletedSchema, options);
  }

  async doGenerate(options: VideoModelV3CallOptions): Promise<VideoModelV3GenerateResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    return generateVideoFromJob({
      model: this,
      options,
      poll: { intervalMs: providerOptions?.pollIntervalMs, timeoutMs: providerOptions?.pollTimeoutMs },
    });
  }
}
