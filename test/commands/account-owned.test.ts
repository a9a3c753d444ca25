import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { sampleWorld } from '../../src/stand-in/index.js';
import { testDeps } from '../support/deps.js';
import { makeProject, read, removeProjects, runScripted, snapshot } from '../wizard/harness.js';
import { useStandIn } from '../support/stand-in.js';

/**
 * Account-owned tokens (`cfat_`) with no account id. `GET /accounts` is reported both to refuse them
 * (400 / 1001) and to answer: the stand-in's switch plays each (docs/cloudflare-api.md).
 */
const sample = sampleWorld();
const ACME = sample.account.id;
const standIn = useStandIn({ world: sample.world });
afterEach(() => {
  removeProjects();
  delete standIn.world.accountTokensListAccounts;
});

async function doctor(token: string, args: string[] = []) {
  const dir = makeProject({ config: '{"slug":"acme","domain":"example.com","domainStyle":"flat"}', secrets: `CLOUDFLARE_API_TOKEN=${token}\n` });
  const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, NO_COLOR: '1' }, cwd: dir });
  const code = await main(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', ...args], deps);
  return { code, out: deps.out(), err: deps.err() };
}

const NEEDED =
  "✖ This is an account-owned token (cfat_…): Cloudflare checks it only at its own account, and will not list accounts for it. Say which account with --account-id <id>, or CF_ACCOUNT_ID in .env.dev-secrets (the dashboard's URL and the account's Overview page show the 32-character id).\n";

describe('doctor: an account-owned token and no account id', () => {
  it('/accounts refuses it (400 / 1001): exit 2, saying it is account-owned and how to give the account', async () => {
    standIn.world.accountTokensListAccounts = 'refuse';
    const run = await doctor(sample.tokens.accountOwned.value);
    expect(run.code).toBe(2);
    expect(run.err).toBe(NEEDED);
    expect(run.out).toBe('');
  });

  it('--json: the same sentence as one JSON document', async () => {
    standIn.world.accountTokensListAccounts = 'refuse';
    const run = await doctor(sample.tokens.accountOwned.value, ['--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.out)).toEqual({ schemaVersion: 1, version: expect.any(String), ok: false, error: NEEDED.slice(2, -1) });
  });

  it('given with --account-id, it is checked at its account: exit 0, and no line about the refused list', async () => {
    standIn.world.accountTokensListAccounts = 'refuse';
    const run = await doctor(sample.tokens.accountOwned.value, ['--account-id', ACME]);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain(`✔ token has access to account Acme Corp (${ACME})`);
    expect(run.out).not.toContain('could not check');
  });

  it('where /accounts answers, the fallback stays: verified at the one account it lists (exit 0)', async () => {
    standIn.world.accountTokensListAccounts = 'list';
    const run = await doctor(sample.tokens.accountOwned.value);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`✔ token has access to account Acme Corp (${ACME}), used as no account id is set`);
  });

  it('a legacy 40-character token refused with 1000 everywhere is still ❌ 401 invalid api token (exit 1)', async () => {
    standIn.world.accountTokensListAccounts = 'refuse';
    const run = await doctor('Q'.repeat(40));
    expect(run.code).toBe(1);
    expect(run.out.split('\n')).toContain('❌ 401 invalid api token');
  });
});

describe('setup: an account-owned token and no account id', () => {
  it('the wizard asks for the account id, refuses one that is not 32 hex, then checks and saves it', async () => {
    standIn.world.accountTokensListAccounts = 'refuse';
    const dir = makeProject();
    const run = await runScripted(
      standIn.baseUrl,
      dir,
      [
        ['password', sample.tokens.accountOwned.value],
        ['text', 'acme-corp', 'Which account'],
        ['text', ACME.toUpperCase(), 'Which account'],
      ],
      { flags: { domain: 'example.com', domainStyle: 'flat', browser: false } },
    );
    expect(run.code).toBe(0);
    const asked = run.prompter.prompts.find((p) => p.kind === 'text');
    expect(asked?.errors).toEqual(["An account id is 32 hexadecimal characters: the dashboard's URL and the account's Overview page show it."]);
    expect(run.prompter.transcript()).toContain('This is an account-owned token: Cloudflare checks it only at its own account');
    expect(read(dir, '.env.dev-secrets')).toBe(`CLOUDFLARE_API_TOKEN=${sample.tokens.accountOwned.value}\nCF_ACCOUNT_ID=${ACME}\n`);
  });

  it('setup --token-stdin cannot ask: exit 2 with the same sentence, nothing written', async () => {
    standIn.world.accountTokensListAccounts = 'refuse';
    const { PassThrough } = await import('node:stream');
    const stdin = new PassThrough();
    stdin.end(sample.tokens.accountOwned.value);
    const dir = makeProject();
    const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, cwd: dir, stdin });
    const code = await main(['setup', '--token-stdin', '--cwd', dir, '--no-domain'], deps);
    expect(code).toBe(2);
    expect(deps.err()).toContain('This is an account-owned token (cfat_…)');
    expect(deps.err()).toContain('--account-id <id> (nothing was written)');
    expect(snapshot(dir)).toEqual({});
  });
});
