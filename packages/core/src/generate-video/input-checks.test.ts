import { InvalidArgumentError } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { startVideo } from '../jobs/start-video';
import { streamVideo } from '../stream/stream-video';
import { createMockJobModel } from '../test';
import { generateVideo } from './generate-video';

// Issue 23 items 7 and 11: every one of these was submitted as a paid job.

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>');
const poll = { intervalMs: 1 };
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function expectRefused(
  run: (model: ReturnType<typeof createMockJobModel>) => Promise<unknown>,
  argument: string,
  model = createMockJobModel(),
): Promise<InvalidArgumentError> {
  let thrown: unknown;
  try {
    await run(model);
  } catch (error) {
    thrown = error;
  }
  expect(InvalidArgumentError.isInstance(thrown), String(thrown)).toBe(true);
  expect(thrown).toMatchObject({ argument });
  expect(model.startCalls).toHaveLength(0);
  return thrown as InvalidArgumentError;
}

describe('n has an upper bound', () => {
  it('refuses n: 1e9 and n: 1e6 before any job is submitted', async () => {
    for (const n of [1e9, 1e6, 101]) {
      const error = await expectRefused((model) => generateVideo({ model, prompt: 'a cat', n }), 'n');
      expect(error.message).toBe(
        `mock-provider model mock-model-id makes at most 100 videos per generateVideo call; got n = ${n}. Split larger batches into several calls.`,
      );
    }
    await expectRefused((model) => startVideo({ model, prompt: 'a cat', n: 1e6 }), 'n');
    await expectRefused((model) => streamVideo({ model, prompt: 'a cat', n: 1e9 }).result, 'n');
  });

  it("uses the model's own maximum where it states one", async () => {
    await expectRefused(
      (model) => generateVideo({ model, prompt: 'a cat', n: 3 }),
      'n',
      createMockJobModel({ capabilities: { maxVideos: 2 } }),
    );
    const model = createMockJobModel({ maxVideosPerCall: 200, capabilities: { maxVideos: 200 } });
    await expect(generateVideo({ model, prompt: 'a cat', n: 150, poll })).resolves.toBeDefined();
    expect(model.startCalls.map((call) => call.n)).toStrictEqual([150]);
  });
});

describe('inputs are checked by content, scheme and length before paying', () => {
  it('refuses a PDF labelled image/png', async () => {
    const error = await expectRefused(
      (model) => generateVideo({ model, prompt: 'a cat', image: { type: 'file', mediaType: 'image/png', data: PDF } }),
      'image',
    );
    expect(error.message).toMatch(/its bytes are application\/pdf/);
    await expectRefused((model) => generateVideo({ model, prompt: { text: 'a cat', image: PDF } }), 'image');
    await expectRefused(
      (model) => generateVideo({ model, prompt: 'a cat', image: `data:image/png;base64,${base64(PDF)}` }),
      'image',
    );
    await expectRefused(
      (model) => generateVideo({ model, prompt: 'a cat', inputReferences: [{ data: PDF, mediaType: 'image/png' }] }),
      'inputReferences',
    );
    await expectRefused(
      (model) => generateVideo({ model, prompt: 'a cat', frameImages: [{ image: PDF, frameType: 'last_frame' }] }),
      'frameImages',
    );
  });

  it('refuses a text/plain data URL as an image', async () => {
    const error = await expectRefused(
      (model) =>
        generateVideo({
          model,
          prompt: 'a cat',
          image: `data:text/plain;base64,${base64(new Uint8Array([104, 105]))}`,
        }),
      'image',
    );
    expect(error.message).toMatch(/text\/plain/);
    await expectRefused(
      (model) => generateVideo({ model, prompt: 'a cat', image: { type: 'url', url: 'data:text/plain,hi' } }),
      'image',
    );
  });

  it('refuses an ftp:// URL (and any scheme but http, https and data)', async () => {
    for (const image of [
      new URL('ftp://files.example/cat.png'),
      { type: 'url' as const, url: 'ftp://files.example/cat.png' },
      { type: 'url' as const, url: 'file:///etc/passwd' },
      'ftp://files.example/cat.png',
    ]) {
      const error = await expectRefused((model) => generateVideo({ model, prompt: 'a cat', image }), 'image');
      expect(error.message).not.toMatch(/Not implemented/);
    }
  });

  it('refuses a 5 MB prompt, and one longer than the model takes', async () => {
    const prompt = 'a cat '.repeat((5 * 1024 * 1024) / 6);
    const error = await expectRefused((model) => generateVideo({ model, prompt }), 'prompt');
    expect(error.message).toMatch(/at most 100000 characters/);
    await expectRefused(
      (model) => generateVideo({ model, prompt: 'a cat on a skateboard' }),
      'prompt',
      createMockJobModel({ capabilities: { maxPromptLength: 10 } }),
    );
  });

  it('refuses an empty prompt where there is nothing else to go on, or the model needs one', async () => {
    await expectRefused((model) => generateVideo({ model, prompt: '' }), 'prompt');
    await expectRefused((model) => generateVideo({ model, prompt: '   ' }), 'prompt');
    await expectRefused((model) => generateVideo({ model, prompt: { text: '' } }), 'prompt');
    await expectRefused((model) => startVideo({ model, prompt: '' }), 'prompt');
    await expectRefused(
      (model) => generateVideo({ model, prompt: { text: ' ', image: PNG } }),
      'prompt',
      createMockJobModel({ capabilities: { requiresPrompt: true } }),
    );
  });

  it('passes good inputs on, a blank prompt beside an image as no prompt', async () => {
    const model = createMockJobModel();
    await generateVideo({ model, prompt: { text: ' ', image: `data:image/png;base64,${base64(PNG)}` }, poll });
    expect(model.startCalls[0].prompt).toBeUndefined();
    expect(model.startCalls[0].image).toStrictEqual({ type: 'file', mediaType: 'image/png', data: PNG });
  });

  it('checks image formats and URL schemes the model states', async () => {
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
    await expectRefused(
      (model) => generateVideo({ model, prompt: 'a cat', image: gif }),
      'image',
      createMockJobModel({ capabilities: { imageMediaTypes: ['image/png', 'image/jpeg'] } }),
    );
    const model = createMockJobModel({ capabilities: { inputUrlSchemes: ['https', 'gs'] } });
    await generateVideo({ model, prompt: 'a cat', image: new URL('gs://bucket/cat.png'), poll });
    expect(model.startCalls[0].image).toStrictEqual({ type: 'url', url: 'gs://bucket/cat.png' });
  });
});
