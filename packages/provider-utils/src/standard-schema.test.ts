import { APICallError, InvalidArgumentError } from '@videogen/provider-spec';
import { getFromApi } from '@ai-sdk/provider-utils';
import * as z from 'zod/v4/mini';
import { describe, expect, it } from 'vitest';
import { createJsonErrorResponseHandler, createJsonResponseHandler, parseProviderOptions } from './standard-schema';
import { createTestServer } from './test/test-server';

const server = createTestServer({
  'https://api.example.com/ok': { response: { type: 'json-value', body: { id: 'job_1', extra: true } } },
  'https://api.example.com/bad': { response: { type: 'json-value', body: { id: 42 } } },
  'https://api.example.com/fail': {
    response: { type: 'error', status: 400, body: { error: { message: 'seconds must be 4, 8 or 12' } } },
  },
  'https://api.example.com/fail-text': { response: { type: 'error', status: 502, body: '<html>bad gateway</html>' } },
});

const errorHandler = createJsonErrorResponseHandler({
  errorSchema: z.object({ error: z.object({ message: z.string() }) }),
  errorToMessage: (data) => data.error.message,
});
const okHandler = createJsonResponseHandler(z.object({ id: z.string() }));

describe('standard schema handlers', () => {
  it('parses and validates a JSON response (lenient: unknown fields dropped by the schema)', async () => {
    const { value } = await getFromApi({
      url: 'https://api.example.com/ok',
      successfulResponseHandler: okHandler,
      failedResponseHandler: errorHandler,
    });
    expect(value).toStrictEqual({ id: 'job_1' });
    // zod/mini objects strip unknown keys of the response (lenient, nothing kept that was not read)
  });

  it('rejects a response that does not match, as an APICallError', async () => {
    await expect(
      getFromApi({
        url: 'https://api.example.com/bad',
        successfulResponseHandler: okHandler,
        failedResponseHandler: errorHandler,
      }),
    ).rejects.toSatisfy((error) => APICallError.isInstance(error) && error.message === 'Invalid JSON response');
  });

  it("turns the API's error body into an APICallError with the provider's message", async () => {
    const error = await getFromApi({
      url: 'https://api.example.com/fail',
      successfulResponseHandler: okHandler,
      failedResponseHandler: errorHandler,
    }).catch((caught) => caught);
    expect(error).toMatchObject({
      statusCode: 400,
      message: 'seconds must be 4, 8 or 12',
      data: { error: { message: 'seconds must be 4, 8 or 12' } },
      isRetryable: false,
    });
  });

  it('keeps the status for a body that is not JSON', async () => {
    const error = await getFromApi({
      url: 'https://api.example.com/fail-text',
      successfulResponseHandler: okHandler,
      failedResponseHandler: errorHandler,
    }).catch((caught) => caught);
    expect(error).toMatchObject({ statusCode: 502, responseBody: '<html>bad gateway</html>', isRetryable: true });
  });
});

describe('parseProviderOptions', () => {
  const schema = z.strictObject({ negativePrompt: z.optional(z.string()), pollIntervalMs: z.optional(z.number()) });

  it('returns undefined without options and the parsed options otherwise', async () => {
    await expect(parseProviderOptions({ provider: 'fal', providerOptions: {}, schema })).resolves.toBeUndefined();
    await expect(
      parseProviderOptions({
        provider: 'fal',
        providerOptions: { fal: { negativePrompt: 'blur' }, other: { x: 1 } },
        schema,
      }),
    ).resolves.toStrictEqual({ negativePrompt: 'blur' });
  });

  it('names the bad field in an InvalidArgumentError', async () => {
    const error = await parseProviderOptions({
      provider: 'fal',
      providerOptions: { fal: { pollIntervalMs: 'fast' } },
      schema,
    }).catch((caught) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /^invalid fal provider options: providerOptions\.fal\.pollIntervalMs: expected number/,
    );
    const unknown = await parseProviderOptions({
      provider: 'fal',
      providerOptions: { fal: { seeed: 1 } },
      schema,
    }).catch((caught) => caught);
    expect(unknown.message).toBe(
      'invalid fal provider options: providerOptions.fal: unknown key "seeed" (allowed: negativePrompt, pollIntervalMs)',
    );
  });
});
