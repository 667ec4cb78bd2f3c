import type { VideoModelV3, VideoModelV3VideoData } from '@videogen/provider-spec';
import type { DownloadProgress, VideoDownloadFunction, VideoStream } from '../types';
import { createDownload } from './create-download';

/**
 * Turns one video of a completed job into a {@link VideoStream}: through the
 * model's `doDownload` when it has one (credentialed), else a public fetch,
 * with the size limit of `download` (default `createDownload()`).
 *
 * @example
 * const status = await getVideoStatus({ model, job });
 * if (status.status === 'completed') {
 *   const { stream } = await downloadVideo({ model, video: status.videos[0] });
 * }
 */
export async function downloadVideo({
  model,
  video,
  download = createDownload(),
  abortSignal,
  headers,
  onProgress,
}: {
  /** The model that produced the video. */
  model: Pick<VideoModelV3, 'doDownload'>;
  /** The video as the provider reported it. */
  video: VideoModelV3VideoData;
  /** The downloader (limits, private networks). Default: `createDownload()`. */
  download?: VideoDownloadFunction;
  /** Aborts the download. */
  abortSignal?: AbortSignal;
  /** Extra headers for the model's `doDownload`. */
  headers?: Record<string, string | undefined>;
  /** Called as bytes arrive. */
  onProgress?: (progress: DownloadProgress) => void;
}): Promise<VideoStream> {
  return await download({ video, model, abortSignal, headers, onProgress });
}
