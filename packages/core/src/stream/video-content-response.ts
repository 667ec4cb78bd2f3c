import type { VideoJob, VideoModelV3 } from '@videogen/provider-spec';
import { getVideoStatus } from '../jobs/get-video-status';
import type { VideoDownloadFunction } from '../types';
import { serializeError } from '../util/serialize-error';

/**
 * A streaming `Response` with a job's video, for a server route that serves
 * videos behind the provider's credentials to a browser (the key never
 * leaves the server; nothing is buffered). Answers 409 while the job is still
 * running, 422 when it failed, 404 for a video index it does not have.
 *
 * @example
 * // app/api/video/[index]/route.ts
 * export async function GET(request: Request) {
 *   const job = JSON.parse(new URL(request.url).searchParams.get('job')!);
 *   return createVideoContentResponse({ model, job, index: 0, abortSignal: request.signal });
 * }
 */
export async function createVideoContentResponse({
  model,
  job,
  index = 0,
  download,
  abortSignal,
  headers,
  responseHeaders = {},
}: {
  /** The model that made the job. */
  model: VideoModelV3;
  /** The job (object or JSON string). Check that the caller may see it before you serve it. */
  job: VideoJob | string;
  /** Which video of the job. Default: 0. */
  index?: number;
  /** The downloader (limits). Default: `createDownload()`. */
  download?: VideoDownloadFunction;
  /** Aborts the download (pass the request's signal). */
  abortSignal?: AbortSignal;
  /** Extra headers for the provider's requests. */
  headers?: Record<string, string | undefined>;
  /** Extra headers of the response. Default: none (`cache-control: private, no-store` is set). */
  responseHeaders?: Record<string, string>;
}): Promise<Response> {
  const status = await getVideoStatus({ model, job, abortSignal, headers, download });
  const json = (code: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status: code,
      headers: { 'content-type': 'application/json', ...responseHeaders },
    });
  if (status.status === 'pending') {
    return json(409, {
      error: { name: 'VideoNotReady', message: 'The video job is still running.' },
      status: 'pending',
    });
  }
  if (status.status === 'failed') {
    return json(422, { error: serializeError(status.error), status: 'failed' });
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= status.videos.length) {
    return json(404, { error: { name: 'VideoNotFound', message: `The job has no video ${index}.` } });
  }
  const video = await status.download(index, { abortSignal });
  return new Response(video.stream, {
    status: 200,
    headers: {
      'content-type': video.mediaType,
      ...(video.contentLength !== undefined ? { 'content-length': String(video.contentLength) } : {}),
      'cache-control': 'private, no-store',
      ...responseHeaders,
    },
  });
}
