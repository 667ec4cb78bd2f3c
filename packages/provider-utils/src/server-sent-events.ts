import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { getBodyReader } from './http-fetch';

export type { EventSourceMessage };

/**
 * Reads a `text/event-stream` body (a stream, or a response whose body it
 * takes) as messages (`event`, `data`, `id`), parsed by eventsource-parser.
 * Ends when the stream ends; cancelling the iteration cancels the body.
 *
 * The body's own reader feeds the parser through one `TextDecoder`: no
 * `TextDecoderStream` / `EventSourceParserStream` pair, whose four web
 * streams and pipes cost more than the parsing itself for a short status
 * stream (about a fifth of the client CPU of 1,000 concurrent fal jobs).
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array> | Response,
): AsyncGenerator<EventSourceMessage, void, undefined> {
  const reader = body instanceof ReadableStream ? body.getReader() : getBodyReader(body);
  if (!reader) return;
  const decoder = new TextDecoder();
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  let ended = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        // Like EventSourceParserStream: an event without its closing blank line is dropped.
        parser.feed(decoder.decode());
        for (const event of events.splice(0)) yield event;
        return;
      }
      parser.feed(decoder.decode(value, { stream: true }));
      while (events.length > 0) yield events.shift()!;
    }
  } finally {
    if (!ended) await reader.cancel().catch(() => {});
    (reader as Partial<ReadableStreamDefaultReader>).releaseLock?.();
  }
}
