import {
  APICallError,
  InvalidArgumentError,
  type VideoJob,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3DownloadUrl,
  type VideoModelV3DownloadUrlOptions,
  type VideoModelV3File,
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
  extractResponseHeaders,
  fileToBytes,
  generateVideoFromJob,
  getFileMediaType,
  getFromApi,
  invalidVideoArgument,
  parseProviderOptions,
  postFormDataToApi,
  postJsonToApi,
} from '@videogen/provider-utils';
import type { RunwayConfig } from './runway-config';
import { runwayFailedResponseHandler } from './runway-error';
import {
  getRunwayOutputExpiry,
  mapRunwayTask,
  parseRunwayOperation,
  runwayCreateResponseSchema,
  runwayTaskSchema,
  runwayUploadResponseSchema,
  type RunwayVideoOperation,
} from './runway-operation';
import {
  RUNWAY_DEFAULT_POLL_INTERVAL_MS,
  runwayVideoModelOptionsSchema,
  toVideoModelV3Capabilities,
  type RunwayVideoModelId,
} from './runway-video-model-options';
import { prepareRunwayRequest } from './runway-video-request';

/**
 * A Runway model (`runway.video(modelId)`): tasks created with
 * `POST /v1/{text_to_video|image_to_video|video_to_video}`, polled with
 * `GET /v1/tasks/{id}`, cancelled (or deleted once finished) with
 * `DELETE /v1/tasks/{id}`. The output URLs are public signed URLs, fetched
 * without the key (core's download), so there is no `doDownload`.
 */
