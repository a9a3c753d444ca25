import type { Report } from '../checks/run-checks.js';
import type { Deps } from '../deps.js';
import { CONFIG_FILE, saveConfig, type ConfigChanges, type ConfigRead } from '../project/config.js';
import { findEnvValue } from '../project/env-file.js';
import { LocalError } from '../errors.js';
import { ensureGitignored, gitignoreStatus, ignoreLineFor, leftoverIgnored, untrack, untrackCommand, type GitignoreStatus } from '../project/git.js';
import { leftoverOf } from '../project/atomic-write.js';
import { folderExposure, inspectProjectFile, type ProjectFile } from '../project/project-file.js';
import { readSecretsFile, saveSecrets, SECRETS_FILE } from '../project/secrets-file.js';
import { judgeToken, lastFour } from '../token/shape.js';
import type { Prompter } from '../ui/prompter.js';
import type { ProjectAnswers } from '../target.js';
import { ENV } from '../env.js';

export const [TOKEN_KEY] = ENV.token;
export const [ACCOUNT_KEY] = ENV.accountId;

/** Everything step 8 will write, decided before anything is written. */
export interface SavePlan {
  updates: Record<string, string>;
  /** The last four of a different token already saved, which this replaces; null when there is none. */
  replacing: string | null;
  git: GitignoreStatus;
  addGitignore: boolean;
  /** Run `git rm --cached` on the secrets file before writing (the user said yes). */
  untrack: boolean;
  config: ConfigChanges;
  /** The three files as inspected: links out of the project were refused; links inside are followed only when asked. */
  files: { secrets: ProjectFile; gitignore: ProjectFile; config: ProjectFile };
}

const GITIGNORE = '.gitignore';

/**
 * Before any question: each file setup may write is looked at (a link out of the project, a FIFO, a
 * device, a folder or a huge file is refused, exit 2) and so is the folder the token goes into (anyone
 * may write in it: refused; its group may: the returned warning).
 */
export function preflightSave(cwd: string): string[] {
  const secrets = inspectProjectFile(cwd, SECRETS_FILE);
  inspectProjectFile(cwd, GITIGNORE);
  inspectProjectFile(cwd, CONFIG_FILE);
  const exposure = folderExposure(secrets);
  if (exposure.refuse) throw new LocalError(exposure.refuse);
  return exposure.warn ? [exposure.warn] : [];
}

/** The token already in .env.dev-secrets, when it differs from `token`; null when absent or the same. */
export function differentSavedToken(secretsText: string | null, token: string): string | null {
  const saved = secretsText === null ? undefined : findEnvValue(secretsText, TOKEN_KEY)?.value;
  if (saved === undefined || saved.trim() === '') return null;
  const verdict = judgeToken(saved);
  const same = verdict.ok ? verdict.token === token : saved === token;
  return same ? null : saved;
}

/** The config keys whose answers differ from what mastrakit.config.json holds (absent keys count as different). */
export function configChanges(config: ConfigRead, answers: ProjectAnswers): ConfigChanges {
  const changes: ConfigChanges = {};
  if (!config.answered.domain || config.config.domain !== answers.domain) changes.domain = answers.domain;
  if (answers.domain !== null && (!config.answered.domainStyle || config.config.domainStyle !== answers.domainStyle)) {
    changes.domainStyle = answers.domainStyle;
  }
  return changes;
}

/** The account to save: the one the checks used (given or learned); null when none was settled. */
export function accountToSave(report: Report | null): string | null {
  return report?.account?.id ?? null;
}

export interface PlanInput {
  deps: Pick<Deps, 'git'>;
  cwd: string;
  config: ConfigRead;
  answers: ProjectAnswers;
  token: string;
  accountId: string | null;
}

