import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsOnAccount, holdsOnZone } from '../../src/stand-in/permissions.js';
import { fakeHex32, sampleWorld, startStandIn, type StandIn, type StandInZone } from '../../src/stand-in/index.js';
import type { TestDeps } from '../support/deps.js';
import { registerSecret } from '../support/secret-scan.js';
import { makeProject, read, removeProjects, runScripted, snapshot, type Run, type RunOptions } from '../wizard/harness.js';
import { CANCEL, type Step } from '../wizard/scripted-prompter.js';

// `setup --create` through the wizard, in-process with a scripted prompter, against the stand-in: what
// was asked and shown, what the stand-in's world holds afterwards, and every write it saw.

const s = sampleWorld();
const ACME = s.account.id;
const BOOTSTRAP = s.tokens.bootstrap;
// A second zone in Acme: the created token must end up on example.com alone.
const acmeTwo: StandInZone = { id: fakeHex32('zone:acme-two.example'), name: 'acme-two.example', accountId: ACME };
const world = { ...s.world, zones: [...s.world.zones, acmeTwo] };
const FLAT = '{ "slug": "acme", "domain": "example.com", "domainStyle": "flat" }\n';

let standIn: StandIn;
beforeEach(async () => {
  standIn = await startStandIn({ world });
});
afterEach(async () => {
  for (const t of standIn.created) registerSecret(t.value);
  await standIn.close();
  removeProjects();
});

/** The writes the stand-in saw, as `METHOD path status`. */
function writes(): string[] {
  return standIn.writes.map((w) => `${w.method} ${w.path.replace('/client/v4', '')} ${w.status}`);
}

function createdToken() {
  const made = standIn.created[0];
  return made ? standIn.world.tokens.find((t) => t.id === made.id) : undefined;
}

async function run(dir: string, script: Step[], options: RunOptions = {}): Promise<Run> {
  const result = await runScripted(standIn.baseUrl, dir, script, { ...options, flags: { create: true, ...options.flags } });
  const shown = result.prompter.transcript() + result.deps.out() + result.deps.err();
  expect(shown).not.toContain(BOOTSTRAP.value);
  for (const t of standIn.created) expect(shown).not.toContain(t.value);
  for (const r of standIn.requests) for (const t of [BOOTSTRAP, ...standIn.created]) expect(r.path).not.toContain(t.value);
  return result;
}

/** The wizard up to the confirmation screen, for a flat deploy to example.com and an account typed in. */
const upToConfirm: Step[] = [
  ['confirm', true, 'as mastrakit.config.json says'],
  ['password', BOOTSTRAP.value, 'bootstrap token'],
  ['text', ACME, 'account id'],
  ['select', 'year', 'expire'],
];

