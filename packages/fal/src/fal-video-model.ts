import {
  APICallError,
  InvalidArgumentError,
  type JSONObject,
  type JSONValue,
  type SharedV3ProviderMetadata,
  type SharedV3Warning,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3File,
  type VideoModelV3GenerateResult,
  type VideoModelV3OperationOptions,
  type VideoModelV3StartOptions,
  type VideoModelV3StartResult,
  type VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import {
  defaultFetch,
  createJsonResponseHandler,
  extractResponseHeaders,
  fileToUrl,
  generateVideoFromJob,
  getFileKind,
  getFrameImages,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
  readServerSentEvents,
} from '@videogen/provider-utils';
import { combineHeaders, type ResponseHandler } from '@ai-sdk/provider-utils';
import * as z from 'zod/v4/mini';
import type { FalConfig } from './fal-config';
import {
  falErrorCode,
  falErrorDataSchema,
  falErrorMessage,
  falFailedResponseHandler,
  isFalContentFilterError,
} from './fal-error';
import {
  falVideoModelOptionsSchema,
  getFalEndpointCapabilities,
  type FalEndpointCapabilities,
  type FalImageRole,
  type FalVideoModelId,
  type FalVideoModelOptions,
} from './fal-video-model-options';

/**
 * The job reference of a fal request (`operation` of `doStart`): plain JSON,
 * without the key, enough for any process to resume, poll or cancel it.
 */
export type FalOperation = {
  /** fal's `request_id`. */
  requestId: string;
  /** The endpoint id the request was submitted to. */
  endpointId: string;
  /** The `status_url` fal returned (only when on the configured origin). */
  statusUrl?: string;
  /** The `response_url` fal returned (only when on the configured origin). */
  responseUrl?: string;
  /** The `cancel_url` fal returned (only when on the configured origin). */
  cancelUrl?: string;
  /** Ask for logs when reading the status (`providerOptions.fal.logs`). */
  logs?: boolean;
  /** `false` when the caller turned the SSE status stream off. */
  useStatusStream?: boolean;
};

/** Endpoint id namespaces whose ids keep one more segment (`workflows/owner/app/…`). */
const ENDPOINT_NAMESPACES = new Set(['workflows', 'comfy']);

/** A model of one fal endpoint, on fal's queue API. */
export class FalVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /** fal runs one video per request; core splits a larger `n` into requests. */
  readonly maxVideosPerCall = 1;
  /** What the endpoint takes (from the capability table; mostly unknown for other endpoints). */
  readonly capabilities: VideoModelV3Capabilities;

  get provider(): string {
    return this.config.provider;
  }

  constructor(
    readonly modelId: FalVideoModelId,
    private readonly config: FalConfig,
  ) {
    const { capabilities, known } = getFalEndpointCapabilities(modelId);
    this.capabilities = toSpecCapabilities(capabilities, known);
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
    const { body, warnings } = this.getArgs(options, falOptions);

    let url = `${this.config.baseURL}/${this.modelId}`;
    if (options.webhookUrl !== undefined) {
      if (!isHttpUrl(options.webhookUrl)) {
        throw new InvalidArgumentError({
          argument: 'webhookUrl',
          message: `webhookUrl must be an http(s) URL, got ${JSON.stringify(options.webhookUrl)}.`,
        });
      }
      url += `?fal_webhook=${encodeURIComponent(options.webhookUrl)}`;
    }

    const objectExpiration = falOptions?.objectExpirationSeconds;
    const { value: response, responseHeaders } = await postJsonToApi({
      url,
      headers: combineHeaders(
        this.config.headers(),
        {
          // The fal SDK always sends a priority (`normal` by default).
          'x-fal-queue-priority': falOptions?.queuePriority ?? 'normal',
          'x-fal-request-timeout': falOptions?.requestTimeoutSeconds?.toString(),
          'x-fal-runner-hint': falOptions?.runnerHint,
          'x-fal-no-retry': falOptions?.noRetry ? '1' : undefined,
          'x-fal-object-lifecycle-preference':
            objectExpiration !== undefined
              ? JSON.stringify({ expiration_duration_seconds: objectExpiration })
              : undefined,
        },
        options.headers,
      ),
      body,
      failedResponseHandler: falFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(falSubmitResponseSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });

    const operation: FalOperation = removeUndefined({
      requestId: response.request_id,
      endpointId: this.modelId,
      statusUrl: this.trustedUrl(response.status_url),
      responseUrl: this.trustedUrl(response.response_url),
      cancelUrl: this.trustedUrl(response.cancel_url),
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
    const job = parseOperation(operation);
    const url = new URL(this.queueUrl(job.statusUrl, job, '/status'));
    url.searchParams.set('logs', job.logs ? '1' : '0');
    const { value: status } = await getFromApi({
      url: url.toString(),
      headers: combineHeaders(this.config.headers(), headers),
      successfulResponseHandler: createJsonResponseHandler(falStatusSchema),
      failedResponseHandler: falFailedResponseHandler,
      abortSignal,
      fetch: this.config.fetch,
    });
    return this.mapStatus(job, status, { abortSignal, headers });
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
    const job = parseOperation(operation);
    if (job.useStatusStream === false) {
      // Polling only: report the status once; the loop polls on from there.
      yield await this.doStatus({ operation, abortSignal, headers });
      return;
    }
    const url = new URL(this.streamUrl(job));
    url.searchParams.set('logs', job.logs ? '1' : '0');
    const { value: body } = await getFromApi({
      url: url.toString(),
      headers: combineHeaders(this.config.headers(), { accept: 'text/event-stream' }, headers),
      successfulResponseHandler: streamBodyHandler,
      failedResponseHandler: falFailedResponseHandler,
      abortSignal,
      fetch: this.config.fetch,
    });
    for await (const event of readServerSentEvents(body)) {
      if (event.data.trim() === '') continue;
      const parsed = falStatusSchema.safeParse(safeJsonParse(event.data));
      if (!parsed.success) {
        throw new Error(`fal status stream sent an event that is not a queue status: ${event.data.slice(0, 200)}`);
      }
      const status = await this.mapStatus(job, parsed.data, { abortSignal, headers });
      yield status;
      if (status.status !== 'pending') return;
    }
    throw new Error('fal status stream ended before the request completed.');
  }

  async doCancel({ operation, abortSignal, headers }: VideoModelV3OperationOptions): Promise<void> {
    const job = parseOperation(operation);
    const url = this.queueUrl(job.cancelUrl, job, '/cancel');
    const fetch = this.config.fetch ?? defaultFetch;
    const requestHeaders = removeUndefined(combineHeaders(this.config.headers(), headers)) as Record<string, string>;
    const response = await fetch(url, { method: 'PUT', headers: requestHeaders, signal: abortSignal });
    if (response.ok) {
      // CANCELLATION_REQUESTED (or OK / ALREADY_COMPLETED with a 2xx): done.
      await response.text().catch(() => undefined);
      return;
    }
    // A request that already ended cannot be cancelled: nothing left to do.
    const answer = await response
      .clone()
      .json()
      .catch(() => undefined);
    if (answer && typeof answer === 'object' && (answer as { status?: unknown }).status === 'ALREADY_COMPLETED') return;
    const { value: error } = await falFailedResponseHandler({ url, requestBodyValues: {}, response });
    throw error;
  }

  private async parseOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
    return parseProviderOptions({ provider: 'fal', providerOptions, schema: falVideoModelOptionsSchema });
  }

  private currentDate(): Date {
    return this.config._internal?.currentDate?.() ?? new Date();
  }

  /** Maps the call options onto the endpoint's input JSON, validating against its capability table. */
  private getArgs(
    options: VideoModelV3CallOptions,
    falOptions: FalVideoModelOptions | undefined,
  ): { body: Record<string, JSONValue>; warnings: SharedV3Warning[] } {
    const { capabilities, known } = getFalEndpointCapabilities(this.modelId);
    const endpoint = this.modelId;
    const warnings: SharedV3Warning[] = [];
    const body: Record<string, JSONValue> = {};
    const extraInput = falOptions?.input ?? {};

    if (options.prompt !== undefined) body.prompt = options.prompt;

    if (options.n !== undefined && options.n > 1) {
      warnings.push({
        type: 'unsupported',
        feature: 'n',
        details: `fal produces one video per request; n=${options.n} was ignored (core splits n into requests).`,
      });
    }

    // Images: first frame, last frame, references, under the endpoint's own names.
    const { firstFrame, lastFrame } = getFrameImages(options);
    const references = options.inputReferences ?? [];
    const setFrame = (
      role: 'first_frame' | 'last_frame',
      file: VideoModelV3File | undefined,
      field: string | undefined,
    ) => {
      if (file === undefined) return;
      if (field === undefined) {
        throw new InvalidArgumentError({
          argument: role === 'first_frame' ? 'image' : 'frameImages',
          message: `${endpoint} takes no ${role.replace('_', ' ')}. Use an endpoint that does (e.g. an image-to-video or first-last-frame endpoint), or send the input yourself with providerOptions.fal.input.`,
        });
      }
      if (getFileKind(file) !== 'image') {
        throw new InvalidArgumentError({
          argument: role === 'first_frame' ? 'image' : 'frameImages',
          message: `The ${role.replace('_', ' ')} must be an image.`,
        });
      }
      body[field] = fileToUrl(file);
    };
    setFrame('first_frame', firstFrame, capabilities.firstFrameField);
    setFrame('last_frame', lastFrame, capabilities.lastFrameField);
    if (references.length > 0) {
      const field = capabilities.referenceField;
      if (field === undefined) {
        throw new InvalidArgumentError({
          argument: 'inputReferences',
          message: `${endpoint} takes no reference images. Use a reference-to-video endpoint, or send the input yourself with providerOptions.fal.input.`,
        });
      }
      if (capabilities.maxReferences !== undefined && references.length > capabilities.maxReferences) {
        throw new InvalidArgumentError({
          argument: 'inputReferences',
          message: `${endpoint} takes at most ${capabilities.maxReferences} reference images, got ${references.length}.`,
        });
      }
      for (const reference of references) {
        if (getFileKind(reference) !== 'image') {
          throw new InvalidArgumentError({
            argument: 'inputReferences',
            message: `${endpoint} takes reference images only; send video or audio inputs with providerOptions.fal.input.`,
          });
        }
      }
      body[field] = references.map(fileToUrl);
    }
    for (const role of capabilities.requiredImages ?? []) {
      const field =
        role === 'first_frame'
          ? capabilities.firstFrameField
          : role === 'last_frame'
            ? capabilities.lastFrameField
            : capabilities.referenceField;
      if (field !== undefined && body[field] === undefined && extraInput[field] === undefined) {
        throw new InvalidArgumentError({
          argument: role === 'reference' ? 'inputReferences' : 'frameImages',
          message: `${endpoint} needs ${describeRole(role)}.`,
        });
      }
    }

    // Duration in the endpoint's form.
    if (options.duration !== undefined) {
      if (capabilities.durationFormat === undefined) {
        warnings.push({ type: 'unsupported', feature: 'duration', details: `${endpoint} takes no duration.` });
      } else {
        const seconds = resolveDuration(options.duration, capabilities, endpoint, warnings);
        body.duration =
          capabilities.durationFormat === 'number'
            ? seconds
            : capabilities.durationFormat === 'seconds-string'
              ? `${seconds}s`
              : String(seconds);
      }
    }

    // Aspect ratio and resolution.
    const size = options.resolution !== undefined ? parseResolution(options.resolution) : undefined;
    const aspectRatio = resolveAspectRatio(options.aspectRatio, size, capabilities, known, endpoint, warnings);
    if (aspectRatio !== undefined) body.aspect_ratio = aspectRatio;
    if (size !== undefined) {
      const resolution = resolveResolution(size, options.resolution!, capabilities, endpoint, warnings);
      if (resolution !== undefined) body.resolution = resolution;
    }

    if (options.generateAudio !== undefined) {
      if (capabilities.generateAudio) body.generate_audio = options.generateAudio;
      else if (options.generateAudio) {
        warnings.push({
          type: 'unsupported',
          feature: 'generateAudio',
          details: `${endpoint} does not generate audio.`,
        });
      }
    }
    if (options.seed !== undefined) {
      if (capabilities.seed) body.seed = options.seed;
      else warnings.push({ type: 'unsupported', feature: 'seed', details: `${endpoint} takes no seed.` });
    }
    if (falOptions?.negativePrompt !== undefined) {
      if (capabilities.negativePrompt) body.negative_prompt = falOptions.negativePrompt;
      else {
        warnings.push({
          type: 'unsupported',
          feature: 'providerOptions.fal.negativePrompt',
          details: `${endpoint} takes no negative prompt.`,
        });
      }
    }
    if (options.fps !== undefined) {
      warnings.push({
        type: 'unsupported',
        feature: 'fps',
        details: `fal video endpoints take no common fps option; ${options.fps} was not sent. Where the endpoint has an fps input, pass it with providerOptions.fal.input.`,
      });
    }

    // Endpoint inputs passed through verbatim (fal endpoints are open-ended); they win.
    Object.assign(body, extraInput);
    return { body, warnings };
  }

  /** Maps a queue status (from polling or the stream) to the spec's status. */
  private async mapStatus(
    job: FalOperation,
    status: FalStatus,
    request: { abortSignal?: AbortSignal; headers?: Record<string, string | undefined> },
  ): Promise<VideoModelV3StatusResult> {
    switch (status.status) {
      case 'IN_QUEUE':
        // The queue position is a position, never progress.
        return removeUndefined({
          status: 'pending' as const,
          providerStatus: status.status,
          queuePosition: status.queue_position ?? undefined,
        });
      case 'IN_PROGRESS':
        return { status: 'pending', providerStatus: status.status };
      case 'COMPLETED':
        return this.fetchResult(job, status, request);
      case 'FAILED':
      case 'ERROR':
        return {
          status: 'failed',
          error: removeUndefined({
            message: status.error ?? `fal request ${job.requestId} failed.`,
            code: status.error_type ?? undefined,
          }),
          providerMetadata: { fal: { requestId: job.requestId } },
        };
      case 'CANCELLED':
      case 'CANCELED':
        return {
          status: 'failed',
          error: { message: `fal request ${job.requestId} was cancelled.`, code: 'cancelled' },
          providerMetadata: { fal: { requestId: job.requestId } },
        };
      default:
        return { status: 'pending', providerStatus: status.status };
    }
  }

  /** Reads the result of a completed request: the video, or fal's error as a failed status. */
  private async fetchResult(
    job: FalOperation,
    status: FalStatus,
    { abortSignal, headers }: { abortSignal?: AbortSignal; headers?: Record<string, string | undefined> },
  ): Promise<VideoModelV3StatusResult> {
    const url = this.queueUrl(job.responseUrl, job, '');
    const statusMetadata: JSONObject = removeUndefined({
      requestId: job.requestId,
      metrics: (status.metrics ?? undefined) as JSONObject | undefined,
      logs: job.logs && status.logs ? (status.logs as JSONValue) : undefined,
    });
    let result: { value: FalResult; responseHeaders?: Record<string, string> };
    try {
      result = await getFromApi({
        url,
        headers: combineHeaders(this.config.headers(), headers),
        successfulResponseHandler: createJsonResponseHandler(falResultSchema),
        failedResponseHandler: falFailedResponseHandler,
        abortSignal,
        fetch: this.config.fetch,
      });
    } catch (error) {
      const failure = APICallError.isInstance(error) ? toJobFailure(error) : undefined;
      if (failure === undefined) throw error;
      return { status: 'failed', error: failure, providerMetadata: { fal: statusMetadata } };
    }

    const { value: output, responseHeaders } = result;
    const files = [...(output.video ? [output.video] : []), ...(output.videos ?? [])];
    if (files.length === 0) {
      return {
        status: 'failed',
        error: {
          code: 'no_video',
          message: `fal request ${job.requestId} completed without a video (output keys: ${Object.keys(output).join(', ') || 'none'}).`,
        },
        providerMetadata: { fal: statusMetadata },
      };
    }

    const billableUnits = Number.parseFloat(responseHeaders?.['x-fal-billable-units'] ?? '');
    const fal: JSONObject = removeUndefined({
      ...statusMetadata,
      seed: output.seed ?? undefined,
      timings: (output.timings ?? undefined) as JSONObject | undefined,
      billableUnits: Number.isFinite(billableUnits) ? billableUnits : undefined,
      hasNsfwConcepts: (output.has_nsfw_concepts ?? undefined) as JSONValue | undefined,
      nsfwContentDetected: (output.nsfw_content_detected ?? undefined) as JSONValue | undefined,
      videos: files.map((file) =>
        removeUndefined({
          url: file.url,
          contentType: file.content_type ?? undefined,
          fileName: file.file_name ?? undefined,
          fileSize: file.file_size ?? undefined,
          width: file.width ?? undefined,
          height: file.height ?? undefined,
          duration: file.duration ?? undefined,
          fps: file.fps ?? undefined,
        }),
      ),
    });
    const providerMetadata: SharedV3ProviderMetadata = { fal };
    return {
      status: 'completed',
      videos: files.map((file) => ({ type: 'url', url: file.url, mediaType: file.content_type ?? 'video/mp4' })),
      warnings: [],
      providerMetadata,
      response: { timestamp: this.currentDate(), modelId: job.endpointId, headers: responseHeaders },
    };
  }

  /** A URL fal returned, when it is on the configured origin (so the key may go there). */
  /** The origin of `config.baseURL`, parsed on first use. */
  #baseOrigin: string | undefined;

  private trustedUrl(url: string | null | undefined): string | undefined {
    if (!url) return undefined;
    try {
      const parsed = new URL(url);
      this.#baseOrigin ??= new URL(this.config.baseURL).origin;
      if (parsed.origin !== this.#baseOrigin || parsed.username || parsed.password) return undefined;
      parsed.hash = '';
      return parsed.toString();
    } catch {
      return undefined;
    }
  }

  /**
   * The queue URL of a request: the one fal returned when it is on the
   * configured origin, else built from the base URL with owner/app only
   * (plus the namespace for `workflows/…` and `comfy/…`).
   */
  private queueUrl(returned: string | undefined, job: FalOperation, suffix: '' | '/status' | '/cancel'): string {
    const trusted = this.trustedUrl(returned);
    if (trusted !== undefined) return trusted;
    const segments = job.endpointId.split('/');
    const appLength = ENDPOINT_NAMESPACES.has(segments[0]) ? 3 : 2;
    const app = segments.slice(0, appLength).map(encodeURIComponent).join('/');
    return `${this.config.baseURL}/${app}/requests/${encodeURIComponent(job.requestId)}${suffix}`;
  }

  private streamUrl(job: FalOperation): string {
    const statusUrl = new URL(this.queueUrl(job.statusUrl, job, '/status'));
    if (!statusUrl.pathname.endsWith('/status')) {
      return `${this.queueUrl(undefined, job, '/status')}/stream`;
    }
    statusUrl.pathname = `${statusUrl.pathname}/stream`;
    statusUrl.search = '';
    return statusUrl.toString();
  }
}

function describeRole(role: FalImageRole): string {
  switch (role) {
    case 'first_frame':
      return 'a first frame (the image option, or a first_frame in frameImages)';
    case 'last_frame':
      return 'a last frame (a last_frame in frameImages)';
    case 'reference':
      return 'reference images (inputReferences)';
  }
}

/**
 * Whether a failed result request is the request's own failure (a model or
 * validation error fal stored as the result) rather than a problem reaching
 * it (auth, not found, rate limit, gateway trouble), which is thrown instead.
 */
function toJobFailure(
  error: APICallError,
): { code?: string | number; message: string; contentFiltered?: boolean } | undefined {
  const statusCode = error.statusCode ?? 0;
  if ([401, 403, 404, 408, 429].includes(statusCode)) return undefined;
  const parsed = falErrorDataSchema.safeParse(error.data);
  if (parsed.success) {
    return removeUndefined({
      code: falErrorCode(parsed.data) ?? statusCode,
      message: falErrorMessage(parsed.data),
      contentFiltered: isFalContentFilterError(parsed.data) || undefined,
    });
  }
  if (statusCode >= 400 && statusCode < 500) return { code: statusCode, message: error.message };
  return undefined;
}

function resolveDuration(
  duration: number,
  capabilities: FalEndpointCapabilities,
  endpoint: string,
  warnings: SharedV3Warning[],
): number {
  const allowed = capabilities.durations ?? 'any';
  const allowedText = allowed === 'any' ? 'whole seconds' : allowed.join(', ');
  if (!Number.isFinite(duration) || duration <= 0) {
    throw new InvalidArgumentError({
      argument: 'duration',
      message: `duration must be a positive number of seconds (${endpoint} takes ${allowedText}), got ${duration}.`,
    });
  }
  if (allowed !== 'any' && allowed.includes(duration)) return duration;
  const rounded = Math.max(1, Math.round(duration));
  if (allowed === 'any' || allowed.includes(rounded)) {
    if (rounded !== duration) {
      warnings.push({
        type: 'compatibility',
        feature: 'duration',
        details: `${endpoint} takes whole seconds; ${duration} s was sent as ${rounded} s.`,
      });
    }
    return rounded;
  }
  throw new InvalidArgumentError({
    argument: 'duration',
    message: `${endpoint} cannot make a ${duration} s video; allowed durations (seconds): ${allowedText}.`,
  });
}

type Size = { width: number; height: number };

function parseResolution(resolution: string): Size {
  const match = /^(\d+)x(\d+)$/.exec(resolution);
  const width = match ? Number(match[1]) : 0;
  const height = match ? Number(match[2]) : 0;
  if (!match || width <= 0 || height <= 0) {
    throw new InvalidArgumentError({
      argument: 'resolution',
      message: `resolution must be WIDTHxHEIGHT, e.g. 1280x720, got ${JSON.stringify(resolution)}.`,
    });
  }
  return { width, height };
}

const COMMON_ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', '9:21', '3:2', '2:3'];

function ratioValue(aspectRatio: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(aspectRatio);
  if (!match) return undefined;
  const value = Number(match[1]) / Number(match[2]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The aspect ratio among `candidates` that a size has (within 2%). */
function matchAspectRatio(size: Size, candidates: readonly string[]): string | undefined {
  const actual = size.width / size.height;
  return candidates.find((candidate) => {
    const value = ratioValue(candidate);
    return value !== undefined && Math.abs(value - actual) / value < 0.02;
  });
}

function resolveAspectRatio(
  aspectRatio: VideoModelV3CallOptions['aspectRatio'],
  size: Size | undefined,
  capabilities: FalEndpointCapabilities,
  known: boolean,
  endpoint: string,
  warnings: SharedV3Warning[],
): string | undefined {
  const allowed = capabilities.aspectRatios;
  if (aspectRatio === undefined) {
    // A resolution implies an aspect ratio where the endpoint takes one.
    if (size === undefined || allowed === undefined) return undefined;
    return matchAspectRatio(
      size,
      allowed === 'any' ? COMMON_ASPECT_RATIOS : allowed.filter((value) => value !== 'auto'),
    );
  }
  if (aspectRatio === 'adaptive') {
    if (allowed === undefined) return undefined; // the endpoint follows the input image anyway
    if (allowed === 'any' || allowed.includes('auto')) return 'auto';
    warnings.push({
      type: 'unsupported',
      feature: 'aspectRatio',
      details: `${endpoint} cannot follow the input image's aspect ratio; its default was used. Allowed: ${allowed.join(', ')}.`,
    });
    return undefined;
  }
  if (
    size !== undefined &&
    ratioValue(aspectRatio) !== undefined &&
    matchAspectRatio(size, [aspectRatio]) === undefined
  ) {
    throw new InvalidArgumentError({
      argument: 'aspectRatio',
      message: `aspectRatio ${aspectRatio} does not match resolution ${size.width}x${size.height}.`,
    });
  }
  if (allowed === undefined) {
    warnings.push({
      type: 'unsupported',
      feature: 'aspectRatio',
      details: `${endpoint} takes no aspect ratio${known ? ' (it follows the input image)' : ''}; ${aspectRatio} was not sent.`,
    });
    return undefined;
  }
  if (allowed !== 'any' && !allowed.includes(aspectRatio)) {
    throw new InvalidArgumentError({
      argument: 'aspectRatio',
      message: `${endpoint} does not take aspect ratio ${aspectRatio}; allowed: ${allowed.filter((value) => value !== 'auto').join(', ')}${allowed.includes('auto') ? ' (or adaptive)' : ''}.`,
    });
  }
  return aspectRatio;
}

/** The short side in pixels of a fal resolution label (`720p`, `768P`, `4k`). */
function labelShortSide(label: string): number | undefined {
  const pixels = /^(\d+)p$/i.exec(label);
  if (pixels) return Number(pixels[1]);
  if (/^4k$/i.test(label)) return 2160;
  if (/^2k$/i.test(label)) return 1440;
  return undefined;
}

function resolveResolution(
  size: Size,
  resolution: string,
  capabilities: FalEndpointCapabilities,
  endpoint: string,
  warnings: SharedV3Warning[],
): string | undefined {
  const allowed = capabilities.resolutions;
  const shortSide = Math.min(size.width, size.height);
  if (allowed === undefined) {
    warnings.push({
      type: 'unsupported',
      feature: 'resolution',
      details: `${endpoint} takes no resolution; ${resolution} was not sent.`,
    });
    return undefined;
  }
  if (allowed === 'any') return `${shortSide}p`;
  const label = allowed.find((candidate) => labelShortSide(candidate) === shortSide);
  if (label === undefined) {
    throw new InvalidArgumentError({
      argument: 'resolution',
      message: `${endpoint} cannot render ${resolution}; allowed: ${allowed
        .map((candidate) => `${candidate} (short side ${labelShortSide(candidate) ?? '?'} px)`)
        .join(', ')}.`,
    });
  }
  return label;
}

/** The spec's capabilities of a table entry. */
function toSpecCapabilities(capabilities: FalEndpointCapabilities, known: boolean): VideoModelV3Capabilities {
  if (!known) return { maxVideosPerCall: 1 };
  const imageRoles: Array<'first_frame' | 'last_frame' | 'reference'> = [];
  if (capabilities.firstFrameField) imageRoles.push('first_frame');
  if (capabilities.lastFrameField) imageRoles.push('last_frame');
  if (capabilities.referenceField) imageRoles.push('reference');
  const aspectRatios = Array.isArray(capabilities.aspectRatios)
    ? capabilities.aspectRatios.filter((value) => value !== 'auto')
    : undefined;
  let resolutions: string[] | undefined;
  if (Array.isArray(capabilities.resolutions) && aspectRatios && aspectRatios.length > 0) {
    resolutions = [];
    for (const label of capabilities.resolutions) {
      const shortSide = labelShortSide(label);
      if (shortSide === undefined) continue;
      for (const ratio of aspectRatios) {
        const value = ratioValue(ratio)!;
        const long = Math.round((shortSide * Math.max(value, 1 / value)) / 2) * 2;
        resolutions.push(value >= 1 ? `${long}x${shortSide}` : `${shortSide}x${long}`);
      }
    }
  }
  return removeUndefined({
    durations: Array.isArray(capabilities.durations) ? [...capabilities.durations] : undefined,
    aspectRatios: aspectRatios && aspectRatios.length > 0 ? aspectRatios : undefined,
    resolutions,
    imageRoles,
    referenceKinds: capabilities.referenceField ? (['image'] as Array<'image'>) : undefined,
    maxReferences: capabilities.maxReferences,
    maxVideosPerCall: 1,
    seed: capabilities.seed,
    audio: capabilities.generateAudio,
  });
}

/** Operations already checked: a job is read on every status, stream and result call. */
const parsedOperations = new WeakMap<object, FalOperation>();

function parseOperation(operation: unknown): FalOperation {
  const cached = typeof operation === 'object' && operation !== null ? parsedOperations.get(operation) : undefined;
  if (cached !== undefined) return cached;
  const parsed = falOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not a fal job reference: expected { requestId, endpointId, statusUrl?, responseUrl?, cancelUrl? }.',
      cause: parsed.error,
    });
  }
  const job = Object.freeze(removeUndefined(parsed.data)) as FalOperation;
  parsedOperations.set(operation as object, job);
  return job;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function removeUndefined<T extends Record<string, unknown>>(record: T): T {
  const result: Record<string, unknown> = {};
  for (const key in record) if (record[key] !== undefined) result[key] = record[key];
  return result as T;
}

/**
 * The status stream's response itself: `readServerSentEvents` takes its body
 * (on Node without a web stream). No body reads as a stream that ended early.
 */
const streamBodyHandler: ResponseHandler<Response> = async ({ response }) => {
  return { value: response, responseHeaders: extractResponseHeaders(response) };
};

// Response schemas: lenient, only the fields read.

const falOperationSchema = z.object({
  requestId: z.string().check(z.minLength(1)),
  endpointId: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._~-]*(\/[A-Za-z0-9][A-Za-z0-9._~-]*)+$/)),
  statusUrl: z.optional(z.string()),
  responseUrl: z.optional(z.string()),
  cancelUrl: z.optional(z.string()),
  logs: z.optional(z.boolean()),
  useStatusStream: z.optional(z.boolean()),
});

