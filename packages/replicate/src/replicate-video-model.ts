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
import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';
import {
  createJsonResponseHandler,
  fileToBytes,
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postFormDataToApi,
  postJsonToApi,
  type StandardSchema,
} from '@videogen/provider-utils';
import type { ReplicateConfig } from './replicate-config';
import type { ReplicateVideoModelOptions } from './replicate-video-model-options';
import { replicateFailedResponseHandler } from './replicate-error';
import {
  mapReplicatePrediction,
  parseReplicateOperation,
  readReplicateOutputVideos,
  replicatePredictionPageSchema,
  replicateFileSchema,
  replicatePredictionSchema,
  toListedJob,
  type ReplicateVideoOperation,
} from './replicate-operation';
import {
  REPLICATE_DEFAULT_MAX_INPUT_FILE_BYTES,
  REPLICATE_DEFAULT_POLL_INTERVAL_MS,
  REPLICATE_MAX_DATA_URL_BYTES,
  REPLICATE_OUTPUT_RETENTION_MS,
  replicateVideoModelOptionsSchema,
  toVideoModelV3Capabilities,
  type ReplicateVideoModelId,
} from './replicate-video-model-options';
import {
  getReplicatePredictionTarget,
  prepareReplicateRequest,
  type ResolveReplicateFile,
} from './replicate-video-request';

/**
 * Any Replicate video model through the predictions API
 * (`{baseURL}/models/{owner}/{name}/predictions`, or `{baseURL}/predictions`
 * with a version). One prediction per call; the output files are public
 * `replicate.delivery` URLs (kept 1 hour): `doGenerate` returns them as URLs
 * and core's download fetches them without the token (no `doDownload`).
 */
