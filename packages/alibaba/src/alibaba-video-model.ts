import {
  InvalidArgumentError,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3DownloadOptions,
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
  fetchWithCredentials,
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
  type StandardSchema,
  nextPageNumberCursor,
  readPageNumberCursor,
} from '@videogen/provider-utils';
import type { AlibabaConfig } from './alibaba-config';
import { alibabaFailedResponseHandler } from './alibaba-error';
import {
  ALIBABA_LIST_STATUS_FILTER,
  alibabaTaskListSchema,
  alibabaVideoUrlExpiry,
  isAlibabaVideoTask,
  mapAlibabaListedTask,
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

/** Tasks per page when `limit` is not given (DashScope's default `page_size`). */
const ALIBABA_DEFAULT_PAGE_SIZE = 10;

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

  /**
   * `GET /api/v1/tasks?page_no=&page_size=&status=`: one page of the
   * account's DashScope tasks of the last 24 hours (the API's default
   * window), newest first; tasks of other DashScope APIs (images, audio) are
   * left out of the page. The cursor is the page number; `limit` is
   * `page_size` (default 10). `completed`, `failed` and `canceled` are
   * filtered by the API; `pending` (PENDING or RUNNING) on the page read.
   */
  async doListJobs(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult> {
    const { pageNumber: pageNo, pageSize } = readPageNumberCursor(options, {
      api: 'DashScope',
      defaultLimit: ALIBABA_DEFAULT_PAGE_SIZE,
    });
    const query = new URLSearchParams({ page_no: String(pageNo), page_size: String(pageSize) });
    const filter = options.status ? ALIBABA_LIST_STATUS_FILTER[options.status] : undefined;
    if (filter) query.set('status', filter);
    const { value } = await this.callApi(`/tasks?${query}`, {
      schema: alibabaTaskListSchema,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    const jobs = (value.data ?? [])
      .filter(isAlibabaVideoTask)
      .map(mapAlibabaListedTask)
      .filter((job) => options.status === undefined || job.status === options.status);
    const nextCursor = nextPageNumberCursor({
      pageNumber: pageNo,
      pageSize,
      received: (value.data ?? []).length,
      total: value.total,
      totalPages: value.total_page,
    });
    return { jobs, ...(nextCursor ? { nextCursor } : {}) };
  }

  /**
   * The succeeded task's `output.video_url`: a signed OSS link that needs no
   * key, valid 24 h (its `Expires` parameter is the `expiresAt`).
   * `expiresIn` cannot be chosen (DashScope signs the link).
   */
  async doGetDownloadUrl(options: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl | undefined> {
    const { taskId } = parseAlibabaOperation(options.operation);
    if ((options.index ?? 0) !== 0) {
      throw new InvalidArgumentError({ argument: 'index', message: 'A DashScope video task has one video (index 0).' });
    }
    const { value } = await this.callApi(`/tasks/${encodeURIComponent(taskId)}`, {
      schema: alibabaTaskSchema,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    const url = value.output.video_url;
    if (value.output.task_status !== 'SUCCEEDED' || !url) {
      throw new InvalidArgumentError({
        argument: 'operation',
        message: `The DashScope task ${taskId} has no video to link to (status ${value.output.task_status}).`,
      });
    }
    const expiresAt = alibabaVideoUrlExpiry(url);
    return { url, ...(expiresAt ? { expiresAt } : {}), mediaType: 'video/mp4' };
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
