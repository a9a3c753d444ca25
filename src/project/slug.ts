import { basename, join } from 'node:path';
import { withoutBom } from './json-members.js';
import { readTextFile } from './read-text.js';

/** `auth-<slug>` is one DNS label (63 at most). */
export const SLUG_MAX = 58;
export const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const DEFAULT_SLUG_MAX = 40;

/** A name made fit for host names and token names: a-z, 0-9 and single inner hyphens; '' when nothing is left. */
export function sanitiseSlug(name: string): string {
  return name
    .replace(/^@[^/]*\//, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, DEFAULT_SLUG_MAX)
    .replace(/-+$/, '');
}

/** The slug to offer when the config has none: package.json `name` (scope dropped), else the folder name, else `app`. */
export function defaultSlug(cwd: string): string {
  let name: unknown;
  try {
    // Read like every project file: a package.json that is a FIFO or /dev/zero must not hang or fill memory.
    const { text } = readTextFile(join(cwd, 'package.json'), 'package.json');
    if (text !== null) name = (JSON.parse(withoutBom(text)) as { name?: unknown }).name;
  } catch {
    // no package.json, not JSON, or not a file: fall back to the folder
  }
  const fromPackage = typeof name === 'string' ? sanitiseSlug(name) : '';
  return fromPackage || sanitiseSlug(basename(cwd)) || 'app';
}
