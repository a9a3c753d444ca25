import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MAX_PAGES } from '../../../src/cloudflare/list-all.js';
import { main } from '../../../src/main.js';
import { sampleWorld, startStandIn } from '../../../src/stand-in/index.js';
import { testDeps } from '../../support/deps.js';
import { registerSecret } from '../../support/secret-scan.js';
import { makeProject, removeProjects, runScripted } from '../../wizard/harness.js';
import { ACCOUNT_ID, failed, ok, startHostile, TOKEN_ID, type HostileServer, type Override } from './hostile-cloudflare.js';

// Servers that answer with hostile content (a proxy, a mirror set with CLOUDFLARE_API_BASE_URL, or
// whoever owns an account the token reaches): mastrakit in-process through main(), against a real
// local server that answers what an attacker would. Each case: the exit code and the exact line.

const TOKEN = 'cfut_Hq3vN7mX4kP2rT9yW1bC5dF8gH6jL0sA3eQ7uI2o9f8e7d6c';
registerSecret(TOKEN);

const servers: HostileServer[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  removeProjects();
});
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

async function hostile(override: Override, host?: string): Promise<HostileServer> {
  const server = await startHostile(override, host);
  servers.push(server);
  return server;
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mastrakit-hostile-'));
  folders.push(dir);
  writeFileSync(join(dir, 'mastrakit.config.json'), '{ "slug": "acme" }\n');
  return dir;
}

interface Run {
  code: number;
  out: string;
  err: string;
}

/** `doctor --no-domain --account-id <ACCOUNT_ID>` against the server, unless `args` say otherwise. */
async function doctor(server: HostileServer, args: string[] = ['--account-id', ACCOUNT_ID], env: Record<string, string> = {}): Promise<Run> {
  const dir = folder();
  const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: server.baseUrl, CLOUDFLARE_API_TOKEN: TOKEN, ...env }, cwd: dir });
  const code = await main(['doctor', '--cwd', dir, '--no-domain', ...args], deps);
  return { code, out: deps.out(), err: deps.err() };
}

