import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { randomHex } from './util';

/** The keys the emulator signs webhooks with, exposed so tests can verify signatures. */
export interface EmulatorWebhookKeys {
  /** OpenAI (Standard Webhooks) signing secret, `whsec_<base64>`. */
  openai: string;
  /** Gemini (Standard Webhooks) signing secret, `whsec_<base64>`. */
  google: string;
  /** OpenRouter workspace signing secret (HMAC key as UTF-8). */
  openrouter: string;
  /** Kling (Standard Webhooks) Webhook Secret, `whsec_<base64>`. */
  kling: string;
  /** Replicate (Standard Webhooks) account secret, `whsec_<base64>` (`GET /v1/webhooks/default/secret`). */
  replicate: string;
  fal: {
    /** Ed25519 public key. */
    publicKey: KeyObject;
    /** The JWKS document served at `jwksUrl`. */
    jwks: { keys: Array<{ kty: string; crv: string; x: string; kid: string; use: string; alg: string }> };
    /** Where the JWKS is served. */
    jwksUrl: string;
    /** Sent as `X-Fal-Webhook-User-Id`. */
    userId: string;
  };
}

/** Options to fix the webhook keys instead of generating them per emulator. */
export interface WebhookKeyOptions {
  openaiSecret?: string;
  googleSecret?: string;
  openrouterSecret?: string;
  klingSecret?: string;
  replicateSecret?: string;
  /** Ed25519 private key (KeyObject or PEM) for fal webhooks. */
  falPrivateKey?: KeyObject | string;
  falUserId?: string;
}

export function newStandardWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export function createWebhookKeys(options: WebhookKeyOptions, jwksUrl: string) {
  const falPrivateKey =
    options.falPrivateKey === undefined
      ? generateKeyPairSync('ed25519').privateKey
      : typeof options.falPrivateKey === 'string'
        ? createPrivateKey(options.falPrivateKey)
        : options.falPrivateKey;
  const publicKey = createPublicKey(falPrivateKey);
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  const kid = createHash('sha256').update(jwk.x).digest('hex').slice(0, 16);
  const keys: EmulatorWebhookKeys = {
    openai: options.openaiSecret ?? newStandardWebhookSecret(),
    google: options.googleSecret ?? newStandardWebhookSecret(),
    openrouter: options.openrouterSecret ?? `orwh_${randomHex(24)}`,
    kling: options.klingSecret ?? newStandardWebhookSecret(),
    replicate: options.replicateSecret ?? newStandardWebhookSecret(),
    fal: {
      publicKey,
      jwks: { keys: [{ kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid, use: 'sig', alg: 'EdDSA' }] },
      jwksUrl,
      userId: options.falUserId ?? 'emulator-user',
    },
  };
  return { keys, falPrivateKey };
}

/** Standard Webhooks headers (OpenAI, Gemini): `v1,base64(HMAC-SHA256(key, id.ts.body))`. */
export function standardWebhookHeaders(secret: string, id: string, timestampSeconds: number, body: string) {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
  const signature = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${signature}`,
  };
}

/** fal: Ed25519 over `request_id\nuser_id\ntimestamp\nhex(sha256(body))`, hex signature. */
export function falWebhookHeaders(
  privateKey: KeyObject,
  requestId: string,
  userId: string,
  timestampSeconds: number,
  body: string,
) {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const message = `${requestId}\n${userId}\n${timestampSeconds}\n${bodyHash}`;
  const signature = sign(null, Buffer.from(message, 'utf8'), privateKey).toString('hex');
  return {
    'x-fal-webhook-request-id': requestId,
    'x-fal-webhook-user-id': userId,
    'x-fal-webhook-timestamp': String(timestampSeconds),
    'x-fal-webhook-signature': signature,
  };
}

/** OpenRouter: `X-OpenRouter-Signature: t=<ts>,v1=hex(HMAC_SHA256(secret, ts + "," + body))`. */
export function openrouterWebhookHeaders(
  secret: string,
  timestampSeconds: number,
  body: string,
  idempotencyKey: string,
) {
  const signature = createHmac('sha256', secret).update(`${timestampSeconds},${body}`).digest('hex');
  return {
    'x-openrouter-signature': `t=${timestampSeconds},v1=${signature}`,
    'x-openrouter-idempotency-key': idempotencyKey,
  };
}
