import {
  createJsonErrorResponseHandler,
  createJsonResponseHandler,
  describeIssues,
  parseProviderOptions,
  safeValidate,
  SchemaIssuesError,
} from '@videogen/provider-utils';
import { APICallError, InvalidArgumentError, TypeValidationError } from '@videogen/provider-spec';
import { JSONParseError } from '@ai-sdk/provider';
import * as aiSdk from '@ai-sdk/provider-utils';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/v4/mini';

const optionsSchema = z.strictObject({
  name: z.optional(z.string().check(z.minLength(1))),
  intervalMs: z.optional(z.number().check(z.positive())),
  mode: z.optional(z.enum(['fast', 'slow'])),
});

const bodySchema = z.looseObject({ id: z.string(), count: z.nullish(z.number()) });

const errorSchema = z.object({ error: z.object({ message: z.string(), code: z.nullish(z.string()) }) });

const URL = 'https://api.example.com/v1/things';

function response(body: string, init: ResponseInit = {}) {
  return new Response(body, {
    status: 200,
    statusText: 'OK',
    ...init,
    headers: { 'x-request-id': 'req_1', ...init.headers },
  });
}

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('safeValidate', () => {
  it('returns the parsed value', async () => {
    expect(await safeValidate(bodySchema, { id: 'a', extra: true })).toStrictEqual({
      success: true,
      value: { id: 'a', extra: true },
    });
  });

  it('wraps the issues in a TypeValidationError', async () => {
    const result = await safeValidate(bodySchema, { id: 1 });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(TypeValidationError.isInstance(result.error)).toBe(true);
    expect(result.error.value).toStrictEqual({ id: 1 });
    expect(result.error.cause).toBeInstanceOf(SchemaIssuesError);
    expect((result.error.cause as SchemaIssuesError).issues).toMatchObject([
      { code: 'invalid_type', expected: 'string', path: ['id'] },
    ]);
  });
});

describe('parseProviderOptions', () => {
  it('returns undefined when the provider has no options (absent or null)', async () => {
    expect(
      await parseProviderOptions({ provider: 'x', providerOptions: undefined, schema: optionsSchema }),
    ).toBeUndefined();
    expect(await parseProviderOptions({ provider: 'x', providerOptions: {}, schema: optionsSchema })).toBeUndefined();
    expect(
      await parseProviderOptions({ provider: 'x', providerOptions: { x: null }, schema: optionsSchema }),
    ).toBeUndefined();
  });

  it('returns the validated options', async () => {
    expect(
      await parseProviderOptions({
        provider: 'x',
        providerOptions: { x: { name: 'a', intervalMs: 5 } },
        schema: optionsSchema,
      }),
    ).toStrictEqual({ name: 'a', intervalMs: 5 });
  });

  it('throws InvalidArgumentError naming every problem, with the validation error as cause', async () => {
    const error = await rejection(
      parseProviderOptions({
        provider: 'x',
        providerOptions: { x: { name: '', intervalMs: 0, mode: 'medium', size: 1, other: 2 } },
        schema: optionsSchema,
      }),
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    const invalid = error as InvalidArgumentError;
    expect(invalid.argument).toBe('providerOptions');
    expect(invalid.message).toBe(
      'invalid x provider options: ' +
        'providerOptions.x.name: expected a non-empty string; ' +
        'providerOptions.x.intervalMs: expected number > 0; ' +
        'providerOptions.x.mode: expected one of "fast", "slow"; ' +
        'providerOptions.x: unknown keys "size", "other" (allowed: name, intervalMs, mode)',
    );
    expect(TypeValidationError.isInstance(invalid.cause)).toBe(true);
  });

  it('says which type was expected', async () => {
    await expect(
      parseProviderOptions({ provider: 'x', providerOptions: { x: { intervalMs: '10' } }, schema: optionsSchema }),
    ).rejects.toThrow('invalid x provider options: providerOptions.x.intervalMs: expected number');
    await expect(
      parseProviderOptions({ provider: 'x', providerOptions: { x: 'fast' }, schema: optionsSchema }),
    ).rejects.toThrow('invalid x provider options: providerOptions.x: expected object');
  });
});

describe('createJsonResponseHandler', () => {
  const handle = (body: string, init?: ResponseInit) =>
    createJsonResponseHandler(bodySchema)({ url: URL, requestBodyValues: { a: 1 }, response: response(body, init) });

  it('returns the parsed value, the raw value and the headers, as @ai-sdk/provider-utils does', async () => {
    const body = JSON.stringify({ id: 'a', count: null, extra: [1] });
    const ours = await handle(body);
    const theirs = await aiSdk.createJsonResponseHandler(bodySchema)({
      url: URL,
      requestBodyValues: {},
      response: response(body),
    });
    expect(ours).toStrictEqual(theirs);
    expect(ours).toStrictEqual({
      responseHeaders: { 'content-type': 'text/plain;charset=UTF-8', 'x-request-id': 'req_1' },
      value: { id: 'a', count: null, extra: [1] },
      rawValue: { id: 'a', count: null, extra: [1] },
    });
  });

  it('throws APICallError "Invalid JSON response" with a TypeValidationError for a body that does not match', async () => {
    const error = await rejection(handle('{"count":1}', { status: 201 }));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'Invalid JSON response',
      statusCode: 201,
      url: URL,
      requestBodyValues: { a: 1 },
      responseBody: '{"count":1}',
      responseHeaders: { 'x-request-id': 'req_1' },
    });
    expect(TypeValidationError.isInstance((error as APICallError).cause)).toBe(true);
  });

  it('throws APICallError "Invalid JSON response" with a JSONParseError for a body that is not JSON', async () => {
    const error = await rejection(handle('<html>'));
    expect(error).toMatchObject({ message: 'Invalid JSON response', responseBody: '<html>' });
    expect(JSONParseError.isInstance((error as APICallError).cause)).toBe(true);
  });
});

