import { createEmulator, OPENROUTER_MODELS, readMp4Boxes } from '@videogen/emulator';
import type { VideoJob, VideoModelV3GenerateResult } from '@videogen/provider-spec';
import { createCallOptions } from '@videogen/provider-utils/test';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenRouter } from './openrouter-provider';

/** The OpenRouter provider against the emulator in MSW mode: OpenRouter's real URLs, intercepted. */
describe('OpenRouter source videos and gateway operations against the emulator (MSW mode)', () => {
  const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
  const server = setupServer(...emulator.mswHandlers());
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => {
    server.close();
    emulator.close();
  });
  const openrouter = createOpenRouter({ apiKey: 'sk-or-emulator' });
  const fastPoll = { openrouter: { pollIntervalMs: 10 } };

  async function bytesOf(result: VideoModelV3GenerateResult): Promise<Uint8Array> {
    const [video] = result.videos;
    if (video.type === 'url') {
      const response = await openrouter.video('google/veo-3.1').doDownload({ video });
      return new Uint8Array(await response.arrayBuffer());
    }
    return video.type === 'base64' ? new Uint8Array(Buffer.from(video.data, 'base64')) : video.data;
  }

  it('generates, then extends (no prompt) and edits the job with previous_job_id; each result is an MP4', async () => {
    const model = openrouter.video('google/veo-3.1');
    const source = await model.doGenerate(
      createCallOptions({ prompt: 'A lighthouse at dusk', duration: 4, providerOptions: fastPoll }),
    );
    expect(readMp4Boxes(await bytesOf(source)).map((box) => box.type)).toEqual(['ftyp', 'moov', 'mdat']);
    // The job as core keeps it: the id from the completed status's metadata.
    const sourceId = source.providerMetadata?.openrouter.id as string;
    const job: VideoJob = {
      specificationVersion: 'v3',
      provider: model.provider,
      modelId: model.modelId,
      operation: { id: sourceId },
    };

    const extended = await model.doGenerate(
      createCallOptions({
        prompt: undefined,
        duration: 8,
        sourceVideo: { operation: 'extend', job },
        providerOptions: fastPoll,
      }),
    );
    expect(emulator.jobs.list({ api: 'openrouter' }).at(-1)?.request).toStrictEqual({
      model: 'google/veo-3.1',
      duration: 8,
      previous_job_id: sourceId,
    });
    expect(readMp4Boxes(await bytesOf(extended)).map((box) => box.type)).toEqual(['ftyp', 'moov', 'mdat']);

    const edited = await model.doGenerate(
      createCallOptions({
        prompt: 'Make it stormy',
        sourceVideo: { operation: 'edit', job },
        providerOptions: fastPoll,
      }),
    );
    expect(readMp4Boxes(await bytesOf(edited)).map((box) => box.type)).toEqual(['ftyp', 'moov', 'mdat']);
    expect(emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });

  it("surfaces the API's 404 for a job it does not know", async () => {
    const job: VideoJob = {
      specificationVersion: 'v3',
      provider: 'openrouter.video',
      modelId: 'google/veo-3.1',
      operation: { id: 'gen-vid-0-unknown' },
    };
    const error = await openrouter
      .video('google/veo-3.1')
      .doStart(createCallOptions({ prompt: 'x', sourceVideo: { operation: 'edit', job } }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 404 });
    expect((error as Error).message).toContain('Job gen-vid-0-unknown not found');
  });

  it('doGetDownloadUrl is undefined (the content proxy needs the key)', async () => {
    const model = openrouter.video('google/veo-3.1');
    const result = await model.doGenerate(createCallOptions({ prompt: 'x', duration: 4, providerOptions: fastPoll }));
    const operation = { id: result.providerMetadata?.openrouter.id as string };
    await expect(model.doGetDownloadUrl({ operation })).resolves.toBeUndefined();
  });

  it('listVideoModels is the emulated live catalog with per-second prices', async () => {
    const catalog = await openrouter.listVideoModels({ refresh: true });
    expect(catalog.map((entry) => entry.modelId)).toStrictEqual(OPENROUTER_MODELS.map((entry) => entry.id));
    expect(catalog[0]).toMatchObject({
      modelId: 'google/veo-3.1',
      provider: 'openrouter.video',
      name: 'Google: Veo 3.1',
      pricing: { currency: 'USD', perSecond: 0.4, details: { video_seconds: '0.4' } },
      source: 'live',
      capabilities: { durations: [4, 6, 8], sourceVideo: [{ operation: 'extend' }, { operation: 'edit' }] },
    });
  });
});
