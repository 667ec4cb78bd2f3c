import {
  APICallError,
  UnsupportedFunctionalityError,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3DownloadOptions,
  type VideoModelV3DownloadUrl,
  type VideoModelV3DownloadUrlOptions,
  type VideoModelV3ListJobsOptions,
  type VideoModelV3ListJobsResult,
  type VideoModelV3GenerateResult,
  type VideoModelV3OperationOptions,
  type VideoModelV3StartOptions,
  type VideoModelV3StartResult,
  type VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { combineHeaders, type ResponseHandler } from '@ai-sdk/provider-utils';
import {
  createJsonResponseHandler,
  deleteFromApi,
  fetchWithCredentials,
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
  getCompletedVideo,
  nextPageNumberCursor,
  readPageNumberCursor,
} from '@videogen/provider-utils';
import type { MiniMaxConfig } from './minimax-config';
import { createMiniMaxV1ResponseHandler, minimaxFailedResponseHandler } from './minimax-error';
import {
  MINIMAX_LIST_STATUS_FILTER,
  mapV2ListedTask,
  minimaxUrlExpiry,
  v2ListResponseSchema,
  isV1Failure,
  isV1Success,
  mapV1Status,
  mapV2Status,
  parseMiniMaxOperation,
  v1CreateResponseSchema,
  v1FileResponseSchema,
  v1QueryResponseSchema,
  v2CreateResponseSchema,
  v2DeleteResponseSchema,
  v2QueryResponseSchema,
  type MiniMaxVideoOperation,
} from './minimax-operation';
import {
  MINIMAX_DEFAULT_POLL_INTERVAL_MS,
  getMiniMaxApiVersion,
  minimaxVideoModelOptionsSchema,
  toVideoModelV3Capabilities,
  type MiniMaxApiVersion,
  type MiniMaxVideoModelId,
} from './minimax-video-model-options';
import { prepareMiniMaxRequest } from './minimax-video-request';

/** Tasks per page when `limit` is not given. */
const MINIMAX_DEFAULT_PAGE_SIZE = 10;

/**
 * A MiniMax video model.
 *
 * - v1 (Hailuo, `T2V-01`, `I2V-01`, `S2V-01`): `POST /v1/video_generation`,
 *   `GET /v1/query/video_generation?task_id=`, then
 *   `GET /v1/files/retrieve?file_id=` for the download URL. Errors arrive
 *   in HTTP 200 bodies (`base_resp`) and become `APICallError`s. No cancel.
 * - v2 (`MiniMax-H3`): `POST /v2/video_generation`,
 *   `GET /v2/query/video_generation/{task_id}` (URL and usage inline),
 *   `DELETE /v2/video_generation/{task_id}` to cancel a queued task.
 */
export class MiniMaxVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /** One video per task; core splits `n`. */
  readonly maxVideosPerCall = 1;
  /** Default time between status requests: 10 s, MiniMax's guidance. */
  readonly pollIntervalMs = MINIMAX_DEFAULT_POLL_INTERVAL_MS;
  /** What this model accepts (see the capability table in the README). */
  readonly capabilities: VideoModelV3Capabilities;
  /** The API this model id is on. */
  readonly api: MiniMaxApiVersion;
  /**
   * Cancels a queued v2 task (`DELETE /v2/video_generation/{task_id}`).
   * `undefined` on v1 models: that API has no cancel.
   */
  readonly doCancel?: (options: VideoModelV3OperationOptions) => Promise<void>;
  /**
   * One page of the account's v2 tasks (`GET /v2/query/video_generation`,
   * last 7 days). `undefined` on v1 models: that API lists nothing.
   */
  readonly doListJobs?: (options: VideoModelV3ListJobsOptions) => Promise<VideoModelV3ListJobsResult>;
  /**
   * Deletes a finished v2 task, or cancels a queued one
   * (`DELETE /v2/video_generation/{task_id}`, the same request as `doCancel`).
   * `undefined` on v1 models: that API deletes nothing.
   */
  readonly doDelete?: (options: VideoModelV3OperationOptions) => Promise<void>;

  constructor(
    readonly modelId: MiniMaxVideoModelId,
    private readonly config: MiniMaxConfig,
  ) {
    this.capabilities = toVideoModelV3Capabilities(modelId);
    this.api = getMiniMaxApiVersion(modelId);
    if (this.api === 'v2') {
      this.doCancel = (options) => this.cancelTask(options);
      this.doListJobs = (options) => this.listV2Tasks(options);
      this.doDelete = (options) => this.deleteTask(options);
    }
  }

  get provider(): string {
    return this.config.provider;
  }

  /** The origin of the configured base URL: the only one the key goes to. */
  private get credentialOrigin(): string {
    return new URL(this.config.baseURL).origin;
  }

  private parseOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
    return parseProviderOptions({ provider: 'minimax', providerOptions, schema: minimaxVideoModelOptionsSchema });
  }

  /** One call through the shared HTTP layer, the key sent only to `credentialOrigin`. */
  private async callApi<T>(
    path: string,
    {
      method,
      body,
      handler,
      headers,
      abortSignal,
    }: {
      method: 'GET' | 'POST' | 'DELETE';
      body?: unknown;
      handler: ResponseHandler<T>;
      headers?: Record<string, string | undefined>;
      abortSignal?: AbortSignal;
    },
  ) {
    const request = {
      url: `${this.config.baseURL}${path}`,
      headers: combineHeaders(await this.config.headers(), headers),
      credentialOrigin: this.credentialOrigin,
      failedResponseHandler: minimaxFailedResponseHandler,
      successfulResponseHandler: handler,
      abortSignal,
      fetch: this.config.fetch,
    };
    if (method === 'POST') return postJsonToApi({ ...request, body });
    if (method === 'DELETE') return deleteFromApi(request);
    return getFromApi(request);
  }

  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    const { api, body, warnings } = prepareMiniMaxRequest({ model: this, options, providerOptions });
    const call = { method: 'POST' as const, body, headers: options.headers, abortSignal: options.abortSignal };
    const { value, responseHeaders } =
      api === 'v1'
        ? await this.callApi('/v1/video_generation', {
            ...call,
            handler: createMiniMaxV1ResponseHandler(v1CreateResponseSchema),
          })
        : await this.callApi('/v2/video_generation', {
            ...call,
            handler: createJsonResponseHandler(v2CreateResponseSchema),
          });
    if (!value.task_id) {
      throw new APICallError({
        message: 'MiniMax accepted the request without a task_id.',
        url: `${this.config.baseURL}/${api}/video_generation`,
        requestBodyValues: body,
        responseHeaders,
        data: value,
      });
    }
    const operation: MiniMaxVideoOperation = { taskId: value.task_id, api };
    return {
      operation,
      warnings,
      providerMetadata: { minimax: { taskId: value.task_id, api } },
      response: this.response(responseHeaders),
    };
  }

  async doStatus({ operation, abortSignal, headers }: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { taskId, api } = parseMiniMaxOperation(operation);
    const id = encodeURIComponent(taskId);
    if (api === 'v2') {
      const { value, responseHeaders } = await this.callApi(`/v2/query/video_generation/${id}`, {
        method: 'GET',
        handler: createJsonResponseHandler(v2QueryResponseSchema),
        headers,
        abortSignal,
      });
      return mapV2Status(value.task, { taskId, response: this.response(responseHeaders) });
    }
    // A failed task reports its reason in base_resp: that answer is a status, not a request error.
    const { value: query, responseHeaders } = await this.callApi(`/v1/query/video_generation?task_id=${id}`, {
      method: 'GET',
      handler: createMiniMaxV1ResponseHandler(v1QueryResponseSchema, (value) => isV1Failure(value.status)),
      headers,
      abortSignal,
    });
    if (!isV1Success(query.status) || query.file_id == null || query.file_id === '') {
      return mapV1Status(query, { taskId, response: this.response(responseHeaders) });
    }
    // The finished task names a file: its download URL comes from the file API.
    const fileId = encodeURIComponent(String(query.file_id));
    const { value: retrieved, responseHeaders: fileHeaders } = await this.callApi(
      `/v1/files/retrieve?file_id=${fileId}`,
      { method: 'GET', handler: createMiniMaxV1ResponseHandler(v1FileResponseSchema), headers, abortSignal },
    );
    return mapV1Status(query, {
      taskId,
      file: retrieved.file ?? undefined,
      response: this.response(fileHeaders ?? responseHeaders),
    });
  }

  private async cancelTask({ operation, abortSignal, headers }: VideoModelV3OperationOptions): Promise<void> {
    const { taskId, api } = parseMiniMaxOperation(operation);
    if (api !== 'v2') {
      throw new UnsupportedFunctionalityError({
        functionality: 'cancelVideo',
        message: 'MiniMax v1 tasks cannot be cancelled (the v1 API has no cancel endpoint); the task runs to its end.',
      });
    }
    await this.callApi(`/v2/video_generation/${encodeURIComponent(taskId)}`, {
      method: 'DELETE',
      handler: createJsonResponseHandler(v2DeleteResponseSchema),
      headers,
      abortSignal,
    });
  }

  /**
   * `GET /v2/query/video_generation?page_num=&page_size=&filter.status=`: the
   * cursor is the page number; `limit` is `page_size` (default 10).
   * `completed`, `failed` and `canceled` are filtered by the API; `pending`
   * (queued or running) on the page read.
   */
  private async listV2Tasks(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult> {
    const { pageNumber: pageNum, pageSize } = readPageNumberCursor(options, {
      api: 'MiniMax',
      defaultLimit: MINIMAX_DEFAULT_PAGE_SIZE,
    });
    const query = new URLSearchParams({ page_num: String(pageNum), page_size: String(pageSize) });
    const filter = options.status ? MINIMAX_LIST_STATUS_FILTER[options.status] : undefined;
    if (filter) query.set('filter.status', filter);
    const { value } = await this.callApi(`/v2/query/video_generation?${query}`, {
      method: 'GET',
      handler: createJsonResponseHandler(v2ListResponseSchema),
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    const items = value.items ?? [];
    const jobs = items
      .map(mapV2ListedTask)
      .filter((job) => job !== undefined)
      .filter((job) => options.status === undefined || job.status === options.status);
    const nextCursor = nextPageNumberCursor({
      pageNumber: pageNum,
      pageSize,
      received: items.length,
      total: value.total,
    });
    return { jobs, ...(nextCursor ? { nextCursor } : {}) };
  }

  /** The v2 DELETE; a task already gone (`invalid task_id`, or 404) resolves. */
  private async deleteTask(options: VideoModelV3OperationOptions): Promise<void> {
    try {
      await this.cancelTask(options);
    } catch (error) {
      if (
        APICallError.isInstance(error) &&
        (error.statusCode === 404 || (error.statusCode === 400 && /invalid task_id/i.test(error.message)))
      ) {
        return;
      }
      throw error;
    }
  }

  /**
   * The finished video's public CDN link: v1 `download_url` from
   * `GET /v1/files/retrieve`, v2 `content.url`. Neither needs the key. MiniMax
   * documents no lifetime; `expiresAt` is the link's `Expires` parameter
   * where it has one. `expiresIn` cannot be chosen.
   */
  async doGetDownloadUrl(options: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl | undefined> {
    const video = getCompletedVideo(await this.doStatus(options), { index: options.index, job: 'The MiniMax task' });
    if (video.type !== 'url') return undefined;
    const expiresAt = minimaxUrlExpiry(video.url);
    return { url: video.url, ...(expiresAt ? { expiresAt } : {}), mediaType: 'video/mp4' };
  }

  /**
   * Fetches a video URL with the key sent only to the API's own origin: the
   * CDN `download_url` (v1) and `content.url` (v2) are fetched without it
   * (and must pass the private-network guard unless `allowPrivateNetwork`).
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

  private response(headers: Record<string, string> | undefined) {
    return { timestamp: this.config._internal?.currentDate?.() ?? new Date(), modelId: this.modelId, headers };
  }
}
