import {
  InvalidArgumentError,
  type JSONObject,
  type SharedV3ProviderMetadata,
  type VideoModelV3ResponseMetadata,
  type VideoModelV3StatusResult,
  type VideoModelV3Usage,
  type VideoModelV3VideoData,
} from '@videogen/provider-spec';
import * as z from 'zod/v4/mini';
import { stated } from './openrouter-video-models';

/**
 * The job reference of an OpenRouter video job, as stored in
 * `VideoModelV3StartResult.operation`: plain JSON, no credentials.
 */
export type OpenRouterVideoOperation = {
  /** The job id, e.g. `'gen-vid-1761234567-AbCdEfGhIjKlMnOpQrSt'`. */
  id: string;
  /** The absolute polling URL OpenRouter returned (used only when it is on the configured origin). */
  pollingUrl?: string;
};

/** Reads a stored operation; an `InvalidArgumentError` when it is not an OpenRouter one. */
export function parseOpenRouterOperation(operation: unknown): OpenRouterVideoOperation {
  const parsed = operationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not an OpenRouter video operation: expected { id: string, pollingUrl?: string } from doStart.',
    });
  }
  return parsed.data.pollingUrl ? { id: parsed.data.id, pollingUrl: parsed.data.pollingUrl } : { id: parsed.data.id };
}

/** The operation of a `POST /videos` answer, its polling URL resolved against the base URL. */
export function toOpenRouterOperation(submitted: OpenRouterSubmitResponse, baseURL: string): OpenRouterVideoOperation {
  return submitted.polling_url
    ? { id: submitted.id, pollingUrl: resolveOpenRouterUrl(submitted.polling_url, baseURL) }
    : { id: submitted.id };
}

/**
 * The URL to poll: OpenRouter's polling URL when it is on the configured
 * origin, else `${baseURL}/videos/{id}`. The key goes only to the configured
 * origin, so a polling URL elsewhere is not trusted.
 */
export function getOpenRouterPollingUrl(operation: OpenRouterVideoOperation, baseURL: string): string {
  const fallback = `${baseURL}/videos/${encodeURIComponent(operation.id)}`;
  if (!operation.pollingUrl) return fallback;
  let url: URL;
  try {
    url = new URL(resolveOpenRouterUrl(operation.pollingUrl, baseURL));
  } catch {
    return fallback;
  }
  return url.origin === new URL(baseURL).origin ? url.toString() : fallback;
}

/** The content proxy of a job's video: `${baseURL}/videos/{id}/content?index=N` (needs the key). */
export function getOpenRouterContentUrl(baseURL: string, id: string, index: number): string {
  return `${baseURL}/videos/${encodeURIComponent(id)}/content?index=${index}`;
}

/**
 * Resolves a URL from an OpenRouter response (`polling_url`, `urls`) against
 * the configured base URL: absolute URLs stay as they are, relative ones
 * resolve against the base URL, and root-relative ones against its origin,
 * with one exception for gateways that mount OpenRouter under a path prefix.
 * OpenRouter's root-relative URLs start with `/api/v1/`; when the base URL's
 * path is `<prefix>/api/v1` (e.g. `https://gw.example/openrouter/api/v1`),
 * such a URL keeps the prefix (`/api/v1/videos/x` →
 * `https://gw.example/openrouter/api/v1/videos/x`) instead of leaving the
 * gateway. Any other root-relative URL resolves against the origin.
 */
export function resolveOpenRouterUrl(url: string, baseURL: string): string {
  const base = new URL(`${baseURL.replace(/\/+$/, '')}/`);
  if (url.startsWith(`${API_PATH}/`)) {
    const basePath = base.pathname.replace(/\/+$/, '');
    if (basePath.endsWith(API_PATH) && basePath.length > API_PATH.length) {
      return new URL(basePath.slice(0, -API_PATH.length) + url, base.origin).toString();
    }
  }
  return new URL(url, base).toString();
}

/** The path of OpenRouter's API on openrouter.ai, which its root-relative URLs start with. */
const API_PATH = '/api/v1';

/**
 * Maps a `GET /videos/{id}` answer onto the spec's statuses: `completed`
 * with its videos (`unsigned_urls`, else `urls`, else the content proxy of
 * video 0) and usage; `failed`, `cancelled` and `expired` as `failed` with
 * the status as code and OpenRouter's reason (content-filtered when the
 * reason names a moderation block); anything else (`pending`,
 * `in_progress`, statuses added later) as `pending`.
 */
