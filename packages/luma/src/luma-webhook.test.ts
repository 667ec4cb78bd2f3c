import { WebhookVerificationError } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import completedGeneration from './__fixtures__/luma-generation-completed.json';
import { verifyLumaWebhook, withLumaCallbackToken } from './luma-webhook';

const SECRET = 'c0ffee-callback-secret-8b1d';
const body = JSON.stringify(completedGeneration);

describe('withLumaCallbackToken', () => {
  it('adds the secret as videogen_token, keeping the query', () => {
    expect(withLumaCallbackToken('https://hooks.example.com/luma?job=7', SECRET)).toBe(
      `https://hooks.example.com/luma?job=7&videogen_token=${SECRET}`,
    );
    expect(withLumaCallbackToken('https://hooks.example.com/luma', SECRET, 'token')).toBe(
      `https://hooks.example.com/luma?token=${SECRET}`,
    );
  });
});

describe('verifyLumaWebhook', () => {
  const url = withLumaCallbackToken('https://hooks.example.com/luma?job=7', SECRET);

  it('accepts the token and returns the generation with an idempotency key', async () => {
    const delivery = await verifyLumaWebhook({ body, url, secret: SECRET });
    expect(delivery.generation).toStrictEqual(completedGeneration);
    expect(delivery.idempotencyKey).toBe(`${completedGeneration.id}-completed`);
  });

  it('takes a URL object and another parameter name', async () => {
    const delivery = await verifyLumaWebhook({
      body,
      url: new URL(`https://hooks.example.com/luma?token=${SECRET}`),
      secret: SECRET,
      parameter: 'token',
    });
    expect(delivery.generation.state).toBe('completed');
  });

  it.each([
    ['a missing token', 'https://hooks.example.com/luma?job=7', body, 'missing-header'],
    ['a wrong token', withLumaCallbackToken('https://hooks.example.com/luma', 'other-secret'), body, 'bad-signature'],
    [
      'a token that is a prefix of the secret',
      `https://hooks.example.com/luma?videogen_token=c0ffee`,
      body,
      'bad-signature',
    ],
    ['a body that is not JSON', url, '{not json', 'malformed'],
    ['a body that is no generation', url, JSON.stringify({ hello: 'world' }), 'malformed'],
  ])('rejects %s', async (_name, deliveryUrl, deliveryBody, reason) => {
    const error = await verifyLumaWebhook({ body: deliveryBody, url: deliveryUrl, secret: SECRET }).catch(
      (error: unknown) => error,
    );
    expect(WebhookVerificationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason });
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('refuses to verify with an empty secret', async () => {
    await expect(
      verifyLumaWebhook({ body, url: 'https://hooks.example.com/luma?videogen_token=', secret: '' }),
    ).rejects.toThrow(new TypeError('Verifying a callback token needs a non-empty secret.'));
  });
});
