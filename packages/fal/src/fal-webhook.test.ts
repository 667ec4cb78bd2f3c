import { WebhookVerificationError } from '@videogen/provider-spec';
import { sha256, toHex } from '@videogen/provider-utils';
import { createTestServer } from '@videogen/provider-utils/test';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAL_WEBHOOK_JWKS_URL, createFalWebhookVerifier, verifyFalWebhook } from './fal-webhook';

const JWKS_URL = 'https://keys.example/.well-known/jwks.json';
const server = createTestServer({ [JWKS_URL]: {}, [FAL_WEBHOOK_JWKS_URL]: {} });

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
