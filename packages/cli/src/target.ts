import { createDownload, type PollOptions, type VideoDownloadFunction } from '@videogen/core';
import type { EmulatorServer } from '@videogen/emulator';
import { connectEmulator, EMULATOR_API_KEY } from './emulate';
import { loadKey, type ProviderConnection, type ProviderEntry } from './providers';

/** Where one command sends its requests: a real provider, or the emulator (only the base URL differs). */
export type Target = {
  connection: ProviderConnection;
  /** The downloader; the emulator's media is on loopback, which the default downloader refuses. */
  download: VideoDownloadFunction | undefined;
  /** Poll defaults for this target. */
  poll: PollOptions;
  emulated: boolean;
  /**
   * The `--emulate` URL that reaches this emulator from another command (`--emulate <url>`, or the
   * server the caller passed in); undefined for a real provider and for an emulator started inside
   * this command, whose jobs end with it.
   */
  emulatorURL?: string;
  /** The emulator was started inside this command: its jobs cannot be resumed by another one. */
  ephemeralEmulator: boolean;
  close(): Promise<void>;
};

export type TargetOptions = {
  emulate?: boolean | string;
  pollIntervalMs?: number;
  timeoutMs?: number;
};

/** Default time between status requests against the emulator, whose jobs take about 1.5 s. */
const EMULATOR_POLL_INTERVAL_MS = 200;

export async function openTarget(
  provider: ProviderEntry,
  options: TargetOptions,
  context: {
    env: Record<string, string | undefined>;
    emulator?: EmulatorServer;
    fetch?: typeof globalThis.fetch;
    requireKey?: boolean;
  },
): Promise<Target> {
  const poll: PollOptions = {
    ...(options.pollIntervalMs !== undefined ? { intervalMs: options.pollIntervalMs } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  if (options.emulate) {
    const emulator = await connectEmulator(options.emulate === true ? true : options.emulate, context.emulator);
    return {
      connection: { apiKey: EMULATOR_API_KEY, baseURL: emulator.baseURLs[provider.name], fetch: context.fetch },
      download: createDownload({ allowPrivateNetwork: true, fetch: context.fetch }),
      poll: { intervalMs: EMULATOR_POLL_INTERVAL_MS, ...poll },
      emulated: true,
      emulatorURL: emulator.url,
      ephemeralEmulator: emulator.ephemeral,
      close: () => emulator.close(),
    };
  }
  const apiKey = context.requireKey === false ? tryLoadKey(provider, context.env) : loadKey(provider, context.env);
  const baseURL = context.env[provider.baseURLEnvironmentVariable]?.trim() || undefined;
  return {
    connection: { apiKey, baseURL, fetch: context.fetch },
    download: undefined,
    poll,
    emulated: false,
    ephemeralEmulator: false,
    close: async () => {},
  };
}

function tryLoadKey(provider: ProviderEntry, env: Record<string, string | undefined>): string | undefined {
  try {
    return loadKey(provider, env);
  } catch {
    return undefined;
  }
}
