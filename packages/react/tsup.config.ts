import { defineConfig } from 'tsup';
import pkg from './package.json';

const common = {
  format: ['esm', 'cjs'] as const,
  dts: true,
  sourcemap: true,
  external: ['react', 'react-dom', '@videogen/core'],
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
};

export default defineConfig([
  {
    ...common,
    format: [...common.format],
    entry: { index: 'src/index.ts' },
    clean: true,
    // The hook runs in the browser: mark the entry as a client module for React Server Components (Next.js app router).
    banner: { js: "'use client';" },
  },
  {
    ...common,
    format: [...common.format],
    // Framework-neutral (no React import, no 'use client'): what other UI bindings build on.
    entry: { 'client/index': 'src/client/index.ts' },
  },
  {
    ...common,
    format: [...common.format],
    entry: { 'server/index': 'src/server/index.ts' },
  },
]);
