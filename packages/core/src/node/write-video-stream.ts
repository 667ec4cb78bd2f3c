import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { VideoStream } from '../types';

/** What {@link writeVideoStream} wrote. */
export type WrittenVideo = {
  /** The file, when a path was given. */
  path?: string;
  /** Bytes written. */
  bytes: number;
  /** IANA media type of the video. */
  mediaType?: string;
};

/**
 * Writes a video stream to a file or a Node `Writable`, chunk by chunk, with
 * memory that does not grow with the video's size.
 *
 * To a path: the bytes go to a temporary file next to it
 * (`.videogen-tmp-<name>-<random>`), which is flushed to disk (fsync) and
 * renamed to `path` only when complete; on any failure (a broken download,
 * a size limit, an abort) the temporary file is deleted and `path` is left as
 * it was. To a `Writable`: backpressure is respected and the writable is
 * ended (or destroyed on failure).
 */
export async function writeVideoStream(
  video: VideoStream | ReadableStream<Uint8Array>,
  destination: string | Writable,
): Promise<WrittenVideo> {
  const stream = video instanceof ReadableStream ? video : video.stream;
  const mediaType = video instanceof ReadableStream ? undefined : video.mediaType;
  let bytes = 0;
  const chunks = async function* () {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        bytes += value.byteLength;
        yield value;
      }
    } finally {
      // Stops the download when writing fails.
      await reader.cancel().catch(() => {});
      reader.releaseLock();
    }
  };

  if (typeof destination !== 'string') {
    await pipeline(chunks, destination);
    return { bytes, ...(mediaType ? { mediaType } : {}) };
  }

  const path = destination;
  const temporaryPath = join(dirname(path), `.videogen-tmp-${basename(path)}-${randomBytes(6).toString('hex')}`);
  const handle = await open(temporaryPath, 'wx');
  let closed = false;
  try {
    for await (const chunk of chunks()) {
      let offset = 0;
      while (offset < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
        offset += bytesWritten;
      }
    }
    await handle.sync();
    await handle.close();
    closed = true;
    await rename(temporaryPath, path);
    return { path, bytes, ...(mediaType ? { mediaType } : {}) };
  } catch (error) {
    if (!closed) await handle.close().catch(() => {});
    await unlink(temporaryPath).catch(() => {});
    throw error;
  }
}
