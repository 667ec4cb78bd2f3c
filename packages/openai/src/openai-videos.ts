import type { VideoJob } from '@videogen/provider-spec';
import {
  createJsonResponseHandler,
  deleteFromApi,
  fetchWithCredentials,
  fileToBytes,
  getFromApi,
  postFormDataToApi,
  postJsonToApi,
} from '@videogen/provider-utils';
import * as z from 'zod/v4/mini';
import { type OpenAIConfig, openaiRequestHeaders, openaiUrl, openaiVideoPath } from './openai-config';
import { openaiFailedResponseHandler } from './openai-error';
import {
  openaiContentUrl,
  openaiVideoSchema,
  type OpenAIVideo,
  type OpenAIVideoContentVariant,
  type OpenAIVideoOperation,
} from './openai-operation';
import type { OpenAIVideoModelId } from './openai-video-model-options';
import type { OpenAISourceVideoRequest } from './openai-video-request';

// The wire calls of the Videos API, shared by the model (create, remix,
// retrieve, download) and the provider's `videos` helpers, so that both
// speak exactly the same format. Every call goes through the HTTP layer of
// @videogen/provider-utils with the base URL as `credentialOrigin`: the
// headers (the key under any name: `Authorization`, Azure's `api-key`, a
// gateway's own) never follow a redirect to another origin.

/** Per-request options of the job helpers. */
export type OpenAIRequestOptions = {
  /** Aborts the request. */
  abortSignal?: AbortSignal;
  /** Extra headers for this request. */
  headers?: Record<string, string | undefined>;
};

type ApiResult<T> = { value: T; responseHeaders?: Record<string, string> };

function apiCall(config: OpenAIConfig, options: OpenAIRequestOptions) {
  return {
    failedResponseHandler: openaiFailedResponseHandler,
    abortSignal: options.abortSignal,
    fetch: config.fetch,
    credentialOrigin: config.baseURL,
  };
}

/** `POST /videos` with a JSON body. */
export async function createVideoJson(
  config: OpenAIConfig,
  body: Record<string, unknown>,
  options: OpenAIRequestOptions & { idempotencyKey?: string },
): Promise<ApiResult<OpenAIVideo>> {
  return postJsonToApi({
    ...apiCall(config, options),
    url: openaiUrl(config, '/videos'),
    headers: openaiRequestHeaders(config, options.headers, { 'idempotency-key': options.idempotencyKey }),
    body,
    successfulResponseHandler: createJsonResponseHandler(openaiVideoSchema),
  });
}

/** `POST /videos` as multipart (a first frame given as bytes). */
export async function createVideoMultipart(
  config: OpenAIConfig,
  formData: FormData,
  options: OpenAIRequestOptions & { idempotencyKey?: string },
): Promise<ApiResult<OpenAIVideo>> {
  return postFormDataToApi({
    ...apiCall(config, options),
    url: openaiUrl(config, '/videos'),
    headers: openaiRequestHeaders(config, options.headers, { 'idempotency-key': options.idempotencyKey }),
    formData,
    successfulResponseHandler: createJsonResponseHandler(openaiVideoSchema),
  });
}

/** `POST /videos/{id}/remix` with `{ prompt }` (JSON, as the SDK sends it). */
export async function remixVideo(
  config: OpenAIConfig,
  { videoId, prompt }: { videoId: string; prompt: string },
  options: OpenAIRequestOptions & { idempotencyKey?: string },
): Promise<ApiResult<OpenAIVideo>> {
  return postJsonToApi({
    ...apiCall(config, options),
    url: openaiUrl(config, `${openaiVideoPath(videoId)}/remix`),
    headers: openaiRequestHeaders(config, options.headers, { 'idempotency-key': options.idempotencyKey }),
    body: { prompt },
    successfulResponseHandler: createJsonResponseHandler(openaiVideoSchema),
  });
}

/**
 * `POST /videos/edits` or `POST /videos/extensions`: JSON `{ video: { id },
 * prompt[, seconds] }` for a video of this API (the spec takes JSON; nothing
 * is uploaded), multipart with the file as `video` (`video.mp4`) for bytes,
 * as the OpenAI SDK sends a file. A source given as an `http(s)` URL is
 * fetched first (without credentials).
 */
