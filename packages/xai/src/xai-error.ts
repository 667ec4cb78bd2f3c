import type { APICallError } from '@videogen/provider-spec';
import type { ResponseHandler } from '@ai-sdk/provider-utils';
import { createJsonErrorResponseHandler } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see packages/google/src/google-error.ts).
import * as z from 'zod/v4/mini';

/**
 * The error bodies of the xAI API: `{ code, error }` (the Imagine endpoints),
 * the OpenAI-style `{ error: { message, type, param, code } }`, and a bare
 * `{ error: "…" }` (all three read by `@ai-sdk/xai`).
 */
export const xaiErrorDataSchema = z.union([
  z.object({
    error: z.object({
      message: z.string(),
      type: z.nullish(z.string()),
      param: z.nullish(z.unknown()),
      code: z.nullish(z.union([z.string(), z.number()])),
    }),
  }),
  z.object({ code: z.nullish(z.string()), error: z.string() }),
]);

/** A parsed xAI error body. */
export type XaiErrorData = z.infer<typeof xaiErrorDataSchema>;

/**
 * Turns a non-2xx answer into an `APICallError` with xAI's message (prefixed
 * with its code, e.g. `invalid_argument: …`) and the parsed body as `data`.
 */
export const xaiFailedResponseHandler: ResponseHandler<APICallError> = createJsonErrorResponseHandler({
  errorSchema: xaiErrorDataSchema,
  errorToMessage: (data) =>
    typeof data.error === 'string'
      ? 'code' in data && data.code
        ? `${data.code}: ${data.error}`
        : data.error
      : data.error.message,
});
