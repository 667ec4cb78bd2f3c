import {
  InvalidArgumentError,
  type SharedV3Warning,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3DownloadOptions,
  type VideoModelV3File,
  type VideoModelV3GenerateResult,
  type VideoModelV3OperationOptions,
  type VideoModelV3StartOptions,
  type VideoModelV3StartResult,
  type VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';
import { generateVideoFromJob, getFileMediaType, getFrameImages, parseProviderOptions } from '@videogen/provider-utils';
import * as z from 'zod/v4/mini';
import {
  createVideoJson,
  createVideoMultipart,
  downloadWithCredentials,
  openaiContentUrl,
  openaiVideoMetadata,
  remixVideo,
  retrieveVideo,
  type OpenAIVideo,
} from './openai-api';
import type { OpenAIConfig } from './openai-config';
import {
  getOpenAIVideoModelCapabilities,
  getOpenAIVideoModelCapabilityEntry,
  openaiVideoModelOptionsSchema,
  type OpenAIVideoModelCapabilityEntry,
  type OpenAIVideoModelId,
  type OpenAIVideoModelOptions,
} from './openai-video-model-options';

/** Image types the API takes as `input_reference`. */
const INPUT_REFERENCE_MEDIA_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const MAX_PROMPT_LENGTH = 32_000;

/**
 * The job reference of an OpenAI video: the video id. Plain JSON, without
 * URLs or credentials, so any process with a model of this provider (same
 * base URL) can resume it.
 */
export type OpenAIVideoOperation = {
  /** The video (job) id, `video_…`. */
  videoId: string;
};

/**
 * A model of the OpenAI Videos API (Sora), or of an endpoint with the same
 * wire format (Azure OpenAI, gateways).
 *
 * - `doStart`: `POST /videos` (JSON; multipart when the first frame is
 *   bytes), or `POST /videos/{id}/remix` with `providerOptions.openai.remixVideoId`.
 * - `doStatus`: `GET /videos/{id}`.
 * - `doDownload`: `GET /videos/{id}/content[?variant=…]` with credentials
 *   sent only to the API's origin.
 * - No `doCancel`: the API has no cancel endpoint (`DELETE /videos/{id}`
 *   removes a finished job; it is not a cancel).
 */
export class OpenAIVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /** The API makes one video per job; core splits `n`. */
  readonly maxVideosPerCall = 1;
  /** Sizes, durations and inputs this model accepts. */
  readonly capabilities: VideoModelV3Capabilities;

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
    const warnings: SharedV3Warning[] = [];
    const prompt = validatePrompt(options.prompt);
    const { firstFrame, lastFrame } = getFrameImages(options);
    collectUnsupportedWarnings(options, lastFrame, warnings);

    const requestOptions = {
      abortSignal: options.abortSignal,
      headers: options.headers,
      idempotencyKey: options.idempotencyKey,
    };

    let result: { value: OpenAIVideo; responseHeaders?: Record<string, string> };
    if (openaiOptions.remixVideoId !== undefined) {
      for (const [feature, value] of [
        ['duration', options.duration],
        ['resolution', options.resolution],
        ['aspectRatio', options.aspectRatio],
        ['image', firstFrame],
      ] as const) {
        if (value !== undefined) {
          warnings.push({
            type: 'unsupported',
            feature,
            details: 'A remix keeps the size and duration of the source video and takes only a prompt.',
          });
        }
      }
      result = await remixVideo(this.config, { videoId: openaiOptions.remixVideoId, prompt }, requestOptions);
    } else {
      const entry = getOpenAIVideoModelCapabilityEntry(this.modelId);
      const seconds = resolveSeconds(this.modelId, entry, options.duration);
      const size = resolveSize(this.modelId, entry, options, warnings);
      const fields = { model: this.modelId, prompt, seconds, size };
      if (firstFrame?.type === 'file') {
        // Bytes go as a file part, as the OpenAI SDK and the docs' curl do.
        result = await createVideoMultipart(this.config, toFormData(fields, firstFrame), requestOptions);
      } else {
        result = await createVideoJson(
          this.config,
          {
            ...fields,
            ...(firstFrame ? { input_reference: { image_url: validateImageUrl(firstFrame.url, firstFrame) } } : {}),
          },
          requestOptions,
        );
      }
    }

    const video = result.value;
    const operation: OpenAIVideoOperation = { videoId: video.id };
    return {
      operation,
      warnings,
      providerMetadata: { openai: openaiVideoMetadata(this.config, video) },
      response: {
        timestamp: this.currentDate(),
        modelId: video.model ?? this.modelId,
        headers: result.responseHeaders,
      },
    };
  }

  async doStatus({ operation, abortSignal, headers }: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { videoId } = parseOperation(operation);
    const { value: video, responseHeaders } = await retrieveVideo(this.config, videoId, { abortSignal, headers });
    const providerMetadata = { openai: openaiVideoMetadata(this.config, video) };
    switch (video.status) {
      case 'completed':
        return {
          status: 'completed',
          videos: [{ type: 'url', url: openaiContentUrl(this.config, video.id), mediaType: 'video/mp4' }],
          warnings: [],
          providerMetadata,
          response: {
            timestamp: this.currentDate(),
            modelId: video.model ?? this.modelId,
            headers: responseHeaders,
          },
        };
      case 'failed': {
        const error = video.error;
        const code = error?.code ?? undefined;
        return {
          status: 'failed',
          error: {
            ...(code !== undefined ? { code } : {}),
            message: error?.message ?? 'The video job failed without a reason.',
            contentFiltered: isModerationError(error),
          },
          providerMetadata,
        };
      }
      default:
        // `queued`, `in_progress`, or a word a compatible endpoint adds.
        return {
          status: 'pending',
          providerStatus: video.status,
          ...(typeof video.progress === 'number' ? { progress: video.progress } : {}),
        };
    }
  }

  /**
   * Fetches a content URL of this provider (the video from `doStatus`, or
   * `thumbnailUrl` / `spritesheetUrl` from the provider metadata) with the
   * credentials, which go only to the base URL's origin.
   */
  async doDownload({
    video,
    abortSignal,
    headers,
    allowPrivateNetwork,
  }: VideoModelV3DownloadOptions): Promise<Response> {
    return downloadWithCredentials(this.config, video.url, { abortSignal, headers, allowPrivateNetwork });
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

function validatePrompt(prompt: string | undefined): string {
  if (prompt === undefined || prompt.trim() === '') {
    throw new InvalidArgumentError({
      argument: 'prompt',
      message: 'The OpenAI Videos API needs a prompt (1 to 32000 characters).',
    });
  }
  if (prompt.length > MAX_PROMPT_LENGTH) {
    throw new InvalidArgumentError({
      argument: 'prompt',
      message: `The OpenAI Videos API takes prompts of at most ${MAX_PROMPT_LENGTH} characters; got ${prompt.length}.`,
    });
  }
  return prompt;
}

function collectUnsupportedWarnings(
  options: VideoModelV3StartOptions,
  lastFrame: VideoModelV3File | undefined,
  warnings: SharedV3Warning[],
) {
  if (options.n > 1) {
    warnings.push({
      type: 'unsupported',
      feature: 'n',
      details: 'An OpenAI video job makes one video; this call makes 1 (maxVideosPerCall is 1).',
    });
  }
  if (options.fps !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'fps', details: 'The OpenAI Videos API has no frame-rate setting.' });
  }
  if (options.seed !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'seed', details: 'The OpenAI Videos API has no seed.' });
  }
  if (options.generateAudio === false) {
    warnings.push({
      type: 'unsupported',
      feature: 'generateAudio',
      details: 'Sora 2 always generates audio; it cannot be turned off.',
    });
  }
  if (lastFrame) {
    warnings.push({
      type: 'unsupported',
      feature: 'frameImages',
      details: 'The OpenAI Videos API takes a first frame only; the last frame was ignored.',
    });
  }
  if (options.webhookUrl !== undefined) {
    warnings.push({
      type: 'unsupported',
      feature: 'webhookUrl',
      details:
        'OpenAI sends video.completed / video.failed webhooks to the endpoints configured per project in its dashboard, not to a URL per request.',
    });
  }
  if (options.inputReferences?.length) {
    warnings.push({
      type: 'unsupported',
      feature: 'inputReferences',
      details: 'The OpenAI Videos API takes no reference inputs (its input_reference is the first frame).',
    });
  }
}