/** Anything a terminal would act on: C0 but newline, DEL, C1, bidi controls, line separators (colours aside). */
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const noColour = (text: string) => text.replace(/\u001b\[\d+(;\d+)*m/g, '');

function lines(text: string): string[] {
  return noColour(text).split('\n');
}

const verifyAnswer = (result: unknown): Override => (_m, path) => (path === '/user/tokens/verify' ? { json: ok(result) } : undefined);
const accountNamed = (name: string): Override => (_m, path) => (path === `/accounts/${ACCOUNT_ID}` ? { json: ok({ id: ACCOUNT_ID, name }) } : undefined);

/** The hint every "not Cloudflare's JSON" line ends with, for a base that is not api.cloudflare.com. */
const HINT = 'check that CLOUDFLARE_API_BASE_URL points at the Cloudflare API, and HTTPS_PROXY';

describe('terminal escapes in server strings', () => {
  // ESC ]8 (a hyperlink), BEL, a carriage return that would overwrite the line, a bidi override, a C1 CSI.
  const NAME = 'Acme\u001b]8;;http://evil.example\u0007Corp\r✔ all good \u202egnp.exe\u009b31m';
  const SHOWN = String.raw`Acme\x1b]8;;http://evil.example\x07Corp\r✔ all good \u202egnp.exe\x9b31m`;

  it('an account name is shown with its control and bidi characters escaped', async () => {
    const run = await doctor(await hostile(accountNamed(NAME)));
    expect(run.code).toBe(0);
    expect(lines(run.out)).toContain(`✔ token has access to account ${SHOWN} (${ACCOUNT_ID})`);
    expect(noColour(run.out)).not.toMatch(RAW_UNSAFE);
  });

  it('--json holds the same escaped name, and no raw C1 or bidi character', async () => {
    const run = await doctor(await hostile(accountNamed(NAME)), ['--account-id', ACCOUNT_ID, '--json']);
    expect(run.code).toBe(0);
    expect(run.out).not.toMatch(RAW_UNSAFE);
    expect(JSON.parse(run.out).account).toEqual({ id: ACCOUNT_ID, name: SHOWN, access: true });
  });

  it('a long name is cut with an ellipsis', async () => {
    const run = await doctor(await hostile(accountNamed('A'.repeat(5000))));
    expect(lines(run.out)).toContain(`✔ token has access to account ${'A'.repeat(199)}… (${ACCOUNT_ID})`);
  });

  it('an error message is escaped in the check line', async () => {
    const server = await hostile((_m, path) =>
      path === '/user/tokens/verify' ? { status: 409, json: failed(1234, 'no\u001b[2J\u001b[H\u0085way') } : undefined,
    );
    const run = await doctor(server);
    expect(run.code).toBe(1);
    expect(lines(run.out)).toContain(String.raw`❌ Cloudflare refused the token (HTTP 409, code 1234: no\x1b[2J\x1b[H\x85way)`);
  });

  it('a status is escaped too', async () => {
    const run = await doctor(await hostile(verifyAnswer({ id: TOKEN_ID, status: 'act\u001b[1Aive' })));
    expect(run.code).toBe(1);
    expect(lines(run.out)).toContain(String.raw`❌ Cloudflare refused the token (status act\x1b[1Aive)`);
  });

  it('the wizard picker shows escaped names: one account cannot pose as another', async () => {
    const OTHER = '591e79b80ba0f16b76db55f8616109b8';
    const server = await hostile((_m, path) =>
      path.startsWith('/accounts?')
        ? {
            json: ok(
              [
                { id: ACCOUNT_ID, name: 'Acme Corp' },
                { id: OTHER, name: 'Evil\r\u001b[2KAcme Corp' },
              ],
              { result_info: { page: 1, per_page: 50, count: 2, total_count: 2, total_pages: 1 } },
            ),
          }
        : undefined,
    );
    const dir = makeProject();
    const run = await runScripted(server.baseUrl, dir, [['password', TOKEN], ['select', ACCOUNT_ID, 'Which account']], {
      flags: { domain: null, browser: false },
    });
    expect(run.code).toBe(0);
    const select = run.prompter.prompts.find((p) => p.kind === 'select' && p.message.includes('Which account'));
    expect(select?.options?.map((o) => o.label)).toEqual(['Acme Corp', String.raw`Evil\r\x1b[2KAcme Corp`]);
    expect(run.prompter.transcript()).not.toMatch(RAW_UNSAFE);
    expect(readFileSync(join(dir, '.env.dev-secrets'), 'utf8')).toContain(`CF_ACCOUNT_ID=${ACCOUNT_ID}\n`);
  });
});

describe('the token echoed back', () => {
  const quoting = (status: number, message: string): Override => (_m, path) =>
    path === '/user/tokens/verify' ? { status, json: failed(6003, message) } : undefined;

  it('"Cloudflare refused the token (…)" never quotes the Authorization header', async () => {
    const run = await doctor(await hostile(quoting(409, `Invalid header 'Authorization: Bearer ${TOKEN}'`)));
    expect(run.code).toBe(1);
    expect(lines(run.out)).toContain(`❌ Cloudflare refused the token (HTTP 409, code 6003: Invalid header 'Authorization: Bearer [redacted]')`);
    expect(run.out).not.toContain(TOKEN);
  });

  it('--json: the token is redacted wherever the server put it', async () => {
    const run = await doctor(await hostile(quoting(409, `token ${TOKEN} from ${TOKEN.slice(0, 9)}`)), ['--account-id', ACCOUNT_ID, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out).checks[0].message).toBe(`❌ Cloudflare refused the token (HTTP 409, code 6003: token [redacted] from ${TOKEN.slice(0, 9)})`);
  });

  it('whatever follows "Bearer " is redacted, even a token mastrakit was not given', async () => {
    const run = await doctor(await hostile(quoting(409, 'proxy saw "authorization: bearer sk_live_other_secret_value_123456"')));
    expect(lines(run.out)).toContain('❌ Cloudflare refused the token (HTTP 409, code 6003: proxy saw "authorization: bearer [redacted]")');
  });

  it('a probe answer quoting the token is redacted in its check line', async () => {
    const server = await hostile((method, path) =>
      method === 'DELETE' && path.includes('/workers/scripts/') ? { status: 400, json: failed(1, `echo: Bearer ${TOKEN}`) } : undefined,
    );
    const run = await doctor(server);
    expect(run.code).toBe(3);
    expect(lines(run.out)).toContain('⚠ could not check Workers Scripts: Edit (HTTP 400, code 1: echo: Bearer [redacted])');
  });
});

describe('size', () => {
  it('an answer over 4 MiB fails as not Cloudflare\'s JSON (exit 3), in one line', async () => {
    const huge = `{"success":true,"errors":[],"result":{"id":"${TOKEN_ID}","status":"active","pad":"${'x'.repeat(5 * 1024 * 1024)}"}}`;
    const server = await hostile((_m, path) => (path === '/user/tokens/verify' ? { raw: huge } : undefined));
    const run = await doctor(server);
    expect(run.code).toBe(3);
    expect(run.err).toBe(`✖ ${new URL(server.url).host} answered with more than 4 MiB (HTTP 200), not Cloudflare's JSON; ${HINT}.\n`);
    expect(run.out).toBe('');
  });

  it("--json: the same line as the document's error", async () => {
    const server = await hostile((_m, path) => (path === '/user/tokens/verify' ? { raw: ' '.repeat(4 * 1024 * 1024 + 1) } : undefined));
    const run = await doctor(server, ['--account-id', ACCOUNT_ID, '--json']);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.out)).toEqual({ schemaVersion: 1, version: expect.any(String), ok: false, error: `${new URL(server.url).host} answered with more than 4 MiB (HTTP 200), not Cloudflare's JSON; ${HINT}.` });
  });

  const hexId = (i: number) => i.toString(16).padStart(32, '0');
  const page = (items: number, info: Record<string, number>) => ({
    json: ok(
      Array.from({ length: items }, (_, i) => ({ id: hexId(i + 1), name: `Account ${i + 1}` })),
      { result_info: { page: 1, per_page: 50, count: items, ...info } },
    ),
  });

  it('a hostile total_pages costs at most MAX_PAGES requests; the true count is reported and the list capped', async () => {
    const server = await hostile((_m, path) => (path.startsWith('/accounts?') ? page(50, { total_count: 1_000_000, total_pages: 20_000 }) : undefined));
    const run = await doctor(server, []);
    expect(run.code).toBe(2);
    expect(server.requests.filter((r) => r.url.includes('/accounts?'))).toHaveLength(MAX_PAGES);
    const shown = lines(run.err);
    expect(shown[0]).toBe('✖ This token reaches 1000000 accounts; say which one to deploy to with --account-id <id>, or CF_ACCOUNT_ID in .env.dev-secrets:');
    expect(shown.slice(1, 11)).toEqual(Array.from({ length: 10 }, (_, i) => `  ${hexId(i + 1)}  Account ${i + 1}`));
    expect(shown.slice(11)).toEqual(['  … and 999990 more', '']);
  });

  it('pages each under the cap stop at 4 MiB in all: twenty of them at once would parse into hundreds of MiB (exit 3)', async () => {
    // Each page is a real first page padded to 1 MiB; the 19 further pages go out at once.
    const padded = JSON.stringify({ ...(page(50, { total_count: 1_000_000, total_pages: 20 }).json as object), pad: 'x'.repeat(1024 * 1024 - 4096) });
    const server = await hostile((_m, path) => (path.startsWith('/accounts?') ? { raw: padded } : undefined));
    const run = await doctor(server, []);
    expect(run.code).toBe(3);
    const host = new URL(server.url).host;
    expect(lines(run.out)).toContain(
      `⚠ could not check accounts the token reaches (${host} answered with more than 4 MiB in all to this check's requests, not Cloudflare's JSON; ${HINT}.)`,
    );
  });

  it('items beyond per_page are ignored (and not even checked)', async () => {
    const flood = page(50_000, { total_count: 50_000, total_pages: 1 });
    const json = flood.json as { result: unknown[] };
    json.result[60] = null;
    const server = await hostile((_m, path) => (path.startsWith('/accounts?') ? flood : undefined));
    const run = await doctor(server, []);
    expect(run.code).toBe(2);
    expect(lines(run.err)[0]).toBe('✖ This token reaches 50000 accounts; say which one to deploy to with --account-id <id>, or CF_ACCOUNT_ID in .env.dev-secrets:');
    expect(lines(run.err).at(-2)).toBe('  … and 49990 more');
  });
});

