import { WebhookVerificationError } from '@videogen/provider-spec';
import { timingSafeEqual } from './webhook-crypto';

// For APIs that sign no callback (Luma, Seedance, MiniMax, …): a secret of the
// caller's in the callback URL is what authenticates the call. One place for
// adding it and checking it in constant time.

/** The query parameter that carries the callback token. */
export const CALLBACK_TOKEN_PARAMETER = 'videogen_token';

/**
 * Adds `secret` to a callback URL as a query parameter (default
 * `videogen_token`). Use a long random secret, HTTPS, and keep the URL out of logs.
 * @throws TypeError when the secret is empty.
 */
export function addCallbackToken({
  url,
  secret,
  parameter = CALLBACK_TOKEN_PARAMETER,
}: {
  url: string | URL;
  secret: string;
  /** Default: `'videogen_token'`. */
  parameter?: string;
}): string {
  if (!secret) throw new TypeError('A callback token needs a non-empty secret.');
  const callback = new URL(url);
  callback.searchParams.set(parameter, secret);
  return callback.toString();
}

/**
 * Checks the token of a callback URL against `secret` in constant time.
 * Throws `WebhookVerificationError` (`missing-header` when the URL has no
 * token or is no URL, `bad-signature` when it does not match; answer 401) and
 * a `TypeError` when the secret is empty (a configuration error, never a match).
 */
export function verifyCallbackToken({
  url,
  secret,
  parameter = CALLBACK_TOKEN_PARAMETER,
  provider = 'The',
}: {
  /** The full URL the callback arrived at, with its query (`request.url`). */
  url: string | URL;
  secret: string;
  /** Default: `'videogen_token'`. */
  parameter?: string;
  /** The API's name for messages, e.g. `'Luma'`. */
  provider?: string;
}): void {
  if (!secret) throw new TypeError('Verifying a callback token needs a non-empty secret.');
  let token: string | null = null;
  try {
    token = new URL(url).searchParams.get(parameter);
  } catch {
    token = null;
  }
  if (token === null) {
    throw new WebhookVerificationError({
      reason: 'missing-header',
      message: `${provider} callback URL has no ${parameter} parameter.`,
    });
  }
  const encoder = new TextEncoder();
  if (!timingSafeEqual(encoder.encode(token), encoder.encode(secret))) {
    throw new WebhookVerificationError({
      reason: 'bad-signature',
      message: `${provider} callback URL's ${parameter} does not match.`,
    });
  }
}
