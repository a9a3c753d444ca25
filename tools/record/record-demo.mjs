#!/usr/bin/env node
// Records the README pictures (assets/setup-wizard.svg, assets/setup-create.svg) from the real, built CLI against the stand-in:
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
// Two pictures: the dashboard path (assets/setup-wizard.svg) and `setup --create` (assets/setup-create.svg).
for (const name of ['record-demo', 'record-create']) {
  const outfile = join(root, `node_modules/.cache/mastrakit/${name}.mjs`);
  await build({
    entryPoints: [join(root, `tools/record/${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  process.argv[2] = root;
  const { record } = await import(pathToFileURL(outfile).href);
  await record(root);
}
