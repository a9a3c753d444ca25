import type { CfAccount } from '../cloudflare/types.js';
import type { Prompter, SelectOption } from '../ui/prompter.js';

export function accountOptions(accounts: readonly CfAccount[]): SelectOption<string>[] {
  return accounts.map((a) => ({ value: a.id, label: a.name || a.id, hint: a.id }));
}

/**
 * Step 7: the account to deploy to, when none was given and the token reaches several. The only
 * account is taken without asking (the checks do that themselves).
 */
export async function chooseAccount(p: Prompter, accounts: readonly CfAccount[]): Promise<string> {
  const [only, ...more] = accounts;
  if (only && more.length === 0) return only.id;
  p.log.warn(
    `This token reaches ${accounts.length} accounts: its Account Resources is probably left at "All accounts". Consider scoping it to one.`,
  );
  return p.select<string>({ message: 'Which account does this project deploy to?', options: accountOptions(accounts) });
}
