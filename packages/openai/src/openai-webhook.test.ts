import { createHmac } from 'node:crypto';
import { WebhookVerificationError } from '@videogen/provider-spec';
import { signStandardWebhook } from '@videogen/provider-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestServer } from '@videogen/provider-utils/test';
import completedVideo from './__fixtures__/openai-video-completed.json';
import { createOpenAI } from './openai-provider';
import {
  getOpenAIWebhookJob,
  getOpenAIWebhookStatus,
  isOpenAIVideoWebhookEvent,
  verifyOpenAIWebhook,
  type OpenAIWebhookEvent,
} from './openai-webhook';

const SECRET = `whsec_${Buffer.from('a-32-byte-long-secret-for-tests!').toString('base64')}`;
const NOW_SECONDS = 1758941500;
const now = () => NOW_SECONDS * 1000;

const completedEvent: OpenAIWebhookEvent = {
  id: 'evt_abc123',
  object: 'event',
  created_at: 1758941485,
  type: 'video.completed',
  data: { id: 'video_abc123' },
};

async function signed(body: string, timestamp = NOW_SECONDS) {
  return signStandardWebhook({ id: 'wh_msg_1', timestamp, body, secret: SECRET });
}

const BASE_URL = 'https://api.openai.com/v1';
const server = createTestServer({
  [`${BASE_URL}/videos/:id`]: { response: { type: 'json-value', body: completedVideo } },
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function rejectsWith(promise: Promise<unknown>, reason: string) {
  return expect(promise).rejects.toSatisfy(
    (error: unknown) => WebhookVerificationError.isInstance(error) && error.reason === reason,
  );
}

describe('verifyOpenAIWebhook', () => {
  it('returns the event of a valid delivery', async () => {
    const body = JSON.stringify(completedEvent);
    const event = await verifyOpenAIWebhook({ body, headers: await signed(body), secret: SECRET, now });
    expect(event).toStrictEqual(completedEvent);
    expect(isOpenAIVideoWebhookEvent(event)).toBe(true);
  });

  it('accepts a Headers object and the secret from OPENAI_WEBHOOK_SECRET', async () => {
    vi.stubEnv('OPENAI_WEBHOOK_SECRET', SECRET);
    const body = JSON.stringify({ ...completedEvent, type: 'video.failed' });
    const event = await verifyOpenAIWebhook({ body, headers: new Headers(await signed(body)), now });
    expect(event.type).toBe('video.failed');
  });

  it('rejects a tampered body', async () => {
    const body = JSON.stringify(completedEvent);
    const headers = await signed(body);
    const tampered = body.replace('video_abc123', 'video_evil999');
    await rejectsWith(verifyOpenAIWebhook({ body: tampered, headers, secret: SECRET, now }), 'bad-signature');
  });

  it('rejects a signature made with another secret', async () => {
    const body = JSON.stringify(completedEvent);
    const headers = await signed(body);
    const otherSecret = `whsec_${Buffer.from('another-secret-another-secret!!!').toString('base64')}`;
    await rejectsWith(verifyOpenAIWebhook({ body, headers, secret: otherSecret, now }), 'bad-signature');
  });

  it('rejects a stale delivery (older than the tolerance) and honours toleranceSeconds', async () => {
    const body = JSON.stringify(completedEvent);
    const headers = await signed(body, NOW_SECONDS - 301);
    await rejectsWith(verifyOpenAIWebhook({ body, headers, secret: SECRET, now }), 'stale-timestamp');
    await expect(
      verifyOpenAIWebhook({ body, headers, secret: SECRET, now, toleranceSeconds: 600 }),
    ).resolves.toStrictEqual(completedEvent);
  });

  it('rejects a delivery from the future', async () => {
    const body = JSON.stringify(completedEvent);
    const headers = await signed(body, NOW_SECONDS + 301);
    await rejectsWith(verifyOpenAIWebhook({ body, headers, secret: SECRET, now }), 'stale-timestamp');
  });

  it('rejects missing signature headers', async () => {
    const body = JSON.stringify(completedEvent);
    await rejectsWith(verifyOpenAIWebhook({ body, headers: {}, secret: SECRET, now }), 'missing-header');
  });

  it('rejects a delivery without webhook-id (Standard Webhooks requires it), even signed over `${timestamp}.${body}`', async () => {
    const body = JSON.stringify(completedEvent);
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const headers = {
      'webhook-timestamp': String(NOW_SECONDS),
      'webhook-signature': `v1,${createHmac('sha256', key).update(`${NOW_SECONDS}.${body}`).digest('base64')}`,
    };
    await rejectsWith(verifyOpenAIWebhook({ body, headers, secret: SECRET, now }), 'missing-header');
  });

  it('rejects a signed body that is not an OpenAI event', async () => {
    const body = JSON.stringify({ hello: 'world' });
    await rejectsWith(verifyOpenAIWebhook({ body, headers: await signed(body), secret: SECRET, now }), 'malformed');
  });
});

describe('getOpenAIWebhookJob', () => {
  it('turns a video event into the job to resume', () => {
    expect(getOpenAIWebhookJob(completedEvent)).toStrictEqual({
      specificationVersion: 'v3',
      provider: 'openai.video',
      modelId: 'sora-2',
      operation: { videoId: 'video_abc123' },
    });
    expect(getOpenAIWebhookJob({ ...completedEvent, type: 'video.failed' }, { modelId: 'sora-2-pro' })?.modelId).toBe(
      'sora-2-pro',
    );
  });

  it('returns undefined for events that are not about a video', () => {
    const event = { ...completedEvent, type: 'response.completed', data: { id: 'resp_1' } };
    expect(isOpenAIVideoWebhookEvent(event)).toBe(false);
    expect(getOpenAIWebhookJob(event)).toBeUndefined();
  });
});

describe('getOpenAIWebhookStatus', () => {
  it('maps video.completed to completed and video.failed to failed', () => {
    expect(getOpenAIWebhookStatus(completedEvent)).toBe('completed');
    expect(getOpenAIWebhookStatus({ ...completedEvent, type: 'video.failed' })).toBe('failed');
  });

  it('returns undefined for events that are not about a video', () => {
    expect(getOpenAIWebhookStatus({ ...completedEvent, type: 'response.completed' })).toBeUndefined();
  });
});

describe('the job of a webhook, resumed', () => {
  it('is accepted by the model: doStatus reads the video it names', async () => {
    const job = getOpenAIWebhookJob({ ...completedEvent, data: { id: completedVideo.id } })!;
    const model = createOpenAI({ apiKey: 'sk-test-key', baseURL: BASE_URL }).video(job.modelId);
    expect(model.provider).toBe(job.provider);
    expect(await model.doStatus({ operation: job.operation })).toMatchObject({ status: 'completed' });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([`${BASE_URL}/videos/${completedVideo.id}`]);
  });
});
