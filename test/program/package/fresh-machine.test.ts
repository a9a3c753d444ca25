import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A clean machine has Node and npm, no C++ toolchain and no internet beyond the npm registry: `npm ci`
// must compile nothing. Only esbuild may run an install script (it checks that its prebuilt binary, a
// registry package of its own, is in place); anything else with one, or a node-gyp build, fails here first.
const lock = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package-lock.json'), 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean; gypfile?: boolean }>;
};
const ALLOWED_INSTALL_SCRIPTS = /(^|\/)node_modules\/esbuild$/;

describe('a fresh machine: npm ci compiles nothing', () => {
  it('no locked package runs an install script but esbuild, and none builds with node-gyp', () => {
    const scripted = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript || p.gypfile)
      .map(([path]) => path)
      .filter((path) => !ALLOWED_INSTALL_SCRIPTS.test(path));
    expect(scripted).toEqual([]);
  });

  it('the pseudo-terminal package is the prebuilt one, with a binary for this platform in the lock', () => {
    expect(lock.packages['node_modules/node-pty']).toBeUndefined();
    expect(lock.packages['node_modules/@lydell/node-pty']).toBeDefined();
    expect(lock.packages[`node_modules/@lydell/node-pty-${process.platform}-${process.arch}`]).toBeDefined();
  });
});
