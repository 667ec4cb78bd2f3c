import { verifyStandardWebhook } from '@videogen/provider-utils';

/**
 * A Kling callback: the task, flat (not wrapped in `{ code, data }`), sent on
 * every status change (`submitted`, `processing`, `succeed`, `failed`), so
 * handlers must be idempotent. The new-style API sends `{ id, status,
 * outputs, … }` instead; unknown fields are kept.
 */
export type KlingWebhookEvent = {
  /** Legacy API: the task id. */
  task_id?: string;
  /** Legacy API: `submitted`, `processing`, `succeed` or `failed`. */
  task_status?: string;
  /** Legacy API: the failure reason. */
  task_status_msg?: string;
  task_info?: { external_task_id?: string; [key: string]: unknown };
  task_result?: { videos?: Array<{ id?: string; url: string; duration?: string }>; [key: string]: unknown };
  /** New-style API: the task id. */
  id?: string;
  /** New-style API: `submitted`, `processing`, `succeeded` or `failed`. */
  status?: string;
  [key: string]: unknown;
};

/** Options of {@link verifyKlingWebhook}. */
export type VerifyKlingWebhookOptions = {
  /** The raw request body, exactly as received. */
  body: string;
  /** The request headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The Webhook Secret created in Kling's console (`whsec_…`). */
  secret: string;
  /** Replay window in seconds. Default: 300. */
  toleranceSeconds?: number;
  /** The clock, for tests. Default: `Date.now`. */
  now?: () => number;
};

/**
 * Verifies a signed Kling callback. Kling signs callbacks the Standard
 * Webhooks way once a Webhook Secret exists in its console: HMAC-SHA256 with
 * the `whsec_…` secret over `${webhook-id}.${webhook-timestamp}.${body}`,
 * any `v1,` entry of `webhook-signature` (two during a rotation), timestamp
 * within 5 minutes. Returns the parsed event; throws
 * `WebhookVerificationError` (answer 401 and ignore it) otherwise.
 *
 * Without a Webhook Secret Kling sends no signature: then treat a callback
 * only as a hint and read the task with `doStatus` / `getVideoStatus`.
 */
export async function verifyKlingWebhook(options: VerifyKlingWebhookOptions): Promise<KlingWebhookEvent> {
  return verifyStandardWebhook<KlingWebhookEvent>(options);
}
