import { createAlibaba as createVercelAlibaba } from '@ai-sdk/alibaba';
import { startEmulator, type EmulatorServer } from '@videogen/emulator';
import { createCallOptions } from '@videogen/provider-utils/test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Proof against a client nobody here wrote: Vercel's @ai-sdk/alibaba 1.0.61 (the last line that
// runs on Node 20; Alibaba has no official Node SDK for video), unmodified, against the emulator's
// DashScope API over real HTTP on 127.0.0.1. Never asserts on durations.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

const KEY = 'sk-interop-alibaba-key-9d1e';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulator({ jobDurationMs: 80, queueMs: 10, apiKeys: { alibaba: [KEY] } });
});
afterAll(async () => {
  await server?.close();
});

function vercelModel(modelId: string, apiKey = KEY) {
  return createVercelAlibaba({ apiKey, videoBaseURL: server.baseURLs.alibaba }).video(modelId);
}

const poll = { alibaba: { pollIntervalMs: 20 } };

async function isMp4(url: string) {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return response.status === 200 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp';
}

describe('@ai-sdk/alibaba 1.0.61 against the emulator', () => {
  it('text-to-video: async create, polling, a signed video URL on the storage origin, usage', async () => {
    const result = await vercelModel('wan2.6-t2v').doGenerate(
      createCallOptions({
        prompt: 'a lighthouse',
        resolution: '1280x720',
        duration: 5,
        seed: 7,
        providerOptions: poll,
      }),
    );
    const video = result.videos[0] as { type: 'url'; url: string };
    expect(video.type).toBe('url');
    expect(video.url.startsWith(`${server.baseURLs.alibabaStorage}/`)).toBe(true);
    expect(await isMp4(video.url)).toBe(true);
    expect(result.providerMetadata?.alibaba).toMatchObject({
      usage: { duration: 5, outputVideoDuration: 5, resolution: 720, size: '1280*720' },
    });
    const job = server.emulator.jobs.list({ api: 'alibaba' }).at(-1);
    expect(job).toMatchObject({ width: 1280, height: 720, seconds: 5, fps: 30 });
    expect(job?.request).toStrictEqual({
      model: 'wan2.6-t2v',
      input: { prompt: 'a lighthouse' },
      parameters: { size: '1280*720', duration: 5, seed: 7 },
    });
    expect(server.emulator.requests.some((entry) => entry.credentialLeak)).toBe(false);
  });

  it('image-to-video with image bytes (sent as bare base64) and a resolution tier', async () => {
    const result = await vercelModel('wan2.6-i2v-flash').doGenerate(
      createCallOptions({
        prompt: 'the beam sweeps',
        image: { type: 'file', data: PNG, mediaType: 'image/png' },
        resolution: '1920x1080',
        generateAudio: false,
        providerOptions: poll,
      }),
    );
    expect(await isMp4((result.videos[0] as { url: string }).url)).toBe(true);
    const job = server.emulator.jobs.list({ api: 'alibaba' }).at(-1);
    expect(job?.request).toMatchObject({
      input: { img_url: Buffer.from(PNG).toString('base64') },
      parameters: { resolution: '1080P', audio: false },
    });
    expect(job).toMatchObject({ width: 1920, height: 1080 });
  });

  it('wan3.0 references through input.media, and r2v reference_urls', async () => {
    await vercelModel('wan3.0-video').doGenerate(
      createCallOptions({
        prompt: 'character1 waves',
        inputReferences: [{ type: 'url', url: 'https://example.com/cat.png' }],
        aspectRatio: '9:16',
        providerOptions: poll,
      }),
    );
    expect(server.emulator.jobs.list({ api: 'alibaba' }).at(-1)?.request).toMatchObject({
      input: { media: [{ type: 'reference_image', url: 'https://example.com/cat.png' }] },
      parameters: { ratio: '9:16' },
    });
    await vercelModel('wan2.6-r2v').doGenerate(
      createCallOptions({
        prompt: 'character1 runs',
        inputReferences: [{ type: 'url', url: 'https://example.com/dog.mp4' }],
        providerOptions: poll,
      }),
    );
    expect(server.emulator.jobs.list({ api: 'alibaba' }).at(-1)?.request).toMatchObject({
      input: { reference_urls: ['https://example.com/dog.mp4'] },
    });
  });

  it('finding: 1.0.61 sends wan2.7-i2v the legacy img_url, which DashScope refuses ("must provide an image"); ours sends input.media', async () => {
    await expect(
      vercelModel('wan2.7-i2v').doGenerate(
        createCallOptions({
          prompt: 'x',
          image: { type: 'url', url: 'https://example.com/a.png' },
          providerOptions: poll,
        }),
      ),
    ).rejects.toThrow(/must provide an image/);
  });

  it('surfaces a moderated task and a wrong key the way the client reads DashScope errors', async () => {
    await expect(
      vercelModel('wan2.6-t2v').doGenerate(
        createCallOptions({ prompt: 'x [emulator:filtered]', providerOptions: poll }),
      ),
    ).rejects.toThrow(/failed.*inappropriate content/);
    await expect(
      vercelModel('wan2.6-t2v', 'sk-wrong').doGenerate(createCallOptions({ prompt: 'x', providerOptions: poll })),
    ).rejects.toThrow(/Invalid API-key provided/);
  });
});