describe('setup --create in the wizard', () => {
  it('flat custom domain: creates with the account zones, narrows to example.com, checks, saves, deletes the bootstrap', async () => {
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [...upToConfirm, ['confirm', true, 'Create this token'], ['confirm', true, 'Delete the bootstrap token']]);
    expect(result.error).toBeNull();
    expect(result.code).toBe(0);
    expect(result.prompter.remaining()).toBe(0);

    const token = createdToken();
    expect(token).toBeDefined();
    if (!token) return;
    expect(token.name).toBe('mastrakit-acme-deploy');
    expect(read(dir, '.env.dev-secrets')).toBe(`CLOUDFLARE_API_TOKEN=${token.value}\nCF_ACCOUNT_ID=${ACME}\n`);
    // Exactly one account and one zone: the second Acme zone and Other Corp are out of reach.
    expect(token.accounts).toEqual([ACME]);
    expect(token.zones).toEqual([s.zone.id]);
    expect(holdsOnZone(standIn.world, token, 'dns:edit', s.zone)).toBe(true);
    expect(holdsOnZone(standIn.world, token, 'dns:edit', acmeTwo)).toBe(false);
    expect(holdsOnAccount(standIn.world, token, 'workers_scripts:edit', s.otherAccount.id)).toBe(false);
    expect(token.expiresOn).toBe('2027-11-27T12:00:00Z');
    // The bootstrap token is gone; the only writes are the create, the narrowing and that delete.
    expect(standIn.world.tokens.some((t) => t.id === BOOTSTRAP.id)).toBe(false);
    expect(writes()).toEqual(['POST /user/tokens 200', `PUT /user/tokens/${token.id} 200`, `DELETE /user/tokens/${BOOTSTRAP.id} 200`]);

    const shown = result.prompter.transcript();
    const screen = result.prompter.shown.find((x) => x.kind === 'note' && x.text.startsWith('mastrakit will create this token'))?.text ?? '';
    expect(screen).toContain('Token name:        mastrakit-acme-deploy');
    expect(screen).toContain('Account · Workers Scripts · Edit');
    expect(screen).toContain('Zone · DNS · Edit');
    expect(screen).not.toContain('SSL and Certificates');
    expect(screen).toContain(`Account Resources: account ${ACME} only`);
    expect(screen).toContain('Zone Resources:    only the zone that holds example.com');
    expect(screen).toContain('Expires:           2027-11-27');
    expect(shown).toContain('Create Additional Tokens');
    expect(shown).toContain('https://dash.cloudflare.com/profile/api-tokens');
    // `setup --create`: step 3 shows the rows, not the dashboard form's advice nor the template warning.
    const table = result.prompter.shown.find((x) => x.kind === 'note' && x.text.includes('Workers Scripts'))?.text ?? '';
    expect(table).toContain('Workers KV Storage');
    expect(shown).not.toContain('Zone Resources: Include');
    expect(shown).not.toContain('TTL: leave blank');
    expect(shown).not.toContain('Use a Custom Token');
    expect(shown).toContain('Created the token mastrakit-acme-deploy, its Zone Resources narrowed to the zone example.com');
    expect(shown).toContain('✔ DNS: Edit');
    expect(shown).not.toMatch(/All zones|reaches 2 accounts/);
    expect(shown).toContain('Deleted the bootstrap token.');
    expect(result.prompter.shown.at(-1)?.text).toContain('mastrakit doctor --key CLOUDFLARE_API_TOKEN');
    // Nothing asked between the create and the save: the bootstrap question comes after "Created .env.dev-secrets".
    const order = result.prompter.shown.map((x) => x.text);
    const saved = order.findIndex((t) => t.startsWith('Created .env.dev-secrets'));
    expect(saved).toBeGreaterThan(order.findIndex((t) => t.includes('Create this token')));
    expect(order.findIndex((t) => t.startsWith('Delete the bootstrap token'))).toBeGreaterThan(saved);
  });

  it('chosen at step 4, *.workers.dev, account from CF_ACCOUNT_ID, bootstrap kept: no zone policy, no PUT', async () => {
    const dir = makeProject({ config: '{ "slug": "acme" }\n' });
    const result = await run(
      dir,
      [
        ['confirm', false, 'custom domain'],
        ['select', 'create', 'How do you want to create the token?'],
        ['password', BOOTSTRAP.value, 'bootstrap token'],
        ['select', 'never', 'expire'],
        ['confirm', true, 'Create this token'],
        ['confirm', false, 'Delete the bootstrap token'],
      ],
      { env: { CF_ACCOUNT_ID: ACME }, flags: { create: false } },
    );
    expect(result.code).toBe(0);
    const token = createdToken();
    expect(token?.zonePermissions).toEqual([]);
    expect(token?.policies?.map((p) => Object.keys(p.resources))).toEqual([[`com.cloudflare.api.account.${ACME}`]]);
    expect(token?.expiresOn).toBeNull();
    expect(writes()).toEqual(['POST /user/tokens 200']);
    expect(standIn.world.tokens.some((t) => t.id === BOOTSTRAP.id)).toBe(true);
    const shown = result.prompter.transcript();
    expect(shown).toContain('Zone Resources:    none (*.workers.dev needs no zone)');
    expect(shown).toContain('Expires:           never');
    expect(shown).toContain('Kept the bootstrap token');
    expect(shown).not.toContain('narrowed');
  });

  it('a new token is refused for a moment (propagation): the flow waits and goes on', async () => {
    await standIn.close();
    standIn = await startStandIn({ world, propagationRefusals: 3 });
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [...upToConfirm, ['confirm', true, 'Create this token'], ['confirm', true, 'Delete the bootstrap token']]);
    expect(result.code).toBe(0);
    expect(createdToken()?.zones).toEqual([s.zone.id]);
  });

  it('a name already taken: created as mastrakit-acme-deploy-2, then the older one deleted when the user says so', async () => {
    const older = { ...s.tokens.complete, id: fakeHex32('older-token'), value: 'cfut_' + 'A'.repeat(40) + '0123abcd', name: 'mastrakit-acme-deploy' };
    standIn.addToken(older);
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [
      ...upToConfirm,
      ['confirm', true, 'Create this token'],
      ['confirm', true, 'older token named mastrakit-acme-deploy'],
      ['confirm', true, 'Delete the bootstrap token'],
    ]);
    expect(result.code).toBe(0);
    expect(createdToken()?.name).toBe('mastrakit-acme-deploy-2');
    const ask = result.prompter.prompts.find((p) => p.message.includes('older token'));
    expect(ask?.initialValue).toBe(false);
    expect(result.prompter.transcript()).toContain('A token named mastrakit-acme-deploy exists already: the new one is named mastrakit-acme-deploy-2.');
    expect(result.prompter.transcript()).toContain(`Deleted the older token mastrakit-acme-deploy (id ${older.id}).`);
    expect(standIn.world.tokens.some((t) => t.id === older.id)).toBe(false);
  });
});

