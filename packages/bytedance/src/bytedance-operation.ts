import {
  InvalidArgumentError,
  type VideoModelV3ListedJob,
  type VideoModelV3ListedJobStatus,
  type VideoModelV3ResponseMetadata,
  type VideoModelV3StatusResult,
  type VideoModelV3Usage,
} from '@videogen/provider-spec';
import type { JSONObject } from '@ai-sdk/provider';
// `zod/v4/mini`: tree-shakable (see bytedance-error.ts).
import * as z from 'zod/v4/mini';

/**
 * The job reference of a Seedance task: its id (`cgt-…`). Plain JSON; never
 * holds the key. The region is the provider's base URL, not part of the job.
 */
export type ByteDanceVideoOperation = { id: string };

const storedOperationSchema = z.object({ id: z.string().check(z.regex(/^[\w.-]+$/)) });

/** Reads a stored job reference; an `InvalidArgumentError` for anything else. */
export function parseByteDanceOperation(operation: unknown): ByteDanceVideoOperation {
  const parsed = storedOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not a ByteDance Seedance operation: expected { id: "cgt-…" }.',
    });
  }
  return { id: parsed.data.id };
}

/** The answer of `POST /contents/generations/tasks`. */
export const byteDanceCreatedTaskSchema = z.object({ id: z.string() });

/** A task as `GET /contents/generations/tasks/{id}` returns it (and as a callback delivers it). */
export const byteDanceTaskSchema = z.object({
  id: z.string(),
  model: z.nullish(z.string()),
  status: z.string(),
  error: z.nullish(z.object({ code: z.nullish(z.string()), message: z.nullish(z.string()) })),
  content: z.nullish(z.object({ video_url: z.nullish(z.string()), last_frame_url: z.nullish(z.string()) })),
  usage: z.nullish(z.looseObject({ completion_tokens: z.nullish(z.number()), total_tokens: z.nullish(z.number()) })),
  created_at: z.nullish(z.number()),
  updated_at: z.nullish(z.number()),
  seed: z.nullish(z.number()),
  resolution: z.nullish(z.string()),
  ratio: z.nullish(z.string()),
  duration: z.nullish(z.number()),
  frames: z.nullish(z.number()),
  framespersecond: z.nullish(z.number()),
  draft: z.nullish(z.boolean()),
  draft_task_id: z.nullish(z.string()),
  service_tier: z.nullish(z.string()),
});

/** A Seedance task object. */
export type ByteDanceTask = z.infer<typeof byteDanceTaskSchema>;

/**
 * Maps a task to a status: `queued` / `running` pending (the API reports no
 * progress); `succeeded` completed with `content.video_url` (a signed link,
 * valid 24 h, fetched without the key) and the token usage; `failed` with
 * ByteDance's code and message (`…SensitiveContentDetected…` is content
 * filtered); `cancelled` and `expired` failed with that word as the code.
 */
export function mapByteDanceTask(
  task: ByteDanceTask,
  response: VideoModelV3ResponseMetadata,
): VideoModelV3StatusResult {
  const metadata = {
    taskId: task.id,
    ...(task.model ? { model: task.model } : {}),
    ...(task.seed != null ? { seed: task.seed } : {}),
    ...(task.resolution ? { resolution: task.resolution } : {}),
    ...(task.ratio ? { ratio: task.ratio } : {}),
    ...(task.framespersecond != null ? { framesPerSecond: task.framespersecond } : {}),
    ...(task.draft_task_id ? { draftTaskId: task.draft_task_id } : {}),
    ...(task.service_tier ? { serviceTier: task.service_tier } : {}),
  };
  const usage = mapUsage(task);
  switch (task.status) {
    case 'queued':
    case 'running':
      return { status: 'pending', providerStatus: task.status };
    case 'succeeded': {
      const videoUrl = task.content?.video_url;
      if (!videoUrl) {
        return {
          status: 'failed',
          error: { code: 'NO_VIDEO', message: 'The Seedance task succeeded without a video_url.' },
          providerMetadata: { bytedance: metadata },
        };
      }
      const lastFrameUrl = task.content?.last_frame_url;
      return {
        status: 'completed',
        videos: [{ type: 'url', url: videoUrl, mediaType: 'video/mp4' }],
        warnings: [],
        ...(usage ? { usage } : {}),
        providerMetadata: { bytedance: { ...metadata, videoUrl, ...(lastFrameUrl ? { lastFrameUrl } : {}) } },
        response,
      };
    }
    case 'failed': {
      const code = task.error?.code ?? undefined;
      return {
        status: 'failed',
        error: {
          ...(code ? { code } : {}),
          message: task.error?.message ?? 'The Seedance task failed without a message.',
          ...(code && /SensitiveContentDetected/i.test(code) ? { contentFiltered: true } : {}),
        },
        ...(usage ? { usage } : {}),
        providerMetadata: { bytedance: metadata },
      };
    }
    case 'cancelled':
    case 'expired':
      return {
        status: 'failed',
        error: {
          code: task.status,
          message:
            task.error?.message ??
            (task.status === 'cancelled'
              ? 'The Seedance task was cancelled.'
              : 'The Seedance task expired before it ran (execution_expires_after).'),
        },
        providerMetadata: { bytedance: metadata },
      };
    default:
      // A state added later: keep polling.
      return { status: 'pending', providerStatus: task.status };
  }
}

