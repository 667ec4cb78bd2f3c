import type { APICallError } from '@videogen/provider-spec';
import type { ResponseHandler } from '@ai-sdk/provider-utils';
import { createJsonErrorResponseHandler } from '@videogen/provider-utils';
// `zod/v4/mini` (not `zod`): tree-shakable, so a bundle carries only the few
// validators used here; the `v4/mini` path also exists in zod 3.25 (peer range).
import * as z from 'zod/v4/mini';

/**
 * Replicate's error body, problem-details style:
 * `{ title, detail, status }`, with `invalid_fields` on input validation
 * errors (422); a 429 carries only `detail`. An `{ error }` body is read too
 * (as the Vercel AI SDK does).
 */
export const replicateErrorDataSchema = z.looseObject({
  title: z.nullish(z.string()),
  detail: z.nullish(z.string()),
  status: z.nullish(z.number()),
  error: z.nullish(z.string()),
  invalid_fields: z.nullish(z.array(z.unknown())),
});

/** A parsed Replicate error body. */
export type ReplicateErrorData = z.infer<typeof replicateErrorDataSchema>;

/**
 * Turns a non-2xx answer into an `APICallError` whose message is Replicate's
 * (`title: detail`, e.g. `Input validation failed: - input: prompt is
 * required`) and whose `data` is the parsed body. Retries follow the shared
 * policy (429 with `Retry-After`, 5xx).
 */
export const replicateFailedResponseHandler: ResponseHandler<APICallError> = createJsonErrorResponseHandler({
  errorSchema: replicateErrorDataSchema,
  errorToMessage: (data) => {
    const detail = (data.detail ?? data.error ?? '').trim();
    if (data.title && detail) return `${data.title}: ${detail}`;
    return data.title || detail || `Replicate answered with status ${data.status ?? 'unknown'}.`;
  },
});