describe('setup --create refusals, before anything is created', () => {
  it('a Global API Key instead of a token: refused at the prompt naming the template, never sent', async () => {
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [
      ['confirm', true, 'as mastrakit.config.json says'],
      ['password', 'a'.repeat(37), 'bootstrap token'],
      ['password', CANCEL, 'bootstrap token'],
    ]);
    expect(result.code).toBe(130);
    const refused = result.prompter.prompts.find((p) => p.kind === 'password')?.errors ?? [];
    expect(refused).toEqual(['This is a Global API Key, not an API token: make a short-lived token from the "Create Additional Tokens" template and paste that.']);
    expect(standIn.requests).toEqual([]);
  });

  it('a token without the API Tokens right (a deploy token): one sentence naming the template; quit creates nothing', async () => {
    const dir = makeProject({ config: FLAT });
    const before = snapshot(dir);
    const result = await run(dir, [
      ['confirm', true, 'as mastrakit.config.json says'],
      ['password', s.tokens.complete.value, 'bootstrap token'],
      ['select', 'quit', 'What now?'],
    ]);
    expect(result.code).toBe(1);
    expect(result.prompter.transcript()).toContain(
      '❌ this token may not manage API tokens: make the bootstrap token from the "Create Additional Tokens" template (API Tokens: Edit) and paste that.',
    );
    expect(writes()).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('Ctrl-C on the confirmation screen: exit 130, nothing created, nothing written', async () => {
    const dir = makeProject({ config: FLAT });
    const before = snapshot(dir);
    const result = await run(dir, [...upToConfirm, ['confirm', CANCEL, 'Create this token']]);
    expect(result.code).toBe(130);
    expect(writes()).toEqual([]);
    expect(standIn.created).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('"No" on the confirmation screen: exit 0, nothing created', async () => {
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [...upToConfirm, ['confirm', false, 'Create this token']]);
    expect(result.code).toBe(0);
    expect(writes()).toEqual([]);
    expect(result.prompter.shown.at(-1)?.text).toBe('Nothing was created or written.');
  });
});

describe('setup --create, a failed create', () => {
  it('403 (a bootstrap token with API Tokens Read only): the sentence names the template; nothing created', async () => {
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [
      ['confirm', true, 'as mastrakit.config.json says'],
      ['password', s.tokens.bootstrapReadOnly.value, 'bootstrap token'],
      ['text', ACME, 'account id'],
      ['select', 'year', 'expire'],
      ['confirm', true, 'Create this token'],
    ]);
    expect(result.code).toBe(1);
    expect(result.prompter.transcript()).toContain(
      '❌ Cloudflare refused to create the token (HTTP 403, code 9109: Unauthorized to access requested resource): the bootstrap token needs API Tokens: Edit; make it from the "Create Additional Tokens" template. Nothing was created.',
    );
    expect(writes()).toEqual(['POST /user/tokens 403']);
    expect(standIn.created).toEqual([]);
    expect(() => read(dir, '.env.dev-secrets')).toThrow();
  });

  it('400 with a Cloudflare error: its words shown, made safe (no escape sequence); nothing created', async () => {
    standIn.fault({ kind: 'cf-error', status: 400, code: 1001, message: 'Invalid policy\u001b[2J resources', path: '/user/tokens', method: 'POST' });
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [...upToConfirm, ['confirm', true, 'Create this token']]);
    expect(result.code).toBe(1);
    const shown = result.prompter.transcript();
    expect(shown).toContain('❌ Cloudflare did not create the token (HTTP 400, code 1001: Invalid policy\\x1b[2J resources). Nothing was created.');
    expect(shown).not.toContain('\u001b');
    expect(standIn.created).toEqual([]);
  });

  it('a create that times out: exit 3, and the user is told the token may exist under its name', async () => {
    standIn.fault({ kind: 'hang-headers', path: '/user/tokens', method: 'POST' });
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [...upToConfirm, ['confirm', true, 'Create this token']], { flags: { timeoutSeconds: 0.3 } });
    expect(result.code).toBe(3);
    expect(result.prompter.transcript()).toContain(
      'The token "mastrakit-acme-deploy" may have been created all the same: look for it at https://dash.cloudflare.com/profile/api-tokens and delete it if it is there.',
    );
    // One POST only: a create is never retried.
    expect(standIn.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});

describe('setup --create, rollback after the create', () => {
  it('the check fails after the create: the new token is deleted again, nothing saved, exit 1', async () => {
    standIn.fault({ kind: 'cf-error', status: 403, code: 9109, message: 'Unauthorized to access requested resource', path: '/dns_records/', method: 'DELETE', times: Infinity });
    const dir = makeProject({ config: FLAT });
    const before = snapshot(dir);
    const result = await run(dir, [...upToConfirm, ['confirm', true, 'Create this token']]);
    expect(result.code).toBe(1);
    const id = standIn.created[0]?.id;
    expect(writes()).toEqual(['POST /user/tokens 200', `PUT /user/tokens/${id} 200`, `DELETE /user/tokens/${id} 200`]);
    expect(standIn.world.tokens.some((t) => t.id === id)).toBe(false);
    expect(snapshot(dir)).toEqual(before);
    const shown = result.prompter.transcript();
    expect(shown).toContain('❌ missing permission: com.cloudflare.edge.dns.write');
    expect(shown).toContain('Deleted the token mastrakit-acme-deploy again: nothing was saved.');
  });

  it('Ctrl-C while the new token is checked: rolled back, exit 130, nothing written', async () => {
    const dir = makeProject({ config: FLAT });
    const before = snapshot(dir);
    const result = await run(dir, [...upToConfirm, ['confirm', true, 'Create this token'], ['spin', CANCEL, 'Checking the new token']]);
    expect(result.code).toBe(130);
    expect(result.error?.message).toBe('Cancelled. Nothing was saved, and no token was left behind.');
    const id = standIn.created[0]?.id;
    expect(id).toBeDefined();
    expect(standIn.world.tokens.some((t) => t.id === id)).toBe(false);
    expect(writes().at(-1)).toBe(`DELETE /user/tokens/${id} 200`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('Ctrl-C while the token is being created: the create is waited for, then deleted', async () => {
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [...upToConfirm, ['confirm', true, 'Create this token'], ['spin', CANCEL, 'Creating the token']]);
    expect(result.code).toBe(130);
    expect(standIn.created).toHaveLength(1);
    expect(standIn.world.tokens.some((t) => t.id === standIn.created[0]?.id)).toBe(false);
  });

  it('a signal (SIGTERM) after the create: the registered cleanup deletes the token, says so, and nothing is saved', async () => {
    standIn.fault({ kind: 'slow', ms: 300, path: '/members', times: Infinity });
    const dir = makeProject({ config: FLAT });
    let deps: TestDeps | undefined;
    const running = run(dir, [...upToConfirm, ['confirm', true, 'Create this token']], { onDeps: (d) => (deps = d) });
    while (!standIn.requests.some((r) => r.path.includes('/members'))) await new Promise((r) => setTimeout(r, 10));
    // What cli.ts does on SIGTERM before it exits: run every registered cleanup.
    expect(deps?.signalCleanups.size).toBe(1);
    await Promise.all([...(deps?.signalCleanups ?? [])].map((cleanup) => cleanup()));
    const id = standIn.created[0]?.id;
    expect(standIn.world.tokens.some((t) => t.id === id)).toBe(false);
    expect(deps?.err()).toContain('✔ Deleted the token mastrakit-acme-deploy again: nothing was saved.');
    const result = await running;
    expect(result.code).not.toBe(0);
    expect(readdirSync(dir)).not.toContain('.env.dev-secrets');
    expect(writes().filter((w) => w.startsWith('DELETE /user/tokens/'))).toEqual([`DELETE /user/tokens/${id} 200`]);
  });

  it('the rollback itself fails: the outro names the token (name and id) to delete in the dashboard', async () => {
    standIn.fault({ kind: 'cf-error', status: 403, code: 9109, message: 'Unauthorized to access requested resource', path: '/dns_records/', method: 'DELETE', times: Infinity });
    standIn.fault({ kind: 'status', status: 500, path: '/user/tokens/', method: 'DELETE', times: Infinity });
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [...upToConfirm, ['confirm', true, 'Create this token']]);
    expect(result.code).toBe(1);
    const id = standIn.created[0]?.id ?? '';
    expect(standIn.world.tokens.some((t) => t.id === id)).toBe(true);
    const outro = result.prompter.shown.at(-1)?.text ?? '';
    expect(outro).toContain(`delete "mastrakit-acme-deploy" (id ${id}) at https://dash.cloudflare.com/profile/api-tokens`);
    expect(readdirSync(dir)).not.toContain('.env.dev-secrets');
  });
});

describe('files', () => {
  it('the created token is written to .env.dev-secrets only', async () => {
    const dir = makeProject({ config: FLAT });
    await run(dir, [...upToConfirm, ['confirm', true, 'Create this token'], ['confirm', true, 'Delete the bootstrap token']]);
    const value = standIn.created[0]?.value ?? 'missing';
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(text.includes(value)).toBe(name === '.env.dev-secrets');
      expect(text).not.toContain(BOOTSTRAP.value);
    }
  });
});

describe('setup --create, late failures and signals (review)', () => {
  it('a narrowing that Cloudflare answers as done but did not make: the check sees every zone of the account, so it is rolled back, not saved', async () => {
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [...upToConfirm, ['confirm', true, 'Create this token']], {
      // The PUT is answered with a success envelope (a verify's) and never reaches the stand-in.
      onDeps: (d) => {
        const real = d.fetch;
        d.fetch = (url, init) => (init?.method === 'PUT' ? real(url.replace(/\/user\/tokens\/[0-9a-f]{32}$/, '/user/tokens/verify'), { ...init, method: 'GET', body: undefined }) : real(url, init));
      },
    });
    expect(result.code).toBe(1);
    const id = standIn.created[0]?.id;
    expect(id).toBeDefined();
    expect(standIn.world.tokens.some((t) => t.id === id)).toBe(false);
    expect(readdirSync(dir)).not.toContain('.env.dev-secrets');
    const shown = result.prompter.transcript();
    expect(shown).toContain('reaches 2 zones');
    expect(shown).toContain('The new token reaches more than the one account and zone it was made for, so it is not saved.');
    expect(shown).toContain('Deleted the token mastrakit-acme-deploy again: nothing was saved.');
  });

  it('a signal while the new token is being saved: the save is let finish and the token kept (never a deleted token in .env.dev-secrets)', async () => {
    const dir = makeProject({ config: FLAT, git: true });
    let cleaning: Promise<unknown> | undefined;
    const result = await run(dir, [...upToConfirm, ['confirm', true, 'Add it to .gitignore'], ['confirm', true, 'Create this token'], ['confirm', false, 'Delete the bootstrap token']], {
      onDeps: (d) => {
        const real = d.git;
        d.git = (args, cwd) => {
          // A signal while the save's first git command runs (.gitignore): what cli.ts does then, run the cleanups.
          if (standIn.created.length > 0 && !cleaning) {
            const cleanups = [...d.signalCleanups];
            cleaning = new Promise((r) => setImmediate(r)).then(() => Promise.all(cleanups.map((cleanup) => cleanup())));
          }
          return real(args, cwd);
        };
      },
    });
    expect(cleaning).toBeDefined();
    await cleaning;
    expect(result.code).toBe(0);
    const token = createdToken();
    expect(token).toBeDefined();
    expect(read(dir, '.env.dev-secrets')).toContain(`CLOUDFLARE_API_TOKEN=${token?.value}`);
    expect(writes().filter((w) => w.startsWith('DELETE'))).toEqual([]);
    expect(result.deps.err()).toContain('Saved the token mastrakit-acme-deploy');
  });
});

describe('setup --create, Ctrl-C once the token is saved (review)', () => {
  it('at "Delete the bootstrap token?": exit 130, the saved token stays, and the user is told the bootstrap token was kept', async () => {
    const dir = makeProject({ config: FLAT });
    const result = await run(dir, [...upToConfirm, ['confirm', true, 'Create this token'], ['confirm', CANCEL, 'Delete the bootstrap token']]);
    expect(result.code).toBe(130);
    const token = createdToken();
    expect(read(dir, '.env.dev-secrets')).toContain(`CLOUDFLARE_API_TOKEN=${token?.value}`);
    expect(standIn.world.tokens.some((t) => t.id === BOOTSTRAP.id)).toBe(true);
    expect(result.error?.message).toContain('The new token is saved');
    expect(result.error?.message).toContain('Kept the bootstrap token: delete it at https://dash.cloudflare.com/profile/api-tokens');
  });
});
