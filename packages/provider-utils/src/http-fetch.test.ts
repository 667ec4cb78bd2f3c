import { getEventListeners } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DownloadTooLargeError } from '@videogen/provider-spec';
import { defaultFetch, discardBody, getBodyReader, httpFetch } from './http-fetch';
import { limitBytes, readBytesWithLimit } from './limit-bytes';
import { readServerSentEvents } from './server-sent-events';
import { isRetryableError, isSubmissionRetrySafe } from './retry';

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; socket: number };
type Handler = (request: http.IncomingMessage, response: http.ServerResponse, seen: Seen) => void;

/** A loopback server that records every request and answers with the handler of its path. */
async function startServer(routes: Record<string, Handler>) {
  const requests: Seen[] = [];
  const sockets = new Map<unknown, number>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (!sockets.has(request.socket)) sockets.set(request.socket, sockets.size + 1);
      const seen: Seen = {
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        socket: sockets.get(request.socket)!,
      };
      requests.push(seen);
      const route = routes[new URL(request.url!, 'http://x').pathname];
      if (!route) {
        response.statusCode = 404;
        response.end('no route');
        return;
      }
      route(request, response, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json =
  (status: number, value: unknown, headers: Record<string, string> = {}): Handler =>
  (_, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(value));
  };

let server: Awaited<ReturnType<typeof startServer>>;
let other: Awaited<ReturnType<typeof startServer>>;
let release: (() => void) | undefined;

beforeAll(async () => {
  server = await startServer({
    '/status': json(202, { status: 'IN_PROGRESS' }, { 'x-request-id': 'req-1', 'retry-after': '3' }),
    '/echo': (_, response, seen) => json(200, { method: seen.method, body: seen.body })(_, response, seen),
    '/gzip': (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(gzipSync(JSON.stringify({ packed: 'gzip' })));
    },
    '/br': (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
      response.end(brotliCompressSync(JSON.stringify({ packed: 'br' })));
    },
    '/found': (_, response) => {
      response.writeHead(302, { location: '/echo' });
      response.end('moved');
    },
    '/temporary': (_, response) => {
      response.writeHead(307, { location: '/echo' });
      response.end();
    },
    '/away': (_, response) => {
      response.writeHead(302, { location: `${other.origin}/headers` });
      response.end();
    },
    '/loop': (_, response) => {
      response.writeHead(302, { location: '/loop' });
      response.end();
    },
    '/cookies': (_, response) => {
      response.setHeader('set-cookie', ['a=1', 'b=2']);
      response.setHeader('x-multi', ['one', 'two']);
      response.end('ok');
    },
    '/empty': (_, response) => {
      response.writeHead(204);
      response.end();
    },
    '/slow-head': (_, response) => {
      release = () => response.end('late');
    },
    '/stream': (_, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
      release = () => response.end('data: last\n\n');
    },
    '/cut': (_, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('only part of it');
      setTimeout(() => response.socket?.destroy(), 20);
    },
  });
  other = await startServer({ '/headers': (_, response, seen) => json(200, seen.headers)(_, response, seen) });
});

afterEach(() => {
  release?.();
  release = undefined;
  server.requests.length = 0;
  other.requests.length = 0;
  vi.unstubAllGlobals();
});

afterAll(async () => {
  await server.close();
  await other.close();
});

describe('httpFetch', () => {
  it('sends a GET as fetch does and maps status, headers and body', async () => {
    const response = await httpFetch(`${server.origin}/status?id=7`, {
      headers: { Authorization: 'Key secret', 'X-Custom': 'yes' },
    });

    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: '/status?id=7',
        body: '',
        headers: expect.objectContaining({
          authorization: 'Key secret',
          'x-custom': 'yes',
          accept: '*/*',
          'accept-encoding': 'gzip, deflate, br',
          'user-agent': 'node',
          connection: 'keep-alive',
        }),
      }),
    ]);
    expect(server.requests[0]!.headers['content-length']).toBeUndefined();
    expect(response.status).toBe(202);
    expect(response.ok).toBe(true);
    expect(response.statusText).toBe('Accepted');
    expect(response.url).toBe(`${server.origin}/status?id=7`);
    expect(response.redirected).toBe(false);
    expect(response.headers.get('X-Request-Id')).toBe('req-1');
    expect(Object.fromEntries([...response.headers])).toMatchObject({
      'content-type': 'application/json',
      'retry-after': '3',
      'x-request-id': 'req-1',
    });
    expect(await response.json()).toEqual({ status: 'IN_PROGRESS' });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('sends string bodies with their length and text/plain unless a content-type is given', async () => {
    await httpFetch(`${server.origin}/echo`, { method: 'post', body: 'héllo' });
    await httpFetch(`${server.origin}/echo`, {
      method: 'POST',
      headers: new Headers({ 'content-type': 'application/json' }),
      body: '{"prompt":"a cat"}',
    });
    await httpFetch(`${server.origin}/echo`, { method: 'PUT', body: new Uint8Array([104, 105]) });
    await httpFetch(`${server.origin}/echo`, { method: 'PUT' });

    expect(
      server.requests.map(({ method, body, headers }) => [
        method,
        body,
        headers['content-type'],
        headers['content-length'],
      ]),
    ).toEqual([
      ['POST', 'héllo', 'text/plain;charset=UTF-8', '6'],
      ['POST', '{"prompt":"a cat"}', 'application/json', '18'],
      ['PUT', 'hi', undefined, '2'],
      ['PUT', '', undefined, '0'],
    ]);
  });

  it('keeps the connection alive between requests', async () => {
    await (await httpFetch(`${server.origin}/status`)).text();
    await (await httpFetch(`${server.origin}/status`)).text();
    expect(server.requests.map((request) => request.socket)).toEqual([
      server.requests[0]!.socket,
      server.requests[0]!.socket,
    ]);
  });

  it('decodes gzip and br bodies', async () => {
    expect(await (await httpFetch(`${server.origin}/gzip`)).json()).toEqual({ packed: 'gzip' });
    expect(await (await httpFetch(`${server.origin}/br`)).json()).toEqual({ packed: 'br' });
  });

  it('follows redirects: 302 turns a POST into a GET without body, 307 keeps both', async () => {
    const found = await httpFetch(`${server.origin}/found`, {
      method: 'POST',
      body: 'payload',
      headers: { 'content-type': 'text/plain' },
    });
    expect(await found.json()).toEqual({ method: 'GET', body: '' });
    expect(found.redirected).toBe(true);
    expect(found.url).toBe(`${server.origin}/echo`);

    const temporary = await httpFetch(`${server.origin}/temporary`, { method: 'POST', body: 'payload' });
    expect(await temporary.json()).toEqual({ method: 'POST', body: 'payload' });
    expect(server.requests.at(-1)!.headers['content-length']).toBe('7');
  });

  it('drops every credential header on a cross-origin redirect', async () => {
    const response = await httpFetch(`${server.origin}/away`, {
      headers: {
        authorization: 'Bearer secret',
        'x-goog-api-key': 'g-key',
        'api-key': 'azure',
        cookie: 'c=1',
        'x-trace': 't-1',
      },
    });
    const seen = (await response.json()) as Record<string, string>;
    expect(seen.authorization).toBeUndefined();
    expect(seen['x-goog-api-key']).toBeUndefined();
    expect(seen['api-key']).toBeUndefined();
    expect(seen.cookie).toBeUndefined();
    expect(seen['x-trace']).toBe('t-1');
    expect(other.requests).toHaveLength(1);
  });

  it('returns the 3xx itself with redirect: "manual" and fails with redirect: "error" or a loop', async () => {
    const manual = await httpFetch(`${server.origin}/found`, { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toBe('/echo');
    expect(await manual.text()).toBe('moved');

    await expect(httpFetch(`${server.origin}/found`, { redirect: 'error' })).rejects.toThrow(
      expect.objectContaining({ name: 'TypeError', message: 'fetch failed' }),
    );
    const loop = await httpFetch(`${server.origin}/loop`).catch((error: unknown) => error);
    expect(loop).toBeInstanceOf(TypeError);
    expect(((loop as TypeError).cause as Error).message).toBe('redirect count exceeded');
    expect(server.requests.filter((request) => request.url === '/loop')).toHaveLength(21);
  });

  it('keeps set-cookie apart and joins repeated fields', async () => {
    const response = await httpFetch(`${server.origin}/cookies`);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('x-multi')).toBe('one, two');
    expect(() => (response.headers as Headers).set('x', 'y')).toThrow(TypeError);
  });

  it('has no body for 204 and HEAD', async () => {
    const empty = await httpFetch(`${server.origin}/empty`);
    expect(empty.body).toBeNull();
    expect(await empty.text()).toBe('');
    const head = await httpFetch(`${server.origin}/status`, { method: 'HEAD' });
    expect(head.body).toBeNull();
  });

  it('streams the body: a chunk is readable before the server ends', async () => {
    const response = await httpFetch(`${server.origin}/stream`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: first\n\n');
    release!();
    expect(decoder.decode((await reader.read()).value)).toBe('data: last\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('cancels a body that has fully arrived without touching the closed stream', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await httpFetch(`${server.origin}/status`);
      await new Promise((resolve) => setImmediate(resolve));
      const body = response.body!;
      await body.cancel();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const after = await httpFetch(`${server.origin}/status`);
    expect(await after.json()).toEqual({ status: 'IN_PROGRESS' });
  });

  it('clones: both copies read the whole body', async () => {
    const response = await httpFetch(`${server.origin}/status`);
    const copy = response.clone();
    expect(await copy.json()).toEqual({ status: 'IN_PROGRESS' });
    expect(await response.json()).toEqual({ status: 'IN_PROGRESS' });
  });

  it('rejects with the abort reason before, while waiting for and while reading the response', async () => {
    const reason = new Error('stop');
    await expect(httpFetch(`${server.origin}/status`, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);

    const waiting = new AbortController();
    const pending = httpFetch(`${server.origin}/slow-head`, { signal: waiting.signal });
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    waiting.abort(reason);
    await expect(pending).rejects.toBe(reason);

    const reading = new AbortController();
    const response = await httpFetch(`${server.origin}/stream`, { signal: reading.signal });
    const reader = response.body!.getReader();
    await reader.read();
    reading.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
  });

  it('holds one abort listener per call, across redirects, until the body is done or the call failed', async () => {
    const controller = new AbortController();
    const listeners = () => getEventListeners(controller.signal, 'abort').length;

    const redirected = await httpFetch(`${server.origin}/found`, { signal: controller.signal });
    expect(redirected.redirected).toBe(true);
    expect(listeners()).toBe(1);
    await redirected.json();
    await vi.waitFor(() => expect(listeners()).toBe(0));

    await httpFetch(`${server.origin}/empty`, { signal: controller.signal });
    expect(listeners()).toBe(0);

    await expect(httpFetch(`${server.origin}/loop`, { signal: controller.signal })).rejects.toThrow('fetch failed');
    expect(listeners()).toBe(0);
  });

  it('keeps an abort before the body is read for the reader (no uncaught error)', async () => {
    const reason = new Error('stop early');
    const controller = new AbortController();
    const response = await httpFetch(`${server.origin}/stream`, { signal: controller.signal });
    controller.abort(reason);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(response.text()).rejects.toBe(reason);
  });

  it('refuses a body on GET as fetch does', async () => {
    await expect(httpFetch(`${server.origin}/echo`, { body: 'x' })).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });

  it('fails like fetch when the connection is refused or cut: retryable, and a refused submission is safe to repeat', async () => {
    const closed = await startServer({});
    const origin = closed.origin;
    await closed.close();
    const refused = await httpFetch(`${origin}/x`, { method: 'POST', body: '{}' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as TypeError).message).toBe('fetch failed');
    expect(((refused as TypeError).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(isRetryableError(refused)).toBe(true);
    expect(isSubmissionRetrySafe(refused)).toBe(true);

    const cut = await httpFetch(`${server.origin}/cut`);
    const failure = await cut.text().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe('terminated');
    expect(isRetryableError(failure)).toBe(true);
  });

  it('hands calls it cannot serve the same way to the global fetch', async () => {
    const form = new FormData();
    form.append('prompt', 'a cat');
    const response = await httpFetch(`${server.origin}/echo`, { method: 'POST', body: form });
    expect(response).toBeInstanceOf(Response);
    const echoed = (await response.json()) as { body: string };
    expect(echoed.body).toContain('name="prompt"');
  });
});

describe('getBodyReader', () => {
  it('reads an httpFetch body chunk by chunk and takes it', async () => {
    const response = await httpFetch(`${server.origin}/stream`);
    const reader = getBodyReader(response)!;
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: first\n\n');
    release!();
    expect(decoder.decode((await reader.read()).value)).toBe('data: last\n\n');
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('feeds readServerSentEvents, readBytesWithLimit and limitBytes from the socket', async () => {
    const events = readServerSentEvents(await httpFetch(`${server.origin}/stream`));
    expect((await events.next()).value).toMatchObject({ data: 'first' });
    release!();
    expect((await events.next()).value).toMatchObject({ data: 'last' });
    expect((await events.next()).done).toBe(true);

    const bytes = await readBytesWithLimit(await httpFetch(`${server.origin}/status`), { maxBytes: 100 });
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({ status: 'IN_PROGRESS' });
    await expect(readBytesWithLimit(await httpFetch(`${server.origin}/status`), { maxBytes: 5 })).rejects.toThrow(
      DownloadTooLargeError,
    );

    const seen: number[] = [];
    const limited = limitBytes(await httpFetch(`${server.origin}/status`), {
      maxBytes: 100,
      onBytes: (total) => seen.push(total),
    });
    expect(await new Response(limited).json()).toEqual({ status: 'IN_PROGRESS' });
    expect(seen).toEqual([24]);
    const over = limitBytes(await httpFetch(`${server.origin}/status`), { maxBytes: 10 });
    await expect(new Response(over).text()).rejects.toThrow(DownloadTooLargeError);
  });

  it('discardBody drops a small rest and keeps the connection; a big one is cancelled', async () => {
    await discardBody(await httpFetch(`${server.origin}/status`));
    await discardBody(await httpFetch(`${server.origin}/status`));
    expect(server.requests[1]!.socket).toBe(server.requests[0]!.socket);

    await discardBody(await httpFetch(`${server.origin}/status`), 4);
    await (await httpFetch(`${server.origin}/status`)).text();
    expect(server.requests[3]!.socket).not.toBe(server.requests[2]!.socket);
  });

  it('is the web body reader for other responses', async () => {
    const reader = getBodyReader(new Response('plain'))!;
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('plain');
    expect(getBodyReader(new Response(null))).toBeNull();
  });
});

describe('defaultFetch', () => {
  it('uses httpFetch while the global fetch is Node’s own', async () => {
    const response = await defaultFetch(`${server.origin}/status`);
    expect(response).not.toBeInstanceOf(Response);
    expect(await response.json()).toEqual({ status: 'IN_PROGRESS' });
  });

  it('uses a replaced global fetch (msw, test stubs), decided on each call', async () => {
    const stub = vi.fn(async () => new Response('stubbed'));
    vi.stubGlobal('fetch', stub);
    const response = await defaultFetch(`${server.origin}/status`, { method: 'GET' });
    expect(await response.text()).toBe('stubbed');
    expect(stub).toHaveBeenCalledWith(`${server.origin}/status`, { method: 'GET' });
    expect(server.requests).toHaveLength(0);

    vi.unstubAllGlobals();
    expect(await defaultFetch(`${server.origin}/status`)).not.toBeInstanceOf(Response);
  });
});
