import { createRequire } from 'node:module';
import type { RequestHandler } from 'msw';
import type { EmulatorBaseURLs } from './types';

/** An msw 2 request handler (type from the optional peer `msw`). */
export type MswRequestHandler = RequestHandler;

interface MswModule {
  http: {
    all: (path: RegExp, resolver: (info: { request: Request }) => Promise<Response | undefined>) => RequestHandler;
  };
}

let mswModule: MswModule | undefined;

function loadMsw(): MswModule {
  if (mswModule) return mswModule;
  try {
    // msw is an optional peer: load it only when MSW handlers are asked for. msw marks its
    // handlers with a `kind` property, so the CJS copy works with an ESM `setupServer`.
    const require = createRequire(import.meta.url);
    mswModule = require('msw') as MswModule;
    return mswModule;
  } catch (error) {
    throw new Error(
      `@videogen/emulator: mswHandlers() needs the optional peer dependency "msw" (npm install -D msw). ${(error as Error).message}`,
    );
  }
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** MSW handlers for every mount of an emulator. */
export function createMswHandlers(emulator: {
  baseURLs: Readonly<EmulatorBaseURLs>;
  handle(request: Request): Promise<Response>;
}): RequestHandler[] {
  const { http } = loadMsw();
  return Object.entries(emulator.baseURLs).map(([mount, base]) => {
    const pattern =
      mount === 'falJwks' ? new RegExp(`^${escapeRegExp(base)}$`) : new RegExp(`^${escapeRegExp(base)}(?:/.*)?$`);
    return http.all(pattern, ({ request }) => emulator.handle(request));
  });
}
