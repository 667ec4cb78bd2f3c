import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, EXIT_CODES } from './errors';
import { getJobId } from './format';
import { readJobFile } from './job-file';
import { fitLine, ProgressReporter } from './progress';
import { getProvider, loadKey, parseModelSpec, PROVIDERS } from './providers';

const job = (operation: unknown) => ({
  specificationVersion: 'v3' as const,
  provider: 'x.video',
  modelId: 'm',
  operation: operation as never,
});

describe('model spec', () => {
  it('splits at the first colon; a bare provider means its default model', () => {
    expect(parseModelSpec('fal:fal-ai/veo3.1/fast')).toMatchObject({
      provider: { name: 'fal' },
      modelId: 'fal-ai/veo3.1/fast',
    });
    expect(parseModelSpec('openrouter:google/veo-3.1')).toMatchObject({
      provider: { name: 'openrouter' },
      modelId: 'google/veo-3.1',
    });
    expect(parseModelSpec('openai')).toMatchObject({ provider: { name: 'openai' }, modelId: 'sora-2' });
    expect(parseModelSpec('gemini:veo-3.1-generate-preview').provider.name).toBe('google');
    expect(getProvider('fal.video').name).toBe('fal');
    expect(() => parseModelSpec('pika:gen-1')).toThrow(
      /Unknown provider "pika". Use one of: fal, google, openai, openrouter/,
    );
  });

  it('keys: the first variable set wins; a missing key names every variable', () => {
    expect(loadKey(PROVIDERS.google, { GOOGLE_API_KEY: 'b', GEMINI_API_KEY: 'a' })).toBe('a');
    expect(() => loadKey(PROVIDERS.google, { GEMINI_API_KEY: '  ' })).toThrow(
      'Missing API key for Google (Gemini API): set GEMINI_API_KEY, GOOGLE_GENERATIVE_AI_API_KEY or GOOGLE_API_KEY (or add --emulate to use the local emulator).',
    );
    try {
      loadKey(PROVIDERS.openai, {});
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(EXIT_CODES.missingKey);
    }
  });

  it('checks model ids where the provider has a closed list', async () => {
    await expect(PROVIDERS.openai.checkModel('gpt-4o', { apiKey: 'k', baseURL: undefined })).rejects.toThrow(
      /Unknown model "gpt-4o" for openai/,
    );
    await expect(
      PROVIDERS.openai.checkModel('sora-2-pro', { apiKey: 'k', baseURL: undefined }),
    ).resolves.toBeUndefined();
    await expect(PROVIDERS.fal.checkModel('not an endpoint', { apiKey: 'k', baseURL: undefined })).rejects.toThrow(
      /owner\/app/,
    );
    await expect(
      PROVIDERS.fal.checkModel('acme/new-model/v2', { apiKey: 'k', baseURL: undefined }),
    ).resolves.toBeUndefined();
  });
});

describe('job ids', () => {
  it('reads each provider operation', () => {
    expect(getJobId(job({ videoId: 'video_1' }))).toBe('video_1');
    expect(getJobId(job({ name: 'models/veo/operations/abc' }))).toBe('abc');
    expect(getJobId(job({ requestId: 'r-1', endpointId: 'fal-ai/x' }))).toBe('r-1');
    expect(getJobId(job({ id: 'gen-vid-1' }))).toBe('gen-vid-1');
  });
});

describe('job files', () => {
  it('reads the JSON printed by --json, also as the first line of a log', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'videogen-cli-'));
    const file = join(dir, 'job.json');
    const value = job({ videoId: 'video_1' });
    await writeFile(file, `${JSON.stringify(value)}\nsomething else\n`);
    expect(await readJobFile(file, undefined)).toStrictEqual(value);
    await writeFile(file, 'not json');
    await expect(readJobFile(file, undefined)).rejects.toThrow(/holds no videogen job/);
    await expect(readJobFile(join(dir, 'missing.json'), undefined)).rejects.toThrow(/no such file/);
    const stdin = (async function* () {
      yield Buffer.from(JSON.stringify({ job: value }));
    })();
    expect(await readJobFile('-', stdin)).toStrictEqual(value);
  });
});