const falSubmitResponseSchema = z.looseObject({
  request_id: z.string(),
  gateway_request_id: z.nullish(z.string()),
  status_url: z.nullish(z.string()),
  response_url: z.nullish(z.string()),
  cancel_url: z.nullish(z.string()),
});

const falStatusSchema = z.object({
  status: z.string(),
  queue_position: z.nullish(z.number()),
  logs: z.nullish(z.array(z.unknown())),
  metrics: z.nullish(z.record(z.string(), z.unknown())),
  error: z.nullish(z.string()),
  error_type: z.nullish(z.string()),
});
type FalStatus = z.infer<typeof falStatusSchema>;

const falFileSchema = z.looseObject({
  url: z.string(),
  content_type: z.nullish(z.string()),
  file_name: z.nullish(z.string()),
  file_size: z.nullish(z.number()),
  width: z.nullish(z.number()),
  height: z.nullish(z.number()),
  duration: z.nullish(z.number()),
  fps: z.nullish(z.number()),
});

const falResultSchema = z.looseObject({
  video: z.nullish(falFileSchema),
  videos: z.nullish(z.array(falFileSchema)),
  seed: z.nullish(z.number()),
  timings: z.nullish(z.record(z.string(), z.unknown())),
  has_nsfw_concepts: z.optional(z.unknown()),
  nsfw_content_detected: z.optional(z.unknown()),
});
type FalResult = z.infer<typeof falResultSchema>;
