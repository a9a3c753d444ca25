import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleWorld, startStandIn, type StandIn } from '../../../src/stand-in/index.js';
import { runInPty, type PtyRun } from '../../support/pty.js';
import { registerSecret } from '../../support/secret-scan.js';

// The wizard's "Let mastrakit create it", as a user meets it: the built bin in a real pseudo-terminal.

const s = sampleWorld();
const BOOTSTRAP = s.tokens.bootstrap;
registerSecret(BOOTSTRAP.value);
const ENTER = '\r';
const DOWN = '\x1b[B';

const open: { run?: PtyRun; standIn: StandIn; dir: string }[] = [];
afterEach(async () => {
  for (const { run, standIn, dir } of open.splice(0)) {
    run?.kill();
    for (const t of standIn.created) registerSecret(t.value);
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** No 12-character piece of the secret on any screen or in any byte written. */
function neverShown(run: PtyRun, secret: string): void {
  const pieces = Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));
  for (const text of [run.raw(), run.bufferText(), ...run.screens.map((x) => x.text)]) {
    for (const piece of pieces) expect(text).not.toContain(piece);
  }
}

describe('mastrakit setup: "Let mastrakit create it" in a pseudo-terminal', () => {
  it('choose it at step 4, paste the bootstrap token, type the account, confirm: the token is created, checked and saved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mastrakit-pty-create-'));
    writeFileSync(join(dir, 'mastrakit.config.json'), '{ "slug": "acme", "domain": "example.com", "domainStyle": "flat" }\n');
    const standIn = await startStandIn({ world: s.world });
    const run = runInPty(['setup'], { cwd: dir, cols: 100, rows: 40, env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl } });
    open.push({ run, standIn, dir });

    await run.waitFor('as mastrakit.config.json says?');
    run.write(ENTER);
    const way = await run.waitFor('How do you want to create the token?');
    expect(way).toMatch(/● In the Cloudflare dashboard/);
    run.write(DOWN);
    await run.waitFor(/● Let mastrakit create it/);
    run.write(ENTER);
    const steps = await run.waitFor('Paste the bootstrap token');
    expect(run.bufferText()).toContain('"Create Additional Tokens" template');
    expect(steps).toContain('https://dash.cloudflare.com/profile/api-tokens');
    run.write(BOOTSTRAP.value + ENTER);
    await run.waitFor('Which Cloudflare account?');
    run.write(s.account.id + ENTER);
    await run.waitFor('When should the token expire?');
    run.write(ENTER);
    const screen = await run.waitFor('Create this token in your Cloudflare account?');
    expect(screen).toContain('mastrakit-acme-deploy');
    expect(screen).toContain(`Account Resources: account ${s.account.id} only`);
    expect(screen).toContain('Zone Resources:    only the zone that holds example.com');
    run.write(ENTER);
    await run.waitFor('Delete the bootstrap token now?');
    expect(run.bufferText()).toContain('✔ DNS: Edit');
    run.write(ENTER);
    await run.waitFor('Ready to deploy');
    expect(await run.exit).toBe(0);
    expect(run.cursorVisible()).toBe(true);

    const made = standIn.created[0];
    expect(made).toBeDefined();
    const saved = readFileSync(join(dir, '.env.dev-secrets'), 'utf8');
    expect(saved).toBe(`CLOUDFLARE_API_TOKEN=${made?.value}\nCF_ACCOUNT_ID=${s.account.id}\n`);
    expect(statSync(join(dir, '.env.dev-secrets')).mode & 0o777).toBe(0o600);
    expect(standIn.world.tokens.find((t) => t.id === made?.id)?.zones).toEqual([s.zone.id]);
    expect(standIn.world.tokens.some((t) => t.id === BOOTSTRAP.id)).toBe(false);
    neverShown(run, BOOTSTRAP.value);
    neverShown(run, made?.value ?? '');
  });
});
