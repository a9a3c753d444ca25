import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeHex32, fakeTokenValue, sampleWorld, startStandIn, type StandIn, type StandInToken } from '../../src/stand-in/index.js';
import { testDeps } from '../support/deps.js';

const sample = sampleWorld();
const ACME = sample.account.id;
const OTHER = sample.otherAccount.id;
/** The complete token plus Workers Routes: Edit on example.com. */
const withRoutes: StandInToken = {
  ...sample.tokens.complete,
  value: fakeTokenValue('token:withRoutes', 'cfut'),
  id: fakeHex32('token-id:withRoutes'),
  zonePermissions: [...sample.tokens.complete.zonePermissions, 'workers_routes:edit'],
};
sample.world.tokens.push(withRoutes);
let standIn: StandIn;
const made: string[] = [];

beforeAll(async () => {
  standIn = await startStandIn({ world: sample.world });
});
afterAll(() => standIn.close());
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mastrakit-wrangler-doctor-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const devConfig = JSON.stringify({ slug: 'acme' });
const customConfig = JSON.stringify({ slug: 'acme', domain: 'example.com', domainStyle: 'flat' });

async function doctor(files: Record<string, string>, token: string, env: Record<string, string> = {}, ...args: string[]) {
  const cwd = project(files);
  const deps = testDeps({ cwd, env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, CLOUDFLARE_API_TOKEN: token, ...env } });
  const before = standIn.requests.length;
  const code = await main(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', ...args], deps);
  expect(standIn.writes).toEqual([]);
  const requests = standIn.requests.slice(before).map((r) => `${r.method} ${r.path.split('?')[0]}`);
  return { code, out: deps.out(), err: deps.err(), lines: deps.out().split('\n'), requests };
}

