import type { SharedV3ProviderMetadata } from '../../shared/v3/shared-v3-provider-metadata';
import type { VideoModelV3JobError, VideoModelV3Operation } from './video-model-v3-job';

/** A job's state as a list reports it. */
export type VideoModelV3ListedJobStatus = 'pending' | 'completed' | 'failed' | 'canceled';

/** Options of `doListJobs` / a provider's `listJobs` (added in 0.4). */
export type VideoModelV3ListJobsOptions = {
  /** Only jobs in this state, where the API can filter (otherwise the provider filters the page it got). */
  status?: VideoModelV3ListedJobStatus;
  /** Most jobs in one page. Default: the API's default. */
  limit?: number;
  /** The cursor of the page to read, from a previous result's `nextCursor`. Default: the first page. */
  after?: string;
  /** Aborts the request. */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers. */
  headers?: Record<string, string | undefined>;
};

/** One job in a list. */
export type VideoModelV3ListedJob = {
  /** The job reference, as `doStart` returns it: `doStatus` and `waitForVideo` resume it. */
  operation: VideoModelV3Operation;
  /** The model that runs the job, as the API names it (when it says). */
  modelId?: string;
  /** Where the job stands. */
  status: VideoModelV3ListedJobStatus;
  /** The provider's own status word. */
  providerStatus?: string;
  /** When the job was created (when the API says). */
  createdAt?: Date;
  /** Progress 0..100, only when the API reports it. */
  progress?: number;
  /** Why it failed, for `failed` jobs, in the provider's words. */
  error?: VideoModelV3JobError;
  /** Provider-specific metadata, keyed by provider id. */
  providerMetadata?: SharedV3ProviderMetadata;
};

/** Result of `doListJobs`. */
export type VideoModelV3ListJobsResult = {
  /** The page of jobs, newest first where the API orders them. */
  jobs: Array<VideoModelV3ListedJob>;
  /** The cursor of the next page; `undefined` on the last page. */
  nextCursor?: string;
};

/** Options of `doGetDownloadUrl` (added in 0.4). */
export type VideoModelV3DownloadUrlOptions = {
  /** The job reference from `doStart`. */
  operation: VideoModelV3Operation;
  /** Which of the job's videos, 0-based. Default: 0. */
  index?: number;
  /** How long the link should stay valid, in seconds, where the API lets the caller choose. */
  expiresIn?: number;
  /** Aborts the request(s). */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers. */
  headers?: Record<string, string | undefined>;
};

/** A link that a browser can fetch without credentials. */
export type VideoModelV3DownloadUrl = {
  /** The URL. */
  url: string;
  /** When it stops working, when the provider says (or signs it). */
  expiresAt?: Date;
  /** IANA media type, usually `'video/mp4'`. */
  mediaType?: string;
};
