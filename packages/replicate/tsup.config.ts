import { defineConfig } from 'tsup';
import pkg from './package.json';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // Inlined (tree-shaken) so that importing videogen does not load all of zod and
  // @ai-sdk/provider-utils' other modules: cold import ~90 ms -> ~25 ms (bench/).
  noExternal: ['@ai-sdk/provider-utils', 'zod', 'eventsource-parser'],
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
});
