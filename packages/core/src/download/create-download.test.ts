import { DownloadTooLargeError, type VideoModelV3DownloadOptions } from '@videogen/provider-spec';
import { DownloadIdleTimeoutError, isRetryableError, readToEnd } from '@videogen/provider-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestServer } from '../test';
import { createDownload } from './create-download';
import { readVideoBytes } from './video-stream';

/** Reads a download's web stream to its end. */
const readStreamToBytes = (stream: ReadableStream<Uint8Array>) => readToEnd(stream.getReader());

const server = createTestServer({
  'https://cdn.example.com/video.mp4': {
    response: { type: 'binary', body: new Uint8Array([1, 2, 3, 4]), headers: { 'content-type': 'video/mp4' } },
  },
  'https://cdn.example.com/redirect': { response: { type: 'redirect', location: 'https://10.0.0.5/video.mp4' } },
  'https://cdn.example.com/redirect-public': {
    response: { type: 'redirect', location: 'https://media.example.org/v.mp4' },
  },
  'https://media.example.org/v.mp4': { response: { type: 'binary', body: new Uint8Array([7]) } },
  'https://10.0.0.5/video.mp4': { response: { type: 'binary', body: new Uint8Array([6, 6]) } },
  'http://127.0.0.1:9999/video.mp4': { response: { type: 'binary', body: new Uint8Array([8, 8]) } },
  'https://cdn.example.com/flaky.mp4': {
    response: [
      { type: 'error', status: 503 },
      { type: 'binary', body: new Uint8Array([9]) },
    ],
  },
});

// The default public fetch on Node checks resolved addresses with its own
// connection pool, which msw cannot see; tests hand in a plain fetch (the URL
// checks before each hop stay the same).
const testFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

afterEach(() => vi.useRealTimers());

function countingSource(chunkCount: number, chunkSize: number) {
  let pulledBytes = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulledBytes >= chunkCount * chunkSize) return controller.close();
      pulledBytes += chunkSize;
      controller.enqueue(new Uint8Array(chunkSize));
    },
  });
  return { stream, pulled: () => pulledBytes };
}

