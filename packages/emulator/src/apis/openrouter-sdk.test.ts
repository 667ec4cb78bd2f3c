// Proof against a client nobody here wrote: OpenRouter's official SDK (`@openrouter/sdk`, pinned at
// the root at 1.3.19), unmodified, drives the emulator's Videos API over real HTTP: the model
// listing (parsed by the SDK's own schemas), generate, poll, content, and an extension of a completed
// job with `previousJobId`.
import { OpenRouter } from '@openrouter/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMp4Boxes } from '../mp4-boxes';
import { type EmulatorServer, startEmulator } from '../server';
import { OPENROUTER_MODELS } from './openrouter';

const KEY = 'sk-or-sdk-proof';
let time = Date.UTC(2026, 4, 1);
let server: EmulatorServer;
let client: OpenRouter;

beforeAll(async () => {
  server = await startEmulator({ now: () => time, apiKeys: { openrouter: [KEY] } });
  client = new OpenRouter({ apiKey: KEY, serverURL: server.baseURLs.openrouter, retryConfig: { strategy: 'none' } });
});
afterAll(() => server.close());

async function contentBoxes(jobId: string): Promise<string[]> {
  const stream = await client.videoGeneration.getVideoContent({ jobId, index: 0 });
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return readMp4Boxes(bytes).map((box) => box.type);
}

describe('@openrouter/sdk 1.3.19 against the emulator', () => {
  it('lists the video models with their prices (the SDK parses every entry)', async () => {
    const { data } = await client.videoGeneration.listVideosModels();
    expect(data.map((model) => model.id)).toStrictEqual(OPENROUTER_MODELS.map((model) => model.id));
    expect(data[0]).toMatchObject({
      id: 'google/veo-3.1',
      supportedDurations: [4, 6, 8],
      pricingSkus: { video_seconds: '0.4' },
    });
  });

  it('generates, polls to completed, downloads, then extends the job with previousJobId', async () => {
    const created = await client.videoGeneration.generate({
      videoGenerationRequest: { model: 'google/veo-3.1', prompt: 'A lighthouse at dusk', duration: 4 },
    });
    expect(created.status).toBe('pending');
    time += 2000;
    const done = await client.videoGeneration.getGeneration({ jobId: created.id });
    expect(done.status).toBe('completed');
    expect(await contentBoxes(created.id)).toEqual(['ftyp', 'moov', 'mdat']);

    const extended = await client.videoGeneration.generate({
      videoGenerationRequest: { model: 'google/veo-3.1', previousJobId: created.id, duration: 8 },
    });
    expect(server.emulator.jobs.get(extended.id)?.request).toStrictEqual({
      model: 'google/veo-3.1',
      previous_job_id: created.id,
      duration: 8,
    });
    time += 2000;
    expect((await client.videoGeneration.getGeneration({ jobId: extended.id })).status).toBe('completed');
    expect(await contentBoxes(extended.id)).toEqual(['ftyp', 'moov', 'mdat']);
  });

  it('answers an unknown previous job with the API 404', async () => {
    const error = await client.videoGeneration
      .generate({ videoGenerationRequest: { model: 'google/veo-3.1', prompt: 'x', previousJobId: 'gen-vid-0-nope' } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 404 });
  });
});
