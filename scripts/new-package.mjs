// Scaffolds a workspace package with the layout STYLE.md describes.
// Usage: node scripts/new-package.mjs <dir> <npm name> "<description>" [subpath ...]
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';

const [dir, name, description, ...subpaths] = process.argv.slice(2);
if (!dir || !name) {
  console.error('usage: node scripts/new-package.mjs <dir> <npm name> "<description>" [subpath ...]');
  process.exit(2);
}
const root = `packages/${dir}`;
mkdirSync(`${root}/src`, { recursive: true });

const entry = (file) => ({
  import: { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` },
  require: { types: `./dist/${file}.d.cts`, default: `./dist/${file}.cjs` },
});
const exportsMap = { './package.json': './package.json', '.': entry('index') };
for (const subpath of subpaths) exportsMap[`./${subpath}`] = entry(`${subpath}/index`);

const write = (path, content) => {
  if (!existsSync(path)) writeFileSync(path, content);
};

write(
  `${root}/package.json`,
  JSON.stringify(
    {
      name,
      version: '0.1.0',
      description,
      license: 'Apache-2.0',
      type: 'module',
      sideEffects: false,
      main: './dist/index.cjs',
      module: './dist/index.js',
      types: './dist/index.d.ts',
      exports: exportsMap,
      files: ['dist/**/*', 'src', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/**/__fixtures__'],
      scripts: {
        build: 'tsup',
        'type-check': 'tsc --noEmit -p tsconfig.json',
      },
      engines: { node: '^20.19.0 || ^22.12.0 || ^24.0.0' },
      dependencies: {},
    },
    null,
    2,
  ) + '\n',
);
write(
  `${root}/tsconfig.json`,
  JSON.stringify(
    { extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist' }, include: ['src'] },
    null,
    2,
  ) + '\n',
);
write(
  `${root}/tsup.config.ts`,
  `import { defineConfig } from 'tsup';
import pkg from './package.json';

export default defineConfig({
  entry: ${JSON.stringify(['src/index.ts', ...subpaths.map((s) => `src/${s}/index.ts`)])},
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
});
`,
);
write(
  `${root}/src/version.ts`,
  `declare const __PACKAGE_VERSION__: string | undefined;

/** The version of this package, set at build time. */
export const VERSION: string =
  typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-test';
`,
);
write(`${root}/src/index.ts`, `export { VERSION } from './version';\n`);
for (const subpath of subpaths) {
  mkdirSync(`${root}/src/${subpath}`, { recursive: true });
  write(`${root}/src/${subpath}/index.ts`, `export {};\n`);
}
write(`${root}/CHANGELOG.md`, `# ${name}\n\n## 0.1.0\n\n- First release.\n`);
console.log(`scaffolded ${root}`);
