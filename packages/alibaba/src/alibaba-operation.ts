import {
  InvalidArgumentError,
  type JSONObject,
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
