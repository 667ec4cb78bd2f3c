import {
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
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
  getCompletedVideo,
} from '@videogen/provider-utils';
import type { LumaConfig } from './luma-config';
import { lumaFailedResponseHandler } from './luma-error';
import { deleteLumaJob, listLumaJobs } from './luma-jobs';
import { lumaGenerationSchema, mapLumaGeneration, parseLumaOperation, type LumaVideoOperation } from './luma-operation';
import {
  LUMA_DEFAULT_POLL_INTERVAL_MS,
  lumaVideoModelOptionsSchema,
  toLumaVideoModelCapabilities,
  type LumaVideoModelId,
} from './luma-video-model-options';
import { prepareLumaRequest } from './luma-video-request';

/** A Dream Machine (Ray) model (`luma.video(modelId)`). */
export class LumaVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /**
   * Default time between status requests, for generateVideo and doGenerate
   * alike: 5 s (Luma documents none). `providerOptions.luma.pollIntervalMs` wins.
   */
  readonly pollIntervalMs = LUMA_DEFAULT_POLL_INTERVAL_MS;
  /** Luma makes one video per request. */
  readonly maxVideosPerCall = 1;

  constructor(
    readonly modelId: LumaVideoModelId,
    private readonly config: LumaConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  /** What this model accepts (`undefined` fields: unknown). See the capability table in the README. */
  get capabilities(): VideoModelV3Capabilities {
    return (this.#capabilities ??= toLumaVideoModelCapabilities(this.modelId));
  }

  #capabilities: VideoModelV3Capabilities | undefined;

  /** The origin of the configured base URL: the only one the credential headers go to. */
  private get credentialOrigin(): string {
    return new URL(this.config.baseURL).origin;
  }

  private parseOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
    return parseProviderOptions({ provider: 'luma', providerOptions, schema: lumaVideoModelOptionsSchema });
  }

  private response(headers: Record<string, string> | undefined) {
    return { timestamp: this.config._internal?.currentDate?.() ?? new Date(), modelId: this.modelId, headers };
  }

  private async callApi(
    url: string,
    {
      body,
      headers,
      abortSignal,
    }: { body?: unknown; headers?: Record<string, string | undefined>; abortSignal?: AbortSignal },
  ) {
    const request = {
      url,
      headers: combineHeaders(await this.config.headers(), headers),
      credentialOrigin: this.credentialOrigin,
      failedResponseHandler: lumaFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(lumaGenerationSchema),
      abortSignal,
      fetch: this.config.fetch,
    };
    return body === undefined ? getFromApi(request) : postJsonToApi({ ...request, body });
  }

  /**
   * `POST {baseURL}/generations/video` (the path of Luma's SDK), or `/generations/video/modify` with
   * `providerOptions.luma.modify`; the generation id is the job reference.
   */
  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    const request = prepareLumaRequest({ model: this, options, providerOptions });
    const { path, body, warnings } = request;
    if (request.path === '/generations/video/modify' && request.sourceJob) {
      request.body.media = { url: await this.getSourceVideoUrl(request.sourceJob.id, options) };
    }
    const { value, responseHeaders } = await this.callApi(`${this.config.baseURL}${path}`, {
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    const operation: LumaVideoOperation = { id: value.id };
    return {
      operation,
      warnings,
      providerMetadata: { luma: { generationId: value.id, state: value.state } },
      response: this.response(responseHeaders),
    };
  }

  /** `GET {baseURL}/generations/{id}`. */
  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { id } = parseLumaOperation(options.operation);
    const { value, responseHeaders } = await this.callApi(
      `${this.config.baseURL}/generations/${encodeURIComponent(id)}`,
      { headers: options.headers, abortSignal: options.abortSignal },
    );
    return mapLumaGeneration(value, { response: this.response(responseHeaders) });
  }

  /**
   * The video URL of a completed generation, the source of a video-to-video call
   * (`GET /generations/{id}`; free). A generation without a video is refused before anything is paid for.
   */
  private async getSourceVideoUrl(
    id: string,
    options: Pick<VideoModelV3StartOptions, 'abortSignal' | 'headers'>,
  ): Promise<string> {
    const status = await this.doStatus({
      operation: { id },
      abortSignal: options.abortSignal,
      headers: options.headers,
    });
    const video = status.status === 'completed' ? status.videos[0] : undefined;
    if (video?.type !== 'url') {
      throw new InvalidArgumentError({
        argument: 'sourceVideo',
        message: `The Luma generation ${id} has no video to restyle: it is ${status.status === 'pending' ? 'still running' : 'failed'}.`,
      });
    }
    return video.url;
  }

  /**
   * This model's generations, newest first (`GET /generations?limit=&offset=`; the cursor is the
   * offset). Luma filters by neither state nor model, so both filter the page it returned.
   */
  async doListJobs(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult> {
    return listLumaJobs(this.config, options, this.modelId);
  }

  /** `DELETE /generations/{id}`: the generation and its video; one already gone resolves. */
  async doDelete(options: VideoModelV3OperationOptions): Promise<void> {
    await deleteLumaJob(this.config, options);
  }

  /**
   * The completed generation's video on Luma's public CDN (`assets.video`), which a browser
   * fetches without credentials. Luma documents no lifetime for it, so no `expiresAt` is given
   * and `expiresIn` cannot be chosen. A generation that is not completed is an `InvalidArgumentError`.
   */
  async doGetDownloadUrl(options: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl | undefined> {
    const { id } = parseLumaOperation(options.operation);
    const video = getCompletedVideo(await this.doStatus(options), {
      index: options.index,
      job: `The Luma generation ${id}`,
    });
    return video.type === 'url' ? { url: video.url, mediaType: video.mediaType ?? 'video/mp4' } : undefined;
  }

  // No doCancel: Luma cannot cancel a generation (`DELETE /generations/{id}` deletes one, with its video: doDelete).
  // No doDownload: the video URLs (Luma's CDN) are public, so core downloads them without credentials.

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
