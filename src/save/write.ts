import type { Deps } from '../deps.js';
import { saveConfig } from '../project/config.js';
import { ensureGitignored, ignoreLineFor, untrack } from '../project/git.js';
import { saveSecrets } from '../project/secrets-file.js';
import type { SavePlan } from './plan.js';

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
