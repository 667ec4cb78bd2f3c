import {
  WebhookVerificationError,
  type JSONValue,
  type VideoJob,
  type VideoModelV3CompletedStatus,
  type VideoModelV3FailedStatus,
} from '@videogen/provider-spec';
import {
  defaultFetch,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  assertFreshTimestamp,
  discardBody,
  fromHex,
  readBytesWithLimit,
  readHeader,
  sendRequest,
  sha256,
  toHex,
  verifyEd25519,
} from '@videogen/provider-utils';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { falErrorCode, falErrorDataSchema, falErrorMessage, isFalContentFilterError } from './fal-error';
import { type FalOperation, falResultSchema, mapFalResult, removeUndefined } from './fal-operation';
import type { FalVideoModelId } from './fal-video-model-options';

/** Where fal publishes the public keys of its webhook signatures. */
export const FAL_WEBHOOK_JWKS_URL = 'https://rest.alpha.fal.ai/.well-known/jwks.json';

/** Longest time fal's key set is cached: 24 hours (fal's guidance). */
const MAX_JWKS_CACHE_MS = 24 * 60 * 60 * 1000;
/** A signature that no cached key verifies triggers one refetch, at most this often (key rotation). */
const MIN_REFETCH_INTERVAL_MS = 60 * 1000;
/** After a failed key set fetch, no new attempt for this long; doubled on each failure in a row … */
const MIN_FAILURE_BACKOFF_MS = 5 * 1000;
/** … up to this. */
const MAX_FAILURE_BACKOFF_MS = 5 * 60 * 1000;
/** A key set fetch that takes longer fails. */
const JWKS_TIMEOUT_MS = 10 * 1000;
/** Redirects followed within the key set's origin. */
const MAX_JWKS_REDIRECTS = 3;

/** Largest key set read: 64 KiB (fal's is well under 1 KiB); enforced while reading. */
export const FAL_WEBHOOK_JWKS_MAX_BYTES = 64 * 1024;

/** An Ed25519 public key as a JWK (`kty: 'OKP'`, `crv: 'Ed25519'`, base64url `x`). */
export type FalWebhookPublicKey = { kty: string; crv: string; x: string; kid?: string };

/** The body fal posts to a webhook URL when a request ends. */
export type FalWebhookPayload<OUTPUT = JSONValue> = {
  /** The request id (as in the queue's `request_id`). */
  request_id: string;
  /** The gateway's request id; equals `request_id` unless fal retried the request. */
  gateway_request_id?: string;
  /** `'OK'` with the endpoint's output in `payload`, or `'ERROR'`. */
  status: 'OK' | 'ERROR';
  /** The endpoint's output (`OK`) or error body (`ERROR`, e.g. `{ detail: [...] }`); `null` when it could not be serialised. */
  payload: OUTPUT | null;
  /** The error message when `status` is `'ERROR'`, e.g. `"Invalid status code: 422"`. */
  error?: string;
  /** Why `payload` is `null`, when it could not be serialised. */
  payload_error?: string;
};

/** Settings of {@link createFalWebhookVerifier}. */
export type FalWebhookVerifierSettings = {
  /** The key set URL. Default: `https://rest.alpha.fal.ai/.well-known/jwks.json`. */
  jwksUrl?: string;
  /**
   * Custom fetch for the key set, used through `sendRequest` of
   * `@videogen/provider-utils` (called with `redirect: 'manual'`): redirects
   * are followed only within the key set URL's origin, at most 3, and the body
   * is read up to 64 KiB. Default: `defaultFetch` of `@videogen/provider-utils`.
   */
  fetch?: FetchFunction;
  /**
   * The fal user id(s) whose deliveries are accepted, compared with the
   * signed `X-Fal-Webhook-User-Id`: a delivery that fal signed for another
   * account (someone else's request pointed at your URL) is rejected with
   * reason `'unexpected-sender'`. Default: deliveries of any fal user are accepted.
   */
  userId?: string | readonly string[];
  /**
   * Public keys to verify with instead of fetching the key set (tests, or
   * keys you pinned): JWKs or 32 raw key bytes, or a function returning them.
   */
  publicKeys?: Array<FalWebhookPublicKey | Uint8Array> | (() => PromiseLike<Array<FalWebhookPublicKey | Uint8Array>>);
  /** Replay window in seconds, both directions. Default: 300. */
  toleranceSeconds?: number;
  /** How long the fetched key set is kept, in ms; at most (and default) 24 hours. */
  cacheTtlMs?: number;
  /** The clock, for tests. Default: `Date.now`. */
  now?: () => number;
};

