import { convertBase64ToUint8Array, convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';

// Encodings for tokens and signed links (URL-safe, runtime-neutral: no Buffer).

/** Base64url without padding (RFC 4648 §5) of bytes, or of a string's UTF-8 bytes. */
export function toBase64Url(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return convertUint8ArrayToBase64(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The bytes of a base64url string (padding optional); `undefined` when it has other characters or is malformed. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return undefined;
  try {
    return convertBase64ToUint8Array(text.replace(/=+$/, '')) as Uint8Array<ArrayBuffer>;
  } catch {
    return undefined;
  }
}

/**
 * JSON with object keys sorted at every level, so that a value re-serialized
 * (by a page, a database, another runtime) signs and compares the same.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}