export function mapOpenRouterJobToStatus({
  job,
  operation,
  baseURL,
  response,
}: {
  job: OpenRouterJobResponse;
  operation: OpenRouterVideoOperation;
  baseURL: string;
  response: VideoModelV3ResponseMetadata;
}): VideoModelV3StatusResult {
  const providerMetadata = getJobMetadata(job, operation.id);
  const usage = getOpenRouterUsage(job.usage);
  switch (job.status) {
    case 'completed': {
      const urls = stated(job.unsigned_urls) ?? stated(job.urls);
      const videos: VideoModelV3VideoData[] = urls
        ? urls.map((url) => ({ type: 'url', url: resolveOpenRouterUrl(url, baseURL), mediaType: 'video/mp4' }))
        : [{ type: 'url', url: getOpenRouterContentUrl(baseURL, operation.id, 0), mediaType: 'video/mp4' }];
      return { status: 'completed', videos, warnings: [], ...(usage ? { usage } : {}), providerMetadata, response };
    }
    case 'failed':
    case 'cancelled':
    case 'expired': {
      const reason = typeof job.error === 'string' ? job.error : job.error?.message;
      const message = reason?.trim() || DEFAULT_FAILURE_MESSAGES[job.status];
      return {
        status: 'failed',
        error: {
          code: job.status,
          message,
          contentFiltered: job.status === 'failed' && isOpenRouterContentFiltered(message),
        },
        ...(usage ? { usage } : {}),
        providerMetadata,
      };
    }
    default:
      return { status: 'pending', providerStatus: job.status };
  }
}

/**
 * The spec's usage from OpenRouter's `usage: { cost, is_byok }`: `costUsd`
 * from `cost` (left out when `null`, as for BYOK jobs, whose upstream bills
 * you directly), and the object verbatim as `raw` (so `is_byok` is there).
 * `undefined` when OpenRouter reports no usage.
 */
export function getOpenRouterUsage(usage: OpenRouterJobResponse['usage']): VideoModelV3Usage | undefined {
  if (!usage) return undefined;
  return {
    ...(typeof usage.cost === 'number' ? { costUsd: usage.cost } : {}),
    raw: usage as JSONObject,
  };
}

/** OpenRouter's failure text is free-form; these words mark a moderation block. */
const CONTENT_FILTER_PATTERN = /content[ _-]?(policy|filter|moderation)|moderat|safety|nsfw/i;

/** Whether OpenRouter's reason for a failed job names a moderation block. */
export function isOpenRouterContentFiltered(message: string): boolean {
  return CONTENT_FILTER_PATTERN.test(message);
}

const DEFAULT_FAILURE_MESSAGES = {
  failed: 'OpenRouter reported the video job as failed without a reason.',
  cancelled: 'The video job was cancelled.',
  expired: 'The video job expired before it completed.',
} as const;

/** `providerMetadata.openrouter` of a status: id, status, generation id and usage, camel-cased. */
function getJobMetadata(job: OpenRouterJobResponse, id: string): SharedV3ProviderMetadata {
  return {
    openrouter: removeUndefined({
      id: job.id ?? id,
      status: job.status,
      generationId: job.generation_id ?? undefined,
      usage: job.usage
        ? removeUndefined({ cost: job.usage.cost ?? null, isByok: job.usage.is_byok ?? undefined })
        : undefined,
    }) as JSONObject,
  };
}

/** The record without its `undefined` values. */
export function removeUndefined<T extends Record<string, unknown>>(
  record: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

const operationSchema = z.object({
  id: z.string().check(z.minLength(1)),
  pollingUrl: z.nullish(z.string()),
});

/** Response schema of `POST /videos`. */
export const openrouterSubmitResponseSchema = z.object({
  id: z.string().check(z.minLength(1)),
  polling_url: z.nullish(z.string()),
  status: z.nullish(z.string()),
});

/** The answer of `POST /videos`. */
export type OpenRouterSubmitResponse = z.infer<typeof openrouterSubmitResponseSchema>;

/** Response schema of `GET /videos/{id}` (lenient). */
export const openrouterJobResponseSchema = z.object({
  id: z.nullish(z.string()),
  status: z.string(),
  generation_id: z.nullish(z.string()),
  unsigned_urls: z.nullish(z.array(z.string())),
  urls: z.nullish(z.array(z.string())),
  // Loose: `raw` usage is OpenRouter's object verbatim, fields added later included.
  usage: z.nullish(
    z.looseObject({
      cost: z.nullish(z.number()),
      is_byok: z.nullish(z.boolean()),
    }),
  ),
  // A string per the spec; an object with a message is tolerated.
  error: z.nullish(z.union([z.string(), z.object({ message: z.string() })])),
});

/** The answer of `GET /videos/{id}`. */
export type OpenRouterJobResponse = z.infer<typeof openrouterJobResponseSchema>;
