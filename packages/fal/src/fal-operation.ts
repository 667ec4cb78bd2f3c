import {
  type APICallError,
  InvalidArgumentError,
  type JSONObject,
  type JSONValue,
  type VideoModelV3StatusResult,
  type VideoModelV3Usage,
} from '@videogen/provider-spec';
import * as z from 'zod/v4/mini';
import { falErrorCode, falErrorDataSchema, falErrorMessage, isFalContentFilterError } from './fal-error';

/**
 * The job reference of a fal request (`operation` of `doStart`): plain JSON,
 * without the key, enough for any process to resume, poll or cancel it.
 */
export type FalOperation = {
  /** fal's `request_id`. */
  requestId: string;
  /** The endpoint id the request was submitted to. */
  endpointId: string;
  /** The `status_url` fal returned (only when on the configured origin). */
  statusUrl?: string;
  /** The `response_url` fal returned (only when on the configured origin). */
  responseUrl?: string;
  /** The `cancel_url` fal returned (only when on the configured origin). */
  cancelUrl?: string;
  /** Ask for logs when reading the status (`providerOptions.fal.logs`). */
  logs?: boolean;
  /** `false` when the caller turned the SSE status stream off. */
  useStatusStream?: boolean;
};

/** Endpoint id namespaces whose ids keep one more segment (`workflows/owner/app/…`). */
const ENDPOINT_NAMESPACES = new Set(['workflows', 'comfy']);

/** Operations already checked: a job is read on every status, stream and result call. */
const parsedOperations = new WeakMap<object, FalOperation>();

/** Checks a stored job reference; an InvalidArgumentError (`argument: 'operation'`) when it is not one. */
export function parseFalOperation(operation: unknown): FalOperation {
  const cached = typeof operation === 'object' && operation !== null ? parsedOperations.get(operation) : undefined;
  if (cached !== undefined) return cached;
  const parsed = falOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not a fal job reference: expected { requestId, endpointId, statusUrl?, responseUrl?, cancelUrl? }.',
      cause: parsed.error,
    });
  }
  const job = Object.freeze(removeUndefined(parsed.data)) as FalOperation;
  parsedOperations.set(operation as object, job);
  return job;
}

/** A URL fal returned, when it is on the configured origin (so the key may go there); its hash dropped. */
export function trustedFalUrl(url: string | null | undefined, baseOrigin: string): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.origin !== baseOrigin || parsed.username || parsed.password) return undefined;
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return undefined;
  }
}

/**
 * The queue URL of a request: the one fal returned when it is on the
 * configured origin, else built from the base URL with owner/app only (plus
 * the namespace for `workflows/…` and `comfy/…`): fal's status, result and
 * cancel URLs name the app, not the full endpoint id.
 */
export function falQueueUrl(
  baseURL: string,
  returned: string | undefined,
  job: FalOperation,
  suffix: '' | '/status' | '/cancel',
): string {
  const trusted = trustedFalUrl(returned, new URL(baseURL).origin);
  if (trusted !== undefined) return trusted;
  const segments = job.endpointId.split('/');
  const appLength = ENDPOINT_NAMESPACES.has(segments[0]) ? 3 : 2;
  const app = segments.slice(0, appLength).map(encodeURIComponent).join('/');
  return `${baseURL}/${app}/requests/${encodeURIComponent(job.requestId)}${suffix}`;
}

/** The SSE status stream URL of a request (`…/status/stream`). */
export function falStatusStreamUrl(baseURL: string, job: FalOperation): string {
  const statusUrl = new URL(falQueueUrl(baseURL, job.statusUrl, job, '/status'));
  if (!statusUrl.pathname.endsWith('/status')) {
    return `${falQueueUrl(baseURL, undefined, job, '/status')}/stream`;
  }
  statusUrl.pathname = `${statusUrl.pathname}/stream`;
  statusUrl.search = '';
  return statusUrl.toString();
}

/**
 * Maps a queue status (from polling or the stream) to the spec's status;
 * `'fetch-result'` for `COMPLETED`, whose outcome is in the result request.
 */
export function mapFalStatus(job: FalOperation, status: FalStatus): VideoModelV3StatusResult | 'fetch-result' {
  switch (status.status) {
    case 'IN_QUEUE':
      // The queue position is a position, never progress.
      return removeUndefined({
        status: 'pending' as const,
        providerStatus: status.status,
        queuePosition: status.queue_position ?? undefined,
      });
    case 'IN_PROGRESS':
      return { status: 'pending', providerStatus: status.status };
    case 'COMPLETED':
      return 'fetch-result';
    case 'FAILED':
    case 'ERROR':
      return {
        status: 'failed',
        error: removeUndefined({
          message: status.error ?? `fal request ${job.requestId} failed.`,
          code: status.error_type ?? undefined,
        }),
        providerMetadata: { fal: { requestId: job.requestId } },
      };
    case 'CANCELLED':
    case 'CANCELED':
      return {
        status: 'failed',
        error: { message: `fal request ${job.requestId} was cancelled.`, code: 'cancelled' },
        providerMetadata: { fal: { requestId: job.requestId } },
      };
    default:
      return { status: 'pending', providerStatus: status.status };
  }
}

/** What the status says about the request, kept in `providerMetadata.fal` of its outcome. */
export function falStatusMetadata(job: FalOperation, status: FalStatus): JSONObject {
  return removeUndefined({
    requestId: job.requestId,
    metrics: (status.metrics ?? undefined) as JSONObject | undefined,
    logs: job.logs && status.logs ? (status.logs as JSONValue) : undefined,
  });
}

/**
 * The usage fal reports: `x-fal-billable-units` on the result response, the
 * quantity in the endpoint's priced unit (its price needs fal's pricing API,
 * so no `costUsd`).
 */
