import { DownloadTooLargeError } from '@videogen/provider-spec';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { UndiciResponse, undiciFetch } from './undici-transport';

/** The `fetch` present when this module was loaded: the runtime's own, unless something replaced it earlier. */
const runtimeFetch = typeof globalThis.fetch === 'function' ? globalThis.fetch : undefined;

/** Whether `globalThis.fetch` is still the one present at load (not replaced by msw, a stub, a wrapper since). */
export function isRuntimeFetch(): boolean {
  return globalThis.fetch === runtimeFetch;
}

/**
 * The `fetch` providers use when none is configured: the runtime's
 * `globalThis.fetch`, looked up on every call. Whatever the process set up
 * for it applies to videogen too: undici's global dispatcher (a `ProxyAgent`,
 * `NODE_USE_ENV_PROXY`, TLS and HTTP/2 options), msw or another mock
 * installed after the provider was created, a framework's or an
 * instrumentation library's wrapper. Responses are standard `Response`s.
 *
 * On Node, while `globalThis.fetch` is the runtime's own, the calls of this
 * package's HTTP layer go through undici's public `request` with the same
 * global dispatcher instead (about a third of the CPU per request, see
 * bench/NOTES.md): the same proxy, TLS and connection settings apply. With
 * `NODE_USE_ENV_PROXY` set, or once `globalThis.fetch` was replaced, every
 * call goes to `globalThis.fetch`.
 *
 * The HTTP layer of this package ({@link sendRequest} and the calls built on
 * it) asks every `fetch` for `redirect: 'manual'` and follows redirects
 * itself, so that credential headers never reach another origin whatever
 * fetch is underneath.
 */
export const defaultFetch: FetchFunction = (input, init) =>
  (isRuntimeFetch() ? undiciFetch(input, init) : undefined) ?? globalThis.fetch(input, init);

/**
 * @deprecated The hand-written HTTP client is gone: the default
 * transport is the runtime's `fetch` ({@link defaultFetch}), so that proxies
 * and other dispatcher settings apply. `httpFetch` is now the same function.
 */
export const httpFetch: FetchFunction = defaultFetch;

/** What reads a body chunk by chunk: a web stream's reader, or one wrapped around it. */
export type BodyReader = {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  cancel(reason?: unknown): Promise<void>;
};

/**
 * A reader of a response's body, or `null` without a body. Takes the body.
 * For the default transport's undici responses a reader straight on
 * undici's stream (no web stream is made); otherwise `body.getReader()`.
 */
export function getBodyReader(response: Response): BodyReader | null {
  if (response instanceof UndiciResponse) {
    const direct = response.takeDirectReader();
    if (direct) return direct;
  }
  return response.body?.getReader() ?? null;
}

/**
 * Reads and drops what is left of a body (a redirect's, an ignored answer's)
 * so that the connection can be used again; a body over `maxBytes` is
 * cancelled instead (its connection is closed). Never throws.
 */
export async function discardBody(response: Response, maxBytes = 64 * 1024): Promise<void> {
  const reader = getBodyReader(response);
  // Over the limit readToEnd cancels the rest; a broken body has nothing left to drop.
  if (reader) await readToEnd(reader, { maxBytes }).catch(() => {});
}

/** A web stream pulling from the reader. */
export function toWebStream(reader: BodyReader): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * Reads a body to its end into one array. Over `maxBytes` (default: no
 * limit) it cancels the rest and throws a `DownloadTooLargeError`.
 */
export async function readToEnd(
  reader: BodyReader,
  { maxBytes = Number.POSITIVE_INFINITY, url }: { maxBytes?: number; url?: string } = {},
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      const error = new DownloadTooLargeError({ maxBytes, url });
      reader.cancel(error).catch(() => {});
      throw error;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
