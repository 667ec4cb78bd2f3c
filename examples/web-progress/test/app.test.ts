/**
 * The route's input checks, without a browser or the emulator (a refused request
 * never reaches a provider). Run from the repository root:
 * `npx vitest run examples/web-progress`.
 */
import { describe, expect, it } from 'vitest';
import { ASPECT_RATIOS, createWebProgressApp } from '../src/app.js';

const UNREACHABLE = 'http://127.0.0.1:9/never-called';
const { handle } = createWebProgressApp({
  baseURLs: { fal: UNREACHABLE, openai: UNREACHABLE, google: UNREACHABLE, openrouter: UNREACHABLE },
});

const generate = (body: unknown) =>
  handle(
    new Request('http://127.0.0.1/api/generate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

describe('web-progress POST /api/generate', () => {
  it('offers landscape and portrait', () => {
    expect(ASPECT_RATIOS).toStrictEqual(['16:9', '9:16']);
  });

  it('refuses an aspect ratio the page does not offer, before any provider is called', async () => {
    const response = await generate({ prompt: 'A kite', aspectRatio: 'square' });
    expect(response.status).toBe(400);
    expect(await response.json()).toStrictEqual({
      error: { name: 'BadRequest', message: '`aspectRatio` must be one of 16:9, 9:16.' },
    });
  });
});
