import { delay } from '@ai-sdk/provider-utils';
import { APICallError, type VideoJob } from '@videogen/provider-spec';
import { extractResponseHeaders, readServerSentEvents } from '@videogen/provider-utils';
import type { VideoEvent } from '../types';
import { serializeError } from '../util/serialize-error';
import { formatVideoEventId, MAX_EVENT_ID_LENGTH, recordEventJob, type VideoStreamPosition } from './video-event-id';

/** The SSE event type of the message that ends a video event stream (its data is empty, so older readers skip it). */
export const VIDEO_EVENTS_END = 'end';

/** Default most reconnections in a row of `readVideoEvents` without a new event. */
export const DEFAULT_MAX_RECONNECTS = 5;

/** Default wait before `readVideoEvents` reconnects, in ms (doubled each attempt in a row, at most 30 s). */
export const DEFAULT_RECONNECT_DELAY_MS = 1000;

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
  /**
   * Give each event an SSE `id` (its number and the jobs so far), so that a
   * client that drops can reconnect with `Last-Event-ID` and any server
   * instance can resume the stream (see `readVideoStreamPosition`). Default: true.
   */
  eventIds?: boolean;
  /**
   * The position of a reconnecting client (`readVideoStreamPosition(request)`):
   * numbering continues after its last event and its jobs stay in the ids.
   * Default: a new stream, numbered from 1.
   */
  resumeFrom?: VideoStreamPosition;
};

/**
 * Turns video events into a Server-Sent-Events `Response` for a server route
 * (any runtime with web streams): `content-type: text/event-stream`,
 * `cache-control: no-cache`, one `data: <json>` line per event with its
 * `id:` (see `eventIds`), heartbeat comments in between, and an `event: end`
 * message before it closes (so a reader can tell the end from a dropped
 * connection). Cancelling the response (the client went away)
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
  {
    heartbeatMs = DEFAULT_HEARTBEAT_MS,
    headers = {},
    status = 200,
    eventIds = true,
    resumeFrom,
  }: ServerSentEventsResponseInit = {},
): Response {
  let eventNumber = resumeFrom?.eventNumber ?? 0;
  const jobs: Array<VideoJob | undefined> = [...(resumeFrom?.jobs ?? [])];
  const format = (event: VideoEvent): string => {
    if (!eventIds) return `data: ${JSON.stringify(event)}\n\n`;
    eventNumber++;
    recordEventJob(jobs, event);
    const id = formatVideoEventId({ eventNumber, jobs });
    // An id too long for a request header (a generation split into very many jobs) is left out:
    // the client keeps the previous one, which still resumes the jobs it names.
    if (id.length > MAX_EVENT_ID_LENGTH) return `data: ${JSON.stringify(event)}\n\n`;
    return `id: ${id}\ndata: ${JSON.stringify(event)}\n\n`;
  };
  const end = `event: ${VIDEO_EVENTS_END}\ndata:\n\n`;
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
          controller.enqueue(encoder.encode(end));
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(format(value)));
      } catch (error) {
        if (finished) return;
        stop();
        const event: VideoEvent = { type: 'error', error: serializeError(error) };
        controller.enqueue(encoder.encode(format(event) + end));
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

/** What `reconnect` of {@link readVideoEvents} gets. */
export type VideoEventsReconnectContext = {
  /** The id of the last event received: send it as the `Last-Event-ID` header. */
  lastEventId: string;
  /** 1 for the first reconnection in a row, 2 for the next … */
  attempt: number;
  /** Aborts the request (the reader's `abortSignal`). */
  abortSignal?: AbortSignal;
};

/** Options of {@link readVideoEvents}. */
export type ReadVideoEventsOptions = {
  /**
   * Opens the stream again after a dropped connection, with the last event's
   * id (send it as `Last-Event-ID`; the server resumes the job instead of
   * starting a new one). Default: for a `Request`, the same request again
   * with a `Last-Event-ID` header; for a `Response` or a stream, none (the
   * iteration ends where the connection dropped, as before).
   *
   * It is called only once an event with an id arrived: before that, the
   * job may not exist yet, and a request sent again could pay for a second one.
   * Resolving `undefined` gives up (the iteration ends as without `reconnect`).
   */
  reconnect?: (context: VideoEventsReconnectContext) => PromiseLike<Response | undefined>;
  /** Most reconnections in a row without a new event; then the latest error (the drop's or a reconnection's) is thrown. Default: 5. */
  maxReconnects?: number;
  /** Wait before a reconnection in ms, doubled for each attempt in a row (at most 30 s). Default: 1000. */
  reconnectDelayMs?: number;
  /** Stops reading (and reconnecting). */
  abortSignal?: AbortSignal;
  /** The fetch of a `Request` input. Default: the global `fetch`. */
  fetch?: (request: Request) => Promise<Response>;
};

