import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { call, manualEmulator, T0 } from '../__fixtures__/helpers';
import { createEmulator } from '../emulator';
import { readMp4Boxes } from '../mp4-boxes';
import { REPLICATE_MODELS } from './replicate';

const BASE = 'https://api.replicate.com/v1';
const KEY = { authorization: 'Bearer r8_emulator-test' };
const SEEDANCE = 'bytedance/seedance-1-lite';

function create(
  emulator: Parameters<typeof call>[0],
  body: unknown,
  path = `/models/${SEEDANCE}/predictions`,
  headers: Record<string, string> = KEY,
) {
  return call(emulator, 'POST', `${BASE}${path}`, { headers, json: body });
}

const get = (emulator: Parameters<typeof call>[0], id: string) =>
  call(emulator, 'GET', `${BASE}/predictions/${id}`, { headers: KEY }).then((response) => response.json());

describe('Replicate predictions API', () => {
  it('creates by model (201, starting), runs starting → processing (tqdm logs) → succeeded, serves a real MP4 on replicate.delivery', async () => {
    const { emulator, set } = manualEmulator();
    const response = await create(emulator, {
      input: { prompt: 'a red fox', resolution: '480p', aspect_ratio: '9:16', duration: 3, fps: 24 },
    });
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toStrictEqual({
      id: expect.stringMatching(/^[a-z0-9]{26}$/),
      model: SEEDANCE,
      version: 'hidden',
      input: { prompt: 'a red fox', resolution: '480p', aspect_ratio: '9:16', duration: 3, fps: 24 },
      logs: '',
      output: null,
      data_removed: false,
      error: null,
      status: 'starting',
      source: 'api',
      created_at: '2026-05-01T12:00:00.000000Z',
      urls: {
        get: `${BASE}/predictions/${created.id}`,
        cancel: `${BASE}/predictions/${created.id}/cancel`,
        web: `https://replicate.com/p/${created.id}`,
      },
    });
    expect(emulator.jobs.get(created.id)).toMatchObject({ width: 480, height: 854, seconds: 3, fps: 24 });

    set(800);
    const running = await get(emulator, created.id);
    expect(running).toMatchObject({ status: 'processing', started_at: '2026-05-01T12:00:00.300000Z' });
    expect(running.logs).toMatch(/^Generating video...\n 25%\|██ +\| 25\/100$/);

    set(1500);
    const done = await get(emulator, created.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      output: `https://replicate.delivery/emulator/${created.id}/output.mp4`,
      completed_at: '2026-05-01T12:00:01.500000Z',
      metrics: { predict_time: 1.2, total_time: 1.5 },
    });
    const file = await call(emulator, 'GET', done.output);
    expect(file.headers.get('content-type')).toBe('video/mp4');
    expect(readMp4Boxes(new Uint8Array(await file.arrayBuffer())).map((box) => box.type)).toContain('moov');

    // Data retention: an hour after it ended, the output is gone.
    set(1500 + 60 * 60 * 1000);
    expect(await get(emulator, created.id)).toMatchObject({ output: null, data_removed: true, input: {} });
    expect((await call(emulator, 'GET', done.output)).status).toBe(404);
  });

  it('creates by version (owner/name:version or the bare id) on /predictions, 422 for an unknown version', async () => {
    const { emulator } = manualEmulator();
    const { version } = REPLICATE_MODELS[SEEDANCE];
    for (const given of [version, `${SEEDANCE}:${version}`]) {
      const response = await create(emulator, { version: given, input: { prompt: 'x' } }, '/predictions');
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ model: SEEDANCE, version, status: 'starting' });
    }
    const unknown = await create(emulator, { version: 'f'.repeat(64), input: { prompt: 'x' } }, '/predictions');
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toStrictEqual({
      title: 'Invalid version or not permitted',
      detail: "The specified version does not exist (or perhaps you don't have permission to use it?)",
      status: 422,
    });
    const missing = await create(emulator, { input: { prompt: 'x' } }, '/models/acme/nothing/predictions');
    expect(missing.status).toBe(404);
    const deployed = await create(
      emulator,
      { input: { prompt: 'x', duration: 7 } },
      '/deployments/acme/video-prod/predictions',
    );
    expect(deployed.status).toBe(201);
    const prediction = await deployed.json();
    expect(prediction).toMatchObject({ model: 'acme/video-prod', deployment: 'acme/video-prod', status: 'starting' });
    expect(emulator.jobs.get(prediction.id)).toMatchObject({ width: 1280, height: 720, seconds: 7 });
  });

  it('validates the input the way Replicate does (422, invalid_fields) and checks the token (401)', async () => {
    const { emulator } = manualEmulator({ apiKeys: { replicate: ['r8_emulator-test'] } });
    const invalid = await create(emulator, { input: { resolution: '4k', duration: 30 } });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      title: 'Input validation failed',
      detail: expect.stringContaining('- input: prompt is required\n'),
      status: 422,
      invalid_fields: expect.arrayContaining([{ type: 'invalid', field: 'input', description: 'prompt is required' }]),
    });
    const kling = await create(
      emulator,
      { input: { prompt: 'x', start_image: 'https://e.com/a.png', end_image: 'https://e.com/b.png' } },
      '/models/kwaivgi/kling-v2.1/predictions',
    );
    expect((await kling.json()).detail).toContain('end_image requires mode "pro"');
    const denied = await create(emulator, { input: { prompt: 'x' } }, undefined, { authorization: 'Bearer wrong' });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toStrictEqual({
      title: 'Unauthenticated',
      detail: 'You did not pass a valid authentication token',
      status: 401,
    });
  });

  it('reports failures and moderation as failed with the error string, cancels, and 404s unknown ids', async () => {
    const { emulator, set } = manualEmulator();
    const failed = await (await create(emulator, { input: { prompt: 'x [emulator:fail]' } })).json();
    const filtered = await (await create(emulator, { input: { prompt: 'x [emulator:filtered]' } })).json();
    const canceled = await (await create(emulator, { input: { prompt: 'x' } })).json();
    set(500);
    const cancel = await call(emulator, 'POST', `${BASE}/predictions/${canceled.id}/cancel`, { headers: KEY });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ status: 'canceled', output: null });
    set(2000);
    expect(await get(emulator, failed.id)).toMatchObject({ status: 'failed', error: expect.any(String), output: null });
    expect(await get(emulator, filtered.id)).toMatchObject({
      status: 'failed',
      error: 'ContentModerationError: Content flagged for: violence',
    });
    expect(await get(emulator, canceled.id)).toMatchObject({ status: 'canceled' });
    const missing = await call(emulator, 'GET', `${BASE}/predictions/nope`, { headers: KEY });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toStrictEqual({
      title: 'Not found',
      detail: 'The requested resource could not be found.',
      status: 404,
    });
  });

  it('aborts a prediction whose Cancel-After deadline passes before it starts', async () => {
    const { emulator, set } = manualEmulator({ queueMs: 5000, jobDurationMs: 8000 });
    const created = await (
      await create(emulator, { input: { prompt: 'x' } }, undefined, { ...KEY, 'cancel-after': '2s' })
    ).json();
    expect(created.deadline).toBe('2026-05-01T12:00:02.000000Z');
    set(2500);
    expect(await get(emulator, created.id)).toMatchObject({ status: 'aborted', output: null });
  });

  it('lists predictions newest first, 100 per page, with cursor URLs', async () => {
    const { emulator } = manualEmulator();
    const ids: string[] = [];
    for (let index = 0; index < 102; index++) {
      ids.push((await (await create(emulator, { input: { prompt: `p${index}` } })).json()).id);
    }
    const first = await (await call(emulator, 'GET', `${BASE}/predictions`, { headers: KEY })).json();
    expect(first.results).toHaveLength(100);
    expect(first.results[0].id).toBe(ids[101]);
    expect(first.previous).toBeNull();
    expect(first.next).toMatch(/^https:\/\/api\.replicate\.com\/v1\/predictions\?cursor=/);
    const second = await (await call(emulator, 'GET', first.next, { headers: KEY })).json();
    expect(second.results.map((prediction: { id: string }) => prediction.id)).toStrictEqual([ids[1], ids[0]]);
    expect(second.next).toBeNull();
    const bad = await call(emulator, 'GET', `${BASE}/predictions?cursor=%%%`, { headers: KEY });
    expect(bad.status).toBe(400);
  });

  it('edits a video of its own (MiniMax H3 reference video): the source must have succeeded, the result keeps its size', async () => {
    const { emulator, set } = manualEmulator();
    const source = await (
      await create(
        emulator,
        { input: { prompt: 'x', ratio: '9:16', duration: 5 } },
        '/models/minimax/h3-highspeed/predictions',
      )
    ).json();
    const early = await create(
      emulator,
      {
        input: {
          prompt: 'edit',
          reference_video_urls: [`https://replicate.delivery/emulator/${source.id}/output.mp4`],
        },
      },
      '/models/minimax/h3-highspeed/predictions',
    );
    expect(early.status).toBe(422);
    expect((await early.json()).detail).toContain('file could not be downloaded');
    set(2000);
    const edit = await (
      await create(
        emulator,
        {
          input: {
            prompt: 'edit',
            reference_video_urls: [`https://replicate.delivery/emulator/${source.id}/output.mp4`],
          },
        },
        '/models/minimax/h3-highspeed/predictions',
      )
    ).json();
    expect(emulator.jobs.get(edit.id)).toMatchObject({ width: 768, height: 1366, seconds: 5 });
  });

  it('takes an uploaded file (POST /files) as an input URL, and refuses a file it does not have', async () => {
    const { emulator } = manualEmulator();
    const form = new FormData();
    form.append('content', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }), 'bird.png');
    const uploaded = await call(emulator, 'POST', `${BASE}/files`, { headers: KEY, body: form });
    expect(uploaded.status).toBe(201);
    const file = await uploaded.json();
    expect(file).toMatchObject({
      name: 'bird.png',
      content_type: 'image/png',
      size: 4,
      urls: { get: `${BASE}/files/${file.id}` },
    });
    expect(await (await call(emulator, 'GET', file.urls.get, { headers: KEY })).json()).toStrictEqual(file);
    const used = await create(emulator, { input: { prompt: 'x', image: file.urls.get } });
    expect(used.status).toBe(201);
    const missing = await create(emulator, { input: { prompt: 'x', image: `${BASE}/files/nope` } });
    expect(missing.status).toBe(422);
    expect((await missing.json()).detail).toContain('input.image: file could not be downloaded');
  });

  it('answers the webhook secret and injected faults with its own bodies', async () => {
    const { emulator } = manualEmulator({ webhookSecrets: { replicate: 'whsec_dGVzdC1yZXBsaWNhdGUtc2VjcmV0' } });
    const secret = await call(emulator, 'GET', `${BASE}/webhooks/default/secret`, { headers: KEY });
    expect(await secret.json()).toStrictEqual({ key: 'whsec_dGVzdC1yZXBsaWNhdGUtc2VjcmV0' });
    emulator.injectFault({ api: 'replicate', route: 'create', fault: { type: 'rate-limit' }, times: 1 });
    const limited = await create(emulator, { input: { prompt: 'x' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toStrictEqual({
      detail: 'Request was throttled. Your rate limit resets in ~30s.',
      status: 429,
    });
  });

  it('holds a Prefer: wait request until the prediction ends', async () => {
    const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
    const done = await (
      await create(emulator, { input: { prompt: 'x' } }, undefined, { ...KEY, prefer: 'wait=5' })
    ).json();
    expect(done.status).toBe('succeeded');
    emulator.close();
  });
});

describe('Replicate webhooks', () => {
  const received: Array<{ headers: Record<string, string>; body: string }> = [];
  let server: Server;
  let url = '';
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the finished prediction to the webhook, signed with the account secret (Standard Webhooks)', async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ headers: request.headers as Record<string, string>, body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const { emulator, set } = manualEmulator();
    const created = await (
      await create(emulator, { input: { prompt: 'x' }, webhook: url, webhook_events_filter: ['completed'] })
    ).json();
    expect(created).toMatchObject({ webhook: url, webhook_events_filter: ['completed'] });
    await create(emulator, { input: { prompt: 'no completed event' }, webhook: url, webhook_events_filter: ['start'] });
    set(2000);
    await emulator.flushWebhooks();
    expect(received).toHaveLength(1);
    const { headers, body } = received[0];
    // Replicate's scheme: base64(HMAC-SHA256(base64-decoded key after whsec_, `${id}.${timestamp}.${body}`)).
    const key = Buffer.from(emulator.webhookKeys.replicate.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
      .digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor((T0 + 2000) / 1000)));
    expect(JSON.parse(body)).toMatchObject({ id: created.id, status: 'succeeded' });
    expect(received[0].headers['webhook-id']).toMatch(/^msg_/);
    emulator.close();
  });
});
