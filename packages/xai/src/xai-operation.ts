import { InvalidArgumentError, type VideoModelV3StatusResult, type VideoModelV3Usage } from '@videogen/provider-spec';
import type { ResponseHandler } from '@ai-sdk/provider-utils';
import { createJsonResponseHandler } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see xai-error.ts).
import * as z from 'zod/v4/mini';

/**
 * The job reference of a Grok Imagine job: the `request_id` the create call
 * answered. Plain JSON; never holds the key.
 */
export type XaiVideoOperation = { requestId: string };

const storedOperationSchema = z.object({ requestId: z.string().check(z.regex(/^[\w.-]+$/)) });

/** Reads a stored job reference; an `InvalidArgumentError` for anything else. */
export function parseXaiOperation(operation: unknown): XaiVideoOperation {
  const parsed = storedOperationSchema.safeParse(operation);
  if (!parsed.success || parsed.data.requestId === '.' || parsed.data.requestId === '..') {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not an xAI video operation: expected { requestId: "<request_id>" }.',
    });
  }
  return { requestId: parsed.data.requestId };
}

/** The answer of `POST /v1/videos/{generations|edits|extensions}`. */
export const xaiStartedJobSchema = z.object({ request_id: z.string().check(z.minLength(1)) });

/** `GET /v1/videos/{request_id}` (only the fields read; every one optional, a 202 may have no body). */
export const xaiVideoStatusSchema = z.object({
  status: z.nullish(z.string()),
  progress: z.nullish(z.number()),
  model: z.nullish(z.string()),
  video: z.nullish(
    z.object({
      url: z.nullish(z.string()),
      duration: z.nullish(z.number()),
      respect_moderation: z.nullish(z.boolean()),
    }),
  ),
  usage: z.nullish(z.object({ cost_in_usd_ticks: z.nullish(z.number()) })),
  // An object `{ code, message }` (docs, @ai-sdk/xai); TanStack types it as a string: both are read.
  error: z.nullish(
    z.union([
      z.string(),
      z.object({ code: z.nullish(z.union([z.string(), z.number()])), message: z.nullish(z.string()) }),
    ]),
  ),
});

/** A parsed status answer. */
export type XaiVideoStatus = z.infer<typeof xaiVideoStatusSchema>;

const jsonStatusHandler = createJsonResponseHandler(xaiVideoStatusSchema);

/**
 * The status answer: 200 when the job has ended, 202 while it runs, and
 * that 202 sometimes has an empty body (read as `{}`, i.e. pending).
 */
export const xaiVideoStatusResponseHandler: ResponseHandler<XaiVideoStatus> = async (options) => {
  const { response } = options;
  const text = await response.text();
  if (text.trim() === '') {
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { value: {}, rawValue: undefined, responseHeaders: headers };
  }
  return jsonStatusHandler({
    ...options,
    response: new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    }),
  });
};

/** 1 tick = 1e-10 USD (`@ai-sdk/xai`, `@tanstack/ai-grok`). */
const USD_TICKS_PER_DOLLAR = 10_000_000_000;

type StatusResponse = { timestamp: Date; modelId: string; headers: Record<string, string> | undefined };

/**
 * Maps a status answer: `done` (or no status but a video URL) with a URL is
 * completed; `done` with `video.respect_moderation: false` is failed and
 * content filtered; `failed` carries xAI's code and message; `expired` is
 * failed; anything else (`pending`, `queued`, `processing`, an empty 202) is pending.
 */
export function mapXaiVideoStatus(
  value: XaiVideoStatus,
  { requestId, response }: { requestId: string; response: StatusResponse },
): VideoModelV3StatusResult {
  const status = value.status ?? (value.video?.url ? 'done' : undefined);
  const usage = getUsage(value);
  const metadata = { xai: { requestId, ...(value.model ? { model: value.model } : {}) } };

  if (status === 'done') {
    if (value.video?.respect_moderation === false) {
      return {
        status: 'failed',
        error: {
          code: 'moderation_blocked',
          message: 'xAI moderation blocked the video (video.respect_moderation: false).',
          contentFiltered: true,
        },
        ...(usage ? { usage } : {}),
        providerMetadata: metadata,
      };
    }
    const url = value.video?.url;
    if (!url) {
      return {
        status: 'failed',
        error: { code: 'no_video', message: 'The xAI job is done but returned no video URL.' },
        ...(usage ? { usage } : {}),
        providerMetadata: metadata,
      };
    }
    return {
      status: 'completed',
      videos: [{ type: 'url', url, mediaType: 'video/mp4' }],
      warnings: [],
      ...(usage ? { usage } : {}),
      providerMetadata: {
        xai: {
          ...metadata.xai,
          videoUrl: url,
          ...(value.video?.duration != null ? { duration: value.video.duration } : {}),
          ...(value.usage?.cost_in_usd_ticks != null ? { costInUsdTicks: value.usage.cost_in_usd_ticks } : {}),
        },
      },
      response,
    };
  }
  if (status === 'failed') {
    const error = value.error;
    const code = typeof error === 'object' && error?.code != null ? error.code : undefined;
    const message =
      (typeof error === 'string' ? error : error?.message) || 'The xAI video job failed without a message.';
    return {
      status: 'failed',
      error: { ...(code !== undefined ? { code } : {}), message },
      ...(usage ? { usage } : {}),
      providerMetadata: metadata,
    };
  }
  if (status === 'expired') {
    return {
      status: 'failed',
      error: { code: 'expired', message: 'The xAI video request expired before it finished.' },
      providerMetadata: metadata,
    };
  }
  const progress = value.progress;
  return {
    status: 'pending',
    providerStatus: status ?? 'pending',
    ...(typeof progress === 'number' && progress >= 0 && progress <= 100 ? { progress } : {}),
  };
}

/** `usage` as xAI reports it: the cost in ticks (as US dollars) and the video's length. */
function getUsage(value: XaiVideoStatus): VideoModelV3Usage | undefined {
  const ticks = value.usage?.cost_in_usd_ticks;
  const seconds = value.video?.duration;
  const usage: VideoModelV3Usage = {
    ...(ticks != null ? { costUsd: ticks / USD_TICKS_PER_DOLLAR } : {}),
    ...(seconds != null && seconds > 0 && value.video?.url ? { videoSeconds: seconds } : {}),
    ...(value.usage ? { raw: { ...value.usage } as Record<string, number> } : {}),
  };
  return Object.keys(usage).length > 0 ? usage : undefined;
}
