import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { generateVideo } from '@videogen/core';
import { type Dispatcher, getGlobalDispatcher, ProxyAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { download, parseMp4, poll, PROVIDER_CASES, useEmulator } from './helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

/**
 * A forwarding HTTP proxy on 127.0.0.1 that logs every request it forwards
 * (absolute-form `GET http://host/path`, as undici's ProxyAgent sends plain
 * `http` requests; `CONNECT` is logged and tunnelled too).
 */
async function startLoggingProxy(): Promise<{ url: string; log: string[]; close: () => Promise<void> }> {
  const log: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    log.push(`${incoming.method} ${incoming.url}`);
    const target = new URL(incoming.url ?? '');
    const forwarded = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  server.on('connect', (incoming, socket) => {
    log.push(`CONNECT ${incoming.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// The standard way to route a Node process through a proxy: undici's global dispatcher, which
// the runtime's `fetch` uses. videogen's default transport must honour it for every request.
describe('a global ProxyAgent', () => {
  const emulator = useEmulator();
  let proxy: Awaited<ReturnType<typeof startLoggingProxy>>;
  let previousDispatcher: Dispatcher;

  beforeAll(async () => {
    proxy = await startLoggingProxy();
    previousDispatcher = getGlobalDispatcher();
    setGlobalDispatcher(new ProxyAgent(proxy.url));
  });

  afterAll(async () => {
    const agent = getGlobalDispatcher();
    setGlobalDispatcher(previousDispatcher);
    await agent.close();
    await proxy.close();
  });

  it.each(PROVIDER_CASES)(
    'carries every request of a $api generation (submit, status, download)',
    async (providerCase) => {
      const prompt = `A paper boat on a puddle ${randomUUID()}`;
      const before = emulator.server.emulator.requests.filter((entry) => entry.api === providerCase.api).length;
      const proxiedBefore = proxy.log.length;

      const result = await generateVideo({
        model: providerCase.model(emulator.server),
        prompt,
        download,
        poll,
        // The status stream of fal is one long request; polling shows the status requests too.
        providerOptions: { fal: { useStatusStream: false } },
      });

      expect(parseMp4(result.video.uint8Array)).toContain('mdat');
      const answered = emulator.server.emulator.requests
        .filter((entry) => entry.api === providerCase.api)
        .slice(before);
      const routes = answered.map((entry) => entry.route);
      expect(routes).toContain(providerCase.createRoute);
      expect(routes.some((route) => providerCase.statusRoutes.includes(route))).toBe(true);
      expect(routes).toContain(providerCase.downloadRoute);
      // Every request the emulator answered came through the proxy.
      const proxied = proxy.log.slice(proxiedBefore);
      expect(proxied.length).toBe(answered.length);
      for (const line of proxied) expect(line).toMatch(/^(GET|POST|PUT|DELETE) http:\/\/127\.0\.0\.1:\d+\//);
    },
  );
});
