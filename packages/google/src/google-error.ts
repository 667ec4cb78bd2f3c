import type { APICallError } from '@videogen/provider-spec';
import type { ResponseHandler } from '@ai-sdk/provider-utils';
import { copyApiCallError, createJsonErrorResponseHandler } from '@videogen/provider-utils';
// `zod/v4/mini` (not `zod`): tree-shakable, so a bundle carries only the few
// validators used here; the `v4/mini` path also exists in zod 3.25 (peer range).
import * as z from 'zod/v4/mini';

/**
 * The error body of every Google API:
 * `{ error: { code, message, status, details } }` (`code` is the HTTP status,
 * `status` the canonical name such as `INVALID_ARGUMENT`).
 */
export const googleErrorDataSchema = z.object({
  error: z.object({
    code: z.nullish(z.number()),
    message: z.string(),
    status: z.nullish(z.string()),
    details: z.nullish(z.array(z.unknown())),
  }),
});

/** A parsed Google error body. */
export type GoogleErrorData = z.infer<typeof googleErrorDataSchema>;

const jsonErrorResponseHandler = createJsonErrorResponseHandler({
  errorSchema: googleErrorDataSchema,
  errorToMessage: (data) => (data.error.status ? `${data.error.status}: ${data.error.message}` : data.error.message),
});

/**
 * Turns a non-2xx answer into an `APICallError` whose message is Google's
 * (prefixed with the status name, e.g. `RESOURCE_EXHAUSTED: …`) and whose
 * `data` is the parsed body (`code`, `status`, `details`).
 *
 * Google sends its retry hint in the body, not in a header
 * (`details[] { @type: type.googleapis.com/google.rpc.RetryInfo, retryDelay: '7s' }`):
 * when the response has no `retry-after-ms` / `retry-after` header, the hint
 * is added to the error's `responseHeaders` as `retry-after-ms`, which the
 * shared retry policy (`retryRequest`) reads.
 */
export const googleFailedResponseHandler: ResponseHandler<APICallError> = async (options) => {
  const result = await jsonErrorResponseHandler(options);
  const error = result.value;
  const headers = error.responseHeaders ?? {};
  if (headers['retry-after-ms'] !== undefined || headers['retry-after'] !== undefined) return result;
  const retryDelayMs = readRetryDelayMs(error.data);
  if (retryDelayMs === undefined) return result;
  const responseHeaders = { ...headers, 'retry-after-ms': String(retryDelayMs) };
  return {
    ...result,
    responseHeaders,
    value: copyApiCallError(error, { responseHeaders }),
  };
};

const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * The `retryDelay` of a `google.rpc.RetryInfo` detail, in ms. The JSON form of
 * a `google.protobuf.Duration` is a string of seconds with an `s` suffix
 * (`"7s"`, `"0.250s"`); the `{ seconds, nanos }` object form is read too.
 */
function readRetryDelayMs(data: unknown): number | undefined {
  const details = (data as GoogleErrorData | undefined)?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    if (!detail || typeof detail !== 'object') continue;
    const record = detail as Record<string, unknown>;
    if (record['@type'] !== RETRY_INFO_TYPE) continue;
    const delay = record.retryDelay;
    let seconds: number | undefined;
    if (typeof delay === 'string') {
      const match = /^\s*(\d+(?:\.\d*)?|\.\d+)s\s*$/.exec(delay);
      if (match) seconds = Number(match[1]);
    } else if (delay && typeof delay === 'object') {
      const { seconds: whole, nanos } = delay as { seconds?: unknown; nanos?: unknown };
      const wholeSeconds = typeof whole === 'string' ? Number(whole) : whole;
      if (typeof wholeSeconds === 'number' || typeof nanos === 'number') {
        seconds = (typeof wholeSeconds === 'number' ? wholeSeconds : 0) + (typeof nanos === 'number' ? nanos / 1e9 : 0);
      }
    }
    if (seconds !== undefined && Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  }
  return undefined;
}
