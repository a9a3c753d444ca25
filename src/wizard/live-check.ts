import { checkToken, type CheckSettings, type CheckTokenOptions } from '../checks/check-token.js';
import { WORKERS_ROUTES_EDIT } from '../permissions/wrangler-rows.js';
import { text } from '../checks/messages.js';
import { closingAdvice, exitCodeOf, type Report } from '../checks/run-checks.js';
import type { Target } from '../target.js';
import { UnreachableError } from '../errors.js';
import { needsAdvancedCertificate, PERMISSION_ROWS, rowsFor, type PermissionRow } from '../permissions/rows.js';
import { hostNames } from '../project/hostname.js';
import { templateUrl, tokenName } from '../permissions/template-url.js';
import { renderCheckLines } from '../render/lines.js';
import type { Prompter, SelectOption } from '../ui/prompter.js';
import { askAccountId, chooseAccount } from './choose-account.js';
import { pasteToken } from './paste-token.js';

type Validated =
  /** Every required check passes. */
  | { kind: 'passed'; token: string; report: Report }
  /** The user chose to save a token that fails (exit 1) or could not be checked (exit 3). */
  | { kind: 'save-anyway'; token: string; report: Report | null; code: 1 | 3 }
  /** The user quit without saving. */
  | { kind: 'quit'; code: 1 | 3 };


/** The question after a failed or unfinished check (the demo recognises it to print its reminder first). */
export const FAILURE_QUESTION = {
  failed: 'The token fails a check. What now?',
  unfinished: 'The token could not be fully checked. What now?',
} as const;

type FailureChoice = 'again' | 'paste' | 'save' | 'quit';

export interface LiveCheckContext {
  /** How to reach Cloudflare, resolved by the command. */
  connection: CheckSettings;
  target: Target;
  slug: string;
  /** From --account-id, the environment or .env.dev-secrets; null to learn it from the token. */
  accountId: string | null;
  /** The zone the permission table assumed (public suffix list); null for *.workers.dev. */
  zoneGuess?: string | null;
  /** What the project's wrangler configurations add (accounts, route zones), and where the account id came from. */
  project?: Pick<CheckTokenOptions, 'wrangler' | 'accountVars' | 'accountFrom'>;
}

/** The rows behind the failed permission checks. */
function missingRows(report: Report): PermissionRow[] {
  return [...PERMISSION_ROWS, WORKERS_ROUTES_EDIT].filter((row) => report.missing.includes(row.key));
}

/**
 * The table took the zone from the public suffix list; the live check found the real one. When they
 * differ, say so, and what it changes for SSL and Certificates: Edit.
 */
function zoneCorrection(ctx: Pick<LiveCheckContext, 'target' | 'zoneGuess'>, report: Report): string | null {
  const { target, zoneGuess } = ctx;
  const real = report.zone?.name;
  if (!real || !zoneGuess || real === zoneGuess || target.domain === null) return null;
  const before = needsAdvancedCertificate({ ...target, zoneApex: zoneGuess });
  const after = needsAdvancedCertificate({ ...target, zoneApex: real });
  const host = hostNames(target.slug, target.domain)[target.domainStyle];
  const consequence =
    before === after
      ? 'the rows stay the same.'
      : after
        ? `${host} is two or more levels below it, so the token needs SSL and Certificates: Edit after all.`
        : `${host} is one level below it, covered by Universal SSL: SSL and Certificates: Edit is not needed after all.`;
  return `The zone of ${target.domain} is ${real}, not ${zoneGuess} as the table assumed: ${consequence}`;
}

/**
 * What failed, for the menu: a token Cloudflare does not accept at all (invalid, revoked, mistyped), one
 * it knows but will not use (expired, disabled), or something an edit of the token can fix.
 */
type FailureKind = 'invalid' | 'dead' | 'editable' | 'unreachable';

function failureKind(report: Report | null): FailureKind {
  if (!report) return 'unreachable';
  const token = report.checks.find((c) => c.id === 'token' && c.status === 'fail');
  if (token?.fix === text.invalidTokenFix) return 'invalid';
  if (token?.fix === text.expiredFix || token?.fix === text.disabledFix) return 'dead';
  return exitCodeOf(report) === 3 ? 'unreachable' : 'editable';
}

/**
 * The choices after a failed or unfinished check, the likeliest first (it is the default). Editing
 * cannot bring back an invalid or expired token, so pasting another leads there; an invalid token is
 * never offered for saving, since no deploy can ever use it.
 */
