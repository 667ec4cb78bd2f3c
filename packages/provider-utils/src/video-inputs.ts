import { InvalidArgumentError, type VideoModelV3CallOptions, type VideoModelV3File } from '@videogen/provider-spec';
import { convertBase64ToUint8Array, convertUint8ArrayToBase64, type FetchFunction } from '@ai-sdk/provider-utils';
import { readBytesWithLimit } from './limit-bytes';
import { fetchWithCredentials } from './fetch-with-credentials';

/** The first and last frame of a call, from `image` and `frameImages` together. */
export type FrameImages = {
  firstFrame: VideoModelV3File | undefined;
  lastFrame: VideoModelV3File | undefined;
};

/**
 * Collects the first and last frame from `image` (a first frame, as the
 * Vercel AI SDK names it) and `frameImages`. Two first frames or two last
 * frames are an InvalidArgumentError.
 */
export function getFrameImages(options: Pick<VideoModelV3CallOptions, 'image' | 'frameImages'>): FrameImages {
  let firstFrame = options.image;
  let lastFrame: VideoModelV3File | undefined;
  for (const frame of options.frameImages ?? []) {
    if (frame.frameType === 'first_frame') {
      if (firstFrame) {
        throw new InvalidArgumentError({
          argument: 'frameImages',
          message: 'Two first frames were given (image and a first_frame in frameImages, or two first_frame entries).',
        });
      }
      firstFrame = frame.image;
    } else if (frame.frameType === 'last_frame') {
      if (lastFrame) {
        throw new InvalidArgumentError({ argument: 'frameImages', message: 'Two last_frame entries were given.' });
      }
      lastFrame = frame.image;
    } else {
      throw new InvalidArgumentError({
        argument: 'frameImages',
        message: `Unknown frameType ${JSON.stringify((frame as { frameType: unknown }).frameType)}; use first_frame or last_frame.`,
      });
    }
  }
  return { firstFrame, lastFrame };
}

/** The media type of a file input, from its field, a data URL, or the URL's extension. */
export function getFileMediaType(file: VideoModelV3File): string | undefined {
  if (file.mediaType) return file.mediaType;
  if (file.type === 'url') {
    const dataMatch = /^data:([^;,]+)[;,]/.exec(file.url);
    if (dataMatch) return dataMatch[1];
    const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(file.url)?.[1]?.toLowerCase();
    const byExtension: Record<string, string> = {
      png: 'image/png',
      jpg: 'image/jpeg',
      jpeg: 'image/jpeg',
      webp: 'image/webp',
      gif: 'image/gif',
      mp4: 'video/mp4',
      mov: 'video/quicktime',
      webm: 'video/webm',
      mp3: 'audio/mpeg',
      wav: 'audio/wav',
    };
    return extension ? byExtension[extension] : undefined;
  }
  return undefined;
}

/** The kind of a file input: image, video or audio (by media type; images when unknown). */
export function getFileKind(file: VideoModelV3File): 'image' | 'video' | 'audio' {
  const mediaType = getFileMediaType(file) ?? '';
  if (mediaType.startsWith('video/')) return 'video';
  if (mediaType.startsWith('audio/')) return 'audio';
  return 'image';
}

/**
 * A file input as a URL an API can take: URLs stay as they are, bytes become
 * a `data:` URL.
 */
export function fileToUrl(file: VideoModelV3File): string {
  if (file.type === 'url') return file.url;
  const base64 = typeof file.data === 'string' ? file.data : convertUint8ArrayToBase64(file.data);
  return `data:${file.mediaType};base64,${base64}`;
}

/** Default largest input file fetched from a URL: 20 MiB. */
export const DEFAULT_MAX_INPUT_FILE_BYTES = 20 * 1024 * 1024;

/**
 * A file input as bytes with its media type, for APIs that take no URLs:
 * bytes and base64 are decoded, `data:` URLs parsed, and `http(s)` URLs
 * fetched (without any credentials, redirects checked, at most `maxBytes`;
 * a URL or redirect to loopback or a private network is refused with a
 * `DownloadError` unless `allowPrivateNetwork`).
 *
 * The media type is the file's, else the `data:` URL's or the response's
 * `content-type`, else the URL's extension; when none of them names one
 * (missing, or only `application/octet-stream`), it is read from the bytes
 * with {@link sniffMediaType}, and failing that the generic type is kept.
 */
