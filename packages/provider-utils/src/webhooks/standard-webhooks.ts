import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';
import { WebhookVerificationError } from '@videogen/provider-spec';
import { assertFreshTimestamp, fromBase64, hmacSha256, readHeader, timingSafeEqual } from './webhook-crypto';

/** Options of {@link verifyStandardWebhook}. */
export type VerifyStandardWebhookOptions = {
  /** The raw request body, exactly as received (do not re-serialise parsed JSON). */
  body: string;
  /** The request headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`, all three required). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /**
   * The signing secret: `whsec_` + base64 key bytes; without the prefix the
   * UTF-8 bytes of the string are the key (as the OpenAI SDK does).
   */
  secret: string;
  /** Replay window in seconds, both directions. Default: 300. */
  toleranceSeconds?: number;
  /** The clock, for tests. Default: `Date.now`. */
  now?: () => number;
};

/**
 * Verifies a Standard Webhooks delivery (used by OpenAI and the Gemini API):
 * HMAC-SHA256 over `${id}.${timestamp}.${body}`, signatures listed as
 * space-separated `v1,<base64>`, timestamp within the replay window. A
 * delivery without `webhook-id` is rejected (the spec requires it). Returns
 * the parsed JSON body; throws `WebhookVerificationError` otherwise.
 *
 * `webhook-id` and `webhook-timestamp` are covered by the signature:
 * deduplicate deliveries by `webhook-id` (for example with `createReplayGuard`).
 */
export async function verifyStandardWebhook<T = unknown>(options: VerifyStandardWebhookOptions): Promise<T> {
  const { body, headers, secret, toleranceSeconds, now } = options;
  const id = readHeader(headers, 'webhook-id');
  const timestamp = readHeader(headers, 'webhook-timestamp');
  const signatureHeader = readHeader(headers, 'webhook-signature');
  // The spec requires all three; webhook-id is signed, so it is what a receiver deduplicates by.
  if (!id || !timestamp || !signatureHeader) {
    throw new WebhookVerificationError({
      reason: 'missing-header',
      message: 'webhook-id, webhook-timestamp and webhook-signature headers are required.',
    });
  }
  assertFreshTimestamp(timestamp, { toleranceSeconds, now });

  const key = secret.startsWith('whsec_')
    ? fromBase64(secret.slice('whsec_'.length))
    : new TextEncoder().encode(secret);
  if (!key) throw new WebhookVerificationError({ reason: 'malformed', message: 'the secret is not valid base64.' });
  const expected = await hmacSha256(key, `${id}.${timestamp}.${body}`);

  const matches = signatureHeader
    .split(' ')
    .map((entry) => entry.split(','))
    .filter(([version, value]) => version === 'v1' && value)
    .some(([, value]) => {
      const candidate = fromBase64(value);
      return candidate !== undefined && timingSafeEqual(candidate, expected);
    });
  if (!matches) {
    throw new WebhookVerificationError({ reason: 'bad-signature', message: 'no v1 signature matches the body.' });
  }
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new WebhookVerificationError({ reason: 'malformed', message: 'the body is not JSON.' });
  }
}

/**
 * Signs a body the Standard Webhooks way and returns the three headers. For
 * tests and for servers that relay deliveries.
 */
export async function signStandardWebhook({
  id,
  timestamp,
  body,
  secret,
}: {
  id: string;
  timestamp: number;
  body: string;
  secret: string;
}): Promise<Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>> {
  const key = secret.startsWith('whsec_')
    ? fromBase64(secret.slice('whsec_'.length))!
    : new TextEncoder().encode(secret);
  const signature = await hmacSha256(key, `${id}.${timestamp}.${body}`);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${convertUint8ArrayToBase64(signature)}`,
  };
}
