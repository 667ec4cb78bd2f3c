import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const CHUNK_SIZE = 64 * 1024;

let assetsDirCache: string | undefined;

function candidateDirs(): string[] {
  const dirs: string[] = [];
  try {
    // src/media.ts -> ../assets, dist/index.js (or a chunk in dist/) -> ../assets
    const here = dirname(fileURLToPath(import.meta.url));
    dirs.push(join(here, '..', 'assets'), join(here, '..', '..', 'assets'));
  } catch {
    // import.meta.url unavailable (exotic bundler): fall back to __dirname / cwd below
  }
  if (typeof __dirname === 'string') dirs.push(join(__dirname, '..', 'assets'));
  dirs.push(join(process.cwd(), 'node_modules', '@videogen', 'emulator', 'assets'));
  dirs.push(join(process.cwd(), 'packages', 'emulator', 'assets'));
  return dirs;
}

/** Directory holding the committed images (thumbnail, spritesheet). Override with `VIDEOGEN_EMULATOR_ASSETS`. */
export function assetsDir(): string {
  if (assetsDirCache) return assetsDirCache;
  const fromEnv = process.env.VIDEOGEN_EMULATOR_ASSETS;
  const dirs = fromEnv ? [fromEnv, ...candidateDirs()] : candidateDirs();
  for (const dir of dirs) {
    if (existsSync(join(dir, 'thumbnail.webp'))) {
      assetsDirCache = dir;
      return dir;
    }
  }
  throw new Error(`@videogen/emulator: assets not found (looked in ${dirs.join(', ')})`);
}

const fileCache = new Map<string, Uint8Array>();

/** Reads (once) a committed asset file. */
export function loadAsset(name: string): Uint8Array {
  let bytes = fileCache.get(name);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(join(assetsDir(), name)));
    fileCache.set(name, bytes);
  }
  return bytes;
}

/**
 * Size of the served file for a clip and a requested size: the clip itself, or `requested`
 * when there is room for a `free` box (at least 8 bytes) after the clip.
 */
export function servedSize(clipBytes: number, requested: number | undefined): number {
  if (requested === undefined || requested < clipBytes + 8) return clipBytes;
  return Math.floor(requested);
}

/** The header of a top-level `free` box of `size` bytes (8 bytes, or 16 with a 64-bit size). */
export function freeBoxHeader(size: number): Uint8Array {
  if (size <= 0xffffffff) {
    const header = new Uint8Array(8);
    const view = new DataView(header.buffer);
    view.setUint32(0, size);
    header.set([0x66, 0x72, 0x65, 0x65], 4); // 'free'
    return header;
  }
  const header = new Uint8Array(16);
  const view = new DataView(header.buffer);
  view.setUint32(0, 1);
  header.set([0x66, 0x72, 0x65, 0x65], 4);
  view.setBigUint64(8, BigInt(size));
  return header;
}

/**
 * A virtual MP4 of `total` bytes: the clip, then (if `total` > clip) a `free` box whose
 * payload is zeros. Generated lazily in 64 KiB chunks: memory does not grow with `total`.
 * `start`/`end` are inclusive byte offsets (for Range requests).
 */
export function createMp4Stream(
  clip: Uint8Array,
  total: number,
  start = 0,
  end = total - 1,
): ReadableStream<Uint8Array> {
  const header = total > clip.length ? freeBoxHeader(total - clip.length) : new Uint8Array(0);
  const headerEnd = clip.length + header.length;
  let position = start;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (position > end) {
          controller.close();
          return;
        }
        const chunkEnd = Math.min(end + 1, position + CHUNK_SIZE);
        const chunk = new Uint8Array(chunkEnd - position);
        // copy the parts of clip and box header that overlap [position, chunkEnd)
        if (position < clip.length) {
          const slice = clip.subarray(position, Math.min(clip.length, chunkEnd));
          chunk.set(slice, 0);
        }
        if (chunkEnd > clip.length && position < headerEnd) {
          const from = Math.max(position, clip.length);
          const to = Math.min(chunkEnd, headerEnd);
          chunk.set(header.subarray(from - clip.length, to - clip.length), from - position);
        }
        // the rest is zero padding (already zero)
        position = chunkEnd;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Parses a single `bytes=` range. Returns undefined when absent or unsatisfiable-as-ignored, 'invalid' when unsatisfiable. */
export function parseRange(
  header: string | null,
  total: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined; // multi-range or malformed: serve the whole file
  const [, startText, endText] = match;
  let start: number;
  let end: number;
  if (startText === '') {
    if (endText === '') return undefined;
    const suffix = Number(endText);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, total - suffix);
    end = total - 1;
  } else {
    start = Number(startText);
    end = endText === '' ? total - 1 : Math.min(Number(endText), total - 1);
  }
  if (start >= total || start > end) return 'unsatisfiable';
  return { start, end };
}

/**
 * A download response for a clip padded to `total` bytes, honouring `Range`. Always carries
 * `Content-Length`.
 */
export function mp4Response(
  request: Request,
  clip: Uint8Array,
  total: number,
  extraHeaders: Record<string, string> = {},
): Response {
  const range = parseRange(request.headers.get('range'), total);
  const headers: Record<string, string> = {
    'content-type': 'video/mp4',
    'accept-ranges': 'bytes',
    ...extraHeaders,
  };
  if (range === 'unsatisfiable') {
    return new Response(null, {
      status: 416,
      headers: { ...headers, 'content-range': `bytes */${total}`, 'content-length': '0' },
    });
  }
  if (range) {
    return new Response(request.method === 'HEAD' ? null : createMp4Stream(clip, total, range.start, range.end), {
      status: 206,
      headers: {
        ...headers,
        'content-range': `bytes ${range.start}-${range.end}/${total}`,
        'content-length': String(range.end - range.start + 1),
      },
    });
  }
  return new Response(request.method === 'HEAD' ? null : createMp4Stream(clip, total), {
    status: 200,
    headers: { ...headers, 'content-length': String(total) },
  });
}

/** A small static file response (thumbnail, spritesheet). */
export function bytesResponse(
  bytes: Uint8Array,
  contentType: string,
  extraHeaders: Record<string, string> = {},
): Response {
  return new Response(bytes.slice(), {
    status: 200,
    headers: { 'content-type': contentType, 'content-length': String(bytes.length), ...extraHeaders },
  });
}
