import {
  APICallError,
  type VideoModelV3ListedJob,
  type VideoModelV3ListedJobStatus,
  type VideoModelV3ListJobsOptions,
  type VideoModelV3ListJobsResult,
} from '@videogen/provider-spec';
import { invalidVideoArgument } from '@videogen/provider-utils';
import type { OpenAIConfig } from './openai-config';
import {
  isOpenAIContentFiltered,
  openaiVideoMetadata,
  type OpenAIVideo,
  type OpenAIVideoOperation,
} from './openai-operation';
import { deleteVideo, listVideos, type OpenAIRequestOptions } from './openai-videos';

// The gateway operations of the Videos API (spec 0.4): a page of the account's
// videos as listed jobs, and deletion, over the same wire calls as
// `openai.videos.list` / `.delete`.

/** Largest page `GET /videos` serves. */
const OPENAI_MAX_LIST_LIMIT = 100;

/** A video's `status` as a listed job's state: `queued` and `in_progress` (and unknown words) are pending. */
export function getOpenAIListedStatus(status: string): VideoModelV3ListedJobStatus {
  if (status === 'completed') return 'completed';
  if (status === 'failed') return 'failed';
  return 'pending';
}

/** One video object of a list page as a listed job, whose `operation` resumes it with `doStatus`. */
export function toOpenAIListedJob(config: OpenAIConfig, video: OpenAIVideo): VideoModelV3ListedJob {
  const operation: OpenAIVideoOperation = { videoId: video.id };
  const status = getOpenAIListedStatus(video.status);
  const error = video.error;
  return {
    operation,
    ...(video.model ? { modelId: video.model } : {}),
    status,
    providerStatus: video.status,
    ...(typeof video.created_at === 'number' ? { createdAt: new Date(video.created_at * 1000) } : {}),
    ...(typeof video.progress === 'number' && status === 'pending' ? { progress: video.progress } : {}),
    ...(status === 'failed'
      ? {
          error: {
            ...(error?.code != null ? { code: error.code } : {}),
            message: error?.message ?? 'The video job failed without a reason.',
            contentFiltered: isOpenAIContentFiltered(error),
          },
        }
      : {}),
    providerMetadata: { openai: openaiVideoMetadata(config, video) },
  };
}

/**
 * `GET /videos?order=desc[&limit][&after]`: one page of the account's videos,
 * newest first. `after` is the id of the last video of the previous page
 * (the API's cursor); `nextCursor` is the page's `last_id` while `has_more`.
 * The API has no status filter: `status` filters the page it returned, so a
 * filtered page can hold fewer than `limit` jobs (follow `nextCursor`).
 */
export async function listOpenAIJobs(
  config: OpenAIConfig,
  { status, limit, after, abortSignal, headers }: VideoModelV3ListJobsOptions,
): Promise<VideoModelV3ListJobsResult> {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > OPENAI_MAX_LIST_LIMIT)) {
    throw invalidVideoArgument(
      'limit',
      `limit must be a whole number from 1 to ${OPENAI_MAX_LIST_LIMIT}; got ${limit}.`,
    );
  }
  const { value: page } = await listVideos(
    config,
    { limit, after: after || undefined, order: 'desc' },
    { abortSignal, headers },
  );
  const jobs = page.data.map((video) => toOpenAIListedJob(config, video));
  const nextCursor = page.has_more ? (page.last_id ?? page.data.at(-1)?.id ?? undefined) : undefined;
  return {
    jobs: status === undefined ? jobs : jobs.filter((job) => job.status === status),
    ...(nextCursor ? { nextCursor } : {}),
  };
}

/**
 * `DELETE /videos/{id}`: deletes a finished video and its assets. A video
 * that is already gone (404) resolves. A queued or running one is refused by
 * the API (400): it cannot be cancelled.
 */
export async function deleteOpenAIJob(
  config: OpenAIConfig,
  videoId: string,
  options: OpenAIRequestOptions,
): Promise<void> {
  try {
    await deleteVideo(config, videoId, options);
  } catch (error) {
    if (APICallError.isInstance(error) && error.statusCode === 404) return;
    throw error;
  }
}
