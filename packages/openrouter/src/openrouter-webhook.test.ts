import { WebhookVerificationError } from '@videogen/provider-spec';
import { createReplayGuard, hmacSha256, toHex } from '@videogen/provider-utils';
import { createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it } from 'vitest';
import completedFixture from './__fixtures__/openrouter-video-status-completed.json';
import modelsFixture from './__fixtures__/openrouter-video-models.json';
import { createOpenRouter } from './openrouter-provider';
import {
  getOpenRouterWebhookJob,
  getOpenRouterWebhookStatus,
  signOpenRouterWebhook,
  verifyOpenRouterWebhook,
  type OpenRouterWebhookPayload,
} from './openrouter-webhook';

const BASE = 'https://openrouter.ai/api/v1';
const server = createTestServer({
  // Before `/videos/:id`, which would match `/videos/models` too.
  [`${BASE}/videos/models`]: { response: { type: 'json-value', body: modelsFixture } },
  [`${BASE}/videos/:id`]: { response: { type: 'json-value', body: completedFixture } },
});

const SECRET = 'whsec_openrouter_test_secret';
const NOW_MS = 1_777_000_000_000;
const NOW_S = NOW_MS / 1000;
const body = JSON.stringify({
  type: 'video.generation.completed',
  created_at: '2026-04-24T03:06:40.000Z',
  data: {
    id: 'gen-vid-1761234567-AbCdEfGhIjKlMnOpQrSt',
    status: 'completed',
    generation_id: 'gen-1761234600-XyZ123',
    model: 'google/veo-3.1',
    unsigned_urls: ['https://openrouter.ai/api/v1/videos/gen-vid-1761234567-AbCdEfGhIjKlMnOpQrSt/content?index=0'],
    usage: { cost: 3.2, is_byok: false },
  },
});

async function signature(timestamp: number, signedBody = body) {
  // Computed independently of signOpenRouterWebhook: hex HMAC-SHA256 of `${t},${body}`.
  return `t=${timestamp},v1=${toHex(await hmacSha256(SECRET, `${timestamp},${signedBody}`))}`;
}

async function reject(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(WebhookVerificationError.isInstance(error)).toBe(true);
  return error as WebhookVerificationError;
}

describe('verifyOpenRouterWebhook', () => {
  it('accepts a valid delivery and returns the payload and the idempotency key', async () => {
    const result = await verifyOpenRouterWebhook({
      body,
      headers: new Headers({
        'X-OpenRouter-Signature': await signature(NOW_S - 10),
        'X-OpenRouter-Idempotency-Key': 'gen-vid-1761234567-AbCdEfGhIjKlMnOpQrSt-completed',
      }),
      secret: SECRET,
      now: () => NOW_MS,
    });
    expect(result).toStrictEqual({
      payload: JSON.parse(body),
      idempotencyKey: 'gen-vid-1761234567-AbCdEfGhIjKlMnOpQrSt-completed',
      timestamp: NOW_S - 10,
    });
  });

  it('accepts plain header records and any of several v1 signatures', async () => {
    const valid = (await signature(NOW_S)).split(',')[1];
    const result = await verifyOpenRouterWebhook({
      body,
      headers: { 'x-openrouter-signature': `t=${NOW_S},v1=${'00'.repeat(32)},${valid}` },
      secret: SECRET,
      now: () => NOW_MS,
    });
    expect(result.payload.type).toBe('video.generation.completed');
    expect(result.idempotencyKey).toBe('gen-vid-1761234567-AbCdEfGhIjKlMnOpQrSt-completed');
  });

  it('derives the idempotency key from the signed body, never from the unsigned header', async () => {
    // A captured delivery replayed with a forged X-OpenRouter-Idempotency-Key must not look new.
    const replayed = await verifyOpenRouterWebhook({
      body,
      headers: {
        'x-openrouter-signature': await signature(NOW_S),
        'x-openrouter-idempotency-key': `forged-${Math.random()}`,
      },
      secret: SECRET,
      now: () => NOW_MS,
    });
    expect(replayed.idempotencyKey).toBe('gen-vid-1761234567-AbCdEfGhIjKlMnOpQrSt-completed');

    // Without data.status the status comes from the signed event type.
    const noStatus = JSON.stringify({ type: 'video.generation.expired', data: { id: 'gen-vid-2' } });
    const expired = await verifyOpenRouterWebhook({
      body: noStatus,
      headers: { 'x-openrouter-signature': await signature(NOW_S, noStatus) },
      secret: SECRET,
      now: () => NOW_MS,
    });
    expect(expired.idempotencyKey).toBe('gen-vid-2-expired');
  });

  it('lets a replay guard turn away a replayed delivery', async () => {
    const guard = createReplayGuard();
    const deliver = async (idempotencyHeader: string) =>
      verifyOpenRouterWebhook({
        body,
        headers: {
          'x-openrouter-signature': await signature(NOW_S),
          'x-openrouter-idempotency-key': idempotencyHeader,
        },
        secret: SECRET,
        now: () => NOW_MS,
      });
    const first = await deliver('gen-vid-1761234567-AbCdEfGhIjKlMnOpQrSt-completed');
    expect(await guard.claim(first.idempotencyKey)).toBe(true);
    const replay = await deliver('forged-key');
    expect(await guard.claim(replay.idempotencyKey)).toBe(false);
  });

  it('rejects a tampered body', async () => {
    const error = await reject(
      verifyOpenRouterWebhook({
        body: body.replace('3.2', '0.1'),
        headers: { 'x-openrouter-signature': await signature(NOW_S) },
        secret: SECRET,
        now: () => NOW_MS,
      }),
    );
    expect(error.reason).toBe('bad-signature');
  });

  it('rejects a signature made with another secret or a timestamp that was changed', async () => {
    const other = `t=${NOW_S},v1=${toHex(await hmacSha256('another-secret', `${NOW_S},${body}`))}`;
    expect(
      (
        await reject(
          verifyOpenRouterWebhook({
            body,
            headers: { 'x-openrouter-signature': other },
            secret: SECRET,
            now: () => NOW_MS,
          }),
        )
      ).reason,
    ).toBe('bad-signature');
    const moved = (await signature(NOW_S)).replace(`t=${NOW_S}`, `t=${NOW_S - 1}`);
    expect(
      (
        await reject(
          verifyOpenRouterWebhook({
            body,
            headers: { 'x-openrouter-signature': moved },
            secret: SECRET,
            now: () => NOW_MS,
          }),
        )
      ).reason,
    ).toBe('bad-signature');
  });

  it('rejects a stale or future timestamp outside the replay window', async () => {
    for (const timestamp of [NOW_S - 301, NOW_S + 301]) {
      const error = await reject(
        verifyOpenRouterWebhook({
          body,
          headers: { 'x-openrouter-signature': await signature(timestamp) },
          secret: SECRET,
          now: () => NOW_MS,
        }),
      );
      expect(error.reason).toBe('stale-timestamp');
    }
    await expect(
      verifyOpenRouterWebhook({
        body,
        headers: { 'x-openrouter-signature': await signature(NOW_S - 301) },
        secret: SECRET,
        toleranceSeconds: 600,
        now: () => NOW_MS,
      }),
    ).resolves.toMatchObject({ timestamp: NOW_S - 301 });
  });

  it('rejects a missing or malformed signature header', async () => {
    expect((await reject(verifyOpenRouterWebhook({ body, headers: {}, secret: SECRET }))).reason).toBe(
      'missing-header',
    );
    expect(
      (await reject(verifyOpenRouterWebhook({ body, headers: { 'x-openrouter-signature': 'v1=abc' }, secret: SECRET })))
        .reason,
    ).toBe('malformed');
  });

  it('rejects a signed body that is not a video event', async () => {
    const other = JSON.stringify({ hello: 'world' });
    const error = await reject(
      verifyOpenRouterWebhook({
        body: other,
        headers: { 'x-openrouter-signature': await signature(NOW_S, other) },
        secret: SECRET,
        now: () => NOW_MS,
      }),
    );
    expect(error.reason).toBe('malformed');
  });
});

