import { InvalidArgumentError, type VideoJob } from '@videogen/provider-spec';
import { canonicalJson, fromBase64Url, toBase64Url } from '@videogen/provider-utils';

const MIN_SECRET_LENGTH = 32;
const SIGNATURE_PREFIX = 'v1.';
// Domain separation: a signature over a download link is never valid for anything else signed with the secret.
const PAYLOAD_PREFIX = 'videogen.video-download-link.v1\n';

/** The query parameters of a signed download link. */
export const VIDEO_DOWNLOAD_LINK_PARAMS = {
  job: 'job',
  index: 'index',
  expires: 'expires',
  signature: 'signature',
} as const;

/** Why a download link was refused. */
export type VideoDownloadLinkRefusal =
  /** The URL has no `signature` parameter: not a signed link. */
  | 'unsigned'
  /** A parameter is missing or malformed. */
  | 'malformed'
  /** The signature does not match: tampered, signed with another secret, or for another subject (user). */
  | 'invalid-signature'
  /** The link has expired. */
  | 'expired';

/** What {@link VideoDownloadLinkSigner.verify} found. */
export type VideoDownloadLinkVerification =
  | { valid: true; job: VideoJob; index: number; expiresAt: Date }
  | { valid: false; reason: VideoDownloadLinkRefusal };

/**
 * Signs and verifies short-lived links to a server's video content endpoint
 * (HMAC-SHA-256 with Web Crypto, so it runs on Node, edge runtimes, Bun and
 * Deno). A link names the job, the video index and its expiry in its query
 * and carries a signature over them and over an optional subject (the user
 * id), which is not in the URL: a link made for one user is refused for any
 * other, and a changed job, index or expiry is refused.
 */
export type VideoDownloadLinkSigner = {
  /**
   * A link to `baseUrl` for video `index` of `job`, valid until `expiresAt`,
   * for `subject` (when given, the content endpoint must verify with the same subject).
   */
  createUrl(options: { job: VideoJob; index: number; expiresAt: Date; subject?: string }): Promise<string>;
  /**
   * Checks a link (the request, its URL or its query): the signature (in
   * constant time), then the expiry. `subject` must be the one the link was
   * made for (the user of this request). `now` defaults to the current time.
   */
  verify(
    link: Request | URL | string | URLSearchParams,
    options?: { subject?: string; now?: Date },
  ): Promise<VideoDownloadLinkVerification>;
};

/** Settings of {@link createVideoDownloadLinkSigner}. */
export type VideoDownloadLinkSignerSettings = {
  /**
   * The server's secret: at least 32 characters (e.g. `openssl rand -base64 32`).
   * An array rotates secrets: the first signs, every one verifies.
   */
  secret: string | readonly string[];
  /**
   * The content endpoint the links point to, absolute (`https://app.example/api/video`)
   * or relative to the page (`/api/video`); its own query parameters are kept.
   */
  baseUrl: string | URL;
};

/**
 * Creates a {@link VideoDownloadLinkSigner} for `getVideoDownloadUrl` and a
 * content endpoint (e.g. `@videogen/react/server`'s route handler) that
 * verifies the links it made.
 *
 * @example
 * const signer = createVideoDownloadLinkSigner({ secret: process.env.VIDEO_LINK_SECRET!, baseUrl: '/api/video' });
 * const { url } = await getVideoDownloadUrl({ model, job, signer, subject: user.id });
 * // in GET /api/video:
 * const link = await signer.verify(request, { subject: user.id });
 * if (!link.valid) return new Response(null, { status: 403 });
 * return createVideoContentResponse({ model, job: link.job, index: link.index });
 */