/** The plan without questions: the values, the config answers and git's view of the secrets file (its real target). */
export async function planSave(input: PlanInput): Promise<SavePlan> {
  const files = {
    secrets: inspectProjectFile(input.cwd, SECRETS_FILE),
    gitignore: inspectProjectFile(input.cwd, GITIGNORE),
    config: inspectProjectFile(input.cwd, CONFIG_FILE),
  };
  const secrets = readSecretsFile(input.cwd);
  const updates: Record<string, string> = { [TOKEN_KEY]: input.token };
  if (input.accountId) updates[ACCOUNT_KEY] = input.accountId;
  const different = differentSavedToken(secrets.text, input.token);
  const git = await gitignoreStatus(input.deps, input.cwd, files.secrets.relative);
  return {
    updates,
    replacing: different === null ? null : lastFour(different),
    git,
    // Ignored, but not what a save killed mid-write would leave beside it: the line covers both.
    addGitignore: git.inRepo && !(git.ignored && (await leftoverIgnored(input.deps, input.cwd, files.secrets.relative))),
    untrack: false,
    config: configChanges(input.config, input.answers),
    files,
  };
}

/** The links this plan would write through (each inside the project), with what each would receive. */
export function linksToFollow(plan: SavePlan): Array<{ file: ProjectFile; what: string }> {
  const links: Array<{ file: ProjectFile; what: string }> = [];
  if (plan.files.secrets.link) links.push({ file: plan.files.secrets, what: 'the token' });
  if (plan.addGitignore && plan.files.gitignore.link) links.push({ file: plan.files.gitignore, what: 'the ignore line' });
  if (Object.keys(plan.config).length > 0 && plan.files.config.link) links.push({ file: plan.files.config, what: 'your answers' });
  return links;
}

/** --token-stdin never writes through a link: the wizard names the target and asks, a script cannot. */
export function linkRefusal(file: ProjectFile): string {
  return `${file.name} is a symbolic link to ${file.relative}: --token-stdin does not write through links (\`mastrakit setup\` names the target and asks). Nothing was written.`;
}

/** A tracked secrets file would carry the token into the next commit. */
export function trackedRefusal(file: string): string {
  return `${file} is tracked by git, so the token would be committed with it: untrack it with \`${untrackCommand(file)}\` (the file stays on disk), then run setup again. Nothing was written.`;
}

/**
 * Step 8, the asking half: confirm replacing a different saved token, untracking a tracked secrets
 * file (or stop: exit 2), the .gitignore line, and writing through each link (naming its target).
 * Returns null when the user keeps the saved token (nothing is written then).
 */
export async function askSave(p: Prompter, plan: SavePlan, newToken: string): Promise<SavePlan | null> {
  if (plan.replacing !== null) {
    const replace = await p.confirm({
      message: `${SECRETS_FILE} already holds a different ${TOKEN_KEY} (${plan.replacing}). Replace it with this one (${lastFour(newToken)})?`,
      initialValue: true,
    });
    if (!replace) return null;
  }
  const secrets = plan.files.secrets.relative;
  let untrackIt = false;
  if (plan.git.tracked) {
    untrackIt = await p.confirm({
      message: `${secrets} is tracked by git: a token saved there would be committed. Untrack it now with \`${untrackCommand(secrets)}\` (the file stays on disk; commit that change)?`,
      initialValue: true,
    });
    if (!untrackIt) throw new LocalError(trackedRefusal(secrets));
  }
  let addGitignore = plan.addGitignore;
  if (addGitignore) {
    addGitignore = await p.confirm({
      message: plan.git.ignored
        ? `git ignores ${secrets}, but not the copy a save cut off by a crash would leave beside it (${leftoverOf(secrets)}). Add ${ignoreLineFor(secrets)} to .gitignore?`
        : `git does not ignore ${secrets}. Add ${secrets === SECRETS_FILE ? 'it' : ignoreLineFor(secrets)} to .gitignore?`,
      initialValue: true,
    });
  }
  const asked: SavePlan = { ...plan, addGitignore, untrack: untrackIt };
  for (const { file, what } of linksToFollow(asked)) {
    const follow = await p.confirm({
      message: `${file.name} is a symbolic link to ${file.relative}. Write ${what} to ${file.relative}?`,
      initialValue: false,
    });
    if (!follow) {
      throw new LocalError(`${file.name} is a symbolic link to ${file.relative}, and you chose not to write there. Nothing was written.`);
    }
  }
  return asked;
}

