import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  sourcemap: false,
  // The configs below build at the same time into dist/: `npm run build` empties it first instead.
  clean: false,
  dts: false,
  banner: { js: '#!/usr/bin/env node' },
};

// One file per entry, dependencies left external: `--help` and `--version` load only dist/cli.js,
// and each command's code (with undici, open, clack) is split into chunks imported on demand.
// dist/ is what the package ships; the stand-in and the demo (`npm run stand-in`, `npm run demo`) are
// built apart into dist-dev/, so the tarball holds only what the CLI runs.
export default defineConfig([
  // tldts (the public suffix list, for the wizard's zone guess) is bundled into the setup chunk: its
  // package installs 4 MB of builds for the 140 KB it runs (README, "Dependencies").
  { ...shared, entry: { cli: 'src/cli.ts' }, outDir: 'dist', noExternal: ['tldts', 'tldts-core'] },
  // The programmatic API (`import { checkToken } from 'mastrakit'`) and its types, built apart
  // so that dist/cli.js and its chunks stay exactly what the bin loads.
  { ...shared, entry: { index: 'src/index.ts' }, outDir: 'dist', dts: { entry: { index: 'src/index.ts' } }, banner: {}, noExternal: ['tldts', 'tldts-core'] },
  // stand-in-lib: the stand-in as a library, for `npm run bench` (plain node, no TypeScript loader).
  {
    ...shared,
    entry: { 'stand-in': 'src/stand-in/main.ts', demo: 'src/demo/main.ts', 'stand-in-lib': 'src/stand-in/index.ts' },
    outDir: 'dist-dev',
  },
]);