function resolveSeconds(
  modelId: string,
  entry: OpenAIVideoModelCapabilityEntry,
  duration: number | undefined,
): string | undefined {
  if (duration === undefined) return undefined;
  if (!entry.seconds.includes(duration)) {
    throw new InvalidArgumentError({
      argument: 'duration',
      message: `OpenAI model ${modelId} accepts a duration of ${listValues(entry.seconds.map(String))} seconds; got ${duration}.`,
    });
  }
  // The API's `seconds` is a string.
  return String(duration);
}

function resolveSize(
  modelId: string,
  entry: OpenAIVideoModelCapabilityEntry,
  options: Pick<VideoModelV3CallOptions, 'resolution' | 'aspectRatio'>,
  warnings: SharedV3Warning[],
): string | undefined {
  const { resolution, aspectRatio } = options;
  if (resolution !== undefined) {
    if (!entry.sizes.includes(resolution)) {
      throw new InvalidArgumentError({
        argument: 'resolution',
        message: `OpenAI model ${modelId} accepts a resolution of ${listValues(entry.sizes)}; got ${resolution}.`,
      });
    }
    if (aspectRatio !== undefined && aspectRatio !== 'adaptive') {
      const [width, height] = resolution.split('x').map(Number);
      if (reduceRatio(width, height) !== normaliseAspectRatio(aspectRatio)) {
        throw new InvalidArgumentError({
          argument: 'aspectRatio',
          message: `The aspect ratio ${aspectRatio} does not match the resolution ${resolution}; give one of them, or matching values.`,
        });
      }
    }
    return resolution;
  }
  if (aspectRatio === undefined) return undefined;
  if (aspectRatio === 'adaptive') {
    warnings.push({
      type: 'unsupported',
      feature: 'aspectRatio',
      details:
        'OpenAI has no adaptive aspect ratio; the API default size (720x1280) applies. Set a resolution that matches the first frame.',
    });
    return undefined;
  }
  const size = entry.aspectRatioSizes[normaliseAspectRatio(aspectRatio)];
  if (size === undefined) {
    throw new InvalidArgumentError({
      argument: 'aspectRatio',
      message: `OpenAI model ${modelId} accepts an aspect ratio of ${listValues(Object.keys(entry.aspectRatioSizes))}; got ${aspectRatio}.`,
    });
  }
  return size;
}

