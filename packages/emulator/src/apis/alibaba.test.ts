import { describe, expect, it } from 'vitest';
import { call, manualEmulator } from '../__fixtures__/helpers';
import { readMp4Info } from '../__fixtures__/mp4-info';
import { readMp4Boxes } from '../mp4-boxes';
import { startEmulator } from '../server';

const BASE = 'https://dashscope-intl.aliyuncs.com/api/v1';
const CREATE = `${BASE}/services/aigc/video-generation/video-synthesis`;
const KF2V = `${BASE}/services/aigc/image2video/video-synthesis`;
const AUTH = { authorization: 'Bearer sk-test', 'x-dashscope-async': 'enable' };

describe('Alibaba DashScope video synthesis API', () => {
  it('creates a task, goes PENDING -> RUNNING -> SUCCEEDED and serves the MP4 from the signed OSS URL without auth', async () => {
    const { emulator, set } = manualEmulator();
    const created = await call(emulator, 'POST', CREATE, {
      headers: AUTH,
      json: {
        model: 'wan2.6-t2v',
        input: { prompt: 'A lighthouse', negative_prompt: 'blurry' },
        parameters: { size: '1280*720', duration: 10, prompt_extend: true, seed: 1 },
      },
    });
    expect(created.status).toBe(200);
    const body = await created.json();
    expect(body).toStrictEqual({
      output: { task_status: 'PENDING', task_id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      request_id: expect.any(String),
    });
    const id = body.output.task_id;
    const task = async () => (await call(emulator, 'GET', `${BASE}/tasks/${id}`, { headers: AUTH })).json();
    expect((await task()).output).toMatchObject({ task_status: 'PENDING', submit_time: '2026-05-01 12:00:00.000' });
    set(600);
    expect((await task()).output.task_status).toBe('RUNNING');
    set(1600);
    const done = await task();
    expect(done.output).toMatchObject({
      task_id: id,
      task_status: 'SUCCEEDED',
      orig_prompt: 'A lighthouse',
      end_time: '2026-05-01 12:00:01.500',
      video_url: expect.stringMatching(
        /^https:\/\/dashscope-result-sh\.oss-accelerate\.aliyuncs\.com\/[0-9a-f-]+\.mp4\?Expires=\d+&OSSAccessKeyId=\w+&Signature=\w+$/,
      ),
    });
    expect(done.usage).toStrictEqual({
      duration: 10,
      input_video_duration: 0,
      output_video_duration: 10,
      video_count: 1,
      SR: 720,
      size: '1280*720',
    });
    expect(emulator.jobs.get(id)).toMatchObject({ width: 1280, height: 720, seconds: 10, fps: 30 });
    const video = await call(emulator, 'GET', done.output.video_url);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(readMp4Boxes(new Uint8Array(await video.arrayBuffer()))[0].type).toBe('ftyp');
    const forged = await call(emulator, 'GET', done.output.video_url.replace(/Signature=\w+/, 'Signature=x'));
    expect(forged.status).toBe(403);
    expect(emulator.requests.some((entry) => entry.credentialLeak)).toBe(false);
  });

  it('sizes image-to-video by tier, media models by tier and ratio', async () => {
    const { emulator } = manualEmulator();
    const start = async (url: string, json: unknown) =>
      (await (await call(emulator, 'POST', url, { headers: AUTH, json })).json()).output.task_id;
    const i2v = await start(CREATE, {
      model: 'wan2.6-i2v-flash',
      input: { img_url: 'iVBORw0KGgo=' },
      parameters: { resolution: '720P', duration: 3 },
    });
    expect(emulator.jobs.get(i2v)).toMatchObject({ width: 1280, height: 720, seconds: 3 });
    const kf2v = await start(KF2V, {
      model: 'wanx2.1-kf2v-plus',
      input: { first_frame_url: 'https://e.com/a.png', last_frame_url: 'data:image/png;base64,iVBORw0KGgo=' },
    });
    expect(emulator.jobs.get(kf2v)).toMatchObject({ width: 1280, height: 720, seconds: 5 });
    const media = await start(CREATE, {
      model: 'wan2.7-i2v',
      input: { prompt: 'x', media: [{ type: 'first_frame', url: 'https://e.com/a.png' }] },
      parameters: { resolution: '1080P', ratio: '9:16' },
    });
    expect(emulator.jobs.get(media)).toMatchObject({ width: 1080, height: 1920 });
    const r2v = await start(CREATE, {
      model: 'wan2.6-r2v',
      input: { prompt: 'character1 runs', reference_urls: ['https://e.com/a.png'] },
      parameters: { size: '1080*1920', duration: 5 },
    });
    expect(emulator.jobs.get(r2v)).toMatchObject({ width: 1080, height: 1920 });
  });

  it.each([
    [
      'no key',
      { 'x-dashscope-async': 'enable' },
      { model: 'wan2.6-t2v', input: { prompt: 'x' } },
      401,
      'InvalidApiKey',
    ],
    [
      'no async header',
      { authorization: 'Bearer k' },
      { model: 'wan2.6-t2v', input: { prompt: 'x' } },
      403,
      'AccessDenied',
    ],
    ['an unknown model', AUTH, { model: 'wan9', input: { prompt: 'x' } }, 400, 'InvalidParameter'],
    [
      'a size the model lacks',
      AUTH,
      { model: 'wan2.6-t2v', input: { prompt: 'x' }, parameters: { size: '832*480' } },
      400,
      'InvalidParameter',
    ],
    [
      'a duration the model lacks',
      AUTH,
      { model: 'wan2.6-t2v', input: { prompt: 'x' }, parameters: { duration: 7 } },
      400,
      'InvalidParameter',
    ],
    ['i2v without an image', AUTH, { model: 'wan2.6-i2v', input: { prompt: 'x' } }, 400, 'InvalidParameter'],
    [
      'wan2.7-i2v without a first frame',
      AUTH,
      { model: 'wan2.7-i2v', input: { prompt: 'x' } },
      400,
      'InvalidParameter',
    ],
    [
      'wan2.7-videoedit without a video',
      AUTH,
      { model: 'wan2.7-videoedit', input: { prompt: 'x' } },
      400,
      'InvalidParameter',
    ],
    [
      'a kf2v model on the video-generation path',
      AUTH,
      { model: 'wan2.2-kf2v-flash', input: { first_frame_url: 'https://e.com/a.png' } },
      400,
      'InvalidParameter',
    ],
  ])('refuses %s with DashScope error body', async (_, headers, json, status, code) => {
    const { emulator } = manualEmulator();
    const response = await call(emulator, 'POST', CREATE, { headers, json });
    expect(response.status).toBe(status);
    expect(await response.json()).toStrictEqual({ code, message: expect.any(String), request_id: expect.any(String) });
    expect(emulator.jobs.list({ api: 'alibaba' })).toHaveLength(0);
  });

  it("edits (wan2.7-videoedit `video`) and extends (wan2.7-i2v `first_clip`) an earlier task's video", async () => {
    const { emulator, set } = manualEmulator();
    const create = async (json: unknown) => call(emulator, 'POST', CREATE, { headers: AUTH, json });
    const first = (
      await (
        await create({ model: 'wan2.6-t2v', input: { prompt: 'A kite' }, parameters: { size: '1280*720' } })
      ).json()
    ).output.task_id;
    const sourceUrl = `https://dashscope-result-sh.oss-accelerate.aliyuncs.com/${first}.mp4?Expires=1&Signature=x`;
    const edit = (parameters: Record<string, unknown> = {}) =>
      create({
        model: 'wan2.7-videoedit',
        input: { prompt: 'Make it snow', media: [{ type: 'video', url: sourceUrl }] },
        parameters,
      });
    const extend = (duration: number) =>
      create({
        model: 'wan2.7-i2v',
        input: { prompt: 'It keeps flying', media: [{ type: 'first_clip', url: sourceUrl }] },
        parameters: { resolution: '720P', duration },
      });
    // Not finished yet: DashScope cannot download it.
    const early = await edit();
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({
      code: 'InvalidParameter',
      message: expect.stringContaining('download'),
    });
    set(2000);
    const edited = (await (await edit()).json()).output.task_id;
    expect(emulator.jobs.get(edited)).toMatchObject({ seconds: 5 }); // the source's length (duration 0)
    expect(emulator.jobs.get((await (await edit({ duration: 3 })).json()).output.task_id)).toMatchObject({
      seconds: 3,
    });
    expect((await edit({ duration: 8 })).status).toBe(400); // longer than the source
    expect((await extend(5)).status).toBe(400); // not longer than the clip
    const extended = (await (await extend(9)).json()).output.task_id;
    set(5000);
    const task = await (await call(emulator, 'GET', `${BASE}/tasks/${extended}`, { headers: AUTH })).json();
    const info = readMp4Info(new Uint8Array(await (await call(emulator, 'GET', task.output.video_url)).arrayBuffer()));
    expect(info.seconds).toBe(9);
    const unknown = await create({
      model: 'wan2.7-videoedit',
      input: {
        prompt: 'x',
        media: [{ type: 'video', url: 'https://dashscope-result-sh.oss-accelerate.aliyuncs.com/nope.mp4' }],
      },
    });
    expect(unknown.status).toBe(400);
  });

  it('lists tasks of the last 24 h by page_no / page_size and status, newest first', async () => {
    const { emulator, set } = manualEmulator();
    const ids: string[] = [];
    for (const prompt of ['a', 'b', 'c']) {
      const created = await call(emulator, 'POST', CREATE, {
        headers: AUTH,
        json: { model: 'wan2.6-t2v', input: { prompt } },
      });
      ids.push((await created.json()).output.task_id);
    }
    set(600);
    const page = async (query: string) => {
      const response = await call(emulator, 'GET', `${BASE}/tasks?${query}`, { headers: AUTH });
      return { status: response.status, body: await response.json() };
    };
    const first = await page('page_no=1&page_size=2');
    expect(first.body).toMatchObject({ total: 3, total_page: 2, page_no: 1, page_size: 2 });
    expect(first.body.data.map((item: { task_id: string }) => item.task_id)).toStrictEqual([ids[2], ids[1]]);
    expect(first.body.data[0]).toMatchObject({
      model_name: 'wan2.6-t2v',
      status: 'RUNNING',
      gmt_create: expect.any(Number),
      user_api_unique_key: 'apikey:v1:aigc:video-generation:video-synthesis:wan2.6-t2v',
    });
    expect((await page('page_no=2&page_size=2')).body.data).toHaveLength(1);
    // Also at /api/v1/tasks/ (the documented curl form), with a status filter.
    const slash = await call(emulator, 'GET', `${BASE}/tasks/?status=SUCCEEDED`, { headers: AUTH });
    expect((await slash.json()).data).toStrictEqual([]);
    expect((await page('start_time=20260501000000&end_time=20260503000000')).status).toBe(400);
    set(2 * 86_400_000);
    expect((await page('')).body.total).toBe(0); // older than the default 24 h window
  });

  it('rejects a wrong key when apiKeys restricts them', async () => {
    const { emulator } = manualEmulator({ apiKeys: { alibaba: ['sk-good'] } });
    const response = await call(emulator, 'GET', `${BASE}/tasks/x`, { headers: { authorization: 'Bearer sk-bad' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'InvalidApiKey', message: 'Invalid API-key provided.' });
  });

  it('reports failures, moderation, unknown tasks, and cancels only PENDING tasks', async () => {
    const { emulator, set } = manualEmulator();
    const start = async (prompt: string) =>
      (
        await (
          await call(emulator, 'POST', CREATE, { headers: AUTH, json: { model: 'wan2.6-t2v', input: { prompt } } })
        ).json()
      ).output.task_id;
    const failed = await start('[emulator:fail] x');
    const filtered = await start('[emulator:filtered] x');
    const pending = await start('x');
    const task = async (id: string) => (await call(emulator, 'GET', `${BASE}/tasks/${id}`, { headers: AUTH })).json();
    const cancel = await call(emulator, 'POST', `${BASE}/tasks/${pending}/cancel`, { headers: AUTH });
    expect(cancel.status).toBe(200);
    expect((await task(pending)).output.task_status).toBe('CANCELED');
    set(600);
    const running = await start('y');
    set(1200);
    const late = await call(emulator, 'POST', `${BASE}/tasks/${running}/cancel`, { headers: AUTH });
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ code: 'UnsupportedOperation' });
    set(5000);
    expect((await task(failed)).output).toMatchObject({ task_status: 'FAILED', code: 'InternalError.Algo' });
    expect((await task(filtered)).output).toMatchObject({
      task_status: 'FAILED',
      code: 'DataInspectionFailed',
      message: 'Output data may contain inappropriate content.',
    });
    expect(await task('00000000-0000-0000-0000-000000000000')).toMatchObject({
      output: { task_status: 'UNKNOWN' },
    });
  });

  it('applies injected faults with DashScope error bodies', async () => {
    const { emulator } = manualEmulator();
    emulator.injectFault({ api: 'alibaba', route: 'create', fault: { type: 'rate-limit' }, times: 1 });
    const limited = await call(emulator, 'POST', CREATE, {
      headers: AUTH,
      json: { model: 'wan2.6-t2v', input: { prompt: 'x' } },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ code: 'Throttling.RateQuota' });
  });

  it('serves the API and the storage on two origins in server mode; the key does not follow', async () => {
    const server = await startEmulator({ jobDurationMs: 60, queueMs: 10 });
    try {
      const created = await fetch(`${server.baseURLs.alibaba}/api/v1/services/aigc/video-generation/video-synthesis`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'wanx2.1-t2v-turbo', input: { prompt: 'x' }, parameters: { size: '832*480' } }),
      });
      const id = (await created.json()).output.task_id;
      server.emulator.jobs.complete(id);
      const task = await (
        await fetch(`${server.baseURLs.alibaba}/api/v1/tasks/${id}`, { headers: { authorization: AUTH.authorization } })
      ).json();
      expect(task.output.video_url.startsWith(`${server.baseURLs.alibabaStorage}/`)).toBe(true);
      expect(new URL(task.output.video_url).origin).not.toBe(new URL(server.baseURLs.alibaba).origin);
      const video = await fetch(task.output.video_url);
      expect(readMp4Boxes(new Uint8Array(await video.arrayBuffer()))[0].type).toBe('ftyp');
      expect(server.emulator.jobs.get(id)).toMatchObject({ width: 832, height: 480, seconds: 5, fps: 30 });
    } finally {
      await server.close();
    }
  });

  it('in server mode, edits a video by its storage link on the other origin; an unknown link is a 400', async () => {
    const server = await startEmulator({ jobDurationMs: 60, queueMs: 10 });
    try {
      const create = (json: unknown) =>
        fetch(`${server.baseURLs.alibaba}/api/v1/services/aigc/video-generation/video-synthesis`, {
          method: 'POST',
          headers: { ...AUTH, 'content-type': 'application/json' },
          body: JSON.stringify(json),
        });
      const source = (await (await create({ model: 'wan2.6-t2v', input: { prompt: 'x' } })).json()).output.task_id;
      server.emulator.jobs.complete(source);
      const edit = (url: string) =>
        create({ model: 'wan2.7-videoedit', input: { prompt: 'snow', media: [{ type: 'video', url }] } });
      const edited = await edit(`${server.baseURLs.alibabaStorage}/${source}.mp4?Expires=1`);
      expect(edited.status).toBe(200);
      const id = (await edited.json()).output.task_id;
      expect(server.emulator.jobs.get(id)).toMatchObject({ seconds: 5 });
      expect((await edit(`${server.baseURLs.alibabaStorage}/unknown.mp4`)).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
