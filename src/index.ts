import { Writable } from 'node:stream';
import { main } from './main.js';
import { realDeps } from './real-deps.js';
import { errorJson, type reportJson } from './render/json.js';

/**
 * The programmatic API: `import { checkToken } from 'mastrakit'`. The same checks as
 * `mastrakit doctor --key CLOUDFLARE_API_TOKEN --json`, answering the same document, so that a deploy
 * script can refuse to start with a token that would fail. It prints nothing and never throws for an
 * expected failure (that is `{ ok: false, error }`).
 */

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'error';

interface CheckResult {
  /** `token`, `accounts`, `account`, a permission row id (`dns-edit`), or a project check (`wrangler-account`, `workers-routes-edit`, `account-source`). */
  id: string;
  title: string;
  /** The permission key for permission checks (`com.cloudflare.edge.dns.write`); null otherwise. */
  key: string | null;
  /** Cloudflare's API name and published id of the permission group (`Workers Scripts Write`); null for checks that are not a permission row. */
  permissionGroup: { name: string; id: string | null } | null;
  required: boolean;
  status: CheckStatus;
  /** The line as doctor prints it, with its mark (`✔`, `❌`, `⚠`). */
  message: string;
  fix: string | null;
}

/** Every check ran (or could not, for a reason each check says). */
export interface TokenReport {
  /** The document's shape (README, `doctor --json`); raised only when a field is removed or changes meaning. */
  schemaVersion: number;
  /** mastrakit's version. */
  version: string;
  /** True exactly when doctor would exit 0: every required check passes. */
  ok: boolean;
  key: string;
  /** Where the token came from. */
  source: 'environment' | '.env.dev-secrets' | 'stdin' | 'prompt';
  token: { id: string | null; status: string | null; kind: 'user' | 'account'; expiresOn: string | null } | null;
  account: { id: string; name: string | null; access: boolean } | null;
  checks: CheckResult[];
  /** The keys of the failed permission checks. */
  missing: string[];
  /** Warnings about the run rather than a check (the environment's token is not the file's, say). */
  warnings: string[];
}

/** Nothing was checked: no token, a bad option, Cloudflare unreachable, several accounts and none chosen. */
export interface TokenReportError {
  schemaVersion: number;
  version: string;
  ok: false;
  /** The one-line message doctor prints. */
  error: string;
  /** When the token reaches several accounts and none was named: pass one as `accountId`. */
  accounts?: { id: string; name: string }[];
}

export interface CheckTokenOptions {
  /** The project folder (mastrakit.config.json, .env.dev-secrets, wrangler files); default the current folder. */
  cwd?: string;
  /** The environment to read, as doctor reads process.env; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The token to check; default as doctor finds it (CLOUDFLARE_API_TOKEN in env, then .env.dev-secrets). */
  token?: string;
  /** A custom domain, or null for *.workers.dev; default mastrakit.config.json. */
  domain?: string | null;
  domainStyle?: 'flat' | 'nested';
  /** 32 hex; default --account-id's sources (CLOUDFLARE_ACCOUNT_ID, CF_ACCOUNT_ID, wrangler files). */
  accountId?: string;
  /** `redeploy` requires only Workers Scripts: Edit. Default `deploy`. */
  for?: 'deploy' | 'redeploy';
  /** Per-request timeout in seconds; default MASTRAKIT_HTTP_TIMEOUT, else 8. */
  timeoutSeconds?: number;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export async function checkToken(options: CheckTokenOptions = {}): Promise<TokenReport | TokenReportError> {
  const env: Record<string, string | undefined> = { ...(options.env ?? process.env) };
  // Annotations and the step summary belong to the doctor command in a workflow, not to a library call.
  delete env.GITHUB_ACTIONS;
  if (options.token !== undefined) {
    env.CLOUDFLARE_API_TOKEN = options.token;
    if (options.token.trim() === '') return errorJson('No token: the token given to checkToken is empty.');
  }
  // The token goes in the environment copy, never in the argument list.
  const argv = ['doctor', '--json', '--key', 'CLOUDFLARE_API_TOKEN'];
  // `--name=value`, so that a value starting with `-` is judged as that option's value, never read as a flag.
  if (options.cwd !== undefined) argv.push(`--cwd=${options.cwd}`);
  if (options.domain === null) argv.push('--no-domain');
  else if (options.domain !== undefined) argv.push(`--domain=${options.domain}`);
  if (options.domainStyle) argv.push(`--domain-style=${options.domainStyle}`);
  if (options.accountId !== undefined) argv.push(`--account-id=${options.accountId}`);
  if (options.for) argv.push(`--for=${options.for}`);
  if (options.timeoutSeconds !== undefined) argv.push(`--timeout=${String(options.timeoutSeconds)}`);
  const stdout = new Capture();
  const deps = { ...realDeps(new Set(), env), stdout, stderr: new Capture() };
  await main(argv, deps);
  // Typed as the functions that print the document: if its shape moves, the types above must follow (a compile error here).
  const document = JSON.parse(stdout.text) as ReturnType<typeof reportJson> | ReturnType<typeof errorJson>;
  return document;
}
