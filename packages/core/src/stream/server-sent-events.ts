import { APICallError } from '@videogen/provider-spec';
import { extractResponseHeaders, readServerSentEvents } from '@videogen/provider-utils';
import type { VideoEvent } from '../types';
import { serializeError } from '../util/serialize-error';

/** Default time between heartbeat comments of an SSE response. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/** Options of {@link toServerSentEventsResponse}. */
export type ServerSentEventsResponseInit = {
  /**
   * Time between heartbeat comment lines (`: heartbeat`) that keep proxies
   * and load balancers from closing an idle connection, in ms. Default: 15000.
   */
  heartbeatMs?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** HTTP status. Default: 200. */
  status?: number;
};

/**
 * Turns video events into a Server-Sent-Events `Response` for a server route
 * (any runtime with web streams): `content-type: text/event-stream`,
 * `cache-control: no-cache`, one `data: <json>` line per event, heartbeat
 * comments in between. Cancelling the response (the client went away)
 * stops reading the events and, for a `streamVideo` result (or any source
 * with a `detach` function), detaches the generation: no more status
 * requests or downloads, while the job keeps running at the provider.
 *
 * @example
 * // app/api/video/route.ts
 * export async function POST(request: Request) {
 *   const { prompt } = await request.json();
 *   return streamVideo({ model, prompt }).toServerSentEventsResponse();
 * }
 */
export function toServerSentEventsResponse(
  source: AsyncIterable<VideoEvent> | { events: AsyncIterable<VideoEvent>; detach?: () => void },
  { heartbeatMs = DEFAULT_HEARTBEAT_MS, headers = {}, status = 200 }: ServerSentEventsResponseInit = {},
): Response {
  const events = Symbol.asyncIterator in source ? source : source.events;
  const detach = Symbol.asyncIterator in source ? undefined : source.detach;
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<VideoEvent> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let finished = false;
  const stop = () => {
    finished = true;
    if (heartbeat !== undefined) clearInterval(heartbeat);
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      iterator = events[Symbol.asyncIterator]();
      controller.enqueue(encoder.encode(': videogen events\n\n'));
      if (heartbeatMs > 0) {
        heartbeat = setInterval(() => {
          if (!finished) controller.enqueue(encoder.encode(': heartbeat\n\n'));
        }, heartbeatMs);
      }
    },
    async pull(controller) {
      try {
        const { done, value } = await iterator!.next();
        if (finished) return;
        if (done) {
          stop();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(value)}\n\n`));
      } catch (error) {
        if (finished) return;
        stop();
        const event: VideoEvent = { type: 'error', error: serializeError(error) };
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
        controller.close();
      }
    },
    async cancel() {
      stop();
      detach?.();
      await iterator?.return?.();
    },
  });

  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      ...headers,
    },
  });
}

/**
 * Reads the events of a {@link toServerSentEventsResponse} response back, on
 * a client (browser or server), with eventsource-parser. Heartbeats are
 * skipped; the iteration ends when the server closes the stream.
 *
 * @example
 * const response = await fetch('/api/video', { method: 'POST', body: JSON.stringify({ prompt }) });
 * for await (const event of readVideoEvents(response)) {
 *   if (event.type === 'status') progressBar.value = event.progress ?? 0;
 * }
 */
export async function* readVideoEvents(
  response: Response | ReadableStream<Uint8Array>,
): AsyncGenerator<VideoEvent, void, undefined> {
  let body: ReadableStream<Uint8Array> | null;
  if (!(response instanceof ReadableStream)) {
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new APICallError({
        message: `The video events request failed: HTTP ${response.status}`,
        url: response.url,
        requestBodyValues: undefined,
        statusCode: response.status,
        responseHeaders: extractResponseHeaders(response),
        responseBody: text,
      });
    }
    body = response.body;
  } else {
    body = response;
  }
  if (!body) return;
  for await (const message of readServerSentEvents(body)) {
    if (!message.data) continue;
    yield JSON.parse(message.data) as VideoEvent;
  }
}
