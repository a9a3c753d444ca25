import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeHex32, sampleWorld } from '../../src/stand-in/index.js';
import { testDeps } from '../support/deps.js';
import { useStandIn } from '../support/stand-in.js';
import { makeProject, read, removeProjects, snapshot } from '../wizard/harness.js';

// `setup --create --token-stdin`: the script's way, in-process through main().

const s = sampleWorld();
const ACME = s.account.id;
const BOOTSTRAP = s.tokens.bootstrap;
const FLAT = '{ "slug": "acme", "domain": "example.com", "domainStyle": "flat" }\n';

const standIn = useStandIn({ world: s.world }, { each: true });
afterEach(removeProjects);

async function createFromStdin(dir: string, input: string, ...flags: string[]) {
  const stdin = new PassThrough();
  stdin.end(input);
  const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, cwd: dir, stdin });
  const code = await main(['setup', '--create', '--token-stdin', '--cwd', dir, ...flags], deps);
  const shown = deps.out() + deps.err();
  expect(shown).not.toContain(BOOTSTRAP.value);
  for (const t of standIn.created) expect(shown).not.toContain(t.value);
  return { code, out: deps.out(), err: deps.err() };
}

const writes = () => standIn.writes.map((w) => `${w.method} ${w.path.replace('/client/v4', '')} ${w.status}`);

describe('setup --create --token-stdin', () => {
  it('with --yes and --account-id: creates, narrows, checks, saves, deletes the bootstrap; exit 0', async () => {
    const dir = makeProject({ config: FLAT });
    const run = await createFromStdin(dir, `${BOOTSTRAP.value}\n`, '--yes', '--account-id', ACME, '--expires', '2027-06-30');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const made = standIn.created[0];
    expect(made).toBeDefined();
    expect(read(dir, '.env.dev-secrets')).toBe(`CLOUDFLARE_API_TOKEN=${made?.value}\nCF_ACCOUNT_ID=${ACME}\n`);
    const token = standIn.world.tokens.find((t) => t.id === made?.id);
    expect(token?.zones).toEqual([s.zone.id]);
    expect(token?.expiresOn).toBe('2027-06-30T23:59:59Z');
    expect(writes()).toEqual(['POST /user/tokens 200', `PUT /user/tokens/${made?.id} 200`, `DELETE /user/tokens/${BOOTSTRAP.id} 200`]);
    expect(run.out).toContain('Creating CLOUDFLARE_API_TOKEN for a deploy to auth-acme.example.com (flat)');
    expect(run.out).toContain('  Zone Resources:    only the zone that holds example.com');
    expect(run.out).toContain('✔ Zone: Read (zone example.com)');
    expect(run.out).toContain('✔ Deleted the bootstrap token.');
  });

  it('an older token of the same name is kept with --yes, and said', async () => {
    const older = { ...s.tokens.complete, id: fakeHex32('older'), value: `cfut_${'B'.repeat(40)}0123abcd`, name: 'mastrakit-acme-deploy' };
    standIn.addToken(older);
    const dir = makeProject({ config: FLAT });
    const run = await createFromStdin(dir, BOOTSTRAP.value, '--yes', '--account-id', ACME);
    expect(run.code).toBe(0);
    expect(run.out).toContain('⚠ A token named mastrakit-acme-deploy exists already: the new one is named mastrakit-acme-deploy-2.');
    expect(run.out).toContain(`⚠ Kept the older token named mastrakit-acme-deploy (id ${older.id})`);
    expect(standIn.world.tokens.some((t) => t.id === older.id)).toBe(true);
  });

  it('without --yes: exit 2 before reading the token or asking Cloudflare', async () => {
    const dir = makeProject({ config: FLAT });
    const run = await createFromStdin(dir, BOOTSTRAP.value, '--account-id', ACME);
    expect(run.code).toBe(2);
    expect(run.err).toContain('add --yes to confirm');
    expect(standIn.requests).toEqual([]);
  });

  it('no account id and a bootstrap token that lists none: exit 2 naming --account-id, nothing created', async () => {
    const dir = makeProject({ config: FLAT });
    const before = snapshot(dir);
    const run = await createFromStdin(dir, BOOTSTRAP.value, '--yes');
    expect(run.code).toBe(2);
    expect(run.err).toContain('add --account-id <id>');
    expect(writes()).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a Global API Key on stdin: exit 1 with the template sentence, never sent', async () => {
    const dir = makeProject({ config: FLAT });
    const run = await createFromStdin(dir, 'b'.repeat(37), '--yes', '--account-id', ACME);
    expect(run.code).toBe(1);
    expect(run.err).toContain('This is a Global API Key, not an API token: make a short-lived token from the "Create Additional Tokens" template');
    expect(standIn.requests).toEqual([]);
  });

  it('the check fails after the create: rolled back, exit 1, nothing written', async () => {
    standIn.fault({ kind: 'cf-error', status: 403, code: 9109, message: 'Unauthorized to access requested resource', path: '/dns_records/', method: 'DELETE', times: Infinity });
    const dir = makeProject({ config: FLAT });
    const before = snapshot(dir);
    const run = await createFromStdin(dir, BOOTSTRAP.value, '--yes', '--account-id', ACME);
    expect(run.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    expect(run.out).toContain('Deleted the token mastrakit-acme-deploy again: nothing was saved.');
    expect(standIn.world.tokens.some((t) => t.id === standIn.created[0]?.id)).toBe(false);
    // The bootstrap token stays for another try.
    expect(standIn.world.tokens.some((t) => t.id === BOOTSTRAP.id)).toBe(true);
  });

  it('--expires without --create, and a malformed --expires, are usage errors', async () => {
    const dir = makeProject({ config: FLAT });
    const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, cwd: dir });
    expect(await main(['setup', '--expires', 'never', '--cwd', dir], deps)).toBe(2);
    expect(await main(['setup', '--create', '--expires', 'soon', '--cwd', dir], deps)).toBe(2);
    expect(deps.err()).toContain('--expires goes with --create');
    expect(deps.err()).toContain('--expires must be a date (YYYY-MM-DD) or `never`');
  });
});