export class ReplicateVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /** One prediction per call; core splits `n`. */
  readonly maxVideosPerCall = 1;
  /**
   * Default time between status requests: 2 s (the Vercel AI SDK's Replicate
   * video model; Replicate's SDK polls every 0.5 s). `providerOptions.replicate.pollIntervalMs` wins.
   */
  readonly pollIntervalMs = REPLICATE_DEFAULT_POLL_INTERVAL_MS;

  constructor(
    readonly modelId: ReplicateVideoModelId,
    private readonly config: ReplicateConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  /** What this model accepts (the known models; `{ maxVideosPerCall: 1 }` for any other). */
  get capabilities(): VideoModelV3Capabilities {
    return (this.#capabilities ??= toVideoModelV3Capabilities(this.modelId));
  }

  #capabilities: VideoModelV3Capabilities | undefined;

  /** The origin of the configured base URL: the only one the token goes to. */
  private get credentialOrigin(): string {
    return new URL(this.config.baseURL).origin;
  }

  private parseOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
    return parseProviderOptions({ provider: 'replicate', providerOptions, schema: replicateVideoModelOptionsSchema });
  }

  private async request<T>(
    url: string,
    schema: StandardSchema<T>,
    options: { headers?: Record<string, string | undefined>; abortSignal?: AbortSignal; body?: unknown },
  ) {
    const request = {
      url,
      headers: combineHeaders(await this.config.headers(), options.headers),
      credentialOrigin: this.credentialOrigin,
      failedResponseHandler: replicateFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(schema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    };
    return options.body === undefined ? getFromApi(request) : postJsonToApi({ ...request, body: options.body });
  }

  private response(headers: Record<string, string> | undefined) {
    return { timestamp: this.config._internal?.currentDate?.() ?? new Date(), modelId: this.modelId, headers };
  }

  private predictionURL(id: string): string {
    return `${this.config.baseURL}/predictions/${encodeURIComponent(id)}`;
  }

  /**
   * `POST {baseURL}/models/{owner}/{name}/predictions` (or `/predictions` with
   * `version`); the prediction id is the job reference.
   */
  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    const { body, headers, warnings } = await prepareReplicateRequest({
      model: this,
      options,
      providerOptions,
      resolveFile: this.fileResolver(options, providerOptions),
    });
    const { path } = getReplicatePredictionTarget(this.modelId);
    const { value, responseHeaders } = await this.request(`${this.config.baseURL}${path}`, replicatePredictionSchema, {
      body,
      headers: combineHeaders(headers, options.headers),
      abortSignal: options.abortSignal,
    });
    const operation: ReplicateVideoOperation = { id: value.id };
    return {
      operation,
      warnings,
      providerMetadata: {
        replicate: { predictionId: value.id, ...(value.version ? { version: value.version } : {}) },
      },
      response: this.response(responseHeaders),
    };
  }

  /**
   * How `prepareReplicateRequest` sends a file: an `http(s)` URL as is; bytes
   * and `data:` URLs inline up to 256 KB (`fileUpload: 'auto'`), else uploaded
   * with `POST {baseURL}/files` (multipart `content`, as Replicate's SDK does)
   * and sent as the file's `urls.get`.
   */
  private fileResolver(
    options: VideoModelV3StartOptions,
    providerOptions: ReplicateVideoModelOptions | undefined,
  ): ResolveReplicateFile {
    const strategy = providerOptions?.fileUpload ?? 'auto';
    return async (file) => {
      if (file.type === 'url' && /^https?:/i.test(file.url)) return file.url;
      const { data, mediaType } = await fileToBytes(file, {
        maxBytes: providerOptions?.maxInputFileBytes ?? REPLICATE_DEFAULT_MAX_INPUT_FILE_BYTES,
      });
      const type = mediaType ?? 'application/octet-stream';
      if (strategy === 'data-url' || (strategy === 'auto' && data.length <= REPLICATE_MAX_DATA_URL_BYTES)) {
        return `data:${type};base64,${convertUint8ArrayToBase64(data)}`;
      }
      const formData = new FormData();
      const extension = type.split('/')[1]?.split(/[+;]/)[0] ?? 'bin';
      formData.append('content', new Blob([data as BlobPart], { type }), `input.${extension}`);
      formData.append('metadata', new Blob(['{}'], { type: 'application/json' }));
      const { value } = await postFormDataToApi({
        url: `${this.config.baseURL}/files`,
        formData,
        headers: combineHeaders(await this.config.headers(), options.headers),
        credentialOrigin: this.credentialOrigin,
        failedResponseHandler: replicateFailedResponseHandler,
        successfulResponseHandler: createJsonResponseHandler(replicateFileSchema),
        abortSignal: options.abortSignal,
        fetch: this.config.fetch,
      });
      return value.urls.get;
    };
  }

  /** `GET {baseURL}/predictions/{id}`. */
  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { id } = parseReplicateOperation(options.operation);
    const { value, responseHeaders } = await this.request(this.predictionURL(id), replicatePredictionSchema, options);
    return mapReplicatePrediction(value, this.response(responseHeaders));
  }

  /** `POST {baseURL}/predictions/{id}/cancel`: a starting or processing prediction becomes `canceled`. */
  async doCancel(options: VideoModelV3OperationOptions): Promise<void> {
    const { id } = parseReplicateOperation(options.operation);
    await this.request(`${this.predictionURL(id)}/cancel`, replicatePredictionSchema, { ...options, body: {} });
  }

  // No doDelete: the predictions API has no delete (a prediction is deleted only on the website;
  // API predictions' data is removed after 1 hour).

  /**
   * `GET {baseURL}/predictions` (100 per page, newest first, across all
   * models). Replicate takes no status filter and no page size: the page is
   * filtered here and cut at `limit`, and the cursor remembers where in the
   * page the next call starts.
   */
  async doListJobs(options: VideoModelV3ListJobsOptions): Promise<VideoModelV3ListJobsResult> {
    const { apiCursor, offset } = parseListCursor(options.after);
    const query = apiCursor ? `?cursor=${encodeURIComponent(apiCursor)}` : '';
    const { value } = await this.request(`${this.config.baseURL}/predictions${query}`, replicatePredictionPageSchema, {
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const jobs = [];
    let index = offset;
    for (; index < value.results.length && jobs.length < limit; index++) {
      const job = toListedJob(value.results[index]);
      if (options.status === undefined || job.status === options.status) jobs.push(job);
    }
    let nextCursor: string | undefined;
    if (index < value.results.length) nextCursor = formatListCursor(apiCursor, index);
    else {
      const next = readCursorParameter(value.next);
      if (next) nextCursor = formatListCursor(next, 0);
    }
    return { jobs, ...(nextCursor ? { nextCursor } : {}) };
  }

  /**
   * The output's own `replicate.delivery` URL: public, no token needed, valid
   * until Replicate removes the prediction's data, 1 hour after it ended
   * (`expiresIn` cannot change that).
   */
  async doGetDownloadUrl(options: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl | undefined> {
    const { id } = parseReplicateOperation(options.operation);
    const { value } = await this.request(this.predictionURL(id), replicatePredictionSchema, options);
    if (value.status !== 'succeeded') {
      throw new InvalidArgumentError({
        argument: 'operation',
        message: `The Replicate prediction ${id} is ${value.status}; it has no video to link to.`,
      });
    }
    const videos = readReplicateOutputVideos(value.output);
    const index = options.index ?? 0;
    const video = videos[index];
    if (!video) {
      throw new InvalidArgumentError({
        argument: 'index',
        message: value.data_removed
          ? `The output of the Replicate prediction ${id} was removed (data retention).`
          : `The Replicate prediction ${id} has ${videos.length} video(s); there is no index ${index}.`,
      });
    }
    const completedAt = value.completed_at ? Date.parse(value.completed_at) : Number.NaN;
    return {
      url: video.url,
      mediaType: video.mediaType,
      ...(Number.isFinite(completedAt) ? { expiresAt: new Date(completedAt + REPLICATE_OUTPUT_RETENTION_MS) } : {}),
    };
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

/** Our cursor: Replicate's page cursor and the position in that page (`c=…&o=…`). */
function parseListCursor(after: string | undefined): { apiCursor: string | undefined; offset: number } {
  if (after === undefined || after === '') return { apiCursor: undefined, offset: 0 };
  const params = new URLSearchParams(after);
  const offset = Number(params.get('o') ?? '0');
  if (!Number.isInteger(offset) || offset < 0 || (!params.has('c') && !params.has('o'))) {
    throw new InvalidArgumentError({ argument: 'after', message: 'Not a Replicate list cursor (from nextCursor).' });
  }
  return { apiCursor: params.get('c') || undefined, offset };
}

function formatListCursor(apiCursor: string | undefined, offset: number): string {
  const params = new URLSearchParams();
  if (apiCursor) params.set('c', apiCursor);
  params.set('o', String(offset));
  return params.toString();
}

/** The `cursor` query parameter of a `next` URL (the URL itself is never followed: requests go to `baseURL`). */
function readCursorParameter(next: string | null | undefined): string | undefined {
  if (!next) return undefined;
  try {
    return new URL(next).searchParams.get('cursor') ?? undefined;
  } catch {
    return undefined;
  }
}
