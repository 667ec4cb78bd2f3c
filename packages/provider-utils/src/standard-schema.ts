import { APICallError, InvalidArgumentError, TypeValidationError } from '@videogen/provider-spec';
import { extractResponseHeaders } from './api-call';
import { JSONParseError } from '@ai-sdk/provider';
import { DEFAULT_MAX_DOWNLOAD_SIZE, secureJsonParse, type ResponseHandler } from '@ai-sdk/provider-utils';

import { readBytesWithLimit } from './limit-bytes';

const textDecoder = new TextDecoder();
/** Largest API response body read, as `@ai-sdk/provider-utils`' handlers: 2 GiB (Vertex may inline a video). */
const MAX_RESPONSE_BYTES = DEFAULT_MAX_DOWNLOAD_SIZE;

/*
 * Schema-taking helpers that validate with the schema's own Standard Schema
 * `validate` (zod/mini in the videogen providers), with the behaviour of
 * `@ai-sdk/provider-utils`' `parseProviderOptions`, `createJsonResponseHandler`
 * and `createJsonErrorResponseHandler`, and plain-English messages for zod
 * mini's issues (which carry no text of their own).
 *
 * Why not those: they validate through `asSchema`, which for a zod schema
 * statically references zod v3's `ZodFirstPartyTypeKind` and zod v4's
 * `toJSONSchema` (for tool schemas). Any bundle that calls one of them gets
 * ~100 KiB of zod (minified, ~25 KiB gzipped) even when the schemas are
 * zod/mini (measured in bench/). These handlers plug into `postJsonToApi`
 * and `getFromApi` (ours in `./api-call`, or `@ai-sdk/provider-utils`').
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

/** `{ success, value }` of validating `value` with a Standard Schema; the failure carries a `TypeValidationError`. */
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
 * absent. Throws `InvalidArgumentError` (argument `providerOptions`) naming
 * each problem, with the validation error as `cause`.
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
  const cause = result.error.cause as SchemaIssuesError;
  throw new InvalidArgumentError({
    argument: 'providerOptions',
    message: `invalid ${provider} provider options: ${describeIssues(cause.issues, `providerOptions.${provider}`, schema)}`,
    cause: result.error,
  });
}

/** Like `@ai-sdk/provider-utils`' `createJsonResponseHandler`: an invalid body is an `APICallError` "Invalid JSON response". */
export function createJsonResponseHandler<T>(schema: StandardSchema<T>): ResponseHandler<T> {
  return async ({ response, url, requestBodyValues }) => {
    const responseBody = textDecoder.decode(await readBytesWithLimit(response, { maxBytes: MAX_RESPONSE_BYTES, url }));
    const responseHeaders = extractResponseHeaders(response);
    let rawValue: unknown;
    let cause: unknown;
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
 * Like `@ai-sdk/provider-utils`' `createJsonErrorResponseHandler`: an
 * `APICallError` with `errorToMessage(body)` and the parsed body as `data`
 * when the body matches `errorSchema`, else the status text.
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
    const responseBody = textDecoder.decode(await readBytesWithLimit(response, { maxBytes: MAX_RESPONSE_BYTES, url }));
    const responseHeaders = extractResponseHeaders(response);
    const common = { url, requestBodyValues, statusCode: response.status, responseHeaders, responseBody };
    if (responseBody.trim() !== '') {
      let parsed: { success: true; value: T } | { success: false } = { success: false };
      try {
        parsed = await safeValidate(errorSchema, secureJsonParse(responseBody));
      } catch {
        // not JSON: the status text below
      }
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
    }
    return {
      responseHeaders,
      value: new APICallError({ ...common, message: response.statusText, isRetryable: isRetryable?.(response) }),
    };
  };
}

/** The issues of a failed validation, as an error (its message lists them as JSON, as zod's does). */
export class SchemaIssuesError extends Error {
  constructor(readonly issues: ReadonlyArray<StandardSchemaIssue>) {
    super(JSON.stringify(issues, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2));
    this.name = 'SchemaIssuesError';
  }
}

/**
 * Plain-English problems of a validation (zod/mini carries no English
 * messages; its issues say "Invalid input"), e.g.
 * `providerOptions.fal.pollIntervalMs: expected a number > 0`.
 */
export function describeIssues(issues: ReadonlyArray<StandardSchemaIssue>, root: string, schema?: unknown): string {
  const allowedKeys = objectKeys(schema);
  return issues
    .map((issue) => {
      const path = [root, ...(issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part))].join(
        '.',
      );
      return `${path}: ${describeIssue(issue as StandardSchemaIssue & Record<string, unknown>, allowedKeys)}`;
    })
    .join('; ');
}

function describeIssue(
  issue: StandardSchemaIssue & Record<string, unknown>,
  allowedKeys: string[] | undefined,
): string {
  const list = (values: unknown) =>
    Array.isArray(values) ? values.map((value) => JSON.stringify(value)).join(', ') : '';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${list(issue.keys).includes(',') ? 's' : ''} ${list(issue.keys)}${
        allowedKeys && (issue.path ?? []).length === 0 ? ` (allowed: ${allowedKeys.join(', ')})` : ''
      }`;
    case 'invalid_type':
      return `expected ${String(issue.expected)}`;
    case 'invalid_value':
      return `expected one of ${list(issue.values)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1 && issue.inclusive)
        return 'expected a non-empty string';
      if (issue.origin === 'string' || issue.origin === 'array') {
        return `expected ${issue.origin === 'string' ? 'a string' : 'an array'} of at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'characters' : 'items'}`;
      }
      return `expected ${issue.origin ?? 'a value'} ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string' || issue.origin === 'array') {
        return `expected ${issue.origin === 'string' ? 'a string' : 'an array'} of at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'}`;
      }
      return `expected ${issue.origin ?? 'a value'} ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return `invalid ${String(issue.format)}`;
    default:
      return issue.message;
  }
}

function objectKeys(schema: unknown): string[] | undefined {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : undefined;
}
