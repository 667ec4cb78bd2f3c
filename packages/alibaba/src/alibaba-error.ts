import { createJsonErrorResponseHandler } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (a bundle carries only the validators used here).
import * as z from 'zod/v4/mini';

/**
 * DashScope's error body: flat `{ code, message, request_id }`, e.g.
 * `{ "code": "InvalidApiKey", "message": "No API-key provided.", "request_id": "…" }`.
 */
export const alibabaErrorDataSchema = z.object({
  code: z.nullish(z.string()),
  message: z.string(),
  request_id: z.nullish(z.string()),
});

/** A parsed DashScope error body. */
export type AlibabaErrorData = z.infer<typeof alibabaErrorDataSchema>;

/**
 * Turns a non-2xx answer into an `APICallError` whose message is DashScope's,
 * prefixed with its code (`Throttling.RateQuota: …`), and whose `data` is the
 * parsed body. DashScope sends no retry hint; a `Retry-After` header, where a
 * proxy adds one, is kept in `responseHeaders` for the shared retry policy.
 */
export const alibabaFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: alibabaErrorDataSchema,
  errorToMessage: (data) => (data.code ? `${data.code}: ${data.message}` : data.message),
});
