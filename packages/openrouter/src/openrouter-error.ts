import type { ResponseHandler } from '@ai-sdk/provider-utils';
import { copyApiCallError, createJsonErrorResponseHandler } from '@videogen/provider-utils';
import type { APICallError } from '@videogen/provider-spec';
import * as z from 'zod/v4/mini';

/**
 * OpenRouter's error body:
 * `{ "error": { "code": 400, "message": "…", "metadata": {…} | null }, "user_id": "…" }`.
 */
export const openrouterErrorDataSchema = z.object({
  error: z.object({
    code: z.nullish(z.union([z.number(), z.string()])),
    message: z.string(),
    metadata: z.nullish(z.record(z.string(), z.unknown())),
  }),
  user_id: z.nullish(z.string()),
});

/** The parsed error body of an OpenRouter response. */
export type OpenRouterErrorData = z.infer<typeof openrouterErrorDataSchema>;

/** What an HTTP status means at OpenRouter, for errors whose body says little. */
const STATUS_HINTS: Record<number, string> = {
  401: 'the API key is missing or invalid (OPENROUTER_API_KEY)',
  402: 'insufficient credits: add credits at https://openrouter.ai/settings/credits',
  403: 'the request was refused (key limits, or the model is not allowed for this key)',
  404: 'not found (unknown model or job id)',
  408: 'the request timed out',
  413: 'the request body is too large (OpenRouter accepts at most 50 MiB: pass large images and videos as https URLs instead of bytes)',
  429: 'rate limited: slow down and retry later',
  502: 'the upstream provider failed',
  503: 'no provider is available for this request right now',
};

function errorToMessage(data: OpenRouterErrorData): string {
  const providerName = data.error.metadata?.provider_name;
  return typeof providerName === 'string' && providerName !== ''
    ? `${data.error.message} (provider: ${providerName})`
    : data.error.message;
}

const jsonErrorHandler = createJsonErrorResponseHandler({
  errorSchema: openrouterErrorDataSchema,
  errorToMessage,
});

/**
 * Turns an OpenRouter error response into an `APICallError` whose message is
 * OpenRouter's own (with the upstream provider's name when given) and whose
 * `data` is the parsed body. A body that is not OpenRouter's JSON (e.g. a
 * proxy's 413 page) still gives a readable message from the status.
 */
export const openrouterFailedResponseHandler: ResponseHandler<APICallError> = async (options) => {
  const result = await jsonErrorHandler(options);
  const error = result.value;
  if (error.data !== undefined) return result;
  const hint = STATUS_HINTS[error.statusCode ?? 0];
  const text = (error.responseBody ?? '').trim().slice(0, 500);
  const message = [
    `OpenRouter returned HTTP ${error.statusCode}`,
    hint ? `: ${hint}` : error.message ? `: ${error.message}` : '',
    text && !text.startsWith('<') ? ` (${text})` : '',
  ].join('');
  return {
    ...result,
    value: copyApiCallError(error, { message }),
  };
};
