import { createJsonErrorResponseHandler } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable, so a bundle carries only the validators used here.
import * as z from 'zod/v4/mini';

/**
 * The error body of the Dream Machine API. Luma does not document it; its
 * API answers `{ "detail": "…" }` (a string, or FastAPI's list of
 * validation issues `[{ loc, msg, type }]`), the shape its newer Agents API
 * documents. `{ error }` / `{ message }` bodies are read too.
 */
export const lumaErrorDataSchema = z.object({
  detail: z.optional(
    z.union([z.string(), z.array(z.object({ msg: z.optional(z.string()), loc: z.optional(z.array(z.unknown())) }))]),
  ),
  error: z.optional(z.union([z.string(), z.object({ message: z.optional(z.string()) })])),
  message: z.optional(z.string()),
});

/** A parsed Luma error body. */
export type LumaErrorData = z.infer<typeof lumaErrorDataSchema>;

function lumaErrorMessage(data: LumaErrorData): string {
  const { detail, error, message } = data;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail) && detail.length > 0) {
    return detail
      .map((issue) => (issue.loc ? `${issue.loc.join('.')}: ${issue.msg ?? 'invalid'}` : (issue.msg ?? 'invalid')))
      .join('; ');
  }
  if (typeof error === 'string') return error;
  if (error?.message) return error.message;
  return message ?? 'Luma API error';
}

/** Turns a non-2xx answer into an `APICallError` with Luma's message and the parsed body as `data`. */
export const lumaFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: lumaErrorDataSchema,
  errorToMessage: lumaErrorMessage,
});
