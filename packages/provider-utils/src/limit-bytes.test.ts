import { DownloadTooLargeError } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { limitBytes, readBytesWithLimit } from './limit-bytes';

function countingStream(chunkSize: number, chunks: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(chunkSize));
    },
  });
  return { stream, pulled: () => pulled };
}

describe('limitBytes', () => {
  it('errors as soon as the limit is passed and stops pulling the source', async () => {
    const source = countingStream(1000, 1000);
    const reader = limitBytes(source.stream, { maxBytes: 2500 }).getReader();
    const error = await (async () => {
      for (;;) {
        const { done } = await reader.read();
        if (done) return undefined;
      }
    })().catch((caught) => caught);
    expect(DownloadTooLargeError.isInstance(error)).toBe(true);
    expect(error.maxBytes).toBe(2500);
    // 3 chunks pass the limit; a few more may be buffered by the pipe, never the 1000.
    expect(source.pulled()).toBeLessThan(10);
  });

  it('passes everything through under the limit and reports the running total', async () => {
    const totals: number[] = [];
    const source = countingStream(10, 3);
    const bytes = await readBytesWithLimit(
      new Response(limitBytes(source.stream, { maxBytes: 30, onBytes: (n) => totals.push(n) })),
      {
        maxBytes: 30,
      },
    );
    expect(bytes.byteLength).toBe(30);
    expect(totals).toStrictEqual([10, 20, 30]);
  });
});

describe('readBytesWithLimit', () => {
  it('rejects on Content-Length before reading the body', async () => {
    const source = countingStream(1000, 1000);
    const response = new Response(source.stream, { headers: { 'content-length': '1000000' } });
    await expect(
      readBytesWithLimit(response, { maxBytes: 1000, url: 'https://cdn.example/v.mp4?sig=1' }),
    ).rejects.toSatisfy(
      (error) =>
        DownloadTooLargeError.isInstance(error) &&
        error.contentLength === 1_000_000 &&
        error.url === 'https://cdn.example/v.mp4',
    );
    expect(source.pulled()).toBeLessThanOrEqual(1);
  });

  it('stops reading a body without Content-Length as soon as it passes the limit', async () => {
    const source = countingStream(1000, 1000);
    const error = await readBytesWithLimit(new Response(source.stream), {
      maxBytes: 2500,
      url: 'https://cdn.example/v.mp4',
    }).catch((caught) => caught);
    expect(DownloadTooLargeError.isInstance(error)).toBe(true);
    expect(error.maxBytes).toBe(2500);
    expect(source.pulled()).toBeLessThan(10);
  });
});
