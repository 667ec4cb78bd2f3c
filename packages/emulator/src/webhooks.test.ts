import { createHash, createHmac, createPublicKey, timingSafeEqual, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, manualEmulator } from './__fixtures__/helpers';
import { createEmulator } from './emulator';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
      } else {
        res.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
beforeEach(() => {
  received = [];
  failNext = 0;
});

/** Standard Webhooks verification written from the spec, not from the emulator's code. */
function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, body: string, nowSeconds: number) {
  const id = String(headers['webhook-id']);
  const timestamp = Number(headers['webhook-timestamp']);
  expect(Math.abs(nowSeconds - timestamp)).toBeLessThanOrEqual(300);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  const signatures = String(headers['webhook-signature']).split(' ');
  return signatures.some((entry) => {
    const [version, signature] = entry.split(',');
    const actual = Buffer.from(signature, 'base64');
    return version === 'v1' && actual.length === expected.length && timingSafeEqual(actual, expected);
  });
}

describe('webhooks', () => {
  it('OpenAI: video.completed to the configured URL, Standard Webhooks signature', async () => {
    const { emulator, set } = manualEmulator({ openaiWebhookUrl: `${receiverUrl}/openai` });
    expect(emulator.webhookKeys.openai).toMatch(/^whsec_/);
    const { id } = await (
      await call(emulator, 'POST', 'https://api.openai.com/v1/videos', {
        headers: { authorization: 'Bearer k' },
        json: { prompt: 'x' },
      })
    ).json();
    await emulator.flushWebhooks();
    expect(received).toHaveLength(0);
    set(1500);
    await emulator.flushWebhooks();
    expect(received).toHaveLength(1);
    const [hook] = received;
    expect(hook.path).toBe('/openai');
    expect(
      verifyStandardWebhook(emulator.webhookKeys.openai, hook.headers, hook.body, Math.floor(emulator.now() / 1000)),
    ).toBe(true);
    expect(
      verifyStandardWebhook(
        'whsec_' + Buffer.from('wrong').toString('base64'),
        hook.headers,
        hook.body,
        Math.floor(emulator.now() / 1000),
      ),
    ).toBe(false);
    expect(JSON.parse(hook.body)).toStrictEqual({
      id: expect.stringMatching(/^evt_/),
      object: 'event',
      created_at: Math.floor(emulator.now() / 1000),
      type: 'video.completed',
      data: { id },
    });
    expect(emulator.webhookDeliveries[0]).toMatchObject({
      api: 'openai',
      jobId: id,
      ok: true,
      status: 204,
      attempts: 1,
    });
  });

  it('OpenAI: video.failed for failed jobs', async () => {
    const { emulator, set } = manualEmulator({ openaiWebhookUrl: `${receiverUrl}/openai` });
    await call(emulator, 'POST', 'https://api.openai.com/v1/videos', {
      headers: { authorization: 'Bearer k' },
      json: { prompt: 'x [emulator:fail]' },
    });
    set(1500);
    await emulator.flushWebhooks();
    expect(JSON.parse(received[0].body).type).toBe('video.failed');
  });

  it('Gemini: webhookConfig.uris, Standard Webhooks signature, video.generated with userMetadata', async () => {
    const { emulator, set } = manualEmulator();
    const { name } = await (
      await call(
        emulator,
        'POST',
        'https://generativelanguage.googleapis.com/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning',
        {
          headers: { 'x-goog-api-key': 'k' },
          json: {
            instances: [{ prompt: 'x' }],
            webhookConfig: { uris: [`${receiverUrl}/google`], userMetadata: { order: 7 } },
          },
        },
      )
    ).json();
    set(1500);
    await emulator.flushWebhooks();
    const [hook] = received;
    expect(
      verifyStandardWebhook(emulator.webhookKeys.google, hook.headers, hook.body, Math.floor(emulator.now() / 1000)),
    ).toBe(true);
    const payload = JSON.parse(hook.body);
    expect(payload).toMatchObject({
      type: 'video.generated',
      data: {
        operation: name,
        done: true,
        userMetadata: { order: 7 },
        video_uri: expect.stringContaining(':download?alt=media'),
      },
    });
  });

  it('fal: fal_webhook, Ed25519 over request_id\\nuser_id\\ntimestamp\\nsha256(body), key from the served JWKS', async () => {
    const { emulator, set } = manualEmulator();
    const submitted = await (
      await call(
        emulator,
        'POST',
        `https://queue.fal.run/fal-ai/veo3.1/fast?fal_webhook=${encodeURIComponent(`${receiverUrl}/fal`)}`,
        {
          headers: { authorization: 'Key k' },
          json: { prompt: 'x' },
        },
      )
    ).json();
    expect(submitted.gateway_request_id).toBe(submitted.request_id);
    set(1500);
    await emulator.flushWebhooks();
    const [hook] = received;
    const requestId = String(hook.headers['x-fal-webhook-request-id']);
    const userId = String(hook.headers['x-fal-webhook-user-id']);
    const timestamp = String(hook.headers['x-fal-webhook-timestamp']);
    const signature = Buffer.from(String(hook.headers['x-fal-webhook-signature']), 'hex');
    expect(requestId).toBe(submitted.request_id);
    expect(userId).toBe(emulator.webhookKeys.fal.userId);
    const message = `${requestId}\n${userId}\n${timestamp}\n${createHash('sha256').update(hook.body).digest('hex')}`;
    const jwks = await (await call(emulator, 'GET', emulator.webhookKeys.fal.jwksUrl)).json();
    const verified = jwks.keys.some((jwk: Record<string, string>) =>
      verify(null, Buffer.from(message), createPublicKey({ key: jwk, format: 'jwk' }), signature),
    );
    expect(verified).toBe(true);
    expect(
      verify(null, Buffer.from(message + 'x'), createPublicKey({ key: jwks.keys[0], format: 'jwk' }), signature),
    ).toBe(false);
    expect(JSON.parse(hook.body)).toStrictEqual({
      request_id: submitted.request_id,
      gateway_request_id: submitted.request_id,
      status: 'OK',
      payload: {
        video: {
          url: expect.stringContaining('https://v3.fal.media/'),
          content_type: 'video/mp4',
          file_name: 'output.mp4',
          file_size: expect.any(Number),
        },
      },
    });
  });

  it('fal: ERROR payload for a failed request', async () => {
    const { emulator, set } = manualEmulator();
    await call(
      emulator,
      'POST',
      `https://queue.fal.run/fal-ai/veo3?fal_webhook=${encodeURIComponent(`${receiverUrl}/fal`)}`,
      {
        headers: { authorization: 'Key k' },
        json: { prompt: 'x [emulator:filtered]' },
      },
    );
    set(1500);
    await emulator.flushWebhooks();
    expect(JSON.parse(received[0].body)).toMatchObject({
      status: 'ERROR',
      error: 'Invalid status code: 422',
      payload: { detail: [{ type: 'content_policy_violation' }] },
    });
  });

  it('OpenRouter: callback_url, X-OpenRouter-Signature t=…,v1=hex(HMAC(secret, t + "," + body)), idempotency key', async () => {
    const { emulator, set } = manualEmulator({ webhookSecrets: { openrouter: 'my-secret' } });
    const { id } = await (
      await call(emulator, 'POST', 'https://openrouter.ai/api/v1/videos', {
        headers: { authorization: 'Bearer k' },
        json: { model: 'google/veo-3.1', prompt: 'x', callback_url: `${receiverUrl}/openrouter` },
      })
    ).json();
    set(1500);
    await emulator.flushWebhooks();
    const [hook] = received;
    const header = String(hook.headers['x-openrouter-signature']);
    const parts = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
    const expected = createHmac('sha256', 'my-secret').update(`${parts.t},${hook.body}`).digest('hex');
    expect(parts.v1).toBe(expected);
    expect(hook.headers['x-openrouter-idempotency-key']).toBe(`${id}-completed`);
    expect(JSON.parse(hook.body)).toMatchObject({
      type: 'video.generation.completed',
      created_at: new Date(emulator.now()).toISOString(),
      data: {
        id,
        status: 'completed',
        model: 'google/veo-3.1',
        unsigned_urls: [expect.any(String)],
        usage: { cost: expect.any(Number), is_byok: false },
      },
    });
  });

  it('retries a failed delivery (bounded) and records every attempt', async () => {
    const { emulator, set } = manualEmulator({ webhookRetryDelayMs: 5, webhookRetries: 2 });
    failNext = 1;
    await call(emulator, 'POST', 'https://openrouter.ai/api/v1/videos', {
      headers: { authorization: 'Bearer k' },
      json: { model: 'google/veo-3.1', prompt: 'x', callback_url: `${receiverUrl}/retry` },
    });
    set(1500);
    await emulator.flushWebhooks();
    expect(received).toHaveLength(2);
    expect(emulator.webhookDeliveries[0]).toMatchObject({ attempts: 2, ok: true, status: 204 });

    failNext = 10;
    received = [];
    await call(emulator, 'POST', 'https://openrouter.ai/api/v1/videos', {
      headers: { authorization: 'Bearer k' },
      json: { model: 'google/veo-3.1', prompt: 'x', callback_url: `${receiverUrl}/retry` },
    });
    set(4000);
    await emulator.flushWebhooks();
    expect(received).toHaveLength(3);
    expect(emulator.webhookDeliveries[1]).toMatchObject({ attempts: 3, ok: false, status: 500 });
  });

  it('delivers on its own with the real clock (timers), without any polling', async () => {
    const emulator = createEmulator({ jobDurationMs: 40, queueMs: 10 });
    await emulator.handle(
      new Request('https://openrouter.ai/api/v1/videos', {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'google/veo-3.1', prompt: 'x', callback_url: `${receiverUrl}/timer` }),
      }),
    );
    const deadline = Date.now() + 3000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received[0]?.path).toBe('/timer');
    emulator.close();
  });
});
