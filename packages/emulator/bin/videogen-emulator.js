#!/usr/bin/env node
// Committed launcher for the `videogen-emulator` command: npm links a bin only when its file exists at
// install time, so the bin points here rather than into dist/ (built later, by `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'videogen-emulator: this package is not built yet (dist/bin.js is missing). Run `npm run build` at the repository root first.\n',
  );
  process.exit(1);
}
await import(entry.href);
