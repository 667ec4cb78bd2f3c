import { copyApiCallError, createJsonErrorResponseHandler } from '@videogen/provider-utils';
import type { APICallError } from '@videogen/provider-spec';
import type { ResponseHandler } from '@ai-sdk/provider-utils';
import * as z from 'zod/v4/mini';

const falErrorDetailItemSchema = z.looseObject({
  loc: z.nullish(z.array(z.union([z.string(), z.number()]))),
  msg: z.nullish(z.string()),
  type: z.nullish(z.string()),
  url: z.nullish(z.string()),
  ctx: z.optional(z.unknown()),
  input: z.optional(z.unknown()),
});

/**
 * fal's error bodies:
 * - model / validation errors `{ detail: [{ loc, msg, type, url?, ctx?, input? }] }`,
 * - legacy `{ detail: "message" }`,
 * - request / infrastructure errors `{ detail: "Request timed out", error_type: "request_timeout" }`.
 */
export const falErrorDataSchema = z.looseObject({
  detail: z.union([z.string(), z.array(falErrorDetailItemSchema)]),
  error_type: z.nullish(z.string()),
});

/** A parsed fal error body. */
export type FalErrorData = z.infer<typeof falErrorDataSchema>;

/** Error types fal uses when a content or safety filter blocked the request. */
const CONTENT_FILTER_TYPES = new Set(['content_policy_violation', 'content_moderation', 'nsfw_content_detected']);

/** fal's message for an error body, verbatim, with the field each validation error is about. */
export function falErrorMessage(data: FalErrorData): string {
  const base =
    typeof data.detail === 'string'
      ? data.detail
      : data.detail
          .map((item) => {
            const field = (item.loc ?? []).filter((part, index) => !(index === 0 && part === 'body')).join('.');
            const message = item.msg ?? item.type ?? 'invalid value';
            return field ? `${field}: ${message}` : message;
          })
          .join('; ') || 'fal returned an empty error list';
  return data.error_type ? `${base} (${data.error_type})` : base;
}

/** fal's error code: the `error_type`, else the first validation error's `type`. */
export function falErrorCode(data: FalErrorData): string | undefined {
  if (data.error_type) return data.error_type;
  if (Array.isArray(data.detail)) return data.detail.find((item) => item.type)?.type ?? undefined;
  return undefined;
}

/** Whether fal's error says a content or safety filter blocked the request. */
export function isFalContentFilterError(data: FalErrorData): boolean {
  const code = falErrorCode(data);
  if (code && CONTENT_FILTER_TYPES.has(code)) return true;
  return Array.isArray(data.detail) && data.detail.some((item) => item.type && CONTENT_FILTER_TYPES.has(item.type));
}

const jsonErrorHandler = createJsonErrorResponseHandler({
  errorSchema: falErrorDataSchema,
  errorToMessage: falErrorMessage,
  // fal says whether a retry can help (`X-Fal-Retryable`, older `X-Fal-Needs-Retry`);
  // without it, the usual rule (408, 409, 429, 5xx).
  isRetryable: (response) => {
    const hint = response.headers.get('x-fal-retryable') ?? response.headers.get('x-fal-needs-retry');
    if (hint != null) return /^(true|1|yes)$/i.test(hint.trim());
    return response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
  },
});

/**
 * Turns a failed fal response into an `APICallError` carrying fal's message
 * (and its error type from the body or the `X-Fal-Error-Type` header), the
 * parsed body as `data`, and `isRetryable` from `X-Fal-Retryable`.
 */
export const falFailedResponseHandler: ResponseHandler<APICallError> = async (options) => {
  const result = await jsonErrorHandler(options);
  const error = result.value;
  const headerType = options.response.headers.get('x-fal-error-type') ?? undefined;
  const data = error.data as FalErrorData | undefined;
  let message = error.message;
  if (data === undefined) {
    // Not a fal error body (a gateway's HTML page, an empty body …).
    const body = error.responseBody?.trim();
    message = `fal request failed with HTTP ${options.response.status}${error.message ? ` ${error.message}` : ''}${
      body ? `: ${body.slice(0, 500)}` : ''
    }`;
  }
  if (headerType && !data?.error_type) message = `${message} (${headerType})`;
  if (message === error.message) return result;
  return {
    ...result,
    value: copyApiCallError(error, { message }),
  };
};
