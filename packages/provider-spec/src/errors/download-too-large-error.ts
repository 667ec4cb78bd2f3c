import { AISDKError } from '@ai-sdk/provider';

const name = 'VideoGen_DownloadTooLargeError';
const marker = `videogen.error.${name}`;
const symbol = Symbol.for(marker);

/** A download was larger than `maxBytes`; it was stopped without reading the rest. */
export class DownloadTooLargeError extends AISDKError {
  private readonly [symbol] = true;

  /** The limit in bytes. */
  readonly maxBytes: number;
  /** The size the server announced (`Content-Length`), when it did. */
  readonly contentLength: number | undefined;
  /** The URL without its query string, which may hold a signature. */
  readonly url: string | undefined;

  constructor({ maxBytes, contentLength, url }: { maxBytes: number; contentLength?: number; url?: string }) {
    const safeUrl = url ? stripQuery(url) : undefined;
    super({
      name,
      message:
        `Download${safeUrl ? ` of ${safeUrl}` : ''} exceeds the limit of ${maxBytes} bytes` +
        (contentLength !== undefined ? ` (Content-Length: ${contentLength}).` : '.'),
    });
    this.maxBytes = maxBytes;
    this.contentLength = contentLength;
    this.url = safeUrl;
  }

  static isInstance(error: unknown): error is DownloadTooLargeError {
    return AISDKError.hasMarker(error, marker);
  }
}

function stripQuery(url: string): string {
  const index = url.search(/[?#]/);
  return index === -1 ? url : url.slice(0, index);
}
