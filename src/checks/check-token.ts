import { resolveBaseUrl } from '../cloudflare/base-url.js';
import { createClient } from '../cloudflare/client.js';
import { resolveTimeoutMs } from '../cloudflare/timeout.js';
import type { Deps } from '../deps.js';
import { judgeToken } from '../token/shape.js';
import { USER_AGENT } from '../version.js';
import { runChecks, type Report } from './run-checks.js';
import type { Target } from './types.js';

export interface CheckTokenOptions {
  accountId: string | null;
  target: Target;
  /** Per-request timeout; default MASTRAKIT_HTTP_TIMEOUT from the environment, else 8 s. */
  timeoutMs?: number;
  /** Aborts everything (the whole-run timeout, or Ctrl-C in the wizard). */
  signal?: AbortSignal;
}

/**
 * The engine both commands share: the token's shape first (no network), then the live checks.
 * A credential of the wrong kind is a failed check found without asking Cloudflare.
 */
export async function checkToken(deps: Deps, rawToken: string, options: CheckTokenOptions): Promise<Report> {
  const shape = judgeToken(rawToken);
  if (!shape.ok) {
    return {
      target: options.target,
      token: null,
      account: null,
      accountChoices: null,
      checks: [{ id: 'token', title: 'Token is valid', key: null, required: true, status: 'fail', message: `❌ ${shape.message}`, fix: wrongKindFix }],
      missing: [],
    };
  }
  const { url } = resolveBaseUrl(deps.env);
  const client = createClient({
    baseUrl: url,
    token: shape.token,
    fetch: deps.fetch,
    sleep: deps.sleep,
    userAgent: USER_AGENT,
    timeoutMs: options.timeoutMs ?? resolveTimeoutMs(deps.env),
    deadline: options.signal,
  });
  return runChecks(client, { format: shape.format, accountId: options.accountId, target: options.target, now: deps.now() });
}

const wrongKindFix =
  'Create an API token (not a key) at dash.cloudflare.com/profile/api-tokens → Create Token → Create Custom Token, and use that.';
