import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';

// Every package follows the layout of STYLE.md; every provider exports the same names.
const root = join(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');
const packageDirs = readdirSync(packagesDir).filter((name) => existsSync(join(packagesDir, name, 'package.json')));

const providers = {
  openai: 'OpenAI',
  google: 'Google',
  fal: 'Fal',
  openrouter: 'OpenRouter',
} as const;

describe.each(packageDirs)('package %s', (dir) => {
  const packageJson = JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8'));

  it('has a README with an example, a CHANGELOG, and the source entry points', () => {
    const readme = readFileSync(join(packagesDir, dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/```(ts|bash|sh)/);
    expect(existsSync(join(packagesDir, dir, 'CHANGELOG.md'))).toBe(true);
    expect(existsSync(join(packagesDir, dir, 'src/index.ts'))).toBe(true);
    expect(existsSync(join(packagesDir, dir, 'src/version.ts'))).toBe(true);
  });

  it('publishes ESM, CJS and types, declares its Node range and ships no tests', () => {
    expect(packageJson.type).toBe('module');
    expect(packageJson.exports['.']).toStrictEqual({
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    });
    expect(packageJson.engines).toStrictEqual({ node: '^20.19.0 || ^22.12.0 || ^24.0.0' });
    expect(packageJson.files).toEqual(expect.arrayContaining(['dist/**/*', '!src/**/*.test.ts']));
  });

  // Needs the build (`npm test` builds first).
  it.runIf(existsSync(join(packagesDir, dir, 'dist')))(
    'passes publint (exports, types for ESM and CJS, files)',
    async () => {
      const { messages } = await publint({ pkgDir: join(packagesDir, dir), level: 'warning', strict: false });
      expect(messages.map((message) => `${message.type}: ${formatMessage(message, packageJson)}`)).toStrictEqual([]);
    },
  );
});

describe.each(Object.entries(providers))('provider package %s', (dir, name) => {
  it('has the file set of a provider', () => {
    for (const file of [
      `${dir}-provider.ts`,
      `${dir}-error.ts`,
      `${dir}-video-model.ts`,
      `${dir}-video-model-options.ts`,
      'index.ts',
      'version.ts',
    ]) {
      expect(existsSync(join(packagesDir, dir, 'src', file)), file).toBe(true);
    }
  });

  it('exports create<Name>, the default instance and VERSION; the model is a job model', async () => {
    const module = await import(`../packages/${dir}/src/index.ts`);
    expect(typeof module[`create${name}`]).toBe('function');
    expect(typeof module.VERSION).toBe('string');
    const provider = module[dir];
    expect(typeof provider).toBe('function');
    const model = provider.videoModel('test-owner/some-model');
    expect(model.specificationVersion).toBe('v3');
    expect(model.provider).toBe(`${dir}.video`);
    expect(typeof provider.video).toBe('function');
    for (const method of ['doGenerate', 'doStart', 'doStatus']) {
      expect(typeof model[method], method).toBe('function');
    }
  });

  it('exports the settings, options and model id types from index.ts', () => {
    const index = readFileSync(join(packagesDir, dir, 'src/index.ts'), 'utf8');
    for (const typeName of [
      `${name}Provider`,
      `${name}ProviderSettings`,
      `${name}VideoModelOptions`,
      `${name}VideoModelId`,
    ]) {
      expect(index, typeName).toMatch(new RegExp(`\\b${typeName}\\b`));
    }
  });
});
