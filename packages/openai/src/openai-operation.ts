import {
  InvalidArgumentError,
  type JSONObject,
  type VideoModelV3StatusResult,
  type VideoModelV3Usage,
} from '@videogen/provider-spec';
import * as z from 'zod/v4/mini';
import { type OpenAIConfig, openaiUrl, openaiVideoPath } from './openai-config';

/**
 * The job reference of an OpenAI video: the video id. Plain JSON, without
 * URLs or credentials, so any process with a model of this provider (same
 * base URL) can resume it.
 */
export type OpenAIVideoOperation = {
  /** The video (job) id, `video_…`. */
  videoId: string;
};

const operationSchema = z.object({ videoId: z.string().check(z.minLength(1)) });

/** Reads a stored operation; an InvalidArgumentError for anything else. */
export function parseOpenAIOperation(operation: unknown): OpenAIVideoOperation {
  const parsed = operationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'An OpenAI video operation is an object { videoId: "video_…" } as returned by doStart.',
    });
  }
  return { videoId: parsed.data.videoId };
}

/** What `GET /videos/{id}/content` can return. */
export type OpenAIVideoContentVariant = 'video' | 'thumbnail' | 'spritesheet';

/** The URL of a video's content (`variant` omitted for the video itself, as the SDK does). */
export function openaiContentUrl(
  config: Pick<OpenAIConfig, 'baseURL' | 'queryParams'>,
  videoId: string,
  variant: OpenAIVideoContentVariant = 'video',
): string {
  return openaiUrl(config, `${openaiVideoPath(videoId)}/content`, {
    variant: variant === 'video' ? undefined : variant,
  });
}

/**
 * A Video object as a status: `completed` → the credentialed content URL,
 * `failed` → the error (content filter detected), anything else (`queued`,
 * `in_progress`, or a word a compatible endpoint adds) → pending.
 */
export function getOpenAIVideoStatus({
  config,
  video,
  responseHeaders,
  modelId,
  timestamp,
}: {
  config: OpenAIConfig;
  video: OpenAIVideo;
  responseHeaders: Record<string, string> | undefined;
  modelId: string;
  timestamp: Date;
}): VideoModelV3StatusResult {
  const providerMetadata = { openai: openaiVideoMetadata(config, video) };
  switch (video.status) {
    case 'completed': {
      const usage = getOpenAIVideoUsage(video);
      return {
        status: 'completed',
        videos: [{ type: 'url', url: openaiContentUrl(config, video.id), mediaType: 'video/mp4' }],
        warnings: [],
        providerMetadata,
        ...(usage ? { usage } : {}),
        response: { timestamp, modelId: video.model ?? modelId, headers: responseHeaders },
      };
    }
    case 'failed': {
      const error = video.error;
      const code = error?.code ?? undefined;
      return {
        status: 'failed',
        error: {
          ...(code !== undefined ? { code } : {}),
          message: error?.message ?? 'The video job failed without a reason.',
          contentFiltered: isOpenAIContentFiltered(error),
        },
        providerMetadata,
      };
    }
    default: {
      const pollAfterMs = getPollAfterMs(responseHeaders);
      return {
        status: 'pending',
        providerStatus: video.status,
        ...(typeof video.progress === 'number' ? { progress: video.progress } : {}),
        ...(pollAfterMs !== undefined ? { pollAfterMs } : {}),
      };
    }
  }
}

/**
 * The usage the API reports for a video: its `seconds` (a string such as
 * `"8"`) as `videoSeconds`. Nothing when it is missing or not a number.
 */
export function getOpenAIVideoUsage(video: Pick<OpenAIVideo, 'seconds'>): VideoModelV3Usage | undefined {
  if (video.seconds == null || video.seconds === '') return undefined;
  const seconds = Number(video.seconds);
  return Number.isFinite(seconds) && seconds > 0 ? { videoSeconds: seconds } : undefined;
}

/**
 * Whether a job error is a content-filter block. OpenAI does not enumerate
 * its job error codes; `moderation_blocked` is the documented example,
 * Azure OpenAI reports `content_filter`.
 */
export function isOpenAIContentFiltered(error: OpenAIVideo['error']): boolean {
  if (!error) return false;
  const text = `${error.code ?? ''} ${error.type ?? ''}`;
  return /moderation|content_filter|content_policy|safety/i.test(text);
}

// OpenAI's poll helpers (openai-node) honour this header over their interval.
function getPollAfterMs(headers: Record<string, string> | undefined): number | undefined {
  const value = headers?.['openai-poll-after-ms'];
  if (value === undefined) return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * The provider metadata of a video object, under `providerMetadata.openai`:
 * the job's fields in camelCase, and for a completed video the URLs of its
 * thumbnail and spritesheet (fetch them with the model's `doDownload` or
 * `openai.videos.downloadContent`).
 */
export function openaiVideoMetadata(config: OpenAIConfig, video: OpenAIVideo): JSONObject {
  const metadata: JSONObject = {
    id: video.id,
    status: video.status,
    progress: video.progress ?? null,
    model: video.model ?? null,
    size: video.size ?? null,
    seconds: video.seconds ?? null,
    createdAt: video.created_at ?? null,
    completedAt: video.completed_at ?? null,
    expiresAt: video.expires_at ?? null,
    remixedFromVideoId: video.remixed_from_video_id ?? null,
  };
  if (video.status === 'completed') {
    metadata.thumbnailUrl = openaiContentUrl(config, video.id, 'thumbnail');
    metadata.spritesheetUrl = openaiContentUrl(config, video.id, 'spritesheet');
  }
  if (video.error) {
    metadata.error = {
      code: video.error.code ?? null,
      message: video.error.message ?? null,
      type: video.error.type ?? null,
      param: video.error.param ?? null,
    };
  }
  return metadata;
}

const errorCodeSchema = z.nullish(z.union([z.string(), z.number()]));

/** Lenient: the fields videogen reads, the rest passed through untouched. */
export const openaiVideoSchema = z.looseObject({
  id: z.string(),
  object: z.nullish(z.string()),
  model: z.nullish(z.string()),
  status: z.string(),
  progress: z.nullish(z.number()),
  created_at: z.nullish(z.number()),
  completed_at: z.nullish(z.number()),
  expires_at: z.nullish(z.number()),
  prompt: z.nullish(z.string()),
  size: z.nullish(z.string()),
  seconds: z.nullish(z.union([z.string(), z.number()])),
  remixed_from_video_id: z.nullish(z.string()),
  error: z.nullish(
    z.looseObject({
      code: errorCodeSchema,
      message: z.nullish(z.string()),
      type: z.nullish(z.string()),
      param: z.nullish(z.string()),
    }),
  ),
});

/**
 * A Video object as the API returns it (snake_case, fields as in the
 * OpenAI spec: `id`, `object: 'video'`, `model`, `status` (`queued`,
 * `in_progress`, `completed`, `failed`), `progress` (0–100), `created_at`,
 * `completed_at`, `expires_at` (unix seconds), `prompt`, `size`, `seconds`
 * (a string), `remixed_from_video_id`, `error`).
 */
export type OpenAIVideo = z.infer<typeof openaiVideoSchema>;
