import { WebhookVerificationError } from '@videogen/provider-spec';
import { sha256, toHex } from '@videogen/provider-utils';
import { createTestServer } from '@videogen/provider-utils/test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFal } from './fal-provider';
import type { FalVideoModel } from './fal-video-model';
import {
  FAL_WEBHOOK_JWKS_URL,
  createFalWebhookToJob,
  createFalWebhookVerifier,
  getFalWebhookJob,
  getFalWebhookStatus,
  verifyFalWebhook,
  type FalWebhookPayload,
} from './fal-webhook';
import statusCompletedFixture from './__fixtures__/fal-video-status-completed.json';
import resultFixture from './__fixtures__/fal-video-result.json';

const JWKS_URL = 'https://keys.example/.well-known/jwks.json';
const QUEUE = 'https://queue.fal.run';
const server = createTestServer({
  [JWKS_URL]: {},
  [FAL_WEBHOOK_JWKS_URL]: {},
  [`${QUEUE}/:owner/:app/requests/:id/status`]: { response: { type: 'json-value', body: statusCompletedFixture } },
  [`${QUEUE}/:owner/:app/requests/:id`]: { response: { type: 'json-value', body: resultFixture } },
});

const NOW_SECONDS = 1_780_000_000;
const now = () => NOW_SECONDS * 1000;
const REQUEST_ID = '123e4567-e89b-12d3-a456-426614174000';
const USER_ID = 'user_42';

const body = JSON.stringify({
  request_id: REQUEST_ID,
  gateway_request_id: REQUEST_ID,
  status: 'OK',
  payload: {
    video: {
      url: 'https://v3.fal.media/files/x/output.mp4',
      content_type: 'video/mp4',
      file_name: 'output.mp4',
      file_size: 1824075,
    },
  },
});

type KeyPair = { privateKey: CryptoKey; publicJwk: { kty: string; crv: string; x: string; kid: string } };

async function mintKeyPair(kid: string): Promise<KeyPair> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, publicJwk: { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, kid } };
}

/** Signs a delivery as fal does: ED25519 over request_id \n user_id \n timestamp \n hex(sha256(body)), hex. */
async function sign(keyPair: KeyPair, signedBody: string, timestamp = NOW_SECONDS): Promise<Record<string, string>> {
  const message = `${REQUEST_ID}\n${USER_ID}\n${timestamp}\n${toHex(await sha256(signedBody))}`;
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: 'Ed25519' }, keyPair.privateKey, new TextEncoder().encode(message)),
  );
  return {
    'X-Fal-Webhook-Request-Id': REQUEST_ID,
    'X-Fal-Webhook-User-Id': USER_ID,
    'X-Fal-Webhook-Timestamp': String(timestamp),
    'X-Fal-Webhook-Signature': toHex(signature),
  };
}

const rejection = (reason: string) => (error: unknown) =>
  WebhookVerificationError.isInstance(error) && error.reason === reason;

