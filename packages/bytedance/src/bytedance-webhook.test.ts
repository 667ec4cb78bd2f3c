import { WebhookVerificationError } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import succeeded from './__fixtures__/bytedance-task-succeeded.json';
import { createByteDanceWebhookUrl, verifyByteDanceWebhook } from './bytedance-webhook';

const SECRET = 'cb-secret-9f2';
const body = JSON.stringify(succeeded);

describe('createByteDanceWebhookUrl', () => {
  it('adds the secret as videogen_token and keeps the rest of the URL', () => {
    expect(createByteDanceWebhookUrl({ url: 'https://hooks.example.com/ark?job=1', secret: SECRET })).toBe(
      `https://hooks.example.com/ark?job=1&videogen_token=${SECRET}`,
    );
  });
});

describe('verifyByteDanceWebhook', () => {
  it('accepts a callback to the URL with the secret and returns the task', async () => {
    const url = createByteDanceWebhookUrl({ url: 'https://hooks.example.com/ark', secret: SECRET });
    const delivery = await verifyByteDanceWebhook({ body, url, secret: SECRET });
    expect(delivery.task.id).toBe(succeeded.id);
    expect(delivery.task.status).toBe('succeeded');
    expect(delivery.task.content?.video_url).toBe(succeeded.content.video_url);
    expect(delivery.idempotencyKey).toBe(`${succeeded.id}-succeeded`);
  });

  it('refuses a missing or wrong token, and a body that is not a task', async () => {
    const cases: Array<[string, string, WebhookVerificationError['reason']]> = [
      ['https://hooks.example.com/ark', body, 'missing-header'],
      ['https://hooks.example.com/ark?videogen_token=wrong', body, 'bad-signature'],
      [`https://hooks.example.com/ark?videogen_token=${SECRET}x`, body, 'bad-signature'],
      [`https://hooks.example.com/ark?videogen_token=${SECRET}`, 'not json', 'malformed'],
      [`https://hooks.example.com/ark?videogen_token=${SECRET}`, '{"status":"succeeded"}', 'malformed'],
    ];
    for (const [url, payload, reason] of cases) {
      const error = await verifyByteDanceWebhook({ body: payload, url, secret: SECRET }).catch((caught) => caught);
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect((error as WebhookVerificationError).reason).toBe(reason);
    }
  });

  it('refuses everything when the secret is empty', async () => {
    await expect(
      verifyByteDanceWebhook({ body, url: 'https://hooks.example.com/ark?videogen_token=', secret: '' }),
    ).rejects.toThrow(new TypeError('Verifying a callback token needs a non-empty secret.'));
  });
});
