import {
  APICallError,
  InvalidArgumentError,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3DownloadUrl,
  type VideoModelV3DownloadUrlOptions,
  type VideoModelV3GenerateResult,
  type VideoModelV3ListJobsOptions,
  type VideoModelV3ListJobsResult,
  type VideoModelV3OperationOptions,
  type VideoModelV3StartOptions,
  type VideoModelV3StartResult,
  type VideoModelV3StatusResult,
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
  nextPageNumberCursor,
  readPageNumberCursor,
} from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see bytedance-error.ts).
import * as z from 'zod/v4/mini';
import type { ByteDanceConfig } from './bytedance-config';
import { byteDanceFailedResponseHandler } from './bytedance-error';
import {
  BYTEDANCE_LIST_STATUS_FILTER,
  byteDanceCreatedTaskSchema,
  byteDanceTaskListSchema,
  byteDanceTaskSchema,
  byteDanceVideoUrlExpiry,
  mapByteDanceListedTask,
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

/** Tasks per page when `limit` is not given (Ark's default page size). */
const BYTEDANCE_DEFAULT_PAGE_SIZE = 10;

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

  /**
   * `GET {baseURL}/contents/generations/tasks?page_num=&page_size=&filter.status=`:
   * one page of the account's tasks of the last 7 days, newest first. The
   * cursor is the page number; `limit` is `page_size` (1–500, default 10).
   * `completed`, `failed` and `canceled` are filtered by the API
   * (`succeeded`, `failed`, `cancelled`); `pending` (queued or running) is
   * filtered on the page read, so a page may hold fewer than `limit` jobs.
   */
  async doListJobs(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult> {
    const { pageNumber: pageNum, pageSize } = readPageNumberCursor(options, {
      api: 'Seedance',
      defaultLimit: BYTEDANCE_DEFAULT_PAGE_SIZE,
      maxLimit: 500,
    });
    const query = new URLSearchParams({ page_num: String(pageNum), page_size: String(pageSize) });
    const filter = options.status ? BYTEDANCE_LIST_STATUS_FILTER[options.status] : undefined;
    if (filter) query.set('filter.status', filter);
    const { value } = await this.request('GET', `${this.tasksURL}?${query}`, byteDanceTaskListSchema, options);
    const items = value.items ?? [];
    const jobs = items
      .map(mapByteDanceListedTask)
      .filter((job) => options.status === undefined || job.status === options.status);
    const nextCursor = nextPageNumberCursor({
      pageNumber: pageNum,
      pageSize,
      received: items.length,
      total: value.total,
    });
    return { jobs, ...(nextCursor ? { nextCursor } : {}) };
  }

  /**
   * `DELETE {baseURL}/contents/generations/tasks/{id}`, the same request as
   * `doCancel`: a finished task's record (and link) is deleted, a queued one
   * is cancelled; a running task cannot be deleted (the API's error is
   * thrown). A task already gone (404) resolves.
   */
  async doDelete(options: VideoModelV3OperationOptions): Promise<void> {
    try {
      await this.doCancel(options);
    } catch (error) {
      if (APICallError.isInstance(error) && error.statusCode === 404) return;
      throw error;
    }
  }

  /**
   * The succeeded task's `content.video_url`: a signed storage link that
   * needs no key, valid 24 h from the task's `updated_at` (its
   * `X-Tos-Expires`). `expiresIn` cannot be chosen (Ark signs the link).
   */
  async doGetDownloadUrl(options: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl | undefined> {
    const { id } = parseByteDanceOperation(options.operation);
    if ((options.index ?? 0) !== 0) {
      throw new InvalidArgumentError({ argument: 'index', message: 'A Seedance task has one video (index 0).' });
    }
    const { value } = await this.request('GET', `${this.tasksURL}/${id}`, byteDanceTaskSchema, options);
    const url = value.content?.video_url;
    if (value.status !== 'succeeded' || !url) {
      throw new InvalidArgumentError({
        argument: 'operation',
        message: `The Seedance task ${id} has no video to link to (status ${value.status}).`,
      });
    }
    const expiresAt = byteDanceVideoUrlExpiry(value, url);
    return { url, ...(expiresAt ? { expiresAt } : {}), mediaType: 'video/mp4' };
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