describe('fal webhook verification', () => {
  let signer: KeyPair;
  let other: KeyPair;
  beforeAll(async () => {
    signer = await mintKeyPair('key-1');
    other = await mintKeyPair('key-2');
  });

  it('accepts a valid delivery and returns the typed payload', async () => {
    const headers = await sign(signer, body);
    const payload = await verifyFalWebhook({ body, headers, publicKeys: [signer.publicJwk], now });
    expect(payload).toStrictEqual(JSON.parse(body));
    expect(payload.status).toBe('OK');
  });

  it('accepts the body as bytes and headers as a Headers object', async () => {
    const headers = new Headers(await sign(signer, body));
    const payload = await verifyFalWebhook({
      body: new TextEncoder().encode(body),
      headers,
      publicKeys: [other.publicJwk, signer.publicJwk],
      now,
    });
    expect(payload.request_id).toBe(REQUEST_ID);
  });

  it('rejects a tampered body', async () => {
    const headers = await sign(signer, body);
    const tampered = body.replace('output.mp4', 'evil.mp4');
    await expect(verifyFalWebhook({ body: tampered, headers, publicKeys: [signer.publicJwk], now })).rejects.toSatisfy(
      rejection('bad-signature'),
    );
  });

  it('rejects a signature made with another key', async () => {
    const headers = await sign(other, body);
    await expect(verifyFalWebhook({ body, headers, publicKeys: [signer.publicJwk], now })).rejects.toSatisfy(
      rejection('bad-signature'),
    );
  });

  it('rejects a stale or future timestamp outside the replay window', async () => {
    const stale = await sign(signer, body, NOW_SECONDS - 301);
    await expect(verifyFalWebhook({ body, headers: stale, publicKeys: [signer.publicJwk], now })).rejects.toSatisfy(
      rejection('stale-timestamp'),
    );
    const future = await sign(signer, body, NOW_SECONDS + 400);
    await expect(verifyFalWebhook({ body, headers: future, publicKeys: [signer.publicJwk], now })).rejects.toSatisfy(
      rejection('stale-timestamp'),
    );
    // Inside a widened window it is fine.
    const payload = await verifyFalWebhook({
      body,
      headers: stale,
      publicKeys: [signer.publicJwk],
      now,
      toleranceSeconds: 600,
    });
    expect(payload.request_id).toBe(REQUEST_ID);
  });

  it('rejects missing headers and a malformed signature', async () => {
    const headers = await sign(signer, body);
    const { ['X-Fal-Webhook-User-Id']: _dropped, ...withoutUser } = headers;
    await expect(
      verifyFalWebhook({ body, headers: withoutUser, publicKeys: [signer.publicJwk], now }),
    ).rejects.toSatisfy(rejection('missing-header'));
    await expect(
      verifyFalWebhook({
        body,
        headers: { ...headers, 'X-Fal-Webhook-Signature': 'not-hex' },
        publicKeys: [signer.publicJwk],
        now,
      }),
    ).rejects.toSatisfy(rejection('malformed'));
  });

  it('rejects a validly signed body that is not a fal payload', async () => {
    const notPayload = JSON.stringify({ hello: 'world' });
    const headers = await sign(signer, notPayload);
    await expect(
      verifyFalWebhook({ body: notPayload, headers, publicKeys: [signer.publicJwk], now }),
    ).rejects.toSatisfy(rejection('malformed'));
  });

  it('fetches the key set once and caches it per verifier', async () => {
    server.urls[JWKS_URL].response = { type: 'json-value', body: { keys: [signer.publicJwk] } };
    const verifier = createFalWebhookVerifier({ jwksUrl: JWKS_URL, now });
    const headers = await sign(signer, body);
    await verifier.verify({ body, headers });
    await verifier.verify({ body, headers });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(JWKS_URL);

    // Another verifier has its own cache.
    await createFalWebhookVerifier({ jwksUrl: JWKS_URL, now }).verify({ body, headers });
    expect(server.calls).toHaveLength(2);
  });

  it('fetches from fal’s JWKS URL by default', async () => {
    server.urls[FAL_WEBHOOK_JWKS_URL].response = { type: 'json-value', body: { keys: [signer.publicJwk] } };
    const payload = await createFalWebhookVerifier({ now }).verify({ body, headers: await sign(signer, body) });
    expect(payload.request_id).toBe(REQUEST_ID);
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      'https://rest.alpha.fal.ai/.well-known/jwks.json',
    ]);
  });

  it('refetches the key set after 24 hours and when a signature matches no cached key (rotation)', async () => {
    let clock = now();
    server.urls[JWKS_URL].response = [
      { type: 'json-value', body: { keys: [signer.publicJwk] } },
      { type: 'json-value', body: { keys: [signer.publicJwk, other.publicJwk] } },
    ];
    const verifier = createFalWebhookVerifier({ jwksUrl: JWKS_URL, now: () => clock, toleranceSeconds: 10 ** 9 });
    await verifier.verify({ body, headers: await sign(signer, body) });
    clock += 5 * 60 * 1000;
    // Signed with a key that appeared after the first fetch.
    await verifier.verify({ body, headers: await sign(other, body) });
    expect(server.calls).toHaveLength(2);

    clock += 24 * 60 * 60 * 1000;
    await verifier.verify({ body, headers: await sign(signer, body) });
    expect(server.calls).toHaveLength(3);
  });

  it('reports an unreachable or empty key set as unknown-key', async () => {
    server.urls[JWKS_URL].response = { type: 'error', status: 500 };
    const headers = await sign(signer, body);
    await expect(createFalWebhookVerifier({ jwksUrl: JWKS_URL, now }).verify({ body, headers })).rejects.toSatisfy(
      rejection('unknown-key'),
    );
    server.urls[JWKS_URL].response = { type: 'json-value', body: { keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] } };
    await expect(createFalWebhookVerifier({ jwksUrl: JWKS_URL, now }).verify({ body, headers })).rejects.toSatisfy(
      rejection('unknown-key'),
    );
  });
});

