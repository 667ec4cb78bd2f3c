import { startEmulator, type EmulatorApi, type EmulatorServer } from '@videogen/emulator';
import { createFal } from '@videogen/fal';
import { createGoogle } from '@videogen/google';
import { createOpenAI } from '@videogen/openai';
import { createOpenRouter } from '@videogen/openrouter';
import type { VideoModelV3 } from '@videogen/provider-spec';
import { afterAll, beforeAll } from 'vitest';

/** The key every test provider sends; it must never reach another origin. */
export const EMULATOR_KEY = 'interop-test-key';

/** One videogen provider pointed at the emulator (only the base URL differs from production). */
export type InteropProviderCase = {
  api: EmulatorApi;
  modelId: string;
  model(server: EmulatorServer): VideoModelV3;
  /** Provider options that make the provider's own `doGenerate` poll fast (its default is seconds). */
  fastPoll: Record<string, { pollIntervalMs: number; allowPrivateNetwork?: boolean }>;
};

export const INTEROP_PROVIDER_CASES: InteropProviderCase[] = [
  {
    api: 'fal',
    modelId: 'fal-ai/veo3.1/fast',
    model: (server) => createFal({ apiKey: EMULATOR_KEY, baseURL: server.baseURLs.fal }).video('fal-ai/veo3.1/fast'),
    fastPoll: { fal: { pollIntervalMs: 100 } },
  },
  {
    api: 'google',
    modelId: 'veo-3.1-fast-generate-preview',
    model: (server) =>
      createGoogle({ apiKey: EMULATOR_KEY, baseURL: server.baseURLs.google }).video('veo-3.1-fast-generate-preview'),
    // The emulator's Gemini storage is on localhost, another origin than the API: allow it on the doGenerate path.
    fastPoll: { google: { pollIntervalMs: 100, allowPrivateNetwork: true } },
  },
  {
    api: 'openai',
    modelId: 'sora-2',
    model: (server) => createOpenAI({ apiKey: EMULATOR_KEY, baseURL: server.baseURLs.openai }).video('sora-2'),
    fastPoll: { openai: { pollIntervalMs: 100 } },
  },
  {
    api: 'openrouter',
    modelId: 'google/veo-3.1-fast',
    model: (server) =>
      createOpenRouter({ apiKey: EMULATOR_KEY, baseURL: server.baseURLs.openrouter }).video('google/veo-3.1-fast'),
    fastPoll: { openrouter: { pollIntervalMs: 100 } },
  },
];

/** One emulator over real HTTP on 127.0.0.1 for a test file. */
export function useInteropEmulator(): { readonly server: EmulatorServer } {
  const holder: { server?: EmulatorServer } = {};
  beforeAll(async () => {
    holder.server = await startEmulator({ host: '127.0.0.1', port: 0, jobDurationMs: 600, queueMs: 100 });
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

/**
 * A fetch that maps a vendor's fixed host (e.g. `@ai-sdk/fal`'s `https://queue.fal.run`)
 * to the emulator, both ways, like a hosts-file entry: requests go to the emulator, and
 * emulator URLs in JSON answers are shown as the vendor's host (a Vercel provider sends
 * its key only to its vendor's host).
 */
export function redirectingFetch(hosts: Record<string, string>): typeof fetch {
  return async (input, init) => {
    let url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    for (const [from, to] of Object.entries(hosts)) {
      if (url.startsWith(from)) url = to + url.slice(from.length);
    }
    const response = await globalThis.fetch(url, init);
    if (!response.headers.get('content-type')?.includes('json')) return response;
    let text = await response.text();
    for (const [from, to] of Object.entries(hosts)) text = text.split(to).join(from);
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/**
 * A download in the shape the Vercel AI SDK takes (`({ url, abortSignal }) => ({ data, mediaType })`),
 * without its refusal of loopback hosts (the emulator serves public files from localhost).
 */
export async function vercelStyleDownload({ url, abortSignal }: { url: URL; abortSignal?: AbortSignal }) {
  const response = await globalThis.fetch(url, { signal: abortSignal });
  if (!response.ok) throw new Error(`Download of ${url.origin}${url.pathname} failed: HTTP ${response.status}`);
  return {
    data: new Uint8Array(await response.arrayBuffer()),
    mediaType: response.headers.get('content-type') ?? undefined,
  };
}

/** True when the bytes start an MP4 (`ftyp` box). */
export function isMp4(bytes: Uint8Array): boolean {
  return bytes.length > 8 && new TextDecoder().decode(bytes.subarray(4, 8)) === 'ftyp';
}
