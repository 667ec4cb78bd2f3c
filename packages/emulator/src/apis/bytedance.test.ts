import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, manualEmulator } from '../__fixtures__/helpers';
import { readMp4Info } from '../__fixtures__/mp4-info';
import { startEmulator } from '../server';

const BASE = 'https://ark.ap-southeast.bytepluses.com/api/v3';
const TASKS = `${BASE}/contents/generations/tasks`;
const MEDIA = 'https://ark-content-generation-ap-southeast-1.tos-ap-southeast-1.volces.com';
const AUTH = { authorization: 'Bearer ark-test' };

async function create(emulator: Parameters<typeof call>[0], json: unknown) {
  return call(emulator, 'POST', TASKS, { headers: AUTH, json });
}

describe('ByteDance Ark content-generation tasks API', () => {
  it('creates a task, runs queued -> running -> succeeded, reports tokens and serves an MP4 of the requested size without a key', async () => {
    const { emulator, set } = manualEmulator();
    const response = await create(emulator, {
      model: 'seedance-1-5-pro-251215',
      content: [{ type: 'text', text: 'A paper boat' }],
      resolution: '480p',
      ratio: '9:16',
      duration: 4,
      seed: 7,
      return_last_frame: true,
    });
    expect(response.status).toBe(200);
    const { id, ...rest } = await response.json();
    expect(id).toMatch(/^cgt-\d{14}-[a-z0-9]{5}$/);
    expect(rest).toStrictEqual({});

    const get = async () => (await call(emulator, 'GET', `${TASKS}/${id}`, { headers: AUTH })).json();
    expect(await get()).toMatchObject({ id, status: 'queued', model: 'seedance-1-5-pro-251215' });
    set(600);
    const runningTask = await get();
    expect(runningTask).toMatchObject({ status: 'running', service_tier: 'default', execution_expires_after: 172800 });
    expect(runningTask).not.toHaveProperty('content');
    set(1500);
    const done = await get();
    const tokens = Math.round((4 * 480 * 854 * 24) / 1024);
    expect(done).toStrictEqual({
      id,
      model: 'seedance-1-5-pro-251215',
      status: 'succeeded',
      content: {
        video_url: `${MEDIA}/ark-emulator/${id}/video.mp4?X-Tos-Expires=86400`,
        last_frame_url: `${MEDIA}/ark-emulator/${id}/last-frame.png?X-Tos-Expires=86400`,
      },
      usage: { completion_tokens: tokens, total_tokens: tokens },
      created_at: expect.any(Number),
      updated_at: expect.any(Number),
      seed: 7,
      resolution: '480p',
      ratio: '9:16',
      duration: 4,
      framespersecond: 24,
      generate_audio: true,
      draft: false,
      service_tier: 'default',
      execution_expires_after: 172800,
    });

    const video = await call(emulator, 'GET', done.content.video_url);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    const info = readMp4Info(new Uint8Array(await video.arrayBuffer()));
    expect([info.trackWidth, info.trackHeight, info.fps, info.seconds]).toStrictEqual([480, 854, 24, 4]);
    const frame = await call(emulator, 'GET', done.content.last_frame_url);
    expect(frame.headers.get('content-type')).toBe('image/png');
    // The storage origin takes no key: a client that sends one is caught in the request log.
    await call(emulator, 'GET', done.content.video_url, { headers: AUTH });
    expect(emulator.requests.at(-1)?.credentialLeak).toBe(true);
  });

  it('checks the key (401 AuthenticationError in the Ark envelope)', async () => {
    const { emulator } = manualEmulator({ apiKeys: { bytedance: ['good'] } });
    for (const headers of [{}, { authorization: 'Bearer bad' }] as Array<Record<string, string>>) {
      const response = await call(emulator, 'POST', TASKS, { headers, json: { model: 'x', content: [] } });
      expect(response.status).toBe(401);
      expect(await response.json()).toStrictEqual({
        error: {
          code: 'AuthenticationError',
          message: expect.stringMatching(/missing or invalid\. Request id: 0217[0-9a-f]+$/),
          type: 'Unauthorized',
        },
      });
    }
  });

  it('validates the body as Ark does (400 InvalidParameter / MissingParameter, 404 unknown model)', async () => {
    const { emulator } = manualEmulator();
    const text = { type: 'text', text: 'x' };
    const image = (role?: string) => ({
      type: 'image_url',
      image_url: { url: 'https://example.com/a.png' },
      ...(role ? { role } : {}),
    });
    const cases: Array<[unknown, number, string]> = [
      [{ content: [text] }, 400, 'MissingParameter'],
      [{ model: 'seedance-9', content: [text] }, 404, 'InvalidEndpointOrModel.NotFound'],
      [{ model: 'seedance-1-0-pro-250528', content: [text], duration: 13 }, 400, 'InvalidParameter'],
      [{ model: 'seedance-1-0-pro-250528', content: [text], resolution: '4k' }, 400, 'InvalidParameter'],
      [{ model: 'seedance-1-0-pro-250528', content: [text], ratio: '2:1' }, 400, 'InvalidParameter'],
      [{ model: 'seedance-1-0-pro-250528', content: [text], frames: 30 }, 400, 'InvalidParameter'],
      [{ model: 'seedance-1-5-pro-251215', content: [text], frames: 29 }, 400, 'InvalidParameter'],
      [{ model: 'seedance-1-0-pro-250528', content: [text, image('last_frame')] }, 400, 'InvalidParameter'],
      [
        { model: 'dreamina-seedance-2-0-260128', content: [text, image('first_frame'), image('reference_image')] },
        400,
        'InvalidParameter',
      ],
      [{ model: 'seedance-1-0-pro-250528', content: [text, image('reference_image')] }, 400, 'InvalidParameter'],
      [{ model: 'seedance-1-0-lite-i2v-250428', content: [text] }, 400, 'InvalidParameter'],
      [{ model: 'dreamina-seedance-2-0-260128', content: [text], service_tier: 'flex' }, 400, 'InvalidParameter'],
      [{ model: 'dreamina-seedance-2-0-260128', content: [text], draft: true }, 400, 'InvalidParameter'],
      [
        {
          model: 'dreamina-seedance-2-0-260128',
          content: [
            text,
            { type: 'audio_url', audio_url: { url: 'https://example.com/a.mp3' }, role: 'reference_audio' },
          ],
        },
        400,
        'InvalidParameter',
      ],
    ];
    for (const [body, status, code] of cases) {
      const response = await create(emulator, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((await response.json()).error.code, JSON.stringify(body)).toBe(code);
    }
    // A single image without a role is the first frame; references with video on 2.0; frames on 1.0.
    for (const body of [
      { model: 'seedance-1-0-pro-250528', content: [text, image()] },
      { model: 'seedance-1-0-pro-250528', content: [text], frames: 121 },
      {
        model: 'dreamina-seedance-2-0-260128',
        content: [
          text,
          image('reference_image'),
          { type: 'video_url', video_url: { url: 'https://example.com/v.mp4' }, role: 'reference_video' },
          { type: 'audio_url', audio_url: { url: 'https://example.com/a.mp3' }, role: 'reference_audio' },
        ],
        duration: -1,
      },
    ]) {
      expect((await create(emulator, body)).status, JSON.stringify(body)).toBe(200);
    }
  });

  it('reports failures and moderation as failed tasks with Ark codes', async () => {
    const { emulator, set } = manualEmulator();
    const failed = await (
      await create(emulator, { model: 'seedance-1-0-pro-250528', content: [{ type: 'text', text: '[emulator:fail]' }] })
    ).json();
    const filtered = await (
      await create(emulator, {
        model: 'seedance-1-0-pro-250528',
        content: [{ type: 'text', text: '[emulator:filtered]' }],
      })
    ).json();
    set(1500);
    const read = async (id: string) => (await call(emulator, 'GET', `${TASKS}/${id}`, { headers: AUTH })).json();
    expect(await read(failed.id)).toMatchObject({ status: 'failed', error: { code: 'InternalServiceError' } });
    expect(await read(filtered.id)).toMatchObject({
      status: 'failed',
      error: { code: 'OutputVideoSensitiveContentDetected', message: expect.stringContaining('Request id:') },
    });
    expect(await read(filtered.id)).not.toHaveProperty('content');
  });

  it('cancels a queued task, refuses a running one, deletes a finished one; lists tasks', async () => {
    const { emulator, set } = manualEmulator();
    const body = { model: 'seedance-1-0-pro-250528', content: [{ type: 'text', text: 'x' }] };
    const queued = (await (await create(emulator, body)).json()).id;
    const del = (id: string) => call(emulator, 'DELETE', `${TASKS}/${id}`, { headers: AUTH });
    const cancelled = await del(queued);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toStrictEqual({});
    const get = (id: string) => call(emulator, 'GET', `${TASKS}/${id}`, { headers: AUTH });
    expect(await (await get(queued)).json()).toMatchObject({ status: 'cancelled' });
    expect((await del(queued)).status).toBe(400);

    const other = (await (await create(emulator, body)).json()).id;
    set(600);
    expect((await del(other)).status).toBe(400);
    const list = await (
      await call(emulator, 'GET', `${TASKS}?page_num=1&page_size=10&filter.status=running`, { headers: AUTH })
    ).json();
    expect(list).toStrictEqual({ items: [expect.objectContaining({ id: other, status: 'running' })], total: 1 });
    set(2200);
    expect((await del(other)).status).toBe(200);
    expect((await get(other)).status).toBe(404);
  });

  it("extends / edits an earlier task's video (video_url, reference_video): the source must exist and have succeeded", async () => {
    const { emulator, set } = manualEmulator();
    const model = 'dreamina-seedance-2-0-fast-260128';
    const first = (
      await (await create(emulator, { model, content: [{ type: 'text', text: 'a boat' }], duration: 4 })).json()
    ).id;
    const sourceUrl = `${MEDIA}/ark-emulator/${first}/video.mp4?X-Tos-Expires=86400`;
    const extend = (url: string) =>
      create(emulator, {
        model,
        content: [
          { type: 'text', text: 'Extend video 1' },
          { type: 'video_url', video_url: { url }, role: 'reference_video' },
        ],
        duration: 6,
      });
    // Not finished yet: Ark cannot download it.
    const early = await extend(sourceUrl);
    expect(early.status).toBe(400);
    expect((await early.json()).error).toMatchObject({
      code: 'InvalidParameter',
      param: 'content[1].video_url.url',
      type: 'BadRequest',
    });
    const unknown = await extend(`${MEDIA}/ark-emulator/cgt-20260501120000-zzzzz/video.mp4`);
    expect(unknown.status).toBe(400);
    set(2200);
    const extended = await extend(sourceUrl);
    expect(extended.status).toBe(200);
    const { id } = await extended.json();
    set(5000);
    const task = await (await call(emulator, 'GET', `${TASKS}/${id}`, { headers: AUTH })).json();
    expect(task).toMatchObject({ status: 'succeeded', duration: 6 });
    const info = readMp4Info(new Uint8Array(await (await call(emulator, 'GET', task.content.video_url)).arrayBuffer()));
    expect(info.seconds).toBe(6);
  });

  it('pages the list by page_num / page_size, newest first, with the total', async () => {
    const { emulator } = manualEmulator();
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      const body = { model: 'seedance-1-0-pro-250528', content: [{ type: 'text', text: `x${index}` }] };
      ids.push((await (await create(emulator, body)).json()).id);
    }
    const page = async (query: string) => (await call(emulator, 'GET', `${TASKS}?${query}`, { headers: AUTH })).json();
    expect(await page('page_num=1&page_size=2')).toMatchObject({
      items: [{ id: ids[2] }, { id: ids[1] }],
      total: 3,
    });
    expect(await page('page_num=2&page_size=2')).toMatchObject({ items: [{ id: ids[0] }], total: 3 });
    const bad = await call(emulator, 'GET', `${TASKS}?page_size=501`, { headers: AUTH });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'InvalidParameter', param: 'page_size' });
  });

  it('injects faults in the Ark error envelope', async () => {
    const { emulator } = manualEmulator();
    emulator.injectFault({ api: 'bytedance', route: 'create', fault: { type: 'rate-limit' }, times: 1 });
    const limited = await create(emulator, {
      model: 'seedance-1-0-pro-250528',
      content: [{ type: 'text', text: 'x' }],
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await limited.json()).error).toMatchObject({
      code: 'RateLimitExceeded.EndpointRPMExceeded',
      type: 'TooManyRequests',
    });
  });
});

