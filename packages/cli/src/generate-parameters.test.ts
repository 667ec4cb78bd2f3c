import { InvalidArgumentError } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { generateCommand, type CommandContext } from './commands';

const silent = { write: () => true } as unknown as CommandContext['stdout'];

function context() {
  const requests: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    requests.push(String(input));
    return new Response('{"detail":"not expected"}', { status: 500 });
  }) as typeof globalThis.fetch;
  return { requests, context: { stdout: silent, stderr: silent, env: { FAL_KEY: 'test-key' }, fetch } };
}

describe('generate: -n is bounded before anything is submitted', () => {
  it.each([1e6, 101])('refuses -n %d with an InvalidArgumentError and no request', async (n) => {
    const { requests, context: ctx } = context();
    const error = await generateCommand('a cat', { model: 'fal:fal-ai/veo3.1/fast', n, quiet: true }, ctx).catch(
      (caught: unknown) => caught,
    );
    expect(InvalidArgumentError.isInstance(error), String(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'n' });
    expect(requests).toStrictEqual([]);
  });
});
