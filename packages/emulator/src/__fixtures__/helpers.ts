import { createEmulator, type EmulatorOptions } from '../emulator';

export const T0 = Date.UTC(2026, 4, 1, 12, 0, 0);

/** An emulator on a manual clock starting at T0. */
export function manualEmulator(options: EmulatorOptions = {}) {
  let time = T0;
  const emulator = createEmulator({ now: () => time, ...options });
  return {
    emulator,
    set(ms: number) {
      time = T0 + ms;
    },
  };
}

export async function call(
  emulator: { handle(request: Request): Promise<Response> },
  method: string,
  url: string,
  init: { headers?: Record<string, string>; json?: unknown; body?: BodyInit } = {},
) {
  const headers = { ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await emulator.handle(new Request(url, { method, headers, body }));
  return response;
}

export async function jsonOf(response: Response): Promise<any> {
  return response.json();
}
