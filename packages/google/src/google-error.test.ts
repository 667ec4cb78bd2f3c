import { describe, expect, it } from 'vitest';
import { googleFailedResponseHandler } from './google-error';

async function handle(response: Response) {
  const { value } = await googleFailedResponseHandler({
    url: 'https://generativelanguage.googleapis.com/v1beta/models/m:predictLongRunning',
    requestBodyValues: {},
    response,
  });
  return value;
}

describe('googleFailedResponseHandler', () => {
  it("keeps Google's message, status and details", async () => {
    const body = {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
      },
    };
    const error = await handle(new Response(JSON.stringify(body), { status: 400 }));
    expect(error.message).toBe('INVALID_ARGUMENT: API key not valid. Please pass a valid API key.');
    expect(error.statusCode).toBe(400);
    expect(error.data).toStrictEqual(body);
    expect(error.isRetryable).toBe(false);
  });

  it('marks 503 retryable and falls back to the raw body when it is not Google JSON', async () => {
    const error = await handle(new Response('upstream connect error', { status: 503 }));
    expect(error.statusCode).toBe(503);
    expect(error.isRetryable).toBe(true);
    expect(error.responseBody).toBe('upstream connect error');
  });
});