function normaliseAspectRatio(aspectRatio: string): string {
  const [width, height] = aspectRatio.split(':').map(Number);
  if (!(width > 0) || !(height > 0)) return aspectRatio;
  return reduceRatio(width, height);
}

function reduceRatio(width: number, height: number): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const divisor = gcd(width, height) || 1;
  return `${width / divisor}:${height / divisor}`;
}

function listValues(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function toFormData(
  fields: Record<string, string | undefined>,
  image: Extract<VideoModelV3File, { type: 'file' }>,
): FormData {
  const mediaType = image.mediaType;
  const extension = INPUT_REFERENCE_MEDIA_TYPES[mediaType];
  if (extension === undefined) throw unsupportedImageType(mediaType);
  const bytes = typeof image.data === 'string' ? convertBase64ToUint8Array(image.data) : image.data;
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) formData.append(name, value);
  }
  formData.append(
    'input_reference',
    new Blob([bytes as BlobPart], { type: mediaType }),
    `input_reference.${extension}`,
  );
  return formData;
}

function validateImageUrl(url: string, image: VideoModelV3File): string {
  const mediaType = getFileMediaType(image);
  // An https URL without a known extension is left to the API to judge.
  if (mediaType !== undefined && INPUT_REFERENCE_MEDIA_TYPES[mediaType] === undefined) {
    throw unsupportedImageType(mediaType);
  }
  return url;
}

function unsupportedImageType(mediaType: string | undefined): InvalidArgumentError {
  return new InvalidArgumentError({
    argument: 'image',
    message: `The OpenAI Videos API takes a first frame as image/jpeg, image/png or image/webp; got ${mediaType ?? 'an unknown type'}.`,
  });
}

function isModerationError(error: OpenAIVideo['error']): boolean {
  if (!error) return false;
  // OpenAI does not enumerate its job error codes; `moderation_blocked` is
  // the documented example, Azure OpenAI reports `content_filter`.
  const text = `${error.code ?? ''} ${error.type ?? ''}`;
  return /moderation|content_filter|content_policy|safety/i.test(text);
}

const operationSchema = z.object({ videoId: z.string().check(z.minLength(1)) });

function parseOperation(operation: unknown): OpenAIVideoOperation {
  const parsed = operationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'An OpenAI video operation is an object { videoId: "video_…" } as returned by doStart.',
    });
  }
  return { videoId: parsed.data.videoId };
}
