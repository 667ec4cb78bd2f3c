// Proof against a client nobody here wrote: Google's official SDK (`@google/genai`, pinned at the root at
// 2.32.0, the last line that implements generateVideos on the Gemini API), unmodified, drives the emulator
// (MSW mode, the real Gemini API URLs): generate, extend the result by its file URI, list the models.
import { GoogleGenAI, type GenerateVideosOperation } from '@google/genai';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0 } from '../__fixtures__/helpers';
import { createEmulator } from '../emulator';

let time = T0;
const emulator = createEmulator({ now: () => time, apiKeys: { google: ['AIza-genai-proof'] } });
const msw = setupServer(...emulator.mswHandlers());
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  msw.close();
  emulator.close();
});

const ai = new GoogleGenAI({ apiKey: 'AIza-genai-proof' });

async function finish(operation: GenerateVideosOperation): Promise<GenerateVideosOperation> {
  time += 2000;
  const done = await ai.operations.getVideosOperation({ operation });
  expect(done.done).toBe(true);
  return done;
}

describe('@google/genai@2.32.0 against the emulator', () => {
  it('generates a video, then extends it by its file URI (video: { uri }): the input plus 7 s', async () => {
    const first = await finish(
      await ai.models.generateVideos({
        model: 'veo-3.1-generate-preview',
        prompt: 'A paper boat on a stream',
        config: { durationSeconds: 6, aspectRatio: '16:9' },
      }),
    );
    const video = first.response?.generatedVideos?.[0]?.video;
    expect(video?.uri).toMatch(/\/v1beta\/files\/[a-z0-9]+:download\?alt=media$/);

    const extension = await ai.models.generateVideos({
      model: 'veo-3.1-generate-preview',
      prompt: 'The boat drifts under a bridge',
      video,
      config: { durationSeconds: 8 },
    });
    const job = emulator.jobs.list({ api: 'google' }).at(-1);
    expect(job?.request).toMatchObject({ instances: [{ video: { uri: video?.uri } }] });
    expect(job).toMatchObject({ seconds: 13, width: 1280, height: 720 });
    const extended = await finish(extension);
    expect(extended.response?.generatedVideos?.[0]?.video?.uri).toMatch(/\/files\//);
  });

  it("surfaces the emulator's NOT_FOUND for a file URI that is no generated file", async () => {
    await expect(
      ai.models.generateVideos({
        model: 'veo-3.1-generate-preview',
        prompt: 'Continue',
        video: { uri: 'https://generativelanguage.googleapis.com/v1beta/files/nope:download?alt=media' },
        config: { durationSeconds: 8 },
      }),
    ).rejects.toThrow(/not found/i);
  });

  it('lists the models page by page (models.list), Veo ones with predictLongRunning', async () => {
    const pager = await ai.models.list({ config: { pageSize: 3 } });
    const names: string[] = [];
    const methods: Record<string, string[]> = {};
    for await (const model of pager) {
      names.push(model.name ?? '');
      methods[model.name ?? ''] = model.supportedActions ?? [];
    }
    expect(names).toContain('models/veo-3.1-generate-preview');
    expect(names).toContain('models/gemini-2.5-flash');
    expect(methods['models/veo-3.1-generate-preview']).toStrictEqual(['predictLongRunning']);
    expect(emulator.requests.filter((entry) => entry.route === 'models').length).toBeGreaterThan(1);
  });
});