describe('doctor reads the wrangler configurations', () => {
  it('an extra account named by a service: one line for it, and no "All accounts" warning when the token reaches exactly those', async () => {
    const run = await doctor(
      { 'mastrakit.config.json': devConfig, 'api/wrangler.toml': `name = "api"\naccount_id = "${OTHER}"\n` },
      sample.tokens.allAccounts.value,
      { CF_ACCOUNT_ID: ACME },
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.lines).toContain('✔ token reaches exactly the 2 accounts the project names');
    expect(run.lines).toContain(`✔ Workers Scripts: Edit on account Other Corp (${OTHER}), the account_id of api/wrangler.toml`);
    expect(run.lines).toContain(
      `⚠ api/wrangler.toml sets account_id ${OTHER}, but CF_ACCOUNT_ID is ${ACME}: wrangler deploys it to ${OTHER} (the file's account_id comes first)`,
    );
    expect(run.lines).not.toContain('⚠ token reaches 2 accounts: Account Resources is probably left at "All accounts"');
  });

  it("a token that cannot reach a service's account fails with the docs page's line, and the fix names the file", async () => {
    const run = await doctor(
      { 'mastrakit.config.json': devConfig, 'api/wrangler.toml': `account_id = "${ACME}"\n[env.other]\naccount_id = "${OTHER}"\n` },
      sample.tokens.complete.value,
    );
    expect(run.code).toBe(1);
    const at = run.lines.indexOf(`❌ token does not have access to account ${OTHER}`);
    expect(at).toBeGreaterThan(0);
    expect(run.lines[at + 1]).toBe(
      "   Token's Account Resources don't include the account from `account_id` in api/wrangler.toml [env.other]. Edit the token or correct that `account_id`.",
    );
    // With no account id given, the first file's account is the one checked (not "which account?").
    expect(run.lines).toContain(`✔ token has access to account Acme Corp (${ACME})`);
  });

  it('route patterns need Workers Routes: Edit on their zone, probed with a DELETE of a route id that cannot exist', async () => {
    const files = {
      'mastrakit.config.json': devConfig,
      'wrangler.toml': `account_id = "${ACME}"\nroutes = ["api.example.com/*", { pattern = "auth.example.com", custom_domain = true }]\n`,
    };
    const missing = await doctor(files, sample.tokens.complete.value);
    expect(missing.code).toBe(1);
    const at = missing.lines.indexOf('❌ missing permission: com.cloudflare.edge.worker.route.write (zone example.com)');
    expect(at).toBeGreaterThan(0);
    expect(missing.lines[at + 1]).toBe('   Add `Workers Routes: Edit` for the zone: wrangler creates the routes wrangler.toml declares.');
    expect(missing.lines).toContain('wrangler.toml declares route patterns: wrangler creates them, so Workers Routes: Edit is required for their zones.');
    const probes = missing.requests.filter((r) => r.includes('/workers/routes/'));
    expect(probes).toHaveLength(1);
    expect(probes[0]).toMatch(new RegExp(`^DELETE /client/v4/zones/${sample.zone.id}/workers/routes/[0-9a-f]{32}$`));

    const held = await doctor(files, withRoutes.value);
    expect(held.code).toBe(0);
    expect(held.lines).toContain('✔ Workers Routes: Edit (zone example.com)');
  });

  it('only custom domains: no Workers Routes: Edit; workers_dev = false says Workers Routes: Read is recommended', async () => {
    const run = await doctor(
      {
        'mastrakit.config.json': customConfig,
        'wrangler.jsonc': `{ "account_id": "${ACME}", "workers_dev": false, "routes": [{ "pattern": "auth-acme.example.com", "custom_domain": true }] }`,
      },
      sample.tokens.complete.value,
    );
    expect(run.code).toBe(0);
    expect(run.out).not.toContain('Workers Routes: Edit');
    expect(run.lines).toContain("wrangler.jsonc sets workers_dev = false: wrangler then lists the zone's Workers routes, so Workers Routes: Read is recommended.");
  });

  it('a route whose zone the token cannot find fails naming the route and the file', async () => {
    const run = await doctor(
      { 'mastrakit.config.json': devConfig, 'svc/wrangler.toml': `account_id = "${ACME}"\nroute = "shop.unknown.example/*"\n` },
      withRoutes.value,
    );
    expect(run.code).toBe(1);
    expect(run.lines).toContain('❌ cannot find the zone of route shop.unknown.example/* in svc/wrangler.toml');
  });

  it('a malformed file: one warning line on stderr naming the file and line, and the checks still run', async () => {
    const run = await doctor(
      { 'mastrakit.config.json': devConfig, 'api/wrangler.toml': 'name = "api"\naccount_id = \n' },
      sample.tokens.complete.value,
      { CF_ACCOUNT_ID: ACME },
    );
    expect(run.err).toBe('⚠ api/wrangler.toml line 2: not valid TOML (invalid value); its account and routes are not checked\n');
    expect(run.code).toBe(0);
  });

  it('CLOUDFLARE_ACCOUNT_ID wins over CF_ACCOUNT_ID, as in wrangler; the warning says so and the fix names the real source', async () => {
    const run = await doctor({ 'mastrakit.config.json': devConfig }, sample.tokens.complete.value, { CLOUDFLARE_ACCOUNT_ID: OTHER, CF_ACCOUNT_ID: ACME });
    expect(run.code).toBe(1);
    expect(run.lines).toContain(`⚠ CLOUDFLARE_ACCOUNT_ID is ${OTHER}, but CF_ACCOUNT_ID is ${ACME}: wrangler uses CLOUDFLARE_ACCOUNT_ID`);
    const at = run.lines.indexOf(`❌ token does not have access to account ${OTHER}`);
    expect(run.lines[at + 1]).toBe(
      "   Token's Account Resources don't include the account from your `CLOUDFLARE_ACCOUNT_ID`. Edit the token or re-copy the right `CLOUDFLARE_ACCOUNT_ID`.",
    );
    // The closing advice names the variable wrangler reads too: setting CF_ACCOUNT_ID would change nothing.
    expect(run.lines.filter((l) => l !== "").at(-1)).toMatch(/Or, if the project belongs in an account the token reaches, set CLOUDFLARE_ACCOUNT_ID to that account's id\.$/);
  });

  it("an account_id in a wrangler file: the closing advice says to change it there", async () => {
    const run = await doctor({ 'mastrakit.config.json': devConfig, 'api/wrangler.toml': `account_id = "${OTHER}"\n` }, sample.tokens.complete.value, {});
    expect(run.code).toBe(1);
    expect(run.lines.filter((l) => l !== "").at(-1)).toMatch(/Or, if the project belongs in an account the token reaches, set account_id in api\/wrangler\.toml to that account's id\.$/);
  });

  it("from CF_ACCOUNT_ID, the docs page's fix keeps its words", async () => {
    const run = await doctor({ 'mastrakit.config.json': devConfig }, sample.tokens.complete.value, { CF_ACCOUNT_ID: OTHER });
    const at = run.lines.indexOf(`❌ token does not have access to account ${OTHER}`);
    expect(run.lines[at + 1]).toBe(
      "   Token's Account Resources don't include the account from your `CF_ACCOUNT_ID`. Edit the token or re-copy the right `CF_ACCOUNT_ID`.",
    );
    expect(run.lines.filter((l) => l !== "").at(-1)).toMatch(/set CF_ACCOUNT_ID to that account's id\.$/);
  });

  it('--json carries the wrangler checks like the others', async () => {
    const run = await doctor(
      { 'mastrakit.config.json': devConfig, 'wrangler.toml': `account_id = "${ACME}"\nroutes = ["api.example.com/*"]\n` },
      sample.tokens.complete.value,
      {},
      '--json',
    );
    const doc = JSON.parse(run.out) as { ok: boolean; missing: string[]; checks: { id: string; status: string }[] };
    expect(doc.ok).toBe(false);
    expect(doc.missing).toEqual(['com.cloudflare.edge.worker.route.write']);
    expect(doc.checks.find((c) => c.id === 'workers-routes-edit')).toMatchObject({ status: 'fail' });
  });
});
