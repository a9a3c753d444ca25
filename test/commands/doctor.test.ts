// doctor's scenario table, in-process through main() (test/program/bin/doctor.test.ts keeps the few runs
// of the built bin for what only a process shows: exit codes, stdout and stderr apart).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sampleWorld } from '../../src/stand-in/index.js';
import { main } from '../../src/main.js';
import { testDeps } from '../support/deps.js';
import { useStandIn } from '../support/stand-in.js';
import { devConfig, flatConfig, runScenario, type Scenario } from '../support/doctor-scenario.js';

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

const sample = sampleWorld();
const ACME = sample.account.id;
const standIn = useStandIn({ world: sample.world }, { clearFaults: true });

/** doctor in-process through main(), with the test deps: what the built bin would print, without a process. */
const doctor = (s: Scenario) =>
  runScenario(standIn, sample, s, async (args, { cwd, env }) => {
    const deps = testDeps({ env, cwd });
    const code = await main(args, deps);
    return { code, stdout: deps.out(), stderr: deps.err() };
  });

describe('doctor in-process, against the stand-in', () => {
  // Concurrent: each scenario has its own deps and project; none touches the stand-in's shared state.
  it.concurrent.each<[string, Scenario, number, string[]]>([
    ['all six held, nested', { token: 'complete' }, 0, ['✔ SSL and Certificates: Edit', '✔ CLOUDFLARE_API_TOKEN is ready to deploy.']],
    ['missing Workers Scripts: Edit', { token: 'missingWorkersScriptsEdit' }, 1, ['❌ missing permission: com.cloudflare.api.account.worker.script.write', '   Add `Workers Scripts: Edit` to the token.']],
    ['missing Account Settings: Read', { token: 'missingAccountSettingsRead' }, 1, ['❌ missing permission: com.cloudflare.api.account.settings.read']],
    ['missing Workers KV Storage: Edit', { token: 'missingKvEdit' }, 1, ['❌ missing permission: com.cloudflare.api.account.worker.kv.write']],
    ['missing DNS: Edit', { token: 'missingDnsEdit' }, 1, ['❌ missing permission: com.cloudflare.edge.dns.write']],
    ['missing Zone: Read', { token: 'missingZoneRead' }, 1, ['❌ missing permission: com.cloudflare.api.account.zone.read', '✔ DNS: Edit']],
    ['no zone permission', { token: 'noZonePermissions' }, 1, ['❌ missing permission: com.cloudflare.api.account.zone.read', '⚠ not checked: DNS: Edit (needs Zone: Read to find the zone)']],
    ['missing SSL, nested', { token: 'missingSslEdit' }, 1, ['❌ missing permission: com.cloudflare.api.account.zone.ssl-cert.write']],
    ['missing SSL, flat: not needed', { token: 'missingSslEdit', config: flatConfig }, 0, ['✔ DNS: Edit']],
    ['workers.dev: no zone rows', { token: 'missingDnsEdit', config: devConfig }, 0, ['to *.workers.dev']],
    ['--no-domain overrides the config', { token: 'missingDnsEdit', args: ['--no-domain'] }, 0, ['to *.workers.dev']],
    ['--domain-style flat overrides the config', { token: 'missingSslEdit', args: ['--domain-style', 'flat'] }, 0, ['auth-acme.example.com (flat)']],
    ['wrong account', { token: 'wrongAccount' }, 1, [`❌ token does not have access to account ${ACME}`]],
    ['invalid', { token: 'Z'.repeat(40) }, 1, ['❌ 401 invalid api token', '   Token was revoked, expired, or pasted wrong. Re-create.']],
    ['expired', { token: 'expired' }, 1, ['❌ token expired on 2025-01-01']],
    ['disabled', { token: 'disabled' }, 1, ['❌ token is disabled']],
    ['not yet valid', { token: 'notYetValid' }, 1, ['❌ token is not valid until 2099-01-01']],
    ['IP-restricted', { token: 'ipRestricted' }, 1, ['❌ token cannot be used from this address (127.0.0.1)']],
    ['IP-restricted after verify', { token: 'ipRestrictedAfterVerify' }, 1, ['❌ token cannot be used from this address (127.0.0.1)', '⚠ not checked: DNS: Edit (the token cannot be used from this address)']],
    ['account-owned token', { token: 'accountOwned' }, 0, ['✔ token is active']],
    ['2026 format', { token: 'complete' }, 0, ['✔ token is active']],
    ['legacy 40-char format', { token: 'missingDnsEdit', config: devConfig }, 0, ['✔ token is active']],
    ['token from the environment', { token: 'complete', from: 'env' }, 0, ['from environment']],
    ['token from the file', { token: 'complete' }, 0, ['from .env.dev-secrets']],
    ['a Global API Key', { token: '0123456789abcdef0123456789abcdef01234' }, 1, ['❌ this is a Global API Key, not an API token']],
    ['--for redeploy', { token: 'missingDnsEdit', args: ['--for', 'redeploy'] }, 0, ['⚠ missing permission: com.cloudflare.edge.dns.write (not required for --for redeploy)']],
    ['no account id, one account reached', { token: 'complete', accountInFile: false }, 0, [`✔ token has access to account Acme Corp (${ACME}), used as no account id is set`]],
    ['--account-id wins', { token: 'complete', args: ['--account-id', sample.otherAccount.id] }, 1, [`❌ token does not have access to account ${sample.otherAccount.id}`]],
  ])('%s → exit %i', async (_name, scenario, code, lines) => {
    const result = await doctor(scenario);
    expect(result.code, result.stdout + result.stderr).toBe(code);
    const shown = result.stdout.split('\n');
    for (const l of lines) expect(shown.some((s) => s.includes(l)), `${l}\n---\n${result.stdout}`).toBe(true);
  });

  it('several accounts and no account id: exit 2 listing them', async () => {
    const result = await doctor({ token: 'allAccounts', accountInFile: false });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${ACME}  Acme Corp`);
    expect(result.stderr).toContain(`${sample.otherAccount.id}  Other Corp`);
    expect(result.stderr).toContain('--account-id');
  });

  it('429 then success', async () => {
    standIn.fault({ kind: 'status', status: 429, retryAfter: 1, path: '/user/tokens/verify', times: 1 });
    const result = await doctor({ token: 'complete' });
    expect(result.code).toBe(0);
  });

  it('5xx until the retries run out: exit 3', async () => {
    standIn.fault({ kind: 'status', status: 503, path: '/user/tokens/verify', times: Infinity });
    const result = await doctor({ token: 'complete' });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^✖ Cloudflare answered 503 three times/m);
  });

  it('an HTML body: exit 3', async () => {
    standIn.fault({ kind: 'html', path: '/user/tokens/verify' });
    const result = await doctor({ token: 'complete' });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('a web page');
  });

  it('a closed port: exit 3', async () => {
    const port = await closedPort();
    const result = await doctor({ token: 'complete', env: { CLOUDFLARE_API_BASE_URL: `http://127.0.0.1:${port}/client/v4` } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('refused');
  });

  it('no token: exit 2', async () => {
    const result = await doctor({});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No CLOUDFLARE_API_TOKEN found');
  });

  it('a malformed config: exit 2, one line', async () => {
    const result = await doctor({ token: 'complete', config: '{ "domain": ' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('mastrakit.config.json');
  });

  it('a token in the account id line: exit 2, never sent nor printed', async () => {
    const token = sample.tokens.complete.value;
    const before = standIn.requests.length;
    const result = await doctor({ token: 'complete', accountInFile: false, env: { CF_ACCOUNT_ID: token } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("✖ CF_ACCOUNT_ID in the environment is not a 32-character account id (the dashboard's URL and the account's Overview page show it).\n");
    expect(standIn.requests.length).toBe(before);
  });

  it('an account id in upper case is the same account', async () => {
    const result = await doctor({ token: 'complete', accountInFile: false, env: { CF_ACCOUNT_ID: ACME.toUpperCase() } });
    expect(result.code).toBe(0);
  });

  it('an empty token is no token: exit 2', async () => {
    const result = await doctor({ token: 'complete', env: { CLOUDFLARE_API_TOKEN: '""' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('✖ No token: CLOUDFLARE_API_TOKEN in the environment is empty.\n');
  });

  it('an unknown key: exit 2 listing the supported ones', async () => {
    const result = await doctor({ token: 'complete', args: ['--key', 'STRIPE_KEY'] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Supported keys: CLOUDFLARE_API_TOKEN');
  });
});

describe('doctor --json', () => {
  it.concurrent.each<[string, Scenario, number]>([
    ['pass', { token: 'complete' }, 0],
    ['missing DNS', { token: 'missingDnsEdit' }, 1],
    ['invalid', { token: 'Y'.repeat(40) }, 1],
  ])('%s: parses, and ok agrees with the exit code', async (_n, scenario, code) => {
    const result = await doctor({ ...scenario, args: ['--json'] });
    expect(result.code).toBe(code);
    const doc = JSON.parse(result.stdout);
    expect(doc.ok).toBe(code === 0);
    expect(doc.key).toBe('CLOUDFLARE_API_TOKEN');
    expect(doc.source).toBe('.env.dev-secrets');
    for (const c of doc.checks) expect(Object.keys(c).sort()).toEqual(['fix', 'id', 'key', 'message', 'permissionGroup', 'required', 'status', 'title']);
    if (scenario.token === 'missingDnsEdit') expect(doc.missing).toEqual(['com.cloudflare.edge.dns.write']);
    if (code === 0) expect(doc.token).toMatchObject({ status: 'active', kind: 'user' });
  });

  it('exit 3 before any check: { ok: false, error }', async () => {
    standIn.fault({ kind: 'status', status: 502, path: '/user/tokens/verify', times: Infinity });
    const result = await doctor({ token: 'complete', args: ['--json'] });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, version: expect.any(String), ok: false, error: expect.stringContaining('502') });
  });

  it('a usage error still gives one JSON document', async () => {
    const result = await doctor({ token: 'complete', args: ['--json', '--domain-style', 'nestd'] });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, version: expect.any(String), ok: false, error: "--domain-style must be `flat` or `nested`, not 'nestd'. Did you mean `nested`?" });
  });

  it('exit 2: { ok: false, error }', async () => {
    const result = await doctor({ args: ['--json'] });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false });
  });
});
