import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from './server-sent-events';

describe('readServerSentEvents', () => {
  it('parses events split across chunks, with comments and ids', async () => {
    const chunks = [': heartbeat\n\nevent: status\nda', 'ta: {"status":"IN_QUEUE"}\nid: 1\n\n', 'data: {"status":"COMPLETED"}\n\n'];
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
});