/** `usage` in tokens as ByteDance bills them (input tokens are not reported separately). */
function mapUsage(task: ByteDanceTask): VideoModelV3Usage | undefined {
  const raw = task.usage;
  if (!raw) return undefined;
  return {
    ...(raw.completion_tokens != null ? { outputTokens: raw.completion_tokens } : {}),
    ...(raw.total_tokens != null ? { totalTokens: raw.total_tokens } : {}),
    ...(task.duration != null && task.duration > 0 ? { videoSeconds: task.duration } : {}),
    raw: raw as JSONObject,
  };
}

/** `GET /contents/generations/tasks` → `{ items, total }`. */
export const byteDanceTaskListSchema = z.object({
  items: z.nullish(z.array(byteDanceTaskSchema)),
  total: z.nullish(z.number()),
});

/** Seedance's `filter.status` for a listed-job state (`pending` spans two words: filtered on the page). */
export const BYTEDANCE_LIST_STATUS_FILTER: Record<VideoModelV3ListedJobStatus, string | undefined> = {
  pending: undefined,
  completed: 'succeeded',
  failed: 'failed',
  canceled: 'cancelled',
};

/** A task in a list: `queued` / `running` pending, `succeeded` completed, `failed` / `expired` failed, `cancelled` canceled. */
export function mapByteDanceListedTask(task: ByteDanceTask): VideoModelV3ListedJob {
  const status: VideoModelV3ListedJobStatus =
    task.status === 'succeeded'
      ? 'completed'
      : task.status === 'failed' || task.status === 'expired'
        ? 'failed'
        : task.status === 'cancelled'
          ? 'canceled'
          : 'pending';
  const operation: ByteDanceVideoOperation = { id: task.id };
  return {
    operation,
    ...(task.model ? { modelId: task.model } : {}),
    status,
    providerStatus: task.status,
    ...(task.created_at != null ? { createdAt: new Date(task.created_at * 1000) } : {}),
    ...(status === 'failed'
      ? {
          error: {
            ...(task.error?.code ? { code: task.error.code } : task.status === 'expired' ? { code: 'expired' } : {}),
            message: task.error?.message ?? `The Seedance task ${task.status === 'expired' ? 'expired' : 'failed'}.`,
          },
        }
      : {}),
    providerMetadata: { bytedance: { taskId: task.id } },
  };
}

/** How long Ark's signed video links stay valid: 24 h from the task's `updated_at` (`X-Tos-Expires=86400`). */
export const BYTEDANCE_VIDEO_URL_LIFETIME_SECONDS = 86400;

/** When a succeeded task's `video_url` stops working: `updated_at` plus the link's `X-Tos-Expires` (default 24 h). */
export function byteDanceVideoUrlExpiry(task: ByteDanceTask, videoUrl: string): Date | undefined {
  if (task.updated_at == null) return undefined;
  let lifetime = BYTEDANCE_VIDEO_URL_LIFETIME_SECONDS;
  try {
    const fromUrl = Number(new URL(videoUrl).searchParams.get('X-Tos-Expires'));
    if (Number.isFinite(fromUrl) && fromUrl > 0) lifetime = fromUrl;
  } catch {
    // not a URL: the documented lifetime
  }
  return new Date((task.updated_at + lifetime) * 1000);
}
