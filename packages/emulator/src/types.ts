/** The four emulated APIs. */
export type EmulatorApi =
  | 'openai'
  | 'google'
  | 'fal'
  | 'openrouter'
  | 'xai'
  | 'luma'
  | 'kling'
  | 'runway'
  | 'bytedance'
  | 'minimax'
  | 'alibaba'
  | 'replicate';

/**
 * Route names, per API, used by fault injection and the request log.
 *
 * - openai: `create`, `list`, `retrieve`, `delete`, `content`, `remix`, `edit` (`/videos/edits`), `extension`
 * - google: `create` (`:predictLongRunning`), `operation`, `models` (`GET /models`), `download` (file URI on the API
 *   origin), `storage` (redirect target on the storage origin)
 * - fal: `submit`, `status`, `stream` (SSE), `result`, `cancel`, `media` (public files), `jwks`
 * - openrouter: `create`, `retrieve`, `content`, `models`
 * - minimax: `create` (v1 and v2), `status` (v1 query, v2 query), `list` (v2 task list), `retrieve`
 *   (v1 `files/retrieve`), `cancel` (v2 delete), `storage` (the CDN download URL on another origin)
 * - alibaba: `create`, `retrieve`, `list` (`GET /api/v1/tasks`), `cancel`, `storage` (the OSS result link)
 * - bytedance: `create`, `list`, `retrieve`, `cancel` (`DELETE`: cancel or delete), `media` (the video on the storage origin)
 * - runway: `create` (text/image/video_to_video), `retrieve`, `cancel` (`DELETE` a task), `upload` (`/v1/uploads` and the
 *   storage POST), `media` (output files)
 * - kling: `create`, `list`, `retrieve`, `media` (public CDN files)
 * - xai: `create` (generations), `edit`, `extension`, `retrieve`, `media` (public video host)
 * - luma: `create` (`/generations` and `/generations/video`), `list`, `retrieve`, `delete`, `media` (CDN)
 * - replicate: `create` (by model and by version), `list`, `retrieve` (a prediction, a file, the webhook secret), `cancel`,
 *   `upload` (`POST /files`),
 *   `media` (`replicate.delivery` output files)
 */
export type EmulatorRoute =
  | 'create'
  | 'list'
  | 'retrieve'
  | 'delete'
  | 'content'
  | 'remix'
  | 'operation'
  | 'download'
  | 'storage'
  | 'submit'
  | 'status'
  | 'stream'
  | 'result'
  | 'cancel'
  | 'media'
  | 'jwks'
  | 'models'
  | 'edit'
  | 'extension'
  | 'upload';

