import { defineConfig } from 'tsup';

// One file per entry, dependencies left external: `--help` and `--version` load only dist/cli.js,
// and each command's code (with undici, open, clack) is split into chunks imported on demand.
export default defineConfig({
  entry: { cli: 'src/cli.ts', 'stand-in': 'src/stand-in/main.ts', demo: 'src/demo/main.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  sourcemap: false,
  clean: true,
  dts: false,
  banner: { js: '#!/usr/bin/env node' },
});
