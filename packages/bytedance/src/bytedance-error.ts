import type { APICallError } from '@videogen/provider-spec';
import type { ResponseHandler } from '@ai-sdk/provider-utils';
import { createJsonErrorResponseHandler } from '@videogen/provider-utils';
// `zod/v4/mini` (not `zod`): tree-shakable, so a bundle carries only the few
// validators used here; the `v4/mini` path also exists in zod 3.25 (peer range).
import * as z from 'zod/v4/mini';

/**
 * The error body of the Ark API (BytePlus and Volcengine):
 * `{ error: { code: 'InvalidParameter', message, param, type: 'BadRequest' } }`;
 * a bare `{ message }` is read too (as the Vercel AI SDK does).
 */
export const byteDanceErrorDataSchema = z.union([
  z.object({
    error: z.object({
      code: z.nullish(z.string()),
      message: z.string(),
      param: z.nullish(z.string()),
      type: z.nullish(z.string()),
    }),
  }),
  z.object({ message: z.string(), code: z.nullish(z.string()) }),
]);

/** A parsed Ark error body. */
export type ByteDanceErrorData = z.infer<typeof byteDanceErrorDataSchema>;

/**
 * Turns a non-2xx answer into an `APICallError` whose message is ByteDance's,
 * prefixed with its code (`InvalidParameter: …`), and whose `data` is the
 * parsed body. Retries follow the shared policy (429, 5xx).
 */
export const byteDanceFailedResponseHandler: ResponseHandler<APICallError> = createJsonErrorResponseHandler({
  errorSchema: byteDanceErrorDataSchema,
  errorToMessage: (data) => {
    const { code, message } = 'error' in data ? data.error : data;
    return code ? `${code}: ${message}` : message;
  },
});
