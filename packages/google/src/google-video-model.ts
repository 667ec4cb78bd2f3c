import type {
  VideoModelV3,
  VideoModelV3CallOptions,
  VideoModelV3Capabilities,
  VideoModelV3DownloadOptions,
  VideoModelV3DownloadUrl,
  VideoModelV3DownloadUrlOptions,
  VideoModelV3GenerateResult,
  VideoModelV3OperationOptions,
  VideoModelV3StartOptions,
  VideoModelV3StartResult,
  VideoModelV3StatusResult,
  VideoModelV3VideoData,
} from '@videogen/provider-spec';
import { combineHeaders } from '@ai-sdk/provider-utils';
import {
  createJsonResponseHandler,
  DEFAULT_MAX_INPUT_FILE_BYTES,
  fetchWithCredentials,
  fileToBytes,
  generateVideoFromJob,
  getFromApi,
  invalidVideoArgument,
  parseProviderOptions,
  postJsonToApi,
  type ResolvedSourceVideo,
  type StandardSchema,
} from '@videogen/provider-utils';
import type { GoogleConfig, VertexConfig } from './google-config';
import { googleFailedResponseHandler } from './google-error';
import {
  googleOperationSchema,
  mapGoogleOperation,
  parseGoogleOperation,
  startedOperationSchema,
  type GoogleVideoOperation,
} from './google-operation';
import {
  GOOGLE_DEFAULT_POLL_INTERVAL_MS,
  getGoogleVideoModelCapabilities,
  googleGeminiVideoModelOptionsSchema,
  toVideoModelV3Capabilities,
  type GoogleVideoModelId,
} from './google-video-model-options';
import {
  isGoogleFileUri,
  prepareVeoRequest,
  type ReadVeoInput,
  type ReadVeoSourceJob,
  type VeoRequest,
  type VeoRequestOptions,
} from './google-video-request';

/**
 * What Veo models on the Gemini API and on Vertex AI share: the poll
 * interval, `maxVideosPerCall`, `doGenerate` (built from `doStart` +
 * `doStatus`), and the request helpers their `do*` methods call (`callApi`,
 * `submit`, `inputReader`), so that the two APIs cannot drift.
 */