export async function createVideoFromSource(
  config: OpenAIConfig,
  request: OpenAISourceVideoRequest,
  options: OpenAIRequestOptions & { idempotencyKey?: string },
): Promise<ApiResult<OpenAIVideo>> {
  const url = openaiUrl(config, request.operation === 'extend' ? '/videos/extensions' : '/videos/edits');
  const headers = openaiRequestHeaders(config, options.headers, { 'idempotency-key': options.idempotencyKey });
  const fields = { prompt: request.prompt, ...(request.seconds !== undefined ? { seconds: request.seconds } : {}) };
  if ('id' in request.video) {
    return postJsonToApi({
      ...apiCall(config, options),
      url,
      headers,
      body: { video: { id: request.video.id }, ...fields },
      successfulResponseHandler: createJsonResponseHandler(openaiVideoSchema),
    });
  }
  const { data, mediaType } = await fileToBytes(request.video.file, {
    fetch: config.fetch,
    abortSignal: options.abortSignal,
  });
  const type = mediaType ?? 'video/mp4';
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  formData.append('video', new Blob([data as BlobPart], { type }), `video.${VIDEO_EXTENSIONS[type] ?? 'mp4'}`);
  return postFormDataToApi({
    ...apiCall(config, options),
    url,
    headers,
    formData,
    successfulResponseHandler: createJsonResponseHandler(openaiVideoSchema),
  });
}

const VIDEO_EXTENSIONS: Record<string, string> = { 'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/webm': 'webm' };

/** `GET /videos/{id}`. */
export async function retrieveVideo(
  config: OpenAIConfig,
  videoId: string,
  options: OpenAIRequestOptions,
): Promise<ApiResult<OpenAIVideo>> {
  return getFromApi({
    ...apiCall(config, options),
    url: openaiUrl(config, openaiVideoPath(videoId)),
    headers: openaiRequestHeaders(config, options.headers),
    successfulResponseHandler: createJsonResponseHandler(openaiVideoSchema),
  });
}

/** `GET /videos?limit&after&order`. */
export async function listVideos(
  config: OpenAIConfig,
  query: { limit?: number; after?: string; order?: 'asc' | 'desc' },
  options: OpenAIRequestOptions,
): Promise<ApiResult<OpenAIVideoListPage>> {
  return getFromApi({
    ...apiCall(config, options),
    url: openaiUrl(config, '/videos', query),
    headers: openaiRequestHeaders(config, options.headers),
    successfulResponseHandler: createJsonResponseHandler(openaiVideoListSchema),
  });
}

/** `DELETE /videos/{id}`: removes a finished job and its assets (this is not a cancel). */
export async function deleteVideo(
  config: OpenAIConfig,
  videoId: string,
  options: OpenAIRequestOptions,
): Promise<ApiResult<OpenAIVideoDeleted>> {
  return deleteFromApi({
    ...apiCall(config, options),
    url: openaiUrl(config, openaiVideoPath(videoId)),
    headers: openaiRequestHeaders(config, options.headers),
    successfulResponseHandler: createJsonResponseHandler(openaiVideoDeletedSchema),
  });
}

/**
 * Fetches a content URL with the provider's credentials, which go only to
 * the base URL's origin (a redirect to storage elsewhere is followed without
 * them, and must pass the private-network guard unless `allowPrivateNetwork`).
 * `Accept: application/binary` as the OpenAI SDK sends it.
 */