export async function fileToBytes(
  file: VideoModelV3File,
  {
    fetch,
    maxBytes = DEFAULT_MAX_INPUT_FILE_BYTES,
    abortSignal,
    allowPrivateNetwork = false,
  }: {
    fetch?: FetchFunction;
    maxBytes?: number;
    abortSignal?: AbortSignal;
    /** Allow an input URL on loopback or a private network. Default: `false`. */
    allowPrivateNetwork?: boolean;
  } = {},
): Promise<{ data: Uint8Array; mediaType: string | undefined }> {
  if (file.type === 'file') {
    const data = typeof file.data === 'string' ? convertBase64ToUint8Array(file.data) : file.data;
    return { data, mediaType: pickMediaType([file.mediaType], data) };
  }
  const dataUrl = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(file.url);
  if (dataUrl) {
    const [, mediaType, isBase64, payload] = dataUrl;
    const data = isBase64 ? convertBase64ToUint8Array(payload) : new TextEncoder().encode(decodeURIComponent(payload));
    return { data, mediaType: pickMediaType([mediaType, file.mediaType], data) };
  }
  const url = new URL(file.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidArgumentError({
      argument: 'image',
      message: `Unsupported URL scheme ${url.protocol} for an input file.`,
    });
  }
  const response = await fetchWithCredentials({
    url: file.url,
    credentialHeaders: {},
    credentialOrigin: null,
    allowPrivateNetwork,
    fetch,
    abortSignal,
  });
  const data = await readBytesWithLimit(response, { maxBytes, url: file.url });
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() || undefined;
  return { data, mediaType: pickMediaType([file.mediaType, contentType, getFileMediaType(file)], data) };
}

/**
 * The first declared type that names the content; else the type sniffed from
 * the bytes; else the first generic one (`application/octet-stream`).
 */
function pickMediaType(declared: Array<string | undefined>, data: Uint8Array): string | undefined {
  const given = declared.filter((mediaType): mediaType is string => !!mediaType);
  return (
    given.find((mediaType) => !/^(application|binary)\/octet-stream$/i.test(mediaType)) ??
    sniffMediaType(data) ??
    given[0]
  );
}

/**
 * The media type of common media files from their first bytes (magic
 * numbers), so that a labelled type can be checked against the content:
 * images (PNG, JPEG, WebP, GIF, AVIF, HEIC/HEIF, BMP, TIFF), videos (MP4,
 * QuickTime, 3GPP: `ftyp` box; WebM / Matroska), audio (MP3, WAV, Ogg,
 * FLAC, M4A) and PDF (so that a PDF given as an image can be named).
 * The first 32 bytes are enough. `undefined` when the bytes match none.
 *
 * @example sniffMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) // 'image/jpeg'
 */
export function sniffMediaType(data: Uint8Array): string | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...data.subarray(start, end));
  const startsWith = (bytes: number[], offset = 0) =>
    data.length >= offset + bytes.length && bytes.every((byte, index) => data[offset + index] === byte);
  if (data.length >= 8 && data[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (data.length >= 12 && ascii(0, 4) === 'RIFF') {
    const form = ascii(8, 12);
    if (form === 'WEBP') return 'image/webp';
    if (form === 'WAVE') return 'audio/wav';
    if (form === 'AVI ') return 'video/x-msvideo';
  }
  if (data.length >= 6 && ascii(0, 4) === 'GIF8') return 'image/gif';
  if (data.length >= 12 && ascii(4, 8) === 'ftyp') return sniffIsoBrand(data, ascii);
  if (startsWith([0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (data.length >= 5 && ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith([0x49, 0x49, 0x2a, 0x00]) || startsWith([0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (data.length >= 14 && ascii(0, 2) === 'BM' && data[6] === 0 && data[7] === 0 && data[8] === 0 && data[9] === 0) {
    return 'image/bmp';
  }
  if (data.length >= 4 && ascii(0, 4) === 'OggS') return 'audio/ogg';
  if (data.length >= 4 && ascii(0, 4) === 'fLaC') return 'audio/flac';
  if (data.length >= 3 && ascii(0, 3) === 'ID3') return 'audio/mpeg';
  if (data.length >= 2 && data[0] === 0xff && (data[1] & 0xe6) === 0xe2) return 'audio/mpeg';
  return undefined;
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/** The media type of an ISO base media file (`ftyp` box) from its major and compatible brands. */
function sniffIsoBrand(data: Uint8Array, ascii: (start: number, end: number) => string): string {
  const boxSize = (data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3];
  const end = Math.min(data.length, Math.max(boxSize, 16));
  const brands = [ascii(8, 12)];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(offset, offset + 4));
  if (brands.some((brand) => brand === 'avif' || brand === 'avis')) return 'image/avif';
  if (HEIF_BRANDS.has(brands[0])) return 'image/heic';
  if (brands[0] === 'qt  ') return 'video/quicktime';
  if (brands[0] === 'M4A ' || brands[0] === 'M4B ') return 'audio/mp4';
  if (brands[0].startsWith('3gp') || brands[0].startsWith('3g2')) return 'video/3gpp';
  return 'video/mp4';
}
