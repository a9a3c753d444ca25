/** The process environment as Deps carries it; modules read only what they are handed. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Every environment variable mastrakit reads by name, each declared once here (as wrangler declares
 * its own in one table). Where an idea has several names, the first set one wins, in this order.
 * Across places, the environment wins over `.env.dev-secrets` (dotenv does not override); see
 * project/secrets-file.ts for how the token's and the account id's names and places interleave.
 * Not here: the conventions of other tools, read where they are used (CI, SSH_*, DISPLAY for the
 * browser in wizard/open-token-page.ts; FORCE_COLOR, NO_COLOR, TERM in cli.ts).
 */
export const ENV = {
  /** The token: the current name, then wrangler's legacy one. */
  token: ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'],
  /**
   * The account id, in wrangler's order: CF_ACCOUNT_ID is its deprecated name, read only when
   * CLOUDFLARE_ACCOUNT_ID is not set (packages/wrangler/src/user/auth-variables.ts). setup saves the
   * docs page's name, CF_ACCOUNT_ID (wizard/save.ts).
   */
  accountId: ['CLOUDFLARE_ACCOUNT_ID', 'CF_ACCOUNT_ID'],
  /** The API base, replacing the whole of https://api.cloudflare.com/client/v4 (wrangler's name). */
  baseUrl: ['CLOUDFLARE_API_BASE_URL'],
  /** Seconds to wait for each answer; --timeout wins over it. */
  timeout: ['MASTRAKIT_HTTP_TIMEOUT'],
  /** Any value: an unexpected error prints its stack. */
  debug: ['MASTRAKIT_DEBUG'],
  /** Proxies, lower case first, as curl and undici read them. */
  httpProxy: ['http_proxy', 'HTTP_PROXY'],
  httpsProxy: ['https_proxy', 'HTTPS_PROXY'],
  noProxy: ['no_proxy', 'NO_PROXY'],
} as const;

export type TokenVariable = (typeof ENV.token)[number];
export type AccountIdVariable = (typeof ENV.accountId)[number];

/** A variable counts as set only when it holds something other than blanks. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
