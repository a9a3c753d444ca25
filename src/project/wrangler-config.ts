import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isAccountId } from '../token/shape.js';

/**
 * The wrangler configurations of a project: where each service really deploys. Read from the project
 * folder and its immediate subfolders (node_modules and dot-folders skipped), one file per folder in
 * wrangler's own order (wrangler.json, then wrangler.jsonc, then wrangler.toml: `findWranglerConfig` in
 * cloudflare/workers-sdk packages/workers-utils/src/config/config-helpers.ts). A repository is input we
 * do not trust: a file is read only if it is a regular file of at most 1 MiB inside the project (no
 * FIFO, device, or link out of it), and a malformed one is a warning, never a crash.
 */
const WRANGLER_FILES = ['wrangler.json', 'wrangler.jsonc', 'wrangler.toml'] as const;
const MAX_WRANGLER_BYTES = 1024 * 1024;

interface WranglerRoute {
  pattern: string;
  /** `custom_domain: true`: Cloudflare attaches the host itself, no route is created. */
  customDomain: boolean;
  zoneName: string | null;
  zoneId: string | null;
}

/** One deploy target of a file: the top level (env null) or an `[env.<name>]` section, inheritance applied. */
export interface WranglerTarget {
  env: string | null;
  accountId: string | null;
  /** null when not set (wrangler then decides from the routes). */
  workersDev: boolean | null;
  routes: WranglerRoute[];
}

interface WranglerConfigFile {
  /** Relative to the project folder, with `/` (`api/wrangler.toml`). */
  path: string;
  targets: WranglerTarget[];
}

export interface WranglerScan {
  files: WranglerConfigFile[];
  /** One line each, naming the file (and the line, for a parse error). */
  warnings: string[];
}

type Raw = Record<string, unknown>;

/** Finds and reads the project's wrangler configurations. The parsers are loaded only when a file exists. */
export async function scanWranglerConfigs(cwd: string): Promise<WranglerScan> {
  const scan: WranglerScan = { files: [], warnings: [] };
  let root: string;
  try {
    root = realpathSync(cwd);
  } catch {
    return scan;
  }
  for (const folder of ['.', ...subfolders(root)]) {
    const dir = join(root, folder);
    const name = WRANGLER_FILES.find((n) => listed(dir, n));
    if (!name) continue;
    const rel = folder === '.' ? name : `${printable(folder)}/${name}`;
    const read = readBounded(root, join(dir, name), rel);
    if ('warning' in read) {
      scan.warnings.push(read.warning);
      continue;
    }
    const parsed = await parseConfig(name, read.text, rel);
    if ('warning' in parsed) {
      scan.warnings.push(parsed.warning);
      continue;
    }
    scan.files.push({ path: rel, targets: targetsOf(parsed.value, rel, scan.warnings) });
  }
  return scan;
}

