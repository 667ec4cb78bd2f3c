import { fileURLToPath } from 'node:url';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

/**
 * Tests run against the sources of the workspace packages, not their builds,
 * so that a change in one package is seen by the tests of another at once.
 * `@videogen/x` maps to `packages/x/src/index.ts`, `@videogen/x/sub` to
 * `packages/x/src/sub/index.ts`.
 */
export const workspaceAliases = [
  {
    find: /^@videogen\/([a-z-]+)\/([a-z-]+)$/,
    replacement: `${packagesDir}$1/src/$2/index.ts`,
  },
  {
    find: /^@videogen\/([a-z-]+)$/,
    replacement: `${packagesDir}$1/src/index.ts`,
  },
];