describe('progress (not a terminal)', () => {
  it('prints one line per change: job, status, provider progress, queue position, download bytes', () => {
    let text = '';
    const reporter = new ProgressReporter({ write: (chunk: string) => (text += chunk) }, 'fal:x');
    const created = job({ requestId: 'r-1' });
    reporter.onEvent({ type: 'job-created', callIndex: 0, job: created });
    reporter.onEvent({ type: 'status', callIndex: 0, status: 'pending', providerStatus: 'IN_QUEUE', queuePosition: 3 });
    reporter.onEvent({ type: 'status', callIndex: 0, status: 'pending', providerStatus: 'IN_QUEUE', queuePosition: 3 });
    reporter.onEvent({ type: 'status', callIndex: 0, status: 'pending', providerStatus: 'in_progress', progress: 40 });
    reporter.onEvent({ type: 'completed', callIndex: 0, videos: [{ index: 0, mediaType: 'video/mp4' }] });
    reporter.onEvent({ type: 'download-progress', callIndex: 0, videoIndex: 0, bytes: 500_000, totalBytes: 2_000_000 });
    reporter.onEvent({
      type: 'download-progress',
      callIndex: 0,
      videoIndex: 0,
      bytes: 2_000_000,
      totalBytes: 2_000_000,
    });
    reporter.saved(2_000_000);
    expect(text.split('\n')).toStrictEqual([
      'fal:x: submitting',
      'fal:x: job r-1 created',
      'fal:x: IN_QUEUE queue position 3',
      'fal:x: in_progress 40%',
      'fal:x: completed at the provider, downloading',
      'fal:x: downloaded 500 KB / 2.0 MB',
      'fal:x: downloaded 2.0 MB / 2.0 MB',
      '',
    ]);
    expect(reporter.render()).toMatch(/^fal:x r-1 \[█{24}\] saved 2\.0 MB in /);
  });
});

describe('fitLine', () => {
  const line = {
    label: 'fal:fal-ai/veo3.1/fast [1/3]',
    jobId: 'a462ae85-1003-486e-bdcf-91919b8a2124',
    percent: 50,
    state: 'IN_PROGRESS 50% 12.3s',
  };

  it('keeps everything on a wide terminal', () => {
    expect(fitLine({ ...line, width: 219 })).toBe(
      `fal:fal-ai/veo3.1/fast [1/3] a462ae85-1003-486e-bdcf-91919b8a2124 [${'█'.repeat(12)}${'░'.repeat(12)}] IN_PROGRESS 50% 12.3s`,
    );
  });

  it('shortens the job id, then the bar, then drops the id, so that the state stays whole', () => {
    expect(fitLine({ ...line, width: 90 })).toBe(
      `fal:fal-ai/veo3.1/fast [1/3] a462ae85… [${'█'.repeat(12)}${'░'.repeat(12)}] IN_PROGRESS 50% 12.3s`,
    );
    expect(fitLine({ ...line, width: 79 })).toBe(
      `fal:fal-ai/veo3.1/fast [1/3] a462ae85… [█████░░░░░] IN_PROGRESS 50% 12.3s`,
    );
    expect(fitLine({ ...line, width: 63 })).toBe('fal:fal-ai/veo3.1/fast [1/3] [█████░░░░░] IN_PROGRESS 50% 12.3s');
  });

  it('shortens the label last, and never exceeds the width', () => {
    expect(fitLine({ ...line, width: 45 })).toBe('fal:fal-a… [█████░░░░░] IN_PROGRESS 50% 12.3s');
    for (let width = 1; width < 120; width++) {
      expect(fitLine({ ...line, width }).length).toBeLessThanOrEqual(width);
    }
  });
});
