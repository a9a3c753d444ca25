import type { Report } from '../checks/run-checks.js';
import type { Deps } from '../deps.js';
import { CONFIG_FILE, type ConfigChanges, type ConfigRead } from '../project/config.js';
import { findEnvValue } from '../project/env-file.js';
import { LocalError } from '../errors.js';
import { gitignoreStatus, leftoverIgnored, type GitignoreStatus } from '../project/git.js';
import { folderExposure, inspectProjectFile, type ProjectFile } from '../project/project-file.js';
import { readSecretsFile, SECRETS_FILE } from '../project/secrets-file.js';
import { readTokenShape, lastFour } from '../token/shape.js';
import type { ProjectAnswers } from '../target.js';
import { ENV, type AccountIdVariable } from '../env.js';

export const [TOKEN_KEY] = ENV.token;
/** The docs page's name for the account id: what setup writes (ENV.accountId reads wrangler's name first). */
export const ACCOUNT_KEY: AccountIdVariable = 'CF_ACCOUNT_ID';

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
  const verdict = readTokenShape(saved);
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

interface PlanInput {
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
