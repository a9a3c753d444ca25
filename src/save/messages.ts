import { CONFIG_FILE } from '../project/config.js';
import { ignoreLineFor, untrackCommand } from '../project/git.js';
import type { ProjectFile } from '../project/project-file.js';
import { SECRETS_FILE } from '../project/secrets-file.js';
import { lastFour } from '../token/shape.js';
import { TOKEN_KEY, type SavePlan } from './plan.js';
import type { SaveResult } from './write.js';

/** --token-stdin never writes through a link: the wizard names the target and asks, a script cannot. */
export function linkRefusal(file: ProjectFile): string {
  return `${file.name} is a symbolic link to ${file.relative}: --token-stdin does not write through links (\`mastrakit setup\` names the target and asks). Nothing was written.`;
}

/** A tracked secrets file would carry the token into the next commit. */
export function trackedRefusal(file: string): string {
  return `${file} is tracked by git, so the token would be committed with it: untrack it with \`${untrackCommand(file)}\` (the file stays on disk), then run setup again. Nothing was written.`;
}

/** The outro's last warning: the token is saved in a file git would add. Null when git ignores it (or there is no repository). */
export function notIgnoredRisk(plan: SavePlan, result: SaveResult): string | null {
  if (!plan.git.inRepo || plan.git.ignored || result.gitignoreAdded) return null;
  const file = plan.files.secrets.relative;
  return `git does not ignore ${file}, so \`git add\` would commit the token: add ${ignoreLineFor(file)} to .gitignore.`;
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