describe('the job and status of a delivery', () => {
  const ENDPOINT_ID = 'fal-ai/veo3.1';
  const okPayload = JSON.parse(body) as FalWebhookPayload;
  const errorPayload: FalWebhookPayload = {
    request_id: REQUEST_ID,
    status: 'ERROR',
    error: 'Invalid status code: 422',
    payload: { detail: [{ loc: ['body', 'prompt'], msg: 'Prompt violates policy', type: 'content_policy_violation' }] },
  };

  it('gives the job as doStart makes it (request id and endpoint id)', () => {
    expect(getFalWebhookJob(okPayload, { endpointId: ENDPOINT_ID })).toStrictEqual({
      specificationVersion: 'v3',
      provider: 'fal.video',
      modelId: ENDPOINT_ID,
      operation: { requestId: REQUEST_ID, endpointId: ENDPOINT_ID },
    });
  });

  it('gives a job that the model resumes: doStatus reads the queue URLs rebuilt from it', async () => {
    const job = getFalWebhookJob(okPayload, { endpointId: ENDPOINT_ID });
    const model = createFal({ apiKey: 'fal-test-key' }).video(job.modelId) as FalVideoModel;
    expect(model.provider).toBe(job.provider);
    const status = await model.doStatus({ operation: job.operation });
    expect(status).toMatchObject({
      status: 'completed',
      videos: [{ type: 'url', url: resultFixture.video.url, mediaType: 'video/mp4' }],
    });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      `${QUEUE}/fal-ai/veo3.1/requests/${REQUEST_ID}/status?logs=0`,
      `${QUEUE}/fal-ai/veo3.1/requests/${REQUEST_ID}`,
    ]);
  });

  it('reports OK as completed with the videos of the payload', () => {
    const timestamp = new Date(NOW_SECONDS * 1000);
    expect(getFalWebhookStatus(okPayload, { endpointId: ENDPOINT_ID, now: () => timestamp })).toStrictEqual({
      status: 'completed',
      videos: [{ type: 'url', url: 'https://v3.fal.media/files/x/output.mp4', mediaType: 'video/mp4' }],
      warnings: [],
      providerMetadata: {
        fal: {
          requestId: REQUEST_ID,
          videos: [
            {
              url: 'https://v3.fal.media/files/x/output.mp4',
              contentType: 'video/mp4',
              fileName: 'output.mp4',
              fileSize: 1824075,
            },
          ],
        },
      },
      response: { timestamp, modelId: ENDPOINT_ID, headers: undefined },
    });
  });

  it('reports OK without a video, or without a serialisable payload, as failed (no_video)', () => {
    expect(getFalWebhookStatus({ ...okPayload, payload: { seed: 1 } }, { endpointId: ENDPOINT_ID })).toMatchObject({
      status: 'failed',
      error: { code: 'no_video' },
    });
    expect(
      getFalWebhookStatus(
        { ...okPayload, payload: null, payload_error: 'Response payload too large' },
        { endpointId: ENDPOINT_ID },
      ),
    ).toStrictEqual({
      status: 'failed',
      error: {
        code: 'no_video',
        message: `fal request ${REQUEST_ID} completed, but its webhook payload holds no output (Response payload too large).`,
      },
      providerMetadata: { fal: { requestId: REQUEST_ID } },
    });
  });

  it("reports ERROR as failed with fal's reason", () => {
    expect(getFalWebhookStatus(errorPayload, { endpointId: ENDPOINT_ID })).toStrictEqual({
      status: 'failed',
      error: { code: 'content_policy_violation', message: 'prompt: Prompt violates policy', contentFiltered: true },
      providerMetadata: { fal: { requestId: REQUEST_ID } },
    });
    expect(getFalWebhookStatus({ ...errorPayload, payload: null }, { endpointId: ENDPOINT_ID })).toStrictEqual({
      status: 'failed',
      error: { message: 'Invalid status code: 422' },
      providerMetadata: { fal: { requestId: REQUEST_ID } },
    });
  });

  describe('createFalWebhookToJob', () => {
    let signer: KeyPair;
    beforeAll(async () => {
      signer = await mintKeyPair('key-1');
    });
    const deliver = async (deliveredBody: string, headers: Record<string, string>) =>
      new Request('https://app.example/webhooks?provider=fal&key=k', { method: 'POST', body: deliveredBody, headers });

    it('verifies a delivery and gives its job and how it ended', async () => {
      const webhookToJob = createFalWebhookToJob({
        verifier: createFalWebhookVerifier({ publicKeys: [signer.publicJwk], now }),
      });
      const request = await deliver(body, await sign(signer, body));
      expect(await webhookToJob({ request, modelId: ENDPOINT_ID })).toStrictEqual({
        job: getFalWebhookJob(okPayload, { endpointId: ENDPOINT_ID }),
        status: 'completed',
      });
      const failed = JSON.stringify(errorPayload);
      expect(
        await webhookToJob({ request: await deliver(failed, await sign(signer, failed)), modelId: ENDPOINT_ID }),
      ).toMatchObject({ status: 'failed' });
    });

    it('rejects a forged delivery, and ignores a verified one whose URL names no endpoint', async () => {
      const other = await mintKeyPair('key-2');
      const webhookToJob = createFalWebhookToJob({
        verifier: createFalWebhookVerifier({ publicKeys: [signer.publicJwk], now }),
      });
      await expect(
        webhookToJob({ request: await deliver(body, await sign(other, body)), modelId: ENDPOINT_ID }),
      ).rejects.toSatisfy(rejection('bad-signature'));
      await expect(
        webhookToJob({ request: await deliver(body, await sign(other, body)), modelId: undefined }),
      ).rejects.toSatisfy(rejection('bad-signature'));
      expect(
        await webhookToJob({ request: await deliver(body, await sign(signer, body)), modelId: undefined }),
      ).toBeUndefined();
    });
  });
});
