import { APICallError } from '@videogen/provider-spec';
import type { ResponseHandler } from '@ai-sdk/provider-utils';
import {
  createJsonErrorResponseHandler,
  createJsonResponseHandler,
  type StandardSchema,
} from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable, so a bundle carries only the validators used here.
import * as z from 'zod/v4/mini';

/** The `base_resp` every v1 answer carries: `status_code` 0 is success. */
export const baseRespSchema = z.object({
  status_code: z.number(),
  status_msg: z.nullish(z.string()),
});

/**
 * MiniMax's error bodies: v1 `{ base_resp: { status_code, status_msg } }`
 * (usually inside HTTP 200), v2 `{ type: 'error', error: { type, message, http_code }, request_id }`.
 */
export const minimaxErrorDataSchema = z.object({
  type: z.optional(z.string()),
  error: z.optional(
    z.object({
      type: z.nullish(z.string()),
      message: z.string(),
      http_code: z.nullish(z.union([z.string(), z.number()])),
    }),
  ),
  base_resp: z.optional(baseRespSchema),
  request_id: z.nullish(z.string()),
});

/** A parsed MiniMax error body. */
export type MiniMaxErrorData = z.infer<typeof minimaxErrorDataSchema>;

/** Turns a non-2xx answer into an `APICallError` with MiniMax's message (either generation's body). */
export const minimaxFailedResponseHandler: ResponseHandler<APICallError> = createJsonErrorResponseHandler({
  errorSchema: minimaxErrorDataSchema,
  errorToMessage: (data) =>
    data.error?.message ??
    (data.base_resp ? describeBaseResp(data.base_resp) : 'MiniMax answered with an error without a message.'),
});

/**
 * The HTTP status a v1 `base_resp.status_code` stands for (MiniMax's error
 * code table), so that the shared retry policy treats it as the same
 * failure over HTTP: 1002 (RPM), 1039 (TPM) and 1041 (connections) are
 * rate limits (429: retried, and a refused submission may be resent);
 * 1004 / 2049 bad key (401); 1008 balance (402); 1026 / 1027 sensitive
 * content (422); 2013 bad parameters (400); 1001 timeout (504); 1000,
 * 1013, 1024 internal (500). Other codes: 400 (never retried).
 */
export function statusCodeForBaseResp(code: number): number {
  switch (code) {
    case 1002:
    case 1039:
    case 1041:
      return 429;
    case 1004:
    case 2049:
      return 401;
    case 1008:
      return 402;
    case 1026:
    case 1027:
      return 422;
    case 1001:
      return 504;
    case 1000:
    case 1013:
    case 1024:
      return 500;
    default:
      return 400;
  }
}

/** `status_msg (status_code)`, MiniMax's message with its code. */
export function describeBaseResp(baseResp: { status_code: number; status_msg?: string | null }): string {
  return `${baseResp.status_msg || 'MiniMax error'} (${baseResp.status_code})`;
}

/**
 * A JSON response handler for v1 answers, which report errors in HTTP 200
 * bodies: a `base_resp.status_code` other than 0 throws an `APICallError`
 * with MiniMax's message and code (`data` is the body; `statusCode` the
 * HTTP status the code stands for, see {@link statusCodeForBaseResp}; the
 * real status is in `data.httpStatus`). `acceptFailure(value)` lets an
 * answer through that reports a failed task (a query with `status: 'Fail'`
 * carries the failure reason in `base_resp`).
 */
export function createMiniMaxV1ResponseHandler<T extends { base_resp?: z.infer<typeof baseRespSchema> | null }>(
  schema: StandardSchema<T>,
  acceptFailure: (value: T) => boolean = () => false,
): ResponseHandler<T> {
  const handler = createJsonResponseHandler(schema);
  return async (options) => {
    const result = await handler(options);
    const baseResp = result.value.base_resp;
    if (!baseResp || baseResp.status_code === 0 || acceptFailure(result.value)) return result;
    const statusCode = statusCodeForBaseResp(baseResp.status_code);
    throw new APICallError({
      message: describeBaseResp(baseResp),
      url: options.url,
      requestBodyValues: options.requestBodyValues,
      statusCode,
      responseHeaders: result.responseHeaders,
      responseBody: JSON.stringify(result.rawValue),
      isRetryable: statusCode === 429 || statusCode >= 500,
      data: { ...(result.rawValue as object), httpStatus: options.response.status },
    });
  };
}
