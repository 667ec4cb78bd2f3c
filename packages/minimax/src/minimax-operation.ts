import {
  InvalidArgumentError,
  type JSONObject,
  type VideoModelV3ListedJob,
  type VideoModelV3ListedJobStatus,
  type VideoModelV3ResponseMetadata,
  type VideoModelV3StatusResult,
  type VideoModelV3Usage,
} from '@videogen/provider-spec';
// `zod/v4/mini`: tree-shakable (see minimax-error.ts).
import * as z from 'zod/v4/mini';
import { baseRespSchema, describeBaseResp } from './minimax-error';
import type { MiniMaxApiVersion } from './minimax-video-model-options';

/**
 * The job reference of a MiniMax video task: its `task_id` and the API it
 * was created on (`v1`: query + file retrieval; `v2`: the H3 task object).
 * Plain JSON; never holds the key.
 */
export type MiniMaxVideoOperation = { taskId: string; api: MiniMaxApiVersion };

const storedOperationSchema = z.object({
  taskId: z.string().check(z.regex(/^[\w-]+$/)),
  api: z.enum(['v1', 'v2']),
});

/** Reads a stored job reference; an `InvalidArgumentError` for anything else. */
export function parseMiniMaxOperation(operation: unknown): MiniMaxVideoOperation {
  const parsed = storedOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not a MiniMax video operation: expected { taskId: "<task_id>", api: "v1" | "v2" }.',
    });
  }
  return { taskId: parsed.data.taskId, api: parsed.data.api };
}

/** `POST /v1/video_generation` → `{ task_id, base_resp }`. */
export const v1CreateResponseSchema = z.object({
  task_id: z.nullish(z.string()),
  base_resp: z.nullish(baseRespSchema),
});

/** `GET /v1/query/video_generation` (and the v1 callback body, whose statuses are lower case). */
export const v1QueryResponseSchema = z.object({
  task_id: z.nullish(z.string()),
  status: z.nullish(z.string()),
  // A string in the query answer, an int64 in the file object: both are read.
  file_id: z.nullish(z.union([z.string(), z.number()])),
  video_width: z.nullish(z.number()),
  video_height: z.nullish(z.number()),
  base_resp: z.nullish(baseRespSchema),
});

/** A v1 query answer. */
export type MiniMaxV1Query = z.infer<typeof v1QueryResponseSchema>;

/** `GET /v1/files/retrieve` → `{ file: { file_id, bytes, filename, download_url, … }, base_resp }`. */
export const v1FileResponseSchema = z.object({
  file: z.nullish(
    z.object({
      file_id: z.nullish(z.union([z.string(), z.number()])),
      bytes: z.nullish(z.number()),
      created_at: z.nullish(z.number()),
      filename: z.nullish(z.string()),
      purpose: z.nullish(z.string()),
      download_url: z.nullish(z.string()),
    }),
  ),
  base_resp: z.nullish(baseRespSchema),
});

/** A v1 file object. */
export type MiniMaxV1File = NonNullable<z.infer<typeof v1FileResponseSchema>['file']>;

/** `POST /v2/video_generation` → `{ task_id }`. */
export const v2CreateResponseSchema = z.object({ task_id: z.string() });

const v2TaskSchema = z.object({
  id: z.nullish(z.string()),
  model: z.nullish(z.string()),
  status: z.string(),
  created_at: z.nullish(z.number()),
  updated_at: z.nullish(z.number()),
  content: z.nullish(z.object({ url: z.nullish(z.string()) })),
  resolution: z.nullish(z.string()),
  duration: z.nullish(z.number()),
  ratio: z.nullish(z.string()),
  usage: z.nullish(z.record(z.string(), z.unknown())),
  error: z.nullish(z.object({ code: z.nullish(z.union([z.string(), z.number()])), message: z.nullish(z.string()) })),
  task_type: z.nullish(z.string()),
});

/** A v2 task object. */
export type MiniMaxV2Task = z.infer<typeof v2TaskSchema>;

/** `GET /v2/query/video_generation/{task_id}` → `{ task }`. */
export const v2QueryResponseSchema = z.object({ task: v2TaskSchema });

/** `DELETE /v2/video_generation/{task_id}` → `{ task_id, action, status }`. */
export const v2DeleteResponseSchema = z.object({
  task_id: z.nullish(z.string()),
  action: z.nullish(z.string()),
  status: z.nullish(z.string()),
});

