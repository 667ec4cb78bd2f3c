/**
 * `npm start` (src/main.js) when its port is taken: a clear message, never a
 * raw EADDRINUSE stack. Run from the repository root:
 * `npx vitest run examples/react-progress`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PORT } from '../src/server.js';

const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
const TEST_TIMEOUT_MS = 60_000;

const children: ChildProcess[] = [];
const blockers: Server[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
  for (const blocker of blockers.splice(0)) await new Promise((resolve) => blocker.close(resolve));
});

/** Holds `port` on 127.0.0.1 (0 = a free one); a port already held by someone else is taken as well. */
async function occupy(port: number): Promise<number> {
  const blocker = createServer();
  try {
    await once(blocker.listen(port, '127.0.0.1'), 'listening');
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') return port;
    throw error;
  }
  blockers.push(blocker);
  return (blocker.address() as { port: number }).port;
}

function startMain(env: Record<string, string>) {
  const { PORT: _port, HOST: _host, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return { child, output: () => ({ stdout, stderr }) };
}

describe('react-progress `npm start` and its port', () => {
  it('uses port 3001 by default, not the web example’s', async () => {
    expect(DEFAULT_PORT).toBe(3001);
    const { DEFAULT_PORT: webPort } = await import('../../web-progress/src/server.js');
    expect(webPort).not.toBe(DEFAULT_PORT);
  });

  it(
    'says which port is taken and how to choose another, without a stack, when PORT is in use',
    async () => {
      const port = await occupy(0);
      const { child, output } = startMain({ PORT: String(port) });
      const [code] = await once(child, 'exit');
      const { stdout, stderr } = output();
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `react-progress: 127.0.0.1:${port} is in use. Choose another with PORT (PORT=0 picks a free one) or HOST.`,
      );
      expect(stdout).not.toContain('http://');
    },
    TEST_TIMEOUT_MS,
  );

  it('refuses a PORT that is not a port number, with a message', async () => {
    const { child, output } = startMain({ PORT: 'eighty' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output().stderr.trim()).toBe(
      'react-progress: PORT must be a port number (0 to 65535, 0 = a free one), not "eighty".',
    );
  });

  it(
    'takes a free port, and says so, when the default port is taken and PORT is not set',
    async () => {
      await occupy(DEFAULT_PORT);
      const { child, output } = startMain({});
      const exited = once(child, 'exit').then(([code]) => {
        throw new Error(`main.js exited (${code}): ${output().stderr}`);
      });
      const listening = new Promise<string>((resolve) => {
        child.stdout!.on('data', () => {
          const match = output().stdout.match(/React example: (http:\/\/127\.0\.0\.1:(\d+))/);
          if (match) resolve(match[2]);
        });
      });
      const port = await Promise.race([listening, exited]);
      expect(Number(port)).not.toBe(DEFAULT_PORT);
      expect(output().stdout).toContain(
        `react-progress: port ${DEFAULT_PORT} is in use, so the example takes a free port instead (set PORT to choose).`,
      );
      expect(output().stderr).toBe('');
    },
    TEST_TIMEOUT_MS,
  );
});
