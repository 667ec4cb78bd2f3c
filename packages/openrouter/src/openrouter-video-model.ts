import { combineHeaders, isAbortError } from '@ai-sdk/provider-utils';
import {
  InvalidArgumentError,
  type JSONObject,
  type SharedV3ProviderMetadata,
  type SharedV3Warning,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3DownloadOptions,
  type VideoModelV3File,
  type VideoModelV3GenerateResult,
  type VideoModelV3OperationOptions,
  type VideoModelV3StartOptions,
  type VideoModelV3StartResult,
  type VideoModelV3StatusResult,
  type VideoModelV3VideoData,
} from '@videogen/provider-spec';
import {
  createJsonResponseHandler,
  fetchWithCredentials,
  fileToUrl,
  generateVideoFromJob,
  getFileKind,
  getFrameImages,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
} from '@videogen/provider-utils';
import * as z from 'zod/v4/mini';
import type { OpenRouterConfig } from './openrouter-config';
import { openrouterFailedResponseHandler } from './openrouter-error';
import {
  OPENROUTER_DEFAULT_POLL_INTERVAL_MS,
  openrouterVideoModelOptionsSchema,
  type OpenRouterVideoModelId,
  type OpenRouterVideoModelOptions,
} from './openrouter-video-model-options';
import {
  aspectRatioForSize,
  aspectRatioValue,
  findVideoModelInfo,
  resolutionNameForSize,
  sameAspectRatio,
  snapOpenRouterDuration,
  stated,
  toCapabilities,
  type OpenRouterVideoModelCapabilities,
  type OpenRouterVideoModelInfo,
} from './openrouter-video-models';

/** OpenRouter rejects request bodies above 50 MiB (413). */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

/**
 * The job reference of an OpenRouter video job, as stored in
 * `VideoModelV3StartResult.operation`: plain JSON, no credentials.
 */
export type OpenRouterVideoOperation = {
  /** The job id, e.g. `'gen-vid-1761234567-AbCdEfGhIjKlMnOpQrSt'`. */
  id: string;
  /** The absolute polling URL OpenRouter returned (used only when it is on the configured origin). */
  pollingUrl?: string;
};

/**
 * An OpenRouter video model (`POST /videos`, `GET /videos/{id}`,
 * `GET /videos/{id}/content`).
 *
 * - `doStart` validates the call against the model's entry in
 *   `GET /videos/models` before anything is paid for, then submits.
 * - `doStatus` maps all six job statuses.
 * - `doDownload` fetches the content proxy with the key, sent only to the
 *   configured origin.
 * - There is no `doCancel`: OpenRouter's API has no cancel endpoint, so an
 *   aborted call stops waiting but the job runs on (and is billed).
 */
