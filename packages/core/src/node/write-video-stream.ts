import { createHash, randomBytes } from 'node:crypto';
import { open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
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
 * (`.videogen-tmp-<name>-<host>-<pid>-<random>`), which is flushed to disk (fsync) and
 * renamed to `path` only when complete; on any failure (a broken download,
 * a size limit, an abort) the temporary file is deleted and `path` is left as
 * it was. A process killed mid-write cannot delete its temporary file: the next
 * write to the same `path` deletes such stale files (their process on this host is gone, or
 * they were not touched for an hour). To a `Writable`: backpressure is respected and the writable is
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
  await removeStaleTemporaryFiles(path);
  const temporaryPath = join(
    dirname(path),
    `${temporaryPrefix(path)}${hostTag()}-${process.pid}-${randomBytes(6).toString('hex')}`,
  );
  const handle = await open(temporaryPath, 'wx');
  let closed = false;
  try {
    // Chunks are written in batches of about 1 MiB (one writev), and the
    // download goes on while a batch is being written: at most one batch in
    // flight and one filling, so memory stays bounded and the download is
    // not paused on every chunk.
    let batch: Uint8Array[] = [];
    let batchBytes = 0;
    let writing: Promise<void> | undefined;
    for await (const chunk of chunks()) {
      batch.push(chunk);
      batchBytes += chunk.byteLength;
      if (batchBytes >= WRITE_BATCH_BYTES) {
        if (writing) await writing;
        writing = writeFully(handle, batch);
        writing.catch(() => {}); // observed by the next await
        batch = [];
        batchBytes = 0;
      }
    }
    if (writing) await writing;
    if (batch.length > 0) await writeFully(handle, batch);
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

/** A temporary file not written to for this long belongs to a writer that is gone. */
const STALE_TEMPORARY_FILE_MS = 60 * 60 * 1000;

function temporaryPrefix(path: string): string {
  return `.videogen-tmp-${basename(path)}-`;
}

let cachedHostTag: string | undefined;
/** A short tag of this host, so that a process id is only judged on the host that owns it. */
function hostTag(): string {
  cachedHostTag ??= createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
  return cachedHostTag;
}

/**
 * Deletes the temporary files of earlier writes to `path` whose writer is gone: a process on this
 * host that no longer runs, or (a writer on another host, or a file from before the name carried
 * the process) one not modified for an hour. A live concurrent write keeps its file. Never throws.
 */
async function removeStaleTemporaryFiles(path: string): Promise<void> {
  const directory = dirname(path);
  const prefix = temporaryPrefix(path);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  await Promise.all(
    names.map(async (name) => {
      if (!name.startsWith(prefix)) return;
      const owner = /^(?:([0-9a-f]{8})-(\d+)-)?[0-9a-f]{12}$/.exec(name.slice(prefix.length));
      if (!owner) return; // another target whose name starts like ours ("a.mp4" vs "a.mp4-x.mp4")
      const file = join(directory, name);
      try {
        const [, host, pid] = owner;
        const ownerGone = host === hostTag() && pid !== undefined && !isProcessAlive(Number(pid));
        if (!ownerGone && Date.now() - (await stat(file)).mtimeMs < STALE_TEMPORARY_FILE_MS) return;
        await unlink(file);
      } catch {
        // Gone already, or not ours to delete: leave it.
      }
    }),
  );
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Bytes gathered before one write to the file. */
const WRITE_BATCH_BYTES = 256 * 1024;

async function writeFully(handle: FileHandle, buffers: Uint8Array[]): Promise<void> {
  let remaining = buffers;
  while (remaining.length > 0) {
    const { bytesWritten } = await handle.writev(remaining);
    remaining = skipBytes(remaining, bytesWritten);
  }
}

function skipBytes(buffers: Uint8Array[], count: number): Uint8Array[] {
  const rest: Uint8Array[] = [];
  for (const buffer of buffers) {
    if (count >= buffer.byteLength) {
      count -= buffer.byteLength;
      continue;
    }
    rest.push(count > 0 ? buffer.subarray(count) : buffer);
    count = 0;
  }
  return rest;
}
