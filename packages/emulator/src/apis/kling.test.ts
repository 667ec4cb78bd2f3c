import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, manualEmulator, T0 } from '../__fixtures__/helpers';
import { readMp4Boxes } from '../mp4-boxes';
import { standardWebhookHeaders } from '../webhooks';

const BASE = 'https://api-singapore.klingai.com';
const ACCESS = 'AK-test';
const SECRET = 'SK-test';

function jwt(
  { iss = ACCESS, secret = SECRET, nowMs = T0, exp = 1800, nbf = -5 } = {} as {
    iss?: string;
    secret?: string;
    nowMs?: number;
    exp?: number;
    nbf?: number;
  },
) {
  const now = Math.floor(nowMs / 1000);
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ iss, exp: now + exp, nbf: now + nbf })).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

const AUTH = { authorization: `Bearer ${jwt()}` };

function create(
  emulator: Parameters<typeof call>[0],
  endpoint: string,
  body: unknown,
  headers: Record<string, string> = AUTH,
) {
  return call(emulator, 'POST', `${BASE}/v1/videos/${endpoint}`, { headers, json: body });
}

describe('Kling API', () => {
  it('creates a task, polls it through submitted/processing to succeed, and serves the MP4 publicly', async () => {
    const { emulator, set } = manualEmulator({ klingSecretKeys: { [ACCESS]: SECRET } });
    const response = await create(emulator, 'text2video', {
      model_name: 'kling-v2-6',
      prompt: 'A corgi surfing',
      mode: 'pro',
      aspect_ratio: '9:16',
      duration: '10',
      sound: 'on',
      external_task_id: 'job-42',
    });
    expect(response.status).toBe(200);
    const created = await response.json();
    expect(created).toStrictEqual({
      code: 0,
      message: 'SUCCEED',
      request_id: expect.any(String),
      data: {
        task_id: expect.stringMatching(/^\d{19}$/),
        task_status: 'submitted',
        task_status_msg: '',
        task_info: { external_task_id: 'job-42' },
        created_at: T0,
        updated_at: T0,
      },
    });
    const taskId: string = created.data.task_id;

    set(700);
    const processing = await (
      await call(emulator, 'GET', `${BASE}/v1/videos/text2video/${taskId}`, { headers: AUTH })
    ).json();
    expect(processing.data.task_status).toBe('processing');
    // by external_task_id too
    const byExternal = await (
      await call(emulator, 'GET', `${BASE}/v1/videos/text2video/job-42`, { headers: AUTH })
    ).json();
    expect(byExternal.data.task_id).toBe(taskId);
    // another family's path does not know the task
    expect((await call(emulator, 'GET', `${BASE}/v1/videos/image2video/${taskId}`, { headers: AUTH })).status).toBe(
      404,
    );

    set(1500);
    const done = await (
      await call(emulator, 'GET', `${BASE}/v1/videos/text2video/${taskId}`, { headers: AUTH })
    ).json();
    expect(done.data).toStrictEqual({
      task_id: taskId,
      task_status: 'succeed',
      task_status_msg: '',
      task_info: { external_task_id: 'job-42' },
      created_at: T0,
      updated_at: T0 + 1500,
      final_unit_deduction: '4',
      task_result: {
        videos: [
          {
            id: expect.any(String),
            url: expect.stringMatching(/^https:\/\/v15-kling-fdl\.klingai\.com\/emulator\//),
            duration: '10',
          },
        ],
      },
    });
    const file = await call(emulator, 'GET', done.data.task_result.videos[0].url);
    expect(file.status).toBe(200);
    expect(readMp4Boxes(new Uint8Array(await file.arrayBuffer())).some((box) => box.type === 'moov')).toBe(true);
    expect(emulator.jobs.get(taskId)).toMatchObject({ width: 1080, height: 1920, seconds: 10, fps: 24 });
    expect(emulator.requests.at(-1)).toMatchObject({ api: 'kling', route: 'media', credentialLeak: false });

    const listed = await (
      await call(emulator, 'GET', `${BASE}/v1/videos/text2video?pageNum=1&pageSize=30`, { headers: AUTH })
    ).json();
    expect(listed.data.map((task: { task_id: string }) => task.task_id)).toStrictEqual([taskId]);
  });

  it('checks the JWT: missing (1001), malformed (1002), bad signature (1000), not yet valid (1003), expired (1004)', async () => {
    const { emulator } = manualEmulator({ klingSecretKeys: { [ACCESS]: SECRET } });
    const body = { prompt: 'x' };
    const cases: Array<[Record<string, string>, number]> = [
      [{}, 1001],
      [{ authorization: 'Bearer not.a.jwt' }, 1002],
      [{ authorization: `Bearer ${jwt({ secret: 'wrong' })}` }, 1000],
      [{ authorization: `Bearer ${jwt({ iss: 'unknown' })}` }, 1002],
      [{ authorization: `Bearer ${jwt({ nbf: 60 })}` }, 1003],
      [{ authorization: `Bearer ${jwt({ exp: -1 })}` }, 1004],
    ];
    for (const [headers, code] of cases) {
      const response = await create(emulator, 'text2video', body, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        code,
        message: expect.any(String),
        request_id: expect.any(String),
      });
    }
    expect(emulator.jobs.list()).toHaveLength(0);
  });

  it('accepts an API key as a bearer (the newer style), restricted by apiKeys', async () => {
    const { emulator } = manualEmulator({ apiKeys: { kling: ['kling-key'] } });
    expect((await create(emulator, 'text2video', { prompt: 'x' }, { authorization: 'Bearer kling-key' })).status).toBe(
      200,
    );
    expect((await create(emulator, 'text2video', { prompt: 'x' }, { authorization: 'Bearer other' })).status).toBe(401);
  });

  it('validates bodies with Kling error codes', async () => {
    const { emulator } = manualEmulator();
    const cases: Array<[string, Record<string, unknown>, number, number]> = [
      ['text2video', { model_name: 'kling-v9' }, 404, 1203],
      ['text2video', { model_name: 'kling-v2-6' }, 400, 1201],
      ['text2video', { prompt: 'x', duration: '7' }, 400, 1201],
      ['text2video', { prompt: 'x', model_name: 'kling-v1', sound: 'on' }, 400, 1201],
      ['text2video', { prompt: 'x', model_name: 'kling-v1-5' }, 400, 1201],
      ['text2video', { prompt: 'x', camera_control: { type: 'simple', config: { zoom: 1, pan: 1 } } }, 400, 1201],
      ['text2video', { prompt: 'x', multi_shot: true, shot_type: 'intelligence' }, 400, 1201],
      ['image2video', { prompt: 'x' }, 400, 1201],
      ['image2video', { image: 'data:image/png;base64,iVBO' }, 400, 1201],
      [
        'image2video',
        { image: 'https://a/b.png', image_tail: 'iVBO', camera_control: { type: 'down_back' } },
        400,
        1201,
      ],
      ['multi-image2video', { prompt: 'x', image_list: [] }, 400, 1201],
      ['video-extend', { video_id: 'nope' }, 404, 1203],
    ];
    for (const [endpoint, body, status, code] of cases) {
      const response = await create(emulator, endpoint, body);
      expect([endpoint, body, response.status]).toStrictEqual([endpoint, body, status]);
      expect((await response.json()).code).toBe(code);
    }
  });

  it('takes image2video, multi-image2video, multi-shot and video-extend of a finished video', async () => {
    const { emulator, set } = manualEmulator();
    const i2v = await create(emulator, 'image2video', {
      model_name: 'kling-v2-1',
      image: 'https://img/a.png',
      image_tail: 'iVBORw0K',
    });
    expect(i2v.status).toBe(200);
    const multi = await create(emulator, 'multi-image2video', {
      model_name: 'kling-v1-6',
      prompt: 'x',
      image_list: [{ image: 'https://img/a.png' }, { image: 'iVBORw0K' }],
      aspect_ratio: '1:1',
    });
    expect(multi.status).toBe(200);
    const shots = await create(emulator, 'text2video', {
      model_name: 'kling-v3',
      duration: '6',
      multi_shot: true,
      shot_type: 'customize',
      multi_prompt: [
        { index: 1, prompt: 'a', duration: '2' },
        { index: 2, prompt: 'b', duration: '4' },
      ],
    });
    expect(shots.status).toBe(200);
    const multiId = (await multi.json()).data.task_id;
    expect(emulator.jobs.get(multiId)).toMatchObject({ width: 720, height: 720 });

    set(1500);
    const done = await (
      await call(emulator, 'GET', `${BASE}/v1/videos/multi-image2video/${multiId}`, { headers: AUTH })
    ).json();
    const extend = await create(emulator, 'video-extend', {
      video_id: done.data.task_result.videos[0].id,
      prompt: 'more',
    });
    expect(extend.status).toBe(200);
    const extended = emulator.jobs.get((await extend.json()).data.task_id);
    expect(extended).toMatchObject({ model: 'kling-v1-6', seconds: 9, width: 720, height: 720 });
  });

  it('video-extend: the source video must exist (1203), be under 3 minutes and 30 days old; the result is longer', async () => {
    const { emulator, set } = manualEmulator();
    const source = await (await create(emulator, 'text2video', { model_name: 'kling-v2-6', prompt: 'x' })).json();
    const sourceId: string = source.data.task_id;
    expect(await (await create(emulator, 'video-extend', { video_id: 'no-such-video' })).json()).toStrictEqual({
      code: 1203,
      message: 'video_id does not exist',
      request_id: expect.any(String),
    });
    set(1500);
    const done = await (
      await call(emulator, 'GET', `${BASE}/v1/videos/text2video/${sourceId}`, { headers: AUTH })
    ).json();
    const video = done.data.task_result.videos[0];
    const pendingExtend = await (await create(emulator, 'video-extend', { video_id: video.id })).json();
    expect(pendingExtend.data.task_info).toStrictEqual({
      parent_video: { id: video.id, url: video.url, duration: '5' },
    });
    set(3000);
    const extended = await (
      await call(emulator, 'GET', `${BASE}/v1/videos/video-extend/${pendingExtend.data.task_id}`, { headers: AUTH })
    ).json();
    expect(extended.data.task_result.videos[0].duration).toBe('9');
    const file = await call(emulator, 'GET', extended.data.task_result.videos[0].url);
    expect(readMp4Boxes(new Uint8Array(await file.arrayBuffer())).some((box) => box.type === 'moov')).toBe(true);
    expect(emulator.jobs.get(pendingExtend.data.task_id)).toMatchObject({ seconds: 9, width: 1280, height: 720 });

    // Extend the extensions until the video reaches 3 minutes: then Kling refuses.
    let time = 3000;
    let last = extended.data.task_result.videos[0];
    for (let seconds = 9; seconds < 180; seconds += 4) {
      const next = await (await create(emulator, 'video-extend', { video_id: last.id })).json();
      time += 1500;
      set(time);
      last = (
        await (
          await call(emulator, 'GET', `${BASE}/v1/videos/video-extend/${next.data.task_id}`, { headers: AUTH })
        ).json()
      ).data.task_result.videos[0];
    }
    expect(last.duration).toBe('181');
    const tooLong = await create(emulator, 'video-extend', { video_id: last.id });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({
      code: 1201,
      message: 'The video to extend must be shorter than 3 minutes',
    });

    // After Kling's 30 days the video is gone: not on the CDN, not extendable.
    const thirtyDays = 30 * 24 * 3600 * 1000;
    set(thirtyDays);
    expect((await call(emulator, 'GET', video.url)).status).toBe(404);
    const later = { authorization: `Bearer ${jwt({ nowMs: T0 + thirtyDays })}` };
    expect((await create(emulator, 'video-extend', { video_id: video.id }, later)).status).toBe(404);
  });

  it('lists each family newest first with pageNum/pageSize, and refuses pages out of range (1201)', async () => {
    const { emulator } = manualEmulator();
    const ids: string[] = [];
    for (const prompt of ['a', 'b', 'c']) {
      ids.push((await (await create(emulator, 'text2video', { prompt })).json()).data.task_id);
    }
    await create(emulator, 'image2video', { image: 'https://img/a.png' });
    const page = async (query: string) =>
      (await call(emulator, 'GET', `${BASE}/v1/videos/text2video?${query}`, { headers: AUTH })).json();
    const first = await page('pageNum=1&pageSize=2');
    expect(first).toMatchObject({ code: 0, message: 'SUCCEED' });
    expect(first.data.map((task: { task_id: string }) => task.task_id)).toStrictEqual([ids[2], ids[1]]);
    expect((await page('pageNum=2&pageSize=2')).data.map((task: { task_id: string }) => task.task_id)).toStrictEqual([
      ids[0],
    ]);
    expect((await page('pageNum=3&pageSize=2')).data).toStrictEqual([]);
    const refused = await call(emulator, 'GET', `${BASE}/v1/videos/text2video?pageNum=1&pageSize=501`, {
      headers: AUTH,
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 1201 });
    expect((await call(emulator, 'GET', `${BASE}/v1/videos/text2video?pageNum=1`)).status).toBe(401);
  });

  it('reports failures and risk-control blocks in task_status_msg', async () => {
    const { emulator, set } = manualEmulator();
    const failed = (await (await create(emulator, 'text2video', { prompt: 'x [emulator:fail]' })).json()).data.task_id;
    const filtered = (await (await create(emulator, 'text2video', { prompt: 'x [emulator:filtered]' })).json()).data
      .task_id;
    set(2000);
    const get = async (id: string) =>
      (await (await call(emulator, 'GET', `${BASE}/v1/videos/text2video/${id}`, { headers: AUTH })).json()).data;
    expect(await get(failed)).toMatchObject({
      task_status: 'failed',
      task_status_msg: expect.stringMatching(/failed/),
    });
    expect(await get(filtered)).toMatchObject({
      task_status: 'failed',
      task_status_msg: 'Failure to pass the risk control system',
    });
  });

  it('answers injected faults with Kling error bodies', async () => {
    const { emulator } = manualEmulator();
    emulator.injectFault({ api: 'kling', route: 'create', fault: { type: 'rate-limit' }, times: 1 });
    const limited = await create(emulator, 'text2video', { prompt: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ code: 1302 });
  });

  it('posts a signed legacy callback (flat task) to callback_url', async () => {
    const received: Array<{ url: string; headers: Headers; body: string }> = [];
    const { emulator, set } = manualEmulator({
      webhookSecrets: { kling: 'whsec_dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0MTI=' },
      fetch: async (url, init) => {
        received.push({ url: String(url), headers: new Headers(init?.headers), body: String(init?.body) });
        return new Response(null, { status: 200 });
      },
    });
    await create(emulator, 'text2video', { prompt: 'x', callback_url: 'https://hooks.example.com/kling' });
    set(1600);
    await emulator.flushWebhooks();
    expect(received).toHaveLength(1);
    const payload = JSON.parse(received[0].body);
    expect(payload).toMatchObject({ task_status: 'succeed', task_result: { videos: [{ url: expect.any(String) }] } });
    expect(payload).not.toHaveProperty('code');
    const headers = standardWebhookHeaders(
      emulator.webhookKeys.kling,
      received[0].headers.get('webhook-id')!,
      Number(received[0].headers.get('webhook-timestamp')),
      received[0].body,
    );
    expect(received[0].headers.get('webhook-signature')).toBe(headers['webhook-signature']);
  });
});
