import {
  createJsonErrorResponseHandler,
  createJsonResponseHandler,
  parseProviderOptions,
  SchemaIssuesError,
} from '@videogen/provider-utils';
import { APICallError, InvalidArgumentError, TypeValidationError } from '@videogen/provider-spec';
import { JSONParseError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/v4/mini';
import { falVideoModelOptionsSchema } from './fal-video-model-options';

const URL_ = 'https://queue.fal.run/fal-ai/veo3.1';
const bodySchema = z.looseObject({ request_id: z.string(), n: z.nullish(z.number()) });

function response(body: string, init: ResponseInit = {}) {
  return new Response(body, { headers: { 'content-type': 'application/json', 'x-id': 'a' }, ...init });
}

async function parseFalOptions(value: unknown) {
  return parseProviderOptions({ provider: 'fal', providerOptions: { fal: value }, schema: falVideoModelOptionsSchema });
}

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('parseProviderOptions (zod/mini)', () => {
  it('returns undefined without options and the parsed options otherwise', async () => {
    expect(
      await parseProviderOptions({ provider: 'fal', providerOptions: undefined, schema: falVideoModelOptionsSchema }),
    ).toBeUndefined();
    expect(
      await parseProviderOptions({
        provider: 'fal',
        providerOptions: { other: {} },
        schema: falVideoModelOptionsSchema,
      }),
    ).toBeUndefined();
    expect(
      await parseFalOptions({ pollIntervalMs: 10, input: { cfg_scale: 0.5, nested: [{ a: null }] } }),
    ).toStrictEqual({
      pollIntervalMs: 10,
      input: { cfg_scale: 0.5, nested: [{ a: null }] },
    });
  });

  it('names every problem in plain English, with the allowed keys for an unknown one', async () => {
    const error = await rejection(
      parseFalOptions({
        negative_prompt: 'x',
        pollIntervalMs: 0,
        queuePriority: 'high',
        objectExpirationSeconds: 1.5,
        noRetry: 'yes',
      }),
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    const { argument, message, cause } = error as InvalidArgumentError;
    expect(argument).toBe('providerOptions');
    expect(message).toBe(
      'invalid fal provider options: ' +
        [
          'providerOptions.fal.pollIntervalMs: expected number > 0',
          'providerOptions.fal.queuePriority: expected one of "normal", "low"',
          'providerOptions.fal.noRetry: expected boolean',
          'providerOptions.fal.objectExpirationSeconds: expected int',
          'providerOptions.fal: unknown key "negative_prompt" (allowed: negativePrompt, input, pollIntervalMs, pollTimeoutMs, queuePriority, requestTimeoutSeconds, runnerHint, noRetry, objectExpirationSeconds, logs, useStatusStream)',
        ].join('; '),
    );
    expect(TypeValidationError.isInstance(cause)).toBe(true);
    expect((cause as TypeValidationError).cause).toBeInstanceOf(SchemaIssuesError);
    expect(String(cause)).toContain('negative_prompt');
  });

  it('rejects values that are not JSON in input and a start timeout of 1 s or less', async () => {
    await expect(parseFalOptions({ input: { when: new Date(0) } })).rejects.toSatisfy(
      (error: unknown) =>
        InvalidArgumentError.isInstance(error) && /providerOptions\.fal\.input\.when/.test(error.message),
    );
    await expect(parseFalOptions({ requestTimeoutSeconds: 1 })).rejects.toSatisfy(
      (error: unknown) =>
        InvalidArgumentError.isInstance(error) && /requestTimeoutSeconds: expected number > 1$/.test(error.message),
    );
    expect(await parseFalOptions({ requestTimeoutSeconds: 1.5 })).toStrictEqual({ requestTimeoutSeconds: 1.5 });
  });
});

describe('createJsonResponseHandler (zod/mini)', () => {
  const handler = createJsonResponseHandler(bodySchema);

  it('returns the parsed body (unknown keys kept), the raw value and the headers', async () => {
    const result = await handler({
      url: URL_,
      requestBodyValues: {},
      response: response('{"request_id":"r","extra":1}'),
    });
    expect(result).toStrictEqual({
      value: { request_id: 'r', extra: 1 },
      rawValue: { request_id: 'r', extra: 1 },
      responseHeaders: { 'content-type': 'application/json', 'x-id': 'a' },
    });
  });

  it('throws APICallError "Invalid JSON response" for a body that does not match or is not JSON', async () => {
    const invalid = await rejection(handler({ url: URL_, requestBodyValues: { a: 1 }, response: response('{"n":1}') }));
    expect(APICallError.isInstance(invalid)).toBe(true);
    expect(invalid).toMatchObject({
      message: 'Invalid JSON response',
      url: URL_,
      statusCode: 200,
      responseBody: '{"n":1}',
      requestBodyValues: { a: 1 },
    });
    expect(TypeValidationError.isInstance((invalid as APICallError).cause)).toBe(true);
    expect(String((invalid as APICallError).cause)).toContain('request_id');

    const notJson = await rejection(handler({ url: URL_, requestBodyValues: {}, response: response('<html>') }));
    expect(notJson).toMatchObject({ message: 'Invalid JSON response', responseBody: '<html>' });
    expect(JSONParseError.isInstance((notJson as APICallError).cause)).toBe(true);
  });
});

describe('createJsonErrorResponseHandler (zod/mini)', () => {
  const handler = createJsonErrorResponseHandler({
    errorSchema: z.looseObject({ detail: z.string() }),
    errorToMessage: (data) => `fal: ${data.detail}`,
    isRetryable: (res, data) => res.status === 503 || data?.detail === 'retry me',
  });

  it('uses the message and data of a matching body', async () => {
    const { value, responseHeaders } = await handler({
      url: URL_,
      requestBodyValues: {},
      response: response('{"detail":"retry me"}', { status: 400, statusText: 'Bad Request' }),
    });
    expect(responseHeaders).toStrictEqual({ 'content-type': 'application/json', 'x-id': 'a' });
    expect(value).toMatchObject({
      message: 'fal: retry me',
      statusCode: 400,
      data: { detail: 'retry me' },
      isRetryable: true,
      responseBody: '{"detail":"retry me"}',
    });
  });

  it('falls back to the status text for an empty, non-JSON or non-matching body', async () => {
    for (const body of ['', '  ', 'Bad gateway', '{"error":"x"}']) {
      const { value } = await handler({
        url: URL_,
        requestBodyValues: {},
        response: response(body, { status: 503, statusText: 'Service Unavailable' }),
      });
      expect(value).toMatchObject({
        message: 'Service Unavailable',
        statusCode: 503,
        responseBody: body,
        isRetryable: true,
      });
      expect(value.data).toBeUndefined();
    }
  });
});
