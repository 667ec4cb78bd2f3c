import { InvalidArgumentError, type VideoJob } from '@videogen/core';
import { canonicalJson, fromBase64Url, toBase64Url } from '@videogen/provider-utils';

/** The environment variable a route reads its signing secret from when `secret` is not given. */
export const VIDEO_ROUTE_SECRET_ENV = 'VIDEOGEN_ROUTE_SECRET';

const MIN_SECRET_LENGTH = 32;
const SIGNATURE_PREFIX = 'v1.';
// Domain separation: this key signs nothing else than route jobs.
const PAYLOAD_PREFIX = 'videogen.video-route-job.v1\n';

/** A job as a video route hands it to the page: the job plus the route's signature over it. */
export type SignedVideoJob = VideoJob & {
  /** `v1.<base64url HMAC-SHA-256>` over the job's spec version, provider, model id and operation. */
  routeSignature: string;
};

/** Signs and verifies jobs with one secret (WebCrypto HMAC-SHA-256, so it runs on every web-standard runtime). */
export type VideoJobSigner = {
  sign: (job: VideoJob) => Promise<SignedVideoJob>;
  /** True only when `job.routeSignature` is this secret's signature over exactly this job. */
  verify: (job: VideoJob) => Promise<boolean>;
};

export function createVideoJobSigner(secret: string): VideoJobSigner {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new InvalidArgumentError({
      argument: 'secret',
      message: `The video route secret must be a string of at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`).`,
    });
  }
  let key: Promise<CryptoKey> | undefined;
  const getKey = () => {
    key ??= crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    return key;
  };
  return {
    async sign(job) {
      const signature = await crypto.subtle.sign('HMAC', await getKey(), payloadOf(job));
      return {
        ...stripVideoJobSignature(job),
        routeSignature: SIGNATURE_PREFIX + toBase64Url(new Uint8Array(signature)),
      };
    },
    async verify(job) {
      const signature = (job as Partial<SignedVideoJob>).routeSignature;
      if (typeof signature !== 'string' || !signature.startsWith(SIGNATURE_PREFIX)) return false;
      const encoded = signature.slice(SIGNATURE_PREFIX.length);
      const bytes = fromBase64Url(encoded);
      // Only the canonical encoding: a last character that differs in its unused bits is a different signature.
      if (bytes === undefined || bytes.length !== 32 || toBase64Url(bytes) !== encoded) return false;
      // subtle.verify compares in constant time.
      return crypto.subtle.verify('HMAC', await getKey(), bytes, payloadOf(job));
    },
  };
}

/**
 * Signs a job for a video route that uses the same secret, e.g. a job that
 * your server started elsewhere (a queue, a cron) and that a page should be
 * able to resume, cancel or play through the route.
 *
 * @param options.job The job (as `startVideo` returned it).
 * @param options.secret The route's secret. Default: the `VIDEOGEN_ROUTE_SECRET` environment variable.
 */
export async function signVideoRouteJob({ job, secret }: { job: VideoJob; secret?: string }): Promise<SignedVideoJob> {
  const resolved = secret ?? readSecretFromEnvironment();
  if (resolved === undefined) {
    throw new InvalidArgumentError({
      argument: 'secret',
      message: `signVideoRouteJob needs \`secret\` or the ${VIDEO_ROUTE_SECRET_ENV} environment variable.`,
    });
  }
  return createVideoJobSigner(resolved).sign(job);
}

/** The job without the route's signature: what core and the provider get. */
export function stripVideoJobSignature(job: VideoJob): VideoJob {
  const { routeSignature: _signature, ...rest } = job as Partial<SignedVideoJob> & VideoJob;
  return rest;
}

export function readSecretFromEnvironment(): string | undefined {
  const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = environment?.[VIDEO_ROUTE_SECRET_ENV];
  return value === undefined || value === '' ? undefined : value;
}

function payloadOf(job: VideoJob): Uint8Array<ArrayBuffer> {
  const { specificationVersion, provider, modelId, operation } = job;
  return new TextEncoder().encode(
    PAYLOAD_PREFIX + canonicalJson({ specificationVersion, provider, modelId, operation }),
  ) as Uint8Array<ArrayBuffer>;
}
