import { createEmulator } from '@videogen/emulator';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunway } from './runway-provider';

/** The provider against the emulator in MSW mode: Runway's real URLs, intercepted. */
describe('Runway provider against the emulator (MSW mode)', () => {
  const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
  const server = setupServer(...emulator.mswHandlers());
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => {
    server.close();
    emulator.close();
  });
  const runway = createRunway({ apiKey: 'key_msw' });

  it('generates text-to-video on the default base URL; the output comes from the media origin without the key', async () => {
    const result = await runway('veo3.1_fast').doGenerate({
      prompt: 'A paper lantern floating up',
      n: 1,
      aspectRatio: '9:16',
      duration: 4,
      resolution: undefined,
      fps: undefined,
      seed: undefined,
      image: undefined,
      frameImages: undefined,
      inputReferences: undefined,
      generateAudio: true,
      providerOptions: { runway: { pollIntervalMs: 20 } },
    });
    const [video] = result.videos;
    expect(video.type).toBe('url');
    const url = (video as { url: string }).url;
    expect(url.startsWith('https://runway-output.example.net/')).toBe(true);
    const job = emulator.jobs.list({ api: 'runway' }).at(-1);
    expect(job?.request).toStrictEqual({
      model: 'veo3.1_fast',
      promptText: 'A paper lantern floating up',
      ratio: '720:1280',
      duration: 4,
      audio: true,
    });
    expect(emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });

  it('uploads a large first frame through /v1/uploads and the storage POST, then starts image-to-video', async () => {
    const image = new Uint8Array(4_000_000);
    image.set([137, 80, 78, 71, 13, 10, 26, 10]);
    const started = await runway('gen4_turbo').doStart({
      prompt: undefined,
      n: 1,
      aspectRatio: undefined,
      resolution: '960x960',
      duration: undefined,
      fps: undefined,
      seed: undefined,
      image: { type: 'file', data: image, mediaType: 'image/png' },
      frameImages: undefined,
      inputReferences: undefined,
      generateAudio: undefined,
      providerOptions: {},
    });
    const job = emulator.jobs.get((started.operation as { id: string }).id);
    expect(job?.request.promptImage).toMatch(/^runway:\/\/uploads\/.+\/input\.png$/);
    expect([job?.width, job?.height]).toStrictEqual([960, 960]);
    const routes = emulator.requests.slice(-3).map((entry) => `${entry.route} ${entry.status} ${entry.auth.join()}`);
    expect(routes).toStrictEqual(['upload 200 authorization', 'upload 204 ', 'create 200 authorization']);
  });
});
