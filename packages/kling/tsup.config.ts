import { defineConfig } from 'tsup';
import pkg from './package.json';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  noExternal: ['@ai-sdk/provider-utils', 'zod', 'eventsource-parser'],
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
});