export function createVideoDownloadLinkSigner({
  secret,
  baseUrl,
}: VideoDownloadLinkSignerSettings): VideoDownloadLinkSigner {
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0 || secrets.some((value) => typeof value !== 'string' || value.length < MIN_SECRET_LENGTH)) {
    throw new InvalidArgumentError({
      argument: 'secret',
      message: `A download link secret must be a string of at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`).`,
    });
  }
  const keys = new Map<string, Promise<CryptoKey>>();
  const keyOf = (value: string) => {
    let key = keys.get(value);
    if (key === undefined) {
      key = crypto.subtle.importKey('raw', new TextEncoder().encode(value), { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
        'verify',
      ]);
      keys.set(value, key);
    }
    return key;
  };

  return {
    async createUrl({ job, index, expiresAt, subject }) {
      if (!Number.isSafeInteger(index) || index < 0) {
        throw new InvalidArgumentError({ argument: 'index', message: '`index` must be a whole number ≥ 0.' });
      }
      const expires = Math.floor(expiresAt.getTime() / 1000);
      if (!Number.isSafeInteger(expires)) {
        throw new InvalidArgumentError({ argument: 'expiresAt', message: '`expiresAt` must be a valid date.' });
      }
      const identity = jobIdentity(job);
      const signature = await crypto.subtle.sign(
        'HMAC',
        await keyOf(secrets[0]),
        payloadOf({ job: identity, index, expires, subject }),
      );
      const { url, relative } = parseBase(baseUrl);
      url.searchParams.set(VIDEO_DOWNLOAD_LINK_PARAMS.job, JSON.stringify(identity));
      url.searchParams.set(VIDEO_DOWNLOAD_LINK_PARAMS.index, String(index));
      url.searchParams.set(VIDEO_DOWNLOAD_LINK_PARAMS.expires, String(expires));
      url.searchParams.set(
        VIDEO_DOWNLOAD_LINK_PARAMS.signature,
        SIGNATURE_PREFIX + toBase64Url(new Uint8Array(signature)),
      );
      return relative ? url.pathname + url.search + url.hash : url.href;
    },

    async verify(link, { subject, now = new Date() } = {}) {
      const params = toSearchParams(link);
      const signatureText = params.get(VIDEO_DOWNLOAD_LINK_PARAMS.signature);
      if (signatureText === null) return { valid: false, reason: 'unsigned' };
      const jobText = params.get(VIDEO_DOWNLOAD_LINK_PARAMS.job);
      const indexText = params.get(VIDEO_DOWNLOAD_LINK_PARAMS.index);
      const expiresText = params.get(VIDEO_DOWNLOAD_LINK_PARAMS.expires);
      if (jobText === null || indexText === null || expiresText === null) return { valid: false, reason: 'malformed' };
      if (!/^\d{1,15}$/.test(indexText) || !/^\d{1,15}$/.test(expiresText))
        return { valid: false, reason: 'malformed' };
      let job: VideoJob;
      try {
        job = jobIdentity(JSON.parse(jobText) as VideoJob);
      } catch {
        return { valid: false, reason: 'malformed' };
      }
      if (!signatureText.startsWith(SIGNATURE_PREFIX)) return { valid: false, reason: 'malformed' };
      const encoded = signatureText.slice(SIGNATURE_PREFIX.length);
      const signature = fromBase64Url(encoded);
      // Only the canonical encoding: a last character that differs in its unused bits is another signature.
      if (signature === undefined || signature.length !== 32 || toBase64Url(signature) !== encoded) {
        return { valid: false, reason: 'invalid-signature' };
      }
      const index = Number(indexText);
      const expires = Number(expiresText);
      const payload = payloadOf({ job, index, expires, subject });
      let signed = false;
      for (const value of secrets) {
        // subtle.verify compares in constant time.
        if (await crypto.subtle.verify('HMAC', await keyOf(value), signature, payload)) {
          signed = true;
          break;
        }
      }
      if (!signed) return { valid: false, reason: 'invalid-signature' };
      if (now.getTime() >= expires * 1000) return { valid: false, reason: 'expired' };
      return { valid: true, job, index, expiresAt: new Date(expires * 1000) };
    },
  };
}

/** The part of a job a link signs: what names the video (a route's own fields, such as its job signature, are left out). */
function jobIdentity(job: VideoJob): VideoJob {
  if (
    typeof job !== 'object' ||
    job === null ||
    job.specificationVersion !== 'v3' ||
    typeof job.provider !== 'string' ||
    typeof job.modelId !== 'string' ||
    !('operation' in job)
  ) {
    throw new InvalidArgumentError({ argument: 'job', message: 'job must be a video job as startVideo returned it.' });
  }
  const { specificationVersion, provider, modelId, operation } = job;
  return { specificationVersion, provider, modelId, operation };
}

function payloadOf({
  job,
  index,
  expires,
  subject,
}: {
  job: VideoJob;
  index: number;
  expires: number;
  subject: string | undefined;
}): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(
    PAYLOAD_PREFIX + canonicalJson({ job, index, expires, subject: subject ?? null }),
  ) as Uint8Array<ArrayBuffer>;
}

function parseBase(baseUrl: string | URL): { url: URL; relative: boolean } {
  if (baseUrl instanceof URL) return { url: new URL(baseUrl.href), relative: false };
  try {
    return { url: new URL(baseUrl), relative: false };
  } catch {
    return { url: new URL(baseUrl, 'http://relative.invalid'), relative: true };
  }
}

function toSearchParams(link: Request | URL | string | URLSearchParams): URLSearchParams {
  if (link instanceof URLSearchParams) return link;
  if (link instanceof URL) return link.searchParams;
  const text = typeof link === 'string' ? link : link.url;
  const query = text.indexOf('?');
  return new URLSearchParams(query >= 0 ? text.slice(query + 1).replace(/#.*$/, '') : '');
}
