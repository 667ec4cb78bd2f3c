import {
  APICallError,
  InvalidArgumentError,
  type VideoModelV3ListedJob,
  type VideoModelV3ListedJobStatus,
  type VideoModelV3ListJobsOptions,
  type VideoModelV3ListJobsResult,
} from '@videogen/provider-spec';
import { combineHeaders, type ResponseHandler } from '@ai-sdk/provider-utils';
import { createJsonResponseHandler, deleteFromApi, extractResponseHeaders, getFromApi } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see luma-error.ts).
import * as z from 'zod/v4/mini';
import type { LumaConfig } from './luma-config';
import { lumaFailedResponseHandler } from './luma-error';
import {
  type LumaGeneration,
  lumaGenerationSchema,
  type LumaVideoOperation,
  parseLumaOperation,
} from './luma-operation';

// The account's generations: `GET /generations?limit=&offset=` (offset pagination, no status
// filter) and `DELETE /generations/{id}`, shared by the models and the provider.

/**
 * The cursor of a page is its offset as a decimal string (`'20'`): Luma pages by `offset`, and
 * the cursor stays opaque to callers.
 */
function parseCursor(after: string | undefined): number {
  if (after === undefined) return 0;
  if (!/^\d{1,9}$/.test(after)) {
    throw new InvalidArgumentError({
      argument: 'after',
      message: `Not a Luma list cursor: ${JSON.stringify(after)} (expected the nextCursor of a previous page).`,
    });
  }
  return Number(after);
}

/**
 * One page of the account's video generations, newest first: `limit` and the cursor's offset go to
 * the API; `status` (Luma cannot filter) and `modelId` filter the page it returned, so a filtered
 * page can hold fewer than `limit` jobs while `nextCursor` still leads on. Image generations are
 * left out. Each job's `operation` resumes with `doStatus`.
 */
export async function listLumaJobs(
  config: LumaConfig,
  options: VideoModelV3ListJobsOptions,
  modelId?: string,
): Promise<VideoModelV3ListJobsResult> {
  const offset = parseCursor(options.after);
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) {
    throw new InvalidArgumentError({
      argument: 'limit',
      message: `limit must be a whole number from 1; got ${options.limit}.`,
    });
  }
  const query = new URLSearchParams();
  if (options.limit !== undefined) query.set('limit', String(options.limit));
  if (offset > 0) query.set('offset', String(offset));
  const search = query.size > 0 ? `?${query}` : '';
  const { value } = await getFromApi({
    url: `${config.baseURL}/generations${search}`,
    headers: combineHeaders(await config.headers(), options.headers),
    credentialOrigin: new URL(config.baseURL).origin,
    failedResponseHandler: lumaFailedResponseHandler,
    successfulResponseHandler: createJsonResponseHandler(lumaGenerationListSchema),
    abortSignal: options.abortSignal,
    fetch: config.fetch,
  });
  const generations = value.generations ?? [];
  const hasMore =
    value.has_more ?? (options.limit !== undefined && generations.length >= options.limit && generations.length > 0);
  const jobs = generations
    .filter((generation) => generation.generation_type !== 'image')
    .filter((generation) => modelId === undefined || generation.model == null || generation.model === modelId)
    .map(toListedJob)
    .filter((job) => options.status === undefined || job.status === options.status);
  return { jobs, ...(hasMore ? { nextCursor: String(offset + generations.length) } : {}) };
}

/** `DELETE /generations/{id}`; a generation that is already gone (404) counts as deleted. */
export async function deleteLumaJob(
  config: LumaConfig,
  options: { operation: unknown; abortSignal?: AbortSignal; headers?: Record<string, string | undefined> },
): Promise<void> {
  const { id } = parseLumaOperation(options.operation);
  try {
    await deleteFromApi({
      url: `${config.baseURL}/generations/${encodeURIComponent(id)}`,
      headers: combineHeaders(await config.headers(), options.headers),
      credentialOrigin: new URL(config.baseURL).origin,
      failedResponseHandler: lumaFailedResponseHandler,
      successfulResponseHandler: discardResponseHandler,
      abortSignal: options.abortSignal,
      fetch: config.fetch,
    });
  } catch (error) {
    if (APICallError.isInstance(error) && error.statusCode === 404) return;
    throw error;
  }
}

function toListedJob(generation: LumaGeneration): VideoModelV3ListedJob {
  const operation: LumaVideoOperation = { id: generation.id };
  const status = LISTED_STATUS[generation.state] ?? 'pending';
  const createdAt = generation.created_at ? new Date(generation.created_at) : undefined;
  const reason = generation.failure_reason ?? 'The Luma generation failed without a reason.';
  return {
    operation,
    ...(generation.model ? { modelId: generation.model } : {}),
    status,
    providerStatus: generation.state,
    ...(createdAt && !Number.isNaN(createdAt.getTime()) ? { createdAt } : {}),
    ...(status === 'failed'
      ? { error: { message: reason, ...(/moderat/i.test(reason) ? { contentFiltered: true } : {}) } }
      : {}),
    providerMetadata: {
      luma: {
        generationId: generation.id,
        ...(generation.assets?.video ? { videoUrl: generation.assets.video } : {}),
      },
    },
  };
}

/** Luma's states; any other (a state Luma adds before the terminal ones) is pending. */
const LISTED_STATUS: Record<string, VideoModelV3ListedJobStatus> = {
  queued: 'pending',
  dreaming: 'pending',
  completed: 'completed',
  failed: 'failed',
};

/** `GET /generations` (only the fields read). */
const lumaGenerationListSchema = z.object({
  generations: z.nullish(z.array(lumaGenerationSchema)),
  has_more: z.nullish(z.boolean()),
});

const discardResponseHandler: ResponseHandler<undefined> = async ({ response }) => {
  await response.text().catch(() => undefined);
  return { value: undefined, responseHeaders: extractResponseHeaders(response) };
};
