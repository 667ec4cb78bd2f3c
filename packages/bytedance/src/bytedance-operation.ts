import {
  InvalidArgumentError,
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
