import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleWorld } from '../../../src/stand-in/index.js';
import { project, runBin, type BinResult } from '../../support/bin.js';
import { useStandIn } from '../../support/stand-in.js';

// Hostile and careless input through the built bin: flags, mastrakit.config.json, the environment and
// what is piped to `setup --token-stdin`. Each case: its exit code and its one line. Every case also
// holds to: no stack trace, the token never echoed, nothing written unless the run succeeded.

const sample = sampleWorld();
const TOKEN = sample.tokens.complete.value;
const ACME = sample.account.id;
const standIn = useStandIn({ world: sample.world });

interface Case {
  /** doctor (token in .env.dev-secrets) or `setup --token-stdin --yes` (token piped). Default doctor. */
  via?: 'doctor' | 'stdin' | 'bare';
  args?: string[];
  env?: Record<string, string>;
  /** mastrakit.config.json's text; a folder with `{ folder: true }`. */
  config?: string | { folder: true };
  input?: string;
}

/** What the run must show: `stderr` is the whole of stderr (one line); `line` is one line of stdout. */
interface Expect {
  code: number;
  stderr?: string | RegExp;
  line?: string | RegExp;
}

const LONG_SEGMENT = 'A'.repeat(40);

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out[name] = statSync(path).isFile() ? readFileSync(path, 'latin1') : 'folder';
  }
  return out;
}

async function attempt(c: Case): Promise<{ result: BinResult; changed: boolean }> {
  const via = c.via ?? 'doctor';
  const cwd = project({
    ...(typeof c.config === 'string' ? { 'mastrakit.config.json': c.config } : c.config ? {} : { 'mastrakit.config.json': '{ "slug": "acme" }\n' }),
    '.env.dev-secrets': via === 'doctor' ? `CLOUDFLARE_API_TOKEN=${TOKEN}\nCF_ACCOUNT_ID=${ACME}\n` : `CF_ACCOUNT_ID=${ACME}\n`,
  });
  if (typeof c.config === 'object') mkdirSync(join(cwd, 'mastrakit.config.json'));
  const before = snapshot(cwd);
  const command = via === 'doctor' ? ['doctor'] : via === 'stdin' ? ['setup', '--token-stdin', '--yes'] : [];
  const result = await runBin([...command, ...(c.args ?? [])], {
    cwd,
    env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, ...c.env },
    input: c.input ?? '',
  });
  return { result, changed: JSON.stringify(snapshot(cwd)) !== JSON.stringify(before) };
}

function matches(text: string, what: string | RegExp): boolean {
  return typeof what === 'string' ? text === what : what.test(text);
}

