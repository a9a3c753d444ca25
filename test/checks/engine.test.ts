import { describe, expect, it } from 'vitest';
import { checkToken } from '../../src/checks/check-token.js';
import { resolveConnection } from '../../src/commands/connection.js';
import { readProbe } from '../../src/checks/probes.js';
import { exitCodeOf, type Report } from '../../src/checks/run-checks.js';
import type { Target } from '../../src/target.js';
import { sampleWorld, type SampleTokenName } from '../../src/stand-in/index.js';
import { testDeps } from '../support/deps.js';
import { useStandIn } from '../support/stand-in.js';

const sample = sampleWorld();
const ACME = sample.account.id;
const OTHER = sample.otherAccount.id;
const standIn = useStandIn({ world: sample.world });

const nested: Target = { domain: 'example.com', domainStyle: 'nested', purpose: 'deploy', slug: 'acme' };
const flat: Target = { domain: 'example.com', domainStyle: 'flat', purpose: 'deploy', slug: 'acme' };
const workersDev: Target = { domain: null, domainStyle: 'flat', purpose: 'deploy', slug: 'acme' };

async function check(name: SampleTokenName, target: Target = nested, accountId: string | null = ACME): Promise<Report> {
  const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl } });
  return checkToken(resolveConnection(deps, undefined), sample.tokens[name].value, { accountId, target });
}

const line = (report: Report, id: string) => report.checks.find((c) => c.id === id);

describe("the docs page's common validation failures, word for word", () => {
  it.each([
    [
      'missingWorkersScriptsEdit',
      'workers-scripts-edit',
      '❌ missing permission: com.cloudflare.api.account.worker.script.write',
      'Add `Workers Scripts: Edit` to the token.',
    ],
    [
      'missingDnsEdit',
      'dns-edit',
      '❌ missing permission: com.cloudflare.edge.dns.write',
      "Add `DNS: Edit` for the zone. Only needed if you're deploying to a custom domain.",
    ],
    [
      'missingSslEdit',
      'ssl-edit',
      '❌ missing permission: com.cloudflare.api.account.zone.ssl-cert.write',
      'Add `SSL and Certificates: Edit`. Only needed if your `mastrakit.config.json` has `domainStyle: "nested"` (using Cloudflare Advanced Certificate Manager).',
    ],
    [
      'wrongAccount',
      'account',
      `❌ token does not have access to account ${ACME}`,
      "Token's Account Resources don't include the account from your `CF_ACCOUNT_ID`. Edit the token or re-copy the right `CF_ACCOUNT_ID`.",
    ],
  ] as const)('%s', async (name, id, message, fix) => {
    const report = await check(name);
    expect(line(report, id)).toMatchObject({ status: 'fail', message, fix });
    expect(exitCodeOf(report)).toBe(1);
  });

  it('an unknown token: ❌ 401 invalid api token', async () => {
    const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl } });
    const report = await checkToken(resolveConnection(deps, undefined), 'x'.repeat(40), { accountId: ACME, target: nested });
    expect(report.checks).toEqual([
      expect.objectContaining({ id: 'token', status: 'fail', message: '❌ 401 invalid api token', fix: 'Token was revoked, expired, or pasted wrong. Re-create.' }),
    ]);
  });
});

