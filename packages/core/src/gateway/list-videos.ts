import {
  InvalidArgumentError,
  NoSuchModelError,
  UnsupportedFunctionalityError,
  getDefaultVideoProviders,
  type SharedV3ProviderMetadata,
  type SharedV3Warning,
  type VideoJob,
  type VideoModelV3,
  type VideoModelV3JobError,
  type VideoModelV3ListJobsResult,
  type VideoModelV3ListedJobStatus,
  type VideoProviderV3,
} from '@videogen/provider-spec';
import { resolveVideoModel, type VideoModelArgument } from '../model/as-video-model';

const STATUSES: readonly VideoModelV3ListedJobStatus[] = ['pending', 'completed', 'failed', 'canceled'];

/** A provider that can list jobs: a provider object, or the name of a provider registered with `registerVideoProvider`. */
export type VideoJobListProvider =
  | (Pick<VideoProviderV3, 'listJobs'> & { videoModel(modelId: string): VideoModelArgument })
  | string;

/** Options of {@link listVideos}: the jobs of one model, or of a provider across its models. */
export type ListVideosOptions = (
  | {
      /** List the jobs this model's API reports (`doListJobs`; some APIs report every model's jobs). */
      model: VideoModelArgument;
      provider?: never;
    }
  | {
      model?: never;
      /** List the jobs across a provider's models (`listJobs`): a provider object or a registered provider's name. */
      provider: VideoJobListProvider;
    }
) & {
  /** Only jobs in this state (`'pending'`, `'completed'`, `'failed'`, `'canceled'`). Default: all. */
  status?: VideoModelV3ListedJobStatus;
  /** Most jobs in one page (a whole number ≥ 1). Default: the API's default. */
  limit?: number;
  /** The cursor of the page to read, from a previous result's `nextCursor`. Default: the first page. */
  after?: string;
  /** Aborts the request. */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers. */
  headers?: Record<string, string | undefined>;
};

/** One job of a {@link listVideos} page. */
export type ListedVideo = {
  /** The job: `waitForVideo`, `getVideoStatus`, `deleteVideo` and `getVideoDownloadUrl` take it with its model. */
  job: VideoJob;
  /** Where the job stands. */
  status: VideoModelV3ListedJobStatus;
  /** The provider's own status word, when known. */
  providerStatus?: string;
  /** When the job was created, when the API says. */
  createdAt?: Date;
  /** Progress 0..100, only when the API reports it. */
  progress?: number;
  /** Why it failed (failed jobs), in the provider's words. */
  error?: VideoModelV3JobError;
  /** Provider-specific metadata, keyed by provider id. */
  providerMetadata?: SharedV3ProviderMetadata;
};

/** A page of {@link listVideos}. */
export type ListVideosResult = {
  /** The jobs of this page, newest first where the API orders them. */
  videos: ListedVideo[];
  /** Pass as `after` to read the next page; `undefined` on the last page. */
  nextCursor?: string;
  /** Jobs that could not be listed as resumable (e.g. the API did not name their model). */
  warnings: SharedV3Warning[];
};

/**
 * Lists the account's video jobs at a provider, one page at a time, where its
 * API can (`doListJobs` of a model, `listJobs` of a provider). Each listed
 * job resumes with `waitForVideo({ model, job })`.
 *
 * @throws UnsupportedFunctionalityError when the model or provider cannot list jobs.
 * @example
 * let after: string | undefined;
 * do {
 *   const page = await listVideos({ model: openai.video('sora-2'), status: 'completed', after });
 *   for (const { job, createdAt } of page.videos) console.log(job.operation, createdAt);
 *   after = page.nextCursor;
 * } while (after);
 */
