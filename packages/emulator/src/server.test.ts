import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from './emulator';
import { readMp4Boxes } from './mp4-boxes';
import { startEmulator, type EmulatorServer } from './server';
import { parsePromptMagic } from './util';

describe('loopback server', () => {
  let server: EmulatorServer;
  beforeAll(async () => {
    server = await startEmulator({ jobDurationMs: 120, queueMs: 20, progressSteps: 3 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('mounts every API on one port under a prefix, with other-origin storage/media hosts', () => {
    const port = server.port;
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    expect(server.baseURLs).toStrictEqual({
      openai: `http://127.0.0.1:${port}/openai/v1`,
      google: `http://127.0.0.1:${port}/google/v1beta`,
      fal: `http://127.0.0.1:${port}/fal`,
      falMedia: `http://localhost:${port}/fal-media`,
      openrouter: `http://127.0.0.1:${port}/openrouter/api/v1`,
      googleStorage: `http://localhost:${port}/google-storage`,
      falJwks: `http://127.0.0.1:${port}/fal-rest/.well-known/jwks.json`,
      alibaba: `http://127.0.0.1:${port}/alibaba`,
      alibabaStorage: `http://localhost:${port}/alibaba-storage`,
      minimax: `http://127.0.0.1:${port}/minimax`,
      minimaxStorage: `http://localhost:${port}/minimax-cdn`,
      bytedance: `http://127.0.0.1:${port}/bytedance/api/v3`,
      bytedanceMedia: `http://localhost:${port}/bytedance-media`,
      runway: `http://127.0.0.1:${port}/runway`,
      runwayMedia: `http://localhost:${port}/runway-media`,
      kling: `http://127.0.0.1:${port}/kling`,
      klingCdn: `http://localhost:${port}/kling-cdn`,
      xai: `http://127.0.0.1:${port}/xai/v1`,
      xaiMedia: `http://localhost:${port}/xai-media`,
      luma: `http://127.0.0.1:${port}/luma/dream-machine/v1`,
      lumaStorage: `http://localhost:${port}/luma-cdn`,
      replicate: `http://127.0.0.1:${port}/replicate/v1`,
      replicateDelivery: `http://localhost:${port}/replicate-delivery`,
    });
  });

  it('runs a fal job over HTTP: absolute owner/app URLs, 202 then 200, media on the other origin', async () => {
    const headers = { authorization: 'Key k', 'content-type': 'application/json' };
    const submitted = await (
      await fetch(`${server.baseURLs.fal}/fal-ai/veo3.1/image-to-video`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ prompt: 'x', image_url: 'https://e/x.png', aspect_ratio: '9:16' }),
      })
    ).json();
    expect(submitted.status_url).toBe(`${server.baseURLs.fal}/fal-ai/veo3.1/requests/${submitted.request_id}/status`);
    expect((await fetch(submitted.status_url, { headers })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await fetch(submitted.status_url, { headers })).status).toBe(200);
    const result = await (await fetch(submitted.response_url, { headers })).json();
    expect(new URL(result.video.url).origin).toBe(new URL(server.baseURLs.falMedia).origin);
    const file = await fetch(result.video.url);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes.length).toBe(result.video.file_size);
    expect(readMp4Boxes(bytes).map((box) => box.type)).toContain('moov');
  });

  it('streams fal SSE over HTTP and stops when the client goes away', async () => {
    const headers = { authorization: 'Key k', 'content-type': 'application/json' };
    server.emulator.jobs.next({ outcome: 'stuck' }, { api: 'fal' });
    const submitted = await (
      await fetch(`${server.baseURLs.fal}/fal-ai/veo3`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ prompt: 'x' }),
      })
    ).json();
    const controller = new AbortController();
    const response = await fetch(`${submitted.status_url}/stream`, { headers, signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('IN_PROGRESS')) text += (await reader.read()).value ?? '';
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
  });

  it('Gemini: download redirects from 127.0.0.1 to localhost; the key must not follow', async () => {
    const key = { 'x-goog-api-key': 'AIza-local' };
    const { name } = await (
      await fetch(`${server.baseURLs.google}/models/veo-3.1-generate-preview:predictLongRunning`, {
        method: 'POST',
        headers: { ...key, 'content-type': 'application/json' },
        body: JSON.stringify({ instances: [{ prompt: 'x' }] }),
      })
    ).json();
    server.emulator.jobs.complete(name);
    const operation = await (await fetch(`${server.baseURLs.google}/${name}`, { headers: key })).json();
    const uri: string = operation.response.generateVideoResponse.generatedSamples[0].video.uri;
    expect(uri.startsWith(server.baseURLs.google)).toBe(true);
    const redirect = await fetch(uri, { headers: key, redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location')!;
    expect(new URL(location).origin).not.toBe(new URL(uri).origin);
    server.emulator.clearRequests();
    const file = await fetch(location);
    expect(file.status).toBe(200);
    expect(server.emulator.requests).toMatchObject([{ route: 'storage', credentialLeak: false }]);
  });

  it('OpenRouter: polling_url is root-relative and includes the prefix', async () => {
    const response = await fetch(`${server.baseURLs.openrouter}/videos`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'google/veo-3.1', prompt: 'x' }),
    });
    expect(response.status).toBe(202);
    const job = await response.json();
    expect(job.polling_url).toBe(`/openrouter/api/v1/videos/${job.id}`);
    const poll = await fetch(new URL(job.polling_url, server.url), { headers: { authorization: 'Bearer k' } });
    expect((await poll.json()).id).toBe(job.id);
  });

  it('streams request bodies (multipart) through the node adapter', async () => {
    const form = new FormData();
    form.set('prompt', 'multipart over http');
    form.set('input_reference', new Blob([new Uint8Array(200_000)], { type: 'image/png' }), 'big.png');
    const response = await fetch(`${server.baseURLs.openai}/videos`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: form,
    });
    expect(response.status).toBe(200);
    expect(server.emulator.jobs.get((await response.json()).id)?.request).toMatchObject({
      input_reference: { file: true, name: 'big.png', type: 'image/png', size: 200_000 },
    });
  });

  it('404s paths outside every mount', async () => {
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
  });
});