/** Where each API is mounted. All values are absolute URLs without a trailing slash. */
export interface EmulatorBaseURLs {
  /** OpenAI Videos API. Default `https://api.openai.com/v1`. */
  openai: string;
  /** Gemini API. Default `https://generativelanguage.googleapis.com/v1beta`. */
  google: string;
  /**
   * Where Gemini file downloads redirect to (another origin than `google`, so that a client
   * that forwards its key across origins is caught). Default
   * `https://storage.googleapis.com/videogen-emulator`.
   */
  googleStorage: string;
  /** fal queue host. Default `https://queue.fal.run`. */
  fal: string;
  /** fal media host serving results publicly. Default `https://v3.fal.media`. */
  falMedia: string;
  /** Full URL of the JWKS with the fal webhook public key. Default `https://rest.alpha.fal.ai/.well-known/jwks.json`. */
  falJwks: string;
  /** OpenRouter API. Default `https://openrouter.ai/api/v1`. */
  openrouter: string;
  /** Alibaba DashScope API (without `/api/v1`). Default `https://dashscope-intl.aliyuncs.com`. */
  alibaba: string;
  /** Where DashScope's signed video URLs point (OSS). Default `https://dashscope-result-sh.oss-accelerate.aliyuncs.com`. */
  alibabaStorage: string;
  /** MiniMax API host (both `/v1/…` and `/v2/…`). Default `https://api.minimax.io`. */
  minimax: string;
  /**
   * Where MiniMax's download URLs point (another origin than `minimax`, so that a client that
   * forwards its key is caught). Default `https://video-product.cdn.minimax.io`.
   */
  minimaxStorage: string;
  /** BytePlus ModelArk (Ark) API. Default `https://ark.ap-southeast.bytepluses.com/api/v3`. */
  bytedance: string;
  /**
   * Where Seedance videos are served without a key (Ark's signed TOS links). Default
   * `https://ark-content-generation-ap-southeast-1.tos-ap-southeast-1.volces.com`.
   */
  bytedanceMedia: string;
  /** Runway API. Default `https://api.dev.runwayml.com`. */
  runway: string;
  /**
   * Where Runway task outputs and ephemeral uploads live (another origin than `runway`; public
   * signed URLs). Default `https://runway-output.example.net` (illustrative, reference §3.9).
   */
  runwayMedia: string;
  /** Kling API (legacy style). Default `https://api-singapore.klingai.com`. */
  kling: string;
  /** Kling's CDN serving results publicly (another origin). Default `https://v15-kling-fdl.klingai.com/emulator`. */
  klingCdn: string;
  /** xAI API. Default `https://api.x.ai/v1`. */
  xai: string;
  /** Public host of xAI's generated videos. Default `https://vidgen.x.ai/xai-vidgen-bucket`. */
  xaiMedia: string;
  /** Luma Dream Machine API. Default `https://api.lumalabs.ai/dream-machine/v1`. */
  luma: string;
  /** Luma's public CDN serving the videos. Default `https://storage.cdn-luma.com`. */
  lumaStorage: string;
  /** Replicate API. Default `https://api.replicate.com/v1`. */
  replicate: string;
  /** Where Replicate serves output files without a key. Default `https://replicate.delivery`. */
  replicateDelivery: string;
}

/** How a job ends. */
export type JobOutcome = 'completed' | 'failed' | 'filtered' | 'stuck';

/** Per-job behaviour. Every field is optional; unset fields fall back to the emulator options. */
export interface JobBehavior {
  /** Time from creation to the terminal state, in ms (includes `queueMs`). Default 1500. */
  durationMs?: number;
  /** Time spent queued before `in_progress`, in ms. Default 300. */
  queueMs?: number;
  /** Number of progress steps between 0 and 100 while in progress. Default 4 (0, 25, 50, 75). */
  progressSteps?: number;
  /** How the job ends. `stuck` never ends. Default `completed`. */
  outcome?: JobOutcome;
  /**
   * Size in bytes of the served video. Larger than the clip: the clip, then an MP4 `free` box,
   * streamed (the clip still has the job's size, length and frame rate). Default: the clip's own size.
   */
  videoBytes?: number;
  /** Error message used for `failed` / `filtered` outcomes. */
  errorMessage?: string;
}

/** A job's state as the emulator sees it (API-neutral). */
export type EmulatorJobStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'filtered' | 'cancelled';

/** A snapshot of one job, for tests. */
export interface EmulatorJobInfo {
  /** The id the API uses: `video_…`, the Gemini operation id (last segment of the name), the fal `request_id`, `gen-vid-…`. */
  id: string;
  api: EmulatorApi;
  /** Model id or fal endpoint id. */
  model: string;
  prompt: string | undefined;
  status: EmulatorJobStatus;
  /** 0..100. */
  progress: number;
  /** Emulator clock, ms. */
  createdAt: number;
  /** Emulator clock, ms; set once terminal. */
  finishedAt: number | undefined;
  behavior: Required<Omit<JobBehavior, 'videoBytes' | 'errorMessage'>> &
    Pick<JobBehavior, 'videoBytes' | 'errorMessage'>;
  /** Size of the served video in bytes. */
  videoBytes: number;
  /** Requested width in pixels; the clip has it rounded down to an even number (at most 8192). */
  width: number;
  /** Requested height in pixels; the clip has it rounded down to an even number (at most 8192). */
  height: number;
  /** Requested length in seconds: the clip lasts `round(seconds * fps)` frames. */
  seconds: number;
  /** Frame rate of the clip: the request's where the API takes one, else the model's usual rate. */
  fps: number;
  /** Number of output videos. */
  outputs: number;
  webhookUrl: string | undefined;
  /** The request body as received (JSON or form fields), for assertions. */
  request: Record<string, unknown>;
  /** Gemini: the full operation name. */
  operationName?: string;
}

