import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMp4Info } from '../__fixtures__/mp4-info';
import { createEmulator } from '../emulator';

// MSW mode: the real BytePlus URLs, intercepted in-process.
const emulator = createEmulator({ jobDurationMs: 100, queueMs: 10 });
const mswServer = setupServer(...emulator.mswHandlers());
beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  mswServer.close();
  emulator.close();
});

describe('ByteDance Ark in MSW mode', () => {
  it('serves the real BytePlus API and storage URLs', async () => {
    const tasks = 'https://ark.ap-southeast.bytepluses.com/api/v3/contents/generations/tasks';
    const auth = { authorization: 'Bearer ark-msw' };
    const created = await fetch(tasks, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'dreamina-seedance-2-0-fast-260128',
        content: [{ type: 'text', text: 'msw' }],
        ratio: '1:1',
        resolution: '480p',
        duration: 4,
      }),
    });
    const { id } = await created.json();
    emulator.jobs.complete(id);
    const task = await (await fetch(`${tasks}/${id}`, { headers: auth })).json();
    expect(task).toMatchObject({ status: 'succeeded', ratio: '1:1', resolution: '480p', duration: 4 });
    expect(new URL(task.content.video_url).origin).toBe(
      'https://ark-content-generation-ap-southeast-1.tos-ap-southeast-1.volces.com',
    );
    const info = readMp4Info(new Uint8Array(await (await fetch(task.content.video_url)).arrayBuffer()));
    expect([info.trackWidth, info.trackHeight, info.seconds, info.fps]).toStrictEqual([480, 480, 4, 24]);
  });
});
