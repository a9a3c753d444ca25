import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/main.js';
import { fakeHex32, sampleWorld, startStandIn, type SampleTokenName, type StandIn } from '../../../src/stand-in/index.js';
import { hasContract, loadContract, noContractReason, type Schema } from '../../support/contract.js';
import { testDeps } from '../../support/deps.js';
import { matchTemplate, requestViolations } from '../../support/request-contract.js';
import { makeProject, removeProjects } from '../../wizard/harness.js';

// Every request doctor makes, in its main scenarios, checked against Cloudflare's official contract
// (test/support/contract.ts says where it is read from): the path template, the method, and each path and
// query parameter against its schema. A validating proxy in front of the API would refuse what fails here.
if (!hasContract) console.warn(`[contract] skipped: ${noContractReason}`);

const sample = sampleWorld();
const ACME = sample.account.id;
const nested = { slug: 'acme', domain: 'example.com', domainStyle: 'nested' };
const flat = { slug: 'acme', domain: 'example.com', domainStyle: 'flat' };
const workersDev = { slug: 'acme' };

interface Scenario {
  token: SampleTokenName;
  config: object;
  /** Give the account id in .env.dev-secrets (default), or let doctor learn it. */
  accountId?: boolean;
  args?: string[];
}

describe.skipIf(!hasContract)('every request doctor makes meets the official contract', () => {
  let doc: Schema;
  let standIn: StandIn;
  const seen = new Set<string>();
  beforeAll(async () => {
    doc = loadContract();
    standIn = await startStandIn({ world: sample.world });
  });
  afterAll(() => standIn.close());
  afterEach(removeProjects);

  async function requestsOf(s: Scenario) {
    const secrets = `CLOUDFLARE_API_TOKEN=${sample.tokens[s.token].value}\n${s.accountId === false ? '' : `CF_ACCOUNT_ID=${ACME}\n`}`;
    const dir = makeProject({ config: JSON.stringify(s.config), secrets });
    const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, cwd: dir });
    const before = standIn.requests.length;
    const code = await main(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', '--cwd', dir, ...(s.args ?? [])], deps);
    return { code, requests: standIn.requests.slice(before) };
  }

  it.each<[string, Scenario, number]>([
    ['*.workers.dev', { token: 'complete', config: workersDev }, 0],
    ['flat', { token: 'complete', config: flat }, 0],
    ['nested', { token: 'complete', config: nested }, 0],
    ['nested, no account id given', { token: 'complete', config: nested, accountId: false }, 0],
    ['account-owned token, account id given', { token: 'accountOwned', config: nested }, 0],
    ['account-owned token, no account id', { token: 'accountOwned', config: nested, accountId: false }, -1],
    ['"All accounts", --account-id', { token: 'allAccounts', config: nested, accountId: false, args: ['--account-id', ACME] }, 0],
    ['wrong account', { token: 'wrongAccount', config: nested }, 1],
    ['missing Workers Scripts: Edit', { token: 'missingWorkersScriptsEdit', config: nested }, 1],
    ['missing Account Settings: Read', { token: 'missingAccountSettingsRead', config: nested }, 1],
    ['missing Workers KV Storage: Edit', { token: 'missingKvEdit', config: nested }, 1],
    ['missing DNS: Edit', { token: 'missingDnsEdit', config: nested }, 1],
    ['missing Zone: Read', { token: 'missingZoneRead', config: nested }, 1],
    ['missing SSL and Certificates: Edit', { token: 'missingSslEdit', config: nested }, 1],
    ['IP filtered', { token: 'ipRestricted', config: nested }, 1],
    ['expired', { token: 'expired', config: nested }, 1],
  ])('%s', async (_name, scenario, code) => {
    const run = await requestsOf(scenario);
    // -1: the exit code is another part of the verdict's business; only the requests matter here.
    if (code >= 0) expect(run.code).toBe(code);
    expect(run.requests.length).toBeGreaterThan(0);
    for (const r of run.requests) {
      const template = matchTemplate(Object.keys(doc.paths), new URL(r.path, 'http://x').pathname.slice('/client/v4'.length));
      if (template) seen.add(`${r.method} ${template.template}`);
    }
    expect(run.requests.flatMap((r) => requestViolations(doc, r.method, r.path))).toEqual([]);
  });

  it('the scenarios reach every kind of request doctor makes', () => {
    for (const op of [
      'GET /user/tokens/verify',
      'GET /accounts/{account_id}/tokens/verify',
      'GET /accounts',
      'GET /accounts/{account_id}',
      'GET /accounts/{account_id}/members',
      'DELETE /accounts/{account_id}/workers/scripts/{script_name}',
      'DELETE /accounts/{account_id}/storage/kv/namespaces/{namespace_id}',
      'GET /zones',
      'GET /zones/{zone_id}/settings/origin_max_http_version',
      'DELETE /zones/{zone_id}/dns_records/{dns_record_id}',
      'DELETE /zones/{zone_id}/ssl/certificate_packs/{certificate_pack_id}',
      'GET /zones/{zone_id}/workers/routes',
    ]) {
      expect(seen, op).toContain(op);
    }
  });

  // The validator itself: each limit it enforces, shown failing.
  const zone = sample.zone.id;
  it.each<[string, string, string, string]>([
    [
      'a 36-character UUID as a certificate pack id',
      'DELETE',
      `/client/v4/zones/${zone}/ssl/certificate_packs/123e4567-e89b-12d3-a456-426614174000`,
      `DELETE /zones/${zone}/ssl/certificate_packs/123e4567-e89b-12d3-a456-426614174000: path certificate_pack_id: 36 characters, longer than 32`,
    ],
    ['per_page above its maximum', 'GET', '/client/v4/accounts?per_page=500', 'GET /accounts: query per_page: 500 is above the maximum 50'],
    ['per_page below its minimum', 'GET', `/client/v4/accounts/${ACME}/members?per_page=1`, `GET /accounts/${ACME}/members: query per_page: 1 is below the minimum 5`],
    ['a page that is not a number', 'GET', '/client/v4/zones?page=one', 'GET /zones: query page: "one" is not a number'],
    ['a value outside an enum', 'GET', '/client/v4/zones?direction=up', 'GET /zones: query direction: "up" is not one of ["asc","desc"]'],
    ['an undeclared query parameter', 'GET', '/client/v4/user/tokens/verify?token=x', 'GET /user/tokens/verify: query token is not a parameter of GET /user/tokens/verify'],
    ['a Worker name against its pattern', 'DELETE', `/client/v4/accounts/${ACME}/workers/scripts/Probe`, `DELETE /accounts/${ACME}/workers/scripts/Probe: path script_name: "Probe" does not match ^[a-z0-9_][a-z0-9-_]*$`],
    ['a method the path does not have', 'DELETE', `/client/v4/zones/${zone}`, `DELETE /zones/${zone}: the contract has no DELETE on /zones/{zone_id}`],
    ['a path the contract does not have', 'GET', '/client/v4/zones/x/nothing', 'GET /zones/x/nothing: no path template of the contract matches'],
  ])('rejects %s', (_name, method, url, violation) => {
    expect(requestViolations(doc, method, url)).toEqual([violation]);
  });

  it('accepts a well-formed probe', () => {
    expect(requestViolations(doc, 'DELETE', `/client/v4/zones/${zone}/ssl/certificate_packs/${fakeHex32('absent')}`)).toEqual([]);
  });
});
