import { createEmulator } from '@videogen/emulator';
import type { VideoJob } from '@videogen/provider-spec';
import { createCallOptions } from '@videogen/provider-utils/test';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogle } from './google-provider';

// The provider against the emulator in MSW mode (the real Gemini API URLs): generate a clip, then
// extend it through the first-class sourceVideo, by the job (its file URI) and by the bytes.
const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
const mswServer = setupServer(...emulator.mswHandlers());

beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  mswServer.close();
  emulator.close();
});

const MODEL = 'veo-3.1-generate-preview';
const model = createGoogle({ apiKey: 'AIza-emulator-key' }).video(MODEL);
const poll = { google: { pollIntervalMs: 20 } };

/** The length of an MP4 in seconds, from its `mvhd` box (version 0). */
function mp4Seconds(bytes: Uint8Array): number {
  const at = Buffer.from(bytes).indexOf('mvhd');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(at + 20) / view.getUint32(at + 16);
}

async function download(url: string): Promise<Uint8Array> {
  const response = await model.doDownload({ video: { type: 'url', url, mediaType: 'video/mp4' } });
  return new Uint8Array(await response.arrayBuffer());
}

/** Starts a job and polls it to the end; the job reference and the completed status. */
async function run(options: Partial<Parameters<typeof model.doStart>[0]>) {
  const started = await model.doStart(createCallOptions({ providerOptions: poll, ...options }));
  const job: VideoJob = {
    specificationVersion: 'v3',
    provider: model.provider,
    modelId: MODEL,
    operation: started.operation,
  };
  for (;;) {
    const status = await model.doStatus({ operation: started.operation });
    if (status.status === 'completed') return { job, status, url: (status.videos[0] as { url: string }).url };
    if (status.status !== 'pending') throw new Error(`job ended ${status.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function binary(result: { videos: unknown[] }): Uint8Array {
  const video = result.videos[0] as { type: string; data: Uint8Array };
  expect(video.type).toBe('binary');
  return video.data;
}

describe('Veo video extension against the emulator (MSW mode)', () => {
  it('generates a clip, then extends it with doGenerate({ sourceVideo: { job } }): the clip plus 7 s', async () => {
    const first = await run({ prompt: 'A lighthouse at dusk', duration: 6 });
    expect(mp4Seconds(await download(first.url))).toBeCloseTo(6, 1);

    // By the job alone: the provider reads the job's status for its file URI and sends { video: { uri } }.
    const extended = await model.doGenerate(
      createCallOptions({
        prompt: 'The beam sweeps the sea',
        sourceVideo: { operation: 'extend', job: first.job },
        providerOptions: poll,
      }),
    );
    const bytes = binary(extended);
    expect(new TextDecoder().decode(bytes.slice(4, 8))).toBe('ftyp');
    expect(mp4Seconds(bytes)).toBeCloseTo(13, 1);
    const request = emulator.jobs.list({ api: 'google' }).at(-1)?.request as { instances: Array<{ video: unknown }> };
    expect(request.instances[0].video).toStrictEqual({ uri: first.url });
  });

  it("extends by the job with the completed status's metadata and its video (no status request)", async () => {
    const first = await run({ prompt: 'A fox', duration: 4 });
    const before = emulator.requests.length;
    const extended = await model.doGenerate(
      createCallOptions({
        prompt: 'It runs off',
        sourceVideo: {
          operation: 'extend',
          job: first.job,
          video: { type: 'url', url: first.url, mediaType: 'video/mp4' },
          providerMetadata: first.status.providerMetadata,
        },
        providerOptions: poll,
      }),
    );
    expect(emulator.requests[before]).toMatchObject({ route: 'create' });
    expect(mp4Seconds(binary(extended))).toBeCloseTo(11, 1);
  });

  it('extends a video given as bytes (encodedVideo)', async () => {
    const first = await run({ prompt: 'A fox', duration: 4 });
    const extended = await model.doGenerate(
      createCallOptions({
        prompt: 'It runs off',
        sourceVideo: {
          operation: 'extend',
          video: { type: 'file', mediaType: 'video/mp4', data: await download(first.url) },
        },
        providerOptions: poll,
      }),
    );
    expect(mp4Seconds(binary(extended))).toBeCloseTo(11, 1);
  });

  it("the emulator's 404 for a file that does not exist reaches the caller as the API's error", async () => {
    const job: VideoJob = {
      specificationVersion: 'v3',
      provider: model.provider,
      modelId: MODEL,
      operation: { name: `models/${MODEL}/operations/doesnotexist` },
    };
    await expect(
      model.doStart(
        createCallOptions({
          prompt: 'Continue',
          sourceVideo: {
            operation: 'extend',
            job,
            providerMetadata: {
              google: {
                operationName: `models/${MODEL}/operations/doesnotexist`,
                videoUris: ['https://generativelanguage.googleapis.com/v1beta/files/nope:download?alt=media'],
              },
            },
          },
        }),
      ),
    ).rejects.toMatchObject({ statusCode: 404 });
  });

  it('doGetDownloadUrl is undefined (the file URI needs the key)', async () => {
    const started = await model.doStart(createCallOptions({ prompt: 'A fox', providerOptions: poll }));
    await expect(model.doGetDownloadUrl({ operation: started.operation })).resolves.toBeUndefined();
  });
});

describe('listVideoModels against the emulator (MSW mode)', () => {
  it("lists the emulator's Veo models (and not its Gemini text models)", async () => {
    const catalog = await createGoogle({ apiKey: 'AIza-emulator-key' }).listVideoModels();
    expect(catalog.map((entry) => entry.modelId)).toStrictEqual([
      'veo-3.1-generate-preview',
      'veo-3.1-fast-generate-preview',
      'veo-3.1-lite-generate-preview',
      'veo-3.0-generate-001',
      'veo-3.0-fast-generate-001',
      'veo-2.0-generate-001',
    ]);
    expect(catalog[0]).toMatchObject({
      name: 'Veo 3.1',
      source: 'live',
      capabilities: { sourceVideo: [{ operation: 'extend' }] },
    });
  });
});
