import type { Listed } from '../cloudflare/list-all.js';
import type { CfAccount } from '../cloudflare/types.js';
import { isAccountId } from '../token/shape.js';
import type { Prompter, SelectOption } from '../ui/prompter.js';

/** What is wrong with a typed account id; undefined when it is one. */
function accountIdProblem(value: string): string | undefined {
  return isAccountId(value.trim().toLowerCase())
    ? undefined
    : "An account id is 32 hexadecimal characters: the dashboard's URL and the account's Overview page show it.";
}

/**
 * An account-owned token given no account id, where Cloudflare will not list its accounts: the only
 * way on is to ask which account it belongs to.
 */
export async function askAccountId(p: Prompter): Promise<string> {
  p.log.warn('This is an account-owned token: Cloudflare checks it only at its own account, and will not list accounts for it.');
  const typed = await p.text({ message: 'Which account is the token for? (its account id)', placeholder: '32 hexadecimal characters', validate: accountIdProblem });
  return typed.trim().toLowerCase();
}

function accountOptions(accounts: readonly CfAccount[]): SelectOption<string>[] {
  return accounts.map((a) => ({ value: a.id, label: a.name || a.id, hint: a.id }));
}

/**
 * Step 7: the account to deploy to, when none was given and the token reaches several. The only
 * account is taken without asking (the checks do that themselves).
 */
export async function chooseAccount(p: Prompter, accounts: Listed<CfAccount>): Promise<string> {
  const [only, ...more] = accounts.items;
  if (only && more.length === 0) return only.id;
  const unread = accounts.total - accounts.items.length;
  p.log.warn(
    `This token reaches ${accounts.total} accounts: its Account Resources is probably left at "All accounts". Consider scoping it to one.` +
      (unread > 0 ? ` ${unread} of them are not listed here; pass --account-id for one of those.` : ''),
  );
  return p.select<string>({ message: 'Which account does this project deploy to?', options: accountOptions(accounts.items) });
}
