import type {
  VideoModelV3,
  VideoModelV3CallOptions,
  VideoModelV3Capabilities,
  VideoModelV3DownloadOptions,
  VideoModelV3DownloadUrl,
  VideoModelV3DownloadUrlOptions,
  VideoModelV3GenerateResult,
  VideoModelV3ListJobsOptions,
  VideoModelV3ListJobsResult,
  VideoModelV3OperationOptions,
  VideoModelV3StartOptions,
  VideoModelV3StartResult,
  VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { generateVideoFromJob, parseProviderOptions } from '@videogen/provider-utils';
import type { OpenAIConfig } from './openai-config';
import { deleteOpenAIJob, listOpenAIJobs } from './openai-jobs';
import {
  getOpenAIVideoStatus,
  openaiVideoMetadata,
  parseOpenAIOperation,
  type OpenAIVideoOperation,
} from './openai-operation';
import { getOpenAIVideoRequest } from './openai-video-request';
import {
  getOpenAIVideoModelCapabilities,
  OPENAI_DEFAULT_POLL_INTERVAL_MS,
  openaiVideoModelOptionsSchema,
  type OpenAIVideoModelId,
  type OpenAIVideoModelOptions,
} from './openai-video-model-options';
import {
  createVideoFromSource,
  createVideoJson,
  createVideoMultipart,
  downloadWithCredentials,
  remixVideo,
  retrieveVideo,
} from './openai-videos';

/**
 * A model of the OpenAI Videos API (Sora), or of an endpoint with the same
 * wire format (Azure OpenAI, gateways).
 *
 * - `doStart`: `POST /videos` (JSON; multipart when the first frame is
 *   bytes); with `sourceVideo`, `POST /videos/{id}/remix` (`remix`),
 *   `POST /videos/edits` (`edit`) or `POST /videos/extensions` (`extend`).
 * - `doStatus`: `GET /videos/{id}`.
 * - `doDownload`: `GET /videos/{id}/content[?variant=…]` with credentials
 *   sent only to the API's origin.
 * - `doListJobs`: `GET /videos`; `doDelete`: `DELETE /videos/{id}`.
 * - `doGetDownloadUrl`: `undefined`, since the content needs credentials.
 * - No `doCancel`: the API has no cancel endpoint (`DELETE /videos/{id}`
 *   removes a finished job; it is not a cancel).
 */
export class OpenAIVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /** The API makes one video per job; core splits `n`. */
  readonly maxVideosPerCall = 1;
  /** Sizes, durations and inputs this model accepts. */
  readonly capabilities: VideoModelV3Capabilities;
  /** Default time between status requests: 5000 ms, the interval of OpenAI's own poll helpers. */
  readonly pollIntervalMs = OPENAI_DEFAULT_POLL_INTERVAL_MS;

  get provider(): string {
    return this.config.provider;
  }

  constructor(
    readonly modelId: OpenAIVideoModelId,
    private readonly config: OpenAIConfig,
  ) {
    this.capabilities = getOpenAIVideoModelCapabilities(modelId);
  }

  async doGenerate(options: VideoModelV3CallOptions): Promise<VideoModelV3GenerateResult> {
    const openaiOptions = await this.parseOptions(options);
    return generateVideoFromJob({
      model: this,
      options,
      poll: { intervalMs: openaiOptions.pollIntervalMs, timeoutMs: openaiOptions.pollTimeoutMs },
    });
  }

  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const openaiOptions = await this.parseOptions(options);
    const { request, warnings } = getOpenAIVideoRequest({
      model: this,
      capabilities: this.capabilities,
      options,
      openaiOptions,
    });
    const requestOptions = {
      abortSignal: options.abortSignal,
      headers: options.headers,
      idempotencyKey: options.idempotencyKey,
    };
    const { value: video, responseHeaders } =
      request.type === 'remix'
        ? await remixVideo(this.config, request, requestOptions)
        : request.type === 'source'
          ? await createVideoFromSource(this.config, request, requestOptions)
          : request.type === 'create-multipart'
            ? await createVideoMultipart(this.config, request.formData, requestOptions)
            : await createVideoJson(this.config, request.body, requestOptions);

    const operation: OpenAIVideoOperation = { videoId: video.id };
    return {
      operation,
      warnings,
      providerMetadata: { openai: openaiVideoMetadata(this.config, video) },
      response: { timestamp: this.currentDate(), modelId: video.model ?? this.modelId, headers: responseHeaders },
    };
  }

  async doStatus({ operation, abortSignal, headers }: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { videoId } = parseOpenAIOperation(operation);
    const { value: video, responseHeaders } = await retrieveVideo(this.config, videoId, { abortSignal, headers });
    return getOpenAIVideoStatus({
      config: this.config,
      video,
      responseHeaders,
      modelId: this.modelId,
      timestamp: this.currentDate(),
    });
  }

  /**
   * Fetches a content URL of this provider (the video from `doStatus`, or
   * `thumbnailUrl` / `spritesheetUrl` from the provider metadata) with the
   * credentials, which go only to the base URL's origin; a redirect elsewhere
   * passes the private-network guard unless `allowPrivateNetwork`.
   */
  async doDownload({
    video,
    abortSignal,
    headers,
    allowPrivateNetwork,
  }: VideoModelV3DownloadOptions): Promise<Response> {
    return downloadWithCredentials(this.config, video.url, { abortSignal, headers, allowPrivateNetwork });
  }

  /**
   * One page of the account's videos (all models), newest first:
   * `GET /videos?order=desc`, `after` being the last id of the previous page.
   * The API has no status filter, so `status` filters the page it returned.
   */
  async doListJobs(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult> {
    return listOpenAIJobs(this.config, options);
  }

  /**
   * `DELETE /videos/{id}`: deletes a completed or failed video and its
   * assets; one already gone resolves. A queued or running video cannot be
   * deleted (the API answers 400).
   */
  async doDelete({ operation, abortSignal, headers }: VideoModelV3OperationOptions): Promise<void> {
    const { videoId } = parseOpenAIOperation(operation);
    await deleteOpenAIJob(this.config, videoId, { abortSignal, headers });
  }

  /**
   * Always `undefined`: the video is served only by `GET /videos/{id}/content`
   * with the API key, never from a public URL, so the app signs a link to
   * its own route instead.
   */
  async doGetDownloadUrl({ operation }: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl | undefined> {
    parseOpenAIOperation(operation);
    return undefined;
  }

  private async parseOptions(options: VideoModelV3CallOptions): Promise<OpenAIVideoModelOptions> {
    return (
      (await parseProviderOptions({
        provider: 'openai',
        providerOptions: options.providerOptions,
        schema: openaiVideoModelOptionsSchema,
      })) ?? {}
    );
  }

  private currentDate(): Date {
    return this.config._internal?.currentDate?.() ?? new Date();
  }
}
