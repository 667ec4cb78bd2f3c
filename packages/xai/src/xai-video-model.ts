import {
  InvalidArgumentError,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3DownloadUrl,
  type VideoModelV3DownloadUrlOptions,
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
  getCompletedVideo,
} from '@videogen/provider-utils';
import type { XaiConfig } from './xai-config';
import { xaiFailedResponseHandler } from './xai-error';
import {
  mapXaiVideoStatus,
  parseXaiOperation,
  xaiStartedJobSchema,
  xaiVideoStatusResponseHandler,
  type XaiVideoOperation,
} from './xai-operation';
import {
  getXaiVideoModelCapabilities,
  XAI_DEFAULT_POLL_INTERVAL_MS,
  xaiVideoModelOptionsSchema,
  type XaiVideoModelId,
  type XaiVideoModelOptions,
} from './xai-video-model-options';
import { getXaiVideoRequest } from './xai-video-request';

/**
 * A Grok Imagine video model.
 *
 * - `doStart`: `POST /v1/videos/generations` (text, start frame, last frame, reference images),
 *   `/v1/videos/edits` or `/v1/videos/extensions` (`providerOptions.xai.mode` + `videoUrl`).
 * - `doStatus`: `GET /v1/videos/{request_id}` (202 while running, possibly with an empty body).
 * - No `doCancel`: the API has no cancel endpoint.
 * - No `doDownload`: the video URL (`vidgen.x.ai`) is public and fetched without credentials;
 *   `doGetDownloadUrl` returns it.
 * - `sourceVideo` (`edit`, `extend`): `/v1/videos/edits` and `/v1/videos/extensions`.
 */
export class XaiVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /** One video per job; core splits `n`. */
  readonly maxVideosPerCall = 1;
  /** Durations, sizes and inputs of a generation. */
  readonly capabilities: VideoModelV3Capabilities;
  /** Default time between status requests: 5000 ms (xAI: poll "every few seconds"; its examples sleep 5 s). */
  readonly pollIntervalMs = XAI_DEFAULT_POLL_INTERVAL_MS;

  constructor(
    readonly modelId: XaiVideoModelId,
    private readonly config: XaiConfig,
  ) {
    this.capabilities = getXaiVideoModelCapabilities(modelId);
  }

  get provider(): string {
    return this.config.provider;
  }

  /** The origin of the configured base URL: the only one the key goes to. */
  private get credentialOrigin(): string {
    return new URL(this.config.baseURL).origin;
  }

  async doGenerate(options: VideoModelV3CallOptions): Promise<VideoModelV3GenerateResult> {
    const xaiOptions = await this.parseOptions(options);
    return generateVideoFromJob({
      model: this,
      options,
      poll: { intervalMs: xaiOptions.pollIntervalMs, timeoutMs: xaiOptions.pollTimeoutMs },
    });
  }

  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const xaiOptions = await this.parseOptions(options);
    const { request, warnings } = getXaiVideoRequest({
      model: this,
      capabilities: this.capabilities,
      options,
      xaiOptions,
    });
    if (request.sourceJob) {
      request.body.video = { url: await this.getSourceJobVideoUrl(request.sourceJob.requestId, request.mode, options) };
    }
    const { value, responseHeaders } = await postJsonToApi({
      url: `${this.config.baseURL}${request.path}`,
      headers: combineHeaders(await this.config.headers(), options.headers),
      body: request.body,
      credentialOrigin: this.credentialOrigin,
      failedResponseHandler: xaiFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(xaiStartedJobSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    const operation: XaiVideoOperation = { requestId: value.request_id };
    return {
      operation,
      warnings,
      providerMetadata: { xai: { requestId: value.request_id, mode: request.mode } },
      response: { timestamp: this.currentDate(), modelId: this.modelId, headers: responseHeaders },
    };
  }

  /** `GET {baseURL}/videos/{request_id}`. */
  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { requestId } = parseXaiOperation(options.operation);
    const { value, responseHeaders } = await getFromApi({
      url: `${this.config.baseURL}/videos/${encodeURIComponent(requestId)}`,
      headers: combineHeaders(await this.config.headers(), options.headers),
      credentialOrigin: this.credentialOrigin,
      failedResponseHandler: xaiFailedResponseHandler,
      successfulResponseHandler: xaiVideoStatusResponseHandler,
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    return mapXaiVideoStatus(value, {
      requestId,
      response: { timestamp: this.currentDate(), modelId: this.modelId, headers: responseHeaders },
    });
  }

  /**
   * The video URL of a completed job of this provider, the source of an edit or extension
   * (`GET /videos/{request_id}`; free). A job without a video is refused before anything is paid for.
   */
  private async getSourceJobVideoUrl(
    requestId: string,
    mode: string,
    options: Pick<VideoModelV3StartOptions, 'abortSignal' | 'headers'>,
  ): Promise<string> {
    const status = await this.doStatus({
      operation: { requestId },
      abortSignal: options.abortSignal,
      headers: options.headers,
    });
    const video = status.status === 'completed' ? status.videos[0] : undefined;
    if (video?.type !== 'url') {
      throw new InvalidArgumentError({
        argument: 'sourceVideo',
        message: `The xAI job ${requestId} has no video to ${mode === 'edit' ? 'edit' : 'extend'}: it is ${status.status === 'pending' ? 'still running' : 'failed'}.`,
      });
    }
    return video.url;
  }

  /**
   * The completed job's video URL (`vidgen.x.ai`), which a browser fetches without credentials.
   * xAI says generated URLs are temporary but documents no lifetime, so no `expiresAt` is given
   * and `expiresIn` cannot be chosen. A job that is not completed is an `InvalidArgumentError`.
   */
  async doGetDownloadUrl(options: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl | undefined> {
    const { requestId } = parseXaiOperation(options.operation);
    const video = getCompletedVideo(await this.doStatus(options), {
      index: options.index,
      job: `The xAI job ${requestId}`,
    });
    return video.type === 'url' ? { url: video.url, mediaType: video.mediaType ?? 'video/mp4' } : undefined;
  }

  // No doListJobs / doDelete: the xAI video API lists and deletes nothing.
  // No doCancel: the xAI video API has no cancel (reference §1.5; no client implements one).

  private async parseOptions(options: VideoModelV3CallOptions): Promise<XaiVideoModelOptions> {
    return (
      (await parseProviderOptions({
        provider: 'xai',
        providerOptions: options.providerOptions,
        schema: xaiVideoModelOptionsSchema,
      })) ?? {}
    );
  }

  private currentDate(): Date {
    return this.config._internal?.currentDate?.() ?? new Date();
  }
}
