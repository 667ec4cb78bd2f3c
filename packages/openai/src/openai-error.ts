import { copyApiCallError, createJsonErrorResponseHandler } from '@videogen/provider-utils';
import { APICallError } from '@videogen/provider-spec';
import type { ResponseHandler } from '@ai-sdk/provider-utils';
import * as z from 'zod/v4/mini';

/** The OpenAI error envelope: `{ error: { message, type, param, code } }`. */
export const openaiErrorDataSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.nullish(z.string()),
    param: z.nullish(z.string()),
    code: z.nullish(z.union([z.string(), z.number()])),
  }),
});

/** The parsed error envelope. */
export type OpenAIErrorEnvelope = z.infer<typeof openaiErrorDataSchema>;

/**
 * What an `APICallError` from this provider carries in `data`: OpenAI's
 * error fields (`null` when absent) and the `x-request-id` of the response,
 * which OpenAI support asks for.
 */
export type OpenAIErrorData = {
  /** OpenAI's message, verbatim. */
  message: string | null;
  /** e.g. `'invalid_request_error'`. */
  type: string | null;
  /** e.g. `'invalid_value'`. */
  code: string | number | null;
  /** The request field at fault, e.g. `'seconds'`. */
  param: string | null;
  /** The response's `x-request-id` header. */
  requestId: string | null;
};

/**
 * The `x-should-retry` header wins when present (as in the OpenAI SDK);
 * otherwise the usual 408, 409, 429, 5xx.
 */
function isRetryableResponse(response: Response): boolean {
  const shouldRetry = response.headers.get('x-should-retry');
  if (shouldRetry === 'true') return true;
  if (shouldRetry === 'false') return false;
  const status = response.status;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

const jsonErrorHandler = createJsonErrorResponseHandler({
  errorSchema: openaiErrorDataSchema,
  errorToMessage: (data) => data.error.message,
  isRetryable: isRetryableResponse,
});

/**
 * Turns a non-2xx OpenAI response into an `APICallError` whose message is
 * OpenAI's (plus the request id), whose `data` is {@link OpenAIErrorData},
 * and whose `isRetryable` honours `x-should-retry`. `retry-after-ms` and
 * `retry-after` stay in `responseHeaders`, where the shared retry policy
 * reads them.
 */
export const openaiFailedResponseHandler: ResponseHandler<APICallError> = async (options) => {
  const requestId = options.response.headers.get('x-request-id');
  const result = await jsonErrorHandler(options);
  const error = result.value;
  const envelope = error.data as OpenAIErrorEnvelope | undefined;
  const data: OpenAIErrorData = {
    message: envelope?.error.message ?? null,
    type: envelope?.error.type ?? null,
    code: envelope?.error.code ?? null,
    param: envelope?.error.param ?? null,
    requestId,
  };
  const message = envelope?.error.message ?? (error.message || `HTTP ${options.response.status}`);
  return {
    ...result,
    value: copyApiCallError(error, { message: requestId ? `${message} (request id: ${requestId})` : message, data }),
  };
};

/** The {@link OpenAIErrorData} of an error thrown by this provider, if it is one. */
export function getOpenAIErrorData(error: unknown): OpenAIErrorData | undefined {
  if (!APICallError.isInstance(error)) return undefined;
  const data = error.data as Partial<OpenAIErrorData> | undefined;
  if (data == null || typeof data !== 'object' || !('requestId' in data)) return undefined;
  return data as OpenAIErrorData;
}
