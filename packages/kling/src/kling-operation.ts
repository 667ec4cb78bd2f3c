import { InvalidArgumentError, type VideoModelV3StatusResult, type VideoModelV3Usage } from '@videogen/provider-spec';
import * as z from 'zod/v4/mini';

/** The task families Kling polls on their own path (`/v1/videos/<endpoint>/{task_id}`). */
export const KLING_ENDPOINTS = ['text2video', 'image2video', 'multi-image2video', 'video-extend'] as const;

/** A task family. */
export type KlingEndpoint = (typeof KLING_ENDPOINTS)[number];

/**
 * The job reference of a Kling task: its `task_id` and the family it was
 * created on (status is read at `/v1/videos/{endpoint}/{taskId}`). Plain
 * JSON; never holds a key.
 */
export type KlingVideoOperation = { taskId: string; endpoint: KlingEndpoint };

const storedOperationSchema = z.object({
  taskId: z.string().check(z.regex(/^[\w.-]+$/)),
  endpoint: z.enum(KLING_ENDPOINTS),
});

/** Reads a stored job reference; an `InvalidArgumentError` for anything else. */
export function parseKlingOperation(operation: unknown): KlingVideoOperation {
  const parsed = storedOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: `Not a Kling task: expected { taskId: "…", endpoint: "${KLING_ENDPOINTS.join('" | "')}" }.`,
    });
  }
  return { taskId: parsed.data.taskId, endpoint: parsed.data.endpoint };
}

const taskSchema = z.object({
  task_id: z.string(),
  task_status: z.string(),
  task_status_msg: z.nullish(z.string()),
  task_info: z.nullish(z.object({ external_task_id: z.nullish(z.string()) })),
  task_result: z.nullish(
    z.object({
      videos: z.nullish(
        z.array(
          z.object({
            id: z.nullish(z.string()),
            url: z.string(),
            watermark_url: z.nullish(z.string()),
            duration: z.nullish(z.union([z.string(), z.number()])),
          }),
        ),
      ),
    }),
  ),
  final_unit_deduction: z.nullish(z.union([z.string(), z.number()])),
  created_at: z.nullish(z.number()),
  updated_at: z.nullish(z.number()),
});

/** Kling's response envelope around a task (create and query). */
export const klingTaskResponseSchema = z.object({
  code: z.number(),
  message: z.nullish(z.string()),
  request_id: z.nullish(z.string()),
  data: z.nullish(taskSchema),
});

/** A parsed task envelope. */
export type KlingTaskResponse = z.infer<typeof klingTaskResponseSchema>;

type StatusResponse = { timestamp: Date; modelId: string; headers: Record<string, string> | undefined };

/** Kling's words for a task stopped by its risk control / content safety checks. */
const CONTENT_FILTER_PATTERN = /risk control|content security|content safety|sensitive|inappropriate|policy/i;

/**
 * Maps a task onto a status: `submitted` / `processing` are pending (Kling
 * reports no progress), `succeed` completed with its videos and `usage`
 * (seconds as Kling reports them, `final_unit_deduction` as billed units),
 * `failed` failed with Kling's `task_status_msg` (content filtered when it
 * names the risk control or content safety).
 */
export function mapKlingTask(
  task: NonNullable<KlingTaskResponse['data']>,
  { endpoint, response }: { endpoint: KlingEndpoint; response: StatusResponse },
): VideoModelV3StatusResult {
  const metadata = {
    taskId: task.task_id,
    endpoint,
    ...(task.task_info?.external_task_id ? { externalTaskId: task.task_info.external_task_id } : {}),
  };
  switch (task.task_status) {
    case 'submitted':
    case 'processing':
      return { status: 'pending', providerStatus: task.task_status };
    case 'succeed':
    case 'succeeded': {
      const results = task.task_result?.videos ?? [];
      if (results.length === 0) {
        return {
          status: 'failed',
          error: { code: 'NO_VIDEO', message: 'The Kling task succeeded without videos.' },
          providerMetadata: { kling: metadata },
        };
      }
      const usage = readUsage(results, task.final_unit_deduction);
      return {
        status: 'completed',
        videos: results.map((video) => ({ type: 'url', url: video.url, mediaType: 'video/mp4' })),
        warnings: [],
        ...(usage ? { usage } : {}),
        providerMetadata: {
          kling: {
            ...metadata,
            videos: results.map((video) => ({
              ...(video.id ? { id: video.id } : {}),
              url: video.url,
              ...(video.watermark_url ? { watermarkUrl: video.watermark_url } : {}),
              ...(video.duration != null ? { duration: String(video.duration) } : {}),
            })),
          },
        },
        response,
      };
    }
    case 'failed': {
      const message = task.task_status_msg || 'The Kling task failed without a message.';
      return {
        status: 'failed',
        error: {
          message,
          ...(CONTENT_FILTER_PATTERN.test(message) ? { contentFiltered: true } : {}),
        },
        providerMetadata: { kling: metadata },
      };
    }
    default:
      return { status: 'pending', providerStatus: task.task_status };
  }
}

function readUsage(
  videos: Array<{ duration?: string | number | null }>,
  deduction: string | number | null | undefined,
): VideoModelV3Usage | undefined {
  const usage: VideoModelV3Usage = {};
  const seconds = videos.map((video) => Number(video.duration));
  if (seconds.length > 0 && seconds.every((value) => Number.isFinite(value) && value > 0)) {
    usage.videoSeconds = seconds.reduce((sum, value) => sum + value, 0);
  }
  const units = Number(deduction);
  if (deduction != null && deduction !== '' && Number.isFinite(units)) {
    usage.billedUnits = { quantity: units, unit: 'units' };
    usage.raw = { final_unit_deduction: deduction };
  }
  return Object.keys(usage).length > 0 ? usage : undefined;
}
