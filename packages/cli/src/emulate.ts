import { startEmulator, type EmulatorServer, type EmulatorServerBaseURLs } from '@videogen/emulator';

/** An emulator the CLI talks to: started in-process, given by the caller, or running elsewhere. */
export type EmulatorConnection = {
  baseURLs: EmulatorServerBaseURLs;
  /** The in-process server, when there is one. */
  server?: EmulatorServer;
  /** Its URL, when it outlives this command (`--emulate <url>`, or a server passed in). */
  url?: string;
  /** Started by this command and stopped with it (`--emulate` without a URL). */
  ephemeral: boolean;
  close(): Promise<void>;
};

/** A dummy key: the emulator accepts any non-empty key by default. */
export const EMULATOR_API_KEY = 'videogen-emulator-key';

/** The base URLs of an emulator server at `url` (e.g. `videogen emulator --port 4010`). */
export function emulatorBaseURLsAt(url: string): EmulatorServerBaseURLs {
  const base = url.replace(/\/+$/, '');
  const parsed = new URL(base);
  const other =
    parsed.hostname === '127.0.0.1'
      ? base.replace('127.0.0.1', 'localhost')
      : parsed.hostname === 'localhost'
        ? base.replace('localhost', '127.0.0.1')
        : base;
  return {
    openai: `${base}/openai/v1`,
    google: `${base}/google/v1beta`,
    fal: `${base}/fal`,
    falMedia: `${other}/fal-media`,
    openrouter: `${base}/openrouter/api/v1`,
    googleStorage: `${other}/google-storage`,
    falJwks: `${base}/fal-rest/.well-known/jwks.json`,
    alibaba: `${base}/alibaba`,
    alibabaStorage: `${other}/alibaba-storage`,
    minimax: `${base}/minimax`,
    minimaxStorage: `${other}/minimax-cdn`,
    bytedance: `${base}/bytedance/api/v3`,
    bytedanceMedia: `${other}/bytedance-media`,
    runway: `${base}/runway`,
    runwayMedia: `${other}/runway-media`,
    kling: `${base}/kling`,
    klingCdn: `${other}/kling-cdn`,
    xai: `${base}/xai/v1`,
    xaiMedia: `${other}/xai-media`,
    luma: `${base}/luma/dream-machine/v1`,
    lumaStorage: `${other}/luma-cdn`,
    replicate: `${base}/replicate/v1`,
    replicateDelivery: `${other}/replicate-delivery`,
  };
}

/**
 * `--emulate`: uses the caller's emulator when there is one, else starts one
 * in-process on 127.0.0.1 (a free port); `--emulate <url>` uses a running one.
 */
export async function connectEmulator(
  option: true | string,
  provided: EmulatorServer | undefined,
): Promise<EmulatorConnection> {
  if (typeof option === 'string') {
    let url: URL;
    try {
      url = new URL(option);
    } catch {
      throw new TypeError(`--emulate: "${option}" is not a URL (e.g. http://127.0.0.1:4010).`);
    }
    const base = url.toString().replace(/\/+$/, '');
    return { baseURLs: emulatorBaseURLsAt(base), url: base, ephemeral: false, close: async () => {} };
  }
  if (provided) {
    return {
      baseURLs: provided.baseURLs,
      server: provided,
      url: provided.url,
      ephemeral: false,
      close: async () => {},
    };
  }
  const server = await startEmulator({ host: '127.0.0.1', port: 0 });
  return { baseURLs: server.baseURLs, server, ephemeral: true, close: () => server.close() };
}
