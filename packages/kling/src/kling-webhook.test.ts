import { WebhookVerificationError } from '@videogen/provider-spec';
import { signStandardWebhook } from '@videogen/provider-utils';
import { describe, expect, it } from 'vitest';
import { verifyKlingWebhook } from './kling-webhook';

// Kling's own test vector (klingai.com document-api, callbacks, "Webhook Signature").
const vector = {
  secret: 'whsec_dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0MTI=',
  id: '9876543210',
  timestamp: 1781080794,
  body: '{"id":"1234567890","status":"succeeded","message":"","create_time":1781080778802,"update_time":1781080794151}',
  signature: 'v1,UsKlJP00XoQyOn410NM9xv34sP+Gl0jnOO9Lcpr7NJ4=',
};

function delivery(overrides: { body?: string; signature?: string; now?: number; secret?: string } = {}) {
  return {
    body: overrides.body ?? vector.body,
    headers: {
      'webhook-id': vector.id,
      'webhook-timestamp': String(vector.timestamp),
      'webhook-signature': overrides.signature ?? vector.signature,
    },
    secret: overrides.secret ?? vector.secret,
    now: () => (overrides.now ?? vector.timestamp + 10) * 1000,
  };
}

describe('verifyKlingWebhook', () => {
  it("accepts Kling's documented test vector and returns the event", async () => {
    expect(await verifyKlingWebhook(delivery())).toStrictEqual(JSON.parse(vector.body));
  });

  it('accepts any v1 entry during a secret rotation, and Headers', async () => {
    const rotated = delivery({ signature: `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ${vector.signature}` });
    expect(await verifyKlingWebhook({ ...rotated, headers: new Headers(rotated.headers) })).toMatchObject({
      status: 'succeeded',
    });
  });

  it('verifies a legacy task callback signed with the same scheme', async () => {
    const body = JSON.stringify({ task_id: '8672', task_status: 'succeed', task_result: { videos: [] } });
    const headers = await signStandardWebhook({
      id: 'msg_1',
      timestamp: vector.timestamp,
      body,
      secret: vector.secret,
    });
    const event = await verifyKlingWebhook({
      body,
      headers,
      secret: vector.secret,
      now: () => vector.timestamp * 1000,
    });
    expect(event.task_status).toBe('succeed');
  });

  it('rejects a tampered body, a wrong secret and a stale timestamp', async () => {
    const tampered = await verifyKlingWebhook(delivery({ body: vector.body.replace('succeeded', 'failed') })).catch(
      (e: unknown) => e,
    );
    expect(WebhookVerificationError.isInstance(tampered)).toBe(true);
    expect(tampered).toMatchObject({ reason: 'bad-signature' });
    await expect(
      verifyKlingWebhook(delivery({ secret: `whsec_${Buffer.from('another').toString('base64')}` })),
    ).rejects.toMatchObject({ reason: 'bad-signature' });
    await expect(verifyKlingWebhook(delivery({ now: vector.timestamp + 3600 }))).rejects.toMatchObject({
      reason: 'stale-timestamp',
    });
  });

  it('rejects an unsigned callback (no Webhook Secret in the console)', async () => {
    await expect(verifyKlingWebhook({ body: vector.body, headers: {}, secret: vector.secret })).rejects.toMatchObject({
      reason: 'missing-header',
    });
  });
});