/** A fault to inject. */
export type EmulatorFault =
  /** Delay the response by `ms` (then answer normally, unless another fault applies). */
  | { type: 'latency'; ms: number }
  /**
   * Answer `status` with the API's own error body (or `body`). For 429 and 503 a `Retry-After`
   * header (seconds, default 1) is sent; OpenAI also gets `retry-after-ms`.
   */
  | {
      type: 'http-error';
      status: number;
      retryAfterSeconds?: number;
      body?: unknown;
      headers?: Record<string, string>;
    }
  /** Shorthand for `{ type: 'http-error', status: 429 }` with `Retry-After`. */
  | { type: 'rate-limit'; retryAfterSeconds?: number }
  /** Close the connection without a response (server: socket destroyed; MSW: network error). */
  | { type: 'drop-connection' }
  /**
   * Send the real headers (including the full `Content-Length`) but only `bytes` of the body
   * (default: half), then close the connection.
   */
  | { type: 'truncate'; bytes?: number };

/** Where a fault applies. Unset fields match everything. */
export interface FaultMatcher {
  api?: EmulatorApi;
  route?: EmulatorRoute;
  /** Only requests about this job (id as in {@link EmulatorJobInfo.id}). */
  jobId?: string;
}

export interface InjectFaultOptions extends FaultMatcher {
  fault: EmulatorFault;
  /** How many matching requests it applies to. Default: all of them until removed. */
  times?: number;
}

/** A handle on an injected fault. */
export interface FaultHandle {
  readonly id: number;
  /** How many more times it will apply (Infinity when unbounded). */
  readonly remaining: number;
  /** How many times it has applied. */
  readonly applied: number;
  remove(): void;
}

/** One request seen by the emulator. Credentials are never recorded, only where they were. */
export interface EmulatorRequestLogEntry {
  /** Emulator clock, ms. */
  time: number;
  method: string;
  /** The URL with credential query parameters (`key`) redacted. */
  url: string;
  api: EmulatorApi | undefined;
  route: EmulatorRoute | undefined;
  jobId: string | undefined;
  /** Which credential carrier was present: `authorization`, `x-goog-api-key` or `query:key`. */
  auth: Array<'authorization' | 'x-goog-api-key' | 'query:key'>;
  /** The scheme word of the Authorization header (`Bearer`, `Key`), never the value. */
  authScheme: string | undefined;
  /**
   * True when a credential arrived at a public storage/media origin (Gemini storage, fal
   * media): a provider leaked its key.
   */
  credentialLeak: boolean;
  /** Response status (0 for a dropped connection). */
  status: number;
  /** Name of the fault applied, if any. */
  fault: EmulatorFault['type'] | undefined;
}

/** One webhook delivery (all attempts). */
export interface WebhookDelivery {
  api: EmulatorApi;
  jobId: string;
  url: string;
  /** Event type (`video.completed`, `video.generation.failed`, `OK`/`ERROR` for fal …). */
  event: string;
  body: string;
  /** Headers of the last attempt. */
  headers: Record<string, string>;
  attempts: number;
  /** Status of the last attempt (undefined after a network error). */
  status: number | undefined;
  ok: boolean;
  error: string | undefined;
}
