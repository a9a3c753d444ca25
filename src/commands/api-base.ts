import kleur from 'kleur';
import { resolveBaseUrl } from '../cloudflare/base-url.js';
import type { Deps } from '../deps.js';

/**
 * CLOUDFLARE_API_BASE_URL, judged before anything else runs: a refused one is exit 2 before any
 * prompt or read of stdin, and a doubtful one (no /client/v4) is one `⚠` line on stderr.
 */
export function checkApiBase(deps: Pick<Deps, 'env' | 'stderr'>): void {
  const { warning } = resolveBaseUrl(deps.env);
  if (warning) deps.stderr.write(`${kleur.yellow('⚠')} ${warning}\n`);
}