/** MiniMax's codes for sensitive input (1026) and output (1027). */
const CONTENT_FILTER_CODES = new Set(['1026', '1027']);

function isContentFiltered(code: string | number | null | undefined, message: string | null | undefined): boolean {
  if (code != null && CONTENT_FILTER_CODES.has(String(code))) return true;
  // v2 messages carry the legacy code in trailing parentheses: "… sensitive … (1026)".
  return /\((102[67])\)\s*$/.test(message ?? '');
}

/** A v1 status in lower case (`Preparing`, `Queueing`, `Processing`, `Success`, `Fail`; the callback's `success`, `failed`). */
export function v1StatusName(status: string | null | undefined): string {
  return (status ?? '').toLowerCase();
}

/** Whether a v1 status is a finished success (`Success`, or the callback's `success`). */
export function isV1Success(status: string | null | undefined): boolean {
  return v1StatusName(status) === 'success';
}

/** Whether a v1 status is a failure (`Fail`, or the callback's `failed`). */
export function isV1Failure(status: string | null | undefined): boolean {
  const name = v1StatusName(status);
  return name === 'fail' || name === 'failed';
}

/**
 * A v1 query answer (and, on success, its file) as a status: `Preparing`,
 * `Queueing`, `Processing` pending (no progress: v1 reports none); `Fail`
 * failed with `base_resp`'s code and message (1026/1027 content filtered);
 * `Success` completed with the file's `download_url`. v1 reports no usage.
 */
export function mapV1Status(
  query: MiniMaxV1Query,
  { taskId, file, response }: { taskId: string; file?: MiniMaxV1File; response: VideoModelV3ResponseMetadata },
): VideoModelV3StatusResult {
  const metadata: JSONObject = { taskId };
  if (query.status) metadata.status = query.status;
  if (isV1Failure(query.status)) {
    const code = query.base_resp?.status_code;
    const message =
      query.base_resp && query.base_resp.status_code !== 0
        ? (query.base_resp.status_msg ?? describeBaseResp(query.base_resp))
        : 'The MiniMax task failed without a reason.';
    return {
      status: 'failed',
      error: {
        ...(code != null && code !== 0 ? { code } : {}),
        message,
        ...(isContentFiltered(code, message) ? { contentFiltered: true } : {}),
      },
      providerMetadata: { minimax: metadata },
    };
  }
  if (!isV1Success(query.status)) {
    return { status: 'pending', ...(query.status ? { providerStatus: query.status } : {}) };
  }
  const url = file?.download_url;
  if (!url) {
    return {
      status: 'failed',
      error: { code: 'NO_VIDEO', message: 'The MiniMax task succeeded but its file has no download_url.' },
      providerMetadata: { minimax: metadata },
    };
  }
  if (query.file_id != null) metadata.fileId = String(query.file_id);
  if (query.video_width != null) metadata.videoWidth = query.video_width;
  if (query.video_height != null) metadata.videoHeight = query.video_height;
  if (file?.bytes != null) metadata.bytes = file.bytes;
  metadata.downloadUrl = url;
  return {
    status: 'completed',
    videos: [{ type: 'url', url, mediaType: 'video/mp4' }],
    warnings: [],
    providerMetadata: { minimax: metadata },
    response,
  };
}

/**
 * A v2 task as a status: `queued` / `running` pending; `succeeded`
 * completed with `content.url` and the usage MiniMax reports
 * (`output_seconds`, tokens); `failed` with `error.code` and `message`
 * (1026/1027 content filtered); `cancelled` and `expired` failed with that
 * status as the code.
 */
