import { DownloadTooLargeError, type VideoModelV3VideoData } from '@videogen/provider-spec';
import {
  DEFAULT_MAX_RETRIES,
  assertContentLengthWithin,
  fetchWithCredentials,
  getContentLength,
  limitReader,
  retryRequest,
} from '@videogen/provider-utils';
import { convertBase64ToUint8Array, type FetchFunction } from '@ai-sdk/provider-utils';
import type { DownloadProgress, VideoDownloadFunction, VideoDownloadOptions, VideoStream } from '../types';
import { toLazyVideoStream } from './video-stream';

/** Default largest video: 2 GiB. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 2 * 1024 ** 3;
/** Default longest wait for the next bytes of a video: 60 s. */
export const DEFAULT_DOWNLOAD_IDLE_TIMEOUT_MS = 60_000;

/** Settings of {@link createDownload}. */
export type CreateDownloadSettings = {
  /**
   * Largest video in bytes. A `Content-Length` above it fails before the body
   * is read; a body that grows past it is stopped at once (the rest is never
   * read) with a `DownloadTooLargeError`. Default: 2 GiB.
   */
  maxBytes?: number;
  /**
   * Allow videos on private networks and loopback (127.0.0.1, 10.x,
   * 192.168.x, 169.254.x, ::1, fc00::/7, localhost …). Default: `false`: such
   * targets, and redirects to them, are refused before any request with a
   * `DownloadError` (protection against server-side request forgery through a
   * provider's response). Applies to public URLs and to the model's
   * credentialed `doDownload` alike (a URL on the provider's configured base
   * URL is always allowed). Turn it on for tests and the local emulator.
   */
  allowPrivateNetwork?: boolean;
  /**
   * Custom fetch for public URLs. Default: the runtime's `fetch` (so a
   * global undici dispatcher or proxy applies). Every hop's URL is checked
   * either way; the addresses a host name resolves to are checked with
   * `node:dns` only for the runtime's own `fetch` (behind a proxy, the proxy
   * resolves the name).
   */
  fetch?: FetchFunction;
  /**
   * Longest wait, in ms, for the next bytes of a video once its answer
   * arrived. A body that stalls longer is cancelled with a retryable
   * `DownloadIdleTimeoutError` and the download (never the job) is tried
   * again. Default: 60 000 (60 s). `Infinity` waits forever.
   */
  idleTimeoutMs?: number;
  /**
   * Retries of the download request (429, 5xx, network errors), honouring
   * `Retry-After`. Only the download is retried, never the job. Default: 2.
   */
  maxRetries?: number;
};

/**
 * Creates the downloader core uses for every video. `url` videos go through
 * the model's `doDownload` when it has one (the provider's credentials, only
 * to its own origin), otherwise through a public fetch without credentials
 * whose every hop is validated; inline (base64, binary) videos become streams
 * too. The size limit is enforced while streaming, so nothing is buffered.
 *
 * @example
 * const download = createDownload({ maxBytes: 500 * 1024 * 1024 });
 * await generateVideo({ model, prompt, download });
 */
export function createDownload(settings: CreateDownloadSettings = {}): VideoDownloadFunction {
  const {
    maxBytes = DEFAULT_MAX_DOWNLOAD_BYTES,
    allowPrivateNetwork = false,
    fetch,
    maxRetries = DEFAULT_MAX_RETRIES,
    idleTimeoutMs = DEFAULT_DOWNLOAD_IDLE_TIMEOUT_MS,
  } = settings;

  return async ({ video, model, abortSignal, headers, onProgress }: VideoDownloadOptions): Promise<VideoStream> => {
    if (video.type !== 'url') {
      const data = video.type === 'base64' ? convertBase64ToUint8Array(video.data) : video.data;
      if (data.byteLength > maxBytes) throw new DownloadTooLargeError({ maxBytes, contentLength: data.byteLength });
      onProgress?.({ bytes: data.byteLength, totalBytes: data.byteLength });
      return { stream: bytesToStream(data), mediaType: video.mediaType || 'video/mp4', contentLength: data.byteLength };
    }

    if (video.url.startsWith('data:')) {
      return await downloadDataUrl(video, { maxBytes, onProgress });
    }

    const response = await retryRequest(
      async () => {
        if (model?.doDownload) return await model.doDownload({ video, abortSignal, headers, allowPrivateNetwork });
        return await fetchPublic(video.url, { allowPrivateNetwork, fetch, abortSignal });
      },
      { maxRetries, abortSignal },
    );
    return toVideoStream(response, { video, maxBytes, idleTimeoutMs, onProgress });
  };
}

/** A public URL: no credentials on any hop, every hop through the private-network guard unless allowed. */
async function fetchPublic(
  url: string,
  {
    allowPrivateNetwork,
    fetch,
    abortSignal,
  }: { allowPrivateNetwork: boolean; fetch: FetchFunction | undefined; abortSignal: AbortSignal | undefined },
): Promise<Response> {
  return await fetchWithCredentials({
    url,
    credentialHeaders: {},
    credentialOrigin: null,
    allowPrivateNetwork,
    maxRedirects: 10,
    fetch,
    abortSignal,
  });
}

async function toVideoStream(
  response: Response,
  {
    video,
    maxBytes,
    idleTimeoutMs,
    onProgress,
  }: {
    video: Extract<VideoModelV3VideoData, { type: 'url' }>;
    maxBytes: number;
    idleTimeoutMs: number;
    onProgress?: (progress: DownloadProgress) => void;
  },
): Promise<VideoStream> {
  assertContentLengthWithin(response, { maxBytes, url: video.url });
  const contentLength = getContentLength(response);
  const mediaType =
    usableMediaType(video.mediaType) ??
    usableMediaType(response.headers.get('content-type')?.split(';')[0]) ??
    'video/mp4';
  const reader = limitReader(response, {
    maxBytes,
    url: video.url,
    idleTimeoutMs,
    onBytes: onProgress ? (bytes) => onProgress({ bytes, totalBytes: contentLength }) : undefined,
  });
  return toLazyVideoStream(reader, mediaType, contentLength);
}

async function downloadDataUrl(
  video: Extract<VideoModelV3VideoData, { type: 'url' }>,
  { maxBytes, onProgress }: { maxBytes: number; onProgress?: (progress: DownloadProgress) => void },
): Promise<VideoStream> {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(video.url);
  const data = !match
    ? new Uint8Array(0)
    : match[2]
      ? convertBase64ToUint8Array(match[3])
      : new TextEncoder().encode(decodeURIComponent(match[3]));
  if (data.byteLength > maxBytes) throw new DownloadTooLargeError({ maxBytes, contentLength: data.byteLength });
  onProgress?.({ bytes: data.byteLength, totalBytes: data.byteLength });
  return {
    stream: bytesToStream(data),
    mediaType: usableMediaType(video.mediaType) ?? usableMediaType(match?.[1]) ?? 'video/mp4',
    contentLength: data.byteLength,
  };
}

/** A one-chunk stream of the bytes. */
export function bytesToStream(data: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (data.byteLength > 0) controller.enqueue(data);
      controller.close();
    },
  });
}

function usableMediaType(mediaType: string | undefined | null): string | undefined {
  return mediaType && mediaType !== 'application/octet-stream' ? mediaType : undefined;
}
