import type { KeyObject } from 'node:crypto';
import type { EmulatorApi, EmulatorBaseURLs, EmulatorJobStatus, EmulatorRoute, JobBehavior, JobOutcome } from './types';
import type { EmulatorWebhookKeys } from './webhooks';

/** Internal job record. */
export interface JobRecord {
  id: string;
  api: EmulatorApi;
  model: string;
  prompt: string | undefined;
  createdAt: number;
  seq: number;
  behavior: {
    durationMs: number;
    queueMs: number;
    progressSteps: number;
    outcome: JobOutcome;
    videoBytes: number | undefined;
    errorMessage: string | undefined;
  };
  width: number;
  height: number;
  /** Requested video length in seconds (usage/billing fields and the clip's length). */
  seconds: number;
  /** Frame rate of the served clip: the request's, else the model's usual rate. */
  fps: number;
  outputs: number;
  request: Record<string, unknown>;
  webhookUrls: string[];
  webhookDone: boolean;
  cancelledAt: number | undefined;
  deleted: boolean;
  /** API-specific data. */
  extra: Record<string, unknown>;
}

export interface JobState {
  status: EmulatorJobStatus;
  progress: number;
  finishedAt: number | undefined;
  /** 0-based index of the progress step reached while in progress. */
  step: number;
}

/** Frame rate of a clip when neither the request nor the model sets one (Veo renders 24 fps). */
export const DEFAULT_CLIP_FPS = 24;

export interface CreateJobInit {
  id: string;
  api: EmulatorApi;
  model: string;
  prompt: string | undefined;
  width: number;
  height: number;
  seconds: number;
  /** Default {@link DEFAULT_CLIP_FPS}. */
  fps?: number;
  outputs?: number;
  request: Record<string, unknown>;
  webhookUrls?: string[];
  extra?: Record<string, unknown>;
}

export interface WebhookMessage {
  url: string;
  event: string;
  body: string;
  headers: Record<string, string>;
}

/** What an API module gets from the emulator. */
export interface EmulatorContext {
  readonly baseURLs: EmulatorBaseURLs;
  readonly webhookKeys: EmulatorWebhookKeys;
  readonly falPrivateKey: KeyObject;
  /** SSE status stream tick, ms. */
  readonly sseIntervalMs: number;
  now(): number;
  createJob(init: CreateJobInit): JobRecord;
  findJob(api: EmulatorApi, id: string): JobRecord | undefined;
  listJobs(api: EmulatorApi): JobRecord[];
  /** The longest `queueMs` any job has had (bounds how far back a queue scan must look). */
  maxQueueMs(): number;
  state(job: JobRecord): JobState;
  cancel(job: JobRecord): void;
  /** True when `key` is accepted for `api` (any non-empty key unless `apiKeys` restricts). */
  keyAllowed(api: EmulatorApi, key: string): boolean;
  /** The job's clip (its size, length and frame rate) and the served size. */
  media(job: JobRecord): { clip: Uint8Array; total: number };
}

/** A request matched to a route, ready to run. */
export interface MatchedRoute {
  route: EmulatorRoute;
  jobId?: string;
  run(): Promise<Response> | Response;
}

/** Which mount point of the emulator a request arrived at. */
export type Mount = keyof EmulatorBaseURLs;

export interface ApiModule {
  api: EmulatorApi;
  /** `path` is the URL path below the mount's base path ('' or starting with '/'). */
  match(request: Request, url: URL, mount: Mount, path: string): MatchedRoute | undefined;
  /** Response for an unmatched path under one of this API's mounts. */
  notFound(request: Request, url: URL): Response;
  /** The API's own error response for an injected HTTP error. */
  errorResponse(status: number, extraHeaders: Record<string, string>): Response;
  /** Webhook message(s) for a job that just reached a terminal state. */
  webhooks(job: JobRecord, state: JobState): WebhookMessage[];
}

export type { JobBehavior };