/** One webhook delivery as received. */
export type FalWebhookRequest = {
  /** The raw body, exactly as received (do not re-serialise parsed JSON). */
  body: string | Uint8Array;
  /** The request headers (`X-Fal-Webhook-Request-Id`, `-User-Id`, `-Timestamp`, `-Signature`). */
  headers: Headers | Record<string, string | string[] | undefined>;
};

/** A verifier of fal webhook deliveries that caches fal's key set. */
export type FalWebhookVerifier = {
  /**
   * Verifies a delivery: the ED25519 signature over
   * `request_id \n user_id \n timestamp \n hex(sha256(body))` with one of fal's
   * keys, and the timestamp within the replay window. Returns the parsed
   * payload; throws a `WebhookVerificationError` (answer 401) otherwise.
   */
  verify<OUTPUT = JSONValue>(request: FalWebhookRequest): Promise<FalWebhookPayload<OUTPUT>>;
  /** Drops the cached key set. */
  clearCache(): void;
};

/**
 * Creates a webhook verifier whose key set cache lives in this verifier
 * (fetched on first use, kept at most 24 hours, refetched once when a
 * signature matches no cached key, to follow key rotation). Create one per
 * process and reuse it.
 */
export function createFalWebhookVerifier(settings: FalWebhookVerifierSettings = {}): FalWebhookVerifier {
  const {
    jwksUrl = FAL_WEBHOOK_JWKS_URL,
    publicKeys,
    toleranceSeconds = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
    now = Date.now,
  } = settings;
  const cacheTtlMs = Math.min(settings.cacheTtlMs ?? MAX_JWKS_CACHE_MS, MAX_JWKS_CACHE_MS);
  const expectedUserIds =
    settings.userId === undefined
      ? undefined
      : typeof settings.userId === 'string'
        ? [settings.userId]
        : settings.userId;
  let cache: { keys: Array<FalWebhookPublicKey | Uint8Array>; fetchedAt: number } | undefined;
  let pending: Promise<Array<FalWebhookPublicKey | Uint8Array>> | undefined;

  const unknownKey = (message: string) => new WebhookVerificationError({ reason: 'unknown-key', message });
  let failure: { at: number; backoffMs: number; error: WebhookVerificationError } | undefined;

  /** GET the key set, following redirects only within its origin, reading at most 64 KiB. */
  const fetchJwks = async (): Promise<unknown> => {
    const origin = new URL(jwksUrl).origin;
    let response: Response;
    try {
      response = await sendRequest({
        url: jwksUrl,
        headers: { accept: 'application/json' },
        // The user chose this URL (as a base URL): its own origin is not guarded.
        credentialOrigin: origin,
        sameOriginRedirectsOnly: true,
        maxRedirects: MAX_JWKS_REDIRECTS,
        abortSignal: AbortSignal.timeout(JWKS_TIMEOUT_MS),
        fetch: settings.fetch ?? defaultFetch,
      });
    } catch (error) {
      throw unknownKey(
        `fal's key set could not be fetched from ${jwksUrl} (only trusted from ${origin}): ${(error as Error)?.message ?? String(error)}`,
      );
    }
    if (!response.ok) {
      await discardBody(response);
      throw unknownKey(`fal's key set could not be fetched from ${jwksUrl}: HTTP ${response.status}.`);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBytesWithLimit(response, { maxBytes: FAL_WEBHOOK_JWKS_MAX_BYTES, url: jwksUrl });
    } catch (error) {
      // Over the limit the rest of the body was cancelled: its connection is closed.
      throw unknownKey(
        `fal's key set could not be read from ${jwksUrl} (limit ${FAL_WEBHOOK_JWKS_MAX_BYTES} bytes): ${(error as Error)?.message ?? String(error)}`,
      );
    }
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return undefined;
    }
  };

  const fetchKeys = async (): Promise<Array<FalWebhookPublicKey | Uint8Array>> => {
    if (publicKeys !== undefined) return typeof publicKeys === 'function' ? [...(await publicKeys())] : publicKeys;
    const jwks = (await fetchJwks()) as { keys?: unknown } | undefined;
    const keys = Array.isArray(jwks?.keys)
      ? (jwks.keys as FalWebhookPublicKey[]).filter(
          (key) => key && key.kty === 'OKP' && key.crv === 'Ed25519' && typeof key.x === 'string',
        )
      : [];
    if (keys.length === 0) throw unknownKey(`${jwksUrl} lists no Ed25519 keys.`);
    cache = { keys, fetchedAt: now() };
    return keys;
  };

  const loadKeys = async (forceRefresh: boolean): Promise<Array<FalWebhookPublicKey | Uint8Array>> => {
    if (publicKeys !== undefined) return fetchKeys();
    if (!forceRefresh && cache && now() - cache.fetchedAt < cacheTtlMs) return cache.keys;
    // While the key set endpoint fails, deliveries (forged ones included) do not each trigger a fetch.
    if (failure && now() - failure.at < failure.backoffMs) {
      if (forceRefresh && cache) return cache.keys;
      throw failure.error;
    }
    // One fetch at a time, shared by concurrent deliveries.
    pending ??= fetchKeys()
      .then(
        (keys) => {
          failure = undefined;
          return keys;
        },
        (error: unknown) => {
          const backoffMs = failure ? Math.min(failure.backoffMs * 2, MAX_FAILURE_BACKOFF_MS) : MIN_FAILURE_BACKOFF_MS;
          const verificationError = WebhookVerificationError.isInstance(error)
            ? error
            : unknownKey(`fal's key set could not be loaded: ${(error as Error)?.message ?? String(error)}`);
          failure = { at: now(), backoffMs, error: verificationError };
          throw verificationError;
        },
      )
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  const verifyWithKeys = async (
    keys: Array<FalWebhookPublicKey | Uint8Array>,
    signature: Uint8Array,
    message: string,
  ) => {
    for (const key of keys) {
      try {
        if (await verifyEd25519({ publicKey: key, signature, message })) return true;
      } catch {
        // A key that cannot be imported verifies nothing; try the next one.
      }
    }
    return false;
  };

  return {
    async verify<OUTPUT = JSONValue>({ body, headers }: FalWebhookRequest): Promise<FalWebhookPayload<OUTPUT>> {
      const requestId = readHeader(headers, 'x-fal-webhook-request-id');
      const userId = readHeader(headers, 'x-fal-webhook-user-id');
      const timestamp = readHeader(headers, 'x-fal-webhook-timestamp');
      const signatureHex = readHeader(headers, 'x-fal-webhook-signature');
      if (!requestId || !userId || !timestamp || !signatureHex) {
        throw new WebhookVerificationError({
          reason: 'missing-header',
          message:
            'X-Fal-Webhook-Request-Id, X-Fal-Webhook-User-Id, X-Fal-Webhook-Timestamp and X-Fal-Webhook-Signature are required.',
        });
      }
      assertFreshTimestamp(timestamp, { toleranceSeconds, now });
      const signature = fromHex(signatureHex.trim());
      if (!signature || signature.byteLength !== 64) {
        throw new WebhookVerificationError({
          reason: 'malformed',
          message: 'the signature is not 64 hex-encoded bytes.',
        });
      }

      const bodyBytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      const message = `${requestId}\n${userId}\n${timestamp}\n${toHex(await sha256(bodyBytes))}`;

      const cachedBefore = cache?.fetchedAt;
      let verified = await verifyWithKeys(await loadKeys(false), signature, message);
      if (
        !verified &&
        publicKeys === undefined &&
        cachedBefore !== undefined &&
        now() - cachedBefore >= MIN_REFETCH_INTERVAL_MS
      ) {
        // fal may have rotated its keys since the cache was filled.
        verified = await verifyWithKeys(await loadKeys(true), signature, message);
      }
      if (!verified) {
        throw new WebhookVerificationError({
          reason: 'bad-signature',
          message: "the signature does not match the body with any of fal's keys.",
        });
      }
      if (expectedUserIds !== undefined && !expectedUserIds.includes(userId)) {
        throw new WebhookVerificationError({
          reason: 'unexpected-sender',
          message: 'the delivery was signed for another fal user than the expected one.',
        });
      }

      let payload: unknown;
      try {
        payload = JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body));
      } catch {
        throw new WebhookVerificationError({ reason: 'malformed', message: 'the body is not JSON.' });
      }
      if (
        typeof payload !== 'object' ||
        payload === null ||
        typeof (payload as { request_id?: unknown }).request_id !== 'string' ||
        !['OK', 'ERROR'].includes((payload as { status?: unknown }).status as string)
      ) {
        throw new WebhookVerificationError({
          reason: 'malformed',
          message: 'the body is not a fal webhook payload ({ request_id, status: "OK" | "ERROR", payload }).',
        });
      }
      return payload as FalWebhookPayload<OUTPUT>;
    },
    clearCache() {
      cache = undefined;
      failure = undefined;
    },
  };
}

