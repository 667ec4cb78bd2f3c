import type { VideoJob } from '@videogen/provider-spec';
import { verifyStandardWebhook } from '@videogen/provider-utils';
import type { GoogleVideoOperation } from './google-operation';

/**
 * A Gemini API webhook delivery. The event type for Veo is
 * `video.generated` (others: `batch.succeeded`, `batch.failed`,
 * `interaction.*`). Google has not documented the payload beyond the event
 * type (it is reported to carry the operation and the video's file URI, not
 * bytes), so every other field is optional and unknown fields are kept:
 * after a `video.generated` event, call `doStatus` / `getVideoStatus` with
 * the job to read the result.
 */
export type GoogleWebhookEvent = {
  /** The event type, e.g. `'video.generated'`. */
  type: 'video.generated' | 'batch.succeeded' | 'batch.failed' | (string & {});
  /** Event data (shape not documented by Google). */
  data?: {
    /** The operation name, when present (`models/{model}/operations/{id}`). */
    name?: string;
    /** The `userMetadata` of the request's `webhookConfig`, when present. */
    userMetadata?: Record<string, unknown>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/** Options of {@link verifyGoogleWebhook}. */
export type VerifyGoogleWebhookOptions = {
  /** The raw request body, exactly as received. */
  body: string;
  /** The request headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The webhook's signing secret (`whsec_…`), returned once when the webhook is created. */
  secret: string;
  /** Replay window in seconds. Default: 300. */
  toleranceSeconds?: number;
  /** The clock, for tests. Default: `Date.now`. */
  now?: () => number;
};

/**
 * Verifies a delivery of a Gemini API **static** webhook (created with
 * `POST /v1beta/webhooks`), which is signed the Standard Webhooks way:
 * HMAC-SHA256 with the `whsec_…` secret over `${webhook-id}.${webhook-timestamp}.${body}`,
 * timestamp within the replay window. Returns the parsed event; throws
 * `WebhookVerificationError` (answer 401 and ignore the request) otherwise.
 *
 * Dynamic (per-request `webhookConfig`) deliveries are reported to be signed
 * with RS256 JWTs checked against Google's JWKS; that scheme is not
 * confirmed, so it is not implemented here: treat such a delivery only as a
 * hint and read the result with `doStatus`.
 */
export async function verifyGoogleWebhook(options: VerifyGoogleWebhookOptions): Promise<GoogleWebhookEvent> {
  return verifyStandardWebhook<GoogleWebhookEvent>(options);
}

/** A Veo operation name on the Gemini API: `models/{model}/operations/{id}`. */
const OPERATION_NAME = /^models\/([\w.-]+)\/operations\/[\w.-]+$/;

/**
 * The job a verified event is about, as `doStart` makes it
 * (`operation: { name }`, the operation name in `data.name`), to pass to
 * `getVideoStatus` / `waitForVideo` or its `operation` to the model's
 * `doStatus` (the result is read there: the event is only a hint).
 * `modelId` is the model the job was submitted with. Default: the model
 * in the operation name. `undefined` when the event names no Veo operation
 * (`models/{model}/operations/{id}`), e.g. batch events.
 */
export function getGoogleWebhookJob(
  event: GoogleWebhookEvent,
  { modelId }: { modelId?: string } = {},
): VideoJob | undefined {
  const name = event.data?.name;
  const match = typeof name === 'string' ? OPERATION_NAME.exec(name) : null;
  if (!name || !match || name.split('/').includes('..')) return undefined;
  const operation: GoogleVideoOperation = { name };
  return { specificationVersion: 'v3', provider: 'google.video', modelId: modelId ?? match[1], operation };
}

/**
 * How the job ended, from the event type: `video.generated` is
 * `'completed'`; `undefined` for other events (Google documents no failure
 * event for Veo: a failed operation is found by `doStatus`).
 */
export function getGoogleWebhookStatus(event: GoogleWebhookEvent): 'completed' | undefined {
  return event.type === 'video.generated' ? 'completed' : undefined;
}
