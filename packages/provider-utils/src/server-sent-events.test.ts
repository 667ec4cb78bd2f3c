import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from './server-sent-events';

describe('readServerSentEvents', () => {
  it('parses events split across chunks, with comments and ids', async () => {
    const chunks = [
      ': heartbeat\n\nevent: status\nda',
      'ta: {"status":"IN_QUEUE"}\nid: 1\n\n',
      'data: {"status":"COMPLETED"}\n\n',
    ];
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
    const events = [];
    for await (const event of readServerSentEvents(body)) events.push(event);
    expect(events).toStrictEqual([
      { event: 'status', data: '{"status":"IN_QUEUE"}', id: '1' },
      { event: undefined, data: '{"status":"COMPLETED"}', id: undefined },
    ]);
  });

  it('decodes a character split across chunks and drops an unterminated last event', async () => {
    const bytes = new TextEncoder().encode('data: {"message":"café"}\n\ndata: cut off');
    const split = bytes.indexOf(0xc3) + 1; // inside the two bytes of "é"
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, split));
        controller.enqueue(bytes.slice(split));
        controller.close();
      },
    });
    const events = [];
    for await (const event of readServerSentEvents(body)) events.push(event);
    expect(events).toStrictEqual([{ event: undefined, data: '{"message":"café"}', id: undefined }]);
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled: unknown = 'not cancelled';
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    for await (const event of readServerSentEvents(body)) {
      expect(event.data).toBe('1');
      break;
    }
    expect(cancelled).toBeUndefined();
  });
});
