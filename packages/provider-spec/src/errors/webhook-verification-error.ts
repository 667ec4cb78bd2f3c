import { AISDKError } from '@ai-sdk/provider';

const name = 'VideoGen_WebhookVerificationError';
const marker = `videogen.error.${name}`;
const symbol = Symbol.for(marker);

/** Why a webhook delivery was rejected. */
export type WebhookVerificationFailure =
  | 'missing-header'
  | 'bad-signature'
  | 'stale-timestamp'
  | 'unknown-key'
  | 'malformed'
  /** Validly signed, but for another sender than the one the verifier was told to expect (e.g. another fal user). */
  | 'unexpected-sender';

/**
 * A webhook delivery could not be verified: a header is missing, the
 * signature does not match the body, or the timestamp is outside the replay
 * window. Answer such a request with 401 and do not act on it.
 */
export class WebhookVerificationError extends AISDKError {
  private readonly [symbol] = true;

  /** Why it was rejected. */
  readonly reason: WebhookVerificationFailure;

  constructor({ reason, message }: { reason: WebhookVerificationFailure; message: string }) {
    super({ name, message: `Webhook verification failed (${reason}): ${message}` });
    this.reason = reason;
  }

  static isInstance(error: unknown): error is WebhookVerificationError {
    return AISDKError.hasMarker(error, marker);
  }
}
