import type {
  SharedV3ProviderMetadata,
  SharedV3Warning,
  VideoJob,
  VideoModelV3,
  VideoModelV3File,
  VideoModelV3ResponseMetadata,
  VideoModelV3VideoData,
} from '@videogen/provider-spec';
import type { GeneratedVideo } from './generated-video';
import type { VideoUsage } from './util/usage';

/**
 * An image, video or audio input: bytes (`Uint8Array`, `ArrayBuffer`), a
 * base64 string, a `URL`, an `http(s):` URL string, a `data:` URL string, or
 * a spec `VideoModelV3File`. Core converts it to a `VideoModelV3File`; the
 * media type is read from a data URL or sniffed from the bytes when not given.
 */
export type VideoInput = Uint8Array | ArrayBuffer | string | URL | VideoModelV3File;

/** The model of a call: any videogen or Vercel AI SDK V3 video model. */
export type VideoModel = VideoModelV3;

/**
 * How core waits for a job. Every field is optional.
 */
export type PollOptions = {
  /**
   * Time between the starts of two status requests in ms: a minimum, and the schedule (the time a request
   * takes is not added, so polls do not drift). Provider hints (`pollAfterMs`) win. Default: the model's
   * `pollIntervalMs` (the provider's recommended interval), else 2000. After a failed status request
   * (5xx, 429, network error, a hung or malformed answer) the next one waits at least this long, longer
   * after `Retry-After` and with backoff; such failures are retried until `timeoutMs`.
   */
  intervalMs?: number;
  /**
   * Longest wait for one job in ms. When it passes, a `VideoJobTimeoutError`
   * carrying the job is thrown; the job keeps running and can be resumed with
   * `waitForVideo({ model, job: error.job })`. Default: 30 minutes.
   */
  timeoutMs?: number;
  /**
   * Replaces the timer between polls, so that a durable workflow engine can
   * own the waiting (e.g. `(ms) => step.sleep(ms)`). Must reject when
   * `abortSignal` fires. Default: an abortable `setTimeout`.
   */
  delay?: (ms: number, options: { abortSignal?: AbortSignal }) => Promise<void>;
  /**
   * Longest time one status request may take, in ms; a request that hangs longer is abandoned and
   * sent again. Default: 60000.
   */
  requestTimeoutMs?: number;
  /**
   * With a `webhook`: time between status requests while core waits for the
   * webhook to arrive, in ms. Core asks once right after submitting, then
   * every `webhookFallbackIntervalMs` (the polling fallback for a webhook that
   * never comes), and at once when the webhook arrives; after the webhook
   * it polls every `intervalMs`. Default: 60000 (one minute).
   */
  webhookFallbackIntervalMs?: number;
};

/** What a {@link WebhookFactory} returns for one job. */
export type VideoWebhook = {
  /** The URL the provider calls when the job ends (passed to `doStart` as `webhookUrl`). */
  url: string;
  /**
   * Settles when your server received (and verified) the provider's call for
   * this job. Core then asks for the status at once. A rejection is ignored
   * (core keeps polling).
   */
  received: PromiseLike<unknown>;
};

/**
 * Creates a webhook endpoint for one job. Called once per job, before the
 * submission, e.g. `() => ({ url: \`https://example.com/hooks/${id}\`, received: waitForHook(id) })`.
 */
export type WebhookFactory = () => PromiseLike<VideoWebhook> | VideoWebhook;

/** A video as a byte stream, read once. */
export type VideoStream = {
  /** The bytes. Read it once; cancel it to stop the download. */
  stream: ReadableStream<Uint8Array>;
  /** IANA media type, e.g. `'video/mp4'`. */
  mediaType: string;
  /** The size in bytes when known (`Content-Length`, or the size of inline data). */
  contentLength?: number;
};

/** Reports bytes of one download. */
export type DownloadProgress = {
  /** Bytes received so far. */
  bytes: number;
  /** Total bytes when known. */
  totalBytes?: number;
};

