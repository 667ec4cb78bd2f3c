import { defineConfig } from 'tsup';
import pkg from './package.json';

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  // import.meta.url in the CJS build (used to find ../assets and to load the optional msw peer)
  shims: true,
  external: ['msw'],
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
});
