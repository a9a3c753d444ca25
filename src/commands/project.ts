import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Purpose, Target } from '../target.js';
import type { Deps } from '../deps.js';
import { LocalError, UsageError } from '../errors.js';
import { defaultSlug, readConfig, type ConfigRead } from '../project/config.js';
import kleur from 'kleur';
import { hostNames, normaliseDomain } from '../project/hostname.js';
import { isAccountId, lastFour } from '../token/shape.js';
import { accountIdSource } from '../project/secrets-file.js';
import type { ProjectFlags } from './args.js';

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

/** Where the deploy lands, for headings: `auth-acme.example.com (flat)`, or `*.workers.dev`. */
export function describeTarget(slug: string, target: Pick<Target, 'domain' | 'domainStyle' | 'purpose'>): string {
  if (target.domain === null) return '*.workers.dev';
  return `${hostNames(slug, target.domain)[target.domainStyle]} (${target.domainStyle})`;
}

/** The first line of doctor and of `setup --token-stdin`: which token, from where, for what. */
export function checkingLine(token: string | null, from: string, slug: string, target: Target): string {
  const tail = token === null ? '' : ` ${kleur.dim(lastFour(token))}`;
  const what = target.purpose === 'redeploy' ? 'a redeploy' : 'a deploy';
  return `Checking CLOUDFLARE_API_TOKEN${tail} from ${from} for ${what} to ${describeTarget(slug, target)}`;
}

/**
 * The account id, from --account-id, the environment or .env.dev-secrets (in that order), checked
 * whatever its source: a value that is not an account id (a token pasted in the wrong line, say) is
 * never sent in a URL nor printed back. Upper case is accepted, as the dashboard's URL is not.
 */
export function resolveAccountId(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  secretsText: string | null,
): string | null {
  const found = accountIdSource(flag, env, secretsText);
  if (!found) return null;
  const id = found.accountId.trim().toLowerCase();
  if (isAccountId(id)) return id;
  const where =
    found.source === '--account-id'
      ? '--account-id'
      : `${found.name} ${found.source === 'environment' ? 'in the environment' : 'in .env.dev-secrets'}`;
  throw new LocalError(`${where} is not a 32-character account id (the dashboard's URL and the account's Overview page show it).`);
}