const cases: Array<[string, Case, Expect]> = [
  // Flags
  ['an unknown flag', { args: ['--frobnicate'] }, { code: 2, stderr: "✖ unknown option '--frobnicate'. See `mastrakit doctor --help`." }],
  ['an unknown command', { via: 'bare', args: ['deploy'] }, { code: 2, stderr: "✖ unknown command 'deploy'. The commands are `setup` and `doctor` (see `mastrakit --help`)." }],
  ['an unknown option before any command', { via: 'bare', args: ['--verbose'] }, { code: 2, stderr: "✖ unknown option '--verbose'. Run `mastrakit --help` for the commands." }],
  ['a token typed as an argument is not echoed', { args: [TOKEN] }, { code: 2, stderr: /^✖ this command takes options only, not arguments \(a token goes in the environment, \.env\.dev-secrets or --token-stdin\)\. See/ }],
  ['a token typed as a flag is not echoed', { args: [`--${TOKEN}`] }, { code: 2, stderr: '✖ unknown option. See `mastrakit doctor --help`.' }],
  ['a flag that needs a value, without one', { args: ['--key'] }, { code: 2, stderr: '✖ --key needs a value. See `mastrakit doctor --help`.' }],
  ['a boolean flag given a value', { args: ['--json=yes'] }, { code: 2, stderr: /^✖ --json does not take a value\./ }],
  ['--domain with a scheme: refused', { args: ['--domain', 'https://example.com'] }, { code: 2, stderr: '✖ --domain: Drop the https:// and enter just the host name: example.com.' }],
  ['--domain with a path: refused', { args: ['--domain', 'example.com/app'] }, { code: 2, stderr: '✖ --domain: Enter just the host name, without a path: example.com.' }],
  ['--domain with a port: refused', { args: ['--domain', 'example.com:8443'] }, { code: 2, stderr: '✖ --domain: Leave out the port (:8443) and enter just example.com.' }],
  ['--domain an IPv4 address: refused', { args: ['--domain', '192.0.2.10'] }, { code: 2, stderr: /^✖ --domain: That is an IP address; a custom domain is a host name/ }],
  ['--domain an IPv6 address: refused', { args: ['--domain', '[2001:db8::1]'] }, { code: 2, stderr: /^✖ --domain: That is an IP address/ }],
  ['--domain in unicode: refused, punycode suggested', { args: ['--domain', 'bücher.example'] }, { code: 2, stderr: '✖ --domain: Use the punycode form of this name: xn--bcher-kva.example.' }],
  ['--domain with an underscore: refused', { args: ['--domain', 'my_app.example.com'] }, { code: 2, stderr: '✖ --domain: Host names cannot contain underscores (_).' }],
  ['--domain a single label: refused', { args: ['--domain', 'localhost'] }, { code: 2, stderr: /^✖ --domain: localhost is a single label/ }],
  ['--domain uppercase with a trailing dot: normalised', { args: ['--domain', 'Example.COM.'] }, { code: 0, line: 'Removed the trailing dot and lower-cased: example.com.' }],
  ['--domain-style typo: refused with a suggestion', { args: ['--domain-style', 'nestd'] }, { code: 2, stderr: "✖ --domain-style must be `flat` or `nested`, not 'nestd'. Did you mean `nested`?" }],
  ['--domain-style in capitals: refused with a suggestion', { args: ['--domain-style', 'Flat'] }, { code: 2, stderr: "✖ --domain-style must be `flat` or `nested`, not 'Flat'. Did you mean `flat`?" }],
  ['--domain and --no-domain together', { args: ['--domain', 'example.com', '--no-domain'] }, { code: 2, stderr: '✖ --domain and --no-domain contradict each other: give one.' }],
  ['--account-id not 32 hex', { args: ['--account-id', 'acme'] }, { code: 2, stderr: /^✖ --account-id must be a 32-character account id/ }],
  ['--timeout zero', { args: ['--timeout', '0'] }, { code: 2, stderr: "✖ --timeout must be a number of seconds above 0 and at most 600, not '0'." }],
  ['--for a typo', { args: ['--for', 'redeplyo'] }, { code: 2, stderr: "✖ --for must be `deploy` or `redeploy`, not 'redeplyo'." }],
  ['--cwd a folder that does not exist', { args: ['--cwd', 'nowhere'] }, { code: 2, stderr: /^✖ The project folder \/.*\/nowhere does not exist or is not a folder\.$/ }],
  // mastrakit.config.json
  ['config that is not JSON', { config: '{ "slug": acme }\n' }, { code: 2, stderr: /^✖ \/.*mastrakit\.config\.json is not valid JSON: Unexpected token 'a'( \(line 1, column 11\))?\.$/ }],
  ['config that is a JSON array', { config: '[]' }, { code: 2, stderr: /mastrakit\.config\.json must hold a JSON object, like \{"slug": "acme"\}\.$/ }],
  ['config with a number for domain', { config: '{ "domain": 42 }' }, { code: 2, stderr: /mastrakit\.config\.json: "domain" must be a host name string, or null for \*\.workers\.dev\.$/ }],
  ['config with a domainStyle typo', { config: '{ "domainStyle": "nestd" }' }, { code: 2, stderr: /mastrakit\.config\.json: "domainStyle" must be "flat" or "nested"\.$/ }],
  ['config with a slug in capitals and spaces', { config: '{ "slug": "Acme App" }' }, { code: 2, stderr: /mastrakit\.config\.json: "slug" must be 1 to 58 of a-z, 0-9 and inner hyphens/ }],
  ['config domain with a scheme', { config: '{ "domain": "https://example.com" }' }, { code: 2, stderr: '✖ mastrakit.config.json "domain": Drop the https:// and enter just the host name: example.com.' }],
  ['config that is a folder', { config: { folder: true } }, { code: 2, stderr: /^✖ mastrakit\.config\.json at \/.* is a folder, not a file\.$/ }],
  // Pasted tokens (setup --token-stdin)
  ['a token with a newline in the middle', { via: 'stdin', args: ['--no-domain'], input: `${TOKEN.slice(0, 20)}\n${TOKEN.slice(20)}\n` }, { code: 1, line: '❌ this is not an API token: it has a line break in the middle (copy the token again, on its own)' }],
  ['a 2 MB paste', { via: 'stdin', args: ['--no-domain'], input: 'x'.repeat(2 * 1024 * 1024) }, { code: 2, stderr: '✖ More than 64 KiB arrived on standard input: that is not a token. Pipe in the token alone.' }],
  ['control characters in the token', { via: 'stdin', args: ['--no-domain'], input: `${TOKEN.slice(0, 30)}\u0007\u001b${TOKEN.slice(30)}` }, { code: 1, line: '❌ this is not an API token: it holds control characters (copy the token again)' }],
  ['nothing piped: no token (exit 2, like doctor without one)', { via: 'stdin', args: ['--no-domain'], input: '' }, { code: 2, stderr: '✖ No token: the token on standard input is empty.' }],
  ['a Global API Key piped', { via: 'stdin', args: ['--no-domain'], input: '0123456789abcdef0123456789abcdef01234\n' }, { code: 1, line: '❌ this is a Global API Key, not an API token' }],
  ['"Bearer <token>" in quotes: cleaned and saved', { via: 'stdin', args: ['--no-domain'], input: `  "Bearer ${TOKEN}"\r\n` }, { code: 0, line: /^✔ .*CLOUDFLARE_API_TOKEN/ }],
  // The environment
  ['CLOUDFLARE_API_TOKEN with a newline in the middle', { env: { CLOUDFLARE_API_TOKEN: `${TOKEN.slice(0, 25)}\n${TOKEN.slice(25)}` } }, { code: 1, line: '❌ this is not an API token: it has a line break in the middle (copy the token again, on its own)' }],
  ['CLOUDFLARE_API_TOKEN with a trailing newline: cleaned', { env: { CLOUDFLARE_API_TOKEN: `${TOKEN}\n` }, args: ['--no-domain'] }, { code: 0, line: '✔ CLOUDFLARE_API_TOKEN is ready to deploy.' }],
  ['CLOUDFLARE_API_BASE_URL plain http to another host: refused', { env: { CLOUDFLARE_API_BASE_URL: 'http://api.example.com/client/v4' } }, { code: 2, stderr: '✖ CLOUDFLARE_API_BASE_URL uses plain http:// for api.example.com; use https:// so the token travels encrypted (http is allowed only for 127.0.0.1, ::1 and localhost).' }],
  ['CLOUDFLARE_API_BASE_URL with credentials: refused', { env: { CLOUDFLARE_API_BASE_URL: 'https://me:hunter2@api.cloudflare.com/client/v4' } }, { code: 2, stderr: '✖ CLOUDFLARE_API_BASE_URL must not hold a user name or password; the API token is sent in a header.' }],
  ['CLOUDFLARE_API_BASE_URL not a URL: refused', { env: { CLOUDFLARE_API_BASE_URL: 'api.cloudflare.com/client/v4' } }, { code: 2, stderr: '✖ CLOUDFLARE_API_BASE_URL is not a URL; expected something like https://api.cloudflare.com/client/v4.' }],
  ['setup --token-stdin with a plain-http base: refused before reading stdin', { via: 'stdin', input: TOKEN, env: { CLOUDFLARE_API_BASE_URL: 'http://10.0.0.8/client/v4' } }, { code: 2, stderr: /^✖ CLOUDFLARE_API_BASE_URL uses plain http:\/\/ for 10\.0\.0\.8;/ }],
  ['MASTRAKIT_HTTP_TIMEOUT not a number', { env: { MASTRAKIT_HTTP_TIMEOUT: 'soon' } }, { code: 2, stderr: '✖ MASTRAKIT_HTTP_TIMEOUT must be a number of seconds above 0 and at most 600.' }],
  ['HTTPS_PROXY that is not a URL', { env: { HTTPS_PROXY: 'http://', CLOUDFLARE_API_BASE_URL: 'https://api.cloudflare.com/client/v4' } }, { code: 2, stderr: '✖ HTTPS_PROXY is not a proxy URL; expected something like http://proxy.example:8080.' }],
];

