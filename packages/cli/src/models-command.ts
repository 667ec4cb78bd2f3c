import { listVideoModels, type VideoCatalogProvider, type VideoModelCatalogEntry } from '@videogen/core';
import type { VideoModelV3Capabilities } from '@videogen/provider-spec';
import { getResolutionShortSide } from '@videogen/provider-utils';
import type { CommandContext } from './commands';
import { CliError, EXIT_CODES } from './errors';
import { getProvider, PROVIDER_NAMES, type ProviderConnection, type ProviderEntry } from './providers';
import { connectEmulator } from './emulate';
import { openTarget, type Target, type TargetOptions } from './target';

/**
 * The provider as the catalog sees it: its package's `listVideoModels` where
 * it has one; otherwise the CLI's own table of the package's models (so that
 * `videogen models` lists every provider, with `source: 'static'`).
 */
export function toCatalogProvider(
  entry: ProviderEntry,
  connection: ProviderConnection,
  createProvider: (connection: ProviderConnection) => unknown = (value) => entry.createProvider(value),
): VideoCatalogProvider {
  const provider = createProvider(connection) as Partial<VideoCatalogProvider> | undefined;
  if (typeof provider?.listVideoModels === 'function') return provider as VideoCatalogProvider;
  return {
    videoModel: (modelId) => entry.createModel(modelId, connection),
    listVideoModels: async (options) =>
      (await entry.listModels(connection, { abortSignal: options?.abortSignal })).map((listing) => ({
        modelId: listing.modelId,
        provider: entry.providerId,
        ...(listing.name !== undefined ? { name: listing.name } : {}),
        capabilities: listing.capabilities,
        source: 'static' as const,
      })),
  };
}

/**
 * `videogen models [provider] [--json] [--refresh]`: core's `listVideoModels`
 * over the CLI's providers, as a table (capabilities and prices where the API
 * publishes them) or as JSON (the catalog entries). A provider that cannot
 * list is a warning on stderr; none at all is an error.
 */
export async function modelsCommand(
  providerName: string | undefined,
  options: TargetOptions & { json?: boolean; refresh?: boolean },
  context: CommandContext,
): Promise<VideoModelCatalogEntry[]> {
  const entries = providerName ? [getProvider(providerName)] : PROVIDER_NAMES.map((name) => getProvider(name));
  // One emulator for every provider of the command (`--emulate` without a URL would start one each).
  const emulator =
    options.emulate === true && context.emulator === undefined ? await connectEmulator(true, undefined) : undefined;
  const targetContext = { ...context, ...(emulator?.server ? { emulator: emulator.server } : {}), requireKey: false };
  const targets: Target[] = [];
  try {
    for (const entry of entries) targets.push(await openTarget(entry, options, targetContext));
    const providers = Object.fromEntries(
      entries.map((entry, index) => [entry.name, toCatalogProvider(entry, targets[index].connection)]),
    );
    const { models, warnings } = await listVideoModels({
      providers,
      ...(options.refresh ? { refresh: true } : {}),
      ...(context.signal ? { abortSignal: context.signal } : {}),
    });
    context.stdout.write(options.json ? `${JSON.stringify(models, null, 2)}\n` : renderVideoModelTable(models));
    for (const warning of warnings) {
      context.stderr.write(`warning: ${warning.type === 'other' ? warning.message : warning.feature}\n`);
    }
    if (models.length === 0 && warnings.length > 0) {
      throw new CliError(
        warnings.map((warning) => (warning.type === 'other' ? warning.message : warning.feature)).join('; '),
        EXIT_CODES.error,
      );
    }
    return models;
  } finally {
    await Promise.all(targets.map((target) => target.close()));
    await emulator?.close();
  }
}

/** The catalog as a text table: one row per model, the full lists are in `--json`. */
export function renderVideoModelTable(models: VideoModelCatalogEntry[]): string {
  const header = [
    'MODEL',
    'DURATIONS',
    'RESOLUTIONS',
    'ASPECT RATIOS',
    'FPS',
    'IMAGES',
    'AUDIO',
    'SOURCE VIDEO',
    'MAX N',
    'PRICE',
  ];
  const rows = models.map((model) => {
    const c: VideoModelV3Capabilities = model.capabilities;
    return [
      model.id,
      formatDurations(c.durations),
      summarizeResolutions(c.resolutions),
      c.aspectRatios?.join(',') ?? 'any',
      c.fps?.join(',') ?? '?',
      c.imageRoles?.length ? c.imageRoles.join(',') : '-',
      c.audio === undefined ? '?' : c.audio ? 'yes' : 'no',
      c.sourceVideo?.length ? c.sourceVideo.map((operation) => operation.operation).join(',') : '-',
      String(c.maxVideosPerCall ?? '?'),
      formatPrice(model.pricing),
    ];
  });
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  return `${all
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

function formatDurations(durations: VideoModelV3Capabilities['durations']): string {
  if (Array.isArray(durations)) return `${durations.join(',')}s`;
  if (durations) return `${durations.min}-${durations.max}s`;
  return 'any';
}

/** `$0.10/s`, `$0.50/video`, `EUR 0.10/s`; `-` where the API publishes no price. */
function formatPrice(pricing: VideoModelCatalogEntry['pricing']): string {
  if (!pricing) return '-';
  const currency = pricing.currency ?? 'USD';
  const amount = (value: number) => (currency === 'USD' ? `$${value}` : `${currency} ${value}`);
  const parts: string[] = [];
  if (pricing.perSecond !== undefined) parts.push(`${amount(pricing.perSecond)}/s`);
  if (pricing.perVideo !== undefined) parts.push(`${amount(pricing.perVideo)}/video`);
  return parts.join(' + ') || 'see --json';
}

/** `1280x720,720x1280,1920x1080` → `720p,1080p` (the full list is in --json). */
function summarizeResolutions(resolutions: string[] | undefined): string {
  if (!resolutions) return 'any';
  const names: string[] = [];
  for (const resolution of resolutions) {
    const short = getResolutionShortSide(resolution);
    const name = short === undefined ? resolution : short === 2160 ? '4k' : `${short}p`;
    if (!names.includes(name)) names.push(name);
  }
  return names.join(',');
}