/** The outro's last warning: the token is saved in a file git would add. Null when git ignores it (or there is no repository). */
export function notIgnoredRisk(plan: SavePlan, result: SaveResult): string | null {
  if (!plan.git.inRepo || plan.git.ignored || result.gitignoreAdded) return null;
  const file = plan.files.secrets.relative;
  return `git does not ignore ${file}, so \`git add\` would commit the token: add ${ignoreLineFor(file)} to .gitignore.`;
}

export interface SaveResult {
  secretsPath: string;
  /** `git rm --cached` was run on this file (relative to the project). */
  untracked: string | null;
  secretsChanged: string[];
  secretsCreated: boolean;
  /** Per key, the lines of earlier occurrences dotenv ignores (left as they were). */
  secretsDuplicates: Record<string, number[]>;
  gitignoreAdded: boolean;
  /** The line added to (or wanted in) .gitignore. */
  gitignoreLine: string;
  configChanged: string[];
  configCreated: boolean;
}

/** Step 8, the acting half: .gitignore first (so the secret is never written un-ignored), then the secrets, then the config. */
export async function applySave(deps: Pick<Deps, 'git'>, cwd: string, plan: SavePlan): Promise<SaveResult> {
  const file = plan.files.secrets.relative;
  if (plan.untrack) await untrack(deps, cwd, file);
  const gitignore = plan.addGitignore ? await ensureGitignored(deps, cwd, file) : null;
  const secrets = await saveSecrets(cwd, plan.updates);
  const config = Object.keys(plan.config).length > 0 ? await saveConfig(cwd, plan.config) : null;
  return {
    secretsPath: secrets.path,
    untracked: plan.untrack ? file : null,
    secretsChanged: secrets.changed,
    secretsCreated: secrets.created,
    secretsDuplicates: secrets.duplicates,
    gitignoreAdded: gitignore?.changed ?? false,
    gitignoreLine: ignoreLineFor(file),
    configChanged: config?.changed ?? [],
    configCreated: config?.created ?? false,
  };
}

function joinKeys(keys: readonly string[]): string {
  return keys.length <= 1 ? (keys[0] ?? '') : `${keys.slice(0, -1).join(', ')} and ${keys.at(-1)}`;
}

/** Exactly what changed, one line per file; an unchanged file is said to be unchanged. */
export function changeLines(result: SaveResult, token: string): string[] {
  const lines: string[] = [];
  if (result.secretsChanged.length > 0) {
    const keys = result.secretsChanged.map((k) => (k === TOKEN_KEY ? `${k} (${lastFour(token)})` : k));
    lines.push(`${result.secretsCreated ? 'Created' : 'Updated'} ${SECRETS_FILE}: set ${joinKeys(keys)} (mode 0600).`);
  } else {
    lines.push(`${SECRETS_FILE} already held this token: unchanged.`);
  }
  if (result.untracked) lines.push(`Untracked ${result.untracked} (\`${untrackCommand(result.untracked)}\`): commit that change.`);
  if (result.gitignoreAdded) lines.push(`Added ${result.gitignoreLine} to .gitignore.`);
  if (result.configChanged.length > 0) {
    lines.push(`${result.configCreated ? 'Created' : 'Updated'} ${CONFIG_FILE}: ${joinKeys(result.configChanged)}.`);
  }
  return lines;
}

/** A key written twice: the occurrence dotenv reads (the last) was updated; the older ones are named so they can go. */
export function duplicateWarnings(result: SaveResult): string[] {
  return Object.entries(result.secretsDuplicates).map(([key, lines]) => {
    const where = lines.length === 1 ? `line ${lines[0]} still holds` : `lines ${joinKeys(lines.map(String))} still hold`;
    return `${SECRETS_FILE} has ${key} more than once: the last one, which dotenv reads, was updated; ${where} an older value (delete it to avoid confusion).`;
  });
}

/** A token in the environment wins over the file at deploy time: say so when it is not the one saved. */
export function environmentShadow(env: Readonly<Record<string, string | undefined>>, token: string): string | null {
  const value = env[TOKEN_KEY];
  if (!value || value.trim() === '' || value.trim() === token) return null;
  return `${TOKEN_KEY} is also set in your environment, and a deploy uses that one first: unset it to use the token just saved.`;
}
