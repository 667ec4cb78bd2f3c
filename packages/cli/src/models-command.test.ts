import type { VideoModelCatalogEntry } from '@videogen/core';
import { describe, expect, it, vi } from 'vitest';
import type { CommandContext } from './commands';
import { modelsCommand, renderVideoModelTable, toCatalogProvider } from './models-command';
import { getProvider } from './providers';

function capture() {
  let stdout = '';
  let stderr = '';
  const context: CommandContext = {
    stdout: {
      write: (text: string) => {
        stdout += text;
        return true;
      },
    } as never,
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
    } as never,
    env: {},
    fetch: async () => {
      throw new Error('no network in this test');
    },
  };
  return { context, stdout: () => stdout, stderr: () => stderr };
}

describe('videogen models', () => {
  it('prints a provider’s catalog as JSON entries (id, provider, capabilities, source)', async () => {
    const { context, stdout, stderr } = capture();
    const models = await modelsCommand('fal', { json: true }, context);
    const printed = JSON.parse(stdout()) as VideoModelCatalogEntry[];
    expect(printed).toStrictEqual(JSON.parse(JSON.stringify(models)));
    expect(printed.length).toBeGreaterThan(0);
    expect(printed[0]).toMatchObject({ providerName: 'fal', provider: 'fal.video', source: 'static' });
    expect(printed[0].id).toBe(`fal:${printed[0].modelId}`);
    expect(printed.find((model) => model.modelId === 'fal-ai/veo3.1/fast')?.capabilities.durations).toBeDefined();
    expect(stderr()).toBe('');
  });

  it('prints a table with capability and price columns', async () => {
    const table = renderVideoModelTable([
      {
        id: 'openrouter:google/veo-3.1',
        providerName: 'openrouter',
        modelId: 'google/veo-3.1',
        provider: 'openrouter.video',
        capabilities: {
          durations: [4, 6, 8],
          resolutions: ['1280x720', '720x1280', '1920x1080'],
          aspectRatios: ['16:9', '9:16'],
          fps: [24],
          imageRoles: ['first_frame', 'last_frame'],
          audio: true,
          maxVideosPerCall: 1,
          sourceVideo: [{ operation: 'extend', origins: ['job'] }],
        },
        pricing: { perSecond: 0.4 },
        source: 'live',
      },
      {
        id: 'luma:ray-2',
        providerName: 'luma',
        modelId: 'ray-2',
        provider: 'luma.video',
        capabilities: { durations: { min: 5, max: 9 } },
        source: 'static',
      },
    ]);
    expect(table.split('\n')).toStrictEqual([
      'MODEL                      DURATIONS  RESOLUTIONS  ASPECT RATIOS  FPS  IMAGES                  AUDIO  SOURCE VIDEO  MAX N  PRICE',
      'openrouter:google/veo-3.1  4,6,8s     720p,1080p   16:9,9:16      24   first_frame,last_frame  yes    extend        1      $0.4/s',
      'luma:ray-2                 5-9s       any          any            ?    -                       ?      -             ?      -',
      '',
    ]);
  });

  it("uses a provider package's own listVideoModels (live list, prices) where it has one, passing --refresh", async () => {
    const listVideoModels = vi.fn(async () => [
      {
        modelId: 'sora-2',
        provider: 'openai.video',
        capabilities: {},
        pricing: { perSecond: 0.1 },
        source: 'live' as const,
      },
    ]);
    const entry = getProvider('openai');
    const provider = toCatalogProvider(entry, { apiKey: undefined, baseURL: undefined }, () => ({
      videoModel: () => undefined,
      listVideoModels,
    }));
    expect(await provider.listVideoModels?.({ refresh: true })).toMatchObject([{ pricing: { perSecond: 0.1 } }]);
    expect(listVideoModels).toHaveBeenCalledWith({ refresh: true });
    // Without it, the CLI's table of the package's models.
    const fallback = toCatalogProvider(entry, { apiKey: undefined, baseURL: undefined }, () => ({}));
    expect((await fallback.listVideoModels?.())?.map((model) => model.modelId)).toContain('sora-2');
  });

  it('warns about a provider that cannot list and fails when none can', async () => {
    const { context, stderr } = capture();
    // OpenRouter's list is live: without network it fails (a warning, then an error since nothing is left).
    await expect(modelsCommand('openrouter', {}, context)).rejects.toThrow('Provider "openrouter" could not list');
    expect(stderr()).toContain('warning: Provider "openrouter" could not list its models');
  });
});

describe('videogen models --emulate', () => {
  it('lists every provider against one emulator, OpenRouter from its live list', async () => {
    const { context, stdout, stderr } = capture();
    const { fetch: _fetch, ...withoutFetch } = context;
    const models = await modelsCommand(undefined, { emulate: true, json: true }, withoutFetch);
    expect(stderr()).toBe('');
    const providers = new Set(models.map((model) => model.providerName));
    expect(providers.size).toBe(12);
    expect(models.filter((model) => model.providerName === 'openrouter').length).toBeGreaterThan(0);
    expect(JSON.parse(stdout())).toHaveLength(models.length);
  });
});