function subfolders(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      // isDirectory() is false for a symlink: a linked folder is never entered.
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

function listed(dir: string, name: string): boolean {
  try {
    return readdirSync(dir).includes(name);
  } catch {
    return false;
  }
}

/** The file's text, or why it was not read. Opened without blocking and checked on the open descriptor. */
function readBounded(root: string, path: string, rel: string): { text: string } | { warning: string } {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { warning: `⚠ ${rel}: a link to nothing; not read` };
  }
  const inside = relative(root, real);
  if (inside.startsWith(`..${sep}`) || inside === '..' || inside.startsWith(sep)) {
    return { warning: `⚠ ${rel}: a link out of the project; not read` };
  }
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return { warning: `⚠ ${rel}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { warning: `⚠ ${rel}: not a regular file; not read` };
    if (stat.size > MAX_WRANGLER_BYTES) return { warning: `⚠ ${rel}: larger than 1 MiB; not read` };
    const buffer = Buffer.alloc(MAX_WRANGLER_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_WRANGLER_BYTES) return { warning: `⚠ ${rel}: larger than 1 MiB; not read` };
    }
    return { text: buffer.subarray(0, length).toString('utf8').replace(/^\uFEFF/, '') };
  } catch (error) {
    return { warning: `⚠ ${rel}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

async function parseConfig(name: string, text: string, rel: string): Promise<{ value: Raw } | { warning: string }> {
  if (name.endsWith('.toml')) {
    const { parse, TomlError } = await import('smol-toml');
    try {
      return { value: parse(text) as Raw };
    } catch (error) {
      if (error instanceof TomlError) return { warning: malformed(rel, error.line, 'TOML', firstLine(error.message)) };
      throw error;
    }
  }
  // wrangler reads wrangler.json as JSONC too (comments and trailing commas allowed).
  const { parse, printParseErrorCode } = await import('jsonc-parser');
  const errors: import('jsonc-parser').ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const [first] = errors;
  if (first) return { warning: malformed(rel, lineAt(text, first.offset), 'JSON', printParseErrorCode(first.error)) };
  if (!isObject(value)) return { warning: `⚠ ${rel}: not a JSON object; its account and routes are not checked` };
  return { value };
}

function malformed(rel: string, line: number, kind: string, detail: string): string {
  return `⚠ ${rel} line ${line}: not valid ${kind} (${printable(detail)}); its account and routes are not checked`;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text[i] === '\n') line += 1;
  return line;
}

/** Words from a file are printed only as short plain text: no control characters, no long runs. */
function printable(s: string): string {
  const plain = s.replace(/[^\x20-\x7e]/g, '?');
  return plain.length > 60 ? `${plain.slice(0, 57)}...` : plain;
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The top level and every `[env.<name>]` section. account_id, workers_dev, route and routes are
 * inheritable: a section that does not set one uses the top level's (cloudflare/workers-sdk,
 * packages/wrangler/src/config/environment.ts, the `@inheritable` fields).
 */
function targetsOf(raw: Raw, rel: string, warnings: string[]): WranglerTarget[] {
  const top = readTarget(raw, null, null, rel, warnings);
  const targets = [top];
  const envs = raw.env;
  if (isObject(envs)) {
    for (const [name, section] of Object.entries(envs)) {
      if (isObject(section)) targets.push(readTarget(section, name, top, rel, warnings));
    }
  }
  return targets;
}

function readTarget(raw: Raw, env: string | null, parent: WranglerTarget | null, rel: string, warnings: string[]): WranglerTarget {
  const where = env === null ? rel : `${rel} [env.${printable(env)}]`;
  let accountId = parent?.accountId ?? null;
  if ('account_id' in raw) {
    const value = raw.account_id;
    const id = typeof value === 'string' ? value.trim().toLowerCase() : '';
    // Never printed back: a value that is not an account id could be anything (a token pasted there).
    if (isAccountId(id)) accountId = id;
    else warnings.push(`⚠ ${where}: account_id is not a 32-character account id; not checked`);
  }
  const workersDev = typeof raw.workers_dev === 'boolean' ? raw.workers_dev : (parent?.workersDev ?? null);
  const hasRoutes = 'routes' in raw || 'route' in raw;
  const routes = hasRoutes ? readRoutes(raw) : (parent?.routes ?? []);
  return { env: env === null ? null : printable(env), accountId, workersDev, routes };
}

function readRoutes(raw: Raw): WranglerRoute[] {
  const list: unknown[] = [];
  if (raw.route !== undefined) list.push(raw.route);
  if (Array.isArray(raw.routes)) list.push(...raw.routes);
  const routes: WranglerRoute[] = [];
  for (const item of list) {
    if (typeof item === 'string' && item.trim() !== '') {
      routes.push({ pattern: printable(item.trim()), customDomain: false, zoneName: null, zoneId: null });
    } else if (isObject(item) && typeof item.pattern === 'string') {
      routes.push({
        pattern: printable(item.pattern.trim()),
        customDomain: item.custom_domain === true,
        zoneName: typeof item.zone_name === 'string' ? item.zone_name.trim().toLowerCase() : null,
        zoneId: typeof item.zone_id === 'string' ? item.zone_id.trim().toLowerCase() : null,
      });
    }
  }
  return routes;
}

/** The host a route pattern is on (`*.example.com/api/*` → `example.com`), or null when it has none. */
export function routeHost(pattern: string): string | null {
  const withoutScheme = pattern.replace(/^[a-z]+:\/\//i, '');
  const host = (withoutScheme.split('/')[0] ?? '').replace(/^\*\.?/, '').replace(/:\d+$/, '').toLowerCase();
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}
