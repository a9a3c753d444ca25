import { join } from 'node:path';
import { LocalError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { setJsonMembers, withoutBom } from './json-members.js';
import type { DomainStyle } from '../target.js';
import { inspectProjectFile } from './project-file.js';
import { readTextFile } from './read-text.js';
import { SLUG, SLUG_MAX } from './slug.js';

export const CONFIG_FILE = 'mastrakit.config.json';

/** mastrakit.config.json as the rest of the program sees it; absent keys take their defaults. */
interface ProjectConfig {
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
function parseConfigText(raw: string, path: string): Omit<ConfigRead, 'path' | 'exists' | 'raw'> {
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
  const { text, changed } = setJsonMembers(raw, { ...changes });
  parseConfigText(text, path); // never write a config this program would then refuse
  if (changed.length > 0) await writeFileAtomic(file.real, text, { mode: 0o644 });
  return { path, changed, created: raw === null && changed.length > 0 };
}