export class OpenRouterVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /** Default time between status requests, for generateVideo and doGenerate alike. */
  readonly pollIntervalMs = OPENROUTER_DEFAULT_POLL_INTERVAL_MS;
  /** OpenRouter runs one video per job; core splits `n` into several jobs. */
  readonly maxVideosPerCall = 1;

  get provider(): string {
    return this.config.provider;
  }

  constructor(
    readonly modelId: OpenRouterVideoModelId,
    private readonly config: OpenRouterConfig,
  ) {}

  /**
   * What the model accepts, read from OpenRouter's model listing (cached per
   * provider instance). Resolves to `{ maxVideosPerCall: 1 }` alone when the
   * listing cannot be fetched or does not contain the model, since unknown
   * fields must not be used to reject a call.
   */
  readonly capabilities = async (options?: {
    abortSignal?: AbortSignal;
  }): Promise<OpenRouterVideoModelCapabilities> => {
    let info: OpenRouterVideoModelInfo | undefined;
    try {
      info = findVideoModelInfo(await this.config.listVideoModels({ abortSignal: options?.abortSignal }), this.modelId);
    } catch (error) {
      if (isAbortError(error) || options?.abortSignal?.aborted) throw error;
      info = undefined;
    }
    return info ? toCapabilities(info) : { maxVideosPerCall: 1 };
  };

  async doGenerate(options: VideoModelV3CallOptions): Promise<VideoModelV3GenerateResult> {
    const openrouterOptions = await this.parseOptions(options);
    return generateVideoFromJob({
      model: this,
      options,
      poll: {
        intervalMs: openrouterOptions.pollIntervalMs,
        timeoutMs: openrouterOptions.pollTimeoutMs,
      },
    });
  }

  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const { body, warnings } = await this.getRequest(options);
    const timestamp = this.currentDate();

    const { value, responseHeaders } = await postJsonToApi({
      url: `${this.config.baseURL}/videos`,
      headers: combineHeaders(this.config.headers(), options.headers),
      body,
      failedResponseHandler: openrouterFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(submitResponseSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });

    const operation: OpenRouterVideoOperation = { id: value.id };
    if (value.polling_url) operation.pollingUrl = this.resolveUrl(value.polling_url);

    return {
      operation,
      warnings,
      providerMetadata: { openrouter: removeUndefined({ id: value.id, status: value.status ?? undefined }) },
      response: { timestamp, modelId: this.modelId, headers: responseHeaders },
    };
  }

  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const operation = parseOperation(options.operation);
    const { value, responseHeaders } = await getFromApi({
      url: this.getPollingUrl(operation),
      headers: combineHeaders(this.config.headers(), options.headers),
      failedResponseHandler: openrouterFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(jobResponseSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    const providerMetadata = getJobMetadata(value, operation.id);

    switch (value.status) {
      case 'completed': {
        const urls = stated(value.unsigned_urls) ?? stated(value.urls);
        const videos: VideoModelV3VideoData[] = urls
          ? urls.map((url) => ({ type: 'url', url: this.resolveUrl(url), mediaType: 'video/mp4' }))
          : [{ type: 'url', url: this.contentUrl(operation.id, 0), mediaType: 'video/mp4' }];
        return {
          status: 'completed',
          videos,
          warnings: [],
          providerMetadata,
          response: { timestamp: this.currentDate(), modelId: this.modelId, headers: responseHeaders },
        };
      }
      case 'failed':
      case 'cancelled':
      case 'expired': {
        const reason = typeof value.error === 'string' ? value.error : value.error?.message;
        const message = reason?.trim() || DEFAULT_FAILURE_MESSAGES[value.status];
        return {
          status: 'failed',
          error: {
            code: value.status,
            message,
            contentFiltered: value.status === 'failed' && CONTENT_FILTER_PATTERN.test(message),
          },
          providerMetadata,
        };
      }
      default:
        // pending, in_progress, and statuses added later: keep waiting.
        return { status: 'pending', providerStatus: value.status };
    }
  }

  /**
   * Fetches a video with the OpenRouter credentials, which go only to the
   * configured origin: a redirect to storage on another origin (or a signed
   * `urls` entry elsewhere) is fetched without them. Sends
   * `Accept: video/mp4` as OpenRouter's SDK does.
   */
  async doDownload(options: VideoModelV3DownloadOptions): Promise<Response> {
    const { 'user-agent': userAgent, ...credentialHeaders } = this.config.headers();
    return fetchWithCredentials({
      url: options.video.url,
      credentialHeaders,
      credentialOrigin: this.config.baseURL,
      headers: { 'user-agent': userAgent, accept: 'video/mp4', ...options.headers },
      allowPrivateNetwork: options.allowPrivateNetwork,
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
  }

  private async parseOptions(options: VideoModelV3CallOptions): Promise<OpenRouterVideoModelOptions> {
    return (
      (await parseProviderOptions({
        provider: 'openrouter',
        providerOptions: options.providerOptions,
        schema: openrouterVideoModelOptionsSchema,
      })) ?? {}
    );
  }

  /** Builds the `POST /videos` body, validating everything before any request that costs money. */
  private async getRequest(
    options: VideoModelV3StartOptions,
  ): Promise<{ body: Record<string, unknown>; warnings: SharedV3Warning[] }> {
    const openrouterOptions = await this.parseOptions(options);
    const warnings: SharedV3Warning[] = [];

    // Checks that need no model listing.
    if (options.n !== undefined && options.n !== 1) {
      throw new InvalidArgumentError({
        argument: 'n',
        message: `OpenRouter generates one video per job (maxVideosPerCall is 1); got n = ${options.n}. Core splits larger n into several jobs.`,
      });
    }
    if (options.duration !== undefined && (!Number.isInteger(options.duration) || options.duration <= 0)) {
      throw new InvalidArgumentError({
        argument: 'duration',
        message: `OpenRouter takes a whole positive number of seconds; got ${options.duration}. Nearest: ${Math.max(1, Math.round(options.duration))}.`,
      });
    }
    if (options.seed !== undefined && !Number.isInteger(options.seed)) {
      throw new InvalidArgumentError({ argument: 'seed', message: `seed must be an integer; got ${options.seed}.` });
    }
    if (options.fps !== undefined) {
      warnings.push({
        type: 'unsupported',
        feature: 'fps',
        details: 'OpenRouter video models take no fps; the model default is used.',
      });
    }
    // options.idempotencyKey is not sent: POST /videos takes none. No warning, because core
    // adds a key to every submission on its own; it retries a submission only when OpenRouter
    // cannot have accepted it (429, 503, connection refused), so no job is paid twice.
    const { firstFrame, lastFrame } = getFrameImages(options);
    for (const [argument, frame] of [
      ['first frame', firstFrame],
      ['last frame', lastFrame],
    ] as const) {
      if (frame && getFileKind(frame) !== 'image') {
        throw new InvalidArgumentError({
          argument: 'frameImages',
          message: `The ${argument} must be an image; got ${frame.mediaType ?? 'a non-image file'}.`,
        });
      }
    }
    const references = options.inputReferences ?? [];
    if ((firstFrame || lastFrame) && references.length > 0) {
      warnings.push({
        type: 'other',
        message:
          'Both frame images and input references were given: OpenRouter treats the request as image-to-video and uses frame_images; input_references may be ignored.',
      });
    }

    // The model listing, where it can be had. A failure does not block the call.
    let info: OpenRouterVideoModelInfo | undefined;
    if (openrouterOptions.validateCapabilities !== false) {
      try {
        const models = await this.config.listVideoModels({ abortSignal: options.abortSignal });
        info = findVideoModelInfo(models, this.modelId);
        if (!info) {
          warnings.push({
            type: 'other',
            message: `${this.modelId} is not in OpenRouter's video model list; the options were not validated before submitting.`,
          });
        }
      } catch (error) {
        if (isAbortError(error) || options.abortSignal?.aborted) throw error;
        warnings.push({
          type: 'other',
          message: `OpenRouter's video model list could not be fetched (${error instanceof Error ? error.message : String(error)}); the options were not validated before submitting.`,
        });
      }
    }

    // Aspect ratio, resolution and size.
    let aspectRatio: string | undefined;
    if (options.aspectRatio === 'adaptive') {
      warnings.push({
        type: 'unsupported',
        feature: 'aspectRatio',
        details:
          "OpenRouter has no 'adaptive' aspect ratio; aspect_ratio is not sent and the model's default (usually the first frame's shape) applies.",
      });
    } else {
      aspectRatio = options.aspectRatio;
    }
    let resolution = openrouterOptions.resolution;
    let size = openrouterOptions.size;
    if (options.resolution !== undefined && resolution === undefined && size === undefined) {
      const mapped = mapResolution(options.resolution, aspectRatio, info);
      resolution = mapped.resolution;
      size = mapped.size;
      aspectRatio = mapped.aspectRatio;
    } else if (options.resolution !== undefined) {
      warnings.push({
        type: 'other',
        message: `resolution ${options.resolution} was overridden by providerOptions.openrouter.${size !== undefined ? 'size' : 'resolution'}.`,
      });
    }

    // Validation against the listing, before paying.
    let seed = options.seed;
    if (info) {
      const where = `OpenRouter model ${this.modelId}`;
      const durations = stated(info.supportedDurations);
      if (options.duration !== undefined && durations && !durations.includes(options.duration)) {
        throw new InvalidArgumentError({
          argument: 'duration',
          message: `${where} does not support duration ${options.duration} s. Supported durations: ${durations.join(', ')}. Nearest supported: ${snapOpenRouterDuration(durations, options.duration)} s.`,
        });
      }
      const sizes = stated(info.supportedSizes);
      if (openrouterOptions.size !== undefined && sizes && !sizes.includes(openrouterOptions.size)) {
        throw new InvalidArgumentError({
          argument: 'providerOptions.openrouter.size',
          message: `${where} does not support size ${openrouterOptions.size}. Supported sizes: ${sizes.join(', ')}.`,
        });
      }
      const resolutionNames = stated(info.supportedResolutions);
      if (resolution !== undefined && resolutionNames && !resolutionNames.includes(resolution)) {
        throw new InvalidArgumentError({
          argument: openrouterOptions.resolution !== undefined ? 'providerOptions.openrouter.resolution' : 'resolution',
          message: `${where} does not support resolution ${options.resolution && openrouterOptions.resolution === undefined ? `${options.resolution} (${resolution})` : resolution}. Supported resolutions: ${resolutionNames.join(', ')}${sizes ? `; sizes: ${sizes.join(', ')}` : ''}.`,
        });
      }
      const aspectRatios = stated(info.supportedAspectRatios);
      if (aspectRatio !== undefined && aspectRatios && !aspectRatios.includes(aspectRatio)) {
        throw new InvalidArgumentError({
          argument: 'aspectRatio',
          message: `${where} does not support aspect ratio ${aspectRatio}. Supported aspect ratios: ${aspectRatios.join(', ')}.`,
        });
      }
      if (options.generateAudio === true && info.generateAudio === false) {
        throw new InvalidArgumentError({
          argument: 'generateAudio',
          message: `${where} cannot generate audio; leave generateAudio unset or false.`,
        });
      }
      const frameRoles = info.supportedFrameImages;
      if (frameRoles) {
        for (const [role, frame] of [
          ['first_frame', firstFrame],
          ['last_frame', lastFrame],
        ] as const) {
          if (frame && !frameRoles.includes(role)) {
            throw new InvalidArgumentError({
              argument: 'frameImages',
              message: `${where} does not take a ${role} image. Supported frame images: ${frameRoles.length > 0 ? frameRoles.join(', ') : 'none'}.`,
            });
          }
        }
      }
      if (seed !== undefined && info.seed === false) {
        warnings.push({
          type: 'unsupported',
          feature: 'seed',
          details: `${where} does not honour a seed; it was not sent.`,
        });
        seed = undefined;
      }
      const allowed = info.allowedPassthroughParameters;
      for (const [slug, slugOptions] of Object.entries(openrouterOptions.provider?.options ?? {})) {
        const inner = slugOptions.parameters;
        const keys =
          Object.keys(slugOptions).length === 1 && inner !== null && typeof inner === 'object' && !Array.isArray(inner)
            ? Object.keys(inner)
            : Object.keys(slugOptions);
        const unknown = keys.filter((key) => !allowed.includes(key));
        if (unknown.length > 0) {
          warnings.push({
            type: 'other',
            message: `provider.options.${slug}: ${unknown.join(', ')} not in ${this.modelId}'s allowed passthrough parameters (${allowed.join(', ') || 'none'}); OpenRouter may drop or reject them.`,
          });
        }
      }
    }

    const frameImages = [
      ...(firstFrame ? [toFrameImage(firstFrame, 'first_frame')] : []),
      ...(lastFrame ? [toFrameImage(lastFrame, 'last_frame')] : []),
    ];
    const body = removeUndefined({
      model: this.modelId,
      prompt: options.prompt,
      duration: options.duration,
      resolution,
      aspect_ratio: aspectRatio,
      size,
      seed,
      generate_audio: options.generateAudio,
      frame_images: frameImages.length > 0 ? frameImages : undefined,
      input_references: references.length > 0 ? references.map(toInputReference) : undefined,
      callback_url: openrouterOptions.callbackUrl ?? options.webhookUrl,
      previous_job_id: openrouterOptions.previousJobId,
      provider: openrouterOptions.provider ? { options: openrouterOptions.provider.options } : undefined,
      session_id: openrouterOptions.sessionId,
      user: openrouterOptions.user,
      creativity: openrouterOptions.creativity,
      upscale_factor: openrouterOptions.upscaleFactor,
    });

    // Checked before sending so that a too-large body fails fast with advice, not with a 413.
    const bodyBytes = new TextEncoder().encode(JSON.stringify(body)).byteLength;
    if (bodyBytes > MAX_BODY_BYTES) {
      throw new InvalidArgumentError({
        argument: 'frameImages',
        message: `The request body would be ${(bodyBytes / 1024 / 1024).toFixed(1)} MiB; OpenRouter accepts at most 50 MiB. Pass large images, videos and audio as https URLs instead of bytes.`,
      });
    }

    return { body, warnings };
  }

  /** The URL to poll: OpenRouter's polling URL when it is on the configured origin, else `${baseURL}/videos/{id}`. */
  private getPollingUrl(operation: OpenRouterVideoOperation): string {
    const fallback = `${this.config.baseURL}/videos/${encodeURIComponent(operation.id)}`;
    if (!operation.pollingUrl) return fallback;
    let url: URL;
    try {
      url = new URL(this.resolveUrl(operation.pollingUrl));
    } catch {
      return fallback;
    }
    // The key goes only to the configured origin: a polling URL elsewhere is not trusted.
    return url.origin === new URL(this.config.baseURL).origin ? url.toString() : fallback;
  }

  private resolveUrl(url: string): string {
    return resolveOpenRouterUrl(url, this.config.baseURL);
  }

  private contentUrl(id: string, index: number): string {
    return `${this.config.baseURL}/videos/${encodeURIComponent(id)}/content?index=${index}`;
  }

  private currentDate(): Date {
    return this.config._internal?.currentDate?.() ?? new Date();
  }
}

/**
 * Resolves a URL from an OpenRouter response (`polling_url`, `urls`) against
 * the configured base URL: absolute URLs stay as they are, relative ones
 * resolve against the base URL, and root-relative ones against its origin,
 * with one exception for gateways that mount OpenRouter under a path prefix.
 * OpenRouter's root-relative URLs start with `/api/v1/`; when the base URL's
 * path is `<prefix>/api/v1` (e.g. `https://gw.example/openrouter/api/v1`),
 * such a URL keeps the prefix (`/api/v1/videos/x` →
 * `https://gw.example/openrouter/api/v1/videos/x`) instead of leaving the
 * gateway. Any other root-relative URL resolves against the origin.
 */
export function resolveOpenRouterUrl(url: string, baseURL: string): string {
  const base = new URL(`${baseURL.replace(/\/+$/, '')}/`);
  if (url.startsWith(API_PATH + '/')) {
    const basePath = base.pathname.replace(/\/+$/, '');
    if (basePath.endsWith(API_PATH) && basePath.length > API_PATH.length) {
      return new URL(basePath.slice(0, -API_PATH.length) + url, base.origin).toString();
    }
  }
  return new URL(url, base).toString();
}

/** The path of OpenRouter's API on openrouter.ai, which its root-relative URLs start with. */
const API_PATH = '/api/v1';

/**
 * Maps the call's `WxH` resolution to the wire: `size` when the model lists
 * that size; otherwise OpenRouter's resolution name plus the aspect ratio;
 * `size` as a last resort when no name fits and the model lists nothing.
 */
function mapResolution(
  value: string,
  requestedAspectRatio: string | undefined,
  info: OpenRouterVideoModelInfo | undefined,
): { resolution?: string; size?: string; aspectRatio?: string } {
  const match = /^(\d+)x(\d+)$/.exec(value);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (!match || width <= 0 || height <= 0) {
    throw new InvalidArgumentError({
      argument: 'resolution',
      message: `resolution must be WIDTHxHEIGHT, e.g. 1280x720; got ${value}.`,
    });
  }
  const requestedRatio = requestedAspectRatio !== undefined ? aspectRatioValue(requestedAspectRatio) : undefined;
  if (
    requestedAspectRatio !== undefined &&
    requestedRatio !== undefined &&
    !sameAspectRatio(requestedRatio, width / height)
  ) {
    throw new InvalidArgumentError({
      argument: 'aspectRatio',
      message: `aspectRatio ${requestedAspectRatio} does not match resolution ${value} (${aspectRatioForSize(width, height)}).`,
    });
  }

  const sizes = stated(info?.supportedSizes);
  if (sizes?.includes(value)) {
    // The size says everything; aspect_ratio is not sent next to it.
    return { size: value };
  }
  const name = resolutionNameForSize(width, height);
  const names = stated(info?.supportedResolutions);
  if (name !== undefined) {
    const listedRatio = stated(info?.supportedAspectRatios)?.find((ratio) => {
      const listed = aspectRatioValue(ratio);
      return listed !== undefined && sameAspectRatio(listed, width / height);
    });
    return { resolution: name, aspectRatio: requestedAspectRatio ?? listedRatio ?? aspectRatioForSize(width, height) };
  }
  if (sizes || names) {
    throw new InvalidArgumentError({
      argument: 'resolution',
      message: `OpenRouter model ${info!.id} does not support resolution ${value}.${sizes ? ` Supported sizes: ${sizes.join(', ')}.` : ''}${names ? ` Supported resolutions: ${names.join(', ')} (pass one as providerOptions.openrouter.resolution).` : ''}`,
    });
  }
  return { size: value, aspectRatio: undefined };
}

function toFrameImage(file: VideoModelV3File, frameType: 'first_frame' | 'last_frame') {
  return { type: 'image_url', image_url: { url: fileToUrl(file) }, frame_type: frameType };
}

function toInputReference(file: VideoModelV3File) {
  const url = fileToUrl(file);
  switch (getFileKind(file)) {
    case 'video':
      return { type: 'video_url', video_url: { url } };
    case 'audio':
      return { type: 'audio_url', audio_url: { url } };
    default:
      return { type: 'image_url', image_url: { url } };
  }
}

const DEFAULT_FAILURE_MESSAGES = {
  failed: 'OpenRouter reported the video job as failed without a reason.',
  cancelled: 'The video job was cancelled.',
  expired: 'The video job expired before it completed.',
} as const;

/** OpenRouter's failure text is free-form; these words mark a moderation block. */
const CONTENT_FILTER_PATTERN = /content[ _-]?(policy|filter|moderation)|moderat|safety|nsfw/i;

function getJobMetadata(value: z.infer<typeof jobResponseSchema>, id: string): SharedV3ProviderMetadata {
  return {
    openrouter: removeUndefined({
      id: value.id ?? id,
      status: value.status,
      generationId: value.generation_id ?? undefined,
      usage: value.usage
        ? removeUndefined({ cost: value.usage.cost ?? null, isByok: value.usage.is_byok ?? undefined })
        : undefined,
    }) as JSONObject,
  };
}

function parseOperation(operation: unknown): OpenRouterVideoOperation {
  const parsed = operationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not an OpenRouter video operation: expected { id: string, pollingUrl?: string } from doStart.',
    });
  }
  return parsed.data.pollingUrl ? { id: parsed.data.id, pollingUrl: parsed.data.pollingUrl } : { id: parsed.data.id };
}

function removeUndefined<T extends Record<string, unknown>>(record: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

const operationSchema = z.object({
  id: z.string().check(z.minLength(1)),
  pollingUrl: z.nullish(z.string()),
});

const submitResponseSchema = z.object({
  id: z.string().check(z.minLength(1)),
  polling_url: z.nullish(z.string()),
  status: z.nullish(z.string()),
});

const jobResponseSchema = z.object({
  id: z.nullish(z.string()),
  status: z.string(),
  generation_id: z.nullish(z.string()),
  unsigned_urls: z.nullish(z.array(z.string())),
  urls: z.nullish(z.array(z.string())),
  usage: z.nullish(
    z.object({
      cost: z.nullish(z.number()),
      is_byok: z.nullish(z.boolean()),
    }),
  ),
  // A string per the spec; an object with a message is tolerated.
  error: z.nullish(z.union([z.string(), z.object({ message: z.string() })])),
});
