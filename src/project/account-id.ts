import type { Env } from '../env.js';
import { LocalError } from '../errors.js';
import { isAccountId } from '../token/shape.js';
import { accountIdSource } from './secrets-file.js';

/**
 * The account id, from --account-id, the environment or .env.dev-secrets (in that order), checked
 * whatever its source: a value that is not an account id (a token pasted in the wrong line, say) is
 * never sent in a URL nor printed back. Upper case is accepted, as the dashboard's URL is not.
 */
export function resolveAccountId(flag: string | undefined, env: Env, secretsText: string | null): string | null {
  return resolveAccount(flag, env, secretsText)?.id ?? null;
}

/** resolveAccountId, with where the id came from (`--account-id`, `CLOUDFLARE_ACCOUNT_ID` or `CF_ACCOUNT_ID`) for the messages. */
export function resolveAccount(flag: string | undefined, env: Env, secretsText: string | null): { id: string; from: string } | null {
  const found = accountIdSource(flag, env, secretsText);
  if (!found) return null;
  const id = found.accountId.trim().toLowerCase();
  if (isAccountId(id)) return { id, from: found.name ?? '--account-id' };
  const where =
    found.source === '--account-id'
      ? '--account-id'
      : `${found.name} ${found.source === 'environment' ? 'in the environment' : 'in .env.dev-secrets'}`;
  throw new LocalError(`${where} is not a 32-character account id (the dashboard's URL and the account's Overview page show it).`);
}
