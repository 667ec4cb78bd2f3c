import { APICallError, InvalidArgumentError, TypeValidationError } from '@videogen/provider-spec';
import { JSONParseError } from '@ai-sdk/provider';
import {
  extractResponseHeaders,
  readResponseWithSizeLimit,
  secureJsonParse,
  type ResponseHandler,
} from '@ai-sdk/provider-utils';

/*
 * `parseProviderOptions`, `createJsonResponseHandler` and
 * `createJsonErrorResponseHandler` with the behaviour of the
 * `@ai-sdk/provider-utils` helpers of the same names, validating with the
 * schema's own Standard Schema `validate` (here: zod/mini).
 *
 * Why not those: they validate through `asSchema`, which for a zod schema
 * statically reaches zod v3's `ZodFirstPartyTypeKind` and zod v4's
 * `toJSONSchema` (meant for tool schemas), so any bundle calling one of them
 * carries ~85 KiB of zod (minified) even when every schema is zod/mini.
 * Generic: a candidate for `@videogen/provider-utils` (fal has the same
 * helpers, same names and signatures, in `packages/fal/src/standard-schema.ts`).
 */

/** A Standard Schema issue (the fields read here). */
export type StandardSchemaIssue = {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
};

type StandardResult<T> =
  | { readonly value: T; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardSchemaIssue> };

/** A Standard Schema v1 (zod 4 classic or mini, valibot, arktype …), reduced to what is used here. */
export type StandardSchema<T> = {
  readonly '~standard': {
    readonly validate: (value: unknown) => StandardResult<T> | Promise<StandardResult<T>>;
  };
};

/** The issues of a failed validation as an error; its message lists them as JSON, as zod's does. */
export class SchemaIssuesError extends Error {
  constructor(readonly issues: ReadonlyArray<StandardSchemaIssue>) {
    super(JSON.stringify(issues, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2));
    this.name = 'SchemaIssuesError';
  }
}

/** Validates `value`; a failure carries a `TypeValidationError` whose cause is a {@link SchemaIssuesError}. */
export async function safeValidate<T>(
  schema: StandardSchema<T>,
  value: unknown,
): Promise<{ success: true; value: T } | { success: false; error: TypeValidationError }> {
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) return { success: true, value: result.value };
  return { success: false, error: TypeValidationError.wrap({ value, cause: new SchemaIssuesError(result.issues) }) };
}

/**
 * `providerOptions[provider]` validated with `schema`; `undefined` when
 * absent (or null). Throws `InvalidArgumentError` (argument
 * `providerOptions`, the validation error as `cause`) whose message starts
 * with `invalid <provider> provider options` and names each problem.
 */
export async function parseProviderOptions<T>({
  provider,
  providerOptions,
  schema,
}: {
  provider: string;
  providerOptions: Record<string, unknown> | undefined;
  schema: StandardSchema<T>;
}): Promise<T | undefined> {
  const value = providerOptions?.[provider];
  if (value == null) return undefined;
  const result = await safeValidate(schema, value);
  if (result.success) return result.value;
  const { issues } = result.error.cause as SchemaIssuesError;
  throw new InvalidArgumentError({
    argument: 'providerOptions',
    message: `invalid ${provider} provider options: ${describeIssues(issues, `providerOptions.${provider}`, schema)}`,
    cause: result.error,
  });
}

/** A JSON body validated with `schema`; otherwise an `APICallError` "Invalid JSON response" (cause: the parse or validation error). */
export function createJsonResponseHandler<T>(schema: StandardSchema<T>): ResponseHandler<T> {
  return async ({ response, url, requestBodyValues }) => {
    const responseBody = await readText(response, url);
    const responseHeaders = extractResponseHeaders(response);
    let cause: unknown;
    let rawValue: unknown;
    try {
      rawValue = secureJsonParse(responseBody);
    } catch (error) {
      cause = new JSONParseError({ text: responseBody, cause: error });
    }
    if (cause === undefined) {
      const result = await safeValidate(schema, rawValue);
      if (result.success) return { responseHeaders, value: result.value, rawValue };
      cause = result.error;
    }
    throw new APICallError({
      message: 'Invalid JSON response',
      cause,
      statusCode: response.status,
      responseHeaders,
      responseBody,
      url,
      requestBodyValues,
    });
  };
}

/**
 * An `APICallError` for a failed response: `errorToMessage(body)` and the
 * parsed body as `data` when the body matches `errorSchema`, else the status
 * text.
 */
export function createJsonErrorResponseHandler<T>({
  errorSchema,
  errorToMessage,
  isRetryable,
}: {
  errorSchema: StandardSchema<T>;
  errorToMessage: (error: T) => string;
  isRetryable?: (response: Response, error?: T) => boolean;
}): ResponseHandler<APICallError> {
  return async ({ response, url, requestBodyValues }) => {
    const responseBody = await readText(response, url);
    const responseHeaders = extractResponseHeaders(response);
    const common = { url, requestBodyValues, statusCode: response.status, responseHeaders, responseBody };
    if (responseBody.trim() !== '') {
      try {
        const parsed = await safeValidate(errorSchema, secureJsonParse(responseBody));
        if (parsed.success) {
          return {
            responseHeaders,
            value: new APICallError({
              ...common,
              message: errorToMessage(parsed.value),
              data: parsed.value,
              isRetryable: isRetryable?.(response, parsed.value),
            }),
          };
        }
      } catch {
        // not JSON: the status text below
      }
    }
    return {
      responseHeaders,
      value: new APICallError({ ...common, message: response.statusText, isRetryable: isRetryable?.(response) }),
    };
  };
}

const textDecoder = new TextDecoder();

async function readText(response: Response, url: string): Promise<string> {
  return textDecoder.decode(await readResponseWithSizeLimit({ response, url }));
}

/**
 * The problems of a validation in plain English, from the issue codes (zod
 * mini loads no locale, so its own messages can be a bare "Invalid input"),
 * e.g. `providerOptions.openai.pollIntervalMs: expected number > 0`.
 */
export function describeIssues(issues: ReadonlyArray<StandardSchemaIssue>, root: string, schema?: unknown): string {
  const allowedKeys = objectKeys(schema);
  return issues
    .map((issue) => {
      const parts = (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part));
      const detail = describeIssue(issue as StandardSchemaIssue & Record<string, unknown>);
      const allowed = allowedKeys && parts.length === 0 && detail.startsWith('unknown key') ? ` (allowed: ${allowedKeys.join(', ')})` : '';
      return `${[root, ...parts].join('.')}: ${detail}${allowed}`;
    })
    .join('; ');
}

function describeIssue(issue: StandardSchemaIssue & Record<string, unknown>): string {
  const list = (values: unknown) => (Array.isArray(values) ? values.map((value) => JSON.stringify(value)).join(', ') : '');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = Array.isArray(issue.keys) ? issue.keys : [];
      return `unknown key${keys.length === 1 ? '' : 's'} ${list(keys)}`;
    }
    case 'invalid_type':
      return `expected ${String(issue.expected)}`;
    case 'invalid_value':
      return `expected one of ${list(issue.values)}`;
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? 'expected a non-empty string'
        : `expected ${String(issue.origin ?? 'a value')} ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `expected ${String(issue.origin ?? 'a value')} ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return `invalid ${String(issue.format)}`;
    default:
      return issue.message;
  }
}

function objectKeys(schema: unknown): string[] | undefined {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  return shape !== null && typeof shape === 'object' ? Object.keys(shape) : undefined;
}
