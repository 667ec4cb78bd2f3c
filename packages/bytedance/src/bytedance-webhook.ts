import { WebhookVerificationError } from '@videogen/provider-spec';
import { addCallbackToken, verifyCallbackToken } from '@videogen/provider-utils';
import { byteDanceTaskSchema, type ByteDanceTask } from './bytedance-operation';

/**
 * ByteDance signs no callback: `callback_url` receives the task object (as
 * `GET /contents/generations/tasks/{id}` returns it) on each status change,
 * with no signature header. The documented way to authenticate it is a
 * secret of yours in the callback URL: {@link createByteDanceWebhookUrl}
 * adds one, {@link verifyByteDanceWebhook} checks it. Even then, act on the
 * task you re-read with `doStatus` (core's webhook wait does), not on the body.
 */
export const BYTEDANCE_WEBHOOK_TOKEN_PARAMETER = 'videogen_token';

/** Adds `secret` to a callback URL as the `videogen_token` query parameter. */
export function createByteDanceWebhookUrl({ url, secret }: { url: string; secret: string }): string {
  return addCallbackToken({ url, secret, parameter: BYTEDANCE_WEBHOOK_TOKEN_PARAMETER });
}

/** Options of {@link verifyByteDanceWebhook}. */
export type VerifyByteDanceWebhookOptions = {
  /** The raw request body. */
  body: string;
  /** The full URL the callback was posted to (with its query). */
  url: string | URL;
  /** The secret put into the callback URL with {@link createByteDanceWebhookUrl}. */
  secret: string;
};

/** A verified Seedance callback. */
export type ByteDanceWebhookDelivery = {
  /** The task object of the callback. */
  task: ByteDanceTask;
  /**
   * `<task id>-<status>`: store it and skip deliveries you have already
   * handled (ByteDance retries a callback 3 times when it is not answered
   * within 5 s), e.g. with `createReplayGuard` from `@videogen/provider-utils`.
   */
  idempotencyKey: string;
};

/**
 * Checks the secret token of a Seedance callback URL in constant time and
 * parses the task it delivers. Throws `WebhookVerificationError` when the
 * token is missing or wrong or the body is not a task (answer with 401).
 *
 * ```ts
 * const { task } = await verifyByteDanceWebhook({ body: await request.text(), url: request.url, secret });
 * ```
 */
export async function verifyByteDanceWebhook({
  body,
  url,
  secret,
}: VerifyByteDanceWebhookOptions): Promise<ByteDanceWebhookDelivery> {
  verifyCallbackToken({ url, secret, parameter: BYTEDANCE_WEBHOOK_TOKEN_PARAMETER, provider: 'The Seedance' });
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new WebhookVerificationError({ reason: 'malformed', message: 'the body is not JSON.' });
  }
  const parsed = byteDanceTaskSchema.safeParse(payload);
  if (!parsed.success) {
    throw new WebhookVerificationError({
      reason: 'malformed',
      message: 'the body is not a Seedance task ({ id, status }).',
    });
  }
  return { task: parsed.data, idempotencyKey: `${parsed.data.id}-${parsed.data.status}` };
}