describe('createDownload', () => {
  it('streams a public URL without credentials and reports progress', async () => {
    const progress = vi.fn();
    const download = createDownload({ fetch: testFetch });
    const result = await download({
      video: { type: 'url', url: 'https://cdn.example.com/video.mp4', mediaType: 'video/mp4' },
      headers: { authorization: 'Bearer secret' },
      onProgress: progress,
    });
    expect(result.contentLength).toBe(4);
    expect(await readStreamToBytes(result.stream)).toStrictEqual(new Uint8Array([1, 2, 3, 4]));
    expect(progress).toHaveBeenLastCalledWith({ bytes: 4, totalBytes: 4 });
    expect(server.calls[0].requestHeaders.authorization).toBeUndefined();
  });

  it('uses the model doDownload for url videos when it has one', async () => {
    const doDownload = vi.fn(async () => new Response(new Uint8Array([4, 2])));
    const result = await createDownload()({
      video: { type: 'url', url: 'https://api.example.com/videos/1/content', mediaType: 'video/mp4' },
      model: { doDownload },
    });
    expect(await readStreamToBytes(result.stream)).toStrictEqual(new Uint8Array([4, 2]));
    expect(doDownload).toHaveBeenCalledTimes(1);
    expect(server.calls).toHaveLength(0);
  });

  it('fails on a Content-Length over the limit before reading the body', async () => {
    const source = countingSource(100, 1024);
    const doDownload = async () => new Response(source.stream, { headers: { 'content-length': String(100 * 1024) } });
    const error = await createDownload({ maxBytes: 1000 })({
      video: { type: 'url', url: 'https://api.example.com/v?sig=secret', mediaType: 'video/mp4' },
      model: { doDownload },
    }).catch((caught) => caught);
    expect(DownloadTooLargeError.isInstance(error)).toBe(true);
    expect(error.contentLength).toBe(100 * 1024);
    expect(error.message).not.toContain('secret');
    expect(source.pulled()).toBeLessThanOrEqual(1024);
  });

  it('stops a body that grows past the limit mid-stream without reading the rest', async () => {
    const chunkSize = 1024 * 1024;
    const source = countingSource(100, chunkSize); // 100 MiB, no Content-Length
    const result = await createDownload({ maxBytes: 3 * chunkSize })({
      video: { type: 'url', url: 'https://api.example.com/v', mediaType: 'video/mp4' },
      model: { doDownload: async () => new Response(source.stream) },
    });
    const error = await readStreamToBytes(result.stream).catch((caught) => caught);
    expect(DownloadTooLargeError.isInstance(error)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(source.pulled()).toBeGreaterThan(3 * chunkSize);
    expect(source.pulled()).toBeLessThanOrEqual(6 * chunkSize);
  });

  it('reads a download into memory without making its stream, with the same limit and progress', async () => {
    const chunkSize = 1024 * 1024;
    const source = countingSource(100, chunkSize);
    const progress = vi.fn();
    const result = await createDownload({ maxBytes: 3 * chunkSize })({
      video: { type: 'url', url: 'https://api.example.com/v', mediaType: 'video/mp4' },
      model: { doDownload: async () => new Response(source.stream) },
      onProgress: progress,
    });
    const error = await readVideoBytes(result).catch((caught) => caught);
    expect(DownloadTooLargeError.isInstance(error)).toBe(true);
    expect(progress).toHaveBeenLastCalledWith({ bytes: 3 * chunkSize, totalBytes: undefined });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(source.pulled()).toBeLessThanOrEqual(6 * chunkSize);

    const whole = await createDownload()({
      video: { type: 'url', url: 'https://api.example.com/v', mediaType: 'video/mp4' },
      model: { doDownload: async () => new Response(new Uint8Array([3, 1, 4])) },
    });
    expect(await readVideoBytes(whole)).toStrictEqual(new Uint8Array([3, 1, 4]));
    // The body is taken: its stream now fails instead of reading nothing.
    expect(await readStreamToBytes(whole.stream).catch((caught) => caught)).toBeInstanceOf(TypeError);
  });

  it('reads a download whose stream was already asked for through that stream', async () => {
    const result = await createDownload()({
      video: { type: 'url', url: 'https://api.example.com/v', mediaType: 'video/mp4' },
      model: { doDownload: async () => new Response(new Uint8Array([2, 7])) },
    });
    const stream = result.stream;
    expect(result.stream).toBe(stream);
    expect(await readVideoBytes(result)).toStrictEqual(new Uint8Array([2, 7]));
  });

  it.each([
    'http://127.0.0.1:9999/video.mp4',
    'http://10.1.2.3/video.mp4',
    'http://192.168.0.10/video.mp4',
    'http://localhost:3000/video.mp4',
    'http://[::1]/video.mp4',
  ])('refuses the private target %s by default, before any request', async (url) => {
    const fetchSpy = vi.fn(testFetch);
    await expect(
      createDownload({ fetch: fetchSpy })({ video: { type: 'url', url, mediaType: 'video/mp4' } }),
    ).rejects.toMatchObject({
      name: 'AI_DownloadError',
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('re-validates each redirect and refuses one to a private target', async () => {
    await expect(
      createDownload({ fetch: testFetch })({
        video: { type: 'url', url: 'https://cdn.example.com/redirect', mediaType: 'video/mp4' },
      }),
    ).rejects.toThrow('10.0.0.5');
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual(['https://cdn.example.com/redirect']);
  });

  it('follows a redirect to a public target', async () => {
    const result = await createDownload({ fetch: testFetch })({
      video: { type: 'url', url: 'https://cdn.example.com/redirect-public', mediaType: 'video/mp4' },
    });
    expect(await readStreamToBytes(result.stream)).toStrictEqual(new Uint8Array([7]));
  });

  it('allows private targets when opted in', async () => {
    const download = createDownload({ allowPrivateNetwork: true });
    const result = await download({
      video: { type: 'url', url: 'http://127.0.0.1:9999/video.mp4', mediaType: 'video/mp4' },
    });
    expect(await readStreamToBytes(result.stream)).toStrictEqual(new Uint8Array([8, 8]));
    const redirected = await download({
      video: { type: 'url', url: 'https://cdn.example.com/redirect', mediaType: 'video/mp4' },
    });
    expect(await readStreamToBytes(redirected.stream)).toStrictEqual(new Uint8Array([6, 6]));
  });

  it('retries a failed download request by itself', async () => {
    vi.useFakeTimers();
    const promise = createDownload({ fetch: testFetch })({
      video: { type: 'url', url: 'https://cdn.example.com/flaky.mp4', mediaType: 'video/mp4' },
    });
    await vi.runAllTimersAsync();
    const result = await promise;
    expect(await readStreamToBytes(result.stream)).toStrictEqual(new Uint8Array([9]));
    expect(server.calls).toHaveLength(2);
  });

  it('turns base64 and binary videos into streams, with the limit', async () => {
    const download = createDownload({ maxBytes: 3 });
    const fromBase64 = await download({ video: { type: 'base64', data: 'AQID', mediaType: 'video/webm' } });
    expect(fromBase64).toMatchObject({ mediaType: 'video/webm', contentLength: 3 });
    expect(await readStreamToBytes(fromBase64.stream)).toStrictEqual(new Uint8Array([1, 2, 3]));
    await expect(
      download({ video: { type: 'binary', data: new Uint8Array(4), mediaType: 'video/mp4' } }),
    ).rejects.toMatchObject({
      name: 'VideoGen_DownloadTooLargeError',
    });
    const fromDataUrl = await download({
      video: { type: 'url', url: 'data:video/mp4;base64,AQI=', mediaType: 'video/mp4' },
    });
    expect(await readStreamToBytes(fromDataUrl.stream)).toStrictEqual(new Uint8Array([1, 2]));
  });
});

describe('createDownload guards and timeouts', () => {
  it('hands allowPrivateNetwork to the model doDownload', async () => {
    const doDownload = vi.fn(async (_options: VideoModelV3DownloadOptions) => new Response(new Uint8Array([1])));
    const video = { type: 'url', url: 'https://api.example.com/videos/1/content', mediaType: 'video/mp4' } as const;
    await createDownload()({ video, model: { doDownload } });
    await createDownload({ allowPrivateNetwork: true })({ video, model: { doDownload } });
    expect(doDownload.mock.calls.map(([options]) => options.allowPrivateNetwork)).toStrictEqual([false, true]);
  });

  it('names the refused URL without its query and how to allow it', async () => {
    const error = await createDownload({ fetch: testFetch })({
      video: { type: 'url', url: 'http://192.168.0.10/video.mp4?sig=secret', mediaType: 'video/mp4' },
    }).catch((caught) => caught);
    expect(error.name).toBe('AI_DownloadError');
    expect(error.message).toContain('http://192.168.0.10/video.mp4');
    expect(error.message).toContain('createDownload({ allowPrivateNetwork: true })');
    expect(error.message).not.toContain('secret');
  });

  it('ends a stalled body after idleTimeoutMs with a retryable DownloadIdleTimeoutError', async () => {
    vi.useFakeTimers();
    let cancelled: unknown;
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2]));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const result = await createDownload({ idleTimeoutMs: 5_000 })({
      video: { type: 'url', url: 'https://api.example.com/v?sig=secret', mediaType: 'video/mp4' },
      model: { doDownload: async () => new Response(stalled) },
    });
    const reading = readStreamToBytes(result.stream).catch((caught) => caught);
    await vi.advanceTimersByTimeAsync(4_999);
    let settled = false;
    void reading.then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await reading;
    expect(DownloadIdleTimeoutError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('no data for 5000 ms');
    expect(error.message).not.toContain('secret');
    expect(isRetryableError(error)).toBe(true);
    expect(cancelled).toBe(error);
  });

  it('waits 60 s for a stalled body by default', async () => {
    vi.useFakeTimers();
    const stalled = new ReadableStream<Uint8Array>({ start() {} });
    const result = await createDownload()({
      video: { type: 'url', url: 'https://api.example.com/v', mediaType: 'video/mp4' },
      model: { doDownload: async () => new Response(stalled) },
    });
    const reading = readStreamToBytes(result.stream).catch((caught) => caught);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(DownloadIdleTimeoutError.isInstance(await reading)).toBe(true);
  });
});
