import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { generateVideo } from '@videogen/core';
import { type Dispatcher, getGlobalDispatcher, ProxyAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { download, parseMp4, poll, PROVIDER_CASES, useEmulator } from './helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

/**
 * A logging HTTP proxy on 127.0.0.1. undici's `ProxyAgent` opens a `CONNECT`
 * tunnel per connection, also for `http` targets; inside the tunnel (plain
 * HTTP here) every request is read by an HTTP server of the proxy, logged
 * and forwarded, so that each request is seen, not only each tunnel.
 */
async function startLoggingProxy(): Promise<{ url: string; log: string[]; close: () => Promise<void> }> {
  const log: string[] = [];
  const forward = (target: string) => (incoming: IncomingMessage, outgoing: ServerResponse) => {
    log.push(`${incoming.method} http://${target}${incoming.url}`);
    const [hostname, port] = target.split(':');
    const forwarded = httpRequest(
      { hostname, port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  };
  const tunnels = new Set<Server>();
  const server: Server = createServer((incoming, outgoing) => {
    // Absolute-form requests (a proxy client that does not tunnel plain http).
    const target = new URL(incoming.url ?? '');
    incoming.url = target.pathname + target.search;
    forward(target.host)(incoming, outgoing);
  });
  server.on('connect', (incoming: IncomingMessage, socket: Socket) => {
    const tunnel = createServer(forward(incoming.url ?? ''));
    tunnels.add(tunnel);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    tunnel.emit('connection', socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const tunnel of tunnels) tunnel.closeAllConnections();
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
      for (const line of proxied)
        expect(line).toMatch(/^(GET|POST|PUT|DELETE) http:\/\/(127\.0\.0\.1|localhost):\d+\//);
    },
  );
});