export async function downloadWithCredentials(
  config: OpenAIConfig,
  url: string,
  options: OpenAIRequestOptions & { allowPrivateNetwork?: boolean },
): Promise<Response> {
  const { 'user-agent': userAgent, ...credentialHeaders } = openaiRequestHeaders(config, options.headers);
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

/** Query of `GET /videos`. */
export type OpenAIVideoListParams = OpenAIRequestOptions & {
  /** Page size, 0–100. */
  limit?: number;
  /** Id of the last video of the previous page (cursor). */
  after?: string;
  /** Sort by creation time. */
  order?: 'asc' | 'desc';
};

/**
 * The first page (`await`) and, as an async iterable, every video of every
 * page, fetched page by page with `after = last_id` while `has_more`.
 */
export type OpenAIVideoListPromise = Promise<OpenAIVideoListPage> & AsyncIterable<OpenAIVideo>;

/** What {@link OpenAIVideos.remix} returns. */
export type OpenAIRemixResult = {
  /** The new video object (`status: 'queued'`, `remixed_from_video_id` set). */
  video: OpenAIVideo;
  /** The job, for `waitForVideo` / `getVideoStatus` or a model's `doStatus`. */
  job: VideoJob;
};

/**
 * Helpers close to the Videos API, for what the provider-neutral calls do
 * not cover: remix, list, retrieve, delete, and downloads of a video's
 * content variants. They use the provider's base URL and credentials.
 */
export type OpenAIVideos = {
  /** `GET /videos/{id}`: the video object. */
  retrieve(videoId: string, options?: OpenAIRequestOptions): Promise<OpenAIVideo>;
  /**
   * `GET /videos`: `await` it for one page; `for await` over it for every
   * video across pages.
   */
  list(params?: OpenAIVideoListParams): OpenAIVideoListPromise;
  /**
   * `DELETE /videos/{id}`: deletes a finished (completed or failed) video
   * and its assets. Not a cancel: the API cannot cancel a running job.
   */
  delete(videoId: string, options?: OpenAIRequestOptions): Promise<OpenAIVideoDeleted>;
  /**
   * `POST /videos/{id}/remix`: a new job that changes a completed video by a
   * prompt. Wait for it with `waitForVideo({ model: openai.video(result.job.modelId), job: result.job })`.
   */
  remix(
    params: OpenAIRequestOptions & {
      /** The completed source video. */
      videoId: string;
      /** What to change, 1–32000 characters. */
      prompt: string;
      /** Sent as `Idempotency-Key` (harmless where the endpoint ignores it). */
      idempotencyKey?: string;
    },
  ): Promise<OpenAIRemixResult>;
  /**
   * `GET /videos/{id}/content?variant=…`: the streaming response (MP4, WebP
   * thumbnail or JPEG spritesheet), fetched with credentials that go only to
   * the API's origin. Throws an `APICallError` for a non-2xx answer.
   */
  downloadContent(
    params: OpenAIRequestOptions & {
      videoId: string;
      /** Default: `'video'`. */
      variant?: OpenAIVideoContentVariant;
      /**
       * Let a redirect to storage outside the API's origin reach loopback or
       * a private network (a local emulator). Default: `false`.
       */
      allowPrivateNetwork?: boolean;
    },
  ): Promise<Response>;
  /** The URL of a content variant (needs the provider's credentials). */
  contentUrl(videoId: string, variant?: OpenAIVideoContentVariant): string;
  /**
   * The job of a known video id (e.g. from a webhook), to resume with
   * `waitForVideo` / `getVideoStatus`. `modelId` only names the model.
   * Default model id: `'sora-2'`.
   */
  job(videoId: string, options?: { modelId?: OpenAIVideoModelId }): VideoJob;
};

export function createOpenAIVideos(config: OpenAIConfig): OpenAIVideos {
  const job = (videoId: string, { modelId = 'sora-2' }: { modelId?: string } = {}): VideoJob => {
    const operation: OpenAIVideoOperation = { videoId };
    return { specificationVersion: 'v3', provider: config.provider, modelId, operation };
  };

  const list = (params: OpenAIVideoListParams = {}): OpenAIVideoListPromise => {
    const { limit, after, order, ...requestOptions } = params;
    const fetchPage = async (cursor: string | undefined) =>
      (await listVideos(config, { limit, after: cursor, order }, requestOptions)).value;
    const firstPage = fetchPage(after);
    // Without a handler here, a first page that fails while the caller only
    // iterates would be reported as an unhandled rejection.
    firstPage.catch(() => {});
    async function* iterate(): AsyncGenerator<OpenAIVideo> {
      let page = await firstPage;
      for (;;) {
        yield* page.data;
        if (!page.has_more || !page.last_id) return;
        page = await fetchPage(page.last_id);
      }
    }
    return Object.assign(firstPage, { [Symbol.asyncIterator]: () => iterate() });
  };

  return {
    retrieve: async (videoId, options = {}) => (await retrieveVideo(config, videoId, options)).value,
    list,
    delete: async (videoId, options = {}) => (await deleteVideo(config, videoId, options)).value,
    remix: async ({ videoId, prompt, ...options }) => {
      const { value: video } = await remixVideo(config, { videoId, prompt }, options);
      return { video, job: job(video.id, { modelId: video.model ?? undefined }) };
    },
    downloadContent: ({ videoId, variant, ...options }) =>
      downloadWithCredentials(config, openaiContentUrl(config, videoId, variant), options),
    contentUrl: (videoId, variant) => openaiContentUrl(config, videoId, variant),
    job,
  };
}

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

/** A page of `GET /videos`: `data`, `first_id`, `last_id`, `has_more`. */
export type OpenAIVideoListPage = z.infer<typeof openaiVideoListSchema>;

/** The answer of `DELETE /videos/{id}`: `{ id, object: 'video.deleted', deleted: true }`. */
export type OpenAIVideoDeleted = z.infer<typeof openaiVideoDeletedSchema>;