describe('ids and types', () => {
  const accountsList = (items: unknown[]): Override => (_m, path) =>
    path.startsWith('/accounts?') ? { json: ok(items, { result_info: { page: 1, per_page: 50, count: items.length, total_count: items.length, total_pages: 1 } }) } : undefined;
  const wrongShape = (host: string) => `${host} answered with JSON with a field of the wrong type, not Cloudflare's JSON (HTTP 200); ${HINT}`;

  it.each([
    ['a path in an account id', '../../user/tokens'],
    ['a shell command in an account id', "'$(id>/tmp/pwned)'"],
    ['an upper-case account id', ACCOUNT_ID.toUpperCase()],
  ])('%s: the account is not used, nothing probes it (exit 3)', async (_name, id) => {
    const server = await hostile(accountsList([{ id, name: 'Acme Corp' }]));
    const run = await doctor(server, []);
    expect(run.code).toBe(3);
    expect(lines(run.out)).toContain(`⚠ could not check account access (${wrongShape(new URL(server.url).host)}.)`);
    expect(server.requests.filter((r) => r.method === 'DELETE' || r.url.includes(encodeURIComponent(id)))).toEqual([]);
  });

  it('setup --token-stdin never saves an account id the server made up', async () => {
    const server = await hostile(accountsList([{ id: "'$(id>/tmp/pwned)'", name: 'Acme Corp' }]));
    const dir = folder();
    const stdin = new PassThrough();
    stdin.end(`${TOKEN}\n`);
    const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: server.baseUrl }, cwd: dir, stdin });
    const code = await main(['setup', '--token-stdin', '--yes', '--cwd', dir, '--no-domain'], deps);
    expect(code).toBe(3);
    expect(() => readFileSync(join(dir, '.env.dev-secrets'))).toThrow();
    expect(deps.out()).toContain('Nothing was written');
  });

  it.each<[string, Override]>([
    ['a token status that is a nested array', verifyAnswer({ id: TOKEN_ID, status: [['active']] })],
    ['a token id that is not one', verifyAnswer({ id: '../accounts', status: 'active' })],
    ['expires_on that is a number', verifyAnswer({ id: TOKEN_ID, status: 'active', expires_on: 12 })],
    ['no result at all', verifyAnswer(null)],
    ['a lone surrogate in a string', (_m, path) => (path === '/user/tokens/verify' ? { raw: `{"success":true,"errors":[],"result":{"id":"${TOKEN_ID}","status":"active\\ud800"}}` } : undefined)],
    ['errors holding null', (_m, path) => (path === '/user/tokens/verify' ? { json: { success: true, errors: [null], result: { id: TOKEN_ID, status: 'active' } } } : undefined)],
    ['a count that is not a number', (_m, path) => (path === '/user/tokens/verify' ? { json: ok({ id: TOKEN_ID, status: 'active' }, { result_info: { page: 1, per_page: 'many' } }) } : undefined)],
    ['JSON nested 10,000 deep', (_m, path) => (path === '/user/tokens/verify' ? { raw: `{"success":true,"errors":[],"result":${'['.repeat(10_000)}${']'.repeat(10_000)}}` } : undefined)],
  ])('%s: not Cloudflare\'s JSON, exit 3, never a crash', async (_name, override) => {
    const server = await hostile(override);
    const run = await doctor(server);
    expect(run.code).toBe(3);
    expect(run.err).toBe(`✖ ${wrongShape(new URL(server.url).host)}.\n`);
  });

  it('[null] for the accounts: not Cloudflare\'s JSON, exit 3', async () => {
    const server = await hostile(accountsList([null]));
    const run = await doctor(server, []);
    expect(run.code).toBe(3);
    expect(lines(run.out)).toContain(`⚠ could not check account access (${wrongShape(new URL(server.url).host)}.)`);
  });
});

