import { AISDKError } from '@ai-sdk/provider';
import { stripQuery } from './private-network';

const name = 'VideoGen_DownloadIdleTimeoutError';
const marker = `videogen.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * A download's body stalled: the answer's headers arrived, then no byte for
 * `idleTimeoutMs`. The body was cancelled. Retryable (`isRetryable: true`):
 * the download (never the job) may be tried again.
 */
export class DownloadIdleTimeoutError extends AISDKError {
  private readonly [symbol] = true;

  /** The idle time that ended the download, in ms. */
  readonly idleTimeoutMs: number;
  /** The URL without its query string, which may hold a signature. */
  readonly url: string | undefined;
  /** Always `true`: a stalled body may be fetched again. */
  readonly isRetryable = true;

  constructor({ idleTimeoutMs, url }: { idleTimeoutMs: number; url?: string }) {
    const safeUrl = url ? stripQuery(url) : undefined;
    super({
      name,
      message:
        `Download${safeUrl ? ` of ${safeUrl}` : ''} stalled: no data for ${idleTimeoutMs} ms. ` +
        'Set a longer `idleTimeoutMs` in `createDownload` for very slow storage.',
    });
    this.idleTimeoutMs = idleTimeoutMs;
    this.url = safeUrl;
  }

  static isInstance(error: unknown): error is DownloadIdleTimeoutError {
    return AISDKError.hasMarker(error, marker);
  }
}
