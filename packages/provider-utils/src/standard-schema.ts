import { APICallError, InvalidArgumentError, TypeValidationError } from '@videogen/provider-spec';
import { extractResponseHeaders, secureJsonParse, type ResponseHandler } from '@ai-sdk/provider-utils';

/**
 * A schema that implements Standard Schema v1 (zod 4 and `zod/mini`,
 * valibot, arktype …).
 *
 * videogen validates with the schema's own `~standard.validate` instead of
 * `@ai-sdk/provider-utils`' schema helpers: those dispatch over every schema
 * kind they know (zod 3, zod 4 with JSON-schema conversion …) and so pull all
 * of zod into an app's bundle even when the app uses `zod/mini` (measured in
 * bench/: about 30 KiB gzipped of a 55 KiB bundle). The HTTP plumbing itself
 * (`postJsonToApi`, `getFromApi` …) still comes from `@ai-sdk/provider-utils`;
 * the handlers below plug into it.
 */
export type StandardSchema<OUTPUT> = {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) => StandardSchemaResult<OUTPUT> | Promise<StandardSchemaResult<OUTPUT>>;
  };
};

type StandardSchemaIssue = { readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> };
type StandardSchemaResult<OUTPUT> =
  | { readonly value: OUTPUT; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardSchemaIssue> };

/** Validates a value; throws a TypeValidationError that lists each issue with its path. */
export async function validateWithSchema<OUTPUT>(schema: StandardSchema<OUTPUT>, value: unknown): Promise<OUTPUT> {
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) return result.value;
  const details = result.issues
    .map((issue) => {
      const path = (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
  throw new TypeValidationError({ value, cause: new Error(details) });
}

/**
 * Reads a provider's options (`providerOptions[provider]`) with its schema.
 * `undefined` when there are none; an InvalidArgumentError naming each bad
 * field otherwise.
 */
export async function parseProviderOptions<OUTPUT>({
  provider,
  providerOptions,
  schema,
}: {
  provider: string;
  providerOptions: Record<string, unknown> | undefined;
  schema: StandardSchema<OUTPUT>;
}): Promise<OUTPUT | undefined> {
  const value = providerOptions?.[provider];
  if (value == null) return undefined;
  try {
    return await validateWithSchema(schema, value);
  } catch (error) {
    const details = TypeValidationError.isInstance(error) && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new InvalidArgumentError({
      argument: 'providerOptions',
      message: `invalid ${provider} provider options${details}`,
      cause: error,
    });
  }
}

/** A response handler (for `postJsonToApi`, `getFromApi` …) that parses JSON and validates it. */
export function createJsonResponseHandler<OUTPUT>(schema: StandardSchema<OUTPUT>): ResponseHandler<OUTPUT> {
  return async ({ response, url, requestBodyValues }) => {
    const responseHeaders = extractResponseHeaders(response);
    const responseBody = await response.text();
    try {
      const value = await validateWithSchema(schema, secureJsonParse(responseBody));
      return { value, rawValue: value, responseHeaders };
    } catch (cause) {
      throw new APICallError({
        message: 'Invalid JSON response',
        cause,
        statusCode: response.status,
        responseHeaders,
        responseBody,
        url,
        requestBodyValues,
      });
    }
  };
}

/**
 * A failed-response handler that turns the API's JSON error body into an
 * APICallError with the provider's own message (`errorToMessage`), the parsed
 * body as `data`, and the body, headers and status kept. A body that is empty
 * or not of the schema gets the status text as message (as in `@ai-sdk/provider-utils`).
 */
export function createJsonErrorResponseHandler<ERROR>({
  errorSchema,
  errorToMessage,
  isRetryable,
}: {
  errorSchema: StandardSchema<ERROR>;
  errorToMessage: (error: ERROR) => string;
  isRetryable?: (response: Response, error?: ERROR) => boolean;
}): ResponseHandler<APICallError> {
  return async ({ response, url, requestBodyValues }) => {
    const responseHeaders = extractResponseHeaders(response);
    let responseBody = '';
    try {
      responseBody = await response.text();
    } catch {
      // An unreadable body: keep the status.
    }
    const fallback = (): { responseHeaders: Record<string, string>; value: APICallError } => ({
      responseHeaders,
      value: new APICallError({
        message: response.statusText,
        url,
        requestBodyValues,
        statusCode: response.status,
        responseHeaders,
        responseBody,
        isRetryable: isRetryable?.(response),
      }),
    });
    if (responseBody.trim() === '') return fallback();
    let parsed: ERROR;
    try {
      parsed = await validateWithSchema(errorSchema, secureJsonParse(responseBody));
    } catch {
      return fallback();
    }
    return {
      responseHeaders,
      value: new APICallError({
        message: errorToMessage(parsed),
        url,
        requestBodyValues,
        statusCode: response.status,
        responseHeaders,
        responseBody,
        data: parsed,
        isRetryable: isRetryable?.(response, parsed),
      }),
    };
  };
}