/** Options of a {@link VideoDownloadFunction} call. */
export type VideoDownloadOptions = {
  /** The video as the provider reported it. */
  video: VideoModelV3VideoData;
  /**
   * The model that produced it; its `doDownload` (credentialed) is used for
   * `url` videos when it has one.
   */
  model?: Pick<VideoModelV3, 'doDownload'>;
  /** Aborts the download. */
  abortSignal?: AbortSignal;
  /** Extra headers for `doDownload` (not sent to public URLs). */
  headers?: Record<string, string | undefined>;
  /** Called as bytes arrive. */
  onProgress?: (progress: DownloadProgress) => void;
};

/**
 * Turns a provider's video (url, base64 or bytes) into a {@link VideoStream}
 * with a size limit. Create one with `createDownload`.
 */
export type VideoDownloadFunction = (options: VideoDownloadOptions) => Promise<VideoStream>;

/** A serialisable error, as it travels in events. */
export type VideoEventError = {
  /** The error's name, e.g. `'AbortError'`, `'VideoGen_VideoJobTimeoutError'`. */
  name: string;
  /** The error's message. */
  message: string;
  /** The job, when one existed: resume it with `waitForVideo`. */
  job?: VideoJob;
  /** The provider's error code for a failed job. */
  code?: string | number;
  /** True when a content filter blocked the output. */
  contentFiltered?: boolean;
};

/**
 * A progress event of a video generation. Every event is plain JSON, so it
 * can be sent over Server-Sent Events as it is. `callIndex` numbers the
 * provider calls of one `generateVideo` (n-splitting), from 0.
 */
export type VideoEvent =
  | {
      /** A job was submitted; `job` is its JSON reference (store it to resume). */
      type: 'job-created';
      callIndex: number;
      job: VideoJob;
    }
  | {
      /** The provider reported where a job stands. */
      type: 'status';
      callIndex: number;
      job?: VideoJob;
      /** `pending`, `completed` or `failed`. */
      status: 'pending' | 'completed' | 'failed';
      /** The provider's own status word (`'queued'`, `'IN_PROGRESS'` …), when known. */
      providerStatus?: string;
      /** Progress 0..100, only when the provider reports it. */
      progress?: number;
      /** Position in the provider's queue, only when reported. */
      queuePosition?: number;
      /** What the job used so far (or in all, once ended), when the provider reports it. */
      usage?: VideoUsage;
    }
  | {
      /**
       * The job ended with videos (at the provider; core's own download of them
       * follows as `download-progress` events). For a browser: `url` is given
       * only where the video is publicly fetchable; otherwise serve it through
       * a route using `createVideoContentResponse({ model, job, index })`.
       */
      type: 'completed';
      callIndex: number;
      job?: VideoJob;
      videos: Array<{
        index: number;
        mediaType: string;
        url?: string;
        /** `'signed'`: `url` is your content endpoint's signed link (`downloadLinks`); `'provider'`: the provider's link. */
        urlSource?: 'provider' | 'signed';
        /** When `url` stops working (ISO 8601), when known. */
        urlExpiresAt?: string;
      }>;
      /** What the job used, when the provider reports it. */
      usage?: VideoUsage;
    }
  | {
      /** Bytes of a video arrived. */
      type: 'download-progress';
      callIndex: number;
      job?: VideoJob;
      /** Index of the video within its call. */
      videoIndex: number;
      bytes: number;
      totalBytes?: number;
    }
  | {
      /** The generation failed; `error.job` names the job when there was one. */
      type: 'error';
      callIndex?: number;
      error: VideoEventError;
    };

/** The result of `generateVideo` and `waitForVideo`. */
export type GenerateVideoResult = {
  /** The first video. */
  readonly video: GeneratedVideo;
  /** All videos, in call order. */
  readonly videos: GeneratedVideo[];
  /** Warnings of every call (options a provider could not honour). */
  readonly warnings: SharedV3Warning[];
  /** The response metadata of every call. */
  readonly responses: VideoModelV3ResponseMetadata[];
  /** Provider metadata of all calls, merged per provider key. */
  readonly providerMetadata: SharedV3ProviderMetadata;
  /** The jobs (empty for a model without `doStart`). */
  readonly jobs: VideoJob[];
  /**
   * What the generation used (all calls added up), from what the providers
   * report: `videoSeconds`, `billedUnits`, `costUsd`, tokens. `undefined` when
   * no provider reported usage; never estimated.
   */
  readonly usage: VideoUsage | undefined;
};