export function falUsage(responseHeaders: Record<string, string> | undefined): VideoModelV3Usage | undefined {
  const quantity = Number.parseFloat(responseHeaders?.['x-fal-billable-units'] ?? '');
  return Number.isFinite(quantity) ? { billedUnits: { quantity, unit: 'units' } } : undefined;
}

/** The completed status of a result body, or a failed one when it holds no video. */
export function mapFalResult({
  job,
  statusMetadata,
  output,
  responseHeaders,
  timestamp,
}: {
  job: FalOperation;
  statusMetadata: JSONObject;
  output: FalResult;
  responseHeaders: Record<string, string> | undefined;
  timestamp: Date;
}): VideoModelV3StatusResult {
  const files = [...(output.video ? [output.video] : []), ...(output.videos ?? [])];
  if (files.length === 0) {
    return {
      status: 'failed',
      error: {
        code: 'no_video',
        message: `fal request ${job.requestId} completed without a video (output keys: ${Object.keys(output).join(', ') || 'none'}).`,
      },
      providerMetadata: { fal: statusMetadata },
    };
  }
  const usage = falUsage(responseHeaders);
  const fal: JSONObject = removeUndefined({
    ...statusMetadata,
    seed: output.seed ?? undefined,
    timings: (output.timings ?? undefined) as JSONObject | undefined,
    billableUnits: usage?.billedUnits?.quantity,
    hasNsfwConcepts: (output.has_nsfw_concepts ?? undefined) as JSONValue | undefined,
    nsfwContentDetected: (output.nsfw_content_detected ?? undefined) as JSONValue | undefined,
    videos: files.map((file) =>
      removeUndefined({
        url: file.url,
        contentType: file.content_type ?? undefined,
        fileName: file.file_name ?? undefined,
        fileSize: file.file_size ?? undefined,
        width: file.width ?? undefined,
        height: file.height ?? undefined,
        duration: file.duration ?? undefined,
        fps: file.fps ?? undefined,
      }),
    ),
  });
  return removeUndefined({
    status: 'completed' as const,
    // Public CDN URLs (v3.fal.media …): readable without the key.
    videos: files.map((file) => ({ type: 'url' as const, url: file.url, mediaType: file.content_type ?? 'video/mp4' })),
    warnings: [],
    providerMetadata: { fal },
    usage,
    response: { timestamp, modelId: job.endpointId, headers: responseHeaders },
  });
}

/**
 * Whether a failed result request is the request's own failure (a model or
 * validation error fal stored as the result) rather than a problem reaching
 * it (auth, not found, rate limit, gateway trouble), which is thrown instead.
 */
export function toFalJobFailure(
  error: APICallError,
): { code?: string | number; message: string; contentFiltered?: boolean } | undefined {
  const statusCode = error.statusCode ?? 0;
  if ([401, 403, 404, 408, 429].includes(statusCode)) return undefined;
  const parsed = falErrorDataSchema.safeParse(error.data);
  if (parsed.success) {
    return removeUndefined({
      code: falErrorCode(parsed.data) ?? statusCode,
      message: falErrorMessage(parsed.data),
      contentFiltered: isFalContentFilterError(parsed.data) || undefined,
    });
  }
  if (statusCode >= 400 && statusCode < 500) return { code: statusCode, message: error.message };
  return undefined;
}

export function removeUndefined<T extends Record<string, unknown>>(record: T): T {
  const result: Record<string, unknown> = {};
  for (const key in record) if (record[key] !== undefined) result[key] = record[key];
  return result as T;
}

// Schemas: lenient, only the fields read.

const falOperationSchema = z.object({
  requestId: z.string().check(z.minLength(1)),
  endpointId: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._~-]*(\/[A-Za-z0-9][A-Za-z0-9._~-]*)+$/)),
  statusUrl: z.optional(z.string()),
  responseUrl: z.optional(z.string()),
  cancelUrl: z.optional(z.string()),
  logs: z.optional(z.boolean()),
  useStatusStream: z.optional(z.boolean()),
});

/** The submit answer. */
export const falSubmitResponseSchema = z.looseObject({
  request_id: z.string(),
  gateway_request_id: z.nullish(z.string()),
  status_url: z.nullish(z.string()),
  response_url: z.nullish(z.string()),
  cancel_url: z.nullish(z.string()),
});

/** A queue status (`GET …/status`, or one event of `…/status/stream`). */
export const falStatusSchema = z.object({
  status: z.string(),
  queue_position: z.nullish(z.number()),
  logs: z.nullish(z.array(z.unknown())),
  metrics: z.nullish(z.record(z.string(), z.unknown())),
  error: z.nullish(z.string()),
  error_type: z.nullish(z.string()),
});
export type FalStatus = z.infer<typeof falStatusSchema>;

const falFileSchema = z.looseObject({
  url: z.string(),
  content_type: z.nullish(z.string()),
  file_name: z.nullish(z.string()),
  file_size: z.nullish(z.number()),
  width: z.nullish(z.number()),
  height: z.nullish(z.number()),
  duration: z.nullish(z.number()),
  fps: z.nullish(z.number()),
});

/** A result body (`GET …/requests/{id}`): the endpoint's output. */
export const falResultSchema = z.looseObject({
  video: z.nullish(falFileSchema),
  videos: z.nullish(z.array(falFileSchema)),
  seed: z.nullish(z.number()),
  timings: z.nullish(z.record(z.string(), z.unknown())),
  has_nsfw_concepts: z.optional(z.unknown()),
  nsfw_content_detected: z.optional(z.unknown()),
});
export type FalResult = z.infer<typeof falResultSchema>;
