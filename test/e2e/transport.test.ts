import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createDownload, generateVideo } from '@videogen/core';
import { createGoogle } from '@videogen/google';
import { createOpenRouter } from '@videogen/openrouter';
import { DownloadIdleTimeoutError, isNetworkError, readToEnd, sendRequest } from '@videogen/provider-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_KEY, poll, useEmulator } from './helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

type Seen = { url: string; headers: IncomingHttpHeaders };

/** A loopback server answering with `handle`, recording each request. */
async function startServer(
  handle: (url: string, respond: Parameters<Parameters<typeof createServer>[1] & object>[1]) => void,
) {
  const seen: Seen[] = [];
  const server: Server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    handle(request.url ?? '', response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    seen,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('the private-network guard on the credentialed download path', () => {
  const emulator = useEmulator();

  it("refuses Google's redirect to storage on another loopback origin by default", async () => {
    // The emulator's Google download answers with a redirect to http://localhost:<port>/google-storage/…
    const before = emulator.server.emulator.requests.length;
    const error = await generateVideo({
      model: createGoogle({ apiKey: API_KEY, baseURL: emulator.server.baseURLs.google }).video(
        'veo-3.1-fast-generate-preview',
      ),
      prompt: `A kite over dunes ${randomUUID()}`,
      poll,
      download: createDownload(),
    }).catch((caught) => caught);
    const answered = emulator.server.emulator.requests.slice(before);
    expect(answered.some((entry) => entry.route === 'download')).toBe(true);
    expect(answered.some((entry) => String(entry.route).includes('storage'))).toBe(false);
    const messages = [error.message, error.cause?.message].join(' ');
    expect(messages).toContain('localhost');
    expect(messages).toContain('createDownload({ allowPrivateNetwork: true })');
  });
});

describe('credential headers over real HTTP', () => {
  let storage: Awaited<ReturnType<typeof startServer>>;
  let api: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    storage = await startServer((_, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4' });
      response.end(Buffer.from([1, 2, 3]));
    });
    // Another origin: same host, another port.
    api = await startServer((url, response) => {
      response.writeHead(302, {
        location: `http://localhost:${storage.port}/bucket/v.mp4${url.slice(url.indexOf('?'))}`,
      });
      response.end();
    });
  });
  afterAll(async () => {
    await api.close();
    await storage.close();
  });
  afterEach(() => vi.unstubAllGlobals());

  /** A replaced global fetch that follows redirects itself, forwarding every header (as polyfills do). */
  function redirectFollowingFetch(): typeof fetch {
    const inner = globalThis.fetch;
    return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      let url = String(input);
      for (;;) {
        const response = await inner(url, { ...init, redirect: 'manual' });
        const location = response.headers.get('location');
        if (init.redirect === 'manual' || location === null) return response;
        url = new URL(location, url).href;
      }
    }) as typeof fetch;
  }

  it.each([
    ['the default fetch', () => {}],
    ['a replaced fetch that follows redirects', () => vi.stubGlobal('fetch', redirectFollowingFetch())],
  ])('never reach another origin with %s (settings and per-call headers)', async (_, install) => {
    install();
    storage.seen.length = 0;
    const model = createOpenRouter({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${api.port}/api/v1` }).video(
      'google/veo-3.1-fast',
    );
    const response = await model.doDownload({
      video: {
        type: 'url',
        url: `http://127.0.0.1:${api.port}/api/v1/videos/1/content?index=0`,
        mediaType: 'video/mp4',
      },
      headers: { 'x-goog-api-key': 'per-call-key', 'api-key': 'per-call-key', authorization: 'Bearer per-call-key' },
      allowPrivateNetwork: true,
    });
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(new Uint8Array([1, 2, 3]));
    expect(api.seen.at(-1)!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(api.seen.at(-1)!.headers['x-goog-api-key']).toBe('per-call-key');
    expect(storage.seen).toHaveLength(1);
    const leaked = JSON.stringify(storage.seen[0]!.headers);
    expect(leaked).not.toContain(API_KEY);
    expect(leaked).not.toContain('per-call-key');
  });
});

describe('a stalled download body', () => {
  let stalling: Awaited<ReturnType<typeof startServer>>;
  let closed: Promise<void>;

  beforeAll(async () => {
    let markClosed: () => void;
    closed = new Promise((resolve) => {
      markClosed = resolve;
    });
    stalling = await startServer((_, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '1000' });
      response.write(Buffer.alloc(10)); // then nothing
      response.on('close', () => markClosed());
    });
  });
  afterAll(async () => {
    await stalling.close();
  });

  it('ends after idleTimeoutMs with a retryable DownloadIdleTimeoutError and closes the connection', async () => {
    const result = await createDownload({ allowPrivateNetwork: true, idleTimeoutMs: 200 })({
      video: { type: 'url', url: `http://127.0.0.1:${stalling.port}/v.mp4?sig=secret`, mediaType: 'video/mp4' },
    });
    const reader = result.stream.getReader();
    expect((await reader.read()).value).toHaveLength(10);
    const error = await reader.read().catch((caught) => caught);
    expect(DownloadIdleTimeoutError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(true);
    expect(error.message).not.toContain('secret');
    await closed; // the body was cancelled: the server sees its connection end
  });
});

describe('the default transport', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer((url, response) => {
      response.writeHead(url === '/moved' ? 302 : 200, { location: '/json', 'set-cookie': ['a=1', 'b=2'] });
      response.end('{"ok":1}');
    });
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('answers with standard Responses: redirects by hand, bodies, clones, network errors and aborts as fetch', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const response = await sendRequest({ url: `${base}/moved` });
    expect(response).toBeInstanceOf(Response);
    expect(response.url).toBe(`${base}/json`);
    expect(response.headers.getSetCookie()).toStrictEqual(['a=1', 'b=2']);
    const copy = response.clone();
    expect(await response.json()).toStrictEqual({ ok: 1 });
    expect(await copy.text()).toBe('{"ok":1}');
    const streamed = await sendRequest({ url: `${base}/json`, method: 'POST', body: 'x' });
    expect(await readToEnd(streamed.body!.getReader())).toHaveLength(8);

    const refused = await sendRequest({ url: 'http://127.0.0.1:9/x', credentialOrigin: 'http://127.0.0.1:9' }).catch(
      (caught) => caught,
    );
    expect(refused).toBeInstanceOf(TypeError);
    expect(isNetworkError(refused)).toBe(true);
    const reason = new Error('stop');
    await expect(sendRequest({ url: `${base}/json`, abortSignal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('uses a globalThis.fetch replaced after load (msw, a wrapper)', async () => {
    const replaced = vi.fn(async () => Response.json({ replaced: true }));
    vi.stubGlobal('fetch', replaced);
    const response = await sendRequest({ url: `http://127.0.0.1:${server.port}/json` });
    expect(await response.json()).toStrictEqual({ replaced: true });
    expect(replaced).toHaveBeenCalledTimes(1);
  });
});
