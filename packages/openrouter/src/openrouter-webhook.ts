import { type VideoJob, WebhookVerificationError } from '@videogen/provider-spec';
import {
  assertFreshTimestamp,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  fromHex,
  hmacSha256,
  readHeader,
  timingSafeEqual,
  toHex,
} from '@videogen/provider-utils';
import type { OpenRouterVideoOperation } from './openrouter-operation';

/** The events OpenRouter sends when a video job reaches a terminal state. */
export type OpenRouterWebhookEventType =
  | 'video.generation.completed'
  | 'video.generation.failed'
  | 'video.generation.cancelled'
  | 'video.generation.expired';

/**
 * The body of an OpenRouter video webhook, in OpenRouter's wire names.
 * `data` mirrors the job's poll response.
 */
export type OpenRouterWebhookPayload = {
  /** The event, e.g. `'video.generation.completed'` (open for events added later). */
  type: OpenRouterWebhookEventType | (string & {});
  /** ISO timestamp of the event. */
  created_at?: string;
  data: {
    /** The job id (the `id` of the operation). */
    id: string;
    /** The job status: `completed`, `failed`, `cancelled` or `expired`. */
    status?: string;
    /** The generation id, once processed. */
    generation_id?: string | null;
    /** The model id. */
    model?: string | null;
    /** Content-proxy URLs of the videos; fetch them with the key (e.g. through the model's `doDownload`). */
    unsigned_urls?: string[];
    /** Cost in USD and whether your own provider key was used. */
    usage?: { cost: number | null; is_byok: boolean };
    /** Why the job failed. */
    error?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/** Options of {@link verifyOpenRouterWebhook}. */
export type VerifyOpenRouterWebhookOptions = {
  /** The raw request body, exactly as received (do not re-serialise parsed JSON). */
  body: string;
  /** The request headers (`X-OpenRouter-Signature`). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The signing secret from your OpenRouter workspace settings, as shown there. */
  secret: string;
  /** Replay window in seconds, both directions. Default: 300. */
  toleranceSeconds?: number;
  /** The clock in milliseconds, for tests. Default: `Date.now`. */
  now?: () => number;
};

/** A verified OpenRouter webhook delivery. */
export type OpenRouterWebhookDelivery = {
  /** The parsed body. */
  payload: OpenRouterWebhookPayload;
  /**
   * `<job id>-<status>` (e.g. `gen-vid-…-completed`), built from the signed
   * body: store it and skip deliveries you have already handled (a delivery
   * can be repeated or replayed), e.g. with `createReplayGuard` from
   * `@videogen/provider-utils`. It has the form of OpenRouter's
   * `X-OpenRouter-Idempotency-Key` header, but that header is not covered
   * by the signature and is never read: a replay with a forged header gets
   * the same key as the original.
   */
  idempotencyKey: string;
  /** The signed timestamp, in unix seconds. */
  timestamp: number;
};

/**
 * Verifies an OpenRouter video webhook: `X-OpenRouter-Signature: t=<unix
 * seconds>,v1=<hex>`, where `v1` is the hex HMAC-SHA256 of `${t},${body}`
 * keyed with the UTF-8 bytes of the secret. The signature is compared in
 * constant time and `t` must be within `toleranceSeconds` of now. Only `t`
 * and the body are signed: other headers (`X-OpenRouter-Idempotency-Key`)
 * are not, and are ignored. Returns the typed payload and an idempotency
 * key built from the signed body; throws `WebhookVerificationError`
 * otherwise (answer such requests with 401).
 *
 * ```ts
 * const { payload, idempotencyKey } = await verifyOpenRouterWebhook({
 *   body: await request.text(),
 *   headers: request.headers,
 *   secret: process.env.OPENROUTER_WEBHOOK_SECRET!,
 * });
 * ```
 */
export async function verifyOpenRouterWebhook({
  body,
  headers,
  secret,
  toleranceSeconds = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  now = Date.now,
}: VerifyOpenRouterWebhookOptions): Promise<OpenRouterWebhookDelivery> {
  const signatureHeader = readHeader(headers, 'x-openrouter-signature');
  if (!signatureHeader) {
    throw new WebhookVerificationError({
      reason: 'missing-header',
      message: 'the X-OpenRouter-Signature header is missing.',
    });
  }
  let timestampText: string | undefined;
  const signatures: string[] = [];
  for (const part of signatureHeader.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') timestampText = value;
    else if (key === 'v1' && value) signatures.push(value);
  }
  if (timestampText === undefined || !/^\d+$/.test(timestampText) || signatures.length === 0) {
    throw new WebhookVerificationError({
      reason: 'malformed',
      message: 'X-OpenRouter-Signature must be t=<unix seconds>,v1=<hex signature>.',
    });
  }
  const timestamp = assertFreshTimestamp(timestampText, { toleranceSeconds, now });

  const expected = await hmacSha256(secret, `${timestampText},${body}`);
  const matches = signatures.some((signature) => {
    const candidate = fromHex(signature);
    return candidate !== undefined && timingSafeEqual(candidate, expected);
  });
  if (!matches) {
    throw new WebhookVerificationError({ reason: 'bad-signature', message: 'no v1 signature matches the body.' });
  }

  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new WebhookVerificationError({ reason: 'malformed', message: 'the body is not JSON.' });
  }
  if (!isPayload(payload)) {
    throw new WebhookVerificationError({
      reason: 'malformed',
      message: 'the body is not an OpenRouter video event ({ type, data: { id } }).',
    });
  }
  return { payload, idempotencyKey: `${payload.data.id}-${statusOf(payload)}`, timestamp };
}

/**
 * Signs a body the way OpenRouter does and returns the signature header. For
 * tests, emulators and relays.
 */
export async function signOpenRouterWebhook({
  body,
  secret,
  timestamp,
}: {
  body: string;
  secret: string;
  /** Unix seconds. */
  timestamp: number;
}): Promise<{ 'x-openrouter-signature': string }> {
  const signature = toHex(await hmacSha256(secret, `${timestamp},${body}`));
  return { 'x-openrouter-signature': `t=${timestamp},v1=${signature}` };
}

/** How a job ended, as an OpenRouter video event says (`video.generation.<status>`). */
export type OpenRouterWebhookStatus = 'completed' | 'failed' | 'cancelled' | 'expired';

const VIDEO_EVENT_PREFIX = 'video.generation.';
const WEBHOOK_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled', 'expired']);

/**
 * The job a verified video event is about, as `doStart` makes it
 * (`operation: { id }`; the polling URL is rebuilt from the id), to pass to
 * `getVideoStatus` / `waitForVideo` or its `operation` to the model's
 * `doStatus`. `modelId` is the model the job was submitted with (e.g.
 * `'google/veo-3.1'`; the event's `data.model` names it too). `undefined`
 * for events that are not about a video job.
 */
export function getOpenRouterWebhookJob(
  payload: OpenRouterWebhookPayload,
  { modelId }: { modelId: string },
): VideoJob | undefined {
  if (!payload.type.startsWith(VIDEO_EVENT_PREFIX)) return undefined;
  const operation: OpenRouterVideoOperation = { id: payload.data.id };
  return { specificationVersion: 'v3', provider: 'openrouter.video', modelId, operation };
}

/**
 * How the job ended, from the event type: `video.generation.completed` is
 * `'completed'`, `…failed` `'failed'`, `…cancelled` `'cancelled'`,
 * `…expired` `'expired'`; `undefined` for other events. The videos (content
 * proxy URLs that need the key) and the reason are read with
 * `getVideoStatus` / `doStatus` on {@link getOpenRouterWebhookJob}'s job.
 */
export function getOpenRouterWebhookStatus(payload: OpenRouterWebhookPayload): OpenRouterWebhookStatus | undefined {
  if (!payload.type.startsWith(VIDEO_EVENT_PREFIX)) return undefined;
  const status = payload.type.slice(VIDEO_EVENT_PREFIX.length);
  return WEBHOOK_STATUSES.has(status) ? (status as OpenRouterWebhookStatus) : undefined;
}

/** The job status of an event: `data.status`, else the end of the event type (`video.generation.expired` -> `expired`). */
function statusOf(payload: OpenRouterWebhookPayload): string {
  if (typeof payload.data.status === 'string' && payload.data.status !== '') return payload.data.status;
  return payload.type.startsWith('video.generation.') ? payload.type.slice('video.generation.'.length) : payload.type;
}

function isPayload(value: unknown): value is OpenRouterWebhookPayload {
  if (value === null || typeof value !== 'object') return false;
  const { type, data } = value as { type?: unknown; data?: unknown };
  return (
    typeof type === 'string' &&
    data !== null &&
    typeof data === 'object' &&
    typeof (data as { id?: unknown }).id === 'string'
  );
}