describe('ByteDance callbacks and server mode', () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('posts the task object to callback_url (unsigned, as Ark) when the task ends', async () => {
    const { emulator, set } = manualEmulator();
    const callbackUrl = `${receiverUrl}/ark?videogen_token=s3cret`;
    const { id } = await (
      await create(emulator, {
        model: 'seedance-1-0-pro-250528',
        content: [{ type: 'text', text: 'x' }],
        callback_url: callbackUrl,
      })
    ).json();
    set(1500);
    await emulator.flushWebhooks();
    const hook = received.find((entry) => entry.body.includes(id));
    expect(hook?.path).toBe('/ark?videogen_token=s3cret');
    expect(hook?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hook?.body ?? '{}')).toMatchObject({
      id,
      status: 'succeeded',
      content: { video_url: expect.any(String) },
    });
  });

  it('serves the API over HTTP with the video on the other origin', async () => {
    const server = await startEmulator();
    try {
      const response = await fetch(`${server.baseURLs.bytedance}/contents/generations/tasks`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'seedance-1-0-pro-250528', content: [{ type: 'text', text: 'x' }] }),
      });
      const { id } = await response.json();
      server.emulator.jobs.complete(id);
      const task = await (
        await fetch(`${server.baseURLs.bytedance}/contents/generations/tasks/${id}`, { headers: AUTH })
      ).json();
      expect(task.content.video_url).toBe(
        `${server.baseURLs.bytedanceMedia}/ark-emulator/${id}/video.mp4?X-Tos-Expires=86400`,
      );
      const video = await fetch(task.content.video_url);
      expect(video.status).toBe(200);
      expect(readMp4Info(new Uint8Array(await video.arrayBuffer())).trackHeight).toBe(720);
    } finally {
      await server.close();
    }
  });
});
