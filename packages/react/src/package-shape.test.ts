import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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

  it('has a README and the ./server subpath, with react as a peer', () => {
    expect(existsSync(new URL('../README.md', import.meta.url))).toBe(true);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.exports)).toStrictEqual(['./package.json', '.', './server']);
    expect(pkg.peerDependencies).toMatchObject({ react: '>=18', 'react-dom': '>=18' });
    expect(pkg.dependencies.react).toBeUndefined();
  });
});
