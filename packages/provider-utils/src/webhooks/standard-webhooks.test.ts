import { WebhookVerificationError } from '@videogen/provider-spec';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signStandardWebhook, verifyStandardWebhook } from './standard-webhooks';

const secret = 'whsec_' + Buffer.from('a-32-byte-secret-for-the-tests!!').toString('base64');
const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'video.completed', data: { id: 'video_1' } });
const now = () => 1_700_000_000_000;

// Signed independently with node:crypto, so the test does not trust our own signer.
function nodeSignature(id: string, timestamp: number, payload: string) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${id}.${timestamp}.${payload}`).digest('base64');
}

describe('verifyStandardWebhook', () => {
  const headers = {
    'webhook-id': 'msg_1',
    'webhook-timestamp': '1700000000',
    'webhook-signature': `v1,bogus ${nodeSignature('msg_1', 1_700_000_000, body)}`,
  };

  it('accepts a valid delivery (any listed signature may match) and returns the payload', async () => {
    await expect(verifyStandardWebhook({ body, headers, secret, now })).resolves.toStrictEqual(JSON.parse(body));
  });

  it('rejects a tampered body', async () => {
    await expect(
      verifyStandardWebhook({ body: body.replace('video_1', 'video_2'), headers, secret, now }),
    ).rejects.toSatisfy((error) => WebhookVerificationError.isInstance(error) && error.reason === 'bad-signature');
  });

  it('rejects a stale or future timestamp', async () => {
    await expect(verifyStandardWebhook({ body, headers, secret, now: () => now() + 301_000 })).rejects.toMatchObject({
      reason: 'stale-timestamp',
    });
    await expect(verifyStandardWebhook({ body, headers, secret, now: () => now() - 301_000 })).rejects.toMatchObject({
      reason: 'stale-timestamp',
    });
  });

  it('rejects missing headers', async () => {
    await expect(verifyStandardWebhook({ body, headers: {}, secret, now })).rejects.toMatchObject({
      reason: 'missing-header',
    });
  });

  it('rejects a delivery without webhook-id, even one signed over `${timestamp}.${body}`', async () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const withoutId = {
      'webhook-timestamp': '1700000000',
      'webhook-signature': `v1,${createHmac('sha256', key).update(`1700000000.${body}`).digest('base64')}`,
    };
    await expect(verifyStandardWebhook({ body, headers: withoutId, secret, now })).rejects.toMatchObject({
      reason: 'missing-header',
    });
    await expect(
      verifyStandardWebhook({ body, headers: { ...withoutId, 'webhook-id': '' }, secret, now }),
    ).rejects.toMatchObject({ reason: 'missing-header' });
  });

  it('signs what node:crypto signs', async () => {
    const signed = await signStandardWebhook({ id: 'msg_1', timestamp: 1_700_000_000, body, secret });
    expect(signed['webhook-signature']).toBe(nodeSignature('msg_1', 1_700_000_000, body));
  });
});
