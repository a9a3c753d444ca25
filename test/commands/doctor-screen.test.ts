import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import pkg from '../../package.json' with { type: 'json' };
import { sampleWorld, startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { testDeps } from '../support/deps.js';

// What doctor prints and answers, in-process through main() against the stand-in.
const sample = sampleWorld();
const ACME = sample.account.id;
let standIn: StandIn;
const dirs: string[] = [];

beforeAll(async () => {
  standIn = await startStandIn({ world: sample.world });
});
afterAll(() => standIn.close());
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mastrakit-doctor-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function doctor(files: Record<string, string>, env: Record<string, string>, ...flags: string[]) {
  const dir = project(files);
  const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, ...env }, cwd: dir });
  const code = await main(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', ...flags], deps);
  return { code, dir, lines: deps.out().split('\n'), out: deps.out(), err: deps.err() };
}

const custom = { 'mastrakit.config.json': JSON.stringify({ slug: 'acme', domain: 'example.com', domainStyle: 'flat' }) };

describe('doctor, the words on screen', () => {
  it('the "To fix" line prints the token page with its target, so a terminal can make it clickable', async () => {
    const run = await doctor({ ...custom, '.env.dev-secrets': `CLOUDFLARE_API_TOKEN=${sample.tokens.missingDnsEdit.value}\nCF_ACCOUNT_ID=${ACME}\n` }, {});
    expect(run.code).toBe(1);
    expect(run.lines).toContain(
      "To fix: re-edit the token at https://dash.cloudflare.com/profile/api-tokens → click the token name → Edit → add the missing permission → Continue to summary → Save. You don't need to create a new token; the existing key keeps working.",
    );
    expect(run.lines).toContain("   Add `DNS: Edit` for the zone. Only needed if you're deploying to a custom domain.");
  });

  it('one account learned: the count line and the access line do not say the same thing twice', async () => {
    const run = await doctor({ ...custom, '.env.dev-secrets': `CLOUDFLARE_API_TOKEN=${sample.tokens.complete.value}\n` }, {});
    expect(run.code).toBe(0);
    const i = run.lines.indexOf('✔ token reaches exactly one account');
    expect(i).toBeGreaterThan(0);
    expect(run.lines[i + 1]).toBe(`✔ token has access to account Acme Corp (${ACME}), used as no account id is set`);
  });
});

describe('doctor --json: every document says its version and schema', () => {
  it('a report: schemaVersion and the version of mastrakit first', async () => {
    const run = await doctor({ ...custom, '.env.dev-secrets': `CLOUDFLARE_API_TOKEN=${sample.tokens.complete.value}\nCF_ACCOUNT_ID=${ACME}\n` }, {}, '--json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.out);
    expect(Object.keys(doc).slice(0, 3)).toEqual(['schemaVersion', 'version', 'ok']);
    expect(doc).toMatchObject({ schemaVersion: 1, version: pkg.version, ok: true });
  });

  it('several accounts and none chosen: exit 2, the sentence, and an accounts array of id and name', async () => {
    const run = await doctor({ ...custom, '.env.dev-secrets': `CLOUDFLARE_API_TOKEN=${sample.tokens.allAccounts.value}\n` }, {}, '--json');
    expect(run.code).toBe(2);
    const doc = JSON.parse(run.out);
    expect(doc).toEqual({
      schemaVersion: 1,
      version: pkg.version,
      ok: false,
      error: expect.stringContaining('This token reaches 2 accounts'),
      accounts: expect.arrayContaining([
        { id: ACME, name: 'Acme Corp' },
        { id: sample.otherAccount.id, name: 'Other Corp' },
      ]),
    });
    expect(doc.accounts).toHaveLength(2);
  });

  it('a usage error: the same header, no accounts', async () => {
    const run = await doctor({}, {}, '--json', '--for', 'later');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.out)).toEqual({ schemaVersion: 1, version: pkg.version, ok: false, error: "--for must be `deploy` or `redeploy`, not 'later'." });
  });
});

describe('doctor: the environment and .env.dev-secrets hold different tokens', () => {
  const envToken = sample.tokens.complete.value;
  const fileToken = sample.tokens.missingDnsEdit.value;
  const files = { ...custom, '.env.dev-secrets': `CLOUDFLARE_API_TOKEN=${fileToken}\nCF_ACCOUNT_ID=${ACME}\n` };
  const warning =
    `⚠ CLOUDFLARE_API_TOKEN in the environment (…${envToken.slice(-4)}) is not the one in .env.dev-secrets (…${fileToken.slice(-4)}); this checked the environment's. ` +
    "A deploy started from this shell uses the environment's; one started where CLOUDFLARE_API_TOKEN is not set (dotenv loading .env.dev-secrets) uses the file's. " +
    "Unset one of them, or run `mastrakit setup` to replace the file's.";

  it('says both, by their last four characters only, right under the first line', async () => {
    const run = await doctor(files, { CLOUDFLARE_API_TOKEN: envToken });
    expect(run.code).toBe(0);
    expect(run.lines[0]).toContain('from environment');
    expect(run.lines[1]).toBe(warning);
    expect(run.out).not.toContain(envToken);
    expect(run.out).not.toContain(fileToken);
  });

  it('--json carries it in warnings', async () => {
    const run = await doctor(files, { CLOUDFLARE_API_TOKEN: envToken }, '--json');
    expect(JSON.parse(run.out).warnings).toEqual([warning.slice(2)]);
  });

  it.each([
    ['the same token in both (quotes and spaces aside)', { CLOUDFLARE_API_TOKEN: ` "${fileToken}" ` }],
    ['only the file holds one', {}],
  ])('no warning when %s', async (_name, env) => {
    const run = await doctor(files, env as Record<string, string>, '--json');
    expect(JSON.parse(run.out).warnings).toEqual([]);
  });
});
