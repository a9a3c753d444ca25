import { basename, join } from 'node:path';
import { LocalError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { lineEnding } from './env-file.js';
import type { DomainStyle } from '../target.js';
import { inspectProjectFile } from './project-file.js';
import { readTextFile } from './read-text.js';

export const CONFIG_FILE = 'mastrakit.config.json';

/** mastrakit.config.json as the rest of the program sees it; absent keys take their defaults. */
export interface ProjectConfig {
  /** Absent: use `defaultSlug(cwd)`. */
  slug?: string;
  /** null: deploy to *.workers.dev. Type-checked only; `normaliseDomain` judges it as a host name. */
  domain: string | null;
  domainStyle: DomainStyle;
}

export interface ConfigChanges {
  slug?: string;
  domain?: string | null;
  domainStyle?: DomainStyle;
}

export interface ConfigRead {
  path: string;
  exists: boolean;
  config: ProjectConfig;
  raw: string | null;
  /** Which keys the file itself holds (a teammate's project has its answers already). */
  answered: Record<keyof ProjectConfig, boolean>;
}

/** `auth-<slug>` is one DNS label (63 at most). */
const SLUG_MAX = 58;
const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const DEFAULT_SLUG_MAX = 40;

function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = / at position (\d+)/.exec(message);
  let reason = message.replace(/(?: in JSON)? at position \d+.*$/s, '').replace(/, ".*$/s, '');
  if (reason === message && /is not valid JSON/.test(message)) reason = 'unexpected text';
  if (!at) return reason;
  const before = text.slice(0, Number(at[1]));
  const line = before.split(/\r\n|\n|\r/).length;
  const column = before.length - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return `${reason} (line ${line}, column ${column})`;
}

/** Parses the file's text into a ProjectConfig, or says in one line what is wrong with it. */
export function parseConfigText(raw: string, path: string): Omit<ConfigRead, 'path' | 'exists' | 'raw'> {
  const text = withoutBom(raw);
  let data: unknown = {};
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new LocalError(`${path} is not valid JSON: ${jsonProblem(text, error)}.`);
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new LocalError(`${path} must hold a JSON object, like {"slug": "acme"}.`);
  }
  const o = data as Record<string, unknown>;
  const has = (k: string) => Object.hasOwn(o, k);
  if (has('slug')) {
    if (typeof o.slug !== 'string') throw new LocalError(`${path}: "slug" must be a string.`);
    if (!SLUG.test(o.slug) || o.slug.length > SLUG_MAX) {
      throw new LocalError(
        `${path}: "slug" must be 1 to ${SLUG_MAX} of a-z, 0-9 and inner hyphens, like "acme-app".`,
      );
    }
  }
  if (has('domain') && o.domain !== null && typeof o.domain !== 'string') {
    throw new LocalError(`${path}: "domain" must be a host name string, or null for *.workers.dev.`);
  }
  if (has('domainStyle') && o.domainStyle !== 'flat' && o.domainStyle !== 'nested') {
    throw new LocalError(`${path}: "domainStyle" must be "flat" or "nested".`);
  }
  const config: ProjectConfig = {
    domain: (o.domain as string | null | undefined) ?? null,
    domainStyle: (o.domainStyle as DomainStyle | undefined) ?? 'flat',
  };
  if (typeof o.slug === 'string') config.slug = o.slug;
  return { config, answered: { slug: has('slug'), domain: has('domain'), domainStyle: has('domainStyle') } };
}

/** Reads mastrakit.config.json from the project folder; an absent file gives the defaults. */
export function readConfig(cwd: string): ConfigRead {
  const path = join(cwd, CONFIG_FILE);
  const { text: raw } = readTextFile(path, CONFIG_FILE);
  if (raw === null) {
    return {
      path,
      exists: false,
      raw,
      config: { domain: null, domainStyle: 'flat' },
      answered: { slug: false, domain: false, domainStyle: false },
    };
  }
  return { path, exists: true, raw, ...parseConfigText(raw, path) };
}

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

