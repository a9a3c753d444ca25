import { createClient, type ClientConfig } from '../cloudflare/client.js';
import { LocalError } from '../errors.js';
import { readTokenShape, type TokenShape } from '../token/shape.js';
import type { AccountVariable, WranglerFacts } from '../project/wrangler-facts.js';
import { accountDisagreements } from '../project/wrangler-facts.js';
import { FAIL, text, TOKENS_PAGE, wranglerText } from './messages.js';
import { runChecks, type Report } from './run-checks.js';
import type { Target } from '../target.js';
import type { Check } from './types.js';
import { wranglerChecks } from './wrangler-checks.js';

/** What the engine is handed: how to reach Cloudflare, and the clock (for expiry dates). */
export interface CheckSettings extends ClientConfig {
  now(): Date;
}

export interface CheckTokenOptions {
  accountId: string | null;
  target: Target;
  /** Aborts everything (Ctrl-C in the wizard). */
  signal?: AbortSignal;
  /** Where the token came from, for the message when it is empty. */
  from?: string;
  /** Where accountId came from (`CF_ACCOUNT_ID`, `CLOUDFLARE_ACCOUNT_ID`, `--account-id`), for its fix line. */
  accountFrom?: string;
  /** What the project's wrangler configurations declare: more accounts, route zones (src/project/wrangler-facts.ts). */
  wrangler?: WranglerFacts | null;
  /** CLOUDFLARE_ACCOUNT_ID and CF_ACCOUNT_ID as a deploy sees them, to say when they disagree. */
  accountVars?: Partial<Record<AccountVariable, string>>;
}

/**
 * The whole run's limit, beyond the per-request timeout: retries included, a check never hangs a CI
 * job. Long enough for the two rounds at the per-request timeout the user chose.
 */
function runLimitMs(timeoutMs: number): number {
  return Math.max(60_000, 4 * timeoutMs);
}

/**
 * The engine both commands share: the token's shape first (no network), then the live checks.
 * A credential of the wrong kind is a failed check found without asking Cloudflare; an empty one is
 * no token at all (exit 2).
 */
export async function checkToken(settings: CheckSettings, rawToken: string, options: CheckTokenOptions): Promise<Report> {
  const shape = readTokenShape(rawToken);
  if (!shape.ok) {
    if (shape.kind === 'empty') throw new LocalError(`No token: ${options.from ?? 'CLOUDFLARE_API_TOKEN'} is empty.`);
    return {
      target: options.target,
      token: null,
      account: null,
      accountChoices: null,
      zone: null,
      checks: [{ id: 'token', title: 'Token is valid', key: null, required: true, status: 'fail', message: `${FAIL} ${shape.message}`, fix: fixFor(shape.kind) }],
      missing: [],
    };
  }
  const { now, ...config } = settings;
  const limit = AbortSignal.timeout(runLimitMs(config.timeoutMs));
  const client = createClient({
    ...config,
    token: shape.token,
    deadline: options.signal ? AbortSignal.any([options.signal, limit]) : limit,
  });
  const facts = options.wrangler ?? null;
  // With no account given, a service's account_id is where wrangler deploys it: the first one counts.
  const first = facts?.accounts[0];
  const accountId = options.accountId ?? first?.id ?? null;
  const accountFrom = options.accountId ? options.accountFrom : first?.from;
  const extra = facts ? facts.accounts.filter((a) => a.id !== accountId) : [];
  const named = facts && facts.accounts.length > 0 ? [...new Set([...(accountId ? [accountId] : []), ...facts.accounts.map((a) => a.id)])] : undefined;
  const [report, more] = await Promise.all([
    runChecks(client, { format: shape.format, accountId, target: options.target, now: now(), namedAccounts: named }),
    facts ? wranglerChecks(client, { accounts: extra, routeZones: facts.routeZones }) : Promise.resolve([]),
  ]);
  return withProjectChecks(report, [...disagreementChecks(facts, options.accountVars ?? {}), ...more], accountFrom);
}

function disagreementChecks(facts: WranglerFacts | null, vars: Partial<Record<AccountVariable, string>>): Check[] {
  return accountDisagreements(facts, vars).map(({ message, fix }) => ({
    id: 'account-source',
    title: 'Which account wrangler uses',
    key: null,
    required: false,
    status: 'warn',
    message,
    fix,
  }));
}

/**
 * The project's own checks go right after the account line; they are dropped when the token itself
 * failed (its other requests prove nothing then) or an account must be chosen first.
 */
function withProjectChecks(report: Report, extra: Check[], accountFrom: string | undefined): Report {
  for (const check of report.checks) {
    if (check.id === 'account' && check.status === 'fail' && check.fix === text.noAccountAccessFix) check.fix = wranglerText.noAccountAccessFix(accountFrom);
  }
  if (report.account && !report.account.access) report.account.from = accountFrom;
  // A token refused for the caller's address proves nothing on any other request either.
  const tokenFailed = report.checks.some((c) => (c.id === 'token' || c.id === 'client-ip') && c.status === 'fail');
  if (tokenFailed || report.accountChoices || extra.length === 0) return report;
  const at = report.checks.findIndex((c) => c.id === 'account');
  const checks = [...report.checks];
  checks.splice(at < 0 ? checks.length : at + 1, 0, ...extra);
  const missing = [...report.missing, ...extra.filter((c) => c.status === 'fail' && c.key).map((c) => c.key as string)];
  return { ...report, checks, missing: [...new Set(missing)] };
}

function fixFor(kind: Exclude<TokenShape, { ok: true }>['kind']): string {
  if (kind === 'not-a-token') {
    return 'Copy the token again from the page Cloudflare showed once after Create Token; if it is gone, roll the token (its menu → Roll) or create a new one.';
  }
  return `Create an API token (not a key) at ${TOKENS_PAGE} → Create Token → Create Custom Token, and use that.`;
}
