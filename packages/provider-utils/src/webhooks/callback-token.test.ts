import { WebhookVerificationError } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { addCallbackToken, verifyCallbackToken } from './callback-token';

describe('callback tokens', () => {
  it('adds the token to the URL, keeping its query, and accepts it back', () => {
    const url = addCallbackToken({ url: 'https://app.example/hook?user=7', secret: 's3cret/+=' });
    expect(url).toBe('https://app.example/hook?user=7&videogen_token=s3cret%2F%2B%3D');
    expect(() => verifyCallbackToken({ url, secret: 's3cret/+=' })).not.toThrow();
  });

  it('refuses a missing or wrong token, a URL that is no URL, and an empty secret', () => {
    const check = (url: string, secret = 'right') => {
      try {
        verifyCallbackToken({ url, secret, provider: 'Luma' });
      } catch (error) {
        return error instanceof WebhookVerificationError ? `${error.reason}: ${error.message}` : String(error);
      }
      return 'accepted';
    };
    expect(check('https://app.example/hook')).toBe(
      'missing-header: Webhook verification failed (missing-header): Luma callback URL has no videogen_token parameter.',
    );
    expect(check('https://app.example/hook?videogen_token=wrong')).toBe(
      "bad-signature: Webhook verification failed (bad-signature): Luma callback URL's videogen_token does not match.",
    );
    expect(check('/hook?videogen_token=right')).toContain('missing-header');
    expect(check('https://app.example/hook?videogen_token=', '')).toBe(
      'TypeError: Verifying a callback token needs a non-empty secret.',
    );
    expect(() => addCallbackToken({ url: 'https://app.example/hook', secret: '' })).toThrow(TypeError);
  });
});