interface Member {
  key: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** Locates the top-level members of a JSON object text already known to be valid. */
function scanObject(text: string): { open: number; close: number; members: Member[] } {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n\uFEFF'.includes(text[i] as string)) i++;
  };
  const string = () => {
    for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
  };
  const value = () => {
    const c = text[i];
    if (c === '"') return string();
    if (c === '{' || c === '[') {
      let depth = 0;
      do {
        const d = text[i];
        if (d === '"') {
          string();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') depth--;
        i++;
      } while (depth > 0);
      return;
    }
    while (i < text.length && !',}] \t\r\n'.includes(text[i] as string)) i++;
  };
  ws();
  const open = i++;
  const members: Member[] = [];
  for (;;) {
    ws();
    if (text[i] === '}') return { open, close: i, members };
    const keyStart = i;
    string();
    const keyEnd = i;
    ws();
    i++; // ':'
    ws();
    const valueStart = i;
    value();
    members.push({ key: JSON.parse(text.slice(keyStart, keyEnd)) as string, keyStart, keyEnd, valueStart, valueEnd: i });
    ws();
    if (text[i] === ',') i++;
  }
}

function applyChanges(raw: string | null, changes: ConfigChanges): { text: string; changed: string[] } {
  const entries = (Object.entries(changes) as Array<[string, unknown]>).filter(([, v]) => v !== undefined);
  if (raw === null || withoutBom(raw).trim() === '') {
    const bom = raw?.startsWith('\uFEFF') ? '\uFEFF' : '';
    const body = entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
    return { text: `${bom}{\n${body}\n}\n`, changed: entries.map(([k]) => k) };
  }
  const parsed: unknown = JSON.parse(withoutBom(raw));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('mastrakit.config.json text must be a JSON object');
  }
  const { open, close, members } = scanObject(raw);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const changed: string[] = [];
  const added: Array<[string, unknown]> = [];
  for (const [key, next] of entries) {
    const member = members.filter((m) => m.key === key).at(-1);
    if (!member) {
      added.push([key, next]);
      changed.push(key);
      continue;
    }
    const current: unknown = JSON.parse(raw.slice(member.valueStart, member.valueEnd));
    if (JSON.stringify(current) === JSON.stringify(next)) continue;
    edits.push({ start: member.valueStart, end: member.valueEnd, text: JSON.stringify(next) });
    changed.push(key);
  }
  if (added.length > 0) {
    const eol = lineEnding(raw);
    const first = members[0];
    const last = members.at(-1);
    if (!first || !last) {
      const lines = added.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
      edits.push({ start: open + 1, end: close, text: `${eol}${lines.join(`,${eol}`)}${eol}` });
    } else {
      const colon = raw.slice(first.keyEnd, first.valueStart);
      const between = raw.slice(open + 1, first.keyStart);
      const inline = !/[\r\n]/.test(between);
      const indent = inline ? '' : (/[^\r\n]*$/.exec(between)?.[0] ?? '  ');
      const lead = inline ? ' ' : eol + indent;
      const text = added.map(([k, v]) => `,${lead}${JSON.stringify(k)}${colon}${JSON.stringify(v)}`).join('');
      edits.push({ start: last.valueEnd, end: last.valueEnd, text });
    }
  }
  let text = raw;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  return { text, changed };
}

/**
 * Sets config keys in the file's text, keeping every other byte: other keys, their order, the
 * indentation, line endings and trailing newline. New keys go last, indented like the first key.
 * `raw` null (no file) gives a new two-space-indented file.
 */
export function updateConfigText(raw: string | null, changes: ConfigChanges): string {
  return applyChanges(raw, changes).text;
}

/**
 * Saves changed answers to mastrakit.config.json (mode 0644 when new, atomically; a link out of the project refused). Returns the keys whose
 * value changed or that were added; nothing is written when there are none.
 */
export async function saveConfig(
  cwd: string,
  changes: ConfigChanges,
): Promise<{ path: string; changed: string[]; created: boolean }> {
  const file = inspectProjectFile(cwd, CONFIG_FILE);
  const { path } = file;
  const { text: raw } = readTextFile(file.real, CONFIG_FILE);
  if (raw !== null) parseConfigText(raw, path); // a config it cannot read is never written over
  const { text, changed } = applyChanges(raw, changes);
  parseConfigText(text, path); // never write a config this program would then refuse
  if (changed.length > 0) await writeFileAtomic(file.real, text, { mode: 0o644 });
  return { path, changed, created: raw === null && changed.length > 0 };
}
