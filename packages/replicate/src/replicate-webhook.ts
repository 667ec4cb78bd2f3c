import { type VideoJob, WebhookVerificationError } from '@videogen/provider-spec';
import { verifyStandardWebhook } from '@videogen/provider-utils';
import {
  replicatePredictionSchema,
  type ReplicatePrediction,
  type ReplicateVideoOperation,
} from './replicate-operation';

/** Options of {@link verifyReplicateWebhook}. */
export type VerifyReplicateWebhookOptions = {
  /** The raw request body, exactly as received. */
  body: string;
  /** The request headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /**
   * The account's signing secret, `whsec_…`, from `GET /v1/webhooks/default/secret`
   * (its `key`). Fetch it once and keep it with your other secrets.
   */
  secret: string;
  /** Replay window in seconds. Default: 300 (Replicate's SDK checks none; Standard Webhooks advises 5 minutes). */
  toleranceSeconds?: number;
  /** The clock, for tests. Default: `Date.now`. */
  now?: () => number;
};

/**
 * Verifies a Replicate webhook delivery, signed the Standard Webhooks way:
 * HMAC-SHA256 with the base64 key after `whsec_` over
 * `${webhook-id}.${webhook-timestamp}.${body}`, any of the space-separated
 * `v1,<base64>` signatures, compared in constant time, timestamp within the
 * replay window. Returns the prediction the delivery carries; throws
 * `WebhookVerificationError` (answer 401 and ignore it) otherwise.
 *
 * Replicate retries failed deliveries with the same `webhook-id`: deduplicate
 * on it (`createReplayGuard` of `@videogen/provider-utils`). Act on the
 * prediction you re-read with `doStatus` / `getVideoStatus` (core's webhook
 * wait does), the delivery is a hint.
 */
export async function verifyReplicateWebhook(options: VerifyReplicateWebhookOptions): Promise<ReplicatePrediction> {
  const payload = await verifyStandardWebhook<unknown>(options);
  const parsed = replicatePredictionSchema.safeParse(payload);
  if (!parsed.success) {
    throw new WebhookVerificationError({
      reason: 'malformed',
      message: 'the body is not a Replicate prediction ({ id, status }).',
    });
  }
  return parsed.data;
}

/**
 * The job a verified delivery is about, as `doStart` makes it
 * (`operation: { id }`), to pass to `getVideoStatus` / `waitForVideo`.
 * `modelId`: the model the job was submitted with. Default: the prediction's
 * `model` (`owner/name`).
 */
export function getReplicateWebhookJob(
  prediction: Pick<ReplicatePrediction, 'id' | 'model'>,
  { modelId }: { modelId?: string } = {},
): VideoJob {
  const operation: ReplicateVideoOperation = { id: prediction.id };
  return {
    specificationVersion: 'v3',
    provider: 'replicate.video',
    modelId: modelId ?? prediction.model ?? 'unknown',
    operation,
  };
}

/**
 * How the prediction stands, from the delivery: `'completed'`, `'failed'`
 * (also `canceled` and `aborted`), or `undefined` while it runs (`start`,
 * `output` and `logs` events).
 */
export function getReplicateWebhookStatus(
  prediction: Pick<ReplicatePrediction, 'status'>,
): 'completed' | 'failed' | undefined {
  if (prediction.status === 'succeeded') return 'completed';
  if (['failed', 'canceled', 'aborted'].includes(prediction.status)) return 'failed';
  return undefined;
}
