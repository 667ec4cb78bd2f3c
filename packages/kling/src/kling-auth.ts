import { hmacSha256, toBase64Url } from '@videogen/provider-utils';

/** How long a signed token is valid: 30 minutes, as Kling's samples sign it. */
export const KLING_JWT_TTL_SECONDS = 1800;

/** How far back `nbf` is set, for clock skew: 5 s, as Kling's samples do. */
const NOT_BEFORE_SKEW_SECONDS = 5;

/**
 * Signs Kling's access token (WebCrypto, no dependency): an HS256 JWT with
 * header `{"alg":"HS256","typ":"JWT"}` and payload
 * `{"iss": accessKey, "exp": now + 1800, "nbf": now - 5}` (seconds), keyed
 * with the secret key, as Kling's documentation and samples build it.
 */
export async function signKlingJwt({
  accessKey,
  secretKey,
  nowSeconds = Math.floor(Date.now() / 1000),
  ttlSeconds = KLING_JWT_TTL_SECONDS,
}: {
  accessKey: string;
  secretKey: string;
  nowSeconds?: number;
  ttlSeconds?: number;
}): Promise<string> {
  const header = toBase64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = toBase64Url(
    JSON.stringify({ iss: accessKey, exp: nowSeconds + ttlSeconds, nbf: nowSeconds - NOT_BEFORE_SKEW_SECONDS }),
  );
  const signature = await hmacSha256(secretKey, `${header}.${payload}`);
  return `${header}.${payload}.${toBase64Url(signature)}`;
}
