import type { Report } from '../checks/run-checks.js';
import type { Deps } from '../deps.js';
import { CONFIG_FILE, saveConfig, type ConfigChanges, type ConfigRead } from '../project/config.js';
import { findEnvValue } from '../project/env-file.js';
import { ensureGitignored, gitignoreStatus, type GitignoreStatus } from '../project/git.js';
import { readSecretsFile, saveSecrets, SECRETS_FILE } from '../project/secrets-file.js';
import { judgeToken, lastFour } from '../token/shape.js';
import type { Prompter } from '../ui/prompter.js';
import type { ProjectAnswers } from './context.js';
import { SUPPORTED_KEYS } from '../commands/args.js';

export const [TOKEN_KEY] = SUPPORTED_KEYS;
export const ACCOUNT_KEY = 'CF_ACCOUNT_ID';
export const DOCTOR_COMMAND = 'mastrakit doctor --key CLOUDFLARE_API_TOKEN';
export const UNTRACK_COMMAND = `git rm --cached ${SECRETS_FILE}`;

/** Everything step 8 will write, decided before anything is written. */
export interface SavePlan {
  updates: Record<string, string>;
  /** The last four of a different token already saved, which this replaces; null when there is none. */
  replacing: string | null;
  git: GitignoreStatus;
  addGitignore: boolean;
  config: ConfigChanges;
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

/** The plan without questions: the values, the config answers and git's view of the secrets file. */
export async function planSave(input: PlanInput): Promise<SavePlan> {
  const secrets = readSecretsFile(input.cwd);
  const updates: Record<string, string> = { [TOKEN_KEY]: input.token };
  if (input.accountId) updates[ACCOUNT_KEY] = input.accountId;
  const different = differentSavedToken(secrets.text, input.token);
  const git = await gitignoreStatus(input.deps, input.cwd);
  return {
    updates,
    replacing: different === null ? null : lastFour(different),
    git,
    addGitignore: git.inRepo && !git.ignored,
    config: configChanges(input.config, input.answers),
  };
}

/**
 * Step 8, the asking half: confirm replacing a different saved token, offer the .gitignore line.
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
  if (plan.git.tracked) p.log.error(trackedWarning());
  let addGitignore = plan.addGitignore;
  if (addGitignore) {
    addGitignore = await p.confirm({
      message: `git does not ignore ${SECRETS_FILE}. Add it to .gitignore?`,
      initialValue: true,
    });
  }
  return { ...plan, addGitignore };
}

export function trackedWarning(): string {
  return `${SECRETS_FILE} is TRACKED by git: the token would be committed. Untrack it with \`${UNTRACK_COMMAND}\`, commit that, and keep the file ignored.`;
}

export interface SaveResult {
  secretsPath: string;
  secretsChanged: string[];
  secretsCreated: boolean;
  /** Per key, the lines of earlier occurrences dotenv ignores (left as they were). */
  secretsDuplicates: Record<string, number[]>;
  gitignoreAdded: boolean;
  configChanged: string[];
  configCreated: boolean;
}

/** Step 8, the acting half: .gitignore first (so the secret is never written un-ignored), then the secrets, then the config. */
export async function applySave(deps: Pick<Deps, 'git'>, cwd: string, plan: SavePlan): Promise<SaveResult> {
  const gitignore = plan.addGitignore ? await ensureGitignored(deps, cwd) : null;
  const secrets = await saveSecrets(cwd, plan.updates);
  const config = Object.keys(plan.config).length > 0 ? await saveConfig(cwd, plan.config) : null;
  return {
    secretsPath: secrets.path,
    secretsChanged: secrets.changed,
    secretsCreated: secrets.created,
    secretsDuplicates: secrets.duplicates,
    gitignoreAdded: gitignore?.changed ?? false,
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
  if (result.gitignoreAdded) lines.push(`Added ${SECRETS_FILE} to .gitignore.`);
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
