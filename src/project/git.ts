import { join } from 'node:path';
import type { Deps } from '../deps.js';
import { writeFileAtomic } from './atomic-write.js';
import { lineEnding } from './env-file.js';
import { readTextFile } from './read-text.js';
import { SECRETS_FILE } from './secrets-file.js';

export interface GitignoreStatus {
  /** The folder is inside a git work tree (false too when git is not installed). */
  inRepo: boolean;
  /** An ignore rule matches the file (whether or not it is tracked). */
  ignored: boolean;
  /** The file is in git's index: committed or staged, so ignoring it no longer helps. */
  tracked: boolean;
}

/** Asks git whether `file` (relative to `cwd`) is ignored and whether it is tracked. */
export async function gitignoreStatus(
  deps: Pick<Deps, 'git'>,
  cwd: string,
  file: string = SECRETS_FILE,
): Promise<GitignoreStatus> {
  const inside = await deps.git(['rev-parse', '--is-inside-work-tree'], cwd);
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') return { inRepo: false, ignored: false, tracked: false };
  // --no-index: without it git reports a tracked file as not ignored even when a rule matches it.
  const [ignore, listed] = await Promise.all([
    deps.git(['check-ignore', '-q', '--no-index', '--', file], cwd),
    deps.git(['ls-files', '--error-unmatch', '--', file], cwd),
  ]);
  return { inRepo: true, ignored: ignore.code === 0, tracked: listed.code === 0 };
}

/** Adds `line` to .gitignore text unless a line already says exactly that; keeps the file's line endings. */
export function addGitignoreLine(text: string | null, line: string): string {
  if (text === null || text === '') return `${line}\n`;
  if (text.split(/\r\n|\n|\r/).some((l) => l.trim() === line)) return text;
  const eol = lineEnding(text);
  return /[\r\n]$/.test(text) ? `${text}${line}${eol}` : `${text}${eol}${line}${eol}`;
}

/**
 * Makes git ignore `.env.dev-secrets`: when no rule matches it, the line goes into the project
 * folder's `.gitignore` (created if missing; written atomically, mode 0644). A tracked file stays
 * tracked: `status.tracked` tells the caller to warn. `status` is read again after a write.
 */
export async function ensureGitignored(
  deps: Pick<Deps, 'git'>,
  cwd: string,
): Promise<{ path: string; changed: boolean; created: boolean; status: GitignoreStatus }> {
  const path = join(cwd, '.gitignore');
  const status = await gitignoreStatus(deps, cwd);
  if (status.ignored) return { path, changed: false, created: false, status };
  const { text } = readTextFile(path, '.gitignore');
  const next = addGitignoreLine(text, SECRETS_FILE);
  if (next === text) return { path, changed: false, created: false, status };
  await writeFileAtomic(path, next, { mode: 0o644 });
  return { path, changed: true, created: text === null, status: status.inRepo ? await gitignoreStatus(deps, cwd) : status };
}