describe('the engine against the stand-in', () => {
  it('all six held, nested: every check passes', async () => {
    const report = await check('complete');
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['token', 'pass'],
      ['accounts', 'pass'],
      ['account', 'pass'],
      ['workers-scripts-edit', 'pass'],
      ['account-settings-read', 'pass'],
      ['workers-kv-edit', 'pass'],
      ['dns-edit', 'pass'],
      ['zone-read', 'pass'],
      ['ssl-edit', 'pass'],
      ['workers-routes-read', 'pass'],
    ]);
    expect(report.missing).toEqual([]);
    expect(exitCodeOf(report)).toBe(0);
  });

  it.each([
    ['missingAccountSettingsRead', 'com.cloudflare.api.account.settings.read'],
    ['missingKvEdit', 'com.cloudflare.api.account.worker.kv.write'],
  ] as const)('%s alone is reported', async (name, key) => {
    const report = await check(name);
    expect(report.missing).toEqual([key]);
  });

  it('no zone permission at all: the zone cannot be found, the zone rows are not checked, never passed', async () => {
    const report = await check('noZonePermissions');
    expect(report.missing).toEqual(['com.cloudflare.api.account.zone.read']);
    expect(line(report, 'dns-edit')?.status).toBe('skip');
    expect(line(report, 'ssl-edit')?.status).toBe('skip');
  });

  it('a domain that is not a zone of the account: Zone: Read counts as missing, and says why', async () => {
    const report = await check('complete', { ...flat, domain: 'not-mine.example.net' });
    expect(line(report, 'zone-read')).toMatchObject({ status: 'fail' });
    expect(line(report, 'zone-read')?.fix).toContain('not-mine.example.net is simply not a zone');
    expect(line(report, 'dns-edit')?.status).toBe('skip');
  });

  it('a subdomain is found in its parent zone', async () => {
    const report = await check('complete', { ...flat, domain: 'app.example.com' });
    expect(line(report, 'zone-read')).toMatchObject({ status: 'pass', message: '✔ Zone: Read (zone example.com)' });
  });

  it('flat: no SSL row; workers.dev: no zone rows', async () => {
    expect((await check('missingSslEdit', flat)).checks.map((c) => c.id)).not.toContain('ssl-edit');
    expect(exitCodeOf(await check('missingSslEdit', flat))).toBe(0);
    const dev = await check('missingDnsEdit', workersDev);
    expect(dev.checks.map((c) => c.id)).toEqual(['token', 'accounts', 'account', 'workers-scripts-edit', 'account-settings-read', 'workers-kv-edit']);
    expect(exitCodeOf(dev)).toBe(0);
  });

  it('two missing at once are both reported', async () => {
    standIn.revoke(sample.tokens.missingDnsEdit.id, 'workers_kv_storage:edit');
    try {
      const report = await check('missingDnsEdit');
      expect(report.missing).toEqual(['com.cloudflare.api.account.worker.kv.write', 'com.cloudflare.edge.dns.write']);
    } finally {
      standIn.grant(sample.tokens.missingDnsEdit.id, 'workers_kv_storage:edit');
    }
  });

  it('--for redeploy requires only Workers Scripts: Edit; the rest is shown as not required', async () => {
    const report = await check('missingDnsEdit', { ...nested, purpose: 'redeploy' });
    expect(line(report, 'dns-edit')).toMatchObject({ status: 'warn', required: false });
    expect(report.missing).toEqual([]);
    expect(exitCodeOf(report)).toBe(0);
  });

  it.each([
    ['expired', '❌ token expired on 2025-01-01'],
    ['disabled', '❌ token is disabled'],
    ['notYetValid', '❌ token is not valid until 2099-01-01'],
    ['ipRestricted', '❌ token cannot be used from this address (127.0.0.1)'],
  ] as const)('%s: %s', async (name, message) => {
    const report = await check(name);
    expect(line(report, 'token')).toMatchObject({ status: 'fail', message });
    expect(exitCodeOf(report)).toBe(1);
  });

  it('an account-owned token is verified at the account endpoint', async () => {
    const report = await check('accountOwned');
    expect(report.token?.kind).toBe('account');
    expect(exitCodeOf(report)).toBe(0);
  });

  it('an account-owned token checked against another account: no access, not "invalid"', async () => {
    const report = await check('accountOwned', nested, OTHER);
    expect(line(report, 'token')?.status).toBe('pass');
    expect(line(report, 'account')).toMatchObject({ status: 'fail', message: `❌ token does not have access to account ${OTHER}` });
  });

  it('with no account id, the only account the token reaches is used', async () => {
    const report = await check('complete', nested, null);
    expect(report.account).toMatchObject({ id: ACME, name: 'Acme Corp', picked: true });
    expect(exitCodeOf(report)).toBe(0);
  });

  it('with no account id and several accounts, someone must choose', async () => {
    const report = await check('allAccounts', nested, null);
    expect(report.accountChoices?.items.map((a) => a.id).sort()).toEqual([ACME, OTHER].sort());
  });

  it('a token reaching every account warns about "All accounts"', async () => {
    const report = await check('allAccounts');
    expect(line(report, 'accounts')).toMatchObject({ status: 'warn' });
    expect(exitCodeOf(report)).toBe(0);
  });

  it('a wrong kind of credential is refused without asking Cloudflare', async () => {
    const before = standIn.requests.length;
    const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl } });
    const report = await checkToken(resolveConnection(deps, undefined), '0123456789abcdef0123456789abcdef01234', { accountId: ACME, target: nested });
    expect(report.checks[0]?.message).toBe('❌ this is a Global API Key, not an API token');
    expect(standIn.requests.length).toBe(before);
  });

  it('a full check is two rounds of requests and changes nothing', async () => {
    standIn.requests.length = 0;
    await check('complete');
    expect(standIn.writes).toEqual([]);
    expect(standIn.requests.every((r) => r.method === 'GET' || r.method === 'DELETE')).toBe(true);
    expect(standIn.requests.filter((r) => r.method === 'DELETE').every((r) => (r.status ?? 0) >= 400)).toBe(true);
  });
});

describe('readProbe', () => {
  const del = { method: 'DELETE' as const, path: '/x' };
  const answer = (status: number, code?: number) => ({
    status,
    success: status < 400,
    errors: code === undefined ? [] : [{ code, message: 'm' }],
    messages: [],
    result: null,
  });
  it.each([
    ['404 not found (Workers)', answer(404, 10007), { held: true }],
    ['404 with an unpublished code (SSL)', answer(404, 1404), { held: true }],
    ['403 / 9109', answer(403, 9109), { held: false }],
    ['405 / 10000 (KV)', answer(405, 10000), { held: false }],
    ['401 / 10000 (D1-style)', answer(401, 10000), { held: false }],
  ] as const)('%s', (_n, a, verdict) => expect(readProbe(del, a)).toEqual(verdict));

  it('a "could not route" 404 proves nothing', () => {
    expect(readProbe(del, answer(404, 7003))).toMatchObject({ held: 'unknown' });
  });
});
