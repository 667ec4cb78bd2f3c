// Proof against a client nobody here wrote: fal's official client (`@fal-ai/client`, pinned at the root at
// 1.10.1), unmodified, drives the emulator (MSW mode, fal's real queue and CDN URLs): generate, extend the
// result by its CDN URL (Veo 3.1 extend-video), edit a clip sent as a data: URI (Kling O1 edit).
import { createFalClient } from '@fal-ai/client';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0 } from '../__fixtures__/helpers';
import { createEmulator } from '../emulator';
import { readMp4Boxes } from '../mp4-boxes';

let time = T0;
const emulator = createEmulator({ now: () => time });
const msw = setupServer(...emulator.mswHandlers());
let fal: ReturnType<typeof createFalClient>;
beforeAll(() => {
  msw.listen({ onUnhandledRequest: 'error' });
  // Created after msw patches fetch: the client keeps the fetch it found.
  fal = createFalClient({ credentials: 'fal-id:fal-secret' });
});
afterAll(() => {
  msw.close();
  emulator.close();
});

type VideoOutput = { video: { url: string; content_type?: string } };

/** Submits, lets the emulator's clock run the job to the end, and reads the result. */
async function run(endpointId: string, input: Record<string, unknown>): Promise<VideoOutput> {
  const { request_id } = await fal.queue.submit(endpointId, { input });
  time += 3000;
  const status = await fal.queue.status(endpointId, { requestId: request_id, logs: false });
  expect(status.status).toBe('COMPLETED');
  const { data } = await fal.queue.result(endpointId, { requestId: request_id });
  return data as VideoOutput;
}

describe('@fal-ai/client@1.10.1 against the emulator', () => {
  it('extends a result by its CDN URL (fal-ai/veo3.1/extend-video): the input plus 7 s, a real MP4', async () => {
    const first = await run('fal-ai/veo3.1', { prompt: 'A red fox in fresh snow', duration: '6s' });
    const extended = await run('fal-ai/veo3.1/extend-video', {
      prompt: 'The fox runs into the forest',
      video_url: first.video.url,
    });
    expect(emulator.jobs.list({ api: 'fal' }).at(-1)).toMatchObject({
      seconds: 13,
      model: 'fal-ai/veo3.1/extend-video',
    });
    const bytes = new Uint8Array(await (await fetch(extended.video.url)).arrayBuffer());
    expect(readMp4Boxes(bytes).some((box) => box.type === 'moov')).toBe(true);
  });

  it('edits a clip sent as a data: URI (fal-ai/kling-video/o1/video-to-video/edit): as long as the clip', async () => {
    const first = await run('fal-ai/veo3.1', { prompt: 'A red fox', duration: '4s' });
    const mp4 = Buffer.from(await (await fetch(first.video.url)).arrayBuffer());
    await run('fal-ai/kling-video/o1/video-to-video/edit', {
      prompt: 'Make it snow harder',
      video_url: `data:video/mp4;base64,${mp4.toString('base64')}`,
    });
    expect(emulator.jobs.list({ api: 'fal' }).at(-1)).toMatchObject({ seconds: 4 });
  });

  it("surfaces fal's 422 for a source URL that does not exist as a ValidationError", async () => {
    const error = await fal.queue
      .submit('fal-ai/veo3.1/extend-video', {
        input: {
          prompt: 'go',
          video_url: 'https://v3.fal.media/files/emulator/00000000-0000-0000-0000-000000000000/output.mp4',
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 422 });
    expect((error as { fieldErrors: unknown[] }).fieldErrors).toMatchObject([
      { loc: ['body', 'video_url'], type: 'file_download_error' },
    ]);
  });
});
