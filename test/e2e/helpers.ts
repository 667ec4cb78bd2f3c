import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDownload } from '@videogen/core';
import { createByteDance } from '@videogen/bytedance';
import { startEmulator, type EmulatorApi, type EmulatorRoute, type EmulatorServer } from '@videogen/emulator';
import { createFal } from '@videogen/fal';
import { createGoogle } from '@videogen/google';
import { createKling } from '@videogen/kling';
import { createOpenAI } from '@videogen/openai';
import { createOpenRouter } from '@videogen/openrouter';
import { createAlibaba } from '@videogen/alibaba';
import { createMiniMax } from '@videogen/minimax';
import { createXai } from '@videogen/xai';
import { createLuma } from '@videogen/luma';
import type { VideoModelV3 } from '@videogen/provider-spec';
import { createRunway } from '@videogen/runway';
import { createReplicate } from '@videogen/replicate';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';

export const API_KEY = 'e2e-test-key';

/** One provider as the e2e tests drive it. */
export type ProviderCase = {
  api: EmulatorApi;
  modelId: string;
  /** A fresh provider instance pointed at the emulator (only the base URL differs from production). */
  model(server: EmulatorServer): VideoModelV3;
  /** The route that creates a paid job. */
  createRoute: EmulatorRoute;
  /** The status routes (fal also streams status over SSE). */
  statusRoutes: EmulatorRoute[];
  /** The route that serves the video bytes. */
  downloadRoute: EmulatorRoute;
  canCancel: boolean;
};

export const PROVIDER_CASES: ProviderCase[] = [
  {
    api: 'openai',
    modelId: 'sora-2',
    model: (server) => createOpenAI({ apiKey: API_KEY, baseURL: server.baseURLs.openai }).video('sora-2'),
    createRoute: 'create',
    statusRoutes: ['retrieve'],
    downloadRoute: 'content',
    canCancel: false,
  },
  {
    api: 'alibaba',
    modelId: 'wan2.6-t2v',
    model: (server) => createAlibaba({ apiKey: API_KEY, baseURL: server.baseURLs.alibaba }).video('wan2.6-t2v'),
    createRoute: 'create',
    statusRoutes: ['retrieve'],
    downloadRoute: 'storage',
    canCancel: true,
  },
  {
    api: 'minimax',
    modelId: 'MiniMax-Hailuo-2.3',
    model: (server) => createMiniMax({ apiKey: API_KEY, baseURL: server.baseURLs.minimax }).video('MiniMax-Hailuo-2.3'),
    createRoute: 'create',
    // v1: the task query, then (once finished) the file retrieval that names the download URL.
    statusRoutes: ['status', 'retrieve'],
    downloadRoute: 'storage',
    canCancel: false,
  },
  {
    api: 'bytedance',
    modelId: 'seedance-1-0-pro-fast-251015',
    model: (server) =>
      createByteDance({ apiKey: API_KEY, baseURL: server.baseURLs.bytedance }).video('seedance-1-0-pro-fast-251015'),
    createRoute: 'create',
    statusRoutes: ['retrieve'],
    downloadRoute: 'media',
    canCancel: true,
  },
  {
    api: 'runway',
    modelId: 'gen4.5',
    model: (server) => createRunway({ apiKey: API_KEY, baseURL: server.baseURLs.runway }).video('gen4.5'),
    createRoute: 'create',
    statusRoutes: ['retrieve'],
    downloadRoute: 'media',
    canCancel: true,
  },
  {
    api: 'kling',
    modelId: 'kling-v2-6',
    model: (server) => createKling({ apiKey: API_KEY, baseURL: server.baseURLs.kling }).video('kling-v2-6'),
    createRoute: 'create',
    statusRoutes: ['retrieve'],
    downloadRoute: 'media',
    canCancel: false,
  },
  {
    api: 'google',
    modelId: 'veo-3.1-fast-generate-preview',
    model: (server) =>
      createGoogle({ apiKey: API_KEY, baseURL: server.baseURLs.google }).video('veo-3.1-fast-generate-preview'),
    createRoute: 'create',
    statusRoutes: ['operation'],
    downloadRoute: 'download',
    canCancel: false,
  },
  {
    api: 'fal',
    modelId: 'fal-ai/veo3.1/fast',
    model: (server) => createFal({ apiKey: API_KEY, baseURL: server.baseURLs.fal }).video('fal-ai/veo3.1/fast'),
    createRoute: 'submit',
    statusRoutes: ['status', 'stream'],
    downloadRoute: 'media',
    canCancel: true,
  },
  {
    api: 'openrouter',
    modelId: 'google/veo-3.1-fast',
    model: (server) =>
      createOpenRouter({ apiKey: API_KEY, baseURL: server.baseURLs.openrouter }).video('google/veo-3.1-fast'),
    createRoute: 'create',
    statusRoutes: ['retrieve'],
    downloadRoute: 'content',
    canCancel: false,
  },
  {
    api: 'xai',
    modelId: 'grok-imagine-video',
    model: (server) => createXai({ apiKey: API_KEY, baseURL: server.baseURLs.xai }).video('grok-imagine-video'),
    createRoute: 'create',
    statusRoutes: ['retrieve'],
    downloadRoute: 'media',
    canCancel: false,
  },
  {
    api: 'luma',
    modelId: 'ray-flash-2',
    model: (server) => createLuma({ apiKey: API_KEY, baseURL: server.baseURLs.luma }).video('ray-flash-2'),
    createRoute: 'create',
    statusRoutes: ['retrieve'],
    downloadRoute: 'media',
    canCancel: false,
  },
  {
    api: 'replicate',
    modelId: 'bytedance/seedance-1-lite',
    model: (server) =>
      createReplicate({ apiKey: API_KEY, baseURL: server.baseURLs.replicate }).video('bytedance/seedance-1-lite'),
    createRoute: 'create',
    statusRoutes: ['retrieve'],
    downloadRoute: 'media',
    canCancel: true,
  },
];