export class RunwayVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /**
   * Default time between status requests: 6 s, as `@runwayml/sdk` polls
   * (Runway: "do not expect updates more often than once every five seconds").
   * `providerOptions.runway.pollIntervalMs` wins.
   */
  readonly pollIntervalMs = RUNWAY_DEFAULT_POLL_INTERVAL_MS;
  /** One video per task. */
  readonly maxVideosPerCall = 1;

  constructor(
    readonly modelId: RunwayVideoModelId,
    private readonly config: RunwayConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  /** What this model accepts (see the README's model table). */
  get capabilities(): VideoModelV3Capabilities {
    return (this.#capabilities ??= toVideoModelV3Capabilities(this.modelId));
  }

  #capabilities: VideoModelV3Capabilities | undefined;

  /** The origin of the configured base URL: the only one the key goes to. */
  private get credentialOrigin(): string {
    return new URL(this.config.baseURL).origin;
  }

  private response(headers: Record<string, string> | undefined) {
    return { timestamp: this.config._internal?.currentDate?.() ?? new Date(), modelId: this.modelId, headers };
  }

  private parseOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
    return parseProviderOptions({ provider: 'runway', providerOptions, schema: runwayVideoModelOptionsSchema });
  }

  private async request(headers: Record<string, string | undefined> | undefined, abortSignal?: AbortSignal) {
    return {
      headers: combineHeaders(await this.config.headers(), headers),
      credentialOrigin: this.credentialOrigin,
      failedResponseHandler: runwayFailedResponseHandler,
      abortSignal,
      fetch: this.config.fetch,
    };
  }

  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    const { endpoint, body, warnings } = await prepareRunwayRequest({
      model: this,
      options,
      providerOptions,
      uploadFile: (file) => this.upload(file, options),
      findJobVideoUrl: (job, index) => this.findJobVideoUrl(job, index, options),
    });
    const { value, responseHeaders } = await postJsonToApi({
      ...(await this.request(options.headers, options.abortSignal)),
      url: `${this.config.baseURL}/v1/${endpoint}`,
      body,
      successfulResponseHandler: createJsonResponseHandler(runwayCreateResponseSchema),
    });
    const operation: RunwayVideoOperation = { id: value.id };
    const estimatedCredits = value.estimatedCost?.credits;
    return {
      operation,
      warnings,
      providerMetadata: {
        runway: { taskId: value.id, endpoint, ...(typeof estimatedCredits === 'number' ? { estimatedCredits } : {}) },
      },
      response: this.response(responseHeaders),
    };
  }

  /** `GET {baseURL}/v1/tasks/{id}`. */
  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { value, responseHeaders } = await this.getTask(options);
    return mapRunwayTask(value, { response: this.response(responseHeaders) });
  }

  private async getTask(options: VideoModelV3OperationOptions) {
    const { id } = parseRunwayOperation(options.operation);
    return getFromApi({
      ...(await this.request(options.headers, options.abortSignal)),
      url: `${this.config.baseURL}/v1/tasks/${id}`,
      successfulResponseHandler: createJsonResponseHandler(runwayTaskSchema),
    });
  }

  /**
   * `DELETE {baseURL}/v1/tasks/{id}`: deletes a finished task and its outputs
   * (a pending or running one is cancelled: Runway's one endpoint does both).
   * A task that is already gone (404) resolves.
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
   * The output URL of a completed task, read fresh from the task: a public
   * signed URL that Runway lets expire within 24–48 hours. `expiresAt` is the
   * `exp` of the URL's `_jwt` token where it has one, else 24 hours after the
   * task was read (the short end of Runway's window). `expiresIn` is not used:
   * Runway signs its own URLs. An `InvalidArgumentError` for a task that is not
   * completed or an index it has no output for.
   */
  async doGetDownloadUrl(options: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl> {
    const { value } = await this.getTask(options);
    const index = options.index ?? 0;
    const url = value.status === 'SUCCEEDED' ? value.output?.[index] : undefined;
    if (url === undefined) {
      throw new InvalidArgumentError({
        argument: 'operation',
        message:
          value.status === 'SUCCEEDED'
            ? `The Runway task ${value.id} has no output at index ${index}.`
            : `The Runway task ${value.id} is ${value.status}; a download link needs a SUCCEEDED task.`,
      });
    }
    const now = this.config._internal?.currentDate?.() ?? new Date();
    return { url, mediaType: 'video/mp4', expiresAt: getRunwayOutputExpiry(url, now) };
  }

  /** A Runway job's output URL for `video_to_video`, fresh from its task (one status request). */
  private async findJobVideoUrl(job: VideoJob, index: number, options: VideoModelV3StartOptions): Promise<string> {
    const status = await this.doStatus({
      operation: job.operation,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    if (status.status !== 'completed') {
      throw invalidVideoArgument(
        'sourceVideo',
        `The Runway job to edit is ${status.status}; Runway edits the output of a SUCCEEDED task.`,
      );
    }
    const video = status.videos[index];
    if (video?.type !== 'url') {
      throw invalidVideoArgument('sourceVideo', `The Runway job has no output at index ${index}.`);
    }
    return video.url;
  }

  /**
   * `DELETE {baseURL}/v1/tasks/{id}`: cancels a pending or running task
   * (a finished one is deleted, and its output URLs stop working).
   */
  async doCancel(options: VideoModelV3OperationOptions): Promise<void> {
    const { id } = parseRunwayOperation(options.operation);
    await deleteFromApi({
      ...(await this.request({ accept: '*/*', ...options.headers }, options.abortSignal)),
      url: `${this.config.baseURL}/v1/tasks/${id}`,
      successfulResponseHandler: discardResponseHandler,
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

  /**
   * An ephemeral upload, as `@runwayml/sdk`'s `uploads.createEphemeral`:
   * `POST /v1/uploads { filename, type: "ephemeral" }`, then the returned
   * `fields` and the file as multipart to `uploadUrl` (storage on another
   * origin: sent without the key). Returns the `runway://` URI.
   */
  private async upload(file: VideoModelV3File, options: VideoModelV3StartOptions): Promise<string> {
    const { data, mediaType } = await fileToBytes(file, { fetch: this.config.fetch, abortSignal: options.abortSignal });
    const type = mediaType ?? getFileMediaType(file) ?? 'application/octet-stream';
    const filename = `input.${EXTENSIONS[type] ?? type.split('/')[1] ?? 'bin'}`;
    const { value } = await postJsonToApi({
      ...(await this.request(options.headers, options.abortSignal)),
      url: `${this.config.baseURL}/v1/uploads`,
      body: { filename, type: 'ephemeral' },
      successfulResponseHandler: createJsonResponseHandler(runwayUploadResponseSchema),
    });
    const form = new FormData();
    for (const [key, fieldValue] of Object.entries(value.fields ?? {})) form.append(key, fieldValue);
    form.append('file', new Blob([data as Uint8Array<ArrayBuffer>], { type }), filename);
    await postFormDataToApi({
      url: value.uploadUrl,
      formData: form,
      // Storage is another origin: no credentials (sendRequest would strip them anyway).
      headers: {},
      failedResponseHandler: runwayFailedResponseHandler,
      successfulResponseHandler: discardResponseHandler,
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    return value.runwayUri;
  }
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
};

/** An answer that needs no reading beyond its status (DELETE, the storage upload): the body is drained. */
const discardResponseHandler: ResponseHandler<undefined> = async ({ response }) => {
  await response.text().catch(() => undefined);
  return { value: undefined, responseHeaders: extractResponseHeaders(response) };
};