describe('signOpenRouterWebhook', () => {
  it('produces the header verifyOpenRouterWebhook accepts', async () => {
    const headers = await signOpenRouterWebhook({ body, secret: SECRET, timestamp: NOW_S });
    expect(headers).toStrictEqual({ 'x-openrouter-signature': await signature(NOW_S) });
    await expect(verifyOpenRouterWebhook({ body, headers, secret: SECRET, now: () => NOW_MS })).resolves.toBeDefined();
  });
});

describe('the job and status of an event', () => {
  const payload = JSON.parse(body) as OpenRouterWebhookPayload;
  const JOB_ID = 'gen-vid-1761234567-AbCdEfGhIjKlMnOpQrSt';

  it('gives the job as doStart makes it ({ id })', () => {
    expect(getOpenRouterWebhookJob(payload, { modelId: 'google/veo-3.1' })).toStrictEqual({
      specificationVersion: 'v3',
      provider: 'openrouter.video',
      modelId: 'google/veo-3.1',
      operation: { id: JOB_ID },
    });
  });

  it('gives a job that the model resumes: doStatus polls the job it names', async () => {
    const job = getOpenRouterWebhookJob(payload, { modelId: 'google/veo-3.1' })!;
    const model = createOpenRouter({ apiKey: 'sk-or-test-key' }).video(job.modelId);
    expect(model.provider).toBe(job.provider);
    expect(await model.doStatus({ operation: job.operation })).toMatchObject({
      status: 'completed',
      videos: [{ type: 'url', url: completedFixture.unsigned_urls[0] }],
    });
    expect(server.calls.map((call) => call.requestUrl)).toContain(`${BASE}/videos/${JOB_ID}`);
  });

  it('maps the event type to the status: completed, failed, cancelled, expired', () => {
    for (const status of ['completed', 'failed', 'cancelled', 'expired'] as const) {
      // The event type decides, not `data.status`.
      const event = { ...payload, type: `video.generation.${status}`, data: { ...payload.data, status: 'x' } };
      expect(getOpenRouterWebhookStatus(event)).toBe(status);
      expect(getOpenRouterWebhookJob(event, { modelId: 'm/v' })?.operation).toStrictEqual({ id: JOB_ID });
    }
    expect(getOpenRouterWebhookStatus({ ...payload, type: 'video.generation.started' })).toBeUndefined();
  });

  it('returns undefined for events that are not about a video job', () => {
    const event = { ...payload, type: 'credits.low' };
    expect(getOpenRouterWebhookJob(event, { modelId: 'google/veo-3.1' })).toBeUndefined();
    expect(getOpenRouterWebhookStatus(event)).toBeUndefined();
  });
});
