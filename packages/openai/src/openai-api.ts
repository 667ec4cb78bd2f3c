import type { JSONObject } from '@videogen/provider-spec';
import {
  combineHeaders,
  postFormDataToApi,
  removeUndefinedEntries,
  type FetchFunction,
  type ResponseHandler,
} from '@ai-sdk/provider-utils';
import {
  defaultFetch,
  createJsonResponseHandler,
  fetchWithCredentials,
  getFromApi,
  postJsonToApi,
} from '@videogen/provider-utils';
import * as z from 'zod/v4/mini';
import { openaiUrl, type OpenAIConfig } from './openai-config';
import { openaiFailedResponseHandler } from './openai-error';

// The wire calls of the Videos API, shared by the model and the provider's
// `videos` helpers so that both speak exactly the same format.

/** Per-request options of the job helpers. */
export type OpenAIRequestOptions = {
  /** Aborts the request. */
  abortSignal?: AbortSignal;
  /** Extra headers for this request. */
  headers?: Record<string, string | undefined>;
};

/** What `GET /videos/{id}/content` can return. */
export type OpenAIVideoContentVariant = 'video' | 'thumbnail' | 'spritesheet';

/** Media type of each content variant (thumbnail: WebP; spritesheet: JPEG per the guide). */
export const OPENAI_CONTENT_MEDIA_TYPES: Record<OpenAIVideoContentVariant, string> = {
  video: 'video/mp4',
  thumbnail: 'image/webp',
  spritesheet: 'image/jpeg',
};

type ApiResult<T> = { value: T; responseHeaders?: Record<string, string> };

// Header names are lower-cased before merging, so that a per-call
// `Authorization` replaces the configured one instead of being joined to it.
function requestHeaders(
  config: OpenAIConfig,
  options: OpenAIRequestOptions,
  extra?: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return combineHeaders(lowerCaseNames(config.headers()), lowerCaseNames(options.headers), lowerCaseNames(extra));
}

