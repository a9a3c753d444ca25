import kleur from 'kleur';
import { checkToken, type CheckSettings, type CheckTokenOptions } from '../checks/check-token.js';
import { text } from '../checks/messages.js';
import { exitCodeOf, type Report } from '../checks/run-checks.js';
import { LocalError, SeveralAccountsError } from '../errors.js';
import type { Project } from '../project/load-project.js';
import { checkingLine } from '../render/heading.js';
import type { Target } from '../target.js';

interface CommandCheck {
  /** The token as found (doctor) or read (stdin), uncleaned: the engine judges its shape. */
  raw: string;
  accountId: string | null;
  target: Target;
  /** For the message when the token is empty: `CLOUDFLARE_API_TOKEN in the environment`. */
  from: string;
  /** How to name the account, in the account-owned and several-accounts errors. */
  how: string;
  /** What the project's wrangler configurations add, and where the account id came from. */
  project?: Pick<CheckTokenOptions, 'wrangler' | 'accountVars' | 'accountFrom'>;
}

/**
 * The check both commands without prompts run (doctor, `setup --token-stdin`): the engine, then the
 * refusal when someone must name the account (exit 2, since nothing can be asked), then the exit code.
 */
export async function checkForCommand(settings: CheckSettings, input: CommandCheck): Promise<{ report: Report; code: 0 | 1 | 3 }> {
  const report = await checkToken(settings, input.raw, { ...input.project, accountId: input.accountId, target: input.target, from: input.from });
  if (report.accountNeeded) throw new LocalError(text.accountNeededHow(input.how));
  if (report.accountChoices) throw new SeveralAccountsError(text.severalAccounts(report.accountChoices, input.how), report.accountChoices.items);
  return { report, code: exitCodeOf(report) };
}

/** The headline of a check's report: which token, from where, for what; then what was normalised. */
export function headline(token: string | null, from: string, project: Pick<Project, 'slug' | 'notes'>, target: Target): string[] {
  return [checkingLine(token, from, project.slug, target), ...project.notes.map((n) => kleur.dim(n))];
}
