import { join } from 'node:path';
import { ENV, type AccountIdVariable, type Env, type TokenVariable } from '../env.js';
import { LocalError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { duplicateLines, findEnvValue, upsertEnvValue } from './env-file.js';
import { folderExposure, inspectProjectFile } from './project-file.js';
import { readTextFile } from './read-text.js';

export const SECRETS_FILE = '.env.dev-secrets';

interface SecretsFile {
  path: string;
  /** The file's text; null when there is no file. */
  text: string | null;
}

/** `.env.dev-secrets` in the project folder, as text (null when absent). */
export function readSecretsFile(cwd: string): SecretsFile {
  const path = join(cwd, SECRETS_FILE);
  return { path, text: readTextFile(path, SECRETS_FILE).text };
}

interface SaveSecretsResult {
  path: string;
  /** Keys whose value changed (set for the first time included). */
  changed: string[];
  /** True when the file did not exist before. */
  created: boolean;
  /** Per key, the lines of earlier occurrences dotenv ignores (left as they were); only keys that have some. */
  duplicates: Record<string, number[]>;
}

/**
 * Sets each key in `.env.dev-secrets`, keeping every other byte of the file, and writes it atomically
 * with mode 0600 (creating it when missing). Nothing is written when no value changes. A link out of the
 * project, a file that is not a file, or a folder anyone can write in is refused first; a link inside
 * the project is written through (the wizard has named its target and asked: wizard/ask-save.ts).
 */
export async function saveSecrets(cwd: string, updates: Record<string, string>): Promise<SaveSecretsResult> {
  const file = inspectProjectFile(cwd, SECRETS_FILE);
  const exposure = folderExposure(file);
  if (exposure.refuse) throw new LocalError(exposure.refuse);
  const path = file.path;
  const read = readTextFile(file.real, SECRETS_FILE);
  if (!read.utf8) {
    throw new LocalError(`${path} is not UTF-8 text, so mastrakit will not rewrite it; fix its encoding first.`);
  }
  const created = read.text === null;
  let text = read.text ?? '';
  const changed: string[] = [];
  for (const [key, value] of Object.entries(updates)) {
    const next = upsertEnvValue(text, key, value);
    if (next !== text) changed.push(key);
    text = next;
  }
  const duplicates: Record<string, number[]> = {};
  for (const key of Object.keys(updates)) {
    const lines = duplicateLines(text, key);
    if (lines.length > 0) duplicates[key] = lines;
  }
  if (changed.length > 0) await writeFileAtomic(file.real, text, { mode: 0o600 });
  return { path, changed, created: created && changed.length > 0, duplicates };
}

type ValueSource = 'environment' | typeof SECRETS_FILE;

interface FoundToken {
  token: string;
  source: ValueSource;
  /** The variable it came from; `CF_API_TOKEN` is wrangler's legacy name. */
  name: TokenVariable;
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/**
 * The token `doctor` checks, in the order a deploy would see it: the environment wins over the
 * file (dotenv does not override), and the legacy `CF_API_TOKEN` counts only when no
 * `CLOUDFLARE_API_TOKEN` is set in either place (wrangler prefers the new name). Empty counts as absent.
 */
export function tokenSource(
  env: Env,
  secretsText: string | null,
): FoundToken | undefined {
  const file = (key: string) => (secretsText === null ? undefined : findEnvValue(secretsText, key)?.value);
  for (const name of ENV.token) {
    const places: Array<[ValueSource, string | undefined]> = [
      ['environment', env[name]],
      [SECRETS_FILE, file(name)],
    ];
    for (const [source, token] of places) {
      if (present(token)) return { token, source, name };
    }
  }
  return undefined;
}


interface FoundAccountId {
  accountId: string;
  source: '--account-id' | ValueSource;
  name?: AccountIdVariable;
}

/**
 * The account id: `--account-id`, then what a deploy's wrangler sees: `CLOUDFLARE_ACCOUNT_ID`, then
 * `CF_ACCOUNT_ID` (wrangler reads the older name only when the newer is not set), each from the
 * environment or else from `.env.dev-secrets` (dotenv does not override the environment). Empty counts
 * as absent.
 */
export function accountIdSource(
  flag: string | undefined,
  env: Env,
  secretsText: string | null,
): FoundAccountId | undefined {
  if (present(flag)) return { accountId: flag, source: '--account-id' };
  for (const name of ENV.accountId) {
    const value = env[name];
    if (present(value)) return { accountId: value, source: 'environment', name };
    const inFile = secretsText === null ? undefined : findEnvValue(secretsText, name)?.value;
    if (present(inFile)) return { accountId: inFile, source: SECRETS_FILE, name };
  }
  return undefined;
}

/** The value a deploy sees for each account variable (environment, else .env.dev-secrets), trimmed and lower-cased. */
export function accountVariables(
  env: Readonly<Record<string, string | undefined>>,
  secretsText: string | null,
): Partial<Record<AccountIdVariable, string>> {
  const vars: Partial<Record<AccountIdVariable, string>> = {};
  for (const name of ['CLOUDFLARE_ACCOUNT_ID', 'CF_ACCOUNT_ID'] as const) {
    const value = present(env[name]) ? env[name] : secretsText === null ? undefined : findEnvValue(secretsText, name)?.value;
    if (present(value)) vars[name] = value.trim().toLowerCase();
  }
  return vars;
}
