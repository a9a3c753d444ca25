import { LocalError } from '../errors.js';
import type { Deps } from '../deps.js';
import { leftoverOf, writeFileAtomic } from './atomic-write.js';
import { lineEnding } from './env-file.js';
import { inspectProjectFile } from './project-file.js';
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

/**
 * Whether a rule also matches what a save of `file` killed mid-write leaves (`.mastrakit-…tmp/<name>`
 * beside it, holding the token): an anchored `/.env.dev-secrets` matches the file but not that.
 */
export async function leftoverIgnored(deps: Pick<Deps, 'git'>, cwd: string, file: string = SECRETS_FILE): Promise<boolean> {
  return (await deps.git(['check-ignore', '-q', '--no-index', '--', leftoverOf(file)], cwd)).code === 0;
}

/** Adds `line` to .gitignore text unless a line already says exactly that; keeps the file's line endings. */
export function addGitignoreLine(text: string | null, line: string): string {
  if (text === null || text === '') return `${line}\n`;
  if (text.split(/\r\n|\n|\r/).some((l) => l.trim() === line)) return text;
  const eol = lineEnding(text);
  return /[\r\n]$/.test(text) ? `${text}${line}${eol}` : `${text}${eol}${line}${eol}`;
}

/**
 * The .gitignore line for the secrets file git is asked about (`file`, relative to the project):
 * `.env.dev-secrets` itself (no slash, so it also matches a save's temporary folder at any depth), or for a
 * link inside the project to another name, that file anchored at the project root.
 */
export function ignoreLineFor(file: string): string {
  if (file === SECRETS_FILE || file.endsWith(`/${SECRETS_FILE}`)) return SECRETS_FILE;
  // `**/` so the line also matches the save's temporary folder beside the file; glob characters and a
  // trailing blank in the (planted) name escaped, so the line matches that name and nothing else.
  const slash = file.lastIndexOf('/');
  const literal = (part: string) => part.replace(/[\\*?[]/g, '\\$&').replace(/ $/, '\\ ');
  return `/${slash < 0 ? '' : `${literal(file.slice(0, slash))}/`}**/${literal(file.slice(slash + 1))}`;
}

/**
 * Makes git ignore the secrets file (`file`, relative to the project; a link's real target): when no
 * rule matches it, the line goes into the project folder's `.gitignore` (created if missing; written
 * atomically, 0644 when new; a link out of the project refused). A tracked file stays tracked
 * (`untrack` does that). `status` is read again after a write.
 */
export async function ensureGitignored(
  deps: Pick<Deps, 'git'>,
  cwd: string,
  file: string = SECRETS_FILE,
): Promise<{ path: string; changed: boolean; created: boolean; status: GitignoreStatus }> {
  const gitignore = inspectProjectFile(cwd, '.gitignore');
  const { path } = gitignore;
  const status = await gitignoreStatus(deps, cwd, file);
  if (status.ignored && (await leftoverIgnored(deps, cwd, file))) return { path, changed: false, created: false, status };
  const { text } = readTextFile(gitignore.real, '.gitignore');
  const next = addGitignoreLine(text, ignoreLineFor(file));
  if (next === text) return { path, changed: false, created: false, status };
  await writeFileAtomic(gitignore.real, next, { mode: 0o644 });
  return { path, changed: true, created: text === null, status: status.inRepo ? await gitignoreStatus(deps, cwd, file) : status };
}

/** `git rm --cached <file>`: takes the file out of git's index, keeps it on disk. */
export function untrackCommand(file: string): string {
  return `git rm --cached ${file}`;
}

/** Runs untrackCommand(file) for the user (they said yes); a failure is one sentence naming the command to run by hand. */
export async function untrack(deps: Pick<Deps, 'git'>, cwd: string, file: string): Promise<void> {
  const result = await deps.git(['rm', '--cached', '-q', '--', file], cwd);
  if (result.code !== 0) {
    throw new LocalError(`\`${untrackCommand(file)}\` failed: run it yourself, then \`mastrakit setup\` again. Nothing was written.`);
  }
}
