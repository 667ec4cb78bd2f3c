import { randomUUID } from 'node:crypto';
import { createXai as createVercelXai } from '@ai-sdk/xai';
import { startEmulator, type EmulatorServer } from '@videogen/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Proof against a client nobody here wrote: the Vercel AI SDK's xAI provider (@ai-sdk/xai 3.0.99, the
// newest line that runs on Node 20; 5.x needs Node 22), unmodified, drives the emulator over real HTTP.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulator({ host: '127.0.0.1', port: 0, jobDurationMs: 300, queueMs: 50 });
});
afterAll(async () => {
  await server?.close();
});

const model = (modelId = 'grok-imagine-video') =>
  createVercelXai({ apiKey: 'xai-interop-key', baseURL: server.baseURLs.xai }).video(modelId);

const call = (options: Record<string, unknown>) => ({
  prompt: `a paper lantern ${randomUUID()}`,
  n: 1,
  aspectRatio: undefined,
  resolution: undefined,
  duration: undefined,
  fps: undefined,
  seed: undefined,
  image: undefined,
  ...options,
  providerOptions: { xai: { pollIntervalMs: 50, ...(options.xai as object) } },
});

async function fetchMp4(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

const isMp4 = (bytes: Uint8Array) => new TextDecoder().decode(bytes.subarray(4, 8)) === 'ftyp';

describe('@ai-sdk/xai 3.0.99 against the emulator', () => {
  it('generates a video from text (202 while running, then done) with the requested length', async () => {
    const result = await model().doGenerate(call({ duration: 3, aspectRatio: '16:9' }) as never);
    const video = result.videos[0] as { type: 'url'; url: string };
    expect(video.type).toBe('url');
    expect(video.url.startsWith(server.baseURLs.xaiMedia)).toBe(true);
    expect(isMp4(await fetchMp4(video.url))).toBe(true);
    expect(result.providerMetadata?.xai).toMatchObject({ duration: 3, costInUsdTicks: 1_500_000_000 });
    const job = server.emulator.jobs.list({ api: 'xai' }).at(-1);
    expect(job).toMatchObject({ status: 'completed', seconds: 3, width: 1280, height: 720 });
    // The key only ever went to the API, never to the video host.
    expect(server.emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });

  it('sends a start image as image.url and resolution 480p', async () => {
    const image = { type: 'url', url: 'https://cdn.example.com/lantern.png' };
    const result = await model().doGenerate(call({ image, xai: { resolution: '480p' } }) as never);
    expect(result.videos).toHaveLength(1);
    expect(server.emulator.jobs.list({ api: 'xai' }).at(-1)?.request).toMatchObject({
      image: { url: 'https://cdn.example.com/lantern.png' },
      resolution: '480p',
    });
  });

  it('runs reference-to-video, edit and extension on their endpoints', async () => {
    const first = await model().doGenerate(call({ duration: 4 }) as never);
    const source = (first.videos[0] as { url: string }).url;
    await model().doGenerate(
      call({ xai: { mode: 'reference-to-video', referenceImageUrls: ['https://cdn.example.com/cat.png'] } }) as never,
    );
    await model().doGenerate(call({ xai: { mode: 'edit-video', videoUrl: source } }) as never);
    await model().doGenerate(call({ duration: 3, xai: { mode: 'extend-video', videoUrl: source } }) as never);
    const jobs = server.emulator.jobs.list({ api: 'xai' }).slice(-3);
    expect(jobs.map((job) => job.seconds)).toStrictEqual([8, 4, 7]);
    const routes = server.emulator.requests.map((entry) => entry.route).filter((route) => route !== 'retrieve');
    expect(routes.slice(-3)).toStrictEqual(['create', 'edit', 'extension']);
  });

  it('extends an inline MP4 (a data: URL) by its read length, and fails on a video the API cannot download', async () => {
    const first = await model().doGenerate(call({ duration: 3 }) as never);
    const bytes = await fetchMp4(first.videos[0].type === 'url' ? first.videos[0].url : '');
    const videoUrl = `data:video/mp4;base64,${Buffer.from(bytes).toString('base64')}`;
    await model().doGenerate(call({ duration: 2, xai: { mode: 'extend-video', videoUrl } }) as never);
    expect(server.emulator.jobs.list({ api: 'xai' }).at(-1)).toMatchObject({ seconds: 5 });
    await expect(
      model().doGenerate(
        call({ xai: { mode: 'edit-video', videoUrl: `${server.baseURLs.xaiMedia}/no-such-video.mp4` } }) as never,
      ),
    ).rejects.toThrow('Could not download the video');
  });

  it('sees a failed job as failed and a moderated one as blocked', async () => {
    await expect(model().doGenerate(call({ prompt: 'a storm [emulator:fail]' }) as never)).rejects.toThrow(
      'Video generation failed.',
    );
    await expect(model().doGenerate(call({ prompt: 'a storm [emulator:filtered]' }) as never)).rejects.toThrow(
      'content policy',
    );
  });
});
