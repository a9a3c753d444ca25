import { isAbsolute, relative, sep } from 'node:path';
import type { Deps } from '../deps.js';
import { ENV } from '../env.js';
import { normaliseDomain } from '../project/hostname.js';
import type { ProjectAnswers } from '../target.js';

/** A word as a POSIX shell reads it: left bare when safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * How the user started mastrakit, as a command they can type again: `npx mastrakit` under npx or
 * `npm exec` (npm sets npm_command=exec), or for a copy installed in a project's node_modules; plain
 * `mastrakit` for a bin on PATH; `node <path>` for a checkout's dist/cli.js (relative to the folder
 * they are in when it lies below it). Read once, from the real process, by real-deps.ts.
 */
export function invokedAs(env: Readonly<Record<string, string | undefined>>, script: string | undefined, cwd: string): string {
  if (env.npm_command === 'exec') return 'npx mastrakit';
  if (script === undefined) return 'mastrakit';
  if (script.split(sep).includes('node_modules')) return 'npx mastrakit';
  if (/^mastrakit(\.c?js)?$/.test(script.split(sep).at(-1) ?? '')) return 'mastrakit';
  const near = relative(cwd, script);
  const path = near !== '' && !near.startsWith('..') && !near.startsWith(sep) ? near : script;
  return `node ${shellWord(path)}`;
}

/**
 * The doctor command to run next, as this user can run it: started the way they started mastrakit,
 * with `--cwd` when the project is not the folder they are in, and with the CLOUDFLARE_API_BASE_URL
 * this run used (the demo's stand-in, a mirror), so it asks the same API.
 */
export function doctorCommand(deps: Pick<Deps, 'invokedAs' | 'cwd' | 'env'>, projectDir: string, extra: readonly string[] = []): string {
  const [BASE_URL] = ENV.baseUrl;
  const base = deps.env[BASE_URL]?.trim();
  const words = [deps.invokedAs, 'doctor', '--key', ENV.token[0]];
  const near = relative(deps.cwd, projectDir);
  if (near !== '') words.push('--cwd', shellWord(near.startsWith('..') || isAbsolute(near) ? projectDir : near));
  words.push(...extra);
  return `${base ? `${BASE_URL}=${shellWord(base)} ` : ''}${words.join(' ')}`;
}

/**
 * The flags doctor needs to check where this run deploys when mastrakit.config.json (as it is now) says
 * otherwise: a one-off `--no-domain` or `--domain` that was not saved must not leave a closing command
 * that checks the committed target instead (and fails, or passes, for another reason).
 */
export function targetFlags(answers: ProjectAnswers, config: ProjectAnswers): string[] {
  const checked = config.domain === null ? null : normaliseDomain(config.domain);
  const held = checked?.ok ? checked.domain : null;
  if (answers.domain === null) return held === null ? [] : ['--no-domain'];
  if (answers.domain === held && answers.domainStyle === config.domainStyle) return [];
  return ['--domain', shellWord(answers.domain), '--domain-style', answers.domainStyle];
}
