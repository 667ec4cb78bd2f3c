import type { VideoDownloadFunction, VideoDownloadOptions, VideoStream } from '../types';
import { bytesToStream, createDownload } from './create-download';

/**
 * A download function written for the Vercel AI SDK (`ai`'s `createDownload()`,
 * or your own): it fetches a public URL without credentials and returns the bytes.
 */
export type VercelDownloadFunction = (options: { url: URL; abortSignal?: AbortSignal }) => PromiseLike<{
  data: Uint8Array;
  mediaType: string | undefined;
}>;

/** What the `download` option takes: videogen's downloader (`createDownload()`) or one written for `ai`. */
export type VideoDownloadArgument = VideoDownloadFunction | VercelDownloadFunction;

/** Thrown inside a Vercel-style function that asked for a URL it must not fetch; never escapes. */
const notForYou = Symbol('videogen.download.notForVercelFunction');

/**
 * Accepts both kinds of download function for core's `download` option.
 * They are told apart by what the function reads: a videogen downloader
 * reads `video` and returns a stream; a Vercel one reads `url` (a
 * non-enumerable getter here) and returns `{ data, mediaType }`. A Vercel
 * function gets only public `http(s)` URLs: inline videos and videos behind
 * the provider's key (the model has `doDownload`) go through
 * `createDownload()` (credentials only to the provider's own origin).
 * `undefined` stays `undefined`.
 */
export function normalizeDownload(download: VideoDownloadArgument | undefined): VideoDownloadFunction | undefined {
  if (download === undefined) return undefined;
  let fallback: VideoDownloadFunction | undefined;
  return async (options: VideoDownloadOptions): Promise<VideoStream> => {
    const { video, model } = options;
    const publicUrl =
      video.type === 'url' && model?.doDownload === undefined && /^https?:/i.test(video.url) ? video.url : undefined;
    let readUrl = false;
    const probe = { ...options };
    Object.defineProperty(probe, 'url', {
      enumerable: false,
      get() {
        readUrl = true;
        if (publicUrl === undefined) throw notForYou;
        return new URL(publicUrl);
      },
    });
    let result: unknown;
    try {
      result = await (download as (options: unknown) => PromiseLike<unknown>)(probe);
    } catch (error) {
      if (error !== notForYou && !(readUrl && publicUrl === undefined)) throw error;
      fallback ??= createDownload();
      return await fallback(options);
    }
    if (isVideoStream(result)) return result;
    if (readUrl && isDownloadResult(result)) {
      options.onProgress?.({ bytes: result.data.byteLength, totalBytes: result.data.byteLength });
      return {
        stream: bytesToStream(result.data),
        mediaType: video.mediaType || result.mediaType || 'video/mp4',
        contentLength: result.data.byteLength,
      };
    }
    throw new TypeError(
      'download must return a VideoStream ({ stream, mediaType }, videogen) or { data, mediaType } (Vercel AI SDK).',
    );
  };
}

function isVideoStream(value: unknown): value is VideoStream {
  return typeof value === 'object' && value !== null && 'stream' in value && 'mediaType' in value;
}

function isDownloadResult(value: unknown): value is { data: Uint8Array; mediaType: string | undefined } {
  return typeof value === 'object' && value !== null && (value as { data?: unknown }).data instanceof Uint8Array;
}
