import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeHex32, sampleWorld, type SampleTokenName } from '../../src/stand-in/index.js';
import { testDeps } from '../support/deps.js';
import { makeProject, removeProjects } from '../wizard/harness.js';
import { useStandIn } from '../support/stand-in.js';

/**
 * The verdict's rows and targets (issue 7), each through `main()` in-process against the stand-in:
 * the exact line, and the exit code.
 */
const sample = sampleWorld();
const ACME = sample.account.id;
const OTHER = sample.otherAccount.id;
// A zone of its own one label below another zone's name (delegated): `eu.example.org`, and its parent.
const EU_ZONE = { id: fakeHex32('zone:eu.example.org'), name: 'eu.example.org', accountId: ACME };
const ORG_ZONE = { id: fakeHex32('zone:example.org'), name: 'example.org', accountId: ACME };
sample.world.zones.push(EU_ZONE, ORG_ZONE);
for (const name of ['complete', 'missingSslEdit', 'missingWorkersRoutesRead'] as const) {
  const token = sample.tokens[name];
  token.zones = [...(token.zones as string[]), EU_ZONE.id];
}
const standIn = useStandIn({ world: sample.world });
afterEach(removeProjects);

async function doctor(token: SampleTokenName, config: object, options: { accountId?: string | null; args?: string[] } = {}) {
  const accountId = options.accountId === undefined ? ACME : options.accountId;
  const secrets = `CLOUDFLARE_API_TOKEN=${sample.tokens[token].value}\n${accountId ? `CF_ACCOUNT_ID=${accountId}\n` : ''}`;
  const dir = makeProject({ config: JSON.stringify({ slug: 'acme', ...config }), secrets });
  const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, NO_COLOR: '1' }, cwd: dir });
  const code = await main(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', ...(options.args ?? [])], deps);
  return { code, lines: deps.out().split('\n'), err: deps.err() };
}

const flat = (domain: string) => ({ domain, domainStyle: 'flat' });
const nested = (domain: string) => ({ domain, domainStyle: 'nested' });

describe('Workers Routes: the seventh row, recommended for custom domains', () => {
  it('held: ✔ Workers Routes: Read', async () => {
    const run = await doctor('complete', flat('example.com'));
    expect(run.code).toBe(0);
    expect(run.lines).toContain('✔ Workers Routes: Read');
  });

  it('missing: one ⚠ line with its fix, never a failure (exit 0)', async () => {
    const run = await doctor('missingWorkersRoutesRead', flat('example.com'));
    expect(run.code).toBe(0);
    const at = run.lines.indexOf('⚠ missing permission: com.cloudflare.edge.worker.route.read (recommended, not required)');
    expect(at).toBeGreaterThan(0);
    expect(run.lines[at + 1]).toBe(
      "   Add `Workers Routes: Read` for the zone. Recommended for a custom domain: wrangler lists the zone's Workers routes when it deploys, and a deploy without them is reported to fail after the upload.",
    );
    expect(run.lines.at(-2)).toBe('✔ CLOUDFLARE_API_TOKEN is ready to deploy (see the warnings above).');
  });

  it('the six rows of the docs page keep their wording', async () => {
    const run = await doctor('complete', nested('example.com'));
    expect(run.lines.filter((l) => l.startsWith('✔ ') && l.includes(':'))).toEqual([
      '✔ Workers Scripts: Edit',
      '✔ Account Settings: Read',
      '✔ Workers KV Storage: Edit',
      '✔ DNS: Edit',
      '✔ Zone: Read (zone example.com)',
      '✔ SSL and Certificates: Edit',
      '✔ Workers Routes: Read',
    ]);
  });

  it('*.workers.dev: no zone rows, so no Workers Routes row either', async () => {
    const run = await doctor('missingWorkersRoutesRead', {});
    expect(run.code).toBe(0);
    expect(run.lines.join('\n')).not.toContain('Workers Routes');
  });
});

describe('the zone on another account', () => {
  it('a token reaching both accounts, deploying to Acme, the zone in Other Corp: exit 1, naming both and what to change', async () => {
    const run = await doctor('allAccounts', flat('other.example'));
    expect(run.code).toBe(1);
    const at = run.lines.indexOf(
      `❌ zone other.example is in account Other Corp (${OTHER}), not in Acme Corp (${ACME}), the account being deployed to`,
    );
    expect(at, run.lines.join('\n')).toBeGreaterThan(0);
    expect(run.lines[at + 1]).toBe(
      `   A custom domain can only be attached to a Worker in its zone's own account. Deploy to Other Corp: set CF_ACCOUNT_ID=${OTHER} (or --account-id); or move other.example to Acme Corp.`,
    );
  });

  it('the same token deploying to Other Corp passes', async () => {
    const run = await doctor('allAccounts', flat('other.example'), { accountId: OTHER });
    expect(run.code).toBe(0);
    expect(run.lines.join('\n')).not.toContain('is in account');
  });
});

