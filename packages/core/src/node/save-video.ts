import { resolveVideoModel } from '../model/as-video-model';
import {
  InvalidArgumentError,
  NoVideoGeneratedError,
  type SharedV3ProviderMetadata,
  type SharedV3Warning,
  type VideoJob,
  type VideoModelV3ResponseMetadata,
} from '@videogen/provider-spec';
import { mergeProviderMetadata } from '@videogen/provider-utils';
import { consumeVideoDownload, type CallDownloadContext } from '../download/consume-video-download';
import { createDownload } from '../download/create-download';
import { normalizeDownload } from '../download/normalize-download';
import type { GenerateVideoOptions } from '../generate-video/generate-video-options';
import { createEmitter, runGeneration } from '../generate-video/generate-video';
import type { CallOutcome } from '../generate-video/run-video-calls';
import { runJobWait, type WaitForVideoOptions } from '../jobs/wait-for-video';
import type { VideoDownloadFunction } from '../types';
import { serializeError } from '../util/serialize-error';
import { writeVideoStream } from './write-video-stream';

/**
 * Where to save: a file path, or (for `n > 1`) a function of the video's
 * index, e.g. `(index) => \`out/video-${index}.mp4\``.
 */
export type SaveVideoPath = string | ((index: number) => string);

/** Options of {@link saveVideo}: the options of `generateVideo`, plus `path`. */
export type SaveVideoOptions = GenerateVideoOptions & {
  /** Where to write the video(s). */
  path: SaveVideoPath;
};

/** What {@link saveVideo} and {@link saveVideoFromJob} return. */
export type SaveVideoResult = {
  /** The files written, in video order. */
  files: Array<{ path: string; bytes: number; mediaType: string }>;
  /** Warnings of every call. */
  warnings: SharedV3Warning[];
  /** Response metadata of every call. */
  responses: VideoModelV3ResponseMetadata[];
  /** Provider metadata of all calls, merged. */
  providerMetadata: SharedV3ProviderMetadata;
  /** The jobs. */
  jobs: VideoJob[];
};

/**
 * Generates videos and streams each one straight to a file, with memory that
 * does not grow with the video's size: nothing is buffered; each file is
 * written under a temporary name next to `path`, flushed and renamed when
 * complete, and deleted on failure. Same options and behaviour as
 * `generateVideo` otherwise.
 *
 * @example
 * import { saveVideo } from '@videogen/core/node';
 * await saveVideo({ model, prompt: 'A paper boat on a river', path: 'boat.mp4' });
 */
export async function saveVideo(options: SaveVideoOptions): Promise<SaveVideoResult> {
  const { path, ...generateOptions } = options;
  checkPath(path, options.n ?? 1);
  const emit = createEmitter(options.onProgress);
  try {
    const download = normalizeDownload(options.download) ?? createDownload();
    const results = await runGeneration(generateOptions, emit, (outcome, abortSignal) =>
      saveOutcome({
        outcome,
        path,
        download,
        model: resolveVideoModel(options.model),
        abortSignal,
        headers: options.headers,
        emit,
        maxRetries: options.maxRetries,
      }),
    );
    return buildSaveResult(results);
  } catch (error) {
    emit({ type: 'error', error: serializeError(error) });
    throw error;
  }
}

/**
 * Waits for a job started earlier (see `startVideo`) and streams its
 * video(s) to a file, like {@link saveVideo}.
 *
 * @example
 * await saveVideoFromJob({ model, job: JSON.parse(stored), path: 'out.mp4' });
 */
export async function saveVideoFromJob(
  options: Omit<WaitForVideoOptions, 'download'> & { path: SaveVideoPath; download?: VideoDownloadFunction },
): Promise<SaveVideoResult> {
  const emit = createEmitter(options.onProgress);
  try {
    const download = normalizeDownload(options.download) ?? createDownload();
    const result = await runJobWait(options, emit, (outcome, abortSignal) => {
      checkPath(options.path, outcome.videos.length);
      return saveOutcome({
        outcome,
        path: options.path,
        download,
        model: resolveVideoModel(options.model),
        abortSignal,
        headers: options.headers,
        emit,
        maxRetries: options.maxRetries,
      });
    });
    return buildSaveResult([result]);
  } catch (error) {
    emit({ type: 'error', error: serializeError(error) });
    throw error;
  }
}

function checkPath(path: SaveVideoPath, count: number): void {
  if (typeof path === 'string' && count > 1) {
    throw new InvalidArgumentError({
      argument: 'path',
      message: `${count} videos cannot share one path; pass a function, e.g. path: (index) => \`video-\${index}.mp4\`.`,
    });
  }
  if (typeof path !== 'string' && typeof path !== 'function') {
    throw new InvalidArgumentError({
      argument: 'path',
      message: 'path must be a file path or a function of the video index.',
    });
  }
}

async function saveOutcome({
  path,
  ...context
}: CallDownloadContext & { path: SaveVideoPath }): Promise<Array<{ path: string; bytes: number; mediaType: string }>> {
  const { outcome, download, model, abortSignal, headers } = context;
  const files: Array<{ path: string; bytes: number; mediaType: string }> = [];
  for (const [videoIndex, video] of outcome.videos.entries()) {
    const index = outcome.firstVideoIndex + videoIndex;
    const target = typeof path === 'string' ? path : path(index);
    if (video.type !== 'url') {
      // Inline data: still written through the same stream path.
      const written = await writeVideoStream(await download({ video, model, abortSignal, headers }), target);
      files.push({ path: target, bytes: written.bytes, mediaType: video.mediaType });
      continue;
    }
    // A download that breaks mid-stream is fetched again into a fresh temporary
    // file (the failed one is already deleted); the job is never submitted again.
    const { value: written, mediaType } = await consumeVideoDownload({
      ...context,
      videoIndex,
      video,
      consume: (videoStream) => writeVideoStream(videoStream, target),
    });
    files.push({ path: target, bytes: written.bytes, mediaType });
  }
  return files;
}

function buildSaveResult(
  results: Array<{ outcome: CallOutcome; value: Array<{ path: string; bytes: number; mediaType: string }> }>,
): SaveVideoResult {
  const files = results.flatMap((result) => result.value);
  const responses = results.map((result) => result.outcome.response);
  if (files.length === 0) throw new NoVideoGeneratedError({ responses });
  return {
    files,
    warnings: results.flatMap((result) => result.outcome.warnings),
    responses,
    providerMetadata: mergeProviderMetadata(...results.map((result) => result.outcome.providerMetadata)) ?? {},
    jobs: results.map((result) => result.outcome.job).filter((job): job is VideoJob => job !== undefined),
  };
}
