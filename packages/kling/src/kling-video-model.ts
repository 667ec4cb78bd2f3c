import {
  APICallError,
  InvalidArgumentError,
  type VideoJob,
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
  invalidVideoArgument,
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
} from '@videogen/provider-utils';
import type { KlingConfig } from './kling-config';
import { klingFailedResponseHandler } from './kling-error';
import {
  decodeKlingListCursor,
  encodeKlingListCursor,
  KLING_ENDPOINTS,
  KLING_LIST_MAX_PAGE_SIZE,
  klingTaskListResponseSchema,
  klingTaskResponseSchema,
  mapKlingListedTask,
  mapKlingTask,
  nextKlingListPosition,
  parseKlingOperation,
  type KlingListPosition,
  type KlingTask,
  type KlingVideoOperation,
} from './kling-operation';
import {
  KLING_DEFAULT_POLL_INTERVAL_MS,
  KLING_VIDEO_RETENTION_MS,
  klingVideoModelOptionsSchema,
  toKlingVideoModelV3Capabilities,
  type KlingVideoModelId,
} from './kling-video-model-options';
import { prepareKlingRequest, readKlingVideoId } from './kling-video-request';

/** Kling's default `pageSize` of a task list when the caller gives no `limit`. */
const DEFAULT_LIST_PAGE_SIZE = 30;

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

  /** A call answered with one task (create, query). */
  private async callApi(
    url: string,
    options: { body?: unknown; headers?: Record<string, string | undefined>; abortSignal?: AbortSignal },
  ): Promise<{ task: KlingTask; responseHeaders: Record<string, string> | undefined }> {
    const { data, responseHeaders } = await this.callEnvelope(url, klingTaskResponseSchema, options);
    return { task: data, responseHeaders };
  }

  /**
   * One call through the shared HTTP layer: a JSON `POST` with `body`, else a
   * `GET`; the credential only to `credentialOrigin`; Kling's error body (and
   * an HTTP 200 whose `code` is not 0) as an `APICallError`. Returns the
   * envelope's `data` (a task, or a page of tasks).
   */
  private async callEnvelope<DATA>(
    url: string,
    schema: Parameters<
      typeof createJsonResponseHandler<{ code: number; message?: string | null; data?: DATA | null }>
    >[0],
    {
      body,
      headers,
      abortSignal,
    }: { body?: unknown; headers?: Record<string, string | undefined>; abortSignal?: AbortSignal },
  ): Promise<{ data: DATA; responseHeaders: Record<string, string> | undefined }> {
    const request = {
      url,
      headers: combineHeaders(await this.config.headers(), headers),
      credentialOrigin: this.credentialOrigin,
      failedResponseHandler: klingFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(schema),
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
    return { data: value.data, responseHeaders };
  }

  private response(headers: Record<string, string> | undefined) {
    return { timestamp: this.config._internal?.currentDate?.() ?? new Date(), modelId: this.modelId, headers };
  }

  /** `POST {baseURL}/v1/videos/{text2video | image2video | multi-image2video | video-extend}`. */
  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    const { endpoint, body, warnings } = await prepareKlingRequest({
      model: this,
      options,
      providerOptions,
      findVideoId: (job, index) => this.findVideoId(job, index, options),
    });
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

  // No doCancel / doDelete: Kling documents no cancel or delete endpoint.
  // No doDownload: result URLs are public (anti-hotlink CDN links), fetched without credentials.

  /**
   * The account's tasks, one page at a time: `GET {baseURL}/v1/videos/{endpoint}?pageNum=&pageSize=`.
   * Kling lists each family on its own path, so the pages walk `text2video`,
   * `image2video`, `multi-image2video` and `video-extend` in turn; the cursor
   * (`after`, `nextCursor`) is `<endpoint>:<pageNum>`. `limit` is the
   * `pageSize` (1–500, default 30). Kling filters no status: `status` filters
   * the page read (a page may come back shorter, or empty with a cursor).
   * Kling's tasks name no model, so a listed job has no `modelId`; any Kling
   * model resumes its `operation`.
   */
  async doListJobs(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult> {
    const pageSize = options.limit ?? DEFAULT_LIST_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > KLING_LIST_MAX_PAGE_SIZE) {
      throw new InvalidArgumentError({
        argument: 'limit',
        message: `Kling lists 1 to ${KLING_LIST_MAX_PAGE_SIZE} tasks per page; got limit ${pageSize}.`,
      });
    }
    let position: KlingListPosition | undefined =
      options.after !== undefined ? decodeKlingListCursor(options.after) : { endpoint: KLING_ENDPOINTS[0], pageNum: 1 };
    while (position) {
      const { endpoint, pageNum } = position;
      const { data: tasks } = await this.callEnvelope(
        `${this.config.baseURL}/v1/videos/${endpoint}?pageNum=${pageNum}&pageSize=${pageSize}`,
        klingTaskListResponseSchema,
        { headers: options.headers, abortSignal: options.abortSignal },
      );
      const next = nextKlingListPosition(position, { count: tasks.length, pageSize });
      // An empty page of one family moves on to the next family in the same call.
      if (tasks.length > 0 || next === undefined) {
        const jobs = tasks
          .map((task) => mapKlingListedTask(task, endpoint))
          .filter((job) => options.status === undefined || job.status === options.status);
        return { jobs, ...(next ? { nextCursor: encodeKlingListCursor(next) } : {}) };
      }
      position = next;
    }
    return { jobs: [] };
  }

  /**
   * The public CDN URL of a completed task's video (read with `doStatus`'s
   * request), valid while Kling keeps it: 30 days after the task was created
   * (`expiresAt`). Kling's URLs are not signed per request, so `expiresIn` is
   * not used. An `InvalidArgumentError` for a task that is not completed or an
   * index it has no video for.
   */
  async doGetDownloadUrl(options: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl> {
    const { taskId, endpoint } = parseKlingOperation(options.operation);
    const { task } = await this.callApi(`${this.config.baseURL}/v1/videos/${endpoint}/${encodeURIComponent(taskId)}`, {
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    const index = options.index ?? 0;
    const video = task.task_result?.videos?.[index];
    if ((task.task_status !== 'succeed' && task.task_status !== 'succeeded') || !video) {
      throw new InvalidArgumentError({
        argument: 'operation',
        message:
          video === undefined && (task.task_status === 'succeed' || task.task_status === 'succeeded')
            ? `The Kling task ${taskId} has no video at index ${index}.`
            : `The Kling task ${taskId} is ${task.task_status}; a download link needs a completed task.`,
      });
    }
    return {
      url: video.url,
      mediaType: 'video/mp4',
      ...(typeof task.created_at === 'number'
        ? { expiresAt: new Date(task.created_at + KLING_VIDEO_RETENTION_MS) }
        : {}),
    };
  }

  /** The `video_id` of a job's video: from its completed status (one status request). */
  private async findVideoId(job: VideoJob, index: number, options: VideoModelV3StartOptions): Promise<string> {
    const status = await this.doStatus({
      operation: job.operation,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    if (status.status !== 'completed') {
      throw invalidVideoArgument(
        'sourceVideo',
        `The Kling job to extend is ${status.status}; Kling extends the video of a completed job.`,
      );
    }
    const videoId = readKlingVideoId(status.providerMetadata, index);
    if (videoId === undefined) {
      throw invalidVideoArgument('sourceVideo', `The Kling job has no video id at index ${index}.`);
    }
    return videoId;
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