/**
 * Verifies one fal webhook delivery (see {@link FalWebhookVerifier.verify}).
 * Fetches the key set on every call unless `publicKeys` is given: a server
 * should create one verifier with {@link createFalWebhookVerifier} and reuse
 * it, so that the key set is cached.
 */
export async function verifyFalWebhook<OUTPUT = JSONValue>(
  options: FalWebhookRequest & FalWebhookVerifierSettings,
): Promise<FalWebhookPayload<OUTPUT>> {
  const { body, headers, ...settings } = options;
  return createFalWebhookVerifier(settings).verify<OUTPUT>({ body, headers });
}

/**
 * The job a verified delivery is about, as `doStart` made it (`requestId`
 * and `endpointId`; fal's queue URLs are not in the delivery and are
 * rebuilt from them), to pass to `getVideoStatus` / `waitForVideo` or its
 * `operation` to the model's `doStatus`. fal's delivery does not name the
 * endpoint: give the one the request was submitted to (e.g. from the
 * webhook URL you chose).
 */
export function getFalWebhookJob(
  payload: Pick<FalWebhookPayload<unknown>, 'request_id'>,
  { endpointId }: { endpointId: FalVideoModelId },
): VideoJob {
  const operation: FalOperation = { requestId: payload.request_id, endpointId };
  return { specificationVersion: 'v3', provider: 'fal.video', modelId: endpointId, operation };
}