describe('createJsonErrorResponseHandler', () => {
  const options = {
    errorSchema,
    errorToMessage: (data: z.infer<typeof errorSchema>) => `E: ${data.error.message}`,
    isRetryable: (res: Response, data?: unknown) => res.status === 503 || data !== undefined,
  };
  const handle = async (body: string, init: ResponseInit = { status: 400, statusText: 'Bad Request' }) => {
    const ours = (
      await createJsonErrorResponseHandler(options)({
        url: URL,
        requestBodyValues: { a: 1 },
        response: response(body, init),
      })
    ).value;
    const theirs = (
      await aiSdk.createJsonErrorResponseHandler(options)({
        url: URL,
        requestBodyValues: { a: 1 },
        response: response(body, init),
      })
    ).value;
    // same fields as @ai-sdk/provider-utils' handler
    for (const key of [
      'message',
      'statusCode',
      'url',
      'requestBodyValues',
      'responseHeaders',
      'responseBody',
      'isRetryable',
      'data',
    ] as const) {
      expect(ours[key], key).toStrictEqual(theirs[key]);
    }
    return ours;
  };

  it('uses errorToMessage and the parsed body as data for a matching body', async () => {
    const error = await handle(JSON.stringify({ error: { message: 'nope', code: 'bad' } }));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'E: nope',
      statusCode: 400,
      data: { error: { message: 'nope', code: 'bad' } },
      isRetryable: true,
      responseHeaders: { 'x-request-id': 'req_1' },
    });
  });

  it.each([
    ['an empty body', '  '],
    ['a body that is not JSON', '<html>Bad gateway</html>'],
    ['a body that does not match', '{"message":"other shape"}'],
  ])('uses the status text for %s', async (_name, body) => {
    const error = await handle(body, { status: 503, statusText: 'Service Unavailable' });
    expect(error).toMatchObject({
      message: 'Service Unavailable',
      statusCode: 503,
      responseBody: body,
      isRetryable: true,
    });
    expect(error.data).toBeUndefined();
  });
});

describe('describeIssues', () => {
  it('falls back to the issue message for codes it does not know', () => {
    expect(describeIssues([{ message: 'Custom problem', path: ['a', 0] }], 'root')).toBe('root.a.0: Custom problem');
  });
});