function lowerCaseNames(headers: Record<string, string | undefined> | undefined) {
  if (!headers) return undefined;
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function videoPath(videoId: string): string {
  return `/videos/${encodeURIComponent(videoId)}`;
}

/** The URL of a video's content (`variant` omitted for the video itself, as the SDK does). */
export function openaiContentUrl(config: OpenAIConfig, videoId: string, variant: OpenAIVideoContentVariant = 'video') {
  return openaiUrl(config, `${videoPath(videoId)}/content`, { variant: variant === 'video' ? undefined : variant });
}

/** `POST /videos` with a JSON body. */
export async function createVideoJson(
  config: OpenAIConfig,
  body: Record<string, unknown>,
  options: OpenAIRequestOptions & { idempotencyKey?: string },
): Promise<ApiResult<OpenAIVideo>> {
  return postJsonToApi({
    url: openaiUrl(config, '/videos'),
    headers: requestHeaders(config, options, { 'idempotency-key': options.idempotencyKey }),
    body,
    failedResponseHandler: openaiFailedResponseHandler,
    successfulResponseHandler: createJsonResponseHandler(openaiVideoSchema),
    abortSignal: options.abortSignal,
    fetch: config.fetch,
  });
}

/** `POST /videos` as multipart (a first frame given as bytes). */
export async function createVideoMultipart(
  config: OpenAIConfig,
  formData: FormData,
  options: OpenAIRequestOptions & { idempotencyKey?: string },
): Promise<ApiResult<OpenAIVideo>> {
  return postFormDataToApi({
    url: openaiUrl(config, '/videos'),
    headers: requestHeaders(config, options, { 'idempotency-key': options.idempotencyKey }),
    formData,
    failedResponseHandler: openaiFailedResponseHandler,
    successfulResponseHandler: createJsonResponseHandler(openaiVideoSchema),
    abortSignal: options.abortSignal,
    fetch: config.fetch,
  });
}

/** `POST /videos/{id}/remix` with `{ prompt }` (JSON, as the SDK sends it). */
export async function remixVideo(
  config: OpenAIConfig,
  { videoId, prompt }: { videoId: string; prompt: string },
  options: OpenAIRequestOptions & { idempotencyKey?: string },
): Promise<ApiResult<OpenAIVideo>> {
  return postJsonToApi({
    url: openaiUrl(config, `${videoPath(videoId)}/remix`),
    headers: requestHeaders(config, options, { 'idempotency-key': options.idempotencyKey }),
    body: { prompt },
    failedResponseHandler: openaiFailedResponseHandler,
    successfulResponseHandler: createJsonResponseHandler(openaiVideoSchema),
    abortSignal: options.abortSignal,
    fetch: config.fetch,
  });
}

/** `GET /videos/{id}`. */
export async function retrieveVideo(
  config: OpenAIConfig,
  videoId: string,
  options: OpenAIRequestOptions,
): Promise<ApiResult<OpenAIVideo>> {
  return getFromApi({
    url: openaiUrl(config, videoPath(videoId)),
    headers: requestHeaders(config, options),
    failedResponseHandler: openaiFailedResponseHandler,
    successfulResponseHandler: createJsonResponseHandler(openaiVideoSchema),
    abortSignal: options.abortSignal,
    fetch: config.fetch,
  });
}

/** `GET /videos?limit&after&order`. */
export async function listVideos(
  config: OpenAIConfig,
  query: { limit?: number; after?: string; order?: 'asc' | 'desc' },
  options: OpenAIRequestOptions,
): Promise<ApiResult<OpenAIVideoListPage>> {
  return getFromApi({
    url: openaiUrl(config, '/videos', query),
    headers: requestHeaders(config, options),
    failedResponseHandler: openaiFailedResponseHandler,
    successfulResponseHandler: createJsonResponseHandler(openaiVideoListSchema),
    abortSignal: options.abortSignal,
    fetch: config.fetch,
  });
}

/** `DELETE /videos/{id}`: removes a finished job and its assets (this is not a cancel). */
export async function deleteVideo(
  config: OpenAIConfig,
  videoId: string,
  options: OpenAIRequestOptions,
): Promise<ApiResult<OpenAIVideoDeleted>> {
  return deleteFromApi({
    url: openaiUrl(config, videoPath(videoId)),
    headers: requestHeaders(config, options),
    failedResponseHandler: openaiFailedResponseHandler,
    successfulResponseHandler: createJsonResponseHandler(openaiVideoDeletedSchema),
    abortSignal: options.abortSignal,
    fetch: config.fetch,
  });
}

/**
 * Fetches a content URL with the provider's credentials, which go only to
 * the base URL's origin (a redirect to storage elsewhere is followed without
 * them). `Accept: application/binary` as the OpenAI SDK sends it.
 */
export async function downloadWithCredentials(
  config: OpenAIConfig,
  url: string,
  options: OpenAIRequestOptions & { allowPrivateNetwork?: boolean },
): Promise<Response> {
  const { 'user-agent': userAgent, ...credentialHeaders } = requestHeaders(config, options);
  return fetchWithCredentials({
    url,
    credentialHeaders,
    credentialOrigin: config.baseURL,
    headers: { accept: 'application/binary', 'user-agent': userAgent },
    allowPrivateNetwork: options.allowPrivateNetwork,
    abortSignal: options.abortSignal,
    fetch: config.fetch,
  });
}

/**
 * The provider metadata of a video object, under `providerMetadata.openai`:
 * the job's fields in camelCase, and for a completed video the URLs of its
 * thumbnail and spritesheet (fetch them with the model's `doDownload` or
 * `openai.videos.downloadContent`).
 */
export function openaiVideoMetadata(config: OpenAIConfig, video: OpenAIVideo): JSONObject {
  const metadata: JSONObject = {
    id: video.id,
    status: video.status,
    progress: video.progress ?? null,
    model: video.model ?? null,
    size: video.size ?? null,
    seconds: video.seconds ?? null,
    createdAt: video.created_at ?? null,
    completedAt: video.completed_at ?? null,
    expiresAt: video.expires_at ?? null,
    remixedFromVideoId: video.remixed_from_video_id ?? null,
  };
  if (video.status === 'completed') {
    metadata.thumbnailUrl = openaiContentUrl(config, video.id, 'thumbnail');
    metadata.spritesheetUrl = openaiContentUrl(config, video.id, 'spritesheet');
  }
  if (video.error) {
    metadata.error = {
      code: video.error.code ?? null,
      message: video.error.message ?? null,
      type: video.error.type ?? null,
      param: video.error.param ?? null,
    };
  }
  return metadata;
}

// `@ai-sdk/provider-utils` has GET and POST helpers only. Generic; a
// candidate for @videogen/provider-utils.
async function deleteFromApi<T>({
  url,
  headers,
  failedResponseHandler,
  successfulResponseHandler,
  abortSignal,
  fetch = defaultFetch,
}: {
  url: string;
  headers: Record<string, string | undefined>;
  failedResponseHandler: ResponseHandler<Error>;
  successfulResponseHandler: ResponseHandler<T>;
  abortSignal?: AbortSignal;
  fetch?: FetchFunction;
}): Promise<ApiResult<T>> {
  const response = await fetch(url, {
    method: 'DELETE',
    headers: removeUndefinedEntries(headers) as Record<string, string>,
    signal: abortSignal,
  });
  if (!response.ok) {
    throw (await failedResponseHandler({ url, requestBodyValues: undefined, response })).value;
  }
  const result = await successfulResponseHandler({ url, requestBodyValues: undefined, response });
  return { value: result.value, responseHeaders: result.responseHeaders };
}

const errorCodeSchema = z.nullish(z.union([z.string(), z.number()]));

// Lenient: the fields videogen reads, the rest passed through untouched.
const openaiVideoSchema = z.looseObject({
  id: z.string(),
  object: z.nullish(z.string()),
  model: z.nullish(z.string()),
  status: z.string(),
  progress: z.nullish(z.number()),
  created_at: z.nullish(z.number()),
  completed_at: z.nullish(z.number()),
  expires_at: z.nullish(z.number()),
  prompt: z.nullish(z.string()),
  size: z.nullish(z.string()),
  seconds: z.nullish(z.union([z.string(), z.number()])),
  remixed_from_video_id: z.nullish(z.string()),
  error: z.nullish(
    z.looseObject({
      code: errorCodeSchema,
      message: z.nullish(z.string()),
      type: z.nullish(z.string()),
      param: z.nullish(z.string()),
    }),
  ),
});

const openaiVideoListSchema = z.looseObject({
  object: z.nullish(z.string()),
  data: z.array(openaiVideoSchema),
  first_id: z.nullish(z.string()),
  last_id: z.nullish(z.string()),
  has_more: z.nullish(z.boolean()),
});

const openaiVideoDeletedSchema = z.looseObject({
  id: z.string(),
  object: z.nullish(z.string()),
  deleted: z.boolean(),
});

/**
 * A Video object as the API returns it (snake_case, fields as in the
 * OpenAI spec: `id`, `object: 'video'`, `model`, `status` (`queued`,
 * `in_progress`, `completed`, `failed`), `progress` (0–100), `created_at`,
 * `completed_at`, `expires_at` (unix seconds), `prompt`, `size`, `seconds`
 * (a string), `remixed_from_video_id`, `error`).
 */
export type OpenAIVideo = z.infer<typeof openaiVideoSchema>;

/** A page of `GET /videos`: `data`, `first_id`, `last_id`, `has_more`. */
export type OpenAIVideoListPage = z.infer<typeof openaiVideoListSchema>;

/** The answer of `DELETE /videos/{id}`: `{ id, object: 'video.deleted', deleted: true }`. */
export type OpenAIVideoDeleted = z.infer<typeof openaiVideoDeletedSchema>;
