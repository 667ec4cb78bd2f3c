import { AISDKError } from '@ai-sdk/provider';

const name = 'VideoGen_DownloadError';
const marker = `videogen.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * A video could not be downloaded: an HTTP error, a refused target (a
 * private-network address), too many redirects, or a body that ended early.
 * The URL is given without its query string; credentials never appear.
 */
export class DownloadError extends AISDKError {
  private readonly [symbol] = true;

  /** The URL without its query string. */
  readonly url: string;
  /** The HTTP status, when there was a response. */
  readonly statusCode: number | undefined;
  /** Whether trying again may succeed (5xx, 408, 429, a broken connection). */
  readonly isRetryable: boolean;

  constructor({
    url,
    statusCode,
    message,
    isRetryable,
    cause,
  }: {
    url: string;
    statusCode?: number;
    message?: string;
    isRetryable?: boolean;
    cause?: unknown;
  }) {
    const safeUrl = url.replace(/[?#].*$/, '');
    super({
      name,
      message: message ?? `Failed to download ${safeUrl}${statusCode ? `: HTTP ${statusCode}` : ''}.`,
      cause,
    });
    this.url = safeUrl;
    this.statusCode = statusCode;
    this.isRetryable =
      isRetryable ??
      (statusCode === undefined || statusCode === 408 || statusCode === 429 || statusCode >= 500);
  }

  static isInstance(error: unknown): error is DownloadError {
    return AISDKError.hasMarker(error, marker);
  }
}