/** The downloader for the emulator: its media is on loopback, which the default refuses. */
export const download = createDownload({ allowPrivateNetwork: true });

/** Fast polling: emulator jobs take about 1.5 s. */
export const poll = { intervalMs: 100, timeoutMs: 60_000 };

/** Starts one emulator for the file (real HTTP on 127.0.0.1) and clears faults between tests. */
export function useEmulator(): { readonly server: EmulatorServer } {
  const holder: { server?: EmulatorServer } = {};
  beforeAll(async () => {
    holder.server = await startEmulator({ host: '127.0.0.1', port: 0 });
  });
  beforeEach(() => {
    holder.server?.emulator.clearFaults();
  });
  afterAll(async () => {
    await holder.server?.close();
  });
  return {
    get server() {
      if (!holder.server) throw new Error('emulator not started');
      return holder.server;
    },
  };
}

/** A temporary directory per test file. */
export function useTempDir(): { readonly path: string } {
  const holder: { path?: string } = {};
  beforeAll(async () => {
    holder.path = await mkdtemp(join(tmpdir(), 'videogen-e2e-'));
  });
  afterAll(async () => {
    if (holder.path) await rm(holder.path, { recursive: true, force: true });
  });
  return {
    get path() {
      if (!holder.path) throw new Error('temp dir not created');
      return holder.path;
    },
  };
}

/**
 * Walks the top-level MP4 boxes (32-bit and 64-bit sizes) and checks that
 * they are ftyp, moov, mdat and optional free boxes whose sizes add up to the
 * file size exactly. Returns the box types in order.
 */
export function parseMp4(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types: string[] = [];
  let offset = 0;
  while (offset < bytes.byteLength) {
    expect(offset + 8, `box header at ${offset} fits`).toBeLessThanOrEqual(bytes.byteLength);
    let size = view.getUint32(offset);
    const type = new TextDecoder('latin1').decode(bytes.subarray(offset + 4, offset + 8));
    if (size === 1) {
      size = Number(view.getBigUint64(offset + 8));
    } else if (size === 0) {
      size = bytes.byteLength - offset;
    }
    expect(size, `size of box '${type}' at ${offset}`).toBeGreaterThanOrEqual(8);
    expect(offset + size, `box '${type}' at ${offset} ends inside the file`).toBeLessThanOrEqual(bytes.byteLength);
    types.push(type);
    offset += size;
  }
  expect(offset).toBe(bytes.byteLength);
  expect(types[0]).toBe('ftyp');
  expect(types).toContain('moov');
  expect(types).toContain('mdat');
  for (const type of types) expect(['ftyp', 'moov', 'mdat', 'free', 'skip', 'uuid']).toContain(type);
  return types;
}

export async function parseMp4File(path: string): Promise<string[]> {
  return parseMp4(new Uint8Array(await readFile(path)));
}

/** Requests the emulator answered for a route of an API. */
export function requestsTo(server: EmulatorServer, api: EmulatorApi, route: EmulatorRoute) {
  return server.emulator.requests.filter((entry) => entry.api === api && entry.route === route);
}

/** Jobs the emulator created for an API since `since` (emulator clock). */
export function jobsOf(server: EmulatorServer, api: EmulatorApi, since = 0) {
  return server.emulator.jobs.list({ api }).filter((job) => job.createdAt >= since);
}

/** A collecting stream for runCli; `onWrite` sees everything written so far after each write. */
export function collector(onWrite?: (text: string) => void): {
  write(chunk: string): boolean;
  text(): string;
  isTTY: false;
} {
  let text = '';
  return {
    isTTY: false,
    write(chunk: string) {
      text += chunk;
      onWrite?.(text);
      return true;
    },
    text: () => text,
  };
}