describe('hostile and careless input, through the built bin', () => {
  it.concurrent.each(cases)('%s', async (_name, c, want) => {
    const { result, changed } = await attempt(c);
    const shown = `code ${result.code}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`;
    expect(result.code, shown).toBe(want.code);
    if (want.stderr !== undefined) expect(matches(result.stderr.trimEnd(), want.stderr), shown).toBe(true);
    if (want.line !== undefined) expect(result.stdout.split('\n').some((l) => matches(l.trim(), want.line as string | RegExp)), shown).toBe(true);
    if (want.code === 2) expect(result.stdout, shown).toBe('');
    expect(result.stderr).not.toMatch(/\n\s+at |TypeError|unexpected error/);
    expect(result.stdout + result.stderr).not.toContain(TOKEN.slice(5, 25));
    expect(changed, shown).toBe(want.code === 0 && c.via === 'stdin');
  });
});

describe('CLOUDFLARE_API_BASE_URL with a path that does not end in /client/v4', () => {
  it.concurrent('warns in one ⚠ line, then uses it as given', async () => {
    const base = standIn.baseUrl.replace('/client/v4', '/api');
    const { result } = await attempt({ env: { CLOUDFLARE_API_BASE_URL: base }, args: ['--no-domain'] });
    const [warning, ...rest] = result.stderr.trimEnd().split('\n');
    expect(warning).toBe(`⚠ CLOUDFLARE_API_BASE_URL path /api does not end in /client/v4; requests go to ${base}/user/tokens/verify and the like.`);
    // Like Cloudflare, the stand-in cannot route outside /client/v4 (404, code 7003): that is the API not
    // being there (exit 3), not the token being refused.
    expect(rest).toEqual(['✖ The API at CLOUDFLARE_API_BASE_URL has no /user/tokens/verify (HTTP 404): check that it ends in /client/v4.']);
    expect(result.code).toBe(3);
    expect(standIn.requests.some((r) => r.path === '/api/user/tokens/verify')).toBe(true);
  });

  it.concurrent('never echoes a path segment long enough to be a pasted token', async () => {
    const base = standIn.baseUrl.replace('/client/v4', `/${LONG_SEGMENT}`);
    const { result } = await attempt({ env: { CLOUDFLARE_API_BASE_URL: base }, args: ['--no-domain', '--json'] });
    const [warning] = result.stderr.split('\n');
    expect(warning).toBe(`⚠ CLOUDFLARE_API_BASE_URL has a path that does not end in /client/v4; requests go to that path on 127.0.0.1:${standIn.port} (…/user/tokens/verify and the like).`);
    expect(result.stderr).not.toContain(LONG_SEGMENT);
    // --json keeps stdout one JSON document: the warning is on stderr.
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false });
  });
});
