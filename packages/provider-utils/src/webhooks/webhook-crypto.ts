import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';
import { WebhookVerificationError } from '@videogen/provider-spec';

const encoder = new TextEncoder();

/** Default replay window for webhook timestamps, in seconds (both directions). */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** HMAC-SHA256 of a UTF-8 message with the given key bytes (WebCrypto). */
export async function hmacSha256(key: Uint8Array | string, message: string | Uint8Array): Promise<Uint8Array> {
  const keyBytes = typeof key === 'string' ? encoder.encode(key) : key;
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    keyBytes as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const data = typeof message === 'string' ? encoder.encode(message) : message;
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data as BufferSource));
}

/** SHA-256 of bytes or a UTF-8 string. */
export async function sha256(data: string | Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.digest('SHA-256', (typeof data === 'string' ? encoder.encode(data) : data) as BufferSource),
  );
}

/**
 * Verifies an Ed25519 signature with a public key given as a JWK (`kty: 'OKP'`,
 * `crv: 'Ed25519'`, base64url `x`) or as the 32 raw key bytes.
 */
export async function verifyEd25519({
  publicKey,
  signature,
  message,
}: {
  publicKey: { kty: string; crv: string; x: string } | Uint8Array;
  signature: Uint8Array;
  message: Uint8Array | string;
}): Promise<boolean> {
  const key =
    publicKey instanceof Uint8Array
      ? await crypto.subtle.importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, ['verify'])
      : await crypto.subtle.importKey(
          'jwk',
          { kty: publicKey.kty, crv: publicKey.crv, x: publicKey.x },
          { name: 'Ed25519' },
          false,
          ['verify'],
        );
  const data = typeof message === 'string' ? encoder.encode(message) : message;
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature as BufferSource, data as BufferSource);
}

/** Compares two byte arrays in time that does not depend on where they differ. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let difference = 0;
  for (let index = 0; index < a.byteLength; index++) difference |= a[index] ^ b[index];
  return difference === 0;
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Bytes of a hex string; `undefined` when it is not hex. */
export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

/** Bytes of a base64 or base64url string; `undefined` when it is not valid. */
export function fromBase64(value: string): Uint8Array | undefined {
  try {
    return convertBase64ToUint8Array(value);
  } catch {
    return undefined;
  }
}

/**
 * Throws a `WebhookVerificationError` (`stale-timestamp`) when a unix-seconds
 * timestamp is further than `toleranceSeconds` from now, in either direction.
 */
export function assertFreshTimestamp(
  timestamp: string | number | undefined,
  {
    toleranceSeconds = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
    now = Date.now,
  }: { toleranceSeconds?: number; now?: () => number } = {},
): number {
  const seconds = typeof timestamp === 'number' ? timestamp : Number(timestamp);
  if (timestamp === undefined || timestamp === '' || !Number.isFinite(seconds)) {
    throw new WebhookVerificationError({ reason: 'malformed', message: 'the timestamp is missing or not a number.' });
  }
  if (Math.abs(now() / 1000 - seconds) > toleranceSeconds) {
    throw new WebhookVerificationError({
      reason: 'stale-timestamp',
      message: `the timestamp is more than ${toleranceSeconds} s away from now.`,
    });
  }
  return seconds;
}

/** Reads a header from a `Headers` object or a plain record, case-insensitively. */
export function readHeader(
  headers: Headers | Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === lower) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
