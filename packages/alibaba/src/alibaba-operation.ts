import {
  InvalidArgumentError,
  type JSONObject,
  type VideoModelV3ListedJob,
  type VideoModelV3ListedJobStatus,
  type VideoModelV3StatusResult,
  type VideoModelV3Usage,
} from '@videogen/provider-spec';
// `zod/v4/mini`: tree-shakable (see alibaba-error.ts).
import * as z from 'zod/v4/mini';

/** The job reference of a DashScope task: its `task_id`. Plain JSON; never holds the key. */
export type AlibabaVideoOperation = { taskId: string };

const storedOperationSchema = z.object({ taskId: z.string().check(z.regex(/^[\w-]{1,128}$/)) });

/** Reads a stored job reference; an `InvalidArgumentError` for anything else. */
export function parseAlibabaOperation(operation: unknown): AlibabaVideoOperation {
  const parsed = storedOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not an Alibaba DashScope task: expected { taskId: "<task_id>" }.',
    });
  }
  return { taskId: parsed.data.taskId };
}

/** The answer of the create request: `{ output: { task_id, task_status }, request_id }`. */
export const alibabaCreateResponseSchema = z.object({
  output: z.object({ task_id: z.string(), task_status: z.nullish(z.string()) }),
  request_id: z.nullish(z.string()),
});

/** The answer of `POST /api/v1/tasks/{id}/cancel` (only `request_id` is documented). */
export const alibabaCancelResponseSchema = z.object({ request_id: z.nullish(z.string()) });

/** `GET /api/v1/tasks/{task_id}` (only the fields read; `usage` is kept verbatim). */
export const alibabaTaskSchema = z.object({
  request_id: z.nullish(z.string()),
  output: z.object({
    task_id: z.nullish(z.string()),
    task_status: z.string(),
    submit_time: z.nullish(z.string()),
    scheduled_time: z.nullish(z.string()),
    end_time: z.nullish(z.string()),
    video_url: z.nullish(z.string()),
    orig_prompt: z.nullish(z.string()),
    actual_prompt: z.nullish(z.string()),
    code: z.nullish(z.string()),
    message: z.nullish(z.string()),
  }),
  usage: z.nullish(z.record(z.string(), z.unknown())),
});

/** A parsed task. */
export type AlibabaTask = z.infer<typeof alibabaTaskSchema>;

/** Task codes of a moderation block (input or output). */
const CONTENT_FILTER_CODES = new Set(['DataInspectionFailed', 'IPInfringementSuspect']);

type StatusResponse = { timestamp: Date; modelId: string; headers: Record<string, string> | undefined };

/**
 * Maps a task to a status: `PENDING`, `RUNNING` and `SUSPENDED` are pending
 * (DashScope reports no progress); `SUCCEEDED` is completed with
 * `output.video_url` (a signed OSS URL, valid 24 h) and the reported
 * `usage`; `FAILED` is failed with DashScope's `code` and `message`
 * (`DataInspectionFailed` is content-filtered); `CANCELED` and `UNKNOWN`
 * (task missing or expired after 24 h) are failed with that status as the code.
 */
export function mapAlibabaTask(
  task: AlibabaTask,
  { taskId, response }: { taskId: string; response: StatusResponse },
): VideoModelV3StatusResult {
  const output = task.output;
  const status = output.task_status;
  const metadata: JSONObject = {
    taskId,
    taskStatus: status,
    ...(task.request_id ? { requestId: task.request_id } : {}),
    ...(output.submit_time ? { submitTime: output.submit_time } : {}),
    ...(output.scheduled_time ? { scheduledTime: output.scheduled_time } : {}),
    ...(output.end_time ? { endTime: output.end_time } : {}),
    ...(output.orig_prompt ? { origPrompt: output.orig_prompt } : {}),
    ...(output.actual_prompt ? { actualPrompt: output.actual_prompt } : {}),
  };
  const usage = mapUsage(task.usage);
  const usageField = usage ? { usage } : {};

  switch (status) {
    case 'PENDING':
    case 'RUNNING':
    case 'SUSPENDED':
      return { status: 'pending', providerStatus: status };
    case 'SUCCEEDED': {
      if (!output.video_url) {
        return {
          status: 'failed',
          error: { code: 'NO_VIDEO', message: 'The DashScope task succeeded without a video_url.' },
          ...usageField,
          providerMetadata: { alibaba: metadata },
        };
      }
      return {
        status: 'completed',
        videos: [{ type: 'url', url: output.video_url, mediaType: 'video/mp4' }],
        warnings: [],
        ...usageField,
        providerMetadata: { alibaba: { ...metadata, videoUrl: output.video_url } },
        response,
      };
    }
    case 'FAILED': {
      const code = output.code ?? undefined;
      const message = output.message ?? 'The DashScope task failed without a message.';
      const contentFiltered =
        (code !== undefined && CONTENT_FILTER_CODES.has(code)) || /inappropriate content|green net/i.test(message);
      return {
        status: 'failed',
        error: { ...(code !== undefined ? { code } : {}), message, ...(contentFiltered ? { contentFiltered } : {}) },
        ...usageField,
        providerMetadata: { alibaba: metadata },
      };
    }
    case 'CANCELED':
      return {
        status: 'failed',
        error: { code: 'CANCELED', message: output.message ?? 'The DashScope task was canceled.' },
        providerMetadata: { alibaba: metadata },
      };
    case 'UNKNOWN':
      return {
        status: 'failed',
        error: {
          code: 'UNKNOWN',
          message: output.message ?? 'DashScope does not know this task (task ids expire after 24 hours).',
        },
        providerMetadata: { alibaba: metadata },
      };
    default:
      // A status this client does not know yet: keep polling rather than fail a paid job.
      return { status: 'pending', providerStatus: status };
  }
}

function finiteNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/**
 * `usage` as DashScope reports it: `videoSeconds` from `output_video_duration`
 * (wan2.6, wan3) or `video_duration` (wan2.1-2.5), else `duration` where it
 * counts only output (no `input_video_duration` above 0); `billedUnits` from
 * `duration` (the billed seconds: input + output on wan2.6); `raw` verbatim.
 */
export function mapUsage(usage: Record<string, unknown> | null | undefined): VideoModelV3Usage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const duration = finiteNumber(usage.duration);
  const inputSeconds = finiteNumber(usage.input_video_duration) ?? 0;
  const videoSeconds =
    finiteNumber(usage.output_video_duration) ??
    finiteNumber(usage.video_duration) ??
    (inputSeconds === 0 ? duration : undefined);
  return {
    ...(videoSeconds !== undefined ? { videoSeconds } : {}),
    ...(duration !== undefined ? { billedUnits: { quantity: duration, unit: 'seconds' } } : {}),
    raw: usage as JSONObject,
  };
}

/** `GET /api/v1/tasks?…`: one page of the account's tasks (of every DashScope API, not only video). */
export const alibabaTaskListSchema = z.object({
  request_id: z.nullish(z.string()),
  data: z.nullish(
    z.array(
      z.object({
        task_id: z.string(),
        status: z.nullish(z.string()),
        model_name: z.nullish(z.string()),
        gmt_create: z.nullish(z.number()),
        start_time: z.nullish(z.number()),
        end_time: z.nullish(z.number()),
        user_api_unique_key: z.nullish(z.string()),
      }),
    ),
  ),
  total: z.nullish(z.number()),
  total_page: z.nullish(z.number()),
  page_no: z.nullish(z.number()),
  page_size: z.nullish(z.number()),
});

/** One item of a task list. */
export type AlibabaListedTask = NonNullable<z.infer<typeof alibabaTaskListSchema>['data']>[number];

/** DashScope's `status` filter for a listed-job state (`pending` spans PENDING and RUNNING: filtered on the page). */
export const ALIBABA_LIST_STATUS_FILTER: Record<VideoModelV3ListedJobStatus, string | undefined> = {
  pending: undefined,
  completed: 'SUCCEEDED',
  failed: 'FAILED',
  canceled: 'CANCELED',
};

/** Whether a listed task is a video-synthesis task (the list also holds image, audio and other tasks). */
export function isAlibabaVideoTask(task: AlibabaListedTask): boolean {
  return task.user_api_unique_key == null || task.user_api_unique_key.includes(':video-synthesis:');
}

/**
 * A listed task: PENDING / RUNNING (and SUSPENDED) pending, SUCCEEDED
 * completed, FAILED / UNKNOWN failed (the reason comes with `doStatus`),
 * CANCELED canceled.
 */
export function mapAlibabaListedTask(task: AlibabaListedTask): VideoModelV3ListedJob {
  const providerStatus = task.status ?? 'UNKNOWN';
  const status: VideoModelV3ListedJobStatus =
    providerStatus === 'SUCCEEDED'
      ? 'completed'
      : providerStatus === 'FAILED' || providerStatus === 'UNKNOWN'
        ? 'failed'
        : providerStatus === 'CANCELED'
          ? 'canceled'
          : 'pending';
  const operation: AlibabaVideoOperation = { taskId: task.task_id };
  return {
    operation,
    ...(task.model_name ? { modelId: task.model_name } : {}),
    status,
    providerStatus,
    ...(task.gmt_create != null ? { createdAt: new Date(task.gmt_create) } : {}),
    ...(status === 'failed'
      ? {
          error: {
            code: providerStatus,
            message:
              providerStatus === 'UNKNOWN'
                ? 'The DashScope task is missing or expired.'
                : 'The DashScope task failed; doStatus reports its code and message.',
          },
        }
      : {}),
    providerMetadata: { alibaba: { taskId: task.task_id } },
  };
}

/** When a signed OSS `video_url` stops working: its `Expires` parameter (Unix seconds), when present. */
export function alibabaVideoUrlExpiry(videoUrl: string): Date | undefined {
  try {
    const expires = Number(new URL(videoUrl).searchParams.get('Expires'));
    return Number.isFinite(expires) && expires > 0 ? new Date(expires * 1000) : undefined;
  } catch {
    return undefined;
  }
}
