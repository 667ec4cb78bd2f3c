import { describe, expect, it } from 'vitest';
import { call, manualEmulator } from '../__fixtures__/helpers';
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
});
