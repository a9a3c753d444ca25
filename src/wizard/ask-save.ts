import { LocalError } from '../errors.js';
import { ignoreLineFor, untrackCommand } from '../project/git.js';
import { leftoverOf } from '../project/atomic-write.js';
import { SECRETS_FILE } from '../project/secrets-file.js';
import { lastFour } from '../token/shape.js';
import type { Prompter } from '../ui/prompter.js';
import { linksToFollow, TOKEN_KEY, type SavePlan } from '../save/plan.js';
import { trackedRefusal } from '../save/messages.js';

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