describe('MSW mode', () => {
  const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
  const mswServer = setupServer(...emulator.mswHandlers());
  beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => {
    mswServer.close();
    emulator.close();
  });

  it('serves the real base URLs, including the Gemini storage host and fal media host', async () => {
    const key = { 'x-goog-api-key': 'k' };
    const { name } = await (
      await fetch(
        'https://generativelanguage.googleapis.com/v1beta/models/veo-3.1-generate-preview:predictLongRunning',
        {
          method: 'POST',
          headers: { ...key, 'content-type': 'application/json' },
          body: JSON.stringify({ instances: [{ prompt: 'x' }] }),
        },
      )
    ).json();
    emulator.jobs.complete(name);
    const operation = await (
      await fetch(`https://generativelanguage.googleapis.com/v1beta/${name}`, { headers: key })
    ).json();
    const redirect = await fetch(operation.response.generateVideoResponse.generatedSamples[0].video.uri, {
      headers: key,
      redirect: 'manual',
    });
    const file = await fetch(redirect.headers.get('location')!);
    expect(readMp4Boxes(new Uint8Array(await file.arrayBuffer()))[0].type).toBe('ftyp');

    const models = await fetch('https://openrouter.ai/api/v1/videos/models');
    expect((await models.json()).data.length).toBeGreaterThan(3);
    const jwks = await fetch('https://rest.alpha.fal.ai/.well-known/jwks.json');
    expect((await jwks.json()).keys).toHaveLength(1);
  });

  it('turns a dropped connection into a network error', async () => {
    emulator.injectFault({ api: 'openai', fault: { type: 'drop-connection' }, times: 1 });
    await expect(fetch('https://api.openai.com/v1/videos', { headers: { authorization: 'Bearer k' } })).rejects.toThrow(
      TypeError,
    );
    expect((await fetch('https://api.openai.com/v1/videos', { headers: { authorization: 'Bearer k' } })).status).toBe(
      200,
    );
  });
});

describe('determinism and prompt magic', () => {
  it('gives the same status sequence for the same clock readings', async () => {
    const sequence = async () => {
      let time = 0;
      const emulator = createEmulator({ now: () => time, jobDurationMs: 1000, queueMs: 200, progressSteps: 5 });
      await emulator.handle(
        new Request('https://api.openai.com/v1/videos', {
          method: 'POST',
          headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
          body: JSON.stringify({ prompt: 'x' }),
        }),
      );
      const id = emulator.jobs.list()[0].id;
      const seen: string[] = [];
      for (time = 0; time <= 1100; time += 100) {
        const info = emulator.jobs.get(id)!;
        seen.push(`${info.status}:${info.progress}`);
      }
      return seen;
    };
    const first = await sequence();
    expect(first).toEqual([
      'queued:0', // t=0
      'queued:0', // t=100
      'in_progress:0', // t=200: queue over, 5 steps of 160 ms
      'in_progress:0',
      'in_progress:20',
      'in_progress:20',
      'in_progress:40',
      'in_progress:60',
      'in_progress:60',
      'in_progress:80',
      'completed:100', // t=1000
      'completed:100',
    ]);
    expect(await sequence()).toEqual(first);
  });

  it('parses prompt magic', () => {
    expect(
      parsePromptMagic(
        'a cat [emulator:fail] [emulator:duration=3000] [emulator:bytes=1073741824] [emulator:steps=10] [emulator:queue=0]',
      ),
    ).toEqual({
      outcome: 'failed',
      durationMs: 3000,
      videoBytes: 1073741824,
      progressSteps: 10,
      queueMs: 0,
    });
    expect(parsePromptMagic('[emulator:stuck]').outcome).toBe('stuck');
    expect(parsePromptMagic('[emulator:filtered]').outcome).toBe('filtered');
    expect(parsePromptMagic('plain prompt')).toEqual({});
  });
});

const builtBin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

// The root `npm test` builds the packages first; in a bare `vitest run` without a build this is skipped.
describe.skipIf(!existsSync(builtBin))('bin (dist/bin.js)', () => {
  it('prints the base URLs and stays up until SIGTERM', async () => {
    const child = spawn(process.execPath, [builtBin, '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!output.includes('\n') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    try {
      expect(errors).toBe('');
      const info = JSON.parse(output.split('\n')[0]);
      expect(info.baseURLs.openai).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openai\/v1$/);
      expect(info.webhookSecrets.openai).toMatch(/^whsec_/);
      const models = await fetch(`${info.baseURLs.openrouter}/videos/models`);
      expect(models.status).toBe(200);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.on('exit', resolve)));
    }
  }, 20_000);
});
