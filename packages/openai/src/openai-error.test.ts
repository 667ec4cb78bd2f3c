import { APICallError } from '@videogen/provider-spec';
import { isRetryableError } from '@videogen/provider-utils';
import { describe, expect, it } from 'vitest';
import { getOpenAIErrorData, openaiFailedResponseHandler } from './openai-error';

async function handle(status: number, body: string, headers: Record<string, string> = {}) {
  const response = new Response(body, { status, statusText: 'Status Text', headers });
  return (
    await openaiFailedResponseHandler({ url: 'https://api.openai.com/v1/videos', requestBodyValues: {}, response })
  ).value;
}

const envelope = JSON.stringify({
  error: {
    message: 'Incorrect API key provided.',
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  },
});

describe('openaiFailedResponseHandler', () => {
  it('uses OpenAI message, fields and request id', async () => {
    const error = await handle(401, envelope, { 'x-request-id': 'req_1' });
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe('Incorrect API key provided. (request id: req_1)');
    expect(error.statusCode).toBe(401);
    expect(error.isRetryable).toBe(false);
    expect(error.responseBody).toBe(envelope);
    expect(getOpenAIErrorData(error)).toStrictEqual({
      message: 'Incorrect API key provided.',
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      param: null,
      requestId: 'req_1',
    });
  });

  it('keeps the request id when the body is not the envelope', async () => {
    const error = await handle(502, '<html>Bad gateway</html>', { 'x-request-id': 'req_2' });
    expect(error.message).toBe('Status Text (request id: req_2)');
    expect(error.isRetryable).toBe(true);
    expect(getOpenAIErrorData(error)).toStrictEqual({
      message: null,
      type: null,
      code: null,
      param: null,
      requestId: 'req_2',
    });
  });

  it('has no request id suffix without the header', async () => {
    const error = await handle(400, envelope);
    expect(error.message).toBe('Incorrect API key provided.');
    expect(getOpenAIErrorData(error)?.requestId).toBeNull();
  });

  it('honours x-should-retry both ways, and keeps the retry-after hints readable', async () => {
    const retryable400 = await handle(400, envelope, { 'x-should-retry': 'true' });
    expect(retryable400.isRetryable).toBe(true);
    expect(isRetryableError(retryable400)).toBe(true);

    const final500 = await handle(500, envelope, { 'x-should-retry': 'false', 'retry-after': '2' });
    expect(final500.isRetryable).toBe(false);
    expect(isRetryableError(final500)).toBe(false);
    expect(final500.responseHeaders?.['retry-after']).toBe('2');

    const limited = await handle(429, envelope, { 'retry-after-ms': '250' });
    expect(limited.isRetryable).toBe(true);
    expect(limited.responseHeaders?.['retry-after-ms']).toBe('250');
  });

  it('getOpenAIErrorData ignores other errors', () => {
    expect(getOpenAIErrorData(new Error('x'))).toBeUndefined();
  });
});
