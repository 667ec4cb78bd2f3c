import type { ResponseHandler } from '@ai-sdk/provider-utils';
import type { APICallError } from '@videogen/provider-spec';
import { createJsonErrorResponseHandler } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable.
import * as z from 'zod/v4/mini';

/**
 * Runway's error body: `{ error: "<text>", issues?: [{ path, message, … }], docUrl? }`
 * (400 `Validation of body failed`, 401, 404, 429 …).
 */
export const runwayErrorDataSchema = z.looseObject({
  error: z.string(),
  issues: z.optional(
    z.array(
      z.looseObject({ path: z.optional(z.array(z.union([z.string(), z.number()]))), message: z.optional(z.string()) }),
    ),
  ),
  docUrl: z.optional(z.string()),
});

/** A parsed Runway error body. */
export type RunwayErrorData = z.infer<typeof runwayErrorDataSchema>;

/** Runway's message, with the failed fields of a validation error (`promptText: Too long`). */
function errorToMessage(data: RunwayErrorData): string {
  const issues = (data.issues ?? [])
    .filter((issue) => issue.message)
    .map((issue) =>
      issue.path && issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    );
  return issues.length > 0 ? `${data.error} (${issues.join('; ')})` : data.error;
}

/** Turns a non-2xx answer into an `APICallError` with Runway's message and the parsed body as `data`. */
export const runwayFailedResponseHandler: ResponseHandler<APICallError> = createJsonErrorResponseHandler({
  errorSchema: runwayErrorDataSchema,
  errorToMessage,
});
