import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './vitest.shared';

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    include: [
      'test/**/*.test.ts',
      'packages/*/src/**/*.test.{ts,tsx}',
      'packages/*/test/**/*.test.{ts,tsx}',
      'examples/*/test/**/*.test.{ts,tsx}',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/*.test-d.ts'],
      tsconfig: './tsconfig.typecheck.json',
    },
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
