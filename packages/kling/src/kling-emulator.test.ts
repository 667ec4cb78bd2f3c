import { createEmulator } from '@videogen/emulator';
import { createCallOptions } from '@videogen/provider-utils/test';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKling } from './kling-provider';
import { verifyKlingWebhook } from './kling-webhook';

// The provider against the emulator in MSW mode (the real base URLs): the emulator checks the
// JWT's HS256 signature with the secret key, so a wrongly signed token would be refused.
const ACCESS_KEY = 'AK-msw';
const SECRET_KEY = 'SK-msw';
const deliveries: Array<{ body: string; headers: Headers }> = [];
const emulator = createEmulator({
  jobDurationMs: 60,
  queueMs: 10,
  klingSecretKeys: { [ACCESS_KEY]: SECRET_KEY },
  fetch: async (_url, init) => {
    deliveries.push({ body: String(init?.body), headers: new Headers(init?.headers) });
    return new Response(null, { status: 200 });
  },
});
const mswServer = setupServer(...emulator.mswHandlers());

beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  mswServer.close();
  emulator.close();
});

const kling = createKling({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY });

describe('Kling provider against the emulator (MSW mode)', () => {
  it('generates a video of the requested size and length, with usage', async () => {
    const result = await kling.video('kling-v2-6').doGenerate({
      ...createCallOptions({}),
      prompt: 'A corgi surfing a wave at sunset',
      n: 1,
      resolution: '1080x1920',
      duration: 5,
      generateAudio: true,
      providerOptions: { kling: { pollIntervalMs: 20 } },
    });
    expect(result.videos).toHaveLength(1);
    const video = result.videos[0] as { type: string; url: string };
    expect(video.type).toBe('url');
    const bytes = new Uint8Array(await (await fetch(video.url)).arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(4, 8))).toBe('ftyp');
    expect(result.usage).toMatchObject({ videoSeconds: 5, billedUnits: { quantity: 2, unit: 'units' } });
    const [job] = emulator.jobs.list({ api: 'kling' });
    expect(job).toMatchObject({ width: 1080, height: 1920, seconds: 5, model: 'kling-v2-6' });
    expect(job.request).toMatchObject({ mode: 'pro', aspect_ratio: '9:16', duration: '5', sound: 'on' });
  });

  it('sends callback_url, and the emulator’s signed callback passes verifyKlingWebhook', async () => {
    const { operation } = await kling.video('kling-v2-6').doStart({
      ...createCallOptions({ prompt: 'A red fox in fresh snow' }),
      webhookUrl: 'https://hooks.example.com/kling',
    });
    const { taskId } = operation as { taskId: string };
    emulator.jobs.complete(taskId);
    await emulator.flushWebhooks();
    expect(deliveries).toHaveLength(1);
    const event = await verifyKlingWebhook({
      body: deliveries[0].body,
      headers: deliveries[0].headers,
      secret: emulator.webhookKeys.kling,
    });
    expect(event).toMatchObject({ task_id: taskId, task_status: 'succeed' });
  });

  it('reports a risk-control block as a content-filtered failure', async () => {
    const error = await kling
      .video('kling-v2-6')
      .doGenerate({
        ...createCallOptions({}),
        prompt: 'x [emulator:filtered]',
        n: 1,
        providerOptions: { kling: { pollIntervalMs: 20 } },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ contentFiltered: true, message: expect.stringMatching(/risk control/) });
  });

  it('is refused by a JWT signed with another secret (code 1000)', async () => {
    const wrong = createKling({ accessKey: ACCESS_KEY, secretKey: 'not-the-secret' });
    await expect(wrong.video('kling-v2-6').doStart({ prompt: 'x', n: 1 } as never)).rejects.toMatchObject({
      statusCode: 401,
      message: '1000: Authentication failed',
    });
  });
});