/**
 * Reads the events of a {@link toServerSentEventsResponse} response back, on
 * a client (browser or server), with eventsource-parser. Heartbeats are
 * skipped; the iteration ends when the server ends the stream.
 *
 * When the connection drops before the server's end (a network error, a
 * proxy timeout, a server restart), it reconnects with `Last-Event-ID` (see
 * `reconnect`) and goes on without a gap: the server re-attaches to the job
 * and reports where it stands. A status or completion already read is not
 * repeated after a reconnection.
 *
 * @example
 * const request = new Request('/api/video', { method: 'POST', body: JSON.stringify({ prompt }) });
 * for await (const event of readVideoEvents(request)) {
 *   if (event.type === 'status') progressBar.value = event.progress ?? 0;
 * }
 */
export async function* readVideoEvents(
  response: Response | ReadableStream<Uint8Array> | Request,
  options: ReadVideoEventsOptions = {},
): AsyncGenerator<VideoEvent, void, undefined> {
  const {
    maxReconnects = DEFAULT_MAX_RECONNECTS,
    reconnectDelayMs = DEFAULT_RECONNECT_DELAY_MS,
    abortSignal,
  } = options;
  let reconnect = options.reconnect;
  let body: ReadableStream<Uint8Array> | null;
  if (typeof Request !== 'undefined' && response instanceof Request) {
    const request = response;
    const fetchRequest = options.fetch ?? ((input: Request) => fetch(input));
    const open = (lastEventId: string | undefined) => {
      const headers = new Headers(request.headers);
      if (lastEventId !== undefined) headers.set('last-event-id', lastEventId);
      return fetchRequest(new Request(request.clone(), { headers, ...(abortSignal ? { signal: abortSignal } : {}) }));
    };
    reconnect ??= ({ lastEventId }) => open(lastEventId);
    body = await bodyOf(await open(undefined));
  } else {
    body = response instanceof ReadableStream ? response : await bodyOf(response as Response);
  }

  let lastEventId: string | undefined;
  let attempt = 0;
  let resumed = false;
  // What was already yielded, so that a resumed stream does not repeat it.
  const lastStatus = new Map<number, string>();
  const completed = new Set<number>();
  // The latest failure: the drop, or a reconnection that failed.
  let dropError: unknown;
  for (;;) {
    let ended = false;
    if (body) {
      try {
        for await (const message of readServerSentEvents(body)) {
          if (message.event === VIDEO_EVENTS_END) {
            ended = true;
            break;
          }
          if (message.id) lastEventId = message.id;
          if (!message.data) continue;
          const event = JSON.parse(message.data) as VideoEvent;
          attempt = 0;
          dropError = undefined;
          if (event.type === 'status') {
            const key = JSON.stringify(event);
            if (resumed && lastStatus.get(event.callIndex) === key) continue;
            lastStatus.set(event.callIndex, key);
          } else if (event.type === 'completed') {
            if (resumed && completed.has(event.callIndex)) continue;
            completed.add(event.callIndex);
          }
          yield event;
          if (event.type === 'error') return;
        }
      } catch (error) {
        if (abortSignal?.aborted || error instanceof SyntaxError) throw error;
        dropError = error;
      }
    }
    if (ended) return;
    // The stream stopped without its end: the connection dropped.
    if (reconnect === undefined || lastEventId === undefined || attempt >= maxReconnects) {
      if (dropError !== undefined) throw dropError;
      return;
    }
    attempt++;
    await delay(Math.min(reconnectDelayMs * 2 ** (attempt - 1), 30_000), { abortSignal });
    try {
      const next = await reconnect({ lastEventId, attempt, abortSignal });
      if (next === undefined) {
        if (dropError !== undefined) throw dropError;
        return;
      }
      body = await bodyOf(next);
      resumed = true;
    } catch (error) {
      if (abortSignal?.aborted || (APICallError.isInstance(error) && !error.isRetryable)) throw error;
      dropError = error;
      body = null;
    }
  }
}

async function bodyOf(response: Response): Promise<ReadableStream<Uint8Array> | null> {
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
  return response.body;
}
