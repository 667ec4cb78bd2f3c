import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateVideo } from '@videogen/core';
import { createFal, verifyFalWebhook } from '@videogen/fal';
import { createOpenRouter, verifyOpenRouterWebhook } from '@videogen/openrouter';
import { createLuma, verifyLumaWebhook, withLumaCallbackToken } from '@videogen/luma';
import { createReplicate, getReplicateWebhookJob, verifyReplicateWebhook } from '@videogen/replicate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_KEY, download, parseMp4, useEmulator } from './helpers';

// Generous: real HTTP, real timers, a busy CI machine. Never assert on durations.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

type Delivery = { path: string; body: string; headers: IncomingHttpHeaders };

/** A tiny webhook receiver on 127.0.0.1: records each delivery by path and answers 200. */
function useReceiver() {
  let server: Server;
  let url = '';
  const waiting = new Map<string, (delivery: Delivery) => void>();
  const received: Delivery[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const delivery = {
          path: request.url ?? '/',
          body: Buffer.concat(chunks).toString('utf8'),
          headers: request.headers,
        };
        received.push(delivery);
        waiting.get(delivery.path.split('?')[0])?.(delivery); // a hook URL may carry a query (Luma's token)
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    received,
    /** A fresh hook URL and a promise of its first delivery. */
    hook() {
      const path = `/hooks/${randomUUID()}`;
      const delivery = new Promise<Delivery>((resolve) => waiting.set(path, resolve));
      return { url: `${url}${path}`, delivery };
    },
  };
}

describe('webhooks delivered by the emulator, verified with the provider helpers', () => {
  const emulator = useEmulator();
  const receiver = useReceiver();

  it('fal: the ED25519-signed webhook verifies against the JWKS and names the request', async () => {
    const hook = receiver.hook();
    const verified = hook.delivery.then((delivery) =>
      verifyFalWebhook({
        body: delivery.body,
        headers: delivery.headers as Record<string, string>,
        jwksUrl: emulator.server.baseURLs.falJwks,
      }),
    );
    const result = await generateVideo({
      model: createFal({ apiKey: API_KEY, baseURL: emulator.server.baseURLs.fal }).video('fal-ai/veo3.1/fast'),
      prompt: `A kite on a beach ${randomUUID()}`,
      download,
      // long fallback interval: completion is noticed through the webhook
      poll: { intervalMs: 100, webhookFallbackIntervalMs: 30_000, timeoutMs: 60_000 },
      webhook: () => ({ url: hook.url, received: verified }),
    });
    parseMp4(result.video.uint8Array);
    const payload = await verified;
    expect(payload.status).toBe('OK');
    const operation = result.jobs[0].operation as { requestId: string };
    expect(payload.request_id).toBe(operation.requestId);

    // A tampered body does not verify.
    const delivery = await hook.delivery;
    await expect(
      verifyFalWebhook({
        body: delivery.body.replace('OK', 'ERROR'),
        headers: delivery.headers as Record<string, string>,
        jwksUrl: emulator.server.baseURLs.falJwks,
      }),
    ).rejects.toThrow();
  });

  it('OpenRouter: the HMAC-signed callback verifies with the workspace secret', async () => {
    const hook = receiver.hook();
    const verified = hook.delivery.then((delivery) =>
      verifyOpenRouterWebhook({
        body: delivery.body,
        headers: delivery.headers as Record<string, string>,
        secret: emulator.server.emulator.webhookKeys.openrouter,
      }),
    );
    const result = await generateVideo({
      model: createOpenRouter({ apiKey: API_KEY, baseURL: emulator.server.baseURLs.openrouter }).video(
        'google/veo-3.1-fast',
      ),
      prompt: `A koi pond ${randomUUID()}`,
      download,
      poll: { intervalMs: 100, webhookFallbackIntervalMs: 30_000, timeoutMs: 60_000 },
      webhook: () => ({ url: hook.url, received: verified }),
    });
    parseMp4(result.video.uint8Array);
    const { payload } = await verified;
    const operation = result.jobs[0].operation as { id: string };
    expect(JSON.stringify(payload)).toContain(operation.id);

    const delivery = await hook.delivery;
    await expect(
      verifyOpenRouterWebhook({
        body: `${delivery.body} `,
        headers: delivery.headers as Record<string, string>,
        secret: 'wrong-secret',
      }),
    ).rejects.toThrow();
  });

  it('Luma: the unsigned callback is authenticated by the secret token in its URL', async () => {
    const secret = randomUUID();
    const hook = receiver.hook();
    const callbackUrl = withLumaCallbackToken(hook.url, secret);
    const verified = hook.delivery.then((delivery) =>
      verifyLumaWebhook({ body: delivery.body, url: new URL(delivery.path, hook.url), secret }),
    );
    const result = await generateVideo({
      model: createLuma({ apiKey: API_KEY, baseURL: emulator.server.baseURLs.luma }).video('ray-flash-2'),
      prompt: `A snow leopard ${randomUUID()}`,
      download,
      poll: { intervalMs: 100, webhookFallbackIntervalMs: 30_000, timeoutMs: 60_000 },
      webhook: () => ({ url: callbackUrl, received: verified }),
    });
    parseMp4(result.video.uint8Array);
    const { generation, idempotencyKey } = await verified;
    const operation = result.jobs[0].operation as { id: string };
    expect(generation).toMatchObject({ id: operation.id, state: 'completed' });
    expect(idempotencyKey).toBe(`${operation.id}-completed`);

    const delivery = await hook.delivery;
    await expect(
      verifyLumaWebhook({ body: delivery.body, url: new URL(delivery.path, hook.url), secret: 'wrong-secret' }),
    ).rejects.toThrow();
  });

  it('Replicate: the Standard-Webhooks-signed delivery verifies with the account secret and names the job', async () => {
    const hook = receiver.hook();
    const secret = emulator.server.emulator.webhookKeys.replicate;
    const verified = hook.delivery.then((delivery) =>
      verifyReplicateWebhook({ body: delivery.body, headers: delivery.headers as Record<string, string>, secret }),
    );
    const result = await generateVideo({
      model: createReplicate({ apiKey: API_KEY, baseURL: emulator.server.baseURLs.replicate }).video(
        'bytedance/seedance-1-lite',
      ),
      prompt: `A paper crane ${randomUUID()}`,
      download,
      poll: { intervalMs: 100, webhookFallbackIntervalMs: 30_000, timeoutMs: 60_000 },
      webhook: () => ({ url: hook.url, received: verified }),
    });
    parseMp4(result.video.uint8Array);
    const prediction = await verified;
    expect(prediction.status).toBe('succeeded');
    expect(getReplicateWebhookJob(prediction).operation).toStrictEqual(result.jobs[0].operation);

    const delivery = await hook.delivery;
    await expect(
      verifyReplicateWebhook({
        body: delivery.body.replace('succeeded', 'failed'),
        headers: delivery.headers as Record<string, string>,
        secret,
      }),
    ).rejects.toThrow();
  });
});
