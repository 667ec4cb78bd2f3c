// Real parts for the tests: a redis-server on a free loopback port (persistence
// off, stopped by pid), the emulator in its own process, worker processes, and
// a webhook route on a loopback HTTP server.
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer, Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { VideoJobStatus } from '../src/index';

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const rootDir = join(packagesDir, '..');

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts Debian's redis-server on a free loopback port, without persistence. */
export async function startRedis(): Promise<{ port: number; stop(): Promise<void> }> {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'redis-server is not installed. The @videogen/bullmq tests need a real Redis (BullMQ runs Lua scripts): ' +
        'run `bash scripts/install-redis.sh` (CI does this in .ci/run).',
    );
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  // Ready when it accepts a connection.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${output.join('')}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (ok) break;
    if (attempt > 200) throw new Error(`redis-server did not start: ${output.join('')}`);
    await sleep(25);
  }
  return {
    port,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` returns a truthy value (checked every 50 ms), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  what: string,
  timeoutMs = 40_000,
): Promise<Exclude<T, undefined | null | false>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Exclude<T, undefined | null | false>;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

const childDir = join(rootDir, 'node_modules', '.cache', 'videogen-bullmq-test');

/** Bundles a child script from the sources (workspace packages from src; bullmq and ioredis from node_modules). */
export async function buildChild(name: string): Promise<string> {
  mkdirSync(childDir, { recursive: true });
  const outfile = join(childDir, `${name}.mjs`);
  const aliases: Record<string, string> = {};
  for (const dir of ['core', 'fal', 'emulator', 'provider-spec', 'provider-utils']) {
    aliases[`@videogen/${dir}`] = join(packagesDir, dir, 'src/index.ts');
  }
  await build({
    entryPoints: [fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    external: ['bullmq', 'ioredis', 'msw', 'undici', 'zod', '@ai-sdk/*', 'eventsource-parser'],
    alias: aliases,
    define: { __PACKAGE_VERSION__: '"0.0.0-test"' },
  });
  return outfile;
}

/** A child process that answers `request(message)` over IPC. */
export type IpcChild = {
  child: ChildProcess;
  request<T>(message: Record<string, unknown>): Promise<T>;
};

export type EmulatorProcess = IpcChild & {
  fal: string;
  jwks: { keys: Array<{ kty: string; crv: string; x: string; kid?: string }> };
  userId: string;
  /** The fal jobs the emulator created (each one paid for). */
  jobs(): Promise<Array<{ id: string; prompt: string | undefined; status: string; webhookUrl?: string }>>;
  stop(): Promise<void>;
};

/** Starts the emulator in its own process. */
export async function startEmulatorProcess(script: string): Promise<EmulatorProcess> {
  const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const pending = new Map<number, (value: unknown) => void>();
  const ready = new Promise<{ fal: string; jwks: EmulatorProcess['jwks']; userId: string }>((resolve, reject) => {
    pending.set(0, resolve as (value: unknown) => void);
    child.once('exit', (code) => reject(new Error(`emulator process exited (${code})`)));
  });
  child.on('message', (message: { id: number; value: unknown }) => {
    pending.get(message.id)?.(message.value);
    pending.delete(message.id);
  });
  const { fal, jwks, userId } = await ready;
  const request = <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (value: unknown) => void);
      child.send({ ...message, id });
    });
  return {
    child,
    request,
    fal,
    jwks,
    userId,
    jobs: () => request({ type: 'jobs' }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export type WorkerProcess = {
  child: ChildProcess;
  /** `{ type, key }` of every event the worker reported. */
  events: Array<{ type: string; key: string }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Starts a worker process and resolves once its BullMQ workers are fetching. */
export async function startWorkerProcess(script: string, config: Record<string, unknown>): Promise<WorkerProcess> {
  const child = fork(script, [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const events: WorkerProcess['events'] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message: { type: string; event?: { type: string; key: string } }) => {
      if (message.type === 'ready') resolve();
      if (message.type === 'event' && message.event) events.push(message.event);
    });
    exited.then(({ code, signal }) => reject(new Error(`worker process exited early (${code ?? signal})`)));
  });
  return { child, events, exited };
}

/** Serves `handle(Request)` on a loopback port (a webhook route). */
export async function startHttpServer(
  handle: (request: Request) => Promise<Response>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (incoming: IncomingMessage, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    try {
      const response = await handle(
        new Request(`http://127.0.0.1${incoming.url}`, {
          method: incoming.method,
          headers,
          body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        }),
      );
      outgoing.writeHead(response.status, { 'content-type': 'application/json' });
      outgoing.end(await response.text());
    } catch (error) {
      outgoing.writeHead(500);
      outgoing.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits until the job under `key` is in `state`, and returns its status narrowed to that state. */
export function waitForState<S extends VideoJobStatus['state']>(
  queue: { get(key: string): Promise<VideoJobStatus | undefined> },
  key: string,
  state: S,
  timeoutMs?: number,
): Promise<Extract<VideoJobStatus, { state: S }>> {
  return waitFor(
    async () => {
      const status = await queue.get(key);
      return status?.state === state ? (status as Extract<VideoJobStatus, { state: S }>) : undefined;
    },
    `${key} to be ${state}`,
    timeoutMs,
  );
}
