import { defineConfig } from 'tsup';
import pkg from './package.json';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  },
  {
    entry: ['src/bin.ts'],
    format: ['esm'],
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
    define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  },
]);
