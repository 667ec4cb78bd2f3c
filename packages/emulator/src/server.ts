import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator';

export interface StartEmulatorOptions extends Omit<EmulatorOptions, 'baseURLs' | 'matchPathOnly'> {
  /** Port to listen on. Default 0 (a free port). */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /**
   * Host name used for the "other origin" mounts (Gemini storage redirect target, fal media),
   * so that a client forwarding credentials across origins is caught. Default `localhost`
   * when `host` is `127.0.0.1`, else `127.0.0.1`.
   */
  alternateHost?: string;
  /**
   * Serve HTTPS with this key and certificate (PEM) instead of HTTP, for clients that refuse
   * an `http://` base URL (e.g. `kling-api`). The base URLs then start with `https://`; the
   * certificate must name both hosts (`127.0.0.1` and `localhost`). Default: plain HTTP.
   */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

/** Base URLs of a running emulator, to give to providers as `baseURL`. */
export interface EmulatorServerBaseURLs {
  /** `http://127.0.0.1:PORT/openai/v1` */
  openai: string;
  /** `http://127.0.0.1:PORT/google/v1beta` */
  google: string;
  /** `http://127.0.0.1:PORT/fal` (the queue host) */
  fal: string;
  /** `http://localhost:PORT/fal-media` (public result files) */
  falMedia: string;
  /** `http://127.0.0.1:PORT/openrouter/api/v1` */
  openrouter: string;
  /** `http://127.0.0.1:PORT/alibaba` (DashScope, without `/api/v1`) */
  alibaba: string;
  /** `http://localhost:PORT/alibaba-storage` (DashScope's signed video URLs) */
  alibabaStorage: string;
  /** `http://localhost:PORT/google-storage` (Gemini download redirect target) */
  googleStorage: string;
  /** `http://127.0.0.1:PORT/fal-rest/.well-known/jwks.json` */
  falJwks: string;
  /** `http://127.0.0.1:PORT/minimax` (MiniMax API host: `/v1/…` and `/v2/…`) */
  minimax: string;
  /** `http://localhost:PORT/minimax-cdn` (MiniMax download URLs) */
  minimaxStorage: string;
  /** `http://127.0.0.1:PORT/bytedance/api/v3` */
  bytedance: string;
  /** `http://localhost:PORT/bytedance-media` (Seedance videos, no key) */
  bytedanceMedia: string;
  /** `http://127.0.0.1:PORT/runway` (the SDK appends `/v1/…`) */
  runway: string;
  /** `http://localhost:PORT/runway-media` (task outputs, upload storage) */
  runwayMedia: string;
  /** `http://127.0.0.1:PORT/kling` */
  kling: string;
  /** `http://localhost:PORT/kling-cdn` (public result files) */
  klingCdn: string;
  /** `http://127.0.0.1:PORT/xai/v1` */
  xai: string;
  /** `http://localhost:PORT/xai-media` (public Grok Imagine videos) */
  xaiMedia: string;
  /** `http://127.0.0.1:PORT/luma/dream-machine/v1` */
  luma: string;
  /** `http://localhost:PORT/luma-cdn` (public video files) */
  lumaStorage: string;
  /** `http://127.0.0.1:PORT/replicate/v1` */
  replicate: string;
  /** `http://localhost:PORT/replicate-delivery` (output files, no key) */
  replicateDelivery: string;
}

export interface EmulatorServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  baseURLs: EmulatorServerBaseURLs;
  emulator: Emulator;
  /** Stops the server (open connections are closed) and the emulator's timers. */
  close(): Promise<void>;
}

/** Starts the emulator as a loopback HTTP server with every API on one port, under a path prefix. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<EmulatorServer> {
  const { port = 0, host = '127.0.0.1', alternateHost, tls, ...emulatorOptions } = options;
  let emulator: Emulator | undefined;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (!emulator) {
      res.writeHead(503).end();
      return;
    }
    void serveNode(emulator, req, res);
  };
  const server: Server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const otherHost = alternateHost ?? (hostForUrl === '127.0.0.1' ? 'localhost' : '127.0.0.1');
  const scheme = tls ? 'https' : 'http';
  const url = `${scheme}://${hostForUrl}:${address.port}`;
  const otherUrl = `${scheme}://${otherHost}:${address.port}`;
  const baseURLs: EmulatorServerBaseURLs = {
    openai: `${url}/openai/v1`,
    google: `${url}/google/v1beta`,
    fal: `${url}/fal`,
    falMedia: `${otherUrl}/fal-media`,
    openrouter: `${url}/openrouter/api/v1`,
    googleStorage: `${otherUrl}/google-storage`,
    minimax: `${url}/minimax`,
    minimaxStorage: `${otherUrl}/minimax-cdn`,
    falJwks: `${url}/fal-rest/.well-known/jwks.json`,
    alibaba: `${url}/alibaba`,
    alibabaStorage: `${otherUrl}/alibaba-storage`,
    bytedance: `${url}/bytedance/api/v3`,
    bytedanceMedia: `${otherUrl}/bytedance-media`,
    runway: `${url}/runway`,
    runwayMedia: `${otherUrl}/runway-media`,
    kling: `${url}/kling`,
    klingCdn: `${otherUrl}/kling-cdn`,
    xai: `${url}/xai/v1`,
    xaiMedia: `${otherUrl}/xai-media`,
    luma: `${url}/luma/dream-machine/v1`,
    lumaStorage: `${otherUrl}/luma-cdn`,
    replicate: `${url}/replicate/v1`,
    replicateDelivery: `${otherUrl}/replicate-delivery`,
  };
  emulator = createEmulator({ ...emulatorOptions, baseURLs, matchPathOnly: true });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const running = emulator;
  return {
    url,
    port: address.port,
    baseURLs,
    emulator: running,
    close: () => closeServer(server, sockets, running),
  };
}

function closeServer(server: Server, sockets: Set<import('node:net').Socket>, emulator: Emulator) {
  emulator.close();
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) socket.destroy();
  });
}

/** node:http -> fetch Request -> emulator -> fetch Response -> node:http, streaming both ways. */
export async function serveNode(
  emulator: Pick<Emulator, 'handle'>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client disconnected'));
  });
  let response: Response;
  try {
    const request = toRequest(req, controller.signal);
    response = await emulator.handle(request);
  } catch (error) {
    if (controller.signal.aborted) return;
    const text = JSON.stringify({ error: `@videogen/emulator internal error: ${(error as Error).message}` });
    res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    return;
  }
  if (response.type === 'error') {
    // dropped-connection fault: no status line at all
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body || req.method === 'HEAD') {
    await response.body?.cancel().catch(() => {});
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const onAbort = () => void reader.cancel().catch(() => {});
  controller.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (controller.signal.aborted) return;
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          const finish = () => {
            res.off('drain', finish);
            res.off('close', finish);
            resolve();
          };
          res.on('drain', finish);
          res.on('close', finish);
        });
      }
    }
    res.end();
  } catch {
    // the body failed mid-way (e.g. truncated-download fault): flush what was written, then
    // close the connection so the client sees fewer bytes than Content-Length
    const socket = req.socket;
    socket.end();
    setTimeout(() => socket.destroy(), 50).unref();
  } finally {
    controller.signal.removeEventListener('abort', onAbort);
  }
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const host = req.headers.host ?? 'localhost';
  const url = `http://${host}${req.url ?? '/'}`;
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined || key.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(key, item);
    else headers.set(key, value);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}
