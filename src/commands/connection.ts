import kleur from 'kleur';
import type { CheckSettings } from '../checks/check-token.js';
import { resolveBaseUrl } from '../cloudflare/base-url.js';
import { resolveTimeoutMs } from '../cloudflare/timeout.js';
import type { Deps } from '../deps.js';
import { USER_AGENT } from '../version.js';

/**
 * How to reach Cloudflare, resolved once per command before anything else runs, and handed to the
 * engine: the engine never reads the environment. A refused CLOUDFLARE_API_BASE_URL or
 * MASTRAKIT_HTTP_TIMEOUT is exit 2 before any prompt or read of stdin; a doubtful base URL (no
 * /client/v4) is one `⚠` line on stderr. --timeout (seconds) wins over MASTRAKIT_HTTP_TIMEOUT, which
 * is then not read.
 */
export function resolveConnection(
  deps: Pick<Deps, 'env' | 'stderr' | 'fetch' | 'sleep' | 'now'>,
  timeoutSeconds: number | undefined,
): CheckSettings {
  const { url, warning } = resolveBaseUrl(deps.env);
  if (warning) deps.stderr.write(`${kleur.yellow('⚠')} ${warning}\n`);
  const timeoutMs = timeoutSeconds === undefined ? resolveTimeoutMs(deps.env) : timeoutSeconds * 1000;
  return { baseUrl: url, timeoutMs, fetch: deps.fetch, sleep: deps.sleep, userAgent: USER_AGENT, now: deps.now };
}