/**
 * How the request ended, from a verified delivery: `OK` is `completed`
 * with the videos of the payload (as `doStatus` would report them; `failed`
 * with code `no_video` when the output holds none), `ERROR` is `failed` with
 * fal's reason. The payload is what fal signed, so no status request is needed.
 */
export function getFalWebhookStatus(
  payload: FalWebhookPayload<unknown>,
  { endpointId, now = () => new Date() }: { endpointId: FalVideoModelId; now?: () => Date },
): VideoModelV3CompletedStatus | VideoModelV3FailedStatus {
  const job = getFalWebhookJob(payload, { endpointId }).operation as FalOperation;
  const providerMetadata = { fal: { requestId: payload.request_id } };
  if (payload.status === 'OK') {
    const output = falResultSchema.safeParse(payload.payload);
    if (output.success) {
      return mapFalResult({
        job,
        statusMetadata: providerMetadata.fal,
        output: output.data,
        responseHeaders: undefined,
        timestamp: now(),
      }) as VideoModelV3CompletedStatus | VideoModelV3FailedStatus;
    }
    return {
      status: 'failed',
      error: {
        code: 'no_video',
        message: `fal request ${payload.request_id} completed, but its webhook payload holds no output${payload.payload_error ? ` (${payload.payload_error})` : ''}.`,
      },
      providerMetadata,
    };
  }
  const errorData = falErrorDataSchema.safeParse(payload.payload);
  if (errorData.success) {
    return {
      status: 'failed',
      error: removeUndefined({
        code: falErrorCode(errorData.data),
        message: falErrorMessage(errorData.data),
        contentFiltered: isFalContentFilterError(errorData.data) || undefined,
      }),
      providerMetadata,
    };
  }
  return {
    status: 'failed',
    error: { message: payload.error ?? `fal request ${payload.request_id} failed.` },
    providerMetadata,
  };
}

/** Settings of {@link createFalWebhookToJob}. */
export type FalWebhookToJobSettings = {
  /** The verifier (one per process: it caches fal's key set). Default: `createFalWebhookVerifier()`. */
  verifier?: FalWebhookVerifier;
};

/**
 * A `({ request, modelId }) => { job, status }` function for webhook routes
 * that know the job's endpoint id from their URL (the `webhookToJob` of
 * `@videogen/bullmq`'s `createVideoWebhookHandler`): verifies the delivery
 * (a `WebhookVerificationError` when it does not hold) and returns its job
 * and how it ended. Returns `undefined` when `modelId` is `undefined`: fal's
 * deliveries do not name the endpoint.
 */
export function createFalWebhookToJob(settings: FalWebhookToJobSettings = {}): (options: {
  /** The delivery as received (its body is read as raw bytes). */
  request: Request;
  /** The endpoint id of the job the webhook URL names. */
  modelId: string | undefined;
}) => Promise<{ job: VideoJob; status: 'completed' | 'failed' } | undefined> {
  const verifier = settings.verifier ?? createFalWebhookVerifier();
  return async ({ request, modelId }) => {
    const payload = await verifier.verify({
      body: new Uint8Array(await request.arrayBuffer()),
      headers: request.headers,
    });
    if (modelId === undefined) return undefined;
    return {
      job: getFalWebhookJob(payload, { endpointId: modelId }),
      status: payload.status === 'OK' ? 'completed' : 'failed',
    };
  };
}
