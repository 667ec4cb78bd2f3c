// Adds the lock entries of platform-specific optional packages (other OSes and
// CPUs) that `npm install` on this machine leaves out, so that `npm ci` accepts
// the lock file (npm/cli#4828, #8320: `npm ci` fails with "Missing: … from lock
// file"). Each entry is taken from the registry (`npm view`), marked optional
// with its os/cpu/libc, so npm skips it on other platforms exactly as usual.
// Usage: node scripts/complete-lockfile.mjs   (after any `npm install`)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

function findInstalledPath(fromPath, name) {
  // Node resolution: look in fromPath/node_modules, then up the tree.
  let base = fromPath;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const index = base.lastIndexOf('/node_modules/');
    base = index === -1 ? '' : base.slice(0, index);
  }
}

function viewPackage(name, version) {
  try {
    const view = JSON.parse(
      execFileSync(
        'npm',
        ['view', `${name}@${version}`, '--json', 'version', 'dist', 'os', 'cpu', 'libc', 'license', 'engines'],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      ),
    );
    return Array.isArray(view) ? view[view.length - 1] : view;
  } catch {
    // The registry this machine reaches may lag behind for other platforms'
    // builds; the entry is then described from its name, without integrity
    // (npm only fetches it on that platform, from the public registry).
    return undefined;
  }
}

// `@rollup/rollup-linux-x64-musl`, `@turbo/darwin-arm64`, `@esbuild/win32-x64` …
function platformFromName(name) {
  const base = name.split('/').pop();
  const osNames = {
    windows: 'win32',
    win32: 'win32',
    darwin: 'darwin',
    linux: 'linux',
    android: 'android',
    freebsd: 'freebsd',
    openbsd: 'openbsd',
    netbsd: 'netbsd',
    sunos: 'sunos',
    aix: 'aix',
    openharmony: 'openharmony',
  };
  const cpuNames = {
    64: 'x64',
    x64: 'x64',
    arm64: 'arm64',
    arm: 'arm',
    ia32: 'ia32',
    loong64: 'loong64',
    ppc64: 'ppc64',
    riscv64: 'riscv64',
    s390x: 's390x',
    mips64el: 'mips64el',
    wasm32: 'wasm32',
  };
  const parts = base.split('-');
  const osIndex = parts.findIndex((part) => osNames[part]);
  if (osIndex === -1) throw new Error(`complete-lockfile: cannot tell the platform of ${name}; add its entry by hand.`);
  const cpu = cpuNames[parts[osIndex + 1]];
  const rest = parts.slice(osIndex + 2);
  const libc = rest.includes('musl')
    ? ['musl']
    : rest.includes('gnu') || rest.includes('gnueabihf')
      ? ['glibc']
      : undefined;
  return {
    os: [osNames[parts[osIndex]]],
    ...(cpu ? { cpu: [cpu] } : {}),
    ...(libc && osNames[parts[osIndex]] === 'linux' ? { libc } : {}),
  };
}

let added = 0;
for (const [path, entry] of Object.entries({ ...packages })) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (findInstalledPath(path, name)) continue;
    const target = packages[`node_modules/${name}`] ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    const info = viewPackage(name, version) ?? { version, ...platformFromName(name) };
    packages[target] = Object.fromEntries(
      Object.entries({
        version: info.version,
        integrity: info.dist?.integrity,
        cpu: info.cpu,
        dev: entry.dev,
        devOptional: entry.devOptional,
        engines: info.engines,
        libc: info.libc,
        license: info.license,
        optional: true,
        os: info.os,
      }).filter(([, value]) => value !== undefined),
    );
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: added ${added} platform entries`);
