import { WebhookVerificationError } from '@videogen/provider-spec';
import { signStandardWebhook } from '@videogen/provider-utils';
import { describe, expect, it } from 'vitest';
import { verifyGoogleWebhook } from './google-webhook';

const secret = 'whsec_' + Buffer.from('gemini-webhook-test-secret-32byt').toString('base64');
const now = 1_760_000_000;
const body = JSON.stringify({
  type: 'video.generated',
  data: { name: 'models/veo-3.1-generate-preview/operations/op1', userMetadata: { jobId: 'job-42' } },
});

async function signed(overrides: { body?: string; timestamp?: number } = {}) {
  const headers = await signStandardWebhook({ id: 'msg_1', timestamp: overrides.timestamp ?? now, body, secret });
  return { body: overrides.body ?? body, headers, secret, now: () => now * 1000 };
}

describe('verifyGoogleWebhook', () => {
  it('returns the typed event of a valid delivery', async () => {
    const event = await verifyGoogleWebhook(await signed());
    expect(event).toStrictEqual(JSON.parse(body));
    expect(event.type).toBe('video.generated');
    expect(event.data?.name).toBe('models/veo-3.1-generate-preview/operations/op1');
  });

  it('accepts Headers', async () => {
    const delivery = await signed();
    const event = await verifyGoogleWebhook({ ...delivery, headers: new Headers(delivery.headers) });
    expect(event.type).toBe('video.generated');
  });

  it('rejects a delivery without webhook-id (Standard Webhooks requires it)', async () => {
    const { headers, ...delivery } = await signed();
    const { 'webhook-id': _id, ...withoutId } = headers;
    await expect(verifyGoogleWebhook({ ...delivery, headers: withoutId })).rejects.toMatchObject({
      reason: 'missing-header',
    });
  });

  it('rejects a tampered body', async () => {
    const error = await verifyGoogleWebhook(await signed({ body: body.replace('job-42', 'job-43') })).catch(
      (e: unknown) => e,
    );
    expect(WebhookVerificationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'bad-signature' });
  });

  it('rejects a wrong secret', async () => {
    const delivery = await signed();
    const error = await verifyGoogleWebhook({
      ...delivery,
      secret: 'whsec_' + Buffer.from('another-secret').toString('base64'),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'bad-signature' });
  });

  it('rejects a stale delivery', async () => {
    const error = await verifyGoogleWebhook(await signed({ timestamp: now - 3600 })).catch((e: unknown) => e);
    expect(WebhookVerificationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'stale-timestamp' });
  });

  it('rejects a delivery without signature headers', async () => {
    const error = await verifyGoogleWebhook({ body, headers: {}, secret }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'missing-header' });
  });
});
