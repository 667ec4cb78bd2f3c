import { createJsonErrorResponseHandler } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';

/**
 * The error body of every Google API:
 * `{ error: { code, message, status, details } }` (`code` is the HTTP status,
 * `status` the canonical name such as `INVALID_ARGUMENT`).
 */
export const googleErrorDataSchema = z.object({
  error: z.object({
    code: z.number().nullish(),
    message: z.string(),
    status: z.string().nullish(),
    details: z.array(z.unknown()).nullish(),
  }),
});

/** A parsed Google error body. */
export type GoogleErrorData = z.infer<typeof googleErrorDataSchema>;

/**
 * Turns a non-2xx answer into an `APICallError` whose message is Google's
 * (prefixed with the status name, e.g. `RESOURCE_EXHAUSTED: …`) and whose
 * `data` is the parsed body (`code`, `status`, `details`).
 */
export const googleFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: googleErrorDataSchema,
  errorToMessage: (data) => (data.error.status ? `${data.error.status}: ${data.error.message}` : data.error.message),
});
