import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProjectFlags } from '../options.js';
import type { Purpose, Target } from '../target.js';
import type { Deps } from '../deps.js';
import { LocalError, UsageError } from '../errors.js';
import { readConfig, type ConfigRead } from './config.js';
import { defaultSlug } from './slug.js';
import { normaliseDomain } from './hostname.js';

export interface Project {
  cwd: string;
  /** mastrakit.config.json as read (the wizard offers its answers and saves changes back). */
  configFile: ConfigRead;
  slug: string;
  target: Target;
  /** Sentences about what was normalised (an uppercase or trailing-dot domain). */
  notes: string[];
}

/** The project folder and what it deploys to: mastrakit.config.json, overridden by flags. */
export function loadProject(flags: ProjectFlags, deps: Pick<Deps, 'cwd'>, purpose: Purpose = 'deploy'): Project {
  const cwd = resolve(deps.cwd, flags.cwd ?? '.');
  let isDir = false;
  try {
    isDir = statSync(cwd).isDirectory();
  } catch {
    // handled below
  }
  if (!isDir) throw new LocalError(`The project folder ${cwd} does not exist or is not a folder.`);

  const configFile = readConfig(cwd);
  const { config } = configFile;
  const notes: string[] = [];
  let domain: string | null = config.domain ?? null;
  if (flags.domain !== undefined) domain = flags.domain;
  if (domain !== null) {
    const fromFlag = flags.domain !== undefined;
    const checked = normaliseDomain(domain);
    if (!checked.ok) {
      const where = fromFlag ? '--domain' : 'mastrakit.config.json "domain"';
      throw fromFlag ? new UsageError(`${where}: ${checked.reason}`) : new LocalError(`${where}: ${checked.reason}`);
    }
    domain = checked.domain;
    if (checked.note) notes.push(checked.note);
  }
  const domainStyle = flags.domainStyle ?? config.domainStyle ?? 'flat';
  const slug = config.slug ?? defaultSlug(cwd);
  return {
    cwd,
    configFile,
    slug,
    target: { domain, domainStyle, purpose, slug },
    notes,
  };
}
