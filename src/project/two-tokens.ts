import { ENV } from '../env.js';
import { cleanToken, lastFour } from '../token/shape.js';
import { findEnvValue } from './env-file.js';
import { SECRETS_FILE } from './secrets-file.js';

const [KEY] = ENV.token;

/**
 * When the environment and .env.dev-secrets each hold a CLOUDFLARE_API_TOKEN and they differ, the
 * sentence that says so, naming both by their last four characters only; null otherwise. Which one a
 * deploy sees depends on how it is started (dotenv never overrides a variable already set), so both
 * are named and neither is called "the" token.
 */
export function twoTokensWarning(env: Readonly<Record<string, string | undefined>>, secretsText: string | null): string | null {
  const fromEnv = env[KEY]?.trim() ? cleanToken(env[KEY] ?? '') : '';
  const saved = secretsText === null ? undefined : findEnvValue(secretsText, KEY)?.value;
  const fromFile = saved?.trim() ? cleanToken(saved) : '';
  if (fromEnv === '' || fromFile === '' || fromEnv === fromFile) return null;
  return (
    `${KEY} in the environment (${lastFour(fromEnv)}) is not the one in ${SECRETS_FILE} (${lastFour(fromFile)}); this checked the environment's. ` +
    `A deploy started from this shell uses the environment's; one started where ${KEY} is not set (dotenv loading ${SECRETS_FILE}) uses the file's. ` +
    `Unset one of them, or run \`mastrakit setup\` to replace the file's.`
  );
}
