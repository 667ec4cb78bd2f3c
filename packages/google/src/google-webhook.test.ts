import { WebhookVerificationError } from '@videogen/provider-spec';
import { signStandardWebhook } from '@videogen/provider-utils';
import { createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it } from 'vitest';
import succeededOperation from './__fixtures__/google-video-operation-succeeded.json';
import { createGoogle } from './google-provider';
import {
  getGoogleWebhookJob,
  getGoogleWebhookStatus,
  verifyGoogleWebhook,
  type GoogleWebhookEvent,
} from './google-webhook';

const BASE = 'https://generativelanguage.googleapis.com/v1beta';
const server = createTestServer({
  [`${BASE}/models/:model/operations/:id`]: { response: { type: 'json-value', body: succeededOperation } },
});

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

describe('the job and status of an event', () => {
  const event = JSON.parse(body) as GoogleWebhookEvent;
  const NAME = 'models/veo-3.1-generate-preview/operations/op1';

  it('gives the job as doStart makes it ({ name }), its model from the operation name unless given', () => {
    expect(getGoogleWebhookJob(event)).toStrictEqual({
      specificationVersion: 'v3',
      provider: 'google.video',
      modelId: 'veo-3.1-generate-preview',
      operation: { name: NAME },
    });
    expect(getGoogleWebhookJob(event, { modelId: 'veo-3.1-fast-generate-preview' })?.modelId).toBe(
      'veo-3.1-fast-generate-preview',
    );
  });

  it('gives a job that the model resumes: doStatus reads the operation it names', async () => {
    const job = getGoogleWebhookJob({ type: 'video.generated', data: { name: succeededOperation.name } })!;
    const model = createGoogle({ apiKey: 'test-api-key' }).video(job.modelId);
    expect(model.provider).toBe(job.provider);
    expect(await model.doStatus({ operation: job.operation })).toMatchObject({
      status: 'completed',
      videos: [{ type: 'url', url: succeededOperation.response.generateVideoResponse.generatedSamples[0].video.uri }],
    });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([`${BASE}/${succeededOperation.name}`]);
  });

  it('maps video.generated to completed', () => {
    expect(getGoogleWebhookStatus(event)).toBe('completed');
    expect(getGoogleWebhookStatus({ ...event, type: 'batch.succeeded' })).toBeUndefined();
  });

  it('returns undefined for events that name no Veo operation', () => {
    expect(getGoogleWebhookJob({ type: 'batch.succeeded', data: { name: 'batches/123' } })).toBeUndefined();
    expect(getGoogleWebhookJob({ type: 'video.generated' })).toBeUndefined();
    expect(getGoogleWebhookJob({ type: 'video.generated', data: { name: 'models/x/operations/..' } })).toBeUndefined();
  });
});
