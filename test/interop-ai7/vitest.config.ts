import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared';

// The ai 7 interop suite: its own workspace (ai 7 and @ai-sdk/provider 4 beside the root's ai 6),
// run under Node 22+ by scripts/test-ai7.mjs. Files are *.spec.ts so the root suite does not pick them up.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  resolve: { alias: workspaceAliases },
  test: {
    include: ['**/*.spec.ts'],
    exclude: ['**/node_modules/**'],
    typecheck: { enabled: true, include: ['**/*.spec-d.ts'], tsconfig: `${here}tsconfig.json` },
    reporters: [
      'default',
      ['json', { outputFile: process.env.VIDEOGEN_AI7_REPORT ?? `${here}../../test-results-ai7.json` }],
    ],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
