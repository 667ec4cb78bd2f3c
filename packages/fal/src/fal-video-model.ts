import {
  APICallError,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3DownloadUrl,
  type VideoModelV3DownloadUrlOptions,
  type VideoModelV3GenerateResult,
  type VideoModelV3OperationOptions,
  type VideoModelV3StartOptions,
  type VideoModelV3StartResult,
  type VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import {
  createJsonResponseHandler,
  extractResponseHeaders,
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
  putToApi,
  readServerSentEvents,
  sendRequest,
  withDefaultUserAgent,
  getCompletedVideo,
} from '@videogen/provider-utils';
import { combineHeaders, type ResponseHandler } from '@ai-sdk/provider-utils';
import type { FalConfig } from './fal-config';
import { falFailedResponseHandler } from './fal-error';
import {
  type FalOperation,
  type FalResult,
  type FalStatus,
  falQueueUrl,
  falResultSchema,
  falStatusMetadata,
  falStatusSchema,
  falStatusStreamUrl,
  falSubmitResponseSchema,
  mapFalResult,
  mapFalStatus,
  parseFalOperation,
  removeUndefined,
  toFalJobFailure,
  trustedFalUrl,
} from './fal-operation';
import { getFalSubmitHeaders, getFalSubmitUrl, getFalVideoArgs } from './fal-video-request';
import {
  falVideoModelOptionsSchema,
  getFalVideoModelCapabilities,
  type FalVideoModelId,
} from './fal-video-model-options';

/**
 * Time between two status requests when polling: 500 ms, the `@fal-ai/client`
 * queue default (`DEFAULT_POLL_INTERVAL` in its `queue.js`). Polling is the
 * fallback: the status is pushed over fal's SSE stream by default.
 */
export const FAL_POLL_INTERVAL_MS = 500;

type RequestOptions = { abortSignal?: AbortSignal; headers?: Record<string, string | undefined> };

/** A model of one fal endpoint, on fal's queue API. */
export class FalVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /** fal runs one video per request; core splits a larger `n` into requests. */
  readonly maxVideosPerCall = 1;
  /** What the endpoint takes (from the capability table; mostly unknown for other endpoints). */
  readonly capabilities: VideoModelV3Capabilities;
  /** fal's recommended poll interval in ms (see {@link FAL_POLL_INTERVAL_MS}). */
  readonly pollIntervalMs = FAL_POLL_INTERVAL_MS;

  get provider(): string {
    return this.config.provider;
  }

  constructor(
    readonly modelId: FalVideoModelId,
    private readonly config: FalConfig,
  ) {
    this.capabilities = getFalVideoModelCapabilities(modelId);
  }

  async doGenerate(options: VideoModelV3CallOptions): Promise<VideoModelV3GenerateResult> {
    const falOptions = await this.parseOptions(options.providerOptions);
    return generateVideoFromJob({
      model: this,
      options,
      poll: { intervalMs: falOptions?.pollIntervalMs, timeoutMs: falOptions?.pollTimeoutMs },
    });
  }

  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const falOptions = await this.parseOptions(options.providerOptions);
    const { body, warnings } = getFalVideoArgs({ model: this, capabilities: this.capabilities, options, falOptions });
    const url = getFalSubmitUrl(this.config.baseURL, this.modelId, options.webhookUrl);

    const { value: response, responseHeaders } = await postJsonToApi({
      url,
      headers: combineHeaders(this.config.headers(), getFalSubmitHeaders(falOptions), options.headers),
      body,
      failedResponseHandler: falFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(falSubmitResponseSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
      credentialOrigin: this.baseOrigin,
    });

    const operation: FalOperation = removeUndefined({
      requestId: response.request_id,
      endpointId: this.modelId,
      statusUrl: trustedFalUrl(response.status_url, this.baseOrigin),
      responseUrl: trustedFalUrl(response.response_url, this.baseOrigin),
      cancelUrl: trustedFalUrl(response.cancel_url, this.baseOrigin),
      logs: falOptions?.logs || undefined,
      useStatusStream: falOptions?.useStatusStream === false ? false : undefined,
    });

    return {
      operation,
      warnings,
      providerMetadata: {
        fal: removeUndefined({
          requestId: response.request_id,
          gatewayRequestId: response.gateway_request_id ?? undefined,
        }),
      },
      response: { timestamp: this.currentDate(), modelId: this.modelId, headers: responseHeaders },
    };
  }

  async doStatus({ operation, abortSignal, headers }: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const job = parseFalOperation(operation);
    const url = new URL(falQueueUrl(this.config.baseURL, job.statusUrl, job, '/status'));
    url.searchParams.set('logs', job.logs ? '1' : '0');
    const { value: status } = await getFromApi({
      url: url.toString(),
      headers: combineHeaders(this.config.headers(), headers),
      successfulResponseHandler: createJsonResponseHandler(falStatusSchema),
      failedResponseHandler: falFailedResponseHandler,
      abortSignal,
      fetch: this.config.fetch,
      credentialOrigin: this.baseOrigin,
    });
    return this.toStatus(job, status, { abortSignal, headers });
  }

  /**
   * Streams the status over fal's SSE endpoint (`…/status/stream`): pending
   * statuses while queued or running, then the result. When the stream breaks
   * (or ends early) it throws, and the polling loop falls back to `doStatus`.
   */
  async *doWatch({
    operation,
    abortSignal,
    headers,
  }: VideoModelV3OperationOptions): AsyncGenerator<VideoModelV3StatusResult> {
    const job = parseFalOperation(operation);
    if (job.useStatusStream === false) {
      // Polling only: report the status once; the loop polls on from there.
      yield await this.doStatus({ operation, abortSignal, headers });
      return;
    }
    const url = new URL(falStatusStreamUrl(this.config.baseURL, job));
    url.searchParams.set('logs', job.logs ? '1' : '0');
    const response = await sendRequest({
      url,
      headers: withDefaultUserAgent(combineHeaders(this.config.headers(), { accept: 'text/event-stream' }, headers)),
      abortSignal,
      fetch: this.config.fetch,
      credentialOrigin: this.baseOrigin,
    });
    if (!response.ok) {
      const { value: error } = await falFailedResponseHandler({ url: url.toString(), requestBodyValues: {}, response });
      throw error;
    }
    for await (const event of readServerSentEvents(response)) {
      if (event.data.trim() === '') continue;
      const parsed = falStatusSchema.safeParse(safeJsonParse(event.data));
      if (!parsed.success) {
        throw new Error(`fal status stream sent an event that is not a queue status: ${event.data.slice(0, 200)}`);
      }
      const status = await this.toStatus(job, parsed.data, { abortSignal, headers });
      yield status;
      if (status.status !== 'pending') return;
    }
    throw new Error('fal status stream ended before the request completed.');
  }

  async doCancel({ operation, abortSignal, headers }: VideoModelV3OperationOptions): Promise<void> {
    const job = parseFalOperation(operation);
    try {
      // CANCELLATION_REQUESTED (or OK / ALREADY_COMPLETED with a 2xx): done.
      await putToApi({
        url: falQueueUrl(this.config.baseURL, job.cancelUrl, job, '/cancel'),
        headers: combineHeaders(this.config.headers(), headers),
        successfulResponseHandler: discardResponseHandler,
        failedResponseHandler: falFailedResponseHandler,
        abortSignal,
        fetch: this.config.fetch,
        credentialOrigin: this.baseOrigin,
      });
    } catch (error) {
      // A request that already ended cannot be cancelled: nothing left to do.
      if (APICallError.isInstance(error) && isAlreadyCompleted(error)) return;
      throw error;
    }
  }

  /**
   * The video's public URL on fal's CDN (`video.url` of the request's result;
   * fal serves it without credentials). No `expiresAt`: fal keeps media for
   * its default retention unless the submission set `objectExpirationSeconds`,
   * and the result does not say when. `expiresIn` is not supported (the URL is
   * not signed). A request that has not completed, or failed, is an
   * `InvalidArgumentError`.
   */
  async doGetDownloadUrl({
    operation,
    index,
    abortSignal,
    headers,
  }: VideoModelV3DownloadUrlOptions): Promise<VideoModelV3DownloadUrl | undefined> {
    const status = await this.doStatus({ operation, abortSignal, headers });
    const video = getCompletedVideo(status, { index, job: 'The fal request' });
    return video.type === 'url' ? { url: video.url, mediaType: video.mediaType } : undefined;
  }

  /** The spec's status of a queue status; for `COMPLETED`, the result request's outcome. */
  private async toStatus(job: FalOperation, status: FalStatus, request: RequestOptions) {
    const mapped = mapFalStatus(job, status);
    return mapped === 'fetch-result' ? this.fetchResult(job, status, request) : mapped;
  }

  /** Reads the result of a completed request: the video, or fal's error as a failed status. */
  private async fetchResult(
    job: FalOperation,
    status: FalStatus,
    { abortSignal, headers }: RequestOptions,
  ): Promise<VideoModelV3StatusResult> {
    const statusMetadata = falStatusMetadata(job, status);
    let result: { value: FalResult; responseHeaders?: Record<string, string> };
    try {
      result = await getFromApi({
        url: falQueueUrl(this.config.baseURL, job.responseUrl, job, ''),
        headers: combineHeaders(this.config.headers(), headers),
        successfulResponseHandler: createJsonResponseHandler(falResultSchema),
        failedResponseHandler: falFailedResponseHandler,
        abortSignal,
        fetch: this.config.fetch,
        credentialOrigin: this.baseOrigin,
      });
    } catch (error) {
      const failure = APICallError.isInstance(error) ? toFalJobFailure(error) : undefined;
      if (failure === undefined) throw error;
      return { status: 'failed', error: failure, providerMetadata: { fal: statusMetadata } };
    }
    return mapFalResult({
      job,
      statusMetadata,
      output: result.value,
      responseHeaders: result.responseHeaders,
      timestamp: this.currentDate(),
    });
  }

  private async parseOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
    return parseProviderOptions({ provider: 'fal', providerOptions, schema: falVideoModelOptionsSchema });
  }

  private currentDate(): Date {
    return this.config._internal?.currentDate?.() ?? new Date();
  }

  /** The origin of `config.baseURL`: the only origin the key is sent to. */
  #baseOrigin: string | undefined;
  private get baseOrigin(): string {
    this.#baseOrigin ??= new URL(this.config.baseURL).origin;
    return this.#baseOrigin;
  }
}

/** fal answers a cancel of an ended request with `{ "status": "ALREADY_COMPLETED" }` (400 or 409). */
function isAlreadyCompleted(error: APICallError): boolean {
  const data = (error.data ?? safeJsonParse(error.responseBody ?? '')) as { status?: unknown } | undefined;
  return typeof data === 'object' && data !== null && data.status === 'ALREADY_COMPLETED';
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A cancel answer needs no reading beyond its status: the body is drained. */
const discardResponseHandler: ResponseHandler<undefined> = async ({ response }) => {
  await response.text().catch(() => undefined);
  return { value: undefined, responseHeaders: extractResponseHeaders(response) };
};
