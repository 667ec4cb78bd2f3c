// Proof against a client nobody here wrote: Replicate's official JS SDK (`replicate@1.4.0`, pinned at
// the root), unmodified, drives the emulator's predictions API over real HTTP.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Replicate, { type ApiError, parseProgressFromLogs, validateWebhook } from 'replicate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMp4Boxes } from '../mp4-boxes';
import { type EmulatorServer, startEmulator } from '../server';
import { REPLICATE_MODELS } from './replicate';

const KEY = 'r8_replicate-sdk-test';
let server: EmulatorServer;
let client: Replicate;
let hooks: Server;
let hookUrl = '';
const deliveries: Array<{ headers: Record<string, string>; body: string }> = [];

beforeAll(async () => {
  server = await startEmulator({ jobDurationMs: 300, queueMs: 50, apiKeys: { replicate: [KEY] } });
  client = new Replicate({ auth: KEY, baseUrl: server.baseURLs.replicate, useFileOutput: false });
  hooks = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      deliveries.push({ headers: request.headers as Record<string, string>, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/replicate`;
});
afterAll(async () => {
  await server.close();
  await new Promise<void>((resolve) => hooks.close(() => resolve()));
});

describe('replicate@1.4.0 against the emulator', () => {
  it('run(owner/name) blocks with Prefer: wait and returns the output URL, a real MP4', async () => {
    const output = await client.run('bytedance/seedance-1-lite', {
      input: { prompt: 'a red fox in snow', resolution: '480p', aspect_ratio: '16:9', duration: 2 },
    });
    expect(output).toMatch(/\/replicate-delivery\/emulator\/[a-z0-9]{26}\/output\.mp4$/);
    const created = server.emulator.requests.find((entry) => entry.api === 'replicate' && entry.route === 'create');
    expect(created).toMatchObject({ method: 'POST', status: 201, authScheme: 'Bearer' });
    const video = await fetch(output as unknown as string);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(readMp4Boxes(new Uint8Array(await video.arrayBuffer())).map((box) => box.type)).toContain('moov');
  });

  it('run(owner/name:version) creates through /predictions with the version', async () => {
    const { version } = REPLICATE_MODELS['kwaivgi/kling-v2.1'];
    const output = await client.run(`kwaivgi/kling-v2.1:${version}`, {
      input: { prompt: 'a hummingbird', start_image: 'https://example.com/bird.jpg', mode: 'pro', duration: 5 },
    });
    expect(typeof output).toBe('string');
    const [job] = server.emulator.jobs.list({ api: 'replicate' }).slice(-1);
    expect(job).toMatchObject({ model: 'kwaivgi/kling-v2.1', width: 1920, height: 1080 });
  });

  it('uploads a Blob input to /files (its default file strategy) and runs with the file URL', async () => {
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], { type: 'image/png' });
    const output = await client.run('bytedance/seedance-1-lite', { input: { prompt: 'from an image', image: png } });
    expect(typeof output).toBe('string');
    expect(server.emulator.requests.some((entry) => entry.api === 'replicate' && entry.route === 'upload')).toBe(true);
    const [job] = server.emulator.jobs.list({ api: 'replicate' }).slice(-1);
    expect((job.request.input as { image: string }).image).toMatch(/\/replicate\/v1\/files\/[a-z0-9]+$/);
  });

  it('deployments.predictions.create runs a deployment (Prefer: wait=N)', async () => {
    const prediction = await client.deployments.predictions.create('acme', 'video-prod', {
      input: { prompt: 'a lighthouse', duration: 3 },
      wait: 5,
    });
    expect(prediction).toMatchObject({ status: 'succeeded', deployment: 'acme/video-prod' });
  });

  it('predictions.create, get, wait; cancel; list with paginate', async () => {
    const prediction = await client.predictions.create({
      model: 'wan-video/wan-2.5-t2v-fast',
      input: { prompt: 'a lantern festival', size: '720*1280', duration: 5 },
    });
    expect(prediction.status).toBe('starting');
    const done = await client.wait(prediction, { interval: 50 });
    expect(done).toMatchObject({ status: 'succeeded', metrics: { predict_time: expect.any(Number) } });
    // The SDK reads progress from the logs the way the emulator writes them.
    expect(parseProgressFromLogs(done)).toMatchObject({ percentage: 1 });

    const running = await client.predictions.create({ model: 'minimax/h3-highspeed', input: { prompt: 'x' } });
    const canceled = await client.predictions.cancel(running.id);
    expect(canceled.status).toBe('canceled');
    expect((await client.predictions.get(running.id)).status).toBe('canceled');

    const ids: string[] = [];
    for await (const page of client.paginate(client.predictions.list)) ids.push(...page.map((item) => item.id));
    expect(ids[0]).toBe(running.id);
    expect(ids).toContain(prediction.id);
  });

  it('edits its own output with MiniMax H3 (a reference video URL from replicate.delivery)', async () => {
    const source = (await client.run('minimax/h3-highspeed', {
      input: { prompt: 'a koi pond', ratio: '9:16', duration: 4 },
    })) as unknown as string;
    const edited = (await client.run('minimax/h3-highspeed', {
      input: { prompt: 'the koi turn gold', reference_video_urls: [source] },
    })) as unknown as string;
    const bytes = new Uint8Array(await (await fetch(edited)).arrayBuffer());
    expect(readMp4Boxes(bytes).map((box) => box.type)).toContain('mdat');
    const [job] = server.emulator.jobs.list({ api: 'replicate' }).slice(-1);
    expect(job).toMatchObject({ width: 768, height: 1366, seconds: 4 });
  });

  it('receives a signed webhook that validateWebhook accepts with the secret from webhooks.default.secret.get()', async () => {
    const { key } = await client.webhooks.default.secret.get();
    const prediction = await client.predictions.create({
      model: 'bytedance/seedance-1-lite',
      input: { prompt: 'a paper boat' },
      webhook: hookUrl,
      webhook_events_filter: ['completed'],
    });
    await client.wait(prediction, { interval: 50 });
    await server.emulator.flushWebhooks();
    const delivery = deliveries.find((entry) => JSON.parse(entry.body).id === prediction.id);
    expect(delivery).toBeDefined();
    const request = new Request(hookUrl, { method: 'POST', headers: delivery!.headers, body: delivery!.body });
    expect(await validateWebhook(request, key)).toBe(true);
    const forged = new Request(hookUrl, {
      method: 'POST',
      headers: delivery!.headers,
      body: delivery!.body.replace('succeeded', 'failed'),
    });
    expect(await validateWebhook(forged, key)).toBe(false);
  });

  it("throws the SDK's ApiError with the emulator's problem-details body (422, 401, 404)", async () => {
    const invalid = await client.predictions
      .create({ model: 'bytedance/seedance-1-lite', input: { duration: 99 } })
      .catch((error: unknown) => error);
    // ApiError is a type-only export of the SDK: check its shape.
    expect(invalid).toMatchObject({ name: 'ApiError' });
    expect((invalid as ApiError).response.status).toBe(422);
    expect((invalid as ApiError).message).toContain('prompt is required');
    const stranger = new Replicate({ auth: 'r8_wrong', baseUrl: server.baseURLs.replicate });
    const denied = await stranger.predictions.get('abc').catch((error: unknown) => error);
    expect((denied as ApiError).response.status).toBe(401);
    const missing = await client.predictions.get('doesnotexist').catch((error: unknown) => error);
    expect((missing as ApiError).response.status).toBe(404);
  });
});