function failureChoices(kind: FailureKind): SelectOption<FailureChoice>[] {
  const again: SelectOption<FailureChoice> = {
    value: 'again',
    label: 'Check again',
    hint: kind === 'unreachable' ? 'ask Cloudflare again' : kind === 'dead' ? 'after enabling it in the dashboard' : 'after editing it in the dashboard',
  };
  const paste: SelectOption<FailureChoice> = { value: 'paste', label: 'Paste another token' };
  const save: SelectOption<FailureChoice> = { value: 'save', label: 'Save anyway', hint: 'the deploy will fail until the token is fixed' };
  const quit: SelectOption<FailureChoice> = { value: 'quit', label: 'Quit without saving' };
  if (kind === 'invalid') return [paste, again, quit];
  if (kind === 'dead') return [paste, again, save, quit];
  return [again, paste, save, quit];
}

/**
 * What to do about the failed rows: first the docs page's fix procedure (edit the token you have), then,
 * as the other way, a new-token form with every row of this deploy (a new token holding only the missing
 * rows would fail on the others), under another name than the existing token's.
 */
export function fixAdvice(report: Report, slug: string): { lines: string[]; url: string | null } {
  const closing = closingAdvice(report);
  if (closing !== null && report.account && !report.account.access) return { lines: [closing], url: null };
  if (missingRows(report).length === 0) return { lines: [], url: null };
  const name = newTokenName(slug);
  return {
    lines: [
      text.fixProcedure,
      `Or create a new token instead, named ${name}, every row pre-filled; then choose "Paste another token":`,
    ],
    // The rows of this deploy at the zone the check found (it decides whether SSL is one of them).
    url: templateUrl(rowsFor({ ...report.target, zoneApex: report.zone?.name ?? null }), name),
  };
}

/** The name on the new-token form offered after a failure: the usual name with a suffix, so the two tokens are told apart. */
function newTokenName(slug: string): string {
  return `${tokenName(slug)}-2`;
}

/** One live check under the spinner; an unreachable Cloudflare is returned, not thrown. */
export async function checkUnderSpinner(p: Prompter, ctx: LiveCheckContext, token: string, accountId: string | null): Promise<Report | UnreachableError> {

  return p.spin(
    'Checking the token with Cloudflare',
    (signal) =>
      checkToken(ctx.connection, token, {
        ...ctx.project,
        accountId,
        target: ctx.target,
        signal,
      }).catch((error: unknown) => {
        if (error instanceof UnreachableError) return error;
        throw error;
      }),
    (result) => {
      if (result instanceof UnreachableError) return 'Could not finish checking the token';
      // The account question follows at once and says what was found: an empty heading would precede it.
      return result.accountChoices ? null : 'Checked the token with Cloudflare';
    },
  );
}

/**
 * Steps 6 and 7: check the token live, show each check, and on failure let the user check again,
 * paste another token, save anyway or quit. Asks for the account when the token reaches several.
 */
export async function liveCheck(p: Prompter, ctx: LiveCheckContext, firstToken: string): Promise<Validated> {
  let token = firstToken;
  let accountId = ctx.accountId;
  for (;;) {
    const result = await checkUnderSpinner(p, ctx, token, accountId);
    let report: Report | null = null;
    let code: 0 | 1 | 3;
    if (result instanceof UnreachableError) {
      p.log.error(result.message);
      code = 3;
    } else {
      report = result;
      if (report.accountNeeded) {
        accountId = await askAccountId(p);
        continue;
      }
      if (report.accountChoices) {
        accountId = await chooseAccount(p, report.accountChoices);
        continue;
      }
      const corrected = zoneCorrection(ctx, report);
      if (corrected) p.log.info(corrected);
      p.log.message(renderCheckLines(report.checks, { fixes: 'failed' }).join('\n'));
      code = exitCodeOf(report);
      if (code === 0) return { kind: 'passed', token, report };
      const advice = fixAdvice(report, ctx.slug);
      if (advice.lines.length > 0) p.log.message(advice.lines.join('\n'));
      if (advice.url) p.url(advice.url);
      if (code === 3) p.log.warn('Some checks could not run because Cloudflare could not be asked.');
    }
    const options = failureChoices(failureKind(report));
    const choice = await p.select<FailureChoice>({
      message: code === 1 ? FAILURE_QUESTION.failed : FAILURE_QUESTION.unfinished,
      options,
      initialValue: options[0]?.value,
    });
    switch (choice) {
      case 'again':
        continue;
      case 'paste':
        token = await pasteToken(p);
        continue;
      case 'save':
        p.log.warn('Saving a token that does not pass every check: the deploy fails until it is fixed.');
        return { kind: 'save-anyway', token, report, code };
      case 'quit':
        return { kind: 'quit', code };
    }
  }
}
