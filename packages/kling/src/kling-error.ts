import type { APICallError } from '@videogen/provider-spec';
import type { ResponseHandler } from '@ai-sdk/provider-utils';
import { createJsonErrorResponseHandler } from '@videogen/provider-utils';
import * as z from 'zod/v4/mini';

/**
 * Kling's error body: the response envelope with a non-zero `code`, e.g.
 * `{ code: 1301, message: '…content security policy…', request_id: '…' }`
 * (1000–1004 auth, 1100–1103 account, 1200–1203 parameters, 1300/1301
 * policy and content safety, 1302/1303 rate limits, 5000–5002 server).
 */
export const klingErrorDataSchema = z.object({
  code: z.number(),
  message: z.string(),
  request_id: z.nullish(z.string()),
});

/** A parsed Kling error body. */
export type KlingErrorData = z.infer<typeof klingErrorDataSchema>;

/**
 * Turns a non-2xx answer into an `APICallError` with Kling's message,
 * prefixed with its code (`1301: …`), and the parsed body as `data`.
 */
export const klingFailedResponseHandler: ResponseHandler<APICallError> = createJsonErrorResponseHandler({
  errorSchema: klingErrorDataSchema,
  errorToMessage: (data) => `${data.code}: ${data.message}`,
});