describe('certificate coverage follows the host, not only the style', () => {
  it('flat on a subdomain of its zone: SSL and Certificates: Edit is required, with our fix naming host and zone (exit 1)', async () => {
    const run = await doctor('missingSslEdit', flat('app.example.com'));
    expect(run.code).toBe(1);
    const at = run.lines.indexOf('❌ missing permission: com.cloudflare.api.account.zone.ssl-cert.write');
    expect(at).toBeGreaterThan(0);
    expect(run.lines[at + 1]).toBe(
      '   Add `SSL and Certificates: Edit` for the zone. auth-acme.app.example.com is two levels below the zone example.com, and Universal SSL covers only a zone and the names one level below it: this host needs an Advanced Certificate Manager certificate, which the deploy orders.',
    );
  });

  it('nested on a subdomain: our fix too (three levels below)', async () => {
    const run = await doctor('missingSslEdit', nested('app.example.com'));
    expect(run.code).toBe(1);
    expect(run.lines.join('\n')).toContain('auth.acme.app.example.com is three levels below the zone example.com');
  });

  it('nested on the apex: the docs page fix, word for word', async () => {
    const run = await doctor('missingSslEdit', nested('example.com'));
    expect(run.lines).toContain(
      '   Add `SSL and Certificates: Edit`. Only needed if your `mastrakit.config.json` has `domainStyle: "nested"` (using Cloudflare Advanced Certificate Manager).',
    );
  });

  it('flat on a subdomain that is a zone of its own: one level below, covered, no SSL row (exit 0)', async () => {
    const run = await doctor('missingSslEdit', flat('eu.example.org'));
    expect(run.code, run.lines.join('\n')).toBe(0);
    expect(run.lines).toContain('✔ Zone: Read (zone eu.example.org)');
    expect(run.lines.join('\n')).not.toContain('SSL and Certificates');
  });

  it('flat on a subdomain, held: ✔ SSL and Certificates: Edit (exit 0)', async () => {
    const run = await doctor('complete', flat('app.example.com'));
    expect(run.code).toBe(0);
    expect(run.lines).toContain('✔ SSL and Certificates: Edit');
  });
});

describe('the wrong account, diagnosed as the wrong account', () => {
  it('names the account the token reaches, marks the rows not checked, closes with the Account Resources fix (exit 1)', async () => {
    const run = await doctor('wrongAccount', nested('example.com'));
    expect(run.code).toBe(1);
    expect(run.lines).toContain(`⚠ token reaches one account, not ${ACME}: Other Corp (${OTHER})`);
    expect(run.lines).toContain(`❌ token does not have access to account ${ACME}`);
    for (const row of ['Workers Scripts: Edit', 'DNS: Edit', 'Zone: Read', 'SSL and Certificates: Edit']) {
      expect(run.lines).toContain(`⚠ not checked: ${row} (no access to account ${ACME})`);
    }
    expect(run.lines.join('\n')).not.toContain('missing permission');
    expect(run.lines.at(-2)).toBe(
      'To fix: re-edit the token at https://dash.cloudflare.com/profile/api-tokens → click the token name → Edit → Account Resources → Include → the account you deploy to → Continue to summary → Save. Or, if the project belongs in an account the token reaches, set CF_ACCOUNT_ID to that account\'s id.',
    );
  });
});

describe('over-broad tokens: "All zones"', () => {
  it('a token reaching more zones than the one deployed to: one ⚠ line, never a failure (exit 0)', async () => {
    const run = await doctor('allAccounts', flat('example.com'));
    expect(run.code).toBe(0);
    const at = run.lines.indexOf(`⚠ token reaches ${sample.world.zones.length} zones: Zone Resources is probably left at "All zones"`);
    expect(at, run.lines.join('\n')).toBeGreaterThan(0);
    expect(run.lines[at + 1]).toBe('   Scope it down: edit the token → Zone Resources → Include → Specific zone → example.com.');
  });

  it('a token scoped to its one zone: no such line', async () => {
    const run = await doctor('missingDnsEdit', flat('example.com'));
    expect(run.lines.join('\n')).not.toContain('zones:');
  });
});
