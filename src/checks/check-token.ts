import { createClient, type ClientConfig } from '../cloudflare/client.js';
import { LocalError } from '../errors.js';
import { judgeToken, type ShapeVerdict } from '../token/shape.js';
import { FAIL, TOKENS_PAGE } from './messages.js';
import { runChecks, type Report } from './run-checks.js';
import type { Target } from '../target.js';

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
}

/**
 * The whole run's limit, beyond the per-request timeout: retries included, a check never hangs a CI
 * job. Long enough for the two rounds at the per-request timeout the user chose.
 */
export function runLimitMs(timeoutMs: number): number {
  return Math.max(60_000, 4 * timeoutMs);
}

/**
 * The engine both commands share: the token's shape first (no network), then the live checks.
 * A credential of the wrong kind is a failed check found without asking Cloudflare; an empty one is
 * no token at all (exit 2).
 */
export async function checkToken(settings: CheckSettings, rawToken: string, options: CheckTokenOptions): Promise<Report> {
  const shape = judgeToken(rawToken);
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
  return runChecks(client, { format: shape.format, accountId: options.accountId, target: options.target, now: now() });
}

function fixFor(kind: Exclude<ShapeVerdict, { ok: true }>['kind']): string {
  if (kind === 'not-a-token') {
    return 'Copy the token again from the page Cloudflare showed once after Create Token; if it is gone, roll the token (its menu → Roll) or create a new one.';
  }
  return `Create an API token (not a key) at ${TOKENS_PAGE} → Create Token → Create Custom Token, and use that.`;
}
