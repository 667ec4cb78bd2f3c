import {
  InvalidArgumentError,
  type VideoModelV3ListedJob,
  type VideoModelV3ListedJobStatus,
  type VideoModelV3StatusResult,
  type VideoModelV3Usage,
} from '@videogen/provider-spec';
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

/** Kling's envelope around a page of tasks (`GET /v1/videos/{endpoint}?pageNum=&pageSize=`). */
export const klingTaskListResponseSchema = z.object({
  code: z.number(),
  message: z.nullish(z.string()),
  request_id: z.nullish(z.string()),
  data: z.nullish(z.array(taskSchema)),
});

/** A parsed task. */
export type KlingTask = z.infer<typeof taskSchema>;

/** Kling's bounds of a task list: `pageNum` 1–1000, `pageSize` 1–500. */
export const KLING_LIST_MAX_PAGE_NUM = 1000;
/** The largest `pageSize` of a task list. */
export const KLING_LIST_MAX_PAGE_SIZE = 500;

/** Where a task list continues: a family and its page (1-based). */
export type KlingListPosition = { endpoint: KlingEndpoint; pageNum: number };

/**
 * The cursor of a task list position: `<endpoint>:<pageNum>`, e.g.
 * `image2video:2`. Kling lists each family on its own path, so the list walks
 * the families in turn (`text2video`, `image2video`, `multi-image2video`,
 * `video-extend`), each page by page.
 */
export function encodeKlingListCursor({ endpoint, pageNum }: KlingListPosition): string {
  return `${endpoint}:${pageNum}`;
}

/** Reads a cursor of `encodeKlingListCursor`; an `InvalidArgumentError` for anything else. */
export function decodeKlingListCursor(cursor: string): KlingListPosition {
  const match = /^([a-z0-9-]+):(\d+)$/.exec(cursor);
  const endpoint = match?.[1] as KlingEndpoint | undefined;
  const pageNum = Number(match?.[2]);
  if (!endpoint || !KLING_ENDPOINTS.includes(endpoint) || pageNum < 1 || pageNum > KLING_LIST_MAX_PAGE_NUM) {
    throw new InvalidArgumentError({
      argument: 'after',
      message: `Not a Kling list cursor: expected "<${KLING_ENDPOINTS.join(' | ')}>:<page 1-${KLING_LIST_MAX_PAGE_NUM}>".`,
    });
  }
  return { endpoint, pageNum };
}

/** The position after a page of `count` tasks read at `position` with `pageSize`; `undefined` after the last. */
export function nextKlingListPosition(
  position: KlingListPosition,
  { count, pageSize }: { count: number; pageSize: number },
): KlingListPosition | undefined {
  if (count >= pageSize && position.pageNum < KLING_LIST_MAX_PAGE_NUM) {
    return { endpoint: position.endpoint, pageNum: position.pageNum + 1 };
  }
  const next = KLING_ENDPOINTS[KLING_ENDPOINTS.indexOf(position.endpoint) + 1];
  return next ? { endpoint: next, pageNum: 1 } : undefined;
}

/** A Kling task status word as a listed job's state (Kling cancels nothing). */
export function klingListedStatus(taskStatus: string): VideoModelV3ListedJobStatus {
  if (taskStatus === 'succeed' || taskStatus === 'succeeded') return 'completed';
  if (taskStatus === 'failed') return 'failed';
  return 'pending';
}

/** A task of a list as a listed job, whose `operation` resumes it with `doStatus`. */
export function mapKlingListedTask(task: KlingTask, endpoint: KlingEndpoint): VideoModelV3ListedJob {
  const status = klingListedStatus(task.task_status);
  const operation: KlingVideoOperation = { taskId: task.task_id, endpoint };
  const message = task.task_status_msg || 'The Kling task failed without a message.';
  const externalTaskId = task.task_info?.external_task_id;
  return {
    operation,
    status,
    providerStatus: task.task_status,
    ...(typeof task.created_at === 'number' ? { createdAt: new Date(task.created_at) } : {}),
    ...(status === 'failed'
      ? { error: { message, ...(CONTENT_FILTER_PATTERN.test(message) ? { contentFiltered: true } : {}) } }
      : {}),
    providerMetadata: { kling: { taskId: task.task_id, endpoint, ...(externalTaskId ? { externalTaskId } : {}) } },
  };
}

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
