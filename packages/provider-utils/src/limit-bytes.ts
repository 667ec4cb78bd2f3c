import { DownloadTooLargeError } from '@videogen/provider-spec';

/**
 * Passes a byte stream through and errors it with a `DownloadTooLargeError`
 * as soon as more than `maxBytes` went by; the source is cancelled, so the
 * rest is never read. `onBytes` reports the running total.
 */
export function limitBytes(
  stream: ReadableStream<Uint8Array>,
  { maxBytes, url, onBytes }: { maxBytes: number; url?: string; onBytes?: (bytes: number) => void },
): ReadableStream<Uint8Array> {
  let total = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > maxBytes) {
          controller.error(new DownloadTooLargeError({ maxBytes, url }));
          return;
        }
        onBytes?.(total);
        controller.enqueue(chunk);
      },
    }),
  );
}

/** The `Content-Length` of a response as a number, when it has a valid one. */
export function getContentLength(response: Response): number | undefined {
  const header = response.headers.get('content-length');
  if (header === null) return undefined;
  const value = Number(header);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Reads a response body into memory with a size limit: rejects at once when
 * `Content-Length` is over the limit, and stops reading when the body goes
 * over it.
 */
export async function readBytesWithLimit(
  response: Response,
  { maxBytes, url }: { maxBytes: number; url?: string },
): Promise<Uint8Array> {
  const contentLength = getContentLength(response);
  if (contentLength !== undefined && contentLength > maxBytes) {
    // Not awaited: some fetch implementations only settle the cancel when the peer closes.
    response.body?.cancel().catch(() => {});
    throw new DownloadTooLargeError({ maxBytes, contentLength, url });
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = limitBytes(response.body, { maxBytes, url }).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