describe('plain http and proxies', () => {
  /** A "proxy" that only counts who connected to it, and hangs up. */
  async function countingProxy(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
    let connections = 0;
    const server = createNetServer((socket: Socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, connections: () => connections, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  it('a loopback http base other than 127.0.0.1 never goes through HTTPS_PROXY or HTTP_PROXY', async () => {
    const proxy = await countingProxy();
    try {
      const server = await hostile(() => undefined, '127.0.0.2');
      const run = await doctor(server, ['--account-id', ACCOUNT_ID], { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, ALL_PROXY: proxy.url });
      expect(run.code).toBe(0);
      expect(proxy.connections()).toBe(0);
      expect(server.requests.length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('localhost. (resolved by DNS) is not loopback: plain http to it is refused, exit 2', async () => {
    const dir = folder();
    const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: 'http://localhost.:8787/client/v4', CLOUDFLARE_API_TOKEN: TOKEN }, cwd: dir });
    const code = await main(['doctor', '--cwd', dir, '--no-domain'], deps);
    expect(code).toBe(2);
    expect(deps.err()).toBe(
      '✖ CLOUDFLARE_API_BASE_URL uses plain http:// for localhost.:8787; use https:// so the token travels encrypted (http is allowed only for 127.0.0.1, ::1 and localhost).\n',
    );
  });
});

describe('a normal run with a deep domain', () => {
  it('prints no MaxListenersExceededWarning: the run limit holds one listener, not one per request', async () => {
    const sample = sampleWorld();
    const standIn = await startStandIn({ world: sample.world });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const dir = folder();
      const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, CLOUDFLARE_API_TOKEN: sample.tokens.complete.value }, cwd: dir });
      const domain = 'a.b.c.d.e.f.g.h.i.j.k.example.com';
      const code = await main(['doctor', '--cwd', dir, '--domain', domain, '--domain-style', 'nested', '--account-id', sample.account.id], deps);
      expect(code).toBe(0);
      // Every candidate zone was asked at once: more requests in flight than Node's default limit of 10.
      expect(standIn.requests.filter((r) => r.path.startsWith('/client/v4/zones?')).length).toBeGreaterThan(10);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await standIn.close();
    }
  });
});
