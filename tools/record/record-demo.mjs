#!/usr/bin/env node
// Records the README picture (assets/setup-wizard.svg) from the real, built CLI against the stand-in:
//   npm run record   (= npm run build && node tools/record/record-demo.mjs)
// The recorder is TypeScript that shares the test harness (test/support/pty.ts); esbuild bundles it
// under node_modules/.cache so the external packages (node-pty, @xterm/headless) still resolve.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
if (!existsSync(join(root, 'dist/cli.js'))) {
  process.stderr.write('record-demo: dist/cli.js is missing; run `npm run build` first.\n');
  process.exit(1);
}
const outfile = join(root, 'node_modules/.cache/mastrakit/record-demo.mjs');
await build({
  entryPoints: [join(root, 'tools/record/record-demo.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
process.argv[2] = root;
await import(pathToFileURL(outfile).href);
