import { getRetryAfterMs, retryRequest } from '@videogen/provider-utils';
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

  describe('RetryInfo', () => {
    const quotaBody = (retryDelay: unknown) => ({
      error: {
        code: 429,
        message: 'Quota exceeded for metric: generativelanguage.googleapis.com/generate_requests_per_model.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'm' }] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
        ],
      },
    });

    it('turns retryDelay into a retry-after-ms header the retry policy reads', async () => {
      const body = quotaBody('7s');
      const error = await handle(
        new Response(JSON.stringify(body), { status: 429, headers: { 'content-type': 'application/json' } }),
      );
      expect(error.responseHeaders).toStrictEqual({ 'content-type': 'application/json', 'retry-after-ms': '7000' });
      expect(error).toMatchObject({
        statusCode: 429,
        isRetryable: true,
        message: `RESOURCE_EXHAUSTED: ${body.error.message}`,
        data: body,
        responseBody: JSON.stringify(body),
        url: 'https://generativelanguage.googleapis.com/v1beta/models/m:predictLongRunning',
      });
      expect(getRetryAfterMs(error.responseHeaders)).toBe(7000);

      const delays: number[] = [];
      let attempts = 0;
      await expect(
        retryRequest(
          async () => {
            if (attempts++ === 0) throw error;
            return 'ok';
          },
          { sleep: async (ms) => void delays.push(ms) },
        ),
      ).resolves.toBe('ok');
      expect(delays).toStrictEqual([7000]);
    });

    it('reads fractional and object durations', async () => {
      const fractional = await handle(new Response(JSON.stringify(quotaBody('0.250s')), { status: 429 }));
      expect(fractional.responseHeaders?.['retry-after-ms']).toBe('250');
      const object = await handle(
        new Response(JSON.stringify(quotaBody({ seconds: '2', nanos: 500_000_000 })), { status: 429 }),
      );
      expect(object.responseHeaders?.['retry-after-ms']).toBe('2500');
    });

    it('keeps a retry header the server sent, and adds nothing without RetryInfo', async () => {
      const withHeader = await handle(
        new Response(JSON.stringify(quotaBody('7s')), {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '3' },
        }),
      );
      expect(withHeader.responseHeaders).toStrictEqual({ 'content-type': 'application/json', 'retry-after': '3' });
      expect(getRetryAfterMs(withHeader.responseHeaders)).toBe(3000);

      const withoutInfo = await handle(
        new Response(
          JSON.stringify({ error: { code: 429, message: 'Quota exceeded.', status: 'RESOURCE_EXHAUSTED' } }),
          {
            status: 429,
          },
        ),
      );
      expect(withoutInfo.responseHeaders?.['retry-after-ms']).toBeUndefined();

      const unreadable = await handle(new Response(JSON.stringify(quotaBody('soon')), { status: 429 }));
      expect(unreadable.responseHeaders?.['retry-after-ms']).toBeUndefined();
    });
  });
});
