import { randomUUID } from 'node:crypto';
import { generateVideo } from '@videogen/core';
import { describe, expect, it, vi } from 'vitest';
import { download, poll, PROVIDER_CASES, useEmulator } from './helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

// `usage.videoSeconds` is what the provider reports (OpenAI's `seconds`), else the rendered MP4's own
// duration: the emulator's clips have the requested length, so the two must agree with the request.
describe.each(PROVIDER_CASES)('$api: usage of a generation', (providerCase) => {
  const emulator = useEmulator();

  it('reports the seconds of the rendered video', async () => {
    const duration = providerCase.api === 'google' ? 6 : providerCase.api === 'openai' ? 8 : undefined;
    const prompt = `A paper boat ${randomUUID()}`;
    const result = await generateVideo({
      model: providerCase.model(emulator.server),
      prompt,
      ...(duration !== undefined ? { duration } : {}),
      download,
      poll,
    });
    const [job] = emulator.server.emulator.jobs
      .list({ api: providerCase.api })
      .filter((entry) => entry.prompt === prompt);
    expect(job?.seconds).toBeGreaterThan(0);
    expect(result.usage?.videoSeconds).toBe(job?.seconds);
    if (duration !== undefined) expect(result.usage?.videoSeconds).toBe(duration);
  });
});
