import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as client from './client/index';
import * as react from './index';
import * as server from './server/index';

describe('package shape', () => {
  it('exports the hook, the error class, the URL helper and VERSION', () => {
    expect(Object.keys(react).sort()).toStrictEqual([
      'VERSION',
      'VideoGenerationError',
      'getVideoContentUrl',
      'useGenerateVideo',
    ]);
    expect(Object.keys(server).sort()).toStrictEqual([
      'createVideoRouteHandler',
      'getVideoContentUrl',
      'parseVideoRouteInput',
      'signVideoRouteJob',
    ]);
  });

  it('exports the framework-neutral client from ./client, with no React in it', () => {
    expect(Object.keys(client).sort()).toStrictEqual([
      'VideoGenerationClient',
      'VideoGenerationError',
      'createVideoFetcherTransport',
      'createVideoRouteTransport',
      'getVideoContentUrl',
    ]);
    const directory = new URL('./client/', import.meta.url);
    const sources = readdirSync(directory).filter((name) => name.endsWith('.ts') && !name.includes('.test'));
    expect(sources.length).toBeGreaterThan(0);
    for (const name of sources) {
      const text = readFileSync(new URL(name, directory), 'utf8');
      expect(text, name).not.toMatch(/from ['"](react|react-dom)(\/[^'"]*)?['"]/);
      expect(text, name).not.toMatch(/from ['"]\.\.\/(use-generate-video|index)['"]/);
    }
  });

  it('has a README and the ./client and ./server subpaths, with react as a peer', () => {
    expect(existsSync(new URL('../README.md', import.meta.url))).toBe(true);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.exports)).toStrictEqual(['./package.json', '.', './client', './server']);
    expect(pkg.exports['./client']).toStrictEqual({
      import: { types: './dist/client/index.d.ts', default: './dist/client/index.js' },
      require: { types: './dist/client/index.d.cts', default: './dist/client/index.cjs' },
    });
    expect(pkg.peerDependencies).toMatchObject({ react: '>=18', 'react-dom': '>=18' });
    expect(pkg.dependencies.react).toBeUndefined();
  });
});
