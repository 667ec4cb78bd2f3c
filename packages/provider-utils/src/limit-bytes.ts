import { DownloadTooLargeError } from '@videogen/provider-spec';
import { DownloadIdleTimeoutError } from './download-idle-timeout-error';
import { getBodyReader, readToEnd, toWebStream, type BodyReader } from './http-fetch';

/** Options of {@link limitBytes} and {@link limitReader}. */
export type LimitBytesOptions = {
  /** Most bytes let through; more fail with a `DownloadTooLargeError`. */
  maxBytes: number;
  /** The URL, for error messages (its query is never shown). */
  url?: string;
  /** Reports the running total of bytes. */
  onBytes?: (bytes: number) => void;
  /**
   * Longest wait for the next chunk, in ms: a body that sends nothing for
   * this long is cancelled with a retryable `DownloadIdleTimeoutError`.
   * Default: no limit.
   */
  idleTimeoutMs?: number;
};

/**
 * Passes a byte stream (or a response's body) through and errors it with a
 * `DownloadTooLargeError` as soon as more than `maxBytes` went by; the source
 * is cancelled, so the rest is never read. `onBytes` reports the running total.
 *
 * One `ReadableStream` pulling from {@link limitReader} (not a
 * `TransformStream`, which is two streams and a pipe per download).
 */
export function limitBytes(
  source: ReadableStream<Uint8Array> | Response,
  options: LimitBytesOptions,
): ReadableStream<Uint8Array> {
  return toWebStream(limitReader(source, options));
}

/**
 * What {@link limitBytes} does, as a reader: for whoever reads the whole body
 * anyway (into memory) and needs no stream. An absent body reads as empty.
 */
export function limitReader(
  source: ReadableStream<Uint8Array> | Response,
  { maxBytes, url, onBytes, idleTimeoutMs }: LimitBytesOptions,
): BodyReader {
  const reader = source instanceof ReadableStream ? source.getReader() : getBodyReader(source);
  if (reader === null) return { read: async () => ({ done: true, value: undefined }), cancel: async () => {} };
  let total = 0;
  const readNext =
    idleTimeoutMs === undefined || !Number.isFinite(idleTimeoutMs)
      ? () => reader.read()
      : () => readWithin(reader, idleTimeoutMs, url);
  return {
    async read() {
      const result = await readNext();
      if (result.done) return result;
      total += result.value.byteLength;
      if (total > maxBytes) {
        const error = new DownloadTooLargeError({ maxBytes, url });
        reader.cancel(error).catch(() => {});
        throw error;
      }
      onBytes?.(total);
      return result;
    },
    cancel: (reason) => reader.cancel(reason),
  };
}

/**
 * Throws a `DownloadTooLargeError` when the response's `Content-Length` is
 * over `maxBytes`, and cancels its body (not awaited: some fetch
 * implementations only settle the cancel when the peer closes).
 */
export function assertContentLengthWithin(
  response: Response,
  { maxBytes, url }: { maxBytes: number; url?: string },
): void {
  const contentLength = getContentLength(response);
  if (contentLength !== undefined && contentLength > maxBytes) {
    getBodyReader(response)
      ?.cancel()
      .catch(() => {});
    throw new DownloadTooLargeError({ maxBytes, contentLength, url });
  }
}

/** The `Content-Length` of a response as a number, when it has a valid one. */
export function getContentLength(response: Response): number | undefined {
  const header = response.headers.get('content-length');
  if (header === null) return undefined;
  const value = Number(header);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Reads a response body (or a byte stream) into memory with a size limit:
 * rejects at once when the response's `Content-Length` is over the limit, and
 * stops reading when the body goes over it.
 */
export async function readBytesWithLimit(
  source: Response | ReadableStream<Uint8Array>,
  { maxBytes, url }: { maxBytes: number; url?: string },
): Promise<Uint8Array> {
  if (source instanceof ReadableStream) return await readToEnd(source.getReader(), { maxBytes, url });
  assertContentLengthWithin(source, { maxBytes, url });
  // Counted in the read loop: no stream in between.
  const reader = getBodyReader(source);
  return reader ? await readToEnd(reader, { maxBytes, url }) : new Uint8Array(0);
}

/** One read, or a `DownloadIdleTimeoutError` (and the body cancelled) when nothing came for `idleTimeoutMs`. */
function readWithin(
  reader: BodyReader,
  idleTimeoutMs: number,
  url: string | undefined,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new DownloadIdleTimeoutError({ idleTimeoutMs, url });
      reader.cancel(error).catch(() => {});
      reject(error);
    }, idleTimeoutMs);
    reader.read().then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
