import { ENV } from '../env.js';
import { exitCodeOf } from '../checks/run-checks.js';
import { UnreachableError } from '../errors.js';
import { findEnvValue } from '../project/env-file.js';
import { SECRETS_FILE } from '../project/secrets-file.js';
import { renderCheckLines } from '../render/lines.js';
import { cleanToken, lastFour } from '../token/shape.js';
import type { Prompter, SelectOption } from '../ui/prompter.js';
import { chooseAccount } from './choose-account.js';
import { checkUnderSpinner, fixAdvice, type LiveCheckContext } from './live-check.js';

const [KEY] = ENV.token;

/** The token .env.dev-secrets already holds (the occurrence dotenv reads) and its line; null when none. */
export function savedToken(secretsText: string | null): { token: string; line: number } | null {
  const found = secretsText === null ? undefined : findEnvValue(secretsText, KEY);
  if (!found || found.value.trim() === '') return null;
  return { token: cleanToken(found.value), line: found.line };
}

type SavedTokenChoice = 'check' | 'replace' | 'quit';

const SAVED_TOKEN_CHOICES: SelectOption<SavedTokenChoice>[] = [
  { value: 'check', label: 'Check it', hint: 'ask Cloudflare whether it still passes; nothing is written' },
  { value: 'replace', label: 'Replace it', hint: 'create a new token and paste it' },
  { value: 'quit', label: 'Quit', hint: 'leave everything as it is' },
];

/**
 * A second run (like `gh auth login` when already logged in): say which token is saved, and where,
 * before anything else, and let the user check it, replace it or quit.
 */
export async function askAboutSavedToken(p: Prompter, saved: { token: string; line: number }, path: string): Promise<SavedTokenChoice> {
  p.log.info(`${SECRETS_FILE} already holds ${KEY} ${lastFour(saved.token)} (${path}, line ${saved.line}).`);
  return p.select<SavedTokenChoice>({ message: 'What do you want to do with it?', options: SAVED_TOKEN_CHOICES, initialValue: 'check' });
}

/**
 * "Check it": the live check of the saved token, its lines and, on failure, the fix; then the wizard
 * ends. Nothing is written. Returns doctor's exit code for the result.
 */
export async function checkSavedToken(p: Prompter, ctx: LiveCheckContext, token: string): Promise<0 | 1 | 3> {
  let accountId = ctx.accountId;
  for (;;) {
    const result = await checkUnderSpinner(p, ctx, token, accountId);
    if (result instanceof UnreachableError) {
      p.log.error(result.message);
      return 3;
    }
    if (result.accountChoices) {
      accountId = await chooseAccount(p, result.accountChoices);
      continue;
    }
    p.log.message(renderCheckLines(result.checks, { fixes: 'failed' }).join('\n'));
    const advice = fixAdvice(result, ctx.slug);
    if (advice.url) {
      p.log.message(advice.lines.join('\n'));
      p.url(advice.url);
    }
    return exitCodeOf(result);
  }
}