export function mapV2Status(
  task: MiniMaxV2Task,
  { taskId, response }: { taskId: string; response: VideoModelV3ResponseMetadata },
): VideoModelV3StatusResult {
  const metadata: JSONObject = { taskId, status: task.status };
  if (task.resolution) metadata.resolution = task.resolution;
  if (task.duration != null) metadata.duration = task.duration;
  if (task.ratio) metadata.ratio = task.ratio;
  const usage = mapV2Usage(task.usage);
  switch (task.status) {
    case 'queued':
    case 'running':
      return { status: 'pending', providerStatus: task.status };
    case 'succeeded': {
      const url = task.content?.url;
      if (!url) {
        return {
          status: 'failed',
          error: { code: 'NO_VIDEO', message: 'The MiniMax task succeeded without a content URL.' },
          providerMetadata: { minimax: metadata },
        };
      }
      return {
        status: 'completed',
        videos: [{ type: 'url', url, mediaType: 'video/mp4' }],
        warnings: [],
        ...(usage ? { usage } : {}),
        providerMetadata: { minimax: { ...metadata, videoUrl: url } },
        response,
      };
    }
    case 'failed': {
      const code = task.error?.code;
      const message = task.error?.message || 'The MiniMax task failed without a reason.';
      return {
        status: 'failed',
        error: {
          ...(code != null && code !== '' ? { code } : {}),
          message,
          ...(isContentFiltered(code, message) ? { contentFiltered: true } : {}),
        },
        ...(usage ? { usage } : {}),
        providerMetadata: { minimax: metadata },
      };
    }
    case 'cancelled':
    case 'expired':
      return {
        status: 'failed',
        error: {
          code: task.status,
          message: task.error?.message || `The MiniMax task was ${task.status}.`,
        },
        providerMetadata: { minimax: metadata },
      };
    default:
      return { status: 'pending', providerStatus: task.status };
  }
}

/** v2 `usage` in the spec's terms; `undefined` while it is `{}`. */
export function mapV2Usage(usage: Record<string, unknown> | null | undefined): VideoModelV3Usage | undefined {
  if (!usage || Object.keys(usage).length === 0) return undefined;
  const number = (key: string) => (typeof usage[key] === 'number' ? (usage[key] as number) : undefined);
  const result: VideoModelV3Usage = { raw: usage as JSONObject };
  const outputSeconds = number('output_seconds');
  if (outputSeconds !== undefined) result.videoSeconds = outputSeconds;
  const totalSeconds = number('total_seconds');
  if (totalSeconds !== undefined) result.billedUnits = { quantity: totalSeconds, unit: 'seconds' };
  const inputTokens = number('prompt_tokens');
  if (inputTokens !== undefined) result.inputTokens = inputTokens;
  const outputTokens = number('completion_tokens');
  if (outputTokens !== undefined) result.outputTokens = outputTokens;
  const totalTokens = number('total_tokens');
  if (totalTokens !== undefined) result.totalTokens = totalTokens;
  return result;
}

/** `GET /v2/query/video_generation?page_num=&page_size=&filter.status=` → `{ items, total }` (last 7 days). */
export const v2ListResponseSchema = z.object({
  items: z.nullish(z.array(v2TaskSchema)),
  total: z.nullish(z.number()),
});

/** MiniMax v2's `filter.status` for a listed-job state (`pending` spans queued and running: filtered on the page). */
export const MINIMAX_LIST_STATUS_FILTER: Record<VideoModelV3ListedJobStatus, string | undefined> = {
  pending: undefined,
  completed: 'succeeded',
  failed: 'failed',
  canceled: 'cancelled',
};

/** A listed v2 task: queued / running pending, succeeded completed, failed / expired failed, cancelled canceled. */
export function mapV2ListedTask(task: MiniMaxV2Task): VideoModelV3ListedJob | undefined {
  if (!task.id) return undefined;
  const status: VideoModelV3ListedJobStatus =
    task.status === 'succeeded'
      ? 'completed'
      : task.status === 'failed' || task.status === 'expired'
        ? 'failed'
        : task.status === 'cancelled'
          ? 'canceled'
          : 'pending';
  const operation: MiniMaxVideoOperation = { taskId: task.id, api: 'v2' };
  const code = task.error?.code != null ? String(task.error.code) : task.status === 'expired' ? 'expired' : undefined;
  return {
    operation,
    ...(task.model ? { modelId: task.model } : {}),
    status,
    providerStatus: task.status,
    ...(task.created_at != null ? { createdAt: new Date(task.created_at * 1000) } : {}),
    ...(status === 'failed'
      ? {
          error: {
            ...(code ? { code } : {}),
            message: task.error?.message ?? `The MiniMax task ${task.status === 'expired' ? 'expired' : 'failed'}.`,
            ...(isContentFiltered(task.error?.code, task.error?.message) ? { contentFiltered: true } : {}),
          },
        }
      : {}),
    providerMetadata: { minimax: { taskId: task.id, api: 'v2' } },
  };
}

/** When a MiniMax CDN link stops working: its `Expires` parameter (Unix seconds), when it has one. */
export function minimaxUrlExpiry(url: string): Date | undefined {
  try {
    const expires = Number(new URL(url).searchParams.get('Expires'));
    return Number.isFinite(expires) && expires > 0 ? new Date(expires * 1000) : undefined;
  } catch {
    return undefined;
  }
}