export async function listVideos(options: ListVideosOptions): Promise<ListVideosResult> {
  const { status, limit, after, abortSignal, headers } = options;
  if (status !== undefined && !STATUSES.includes(status)) {
    throw new InvalidArgumentError({
      argument: 'status',
      message: `\`status\` must be one of ${STATUSES.join(', ')}.`,
    });
  }
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
    throw new InvalidArgumentError({ argument: 'limit', message: '`limit` must be a whole number ≥ 1.' });
  }
  if (after !== undefined && (typeof after !== 'string' || after === '')) {
    throw new InvalidArgumentError({ argument: 'after', message: '`after` must be a non-empty cursor string.' });
  }
  const listOptions = {
    ...(status !== undefined ? { status } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(after !== undefined ? { after } : {}),
    abortSignal,
    headers,
  };

  let page: VideoModelV3ListJobsResult;
  let jobOf: (modelId: string | undefined) => VideoJob['provider'] | undefined;
  let defaultModelId: string | undefined;
  if (options.model !== undefined) {
    const model = resolveVideoModel(options.model);
    if (typeof model.doListJobs !== 'function') {
      throw new UnsupportedFunctionalityError({
        functionality: 'listVideos',
        message: `${model.provider} model ${model.modelId} cannot list jobs (its API has no job list, or the provider does not implement it).`,
      });
    }
    page = await model.doListJobs(listOptions);
    defaultModelId = model.modelId;
    jobOf = () => model.provider;
  } else {
    const provider = resolveListProvider(options.provider);
    if (typeof provider.listJobs !== 'function') {
      throw new UnsupportedFunctionalityError({
        functionality: 'listVideos',
        message: `The provider ${typeof options.provider === 'string' ? `"${options.provider}" ` : ''}cannot list jobs (its API has no job list, or the provider does not implement it).`,
      });
    }
    page = await provider.listJobs(listOptions);
    // The job names the model's provider id (e.g. 'openai.video'), which only the model knows.
    const providerIds = new Map<string, string>();
    jobOf = (modelId) => {
      if (modelId === undefined) return undefined;
      let id = providerIds.get(modelId);
      if (id === undefined) {
        try {
          id = (resolveVideoModel(provider.videoModel(modelId)) as VideoModelV3).provider;
        } catch {
          return undefined; // a model the provider does not know: left out with a warning
        }
        providerIds.set(modelId, id);
      }
      return id;
    };
  }

  const warnings: SharedV3Warning[] = [];
  const videos: ListedVideo[] = [];
  for (const listed of page.jobs) {
    // The API filters where it can; a provider that could not is filtered here.
    if (status !== undefined && listed.status !== status) continue;
    const modelId = listed.modelId ?? defaultModelId;
    const providerId = jobOf(modelId);
    if (modelId === undefined || providerId === undefined) {
      warnings.push({
        type: 'other',
        message:
          `A listed job was left out: ${modelId === undefined ? 'the API did not name its model' : `the provider has no model "${modelId}"`}, ` +
          `so it cannot be resumed (${JSON.stringify(listed.operation).slice(0, 200)}).`,
      });
      continue;
    }
    videos.push({
      job: { specificationVersion: 'v3', provider: providerId, modelId, operation: listed.operation },
      status: listed.status,
      ...(listed.providerStatus !== undefined ? { providerStatus: listed.providerStatus } : {}),
      ...(listed.createdAt !== undefined ? { createdAt: listed.createdAt } : {}),
      ...(listed.progress !== undefined ? { progress: listed.progress } : {}),
      ...(listed.error !== undefined ? { error: listed.error } : {}),
      ...(listed.providerMetadata !== undefined ? { providerMetadata: listed.providerMetadata } : {}),
    });
  }
  return { videos, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), warnings };
}

function resolveListProvider(provider: VideoJobListProvider): Exclude<VideoJobListProvider, string> {
  if (typeof provider !== 'string') return provider;
  const registered = getDefaultVideoProviders().get(provider);
  if (registered === undefined) {
    const known = [...getDefaultVideoProviders().keys()].join(', ') || 'none';
    throw new NoSuchModelError({
      modelId: provider,
      modelType: 'videoModel',
      message: `No video provider "${provider}" is registered (registered: ${known}). Import @videogen/${provider}, or pass the provider object.`,
    });
  }
  return registered as Exclude<VideoJobListProvider, string>;
}
