import { WebhookVerificationError } from '@videogen/provider-spec';
import { signStandardWebhook } from '@videogen/provider-utils';
import { describe, expect, it } from 'vitest';
import succeeded from './__fixtures__/replicate-prediction-succeeded.json';
import { getReplicateWebhookJob, getReplicateWebhookStatus, verifyReplicateWebhook } from './replicate-webhook';

// A secret in Replicate's form (`GET /v1/webhooks/default/secret` → { key }).
const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const NOW = 1_764_843_300_000;
const BODY = JSON.stringify(succeeded);

async function sign(body = BODY, timestamp = Math.floor(NOW / 1000), secret = SECRET) {
  return signStandardWebhook({ id: 'msg_2Lh9', timestamp, body, secret });
}

describe('verifyReplicateWebhook', () => {
  it('accepts a delivery signed with the whsec_ key and returns the prediction', async () => {
    const headers = await sign();
    const prediction = await verifyReplicateWebhook({ body: BODY, headers, secret: SECRET, now: () => NOW });
    expect(prediction).toMatchObject({ id: succeeded.id, status: 'succeeded', output: succeeded.output });
    expect(getReplicateWebhookStatus(prediction)).toBe('completed');
    expect(getReplicateWebhookJob(prediction)).toStrictEqual({
      specificationVersion: 'v3',
      provider: 'replicate.video',
      modelId: 'kwaivgi/kling-v2.1',
      operation: { id: succeeded.id },
    });
  });

  it('matches any of several space-separated v1 signatures (secret rotation)', async () => {
    const headers = await sign();
    const rotated = { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` };
    await expect(
      verifyReplicateWebhook({ body: BODY, headers: rotated, secret: SECRET, now: () => NOW }),
    ).resolves.toMatchObject({
      id: succeeded.id,
    });
  });

  it('rejects a changed body, another secret, an old timestamp and missing headers', async () => {
    const headers = await sign();
    const verify = (options: Partial<Parameters<typeof verifyReplicateWebhook>[0]>) =>
      verifyReplicateWebhook({ body: BODY, headers, secret: SECRET, now: () => NOW, ...options });
    await expect(verify({ body: BODY.replace('succeeded', 'failed') })).rejects.toMatchObject({
      reason: 'bad-signature',
    });
    await expect(verify({ secret: 'whsec_b3RoZXItc2VjcmV0LWtleS0xMjM0NTY3OA==' })).rejects.toMatchObject({
      reason: 'bad-signature',
    });
    await expect(verify({ now: () => NOW + 10 * 60_000 })).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(verify({ headers: { 'webhook-id': 'msg_2Lh9' } })).rejects.toMatchObject({ reason: 'missing-header' });
  });

  it('rejects a signed body that is not a prediction', async () => {
    const body = JSON.stringify({ hello: 'world' });
    const headers = await sign(body);
    await expect(verifyReplicateWebhook({ body, headers, secret: SECRET, now: () => NOW })).rejects.toMatchObject({
      reason: 'malformed',
    });
  });

  it('reads the outcome of each event', () => {
    expect(getReplicateWebhookStatus({ status: 'processing' })).toBeUndefined();
    expect(getReplicateWebhookStatus({ status: 'failed' })).toBe('failed');
    expect(getReplicateWebhookStatus({ status: 'canceled' })).toBe('failed');
    expect(getReplicateWebhookJob({ id: 'abc', model: null }, { modelId: 'acme/v' }).modelId).toBe('acme/v');
  });
});
