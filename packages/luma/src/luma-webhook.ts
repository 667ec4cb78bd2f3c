import { WebhookVerificationError } from '@videogen/provider-spec';
import { addCallbackToken, safeValidate, verifyCallbackToken } from '@videogen/provider-utils';
import { type LumaGeneration, lumaGenerationSchema } from './luma-operation';

/** The query parameter {@link withLumaCallbackToken} adds and {@link verifyLumaWebhook} reads by default. */
export const LUMA_CALLBACK_TOKEN_PARAMETER = 'videogen_token';

/**
 * Adds a secret token to a callback URL (`?videogen_token=<secret>`).
 * Luma signs nothing: it POSTs the `Generation` object to the `callback_url`
 * you give, so a secret only you and Luma know, in that URL, is what
 * authenticates the call. Use a long random secret and HTTPS.
 */
export function withLumaCallbackToken(
  url: string,
  secret: string,
  parameter: string = LUMA_CALLBACK_TOKEN_PARAMETER,
): string {
  return addCallbackToken({ url, secret, parameter });
}

/** Options of {@link verifyLumaWebhook}. */
export type VerifyLumaWebhookOptions = {
  /** The raw request body, exactly as received. */
  body: string;
  /** The full URL the callback arrived at (with its query), e.g. `request.url`. */
  url: string | URL;
  /** The secret put into the callback URL with {@link withLumaCallbackToken}. */
  secret: string;
  /** The query parameter that carries it. Default: `'videogen_token'`. */
  parameter?: string;
};

/** A verified Luma callback. */
export type LumaWebhookDelivery = {
  /** The generation, as `GET /generations/{id}` returns it. */
  generation: LumaGeneration & Record<string, unknown>;
  /**
   * `<generation id>-<state>`: Luma calls back on `dreaming`, `completed` and
   * `failed`, may repeat a call, and retries up to 3 times; store this key
   * and skip calls already handled (e.g. with `createReplayGuard`).
   */
  idempotencyKey: string;
};

/**
 * Authenticates a Luma callback by the secret token in its URL (compared in
 * constant time) and parses the `Generation` body. Throws
 * `WebhookVerificationError` (answer 401 and ignore the request) when the
 * token is missing or wrong, or the body is no generation. Luma has no
 * timestamp to check: deduplicate with `idempotencyKey`, and read the
 * result with `doStatus` / `getVideoStatus`.
 */
export async function verifyLumaWebhook(options: VerifyLumaWebhookOptions): Promise<LumaWebhookDelivery> {
  const parameter = options.parameter ?? LUMA_CALLBACK_TOKEN_PARAMETER;
  verifyCallbackToken({ url: options.url, secret: options.secret, parameter, provider: 'The Luma' });
  let json: unknown;
  try {
    json = JSON.parse(options.body);
  } catch {
    throw new WebhookVerificationError({ reason: 'malformed', message: 'The body is not JSON.' });
  }
  const parsed = await safeValidate(lumaGenerationSchema, json);
  if (!parsed.success) {
    throw new WebhookVerificationError({ reason: 'malformed', message: 'The body is not a Luma generation.' });
  }
  const generation = json as LumaGeneration & Record<string, unknown>;
  return { generation, idempotencyKey: `${generation.id}-${generation.state}` };
}
