import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleWorld, startStandIn, type StandIn } from '../../../src/stand-in/index.js';
import { BIN, project, runBin } from '../../support/bin.js';
import { recordOutput, registerSecret } from '../../support/secret-scan.js';

// `setup --create --token-stdin` through the built bin: what only a process shows (the exit code, and
// SIGTERM after the create rolling the token back before the process ends).

const s = sampleWorld();
const ACME = s.account.id;
const BOOTSTRAP = s.tokens.bootstrap.value;
registerSecret(BOOTSTRAP);
const FLAT = '{ "slug": "acme", "domain": "example.com", "domainStyle": "flat" }\n';

const open: { standIn: StandIn; dir: string }[] = [];
afterEach(async () => {
  for (const { standIn, dir } of open.splice(0)) {
    for (const t of standIn.created) registerSecret(t.value);
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function setUp(): Promise<{ standIn: StandIn; dir: string }> {
  const standIn = await startStandIn({ world: s.world });
  const dir = project({ 'mastrakit.config.json': FLAT });
  open.push({ standIn, dir });
  return { standIn, dir };
}

describe('mastrakit setup --create --token-stdin (the built bin)', () => {
  it('creates, checks and saves: exit 0, the created token only in .env.dev-secrets', async () => {
    const { standIn, dir } = await setUp();
    const result = await runBin(['setup', '--create', '--token-stdin', '--yes', '--account-id', ACME], {
      cwd: dir,
      env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl },
      input: `${BOOTSTRAP}\n`,
    });
    for (const t of standIn.created) registerSecret(t.value);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ Deleted the bootstrap token.');
    expect(standIn.writes.map((w) => w.method)).toEqual(['POST', 'PUT', 'DELETE']);
  });

  it('SIGTERM while the new token is checked: the token is deleted before the process ends (exit 143), nothing saved', async () => {
    const { standIn, dir } = await setUp();
    standIn.fault({ kind: 'hang-headers', path: '/members', times: Infinity });
    const child = spawn(process.execPath, [BIN, 'setup', '--create', '--token-stdin', '--yes', '--account-id', ACME], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1', CLOUDFLARE_API_BASE_URL: standIn.baseUrl },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdin.end(`${BOOTSTRAP}\n`);
    for (let i = 0; i < 400 && !standIn.requests.some((r) => r.path.includes('/members')); i++) await delay(25);
    const id = standIn.created[0]?.id;
    expect(id).toBeDefined();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((done) => child.once('close', (c, signal) => done(c ?? (signal ? -1 : null))));
    recordOutput('bin stdout', stdout);
    recordOutput('bin stderr', stderr);
    for (const t of standIn.created) registerSecret(t.value);
    expect(code).toBe(143);
    expect(stderr).toContain('Stopped (SIGTERM).');
    expect(stderr).toContain('Deleted the token mastrakit-acme-deploy again: nothing was saved.');
    expect(standIn.world.tokens.some((t) => t.id === id)).toBe(false);
    expect(readdirSync(dir)).not.toContain('.env.dev-secrets');
    expect(standIn.writes.map((w) => `${w.method} ${w.status}`)).toEqual(['POST 200', 'PUT 200', 'DELETE 200']);
  });
});
