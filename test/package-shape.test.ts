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
  alibaba: 'Alibaba',
  minimax: 'MiniMax',
  bytedance: 'ByteDance',
  runway: 'Runway',
  kling: 'Kling',
  xai: 'Xai',
  luma: 'Luma',
  replicate: 'Replicate',
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

/** Packages that are not providers; every other package must be in `providers` (and so pass the checks below). */
const nonProviderPackages = ['cli', 'core', 'emulator', 'provider-spec', 'provider-utils', 'react', 'bullmq'];

/**
 * The sibling file set of a provider package, same names and roles in every one
 * (contributing/add-new-provider.md § The files; packages/google is the reference).
 */
const providerFiles = (dir: string) => [
  `${dir}-provider.ts`,
  `${dir}-config.ts`,
  `${dir}-video-model.ts`,
  `${dir}-video-request.ts`,
  `${dir}-operation.ts`,
  `${dir}-video-model-options.ts`,
  `${dir}-error.ts`,
  `${dir}-webhook.ts`,
  'index.ts',
  'version.ts',
];

/** Request functions that must come from `@videogen/provider-utils` (the one HTTP layer), never `@ai-sdk/provider-utils`. */
const requestFunctions = ['postJsonToApi', 'postToApi', 'postFormDataToApi', 'getFromApi', 'putToApi', 'deleteFromApi'];

/** The non-test source files of a package's `src`, recursively. */
function sourceFiles(dir: string): string[] {
  const srcDir = join(packagesDir, dir, 'src');
  return (readdirSync(srcDir, { recursive: true }) as string[])
    .filter((file) => /\.tsx?$/.test(file) && !/\.test(-d)?\.tsx?$/.test(file) && !file.includes('__fixtures__'))
    .map((file) => join(srcDir, file));
}

/** Source without comments (a TSDoc line may name `fetch(`; only code counts). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

it('classifies every package as a provider or not', () => {
  const unknown = packageDirs.filter((dir) => !(dir in providers) && !nonProviderPackages.includes(dir));
  expect(unknown, 'add a new provider package to `providers` above').toStrictEqual([]);
});

describe.each(Object.entries(providers))('provider package %s', (dir, name) => {
  it('has the sibling file set of a provider', () => {
    const missing = providerFiles(dir).filter((file) => !existsSync(join(packagesDir, dir, 'src', file)));
    expect(missing).toStrictEqual([]);
  });

  it('makes every request through the HTTP layer of @videogen/provider-utils (no fetch( calls, no request functions of @ai-sdk/provider-utils)', () => {
    const offences: string[] = [];
    for (const file of sourceFiles(dir)) {
      const code = withoutComments(readFileSync(file, 'utf8'));
      const where = file.slice(packagesDir.length + 1);
      if (/(^|[^\w$])fetch\s*\(/m.test(code) || /\.fetch\s*\(/.test(code)) offences.push(`${where}: calls fetch(`);
      for (const match of code.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]@ai-sdk\/provider-utils['"]/g)) {
        const names = match[1].split(',').map(
          (part) =>
            part
              .trim()
              .replace(/^type\s+/, '')
              .split(/\s+as\s+/)[0],
        );
        for (const imported of names.filter((value) => requestFunctions.includes(value))) {
          offences.push(`${where}: imports ${imported} from @ai-sdk/provider-utils`);
        }
      }
    }
    expect(offences).toStrictEqual([]);
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