export abstract class VeoVideoModel<CONFIG extends GoogleConfig | VertexConfig> implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /**
   * Default time between status requests, for generateVideo and doGenerate
   * alike: 10 s, as Google's Veo samples poll. `providerOptions.<key>.pollIntervalMs` wins.
   */
  readonly pollIntervalMs = GOOGLE_DEFAULT_POLL_INTERVAL_MS;

  constructor(
    readonly modelId: string,
    protected readonly config: CONFIG,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  /** Veo 3.x makes 1 video per request, Veo 2 up to 2 (`sampleCount`). */
  get maxVideosPerCall(): number | undefined {
    return getGoogleVideoModelCapabilities(this.modelId)?.maxVideosPerCall;
  }

  /** What this model accepts (`undefined` fields: unknown). See the capability table in the README. */
  abstract get capabilities(): VideoModelV3Capabilities;

  protected get currentDate(): Date {
    return this.config._internal?.currentDate?.() ?? new Date();
  }

  /** The origin of the configured base URL: the only one the credential headers go to. */
  protected get credentialOrigin(): string {
    const { baseURL } = this.config;
    return new URL(typeof baseURL === 'function' ? baseURL() : baseURL).origin;
  }

  /** Parses `providerOptions.google` / `providerOptions.vertex`. */
  protected abstract parseOptions(
    providerOptions: VideoModelV3CallOptions['providerOptions'],
  ): Promise<(VeoRequestOptions & { pollIntervalMs?: number; pollTimeoutMs?: number }) | undefined>;

  /**
   * One call to the API through the shared HTTP layer: the configured
   * headers merged with the call's, sent only to `credentialOrigin`, Google's
   * error body as an `APICallError`. A JSON `POST` with `body`, else a `GET`.
   */
  protected async callApi<T>(
    url: string,
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
      url,
      headers: combineHeaders(await this.config.headers(), headers),
      credentialOrigin: this.credentialOrigin,
      failedResponseHandler: googleFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(schema),
      abortSignal,
      fetch: this.config.fetch,
    };
    return body === undefined ? getFromApi(request) : postJsonToApi({ ...request, body });
  }

  /**
   * How `prepareVeoRequest` reads an input Google takes only as bytes: fetched
   * without credentials, at most `maxInputFileBytes`, through the
   * private-network guard unless `allowPrivateNetwork`.
   */
  protected inputReader(
    options: VideoModelV3StartOptions,
    providerOptions: VeoRequestOptions | undefined,
  ): ReadVeoInput {
    return (file) =>
      fileToBytes(file, {
        fetch: this.config.fetch,
        maxBytes: providerOptions?.maxInputFileBytes ?? DEFAULT_MAX_INPUT_FILE_BYTES,
        abortSignal: options.abortSignal,
        allowPrivateNetwork: providerOptions?.allowPrivateNetwork ?? false,
      });
  }

  /**
   * How `prepareVeoRequest` reads the video of a source job (`sourceVideo`
   * with origin `'job'`): the video URI in the completed status's provider
   * metadata when it is this job's, else the given video when it is the API's
   * own reference (a Gemini file URI, a `gs://` URI), else the job's status
   * (a `GET`, nothing paid). A job that has not completed, or has no video at
   * `index`, is an `InvalidArgumentError`.
   */
  protected sourceJobReader(options: VideoModelV3StartOptions, providerKey: 'google' | 'vertex'): ReadVeoSourceJob {
    return async (source: ResolvedSourceVideo): Promise<VideoModelV3VideoData> => {
      const operation = source.job?.operation ?? null;
      const { name } = this.parseOperation(operation);
      const metadata = source.providerMetadata?.[providerKey] as
        | { operationName?: unknown; videoUris?: unknown }
        | undefined;
      const uris = metadata?.operationName === name && Array.isArray(metadata.videoUris) ? metadata.videoUris : [];
      const uri = uris[source.index];
      if (typeof uri === 'string') return { type: 'url', url: uri, mediaType: 'video/mp4' };
      const given = source.video;
      if (
        given?.type === 'url' &&
        (isGoogleFileUri(given, this.credentialOrigin) || (providerKey === 'vertex' && given.url.startsWith('gs://')))
      ) {
        return { type: 'url', url: given.url, mediaType: given.mediaType ?? 'video/mp4' };
      }
      const status = await this.doStatus({ operation, abortSignal: options.abortSignal, headers: options.headers });
      if (status.status !== 'completed') {
        throw invalidVideoArgument(
          'sourceVideo',
          `The job to extend (${name}) has not completed (${status.status}); wait for it, or pass its video.`,
        );
      }
      const video = status.videos[source.index];
      if (video === undefined) {
        throw invalidVideoArgument(
          'sourceVideo',
          `The job ${name} has ${status.videos.length} video(s); sourceVideo.index ${source.index} is out of range.`,
        );
      }
      return video;
    };
  }

  /** Reads a stored job reference of this API. */
  protected abstract parseOperation(operation: unknown): { name: string };

  /**
   * No link without credentials: Gemini file URIs need the API key, Vertex's
   * `gs://` objects an OAuth token (and inline bytes have no URL). Always
   * `undefined` (the video goes through `doDownload`, or a server's signed link).
   */
  async doGetDownloadUrl(options: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl | undefined> {
    this.parseOperation(options.operation);
    return undefined;
  }

  /** Submits a `:predictLongRunning` body; the operation name is the job reference. */
  protected async submit(
    url: string,
    { body, warnings }: VeoRequest,
    options: VideoModelV3StartOptions,
    providerKey: 'google' | 'vertex',
  ): Promise<VideoModelV3StartResult> {
    const { value, responseHeaders } = await this.callApi(url, {
      body,
      schema: startedOperationSchema,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    const operation: GoogleVideoOperation = { name: value.name };
    return {
      operation,
      warnings,
      providerMetadata: { [providerKey]: { operationName: value.name } },
      response: this.response(responseHeaders),
    };
  }

  protected response(headers: Record<string, string> | undefined) {
    return { timestamp: this.currentDate, modelId: this.modelId, headers };
  }

  abstract doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult>;
  abstract doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult>;

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

/** Veo on the Gemini API (`google.video(modelId)`). */
export class GoogleVideoModel extends VeoVideoModel<GoogleConfig> {
  declare readonly modelId: GoogleVideoModelId;

  get capabilities(): VideoModelV3Capabilities {
    // Built once: core reads them on every call.
    return (this.#capabilities ??= toVideoModelV3Capabilities(this.modelId, { seed: false }));
  }

  #capabilities: VideoModelV3Capabilities | undefined;

  protected parseOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
    return parseProviderOptions({ provider: 'google', providerOptions, schema: googleGeminiVideoModelOptionsSchema });
  }

  protected parseOperation(operation: unknown) {
    return parseGoogleOperation(operation);
  }

  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    const request = await prepareVeoRequest({
      model: this,
      options,
      providerOptions,
      variant: 'gemini',
      fileOrigin: this.credentialOrigin,
      readFile: this.inputReader(options, providerOptions),
      readSourceJob: this.sourceJobReader(options, 'google'),
    });
    return this.submit(`${this.config.baseURL}/models/${this.modelId}:predictLongRunning`, request, options, 'google');
  }

  /** `GET {baseURL}/{operation name}`. */
  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { name } = parseGoogleOperation(options.operation);
    const { value, responseHeaders } = await this.callApi(`${this.config.baseURL}/${name}`, {
      schema: googleOperationSchema,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    return mapGoogleOperation(value, { name, response: this.response(responseHeaders) });
  }

  /**
   * Fetches a video with the key in `x-goog-api-key`, sent only to the API's
   * own origin; Google's redirect to storage is followed without it (and
   * must pass the private-network guard unless `allowPrivateNetwork`). The
   * key is never put into a URL.
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

  // No doCancel: the Gemini API has no cancel for Veo operations (the SDK exposes none).
}
