import { WebhookVerificationError } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { createMiniMaxWebhookUrl, verifyMiniMaxWebhook } from './minimax-webhook';

const SECRET = 'whk-9f8e7d6c5b4a39281706';
const URL_WITH_TOKEN = `https://hooks.example.com/minimax?job=42&videogen_token=${SECRET}`;

async function rejection(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(WebhookVerificationError.isInstance(error)).toBe(true);
  return error as WebhookVerificationError;
}

describe('createMiniMaxWebhookUrl', () => {
  it('adds the secret as the videogen_token query parameter, keeping the rest', () => {
    expect(createMiniMaxWebhookUrl({ url: 'https://hooks.example.com/minimax?job=42', secret: SECRET })).toBe(
      URL_WITH_TOKEN,
    );
  });

  it('refuses an empty secret', () => {
    expect(() => createMiniMaxWebhookUrl({ url: 'https://hooks.example.com/', secret: '' })).toThrow(TypeError);
  });
});

describe('verifyMiniMaxWebhook', () => {
  it('returns the challenge handshake with the reply to send', async () => {
    expect(
      await verifyMiniMaxWebhook({ body: '{"challenge":"abc123"}', url: URL_WITH_TOKEN, secret: SECRET }),
    ).toStrictEqual({
      type: 'challenge',
      challenge: 'abc123',
      reply: { challenge: 'abc123' },
    });
  });

  it('returns a v1 status change (lower-case status)', async () => {
    const body = JSON.stringify({
      task_id: '380415226536193',
      status: 'success',
      file_id: '380417759821825',
      base_resp: { status_code: 0, status_msg: 'success' },
    });
    expect(await verifyMiniMaxWebhook({ body, url: new URL(URL_WITH_TOKEN), secret: SECRET })).toStrictEqual({
      type: 'status',
      taskId: '380415226536193',
      status: 'success',
      payload: JSON.parse(body),
    });
  });

  it('returns a v2 status change (the task object)', async () => {
    const body = JSON.stringify({
      task: { id: '424010985738629', status: 'succeeded', content: { url: 'https://x' } },
    });
    expect(await verifyMiniMaxWebhook({ body, url: URL_WITH_TOKEN, secret: SECRET })).toMatchObject({
      type: 'status',
      taskId: '424010985738629',
      status: 'succeeded',
    });
  });

  it('rejects a missing or wrong token, and a body that is not a JSON object', async () => {
    expect(
      (await rejection(verifyMiniMaxWebhook({ body: '{}', url: 'https://hooks.example.com/minimax', secret: SECRET })))
        .reason,
    ).toBe('missing-header');
    expect(
      (await rejection(verifyMiniMaxWebhook({ body: '{}', url: `${URL_WITH_TOKEN}x`, secret: SECRET }))).reason,
    ).toBe('bad-signature');
    expect((await rejection(verifyMiniMaxWebhook({ body: 'nope', url: URL_WITH_TOKEN, secret: SECRET }))).reason).toBe(
      'malformed',
    );
    expect((await rejection(verifyMiniMaxWebhook({ body: '[1]', url: URL_WITH_TOKEN, secret: SECRET }))).reason).toBe(
      'malformed',
    );
  });
});
