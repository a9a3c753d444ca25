import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layers of src/, lowest first, written once (docs/architecture.md draws them). A module may import
// its own layer and the layers below it, never one above. Each entry is a folder of src/ or a file at its top.
export const LAYERS: readonly (readonly string[])[] = [
  ['target.ts', 'options.ts', 'env.ts', 'errors.ts', 'version.ts', 'deps.ts'],
  ['stand-in'],
  ['token'],
  ['ui'],
  ['cloudflare'],
  ['project'],
  ['permissions'],
  ['checks'],
  ['render'],
  ['save'],
  ['wizard'],
  ['create'],
  ['commands'],
  ['main.ts', 'help.ts', 'real-deps.ts', 'exit-on-signal.ts', 'cli.ts', 'index.ts'],
  ['demo'],
];

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? files(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

/** The layer of a path relative to src/ (`checks/run-checks.ts` → the checks layer). */
function layerOf(path: string): number {
  const [first = ''] = path.split('/');
  const index = LAYERS.findIndex((names) => names.includes(first));
  if (index === -1) throw new Error(`src/${path} is in no layer: add ${first} to LAYERS (and to docs/architecture.md)`);
  return index;
}

/** Every relative import of a file into src/, static, dynamic and type-only, as paths relative to src/. */
export function importsOf(path: string, text: string): string[] {
  const found = [...text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)['"](\.[^'"]+)['"]/gm)].map((m) => m[1] as string);
  return found
    .map((spec) => posix.normalize(posix.join(posix.dirname(path), spec)).replace(/\.js$/, '.ts'))
    .filter((target) => !target.startsWith('../')); // ../package.json, outside src/
}

const sources = files(SRC).map((file) => relative(SRC, file).split('\\').join('/'));

describe('every import in src/ points down a layer', () => {
  it('knows every file of src/', () => {
    expect(sources.length).toBeGreaterThan(50);
    for (const path of sources) expect(() => layerOf(path), path).not.toThrow();
  });

  it.each(sources)('%s', (path) => {
    const upward = importsOf(path, readFileSync(join(SRC, path), 'utf8')).filter((target) => layerOf(target) > layerOf(path));
    expect(upward).toEqual([]);
  });

  it('catches an import that points up', () => {
    const imports = importsOf('project/config.ts', "import type { Report } from '../checks/run-checks.js';\nconst m = await import('../wizard/save.js');");
    expect(imports).toEqual(['checks/run-checks.ts', 'wizard/save.ts']);
    expect(imports.map(layerOf).every((layer) => layer > layerOf('project/config.ts'))).toBe(true);
  });
});
