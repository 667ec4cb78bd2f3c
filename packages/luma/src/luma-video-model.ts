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
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
} from '@videogen/provider-utils';
import type { LumaConfig } from './luma-config';
import { lumaFailedResponseHandler } from './luma-error';
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
    const { path, body, warnings } = prepareLumaRequest({ model: this, options, providerOptions });
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

  // No doCancel: Luma cannot cancel a generation (`DELETE /generations/{id}` deletes one, with its video).
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
