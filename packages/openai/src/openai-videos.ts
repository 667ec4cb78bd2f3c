import type { VideoJob } from '@videogen/provider-spec';
import {
  deleteVideo,
  downloadWithCredentials,
  listVideos,
  openaiContentUrl,
  remixVideo,
  retrieveVideo,
  type OpenAIRequestOptions,
  type OpenAIVideo,
  type OpenAIVideoContentVariant,
  type OpenAIVideoDeleted,
  type OpenAIVideoListPage,
} from './openai-api';
import type { OpenAIConfig } from './openai-config';
import type { OpenAIVideoOperation } from './openai-video-model';
import type { OpenAIVideoModelId } from './openai-video-model-options';

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
